/**
 * The register on PostgreSQL (`jixiao serve --db postgres://…` or JIXIAO_DB), through the `pg`
 * client: several servers on one database. Same schema versions as the SQLite register
 * (src/server/store.ts), plus the office tokens in the database so every server sees them.
 *
 *  - Migrations run at start inside one transaction under an advisory lock (two servers starting at
 *    once migrate once); a schema newer than the program is refused.
 *  - An append takes the counter row FOR UPDATE, so 序号 is unique and consecutive however many
 *    servers append at once, and commits row + counter + audit together.
 *  - Connection failures become StoreUnavailableError (HTTP 503); the pool reconnects by itself when
 *    the database is back.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Localized, localize } from '../core';
import { SERVER_MESSAGES } from './messages';
import type { ReviewRow } from '../review/types';
import {
  type AuditEntry, type AuditRecord, ForbiddenRowError, keyParts, type Register, type RowRecord, StoreSchemaError, StoreUnavailableError,
  type StoredRow, type Writer,
} from './store';
import type { TokenInfo, TokenOwner } from './tokens';

export const PG_SCHEMA_VERSION = 3;
const LOCK_KEY = 7_310_405_915; // pg_advisory_xact_lock key of jixiao's migrations

export interface PgOptions {
  url: string;
  /** connections per server (default 10) */
  poolSize?: number;
  /** connect and query timeout in ms (default 5000) */
  timeoutMs?: number;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

const CONNECTION_CODES = /^(08|57P|53300|ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)/;
const CONNECTION_TEXT = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|the database system is|not queryable/i;

export function pgUnavailable(e: unknown, where: string): StoreUnavailableError | null {
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = String((e as { message?: unknown })?.message ?? '');
  if (!CONNECTION_CODES.test(code) && !CONNECTION_TEXT.test(message)) return null;
  const text: Localized = localize(SERVER_MESSAGES, 'databaseDown', { where });
  return new StoreUnavailableError(text, code || 'PG_CONNECTION');
}

/**
 * One append in one round trip (the lock on the counter row is held only while the function runs and
 * the transaction commits): an update of the caller's (or, for admin, any) row keeps its 序号; a new
 * key takes the next 序号 from the locked counter; the audit entry is written with it. A row created
 * by another office is left alone and reported (o_forbidden).
 */
const UPSERT_FUNCTION = `
CREATE OR REPLACE FUNCTION jixiao_upsert(p_key TEXT, p_department TEXT, p_project TEXT, p_monitor_point TEXT,
  p_kd TEXT, p_kp TEXT, p_km TEXT, p_office TEXT, p_admin BOOLEAN, p_who TEXT, p_json TEXT, p_now TEXT)
RETURNS TABLE (o_seq INTEGER, o_updated BOOLEAN, o_owner TEXT, o_forbidden BOOLEAN)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_last INTEGER; v_id BIGINT; v_seq INTEGER; v_old TEXT; v_owner TEXT;
BEGIN
  SELECT c.last_seq INTO v_last FROM register_counter c WHERE c.id = 1 FOR UPDATE;
  SELECT r.id, r.seq, r.row_json, r.created_office INTO v_id, v_seq, v_old, v_owner
    FROM review_rows r WHERE r.key_department = p_kd AND r.key_project = p_kp AND r.key_monitor_point = p_km;
  IF FOUND THEN
    IF NOT p_admin AND v_owner IS DISTINCT FROM p_office THEN
      RETURN QUERY SELECT v_seq, TRUE, v_owner, TRUE;
      RETURN;
    END IF;
    UPDATE review_rows SET department = p_department, project = p_project, monitor_point = p_monitor_point,
      office = p_office, row_json = p_json, updated_at = p_now WHERE id = v_id;
    INSERT INTO audit (at, who, action, row_key, old_json, new_json) VALUES (p_now, p_who, 'update', p_key, v_old, p_json);
    RETURN QUERY SELECT v_seq, TRUE, v_owner, FALSE;
  ELSE
    v_seq := v_last + 1;
    INSERT INTO review_rows (row_key, department, project, monitor_point, office, row_json, created_at, updated_at,
      key_department, key_project, key_monitor_point, created_office, seq)
      VALUES (p_key, p_department, p_project, p_monitor_point, p_office, p_json, p_now, p_now, p_kd, p_kp, p_km, p_office, v_seq);
    UPDATE register_counter SET last_seq = v_seq WHERE id = 1;
    INSERT INTO audit (at, who, action, row_key, old_json, new_json) VALUES (p_now, p_who, 'insert', p_key, NULL, p_json);
    RETURN QUERY SELECT v_seq, FALSE, p_office, FALSE;
  END IF;
END
$fn$`;

/** Versions 1–3 as in store.ts: the first release's tables; the key tuple and creator; stored 序号, tokens. */
const MIGRATIONS: { version: number; sql: string[]; backfill?: (c: pg.PoolClient) => Promise<void> }[] = [
  {
    version: 1,
    sql: [
      `CREATE TABLE IF NOT EXISTS review_rows (
        id BIGSERIAL PRIMARY KEY, row_key TEXT NOT NULL UNIQUE, department TEXT NOT NULL, project TEXT NOT NULL,
        monitor_point TEXT NOT NULL, office TEXT, row_json TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS audit (
        id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, row_key TEXT NOT NULL,
        old_json TEXT, new_json TEXT NOT NULL)`,
    ],
  },
  {
    version: 2,
    sql: [
      'ALTER TABLE review_rows ADD COLUMN key_department TEXT, ADD COLUMN key_project TEXT, ADD COLUMN key_monitor_point TEXT, ADD COLUMN created_office TEXT',
    ],
    backfill: async (c) => {
      const rows = (await c.query('SELECT id, row_key, department, project, monitor_point, office FROM review_rows')).rows as {
        id: string; row_key: string; department: string; project: string; monitor_point: string; office: string | null;
      }[];
      for (const r of rows) {
        const k = keyParts({ department: r.department, project: r.project, monitorPoint: r.monitor_point });
        const who = (await c.query("SELECT who FROM audit WHERE row_key = $1 AND action = 'insert' ORDER BY id LIMIT 1", [r.row_key])).rows[0]?.who as string | undefined;
        await c.query('UPDATE review_rows SET key_department = $1, key_project = $2, key_monitor_point = $3, created_office = $4 WHERE id = $5',
          [k[0], k[1], k[2], who ? who.split(' / ')[0] : r.office, r.id]);
      }
      await c.query('CREATE UNIQUE INDEX review_rows_key ON review_rows (key_department, key_project, key_monitor_point)');
    },
  },
  {
    version: 3,
    sql: [
      'ALTER TABLE review_rows ADD COLUMN seq INTEGER',
      'UPDATE review_rows r SET seq = n.rn FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM review_rows) n WHERE r.id = n.id',
      'CREATE UNIQUE INDEX review_rows_seq ON review_rows (seq)',
      'CREATE TABLE register_counter (id INTEGER PRIMARY KEY, last_seq INTEGER NOT NULL)',
      'INSERT INTO register_counter (id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM review_rows',
      `CREATE TABLE tokens (id TEXT PRIMARY KEY, office TEXT NOT NULL, admin BOOLEAN NOT NULL DEFAULT FALSE,
        sha256 TEXT NOT NULL UNIQUE, created TEXT NOT NULL)`,
      UPSERT_FUNCTION,
    ],
  },
];

const digestHex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export class PgRegister implements Register {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  readonly where: string;

  constructor(public readonly opts: PgOptions) {
    const timeout = opts.timeoutMs ?? 5000;
    this.where = redactUrl(opts.url);
    this.pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
      idleTimeoutMillis: 30_000,
    });
    // an idle connection dropped by a restarting database is not a crash: the next query reconnects
    this.pool.on('error', () => undefined);
  }

  /** Run fn in a transaction; connection failures become StoreUnavailableError. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let c: pg.PoolClient;
    try {
      c = await this.pool.connect();
    } catch (e) {
      throw pgUnavailable(e, this.where) ?? e;
    }
    let broken = false;
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      const down = pgUnavailable(e, this.where);
      broken = Boolean(down);
      if (!down) await c.query('ROLLBACK').catch(() => undefined);
      throw down ?? e;
    } finally {
      c.release(broken);
    }
  }

  private async query(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    try {
      return await this.pool.query(sql, params);
    } catch (e) {
      throw pgUnavailable(e, this.where) ?? e;
    }
  }

  /** Connect, check the schema version and migrate. Throws (exit 2 at start) when unreachable or newer. */
  async init(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await c.query('CREATE TABLE IF NOT EXISTS jixiao_schema (version INTEGER NOT NULL)');
      const got = (await c.query('SELECT version FROM jixiao_schema')).rows[0] as { version: number } | undefined;
      const current = got?.version ?? 0;
      if (current > PG_SCHEMA_VERSION) {
        throw new StoreSchemaError(localize(SERVER_MESSAGES, 'newerDatabase', { where: this.where, current, known: PG_SCHEMA_VERSION }));
      }
      for (const m of MIGRATIONS) {
        if (m.version <= current) continue;
        for (const sql of m.sql) await c.query(sql);
        if (m.backfill) await m.backfill(c);
      }
      if (!got) await c.query('INSERT INTO jixiao_schema (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
      else if (current < PG_SCHEMA_VERSION) await c.query('UPDATE jixiao_schema SET version = $1', [PG_SCHEMA_VERSION]);
    });
  }

  async upsert(row: ReviewRow, writer: Writer): Promise<{ seq: number; updated: boolean }> {
    const k = keyParts(row.key);
    const key = k.join('\u0001');
    const now = new Date().toISOString();
    const json = JSON.stringify(row);
    // one statement, its own transaction: 序号 from the counter row, locked until commit (see UPSERT_FUNCTION)
    const r = (await this.query('SELECT o_seq, o_updated, o_owner, o_forbidden FROM jixiao_upsert($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
      [key, row.key.department, row.key.project, row.key.monitorPoint, k[0], k[1], k[2], writer.office, writer.admin, writer.who, json, now])).rows[0] as {
      o_seq: number; o_updated: boolean; o_owner: string | null; o_forbidden: boolean;
    };
    if (r.o_forbidden) throw new ForbiddenRowError(r.o_owner);
    return { seq: Number(r.o_seq), updated: r.o_updated };
  }

  async list(monitorPoint?: string): Promise<StoredRow[]> {
    const r = monitorPoint
      ? await this.query('SELECT office, created_office, row_json, updated_at FROM review_rows WHERE monitor_point = $1 ORDER BY seq', [monitorPoint])
      : await this.query('SELECT office, created_office, row_json, updated_at FROM review_rows ORDER BY seq');
    return (r.rows as { office: string | null; created_office: string | null; row_json: string; updated_at: string }[]).map((x, i) => ({
      seq: i + 1, office: x.office, createdBy: x.created_office, updatedAt: x.updated_at, row: { ...(JSON.parse(x.row_json) as ReviewRow), seq: i + 1 },
    }));
  }

  /** 序号 as stored (unique, consecutive): for checks and the tests. */
  async storedSeqs(): Promise<number[]> {
    return (await this.query('SELECT seq FROM review_rows ORDER BY seq')).rows.map((r: { seq: number }) => Number(r.seq));
  }

  async audit(): Promise<AuditEntry[]> {
    const r = await this.query('SELECT id, at, who, action, row_key, old_json, new_json FROM audit ORDER BY id');
    return (r.rows as { id: string; at: string; who: string; action: 'insert' | 'update'; row_key: string; old_json: string | null; new_json: string }[]).map((a) => ({
      id: Number(a.id), at: a.at, who: a.who, action: a.action, key: a.row_key, old: a.old_json ? (JSON.parse(a.old_json) as ReviewRow) : null, new: JSON.parse(a.new_json) as ReviewRow,
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Copy a SQLite register (rows with their 序号 and creators, the audit, the tokens) into this empty
   * database, in one transaction. Refused when the database already holds rows.
   */
  async importRegister(data: { rows: RowRecord[]; audit: AuditRecord[]; tokens: { office: string; admin: boolean; sha256: string; created: string | null }[] }): Promise<{ rows: number; audit: number; tokens: number }> {
    return this.tx(async (c) => {
      await c.query('SELECT last_seq FROM register_counter WHERE id = 1 FOR UPDATE');
      const n = Number((await c.query('SELECT COUNT(*) AS n FROM review_rows')).rows[0].n);
      if (n > 0) {
        throw new StoreSchemaError(localize(SERVER_MESSAGES, 'databaseNotEmpty', { where: this.where, n }));
      }
      for (const r of data.rows) {
        await c.query(`INSERT INTO review_rows (row_key, department, project, monitor_point, office, row_json, created_at, updated_at,
            key_department, key_project, key_monitor_point, created_office, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [r.rowKey, r.department, r.project, r.monitorPoint, r.office, r.rowJson, r.createdAt, r.updatedAt, r.keyParts[0], r.keyParts[1], r.keyParts[2], r.createdOffice, r.seq]);
      }
      await c.query('UPDATE register_counter SET last_seq = (SELECT COALESCE(MAX(seq), 0) FROM review_rows) WHERE id = 1');
      for (const a of data.audit) {
        await c.query('INSERT INTO audit (at, who, action, row_key, old_json, new_json) VALUES ($1, $2, $3, $4, $5, $6)', [a.at, a.who, a.action, a.rowKey, a.oldJson, a.newJson]);
      }
      let tokens = 0;
      for (const t of data.tokens) {
        const r = await c.query('INSERT INTO tokens (id, office, admin, sha256, created) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
          [t.sha256.slice(0, 12), t.office, t.admin, t.sha256, t.created ?? new Date().toISOString()]);
        tokens += r.rowCount ?? 0;
      }
      return { rows: data.rows.length, audit: data.audit.length, tokens };
    });
  }
}

/** The office tokens in the database: every server on it sees an added or revoked token at once. */
export class PgTokens {
  problems: Localized[] = [];

  constructor(private readonly reg: PgRegister) {}

  get where(): string {
    return `${this.reg.where} (tokens)`;
  }

  async check(token: string | undefined): Promise<TokenOwner | null> {
    if (!token) return null;
    let r: pg.QueryResult;
    try {
      r = await this.reg.pool.query('SELECT id, office, admin FROM tokens WHERE sha256 = $1', [digestHex(token)]);
    } catch (e) {
      throw pgUnavailable(e, this.reg.where) ?? e;
    }
    const t = r.rows[0] as { id: string; office: string; admin: boolean } | undefined;
    return t ? { id: t.id, office: t.office, admin: t.admin } : null;
  }

  async count(): Promise<number> {
    return Number((await this.reg.pool.query('SELECT COUNT(*) AS n FROM tokens')).rows[0].n);
  }

  async add(office: string, admin = false): Promise<{ id: string; token: string }> {
    const token = randomBytes(24).toString('base64url');
    const sha = digestHex(token);
    await this.reg.pool.query('INSERT INTO tokens (id, office, admin, sha256, created) VALUES ($1, $2, $3, $4, $5)', [sha.slice(0, 12), office.trim(), admin, sha, new Date().toISOString()]);
    return { id: sha.slice(0, 12), token };
  }

  /** Add the first admin token when there is none (under the migration lock, so once for all servers). */
  async ensureFirst(office: string): Promise<{ id: string; token: string } | null> {
    const c = await this.reg.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const n = Number((await c.query('SELECT COUNT(*) AS n FROM tokens')).rows[0].n);
      if (n > 0) {
        await c.query('COMMIT');
        return null;
      }
      const token = randomBytes(24).toString('base64url');
      const sha = digestHex(token);
      await c.query('INSERT INTO tokens (id, office, admin, sha256, created) VALUES ($1, $2, TRUE, $3, $4)', [sha.slice(0, 12), office, sha, new Date().toISOString()]);
      await c.query('COMMIT');
      return { id: sha.slice(0, 12), token };
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async list(): Promise<TokenInfo[]> {
    const r = await this.reg.pool.query('SELECT id, office, admin, created FROM tokens ORDER BY created, id');
    return (r.rows as { id: string; office: string; admin: boolean; created: string }[]).map((t) => ({ ...t, legacy: false }));
  }

  async revoke(id: string): Promise<boolean> {
    return ((await this.reg.pool.query('DELETE FROM tokens WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }
}
