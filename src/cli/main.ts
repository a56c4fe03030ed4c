/** `jixiao` — command-line front end over the engine. */
import { Command, CommanderError } from 'commander';
import { runValidate } from './validate';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('jixiao')
    .description('绩效监控校验：校验社保基金支出绩效监控情况表（附件1）并生成审核表（附件2）\nValidates 附件1 performance-monitoring forms and builds the 附件2 review table.')
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(s) });

  program
    .command('validate')
    .description('校验 .xlsx 文件或文件夹中的每个工作表 / validate every sheet of .xlsx files or folders')
    .argument('<paths...>', '.xlsx 文件或文件夹 / .xlsx files or folders')
    .option('--json', '输出 JSON / print JSON')
    .option('--lang <lang>', '语言 zh|en / language', 'zh')
    .option('--write-marked <dir>', '把标记后的副本写到该文件夹（不改动原文件）/ write marked copies to this folder')
    .action(async (paths: string[], opts: { json?: boolean; lang: string; writeMarked?: string }) => {
      process.exitCode = await runValidate(paths, opts);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; any usage error is 2
      return e.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
}
