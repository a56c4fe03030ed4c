/**
 * The shared 附件2 register of the review server: SQLite (better-sqlite3) in the data folder,
 * created on first use, WAL mode, one transaction per append, an audit table (who, when, old → new).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Localized } from '../core/types';
import { keyString } from '../review/build';
import type { ReviewRow } from '../review/types';

export const DB_FILE = 'review.sqlite';

/** The data folder cannot be written (read-only, full, missing, no permission): HTTP 503. */
export class StoreUnavailableError extends Error {
  constructor(
    public readonly text: Localized,
    public readonly causeCode?: string,
  ) {
    super(`${text.zh} / ${text.en}`);
  }
}

const UNAVAILABLE_CODES = /^(SQLITE_(READONLY|FULL|IOERR|CANTOPEN|BUSY|LOCKED|PERM|NOTADB|CORRUPT)|EROFS|ENOSPC|EACCES|EPERM|ENOTDIR|EDQUOT|EIO|ENOENT)/;

export function toUnavailable(e: unknown, dir: string): StoreUnavailableError | null {
  const code = String((e as { code?: unknown })?.code ?? '');
  if (!UNAVAILABLE_CODES.test(code)) return null;
  const full = /FULL|ENOSPC|EDQUOT/.test(code);
  const text: Localized = full
    ? { zh: `数据文件夹 ${dir} 已满，无法保存审核行；请腾出空间后重试`, en: `the data folder ${dir} is full; the review row was not saved — free some space and retry` }
    : { zh: `数据文件夹 ${dir} 不可写（只读、不存在或无权限），无法保存审核行；请检查后重试`, en: `the data folder ${dir} cannot be written (read-only, missing or no permission); the review row was not saved — check it and retry` };
  return new StoreUnavailableError(text, code);
}

export interface StoredRow {
  seq: number;
  office: string | null;
  updatedAt: string;
  row: ReviewRow;
}

export interface AuditEntry {
  id: number;
  at: string;
  who: string;
  action: 'insert' | 'update';
  key: string;
  old: ReviewRow | null;
  new: ReviewRow;
}

export class ReviewStore {
  private db: Database.Database | null = null;

  constructor(public readonly dir: string) {}

  get file(): string {
    return join(this.dir, DB_FILE);
  }

  /** Open (creating the folder and the tables on first start). Throws StoreUnavailableError. */
  open(): Database.Database {
    if (this.db) return this.db;
    try {
      mkdirSync(this.dir, { recursive: true });
      const db = new Database(this.file, { timeout: 5000 });
      db.pragma('journal_mode = WAL');
      // an acknowledged append survives a power cut or kill -9
      db.pragma('synchronous = FULL');
      db.exec(`
        CREATE TABLE IF NOT EXISTS review_rows (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          row_key TEXT NOT NULL UNIQUE,
          department TEXT NOT NULL,
          project TEXT NOT NULL,
          monitor_point TEXT NOT NULL,
          office TEXT,
          row_json TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS audit (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          who TEXT NOT NULL,
          action TEXT NOT NULL,
          row_key TEXT NOT NULL,
          old_json TEXT,
          new_json TEXT NOT NULL
        );
      `);
      this.db = db;
      return db;
    } catch (e) {
      throw toUnavailable(e, this.dir) ?? e;
    }
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  /** Insert or update (by key) in one transaction, with its audit entry. */
  upsert(row: ReviewRow, who: string, office: string | null): { seq: number; updated: boolean } {
    const db = this.open();
    const key = keyString(row.key);
    const now = new Date().toISOString();
    const json = JSON.stringify(row);
    const tx = db.transaction(() => {
      const old = db.prepare('SELECT id, row_json FROM review_rows WHERE row_key = ?').get(key) as { id: number; row_json: string } | undefined;
      let id: number;
      if (old) {
        db.prepare('UPDATE review_rows SET department = ?, project = ?, monitor_point = ?, office = ?, row_json = ?, updated_at = ? WHERE id = ?')
          .run(row.key.department, row.key.project, row.key.monitorPoint, office, json, now, old.id);
        id = old.id;
      } else {
        const info = db.prepare('INSERT INTO review_rows (row_key, department, project, monitor_point, office, row_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(key, row.key.department, row.key.project, row.key.monitorPoint, office, json, now, now);
        id = Number(info.lastInsertRowid);
      }
      db.prepare('INSERT INTO audit (at, who, action, row_key, old_json, new_json) VALUES (?, ?, ?, ?, ?, ?)')
        .run(now, who, old ? 'update' : 'insert', key, old ? old.row_json : null, json);
      const seq = (db.prepare('SELECT COUNT(*) AS n FROM review_rows WHERE id <= ?').get(id) as { n: number }).n;
      return { seq, updated: Boolean(old) };
    });
    try {
      return tx.immediate();
    } catch (e) {
      throw toUnavailable(e, this.dir) ?? e;
    }
  }

  /** All rows in the order they were first appended; 序号 consecutive. Optionally one 监控时点 only. */
  list(monitorPoint?: string): StoredRow[] {
    const db = this.open();
    try {
      const rows = (monitorPoint
        ? db.prepare('SELECT office, row_json, updated_at FROM review_rows WHERE monitor_point = ? ORDER BY id').all(monitorPoint)
        : db.prepare('SELECT office, row_json, updated_at FROM review_rows ORDER BY id').all()) as { office: string | null; row_json: string; updated_at: string }[];
      return rows.map((r, i) => ({ seq: i + 1, office: r.office, updatedAt: r.updated_at, row: { ...(JSON.parse(r.row_json) as ReviewRow), seq: i + 1 } }));
    } catch (e) {
      throw toUnavailable(e, this.dir) ?? e;
    }
  }

  audit(): AuditEntry[] {
    const db = this.open();
    return (db.prepare('SELECT id, at, who, action, row_key, old_json, new_json FROM audit ORDER BY id').all() as {
      id: number; at: string; who: string; action: 'insert' | 'update'; row_key: string; old_json: string | null; new_json: string;
    }[]).map((a) => ({ id: a.id, at: a.at, who: a.who, action: a.action, key: a.row_key, old: a.old_json ? (JSON.parse(a.old_json) as ReviewRow) : null, new: JSON.parse(a.new_json) as ReviewRow }));
  }
}
