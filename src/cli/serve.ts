/** `jixiao serve`: the review server (pane + manifest over HTTPS, and the shared 附件2 register). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateRubric, type Rubric } from '../review/rubric';
import { startServer, type RunningServer } from '../server/app';
import { redactUrl } from '../server/pg-store';
import { StoreUnavailableError } from '../server/store';
import { type Localized, LocalizedError, joinLocalized, localize, sameInBoth } from '../core';
import { CLI_MESSAGES, type CliKey, both } from './messages';

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
    errOut.write(`${both('portRange', { got: String(opts.port) })}\n`);
    return { code: 2 };
  }
  const bodyLimit = opts.bodyLimit === undefined ? undefined : Number(opts.bodyLimit);
  if (bodyLimit !== undefined && (!Number.isInteger(bodyLimit) || bodyLimit < 1024)) {
    errOut.write(`${both('bodyLimitRange')}\n`);
    return { code: 2 };
  }
  let rubric: Rubric | undefined;
  if (opts.rubric) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(opts.rubric, 'utf8'));
    } catch (e) {
      errOut.write(`${both('rubricUnreadable', { file: opts.rubric, detail: (e as Error).message })}\n`);
      return { code: 2 };
    }
    const checked = validateRubric(parsed);
    if (!checked.ok) {
      const problems = joinLocalized(checked.errors, localize(CLI_MESSAGES, 'problemSeparator'));
      errOut.write(`${both('rubricWrong', { file: opts.rubric, problems })}\n`);
      return { code: 2 };
    }
    rubric = checked.rubric;
  }
  // the register: SQLite in the data folder, or PostgreSQL with --db / JIXIAO_DB
  const dbUrl = opts.db ?? (process.env.JIXIAO_DB || undefined);
  if (dbUrl !== undefined && !/^postgres(ql)?:\/\//.test(dbUrl)) {
    errOut.write(`${both('dbUrl')}\n`);
    return { code: 2 };
  }
  const whole = (v: string | undefined, name: string, min: number, max: number): number | undefined | null => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    errOut.write(`${both('wholeRange', { name, min, max, got: v })}\n`);
    return null;
  };
  const poolSize = whole(opts.dbPool, '--db-pool', 1, 1000);
  const timeoutMs = whole(opts.dbTimeout, '--db-timeout', 100, 600_000);
  if (poolSize === null || timeoutMs === null) return { code: 2 };
  if ((opts.migrateFrom || poolSize !== undefined || timeoutMs !== undefined) && !dbUrl) {
    errOut.write(`${both('dbOptionsNeedDb')}\n`);
    return { code: 2 };
  }
  if (dbUrl && opts.tokenFile) {
    errOut.write(`${both('dbNoTokenFile')}\n`);
    return { code: 2 };
  }
  const dataDir = resolve(opts.data ?? 'jixiao-data');
  let server: RunningServer;
  try {
    server = await startServer({ dataDir, port, host: opts.host ?? '127.0.0.1', cert: opts.cert, key: opts.key, tokenFile: opts.tokenFile, staticDir: opts.static, bodyLimit, log: opts.log, allowOrigins: opts.allowOrigin ? opts.allowOrigin.split(',') : undefined, rubric,
      ...(dbUrl ? { db: { url: dbUrl, poolSize, timeoutMs }, migrateFrom: opts.migrateFrom } : {}) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why: Localized = code === 'EADDRINUSE' ? localize(CLI_MESSAGES, 'portInUse', { port })
      : e instanceof StoreUnavailableError && dbUrl ? localize(CLI_MESSAGES, 'dbUnreachable', { url: redactUrl(dbUrl), code: e.causeCode ?? '' })
        : e instanceof LocalizedError ? e.text
          : sameInBoth((e as Error).message);
    errOut.write(`${both('cannotStart', { why })}\n`);
    return { code: 2 };
  }
  for (const n of server.notices) errOut.write(`${both('note', { text: n })}\n`);
  // the "listening on" line comes last: scripts and tests wait for it
  const label = (key: CliKey, value: string) => `  ${both(key)}: ${value}`;
  const cert = server.tls.certFile ?? both('inMemory');
  out.write([
    server.store.kind === 'postgres' ? label('labelDatabase', server.store.where) : label('labelDataFolder', server.store.where),
    ...(server.migrated ? [`  ${both('migrated', { ...server.migrated })}`] : []),
    label('labelCertificate', `${cert}${server.tls.generated ? both('selfSignedNew') : ''}`),
    label('labelTokens', `${server.tokens.where} ${both('tokenCount', { n: await server.tokens.count() })}`),
    // the token itself is never printed (it would land in service logs): only the file holding it
    ...(server.createdToken ? [`  ${both('firstAdminToken', { office: server.createdToken.office, file: server.createdToken.tokenFile })}`] : []),
    label('labelPane', server.staticDir ? `${server.url}/taskpane.html` : both('notBuilt')),
    both('listening', { url: server.url }),
    '',
  ].join('\n'));
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { code: 0, server };
}
