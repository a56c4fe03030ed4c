/**
 * Office tokens of the review server. Each 业务处室 gets a token; the file (DATA/tokens.json or
 * --token-file) is re-read when it changes, so tokens can be added or revoked without a restart:
 *
 *   { "tokens": [ { "office": "社保科", "token": "…at least 16 characters…" } ] }
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

export const MIN_TOKEN_LENGTH = 16;

export interface TokenEntry {
  office: string;
  token: string;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export class TokenRegistry {
  private entries: { office: string; hash: Buffer }[] = [];
  private mtime = -1;
  /** problems found in the file, for the server's log */
  problems: string[] = [];

  constructor(public readonly file: string) {}

  /** Create the file with one generated token when it does not exist. Returns the token, or null. */
  ensure(office = '默认处室'): TokenEntry | null {
    if (existsSync(this.file)) return null;
    const entry = { office, token: randomBytes(24).toString('base64url') };
    writeFileSync(this.file, `${JSON.stringify({ tokens: [entry] }, null, 2)}\n`, { mode: 0o600 });
    return entry;
  }

  private reload(): void {
    let m: number;
    try {
      m = statSync(this.file).mtimeMs;
    } catch {
      this.entries = [];
      this.mtime = -1;
      this.problems = [`令牌文件不存在 / token file missing: ${this.file}`];
      return;
    }
    if (m === this.mtime) return;
    this.mtime = m;
    this.problems = [];
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { tokens?: unknown };
      const list = Array.isArray(data.tokens) ? data.tokens : [];
      const ok: { office: string; hash: Buffer }[] = [];
      for (const [i, t] of list.entries()) {
        const e = t as Partial<TokenEntry>;
        if (typeof e?.office !== 'string' || !e.office.trim() || typeof e.token !== 'string' || e.token.length < MIN_TOKEN_LENGTH) {
          this.problems.push(`tokens[${i}] 需要 office 和至少 ${MIN_TOKEN_LENGTH} 个字符的 token，已忽略 / needs an office and a token of at least ${MIN_TOKEN_LENGTH} characters; ignored`);
          continue;
        }
        ok.push({ office: e.office.trim(), hash: digest(e.token) });
      }
      this.entries = ok;
    } catch (e) {
      this.entries = [];
      this.problems = [`令牌文件不是有效的 JSON / token file is not valid JSON: ${(e as Error).message}`];
    }
  }

  /** The office of a valid token, or null. */
  check(token: string | undefined): string | null {
    if (!token) return null;
    this.reload();
    const h = digest(token);
    let office: string | null = null;
    for (const e of this.entries) if (timingSafeEqual(e.hash, h)) office = e.office;
    return office;
  }

  count(): number {
    this.reload();
    return this.entries.length;
  }
}
