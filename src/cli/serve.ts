/** `jixiao serve`: the review server (pane + manifest over HTTPS, and the shared 附件2 register). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateRubric, type Rubric } from '../review/rubric';
import { startServer, type RunningServer } from '../server/app';
import { redactUrl } from '../server/pg-store';
import { StoreSchemaError, StoreUnavailableError } from '../server/store';

export interface ServeOptions {
  port?: string;
  host?: string;
  data?: string;
  cert?: string;
  key?: string;
  tokenFile?: string;
  static?: string;
  bodyLimit?: string;
  log?: boolean;
  allowOrigin?: string;
  rubric?: string;
  /** postgres://user@host:port/db (or JIXIAO_DB) */
  db?: string;
  dbPool?: string;
  dbTimeout?: string;
  migrateFrom?: string;
}

/** Start the server; resolves once listening. Returns the exit code (2 on bad options or a failed start). */
export async function runServe(opts: ServeOptions, out: NodeJS.WritableStream = process.stdout, errOut: NodeJS.WritableStream = process.stderr): Promise<{ code: number; server?: RunningServer }> {
  const port = opts.port === undefined ? 3000 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    errOut.write(`--port 必须是 0–65535 的整数 / --port must be a whole number 0–65535 (got ${opts.port})\n`);
    return { code: 2 };
  }
  const bodyLimit = opts.bodyLimit === undefined ? undefined : Number(opts.bodyLimit);
  if (bodyLimit !== undefined && (!Number.isInteger(bodyLimit) || bodyLimit < 1024)) {
    errOut.write(`--body-limit 必须是不小于 1024 的整数（字节）/ --body-limit must be a whole number of bytes ≥ 1024\n`);
    return { code: 2 };
  }
  let rubric: Rubric | undefined;
  if (opts.rubric) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(opts.rubric, 'utf8'));
    } catch (e) {
      errOut.write(`无法读取评分规则 ${opts.rubric} / cannot read the rubric: ${(e as Error).message}\n`);
      return { code: 2 };
    }
    const checked = validateRubric(parsed);
    if (!checked.ok) {
      errOut.write(`评分规则 ${opts.rubric} 有误 / the rubric is wrong: ${checked.errors.map((x) => `${x.zh} / ${x.en}`).join('; ')}\n`);
      return { code: 2 };
    }
    rubric = checked.rubric;
  }
  // the register: SQLite in the data folder, or PostgreSQL with --db / JIXIAO_DB
  const dbUrl = opts.db ?? (process.env.JIXIAO_DB || undefined);
  if (dbUrl !== undefined && !/^postgres(ql)?:\/\//.test(dbUrl)) {
    errOut.write('--db 必须是 postgres://用户@主机:端口/数据库 / --db must be postgres://user@host:port/database\n');
    return { code: 2 };
  }
  const whole = (v: string | undefined, name: string, min: number, max: number): number | undefined | null => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    errOut.write(`${name} 必须是 ${min}–${max} 的整数 / ${name} must be a whole number ${min}–${max} (got ${v})\n`);
    return null;
  };
  const poolSize = whole(opts.dbPool, '--db-pool', 1, 1000);
  const timeoutMs = whole(opts.dbTimeout, '--db-timeout', 100, 600_000);
  if (poolSize === null || timeoutMs === null) return { code: 2 };
  if ((opts.migrateFrom || poolSize !== undefined || timeoutMs !== undefined) && !dbUrl) {
    errOut.write('--migrate-from、--db-pool、--db-timeout 需要 --db（或 JIXIAO_DB）/ --migrate-from, --db-pool and --db-timeout need --db (or JIXIAO_DB)\n');
    return { code: 2 };
  }
  if (dbUrl && opts.tokenFile) {
    errOut.write('使用 --db 时令牌保存在数据库中（jixiao token add --db …），不能再给 --token-file / with --db the tokens live in the database (jixiao token add --db …); --token-file does not apply\n');
    return { code: 2 };
  }
  const dataDir = resolve(opts.data ?? 'jixiao-data');
  let server: RunningServer;
  try {
    server = await startServer({ dataDir, port, host: opts.host ?? '127.0.0.1', cert: opts.cert, key: opts.key, tokenFile: opts.tokenFile, staticDir: opts.static, bodyLimit, log: opts.log, allowOrigins: opts.allowOrigin ? opts.allowOrigin.split(',') : undefined, rubric,
      ...(dbUrl ? { db: { url: dbUrl, poolSize, timeoutMs }, migrateFrom: opts.migrateFrom } : {}) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `端口 ${port} 已被占用 / port ${port} is in use`
      : e instanceof StoreSchemaError ? e.message
        : e instanceof StoreUnavailableError && dbUrl ? `无法连接数据库 ${redactUrl(dbUrl)}（${e.causeCode ?? ''}）/ cannot connect to the database ${redactUrl(dbUrl)}`
          : (e as Error).message;
    errOut.write(`审核服务器无法启动 / the review server cannot start: ${why}\n`);
    return { code: 2 };
  }
  for (const n of server.notices) errOut.write(`注意 / note: ${n}\n`);
  // the "listening on" line comes last: scripts and tests wait for it
  out.write([
    server.store.kind === 'postgres' ? `  数据库 / database: ${server.store.where}` : `  数据文件夹 / data folder: ${server.store.where}`,
    ...(server.migrated ? [`  已从 ${server.migrated.from} 复制 / copied from ${server.migrated.from}: ${server.migrated.rows} 行 / rows, ${server.migrated.audit} 条审计 / audit entries, ${server.migrated.tokens} 个令牌 / tokens`] : []),
    `  证书 / certificate: ${server.tls.certFile ?? '(内存中 / in memory)'}${server.tls.generated ? '（自签名，新生成 / self-signed, new）' : ''}`,
    `  令牌 / tokens: ${server.tokens.where}（${await server.tokens.count()} 个令牌 / tokens）`,
    // the token itself is never printed (it would land in service logs): only the file holding it
    ...(server.createdToken ? [`  已生成首个管理员令牌（${server.createdToken.office}），保存在 / first admin token created, in: ${server.createdToken.tokenFile}`] : []),
    `  任务窗格 / task pane: ${server.staticDir ? `${server.url}/taskpane.html` : '未构建 / not built'}`,
    `审核服务器已启动 / review server listening on ${server.url}`,
    '',
  ].join('\n'));
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { code: 0, server };
}
