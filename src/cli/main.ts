/** `jixiao` — command-line front end over the engine. */
import { Command, CommanderError } from 'commander';
import { LocalizedError } from '../core';
import { CLI_HELP, help } from './help';
import { oneLine } from './messages';
import { clean } from './print';
// each command's modules load only when it runs (serve's fastify and SQLite never for validate)
import type { ReviewOptions } from './review';
import type { ServeOptions } from './serve';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('jixiao')
    .description(`${CLI_HELP.programDescription.zh}\n${CLI_HELP.programDescription.en}`)
    .exitOverride()
    // usage errors quote the user's arguments: shown with control characters escaped
    .configureOutput({ outputError: (s, write) => write(clean(s, true)) });

  program
    .command('validate')
    .description(help('validateDescription'))
    .argument('<paths...>', help('paths'))
    .option('--json', help('json'))
    .option('--jsonl', help('jsonl'))
    .option('--lang <lang>', help('lang'), 'zh')
    .option('--write-marked <dir>', help('writeMarked'))
    .option('--follow-links', help('followLinks'))
    .option('--report <file>', help('report'))
    .action(async (paths: string[], opts: { json?: boolean; jsonl?: boolean; lang: string; writeMarked?: string; followLinks?: boolean; report?: string }) => {
      const { runValidate } = await import('./validate');
      process.exitCode = await runValidate(paths, opts);
    });

  program
    .command('review')
    .description(help('reviewDescription'))
    .argument('<paths...>', help('paths'))
    .option('--out <file>', help('out'))
    .option('--timely <score>', help('timely'))
    .option('--office <name>', help('office'))
    .option('--title <text>', help('title'))
    .option('--rubric <file>', help('rubric'))
    .option('--server <url>', help('server'))
    .option('--token <token>', help('token'))
    .option('--token-file <file>', help('tokenFile'))
    .option('--ca <file>', help('ca'))
    .option('--reviewer <name>', help('reviewer'))
    .option('--graph-table [name]', help('graphTable'))
    .option('--follow-links', help('followLinks'))
    .action(async (paths: string[], opts: ReviewOptions) => {
      const { runReview } = await import('./review');
      process.exitCode = await runReview(paths, opts);
    });

  program
    .command('serve')
    .description(help('serveDescription'))
    .option('--port <n>', help('port'), '3000')
    .option('--host <host>', help('host'), '127.0.0.1')
    .option('--data <dir>', help('data'), 'jixiao-data')
    .option('--cert <file>', help('cert'))
    .option('--key <file>', help('key'))
    .option('--token-file <file>', help('serveTokenFile'))
    .option('--static <dir>', help('static'))
    .option('--body-limit <bytes>', help('bodyLimit'))
    .option('--log', help('log'))
    .option('--allow-origin <origins>', help('allowOrigin'))
    .option('--rubric <file>', help('serveRubric'))
    .option('--db <url>', help('db'))
    .option('--db-pool <n>', help('dbPool'))
    .option('--db-timeout <ms>', help('dbTimeout'))
    .option('--migrate-from <dir>', help('migrateFrom'))
    .action(async (opts: ServeOptions) => {
      const { runServe } = await import('./serve');
      process.exitCode = (await runServe(opts)).code;
    });

  // --- review-server tokens (src/cli/token.ts) ---
  const token = program.command('token').description(help('tokenDescription'));
  token
    .command('add')
    .description(help('addDescription'))
    .requiredOption('--office <name>', help('addOffice'))
    .option('--admin', help('admin'))
    .option('--data <dir>', help('data'), 'jixiao-data')
    .option('--token-file <file>', help('addTokenFile'))
    .option('--out <file>', help('addOut'))
    .option('--db <url>', help('addDb'))
    .action(async (opts: { office: string; admin?: boolean; data?: string; tokenFile?: string; out?: string; db?: string }) => {
      const { runTokenAdd } = await import('./token');
      process.exitCode = await runTokenAdd(opts);
    });
  token
    .command('list')
    .description(help('listDescription'))
    .option('--data <dir>', help('data'), 'jixiao-data')
    .option('--token-file <file>', help('listTokenFile'))
    .option('--db <url>', help('addDb'))
    .action(async (opts: { data?: string; tokenFile?: string; db?: string }) => {
      const { runTokenList } = await import('./token');
      process.exitCode = await runTokenList(opts);
    });
  token
    .command('revoke')
    .description(help('revokeDescription'))
    .argument('<id>', help('id'))
    .option('--data <dir>', help('data'), 'jixiao-data')
    .option('--token-file <file>', help('listTokenFile'))
    .option('--db <url>', help('addDb'))
    .action(async (id: string, opts: { data?: string; tokenFile?: string; db?: string }) => {
      const { runTokenRevoke } = await import('./token');
      process.exitCode = await runTokenRevoke(id, opts);
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
    process.stderr.write(`${e instanceof LocalizedError ? clean(oneLine(e.text)) : clean((e as Error).message, true)}\n`);
    return 2;
  }
}
