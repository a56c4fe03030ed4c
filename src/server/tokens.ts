/**
 * Office tokens of the review server. Each token belongs to one 业务处室 (office); an admin token
 * may update any office's rows. The file (DATA/tokens.json or --token-file) keeps only each
 * token's SHA-256, and is re-read when it changes, so tokens can be added or revoked without a
 * restart (`jixiao token add|list|revoke`):
 *
 *   { "version": 2, "tokens": [ { "id": "3f9a…", "office": "社保科", "admin": false, "sha256": "…", "created": "…" } ] }
 *
 * Files written by earlier versions hold the token itself ({ "office", "token" }); such entries keep
 * working, as tokens of their office and not admin (unless the entry says "admin": true).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, linkSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { basename, dirname, join } from 'node:path';
import { type Localized, LocalizedError, localize } from '../core';
import { SERVER_MESSAGES } from './messages';

export const MIN_TOKEN_LENGTH = 16;
/** where the first token is put when the server creates the token file (mode 600) */
export const FIRST_TOKEN_FILE = 'first-token.txt';
export const DEFAULT_OFFICE = '默认处室';

/** who a valid token belongs to */
export interface TokenOwner {
  id: string;
  office: string;
  admin: boolean;
}

export interface TokenInfo extends TokenOwner {
  created: string | null;
  /** written by an earlier version: the token itself is in the file */
  legacy: boolean;
}

interface FileEntry {
  id?: string;
  office?: unknown;
  admin?: unknown;
  sha256?: unknown;
  token?: unknown;
  created?: unknown;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const idOf = (hash: Buffer) => hash.toString('hex').slice(0, 12);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Write a file whole or not at all (write-file-atomic: a temporary file in the same folder, fsync, rename); mode 600. */
export function writeFileAtomic600(file: string, text: string): void {
  writeFileAtomic.sync(file, text, { mode: 0o600, fsync: true });
}

/**
 * A new file holding one secret, mode 600, never over an existing file, and whole or not at all:
 * written completely to a temporary file beside it, then hard-linked to its name — a link, unlike a
 * rename, fails (EEXIST) rather than replace a file that appeared in the meantime.
 */
export function writeSecretFile(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileAtomic.sync(tmp, text, { mode: 0o600, fsync: true });
  try {
    linkSync(tmp, file);
  } finally {
    unlinkSync(tmp);
  }
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export class TokenRegistry {
  private entries: (TokenInfo & { hash: Buffer })[] = [];
  private mtime = -1;
  /** problems found in the file, for the server's log */
  problems: Localized[] = [];

  constructor(public readonly file: string) {}

  /**
   * Create the file with one admin token when it does not exist. The token is written to
   * DATA/first-token.txt (mode 600) — never printed. Returns where it is, or null.
   */
  ensure(office = DEFAULT_OFFICE): { office: string; admin: true; tokenFile: string; token: string } | null {
    if (existsSync(this.file)) return null;
    const token = newToken();
    const tokenFile = join(dirname(this.file), FIRST_TOKEN_FILE);
    writeFileAtomic600(tokenFile, `${token}\n`);
    this.write([{ ...this.entryFor(token, office, true) }]);
    return { office, admin: true, tokenFile, token };
  }

  private entryFor(token: string, office: string, admin: boolean): Record<string, unknown> {
    const hash = digest(token);
    return { id: idOf(hash), office, admin, sha256: hash.toString('hex'), created: new Date().toISOString() };
  }

  private raw(): FileEntry[] {
    if (!existsSync(this.file)) return [];
    const data = JSON.parse(readFileSync(this.file, 'utf8')) as { tokens?: unknown };
    return Array.isArray(data.tokens) ? (data.tokens as FileEntry[]) : [];
  }

  private write(list: unknown[]): void {
    writeFileAtomic600(this.file, `${JSON.stringify({ version: 2, tokens: list }, null, 2)}\n`);
    this.mtime = -1;
  }

  /** Add a token for an office; returns the token (to be written to a file by the caller) and its id. */
  add(office: string, admin = false): { id: string; token: string } {
    const name = office.trim();
    if (!name || name.length > 100 || CONTROL.test(name)) {
      throw new LocalizedError(localize(SERVER_MESSAGES, 'badOfficeName'));
    }
    const token = newToken();
    const entry = this.entryFor(token, name, admin);
    this.write([...this.raw(), entry]);
    return { id: String(entry.id), token };
  }

  /** Remove the token with this id; returns whether one was removed. */
  revoke(id: string): boolean {
    const list = this.raw();
    const kept = list.filter((e) => this.infoOf(e)?.id !== id);
    if (kept.length === list.length) return false;
    this.write(kept);
    return true;
  }

  list(): TokenInfo[] {
    this.reload();
    return this.entries.map(({ hash: _hash, ...info }) => info);
  }

  private infoOf(e: FileEntry): (TokenInfo & { hash: Buffer }) | null {
    if (typeof e?.office !== 'string' || !e.office.trim()) return null;
    const admin = e.admin === true;
    const created = typeof e.created === 'string' ? e.created : null;
    if (typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256)) {
      const hash = Buffer.from(e.sha256, 'hex');
      return { id: idOf(hash), office: e.office.trim(), admin, created, legacy: false, hash };
    }
    if (typeof e.token === 'string' && e.token.length >= MIN_TOKEN_LENGTH) {
      const hash = digest(e.token);
      return { id: idOf(hash), office: e.office.trim(), admin, created, legacy: true, hash };
    }
    return null;
  }

  private reload(): void {
    let m: number;
    try {
      m = statSync(this.file).mtimeMs;
    } catch {
      this.entries = [];
      this.mtime = -1;
      this.problems = [localize(SERVER_MESSAGES, 'tokenFileMissing', { file: this.file })];
      return;
    }
    if (m === this.mtime) return;
    this.mtime = m;
    this.problems = [];
    try {
      const ok: (TokenInfo & { hash: Buffer })[] = [];
      for (const [i, e] of this.raw().entries()) {
        const info = this.infoOf(e);
        if (!info) {
          this.problems.push(localize(SERVER_MESSAGES, 'tokenEntryIgnored', { i, min: MIN_TOKEN_LENGTH }));
          continue;
        }
        ok.push(info);
      }
      this.entries = ok;
    } catch (e) {
      this.entries = [];
      this.problems = [localize(SERVER_MESSAGES, 'tokenFileNotJson', { detail: (e as Error).message })];
    }
  }

  get where(): string {
    return this.file;
  }

  /** Each valid entry's SHA-256 (for copying the tokens into a database: `serve --db … --migrate-from`). */
  hashes(): { office: string; admin: boolean; sha256: string; created: string | null }[] {
    this.reload();
    return this.entries.map((e) => ({ office: e.office, admin: e.admin, sha256: e.hash.toString('hex'), created: e.created }));
  }

  /** The owner of a valid token, or null. Compared in constant time. */
  check(token: string | undefined): TokenOwner | null {
    if (!token) return null;
    this.reload();
    const h = digest(token);
    let owner: TokenOwner | null = null;
    for (const e of this.entries) if (timingSafeEqual(e.hash, h)) owner = { id: e.id, office: e.office, admin: e.admin };
    return owner;
  }

  count(): number {
    this.reload();
    return this.entries.length;
  }
}
