/**
 * `jixiao token add|list|revoke`: the review server's office tokens (DATA/tokens.json, or the
 * server's --token-file). A new token is written to its own file (mode 600) whose path is printed;
 * the token itself never reaches the terminal, so it stays out of shell histories and service logs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PgRegister, PgTokens } from '../server/pg-store';
import { privateDir } from '../server/store';
import { TokenRegistry, writeSecretFile } from '../server/tokens';

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
    err.write(`数据库 ${reg.where} 出错 / database error: ${(e as Error).message}\n`);
    return 2;
  } finally {
    await reg.close().catch(() => undefined);
  }
}

export async function runTokenAdd(opts: TokenCliOptions & { office?: string; admin?: boolean; out?: string }, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  if (!opts.office || !opts.office.trim()) {
    err.write('请用 --office 指定处室 / give the office with --office\n');
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
      out.write(`已为 ${office} 添加${opts.admin ? '管理员' : ''}令牌 ${id}，令牌保存在（仅本用户可读）/ added ${opts.admin ? 'an admin ' : 'a '}token ${id} for ${office}, written to (mode 600):\n${file}\n`);
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
      err.write(`文件已存在，未写入令牌 / the file exists; no token added: ${file}\n`);
      return 2;
    }
    try {
      writeSecretFile(file, `${token}\n`);
    } catch (e) {
      reg.revoke(id);
      throw e;
    }
    out.write(`已为 ${opts.office.trim()} 添加${opts.admin ? '管理员' : ''}令牌 ${id}，令牌保存在（仅本用户可读）/ added ${opts.admin ? 'an admin ' : 'a '}token ${id} for ${opts.office.trim()}, written to (mode 600):\n${file}\n`);
    return 0;
  } catch (e) {
    err.write(`无法添加令牌 / cannot add the token: ${(e as Error).message}\n`);
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
      out.write(`${list.length} 个令牌 / tokens — ${t.where}\n`);
      return 0;
    });
  }
  const reg = registry(opts);
  if (!existsSync(reg.file)) {
    err.write(`令牌文件不存在 / no token file: ${reg.file}\n`);
    return 2;
  }
  const list = reg.list();
  for (const p of reg.problems) err.write(`注意 / note: ${p}\n`);
  out.write(`${['id', 'office', 'admin', 'created'].join('\t')}\n`);
  for (const t of list) out.write(`${[t.id, t.office, t.admin ? 'admin' : '-', t.created ?? (t.legacy ? '(旧版 / legacy)' : '-')].join('\t')}\n`);
  out.write(`${list.length} 个令牌 / tokens — ${reg.file}\n`);
  return 0;
}

export async function runTokenRevoke(id: string, opts: TokenCliOptions, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const url = dbOf(opts);
  if (url) {
    return withDb(url, err, async (t) => {
      if (!(await t.revoke(id))) {
        err.write(`没有编号为 ${id} 的令牌（见 jixiao token list）/ no token with id ${id} (see jixiao token list)\n`);
        return 2;
      }
      out.write(`已吊销令牌 ${id}；所有服务器在下一次请求时生效 / revoked token ${id}; every server refuses it from its next request\n`);
      return 0;
    });
  }
  const reg = registry(opts);
  if (!existsSync(reg.file)) {
    err.write(`令牌文件不存在 / no token file: ${reg.file}\n`);
    return 2;
  }
  if (!reg.revoke(id)) {
    err.write(`没有编号为 ${id} 的令牌（见 jixiao token list）/ no token with id ${id} (see jixiao token list)\n`);
    return 2;
  }
  out.write(`已吊销令牌 ${id}；运行中的服务器在下一次请求时生效 / revoked token ${id}; a running server refuses it from its next request\n`);
  return 0;
}

export const TOKEN_ENV = 'JIXIAO_TOKEN';

/**
 * The token for `review --server`: `--token-file F` (first line), else `--token T`, else the
 * JIXIAO_TOKEN environment variable. `--token` is visible to other users in `ps`; prefer the others.
 */
export function resolveClientToken(opts: { token?: string; tokenFile?: string }, env: NodeJS.ProcessEnv = process.env): { token: string } | { error: string } {
  if (opts.tokenFile) {
    let text: string;
    try {
      text = readFileSync(opts.tokenFile, 'utf8');
    } catch (e) {
      return { error: `无法读取令牌文件 ${opts.tokenFile} / cannot read the token file: ${(e as Error).message}` };
    }
    const token = text.split(/\r?\n/)[0].trim();
    if (!token) return { error: `令牌文件 ${opts.tokenFile} 是空的 / the token file is empty` };
    return { token };
  }
  if (opts.token) return { token: opts.token };
  const fromEnv = env[TOKEN_ENV]?.trim();
  if (fromEnv) return { token: fromEnv };
  return { error: `--server 需要令牌：--token-file 文件、环境变量 ${TOKEN_ENV} 或 --token / --server needs your office's token: --token-file FILE, the ${TOKEN_ENV} environment variable, or --token` };
}
