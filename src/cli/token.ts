/**
 * `jixiao token add|list|revoke`: the review server's office tokens (DATA/tokens.json, or the
 * server's --token-file). A new token is written to its own file (mode 600) whose path is printed;
 * the token itself never reaches the terminal, so it stays out of shell histories and service logs.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PgRegister, PgTokens } from '../server/pg-store';
import { privateDir } from '../server/store';
import { TokenRegistry, writeSecretFile } from '../server/tokens';
import { both } from './messages';

export interface TokenCliOptions {
  data?: string;
  tokenFile?: string;
  /** the tokens of a PostgreSQL register (or JIXIAO_DB) */
  db?: string;
}

type Out = NodeJS.WritableStream;

function registry(opts: TokenCliOptions): TokenRegistry {
  return new TokenRegistry(opts.tokenFile ? resolve(opts.tokenFile) : join(resolve(opts.data ?? 'jixiao-data'), 'tokens.json'));
}

/** A file name from an office name: letters, digits and CJK kept, the rest `_`. */
const safeName = (s: string) => s.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40) || 'office';

const dbOf = (opts: TokenCliOptions) => opts.db ?? (process.env.JIXIAO_DB || undefined);

/** With --db: the database's tokens, migrated to the current schema; closed after fn. */
async function withDb(url: string, err: Out, fn: (t: PgTokens) => Promise<number>): Promise<number> {
  const reg = new PgRegister({ url, poolSize: 2 });
  try {
    await reg.init();
    return await fn(new PgTokens(reg));
  } catch (e) {
    err.write(`${both('databaseError', { where: reg.where, detail: (e as Error).message })}\n`);
    return 2;
  } finally {
    await reg.close().catch(() => undefined);
  }
}

export async function runTokenAdd(opts: TokenCliOptions & { office?: string; admin?: boolean; out?: string }, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  if (!opts.office || !opts.office.trim()) {
    err.write(`${both('tokenNeedsOffice')}\n`);
    return 2;
  }
  const office = opts.office.trim();
  const url = dbOf(opts);
  if (url) {
    return withDb(url, err, async (t) => {
      const dir = resolve(opts.data ?? 'jixiao-data');
      const { id, token } = await t.add(office, Boolean(opts.admin));
      const file = resolve(opts.out ?? join(dir, `token-${safeName(office)}-${id}.txt`));
      try {
        if (!opts.out) privateDir(dir);
        writeSecretFile(file, `${token}\n`);
      } catch (e) {
        await t.revoke(id);
        throw e;
      }
      out.write(`${both(opts.admin ? 'adminTokenAdded' : 'tokenAdded', { office, id })}\n${file}\n`);
      return 0;
    });
  }
  const reg = registry(opts);
  try {
    privateDir(dirname(reg.file));
    const { id, token } = reg.add(opts.office, Boolean(opts.admin));
    const file = resolve(opts.out ?? join(dirname(reg.file), `token-${safeName(opts.office.trim())}-${id}.txt`));
    if (existsSync(file)) {
      reg.revoke(id);
      err.write(`${both('tokenFileExists', { file })}\n`);
      return 2;
    }
    try {
      writeSecretFile(file, `${token}\n`);
    } catch (e) {
      reg.revoke(id);
      throw e;
    }
    out.write(`${both(opts.admin ? 'adminTokenAdded' : 'tokenAdded', { office: opts.office.trim(), id })}\n${file}\n`);
    return 0;
  } catch (e) {
    err.write(`${both('cannotAddToken', { detail: (e as Error).message })}\n`);
    return 2;
  }
}

export async function runTokenList(opts: TokenCliOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const url = dbOf(opts);
  if (url) {
    return withDb(url, err, async (t) => {
      const list = await t.list();
      out.write(`${['id', 'office', 'admin', 'created'].join('\t')}\n`);
      for (const x of list) out.write(`${[x.id, x.office, x.admin ? 'admin' : '-', x.created ?? '-'].join('\t')}\n`);
      out.write(`${both('tokensListed', { n: list.length, where: t.where })}\n`);
      return 0;
    });
  }
  const reg = registry(opts);
  if (!existsSync(reg.file)) {
    err.write(`${both('noTokenFile', { file: reg.file })}\n`);
    return 2;
  }
  const list = reg.list();
  for (const p of reg.problems) err.write(`${both('note', { text: p })}\n`);
  out.write(`${['id', 'office', 'admin', 'created'].join('\t')}\n`);
  for (const t of list) out.write(`${[t.id, t.office, t.admin ? 'admin' : '-', t.created ?? (t.legacy ? both('legacyToken') : '-')].join('\t')}\n`);
  out.write(`${both('tokensListed', { n: list.length, where: reg.file })}\n`);
  return 0;
}

export async function runTokenRevoke(id: string, opts: TokenCliOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const url = dbOf(opts);
  if (url) {
    return withDb(url, err, async (t) => {
      if (!(await t.revoke(id))) {
        err.write(`${both('noSuchToken', { id })}\n`);
        return 2;
      }
      out.write(`${both('revokedEverywhere', { id })}\n`);
      return 0;
    });
  }
  const reg = registry(opts);
  if (!existsSync(reg.file)) {
    err.write(`${both('noTokenFile', { file: reg.file })}\n`);
    return 2;
  }
  if (!reg.revoke(id)) {
    err.write(`${both('noSuchToken', { id })}\n`);
    return 2;
  }
  out.write(`${both('revokedRunning', { id })}\n`);
  return 0;
}


export { resolveClientToken, TOKEN_ENV } from './client-token';
