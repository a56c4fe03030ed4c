/** `jixiao` — command-line front end over the engine. */
import { Command, CommanderError } from 'commander';
import { clean } from './print';
// each command's modules load only when it runs (serve's fastify and SQLite never for validate)
import type { ReviewOptions } from './review';
import type { ServeOptions } from './serve';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('jixiao')
    .description('绩效监控校验：校验社保基金支出绩效监控情况表（附件1）并生成审核表（附件2）\nValidates 附件1 performance-monitoring forms and builds the 附件2 review table.')
    .exitOverride()
    // usage errors quote the user's arguments: shown with control characters escaped
    .configureOutput({ outputError: (s, write) => write(clean(s, true)) });

  program
    .command('validate')
    .description('校验 .xlsx 文件或文件夹中的每个工作表 / validate every sheet of .xlsx files or folders')
    .argument('<paths...>', '.xlsx 文件或文件夹 / .xlsx files or folders')
    .option('--json', '输出 JSON / print JSON')
    .option('--jsonl', '每个文件一行 JSON / one JSON object per file per line')
    .option('--lang <lang>', '语言 zh|en / language', 'zh')
    .option('--write-marked <dir>', '把标记后的副本写到该文件夹（不改动原文件）/ write marked copies to this folder')
    .option('--follow-links', '跟随指向所给文件夹以外的链接 / follow links out of the folders given')
    .action(async (paths: string[], opts: { json?: boolean; jsonl?: boolean; lang: string; writeMarked?: string; followLinks?: boolean }) => {
      const { runValidate } = await import('./validate');
      process.exitCode = await runValidate(paths, opts);
    });

  program
    .command('review')
    .description('生成附件2审核表：每张可识别的附件1一行 / build the 附件2 review table: one row per recognised 附件1')
    .argument('<paths...>', '.xlsx 文件或文件夹 / .xlsx files or folders')
    .option('--out <file>', '输出的附件2 .xlsx / the 附件2 .xlsx to write')
    .option('--timely <score>', '按时报送得分（审核人填写）/ on-time submission score')
    .option('--office <name>', '业务处室 / reviewing office')
    .option('--title <text>', '附件2 标题 / title')
    .option('--rubric <file>', '评分规则 JSON / rubric JSON')
    .option('--server <url>', '追加到审核服务器 / append to a review server')
    .option('--token <token>', '本处室的令牌（在 ps 中可见，建议改用 --token-file 或 JIXIAO_TOKEN）/ your office token (visible in ps; prefer --token-file or JIXIAO_TOKEN)')
    .option('--token-file <file>', '保存令牌的文件 / a file holding your office token')
    .option('--ca <file>', '服务器证书（自签名时）/ the server certificate to trust')
    .option('--reviewer <name>', '审核人（记入审计）/ reviewer name for the audit')
    .option('--graph-table [name]', '写成 Excel 表格（供 Microsoft Graph 目标使用，默认表名 附件2）/ write an Excel table for the Graph destination')
    .option('--follow-links', '跟随指向所给文件夹以外的链接 / follow links out of the folders given')
    .action(async (paths: string[], opts: ReviewOptions) => {
      const { runReview } = await import('./review');
      process.exitCode = await runReview(paths, opts);
    });

  program
    .command('serve')
    .description('审核服务器：HTTPS 提供任务窗格与清单，并保存共享附件2 / review server: pane and manifest over HTTPS, shared 附件2')
    .option('--port <n>', '端口 / port', '3000')
    .option('--host <host>', '监听地址 / listen address', '127.0.0.1')
    .option('--data <dir>', '数据文件夹 / data folder', 'jixiao-data')
    .option('--cert <file>', 'TLS 证书 / certificate (PEM)')
    .option('--key <file>', 'TLS 私钥 / private key (PEM)')
    .option('--token-file <file>', '令牌文件 / token file (default DATA/tokens.json)')
    .option('--static <dir>', '任务窗格文件夹 / built pane folder (default dist/)')
    .option('--body-limit <bytes>', '请求大小上限 / largest request body')
    .option('--log', '记录请求 / log requests')
    .option('--allow-origin <origins>', '允许跨源调用接口的来源，逗号分隔 / origins allowed to call the API (CORS), comma-separated')
    .option('--rubric <file>', '服务器评分所用的评分规则 JSON / the rubric the server scores by')
    .option('--db <url>', '把登记表放在 PostgreSQL（postgres://用户@主机:端口/库，或环境变量 JIXIAO_DB）/ keep the register in PostgreSQL (or JIXIAO_DB)')
    .option('--db-pool <n>', '数据库连接数（默认 10）/ database connections per server (default 10)')
    .option('--db-timeout <ms>', '连接与查询超时（默认 5000）/ connect and query timeout in ms (default 5000)')
    .option('--migrate-from <dir>', '先把该数据文件夹的 SQLite 登记表（行、审计、令牌）复制到空数据库 / first copy the SQLite register of this data folder into the empty database')
    .action(async (opts: ServeOptions) => {
      const { runServe } = await import('./serve');
      process.exitCode = (await runServe(opts)).code;
    });

  // --- review-server tokens (src/cli/token.ts) ---
  const token = program.command('token').description('审核服务器的处室令牌 / the review server\'s office tokens');
  token
    .command('add')
    .description('为处室添加令牌，写入仅本用户可读的文件 / add a token for an office, written to a mode-600 file')
    .requiredOption('--office <name>', '业务处室 / the office')
    .option('--admin', '管理员令牌：可修改任何处室的行 / admin token: may update any office\'s rows')
    .option('--data <dir>', '数据文件夹 / data folder', 'jixiao-data')
    .option('--token-file <file>', '令牌登记文件 / the server\'s token file (default DATA/tokens.json)')
    .option('--out <file>', '令牌写到此文件 / write the token to this file')
    .option('--db <url>', 'PostgreSQL 登记表的令牌（或 JIXIAO_DB）/ the tokens of a PostgreSQL register (or JIXIAO_DB)')
    .action(async (opts: { office: string; admin?: boolean; data?: string; tokenFile?: string; out?: string; db?: string }) => {
      const { runTokenAdd } = await import('./token');
      process.exitCode = await runTokenAdd(opts);
    });
  token
    .command('list')
    .description('列出令牌（不显示令牌本身）/ list the tokens (never the tokens themselves)')
    .option('--data <dir>', '数据文件夹 / data folder', 'jixiao-data')
    .option('--token-file <file>', '令牌登记文件 / the server\'s token file')
    .option('--db <url>', 'PostgreSQL 登记表的令牌（或 JIXIAO_DB）/ the tokens of a PostgreSQL register (or JIXIAO_DB)')
    .action(async (opts: { data?: string; tokenFile?: string; db?: string }) => {
      const { runTokenList } = await import('./token');
      process.exitCode = await runTokenList(opts);
    });
  token
    .command('revoke')
    .description('吊销令牌 / revoke a token')
    .argument('<id>', '令牌编号（见 token list）/ the token id (see token list)')
    .option('--data <dir>', '数据文件夹 / data folder', 'jixiao-data')
    .option('--token-file <file>', '令牌登记文件 / the server\'s token file')
    .option('--db <url>', 'PostgreSQL 登记表的令牌（或 JIXIAO_DB）/ the tokens of a PostgreSQL register (or JIXIAO_DB)')
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
    process.stderr.write(`${clean((e as Error).message, true)}\n`);
    return 2;
  }
}
