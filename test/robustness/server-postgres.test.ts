/**
 * The review server on a real PostgreSQL (issue 15): Debian's binaries, `initdb` into a temporary
 * folder, `pg_ctl` on a free loopback port (test/helpers/postgres.ts), one database per test, real
 * `jixiao serve --db …` child processes.
 *  - two servers on one database, 10 clients × 25 appends spread across both: each acknowledged row
 *    exactly once, 序号 1..N with no gap;
 *  - the same key posted through both servers at once: one row;
 *  - kill -9 of one server in the middle of a burst: no acknowledged row lost, retries complete it;
 *  - the database restarted in the middle of a run: 503 with a message, then recovery;
 *  - `--migrate-from` copies a SQLite register of the first release (rows, audit, tokens);
 *  - an unreachable database, or a schema newer than the program: exit 2 with a message.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { validateGrid } from '../../src/core';
import { buildReviewRow } from '../../src/review/build';
import type { ReviewRow } from '../../src/review/types';
import { runTokenAdd, runTokenList } from '../../src/cli/token';
import { PG_SCHEMA_VERSION } from '../../src/server/pg-store';
import { gridFromRows, seedRowsOf } from '../helpers/grid';
import { type PgCluster, startCluster } from '../helpers/postgres';
import { listAll, postRow, raw, rowFor, type Served, startServer } from './gen/server';

jest.setTimeout(240000);

const ROOT = join(__dirname, '..', '..');
let cluster: PgCluster;
let base: string;
let template: ReviewRow;
let dbCount = 0;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'jixiao-pgtest-'));
  template = buildReviewRow(validateGrid(gridFromRows('城乡居民养老', seedRowsOf('form2'))), { timely: 9 });
  cluster = await startCluster();
});
afterAll(() => {
  cluster?.destroy();
  rmSync(base, { recursive: true, force: true });
});

const quiet = () => ({ write: () => true }) as unknown as NodeJS.WritableStream;

/** A fresh database and an office token for it (made by `jixiao token add --db`). */
async function freshDb(): Promise<{ url: string; token: string }> {
  const url = await cluster.createDb(`t${++dbCount}`);
  const out = join(base, `token-${dbCount}.txt`);
  expect(await runTokenAdd({ db: url, office: '社保科', out }, quiet(), process.stderr)).toBe(0);
  return { url, token: readFileSync(out, 'utf8').trim() };
}

async function serve(url: string, name: string, extra: string[] = []): Promise<Served> {
  return startServer(join(base, name), ['--db', url, '--db-pool', '4', '--db-timeout', '3000', ...extra]);
}

const seqOf = (r: { body: string }) => (JSON.parse(r.body) as { seq: number }).seq;

/**
 * `clients` concurrent clients, each appending `per` rows one after another, spread over the servers
 * alive at the time. Returns the acknowledged rows (project → 序号) and the ones not acknowledged.
 */
async function burst(servers: () => Served[], token: string, clients: number, per: number, onAck: (n: number) => void = () => undefined) {
  const acked = new Map<string, number>();
  const failed: string[] = [];
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let j = 0; j < per; j++) {
      const project = `客户${c}-行${j}`;
      const alive = servers();
      const s = alive[(c + j) % alive.length];
      try {
        const r = await postRow(s, token, JSON.stringify(rowFor(template, project)), {});
        if (r.status === 201 || r.status === 200) {
          acked.set(project, seqOf(r));
          onAck(acked.size);
        } else failed.push(project);
      } catch {
        failed.push(project);
      }
    }
  }));
  return { acked, failed };
}

async function storedSeqs(url: string): Promise<{ seq: number; project: string }[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('SELECT seq, project FROM review_rows ORDER BY seq')).rows as { seq: number; project: string }[];
  } finally {
    await c.end();
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('two servers on one PostgreSQL', () => {
  it('10 clients × 25 appends spread across both: every acknowledged row exactly once, 序号 1..250 with no gap', async () => {
    const { url, token } = await freshDb();
    const [a, b] = await Promise.all([serve(url, 'two-a'), serve(url, 'two-b')]);
    try {
      const { acked, failed } = await burst(() => [a, b], token, 10, 25);
      expect(failed).toEqual([]);
      expect(acked.size).toBe(250);
      // the 序号 each append was given are 1..250, each once
      expect([...acked.values()].sort((x, y) => x - y)).toEqual(range(250));
      const stored = await storedSeqs(url);
      expect(stored.map((r) => r.seq)).toEqual(range(250));
      for (const r of stored) expect([r.project, acked.get(r.project)]).toEqual([r.project, r.seq]);
      // both servers list the same register
      const [la, lb] = await Promise.all([listAll(a, token), listAll(b, token)]);
      expect(la.map((r) => r.project)).toEqual(stored.map((r) => r.project));
      expect(lb.map((r) => [r.seq, r.project])).toEqual(la.map((r) => [r.seq, r.project]));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('the same key posted through both servers at once: one row, one insert and the rest updates in the audit', async () => {
    const { url, token } = await freshDb();
    const [a, b] = await Promise.all([serve(url, 'same-a'), serve(url, 'same-b')]);
    try {
      const row = JSON.stringify(rowFor(template, '同一项目'));
      const answers = await Promise.all(range(20).map((i) => postRow(i % 2 ? a : b, token, row)));
      expect(answers.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201].sort());
      expect(new Set(answers.map(seqOf))).toEqual(new Set([1]));
      expect(await storedSeqs(url)).toEqual([{ seq: 1, project: '同一项目' }]);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const audit = (await c.query('SELECT action, COUNT(*)::int AS n FROM audit GROUP BY action ORDER BY action')).rows;
      await c.end();
      expect(audit).toEqual([{ action: 'insert', n: 1 }, { action: 'update', n: 19 }]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('kill -9 of one server mid-burst: no acknowledged row lost; retries through the other complete the register, 序号 without a gap', async () => {
    const { url, token } = await freshDb();
    const a = await serve(url, 'kill-a');
    const b = await serve(url, 'kill-b');
    let killed = false;
    try {
      const alive = () => (killed ? [b] : [a, b]);
      const { acked, failed } = await burst(alive, token, 10, 25, (n) => {
        if (n >= 60 && !killed) {
          killed = true;
          void a.kill();
        }
      });
      expect(killed).toBe(true);
      const before = new Map(acked);
      // every acknowledged row is there, with the 序号 it was given
      const stored = new Map((await storedSeqs(url)).map((r) => [r.project, r.seq]));
      for (const [project, seq] of before) expect([project, stored.get(project)]).toEqual([project, seq]);
      // the client retries what was not acknowledged
      for (const project of failed) {
        const r = await postRow(b, token, JSON.stringify(rowFor(template, project)));
        expect([project, r.status]).toEqual([project, expect.any(Number)]);
        expect([200, 201]).toContain(r.status);
      }
      const after = await storedSeqs(url);
      expect(after.map((r) => r.seq)).toEqual(range(250));
      expect(new Set(after.map((r) => r.project)).size).toBe(250);
    } finally {
      await a.kill();
      await b.stop();
    }
  });
});

describe('the database goes away and comes back', () => {
  it('restarted in the middle of a run: 503 with a message while it is down, then service recovers with nothing lost', async () => {
    const { url, token } = await freshDb();
    const s = await serve(url, 'restart');
    try {
      for (const i of range(5)) expect((await postRow(s, token, JSON.stringify(rowFor(template, `重启前${i}`)))).status).toBe(201);
      cluster.stop();
      let down: { status: number; body: string };
      try {
        down = await postRow(s, token, JSON.stringify(rowFor(template, '停机时')));
        expect(down.status).toBe(503);
        expect((JSON.parse(down.body) as { error: { zh: string; en: string } }).error.en).toContain('database');
        expect((await raw(s, '/api/review-rows', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(503);
        expect((await raw(s, '/api/health')).status).toBe(200);
      } finally {
        cluster.start();
      }
      let status = 0;
      for (let i = 0; i < 40 && status !== 201; i++) {
        status = (await postRow(s, token, JSON.stringify(rowFor(template, '恢复后')))).status;
        if (status !== 201) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(201);
      const rows = await listAll(s, token);
      expect(rows.map((r) => [r.seq, r.project])).toEqual([...range(5).map((i) => [i, `重启前${i}`]), [6, '恢复后']]);
    } finally {
      await s.stop();
    }
  });
});

describe('starting', () => {
  it('--migrate-from copies a SQLite register of the first release (rows, audit, tokens) and reports the counts; the folder is left as it was', async () => {
    const url = await cluster.createDb(`t${++dbCount}`);
    const legacy = join(base, 'legacy');
    mkdirSync(legacy);
    for (const f of readdirSync(join(ROOT, 'test', 'fixtures', 'legacy-register'))) copyFileSync(join(ROOT, 'test', 'fixtures', 'legacy-register', f), join(legacy, f));
    const s = await serve(url, 'migrated', ['--migrate-from', legacy]);
    try {
      expect(s.output()).toMatch(/3 行，4 条审计，2 个令牌 \/ copied from .*: 3 rows, 4 audit entries, 2 tokens/);
      const rows = await listAll(s, 'legacy-token-office-a-0123456789');
      expect(rows.map((r) => [r.seq, r.total])).toEqual([[1, 100], [2, 94], [3, 94]]);
      // row 1 stays 社保科's (its first insert), so 医保科 cannot update it
      const first = { ...(rows[0] as ReviewRow), seq: undefined };
      expect((await postRow(s, 'legacy-token-office-b-9876543210', JSON.stringify(first))).status).toBe(403);
      expect((await postRow(s, 'legacy-token-office-a-0123456789', JSON.stringify(first))).status).toBe(200);
      const listed: string[] = [];
      expect(await runTokenList({ db: url }, { write: (x: string) => (listed.push(x), true) } as unknown as NodeJS.WritableStream, process.stderr)).toBe(0);
      expect(listed.join('')).toMatch(/社保科[\s\S]*医保科|医保科[\s\S]*社保科/);
      expect(listed.join('')).not.toContain('legacy-token-office');
    } finally {
      await s.stop();
    }
    const src = new Database(join(legacy, 'review.sqlite'), { readonly: true });
    expect(src.pragma('user_version', { simple: true })).toBe(0);
    src.close();
    // a second copy into a register that has rows is refused
    const again = (await serve(url, 'migrated-again', ['--migrate-from', legacy]).catch((e: unknown) => e)) as Error;
    expect(again.message).toContain('exited (2)');
    expect(again.message).toContain('empty register');
  });

  it('an unreachable database or a schema newer than the program: exit 2 with a message', async () => {
    const gone = (await serve('postgres://jixiao@127.0.0.1:1/nothing', 'unreachable').catch((e: unknown) => e)) as Error;
    expect(gone.message).toContain('exited (2)');
    expect(gone.message).toContain('cannot connect to the database postgres://jixiao@127.0.0.1:1/nothing');
    const url = await cluster.createDb(`t${++dbCount}`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('CREATE TABLE jixiao_schema (version INTEGER NOT NULL)');
    await c.query('INSERT INTO jixiao_schema VALUES ($1)', [PG_SCHEMA_VERSION + 1]);
    await c.end();
    const newer = (await serve(url, 'newer').catch((e: unknown) => e)) as Error;
    expect(newer.message).toContain('exited (2)');
    expect(newer.message).toContain('newer version');
  });
});
