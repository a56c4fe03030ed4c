/**
 * The shared 附件2 register of the review server: SQLite (better-sqlite3) in the data folder,
 * created on first use, WAL mode, one transaction per append, an audit table (who, when, old → new).
 *
 * The schema is versioned (MIGRATIONS, `PRAGMA user_version`): a register written by an earlier
 * version is migrated on open; one written by a newer version is refused. Rows are keyed by the
 * normalised (部门单位名称, 项目名称, 监控时点) tuple in three columns under a unique index, and
 * remember the office that created them: another office's token may not update them (admin may).
 * The data folder is kept at mode 700 and its files at 600, whatever the umask.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { normalize } from '../core';
import type { Localized } from '../core';
import type { ReviewKey, ReviewRow } from '../review/types';
import { LocalizedError, localize } from '../core';
import { SERVER_MESSAGES } from './messages';

export const DB_FILE = 'review.sqlite';

/** The normalised key tuple (full-width/half-width folded, whitespace removed), as stored and compared. */
export function keyParts(key: ReviewKey): [string, string, string] {
  const n = (s: string) => normalize(String(s ?? '')).replace(/\s+/g, '');
  return [n(key.department), n(key.project), n(key.monitorPoint)];
}

/** The register was written by a newer version of the program: refused (exit 2 at start). */
export class StoreSchemaError extends LocalizedError {}

/** The token's office did not create the row and is not admin: HTTP 403. */
export class ForbiddenRowError extends Error {
  constructor(public readonly owner: string | null) {
    super('forbidden');
  }
}

/** One row as stored, for copying a register elsewhere (`serve --db … --migrate-from DIR`). */
export interface RowRecord {
  seq: number;
  department: string;
  project: string;
  monitorPoint: string;
  keyParts: [string, string, string];
  rowKey: string;
  office: string | null;
  createdOffice: string | null;
  rowJson: string;
  createdAt: string;
  updatedAt: string;
}

export interface AuditRecord {
  at: string;
  who: string;
  action: string;
  rowKey: string;
  oldJson: string | null;
  newJson: string;
}

/**
 * The register behind the server: SQLite in the data folder (ReviewStore, the default) or PostgreSQL
 * (src/server/pg-store.ts). Methods may answer at once or later; unavailability is StoreUnavailableError.
 */
export interface Register {
  readonly kind: 'sqlite' | 'postgres';
  /** where it lives, for the start-up lines (a folder, or the database URL without its password) */
  readonly where: string;
  init(): void | Promise<void>;
  upsert(row: ReviewRow, writer: Writer): { seq: number; updated: boolean } | Promise<{ seq: number; updated: boolean }>;
  list(monitorPoint?: string): StoredRow[] | Promise<StoredRow[]>;
  audit(): AuditEntry[] | Promise<AuditEntry[]>;
  close(): void | Promise<void>;
}

/** Who writes: the office of the token, admin or not, and the words for the audit. */
export interface Writer {
  office: string;
  admin: boolean;
  who: string;
}

/** chmod that ignores a file that is not there */
function chmodIfThere(file: string, mode: number): void {
  try {
    chmodSync(file, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Make a private folder (700), whatever the umask; an existing one is set to 700 too. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Versioned migrations, applied in order inside one transaction each. Version 1 is the schema of
 * the first release (tables created if absent, so a register of that release is adopted as is).
 */
export const MIGRATIONS: { version: number; apply(db: Database.Database): void }[] = [
  {
    version: 1,
    apply: (db) => db.exec(`
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
      );`),
  },
  {
    // the key as a tuple in its own columns under a unique index; the office that created each row
    version: 2,
    apply: (db) => {
      db.exec(`
        ALTER TABLE review_rows ADD COLUMN key_department TEXT;
        ALTER TABLE review_rows ADD COLUMN key_project TEXT;
        ALTER TABLE review_rows ADD COLUMN key_monitor_point TEXT;
        ALTER TABLE review_rows ADD COLUMN created_office TEXT;`);
      const rows = db.prepare('SELECT id, row_key, department, project, monitor_point, office FROM review_rows').all() as {
        id: number; row_key: string; department: string; project: string; monitor_point: string; office: string | null;
      }[];
      const firstInsert = db.prepare("SELECT who FROM audit WHERE row_key = ? AND action = 'insert' ORDER BY id LIMIT 1");
      const set = db.prepare('UPDATE review_rows SET key_department = ?, key_project = ?, key_monitor_point = ?, created_office = ? WHERE id = ?');
      for (const r of rows) {
        const k = keyParts({ department: r.department, project: r.project, monitorPoint: r.monitor_point });
        // the creator is the office of the first insert in the audit ("office / reviewer"), else the last writer
        const who = (firstInsert.get(r.row_key) as { who: string } | undefined)?.who;
        const creator = who ? who.split(' / ')[0] : r.office;
        set.run(k[0], k[1], k[2], creator, r.id);
      }
      db.exec('CREATE UNIQUE INDEX review_rows_key ON review_rows (key_department, key_project, key_monitor_point)');
    },
  },
  {
    // 序号 stored, unique: the next one is taken inside the append's transaction (several servers on one PostgreSQL)
    version: 3,
    apply: (db) => db.exec(`
      ALTER TABLE review_rows ADD COLUMN seq INTEGER;
      UPDATE review_rows SET seq = (SELECT COUNT(*) FROM review_rows r2 WHERE r2.id <= review_rows.id);
      CREATE UNIQUE INDEX review_rows_seq ON review_rows (seq);`),
  },
];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The data folder cannot be written (read-only, full, missing, no permission): HTTP 503. */
export class StoreUnavailableError extends LocalizedError {
  constructor(
    text: Localized,
    public readonly causeCode?: string,
  ) {
    super(text);
  }
}

const UNAVAILABLE_CODES = /^(SQLITE_(READONLY|FULL|IOERR|CANTOPEN|BUSY|LOCKED|PERM|NOTADB|CORRUPT)|EROFS|ENOSPC|EACCES|EPERM|ENOTDIR|EDQUOT|EIO|ENOENT)/;

export function toUnavailable(e: unknown, dir: string): StoreUnavailableError | null {
  const code = String((e as { code?: unknown })?.code ?? '');
  if (!UNAVAILABLE_CODES.test(code)) return null;
  const full = /FULL|ENOSPC|EDQUOT/.test(code);
  const text = localize(SERVER_MESSAGES, full ? 'folderFull' : 'folderReadOnly', { dir });
  return new StoreUnavailableError(text, code);
}

export interface StoredRow {
  seq: number;
  /** the office that last wrote the row */
  office: string | null;
  /** the office that created it (may update it, besides admin) */
  createdBy: string | null;
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

export class ReviewStore implements Register {
  readonly kind = 'sqlite' as const;
  private db: Database.Database | null = null;

  constructor(public readonly dir: string) {}

  get where(): string {
    return this.dir;
  }

  init(): void {
    this.open();
  }

  get file(): string {
    return join(this.dir, DB_FILE);
  }

  /** Open (creating the folder and the tables on first start). Throws StoreUnavailableError. */
  open(): Database.Database {
    if (this.db) return this.db;
    let db: Database.Database | null = null;
    try {
      privateDir(this.dir);
      // created 600 before SQLite opens it; SQLite gives -wal and -shm the database file's mode
      if (!existsSync(this.file)) closeSync(openSync(this.file, 'a', 0o600));
      chmodSync(this.file, 0o600);
      db = new Database(this.file, { timeout: 5000 });
      db.pragma('journal_mode = WAL');
      // an acknowledged append survives a power cut or kill -9
      db.pragma('synchronous = FULL');
      for (const f of [`${this.file}-wal`, `${this.file}-shm`]) chmodIfThere(f, 0o600);
      const current = Number(db.pragma('user_version', { simple: true }));
      if (current > SCHEMA_VERSION) {
        throw new StoreSchemaError(localize(SERVER_MESSAGES, 'newerSqlite', { file: this.file, current, known: SCHEMA_VERSION }));
      }
      for (const m of MIGRATIONS) {
        if (m.version <= current) continue;
        const conn = db;
        conn.transaction(() => {
          m.apply(conn);
          conn.pragma(`user_version = ${m.version}`);
        }).immediate();
      }
      this.db = db;
      return db;
    } catch (e) {
      db?.close();
      throw toUnavailable(e, this.dir) ?? e;
    }
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  /**
   * Insert or update (by key tuple) in one transaction, with its audit entry. An existing row created
   * by another office is updated only by an admin token (ForbiddenRowError otherwise).
   */
  upsert(row: ReviewRow, writer: Writer): { seq: number; updated: boolean } {
    const db = this.open();
    const k = keyParts(row.key);
    // the joined key of the first schema, kept filled for readers of that version (control characters are refused, so it is unambiguous)
    const key = k.join('\u0001');
    const now = new Date().toISOString();
    const json = JSON.stringify(row);
    const tx = db.transaction(() => {
      const old = db.prepare('SELECT id, row_json, created_office FROM review_rows WHERE key_department = ? AND key_project = ? AND key_monitor_point = ?')
        .get(k[0], k[1], k[2]) as { id: number; row_json: string; created_office: string | null } | undefined;
      if (old && !writer.admin && old.created_office !== writer.office) throw new ForbiddenRowError(old.created_office);
      let id: number;
      if (old) {
        db.prepare('UPDATE review_rows SET department = ?, project = ?, monitor_point = ?, office = ?, row_json = ?, updated_at = ? WHERE id = ?')
          .run(row.key.department, row.key.project, row.key.monitorPoint, writer.office, json, now, old.id);
        id = old.id;
      } else {
        const next = (db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM review_rows').get() as { n: number }).n;
        const info = db.prepare(`INSERT INTO review_rows (row_key, department, project, monitor_point, office, row_json, created_at, updated_at,
            key_department, key_project, key_monitor_point, created_office, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(key, row.key.department, row.key.project, row.key.monitorPoint, writer.office, json, now, now, k[0], k[1], k[2], writer.office, next);
        id = Number(info.lastInsertRowid);
      }
      db.prepare('INSERT INTO audit (at, who, action, row_key, old_json, new_json) VALUES (?, ?, ?, ?, ?, ?)')
        .run(now, writer.who, old ? 'update' : 'insert', key, old ? old.row_json : null, json);
      const seq = (db.prepare('SELECT seq FROM review_rows WHERE id = ?').get(id) as { seq: number }).seq;
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
        ? db.prepare('SELECT office, created_office, row_json, updated_at FROM review_rows WHERE monitor_point = ? ORDER BY seq').all(monitorPoint)
        : db.prepare('SELECT office, created_office, row_json, updated_at FROM review_rows ORDER BY seq').all()) as { office: string | null; created_office: string | null; row_json: string; updated_at: string }[];
      return rows.map((r, i) => ({ seq: i + 1, office: r.office, createdBy: r.created_office, updatedAt: r.updated_at, row: { ...(JSON.parse(r.row_json) as ReviewRow), seq: i + 1 } }));
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

  /** Every row and audit entry as stored, in order (for `serve --db … --migrate-from DIR`). */
  exportAll(): { rows: RowRecord[]; audit: AuditRecord[] } {
    const db = this.open();
    const rows = (db.prepare(`SELECT seq, department, project, monitor_point, key_department, key_project, key_monitor_point, row_key, office,
        created_office, row_json, created_at, updated_at FROM review_rows ORDER BY seq`).all() as Record<string, string | number | null>[]).map((r) => ({
      seq: Number(r.seq),
      department: String(r.department),
      project: String(r.project),
      monitorPoint: String(r.monitor_point),
      keyParts: [String(r.key_department), String(r.key_project), String(r.key_monitor_point)] as [string, string, string],
      rowKey: String(r.row_key),
      office: r.office === null ? null : String(r.office),
      createdOffice: r.created_office === null ? null : String(r.created_office),
      rowJson: String(r.row_json),
      createdAt: String(r.created_at),
      updatedAt: String(r.updated_at),
    }));
    const audit = (db.prepare('SELECT at, who, action, row_key, old_json, new_json FROM audit ORDER BY id').all() as Record<string, string | null>[]).map((a) => ({
      at: String(a.at), who: String(a.who), action: String(a.action), rowKey: String(a.row_key), oldJson: a.old_json, newJson: String(a.new_json),
    }));
    return { rows, audit };
  }
}
