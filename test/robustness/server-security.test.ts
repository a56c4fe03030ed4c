/**
 * The shared register's promises (issue 9, points 7–13), each against a real `jixiao serve` child
 * process on 127.0.0.1 (port 0) with its own data folder:
 *  - tokens belong to an office: another office's token cannot update a row (403), admin can;
 *    `jixiao token add|list|revoke` never print a token; `review --server` takes --token-file / JIXIAO_TOKEN;
 *  - a register and tokens.json written by the first release open, migrate and keep working;
 *  - the server scores: maxima, total and the shown names must agree (422 naming the field);
 *  - the key is a tuple under a unique index; control characters get 400 naming the field;
 *  - the data folder is 700 and its files 600 under umask 000;
 *  - repeated query parameters 400, wrong content types 415, `bearer` in any case;
 *  - logs hold no query string, no row data, no stack; a 500 answers and logs an id;
 *  - CSP (frame-ancestors: Office hosts), no-store, nosniff, HSTS; ECDHE-only TLS;
 *  - no source maps in the production build; the demo's token only for loopback same-origin pages.
 */
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { validateGrid } from '../../src/core';
import { buildReviewRow } from '../../src/review/build';
import type { ReviewRow } from '../../src/review/types';
import { runReview } from '../../src/cli/review';
import { resolveClientToken, runTokenAdd, runTokenList, runTokenRevoke } from '../../src/cli/token';
import { mayReceiveToken } from '../../src/demo/token-gate';
import { OFFICE_FRAME_ANCESTORS } from '../../src/server/headers';
import { SCHEMA_VERSION } from '../../src/server/store';
import { gridFromRows, seedRowsOf } from '../helpers/grid';
import { listAll, postRow, raw, rowFor, type Served, startServer } from './gen/server';
import type { SpawnOptions } from '../../src/server/child';

jest.setTimeout(120000);

const ROOT = join(__dirname, '..', '..');
const A = 'security-token-office-a-0123456789';
const B = 'security-token-office-b-9876543210';
const ADMIN = 'security-token-admin-000000000000';
let base: string;
let template: ReviewRow;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'jixiao-security-'));
  template = buildReviewRow(validateGrid(gridFromRows('城乡居民养老', seedRowsOf('form2'))), { timely: 9 });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function dataDir(name: string): string {
  const d = join(base, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'tokens.json'), JSON.stringify({
    tokens: [{ office: '社保科', token: A }, { office: '医保科', token: B }, { office: '财务处', token: ADMIN, admin: true }],
  }));
  return d;
}

function paneDir(): string {
  const d = join(base, 'pane');
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'taskpane.html'), '<!doctype html><title>绩效监控校验</title>');
  return d;
}

async function withServer<T>(data: string, fn: (s: Served) => Promise<T>, args: string[] = [], opts: SpawnOptions = {}): Promise<T> {
  const s = await startServer(data, ['--static', paneDir(), ...args], opts);
  try {
    return await fn(s);
  } finally {
    await s.stop();
  }
}

const body = (r: { body: string }) => JSON.parse(r.body) as { error?: { zh: string; en: string }; field?: string; errorId?: string; seq?: number };
const sink = () => {
  const text: string[] = [];
  return { text, stream: { write: (x: string) => (text.push(x), true), isTTY: false } as unknown as NodeJS.WritableStream & { isTTY: boolean } };
};
const modeOf = (f: string) => statSync(f).mode & 0o777;

describe('tokens belong to an office', () => {
  it('another office’s token cannot update a row (403, in both languages); the creating office and an admin can', async () => {
    const data = dataDir('owners');
    await withServer(data, async (s) => {
      const row = rowFor(template, '项目甲');
      expect((await postRow(s, A, JSON.stringify(row))).status).toBe(201);
      const forged = { ...row, scores: { ...row.scores, timely: { ...row.scores.timely, value: 0 } }, total: row.total - row.scores.timely.value };
      const r = await postRow(s, B, JSON.stringify(forged));
      expect(r.status).toBe(403);
      expect(body(r).error!.zh).toContain('社保科');
      expect(body(r).error!.en).toContain('cannot change it');
      expect((await listAll(s, A))[0].total).toBe(row.total);
      expect((await postRow(s, ADMIN, JSON.stringify(forged))).status).toBe(200);
      expect((await postRow(s, A, JSON.stringify(row))).status).toBe(200);
      // a new row of 医保科 is its own
      expect((await postRow(s, B, JSON.stringify(rowFor(template, '项目乙')))).status).toBe(201);
      expect((await listAll(s, B)).map((x) => [x.project, x.office])).toEqual([['项目甲', '社保科'], ['项目乙', '医保科']]);
    });
  });

  it('`jixiao token add` writes the token to a 600 file and prints only its path; list shows no token; revoke takes effect without a restart', async () => {
    const data = dataDir('cli');
    await withServer(data, async (s) => {
      const out = sink();
      const err = sink();
      expect(await runTokenAdd({ data, office: '医保科' }, out.stream, err.stream)).toBe(0);
      const printed = out.text.join('');
      const file = printed.trim().split('\n').pop()!;
      expect(modeOf(file)).toBe(0o600);
      const token = readFileSync(file, 'utf8').trim();
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(printed).not.toContain(token);
      expect(readFileSync(join(data, 'tokens.json'), 'utf8')).not.toContain(token);
      expect(modeOf(join(data, 'tokens.json'))).toBe(0o600);
      // the new token works at once, as 医保科 (not admin)
      expect((await postRow(s, token, JSON.stringify(rowFor(template, '新令牌')))).status).toBe(201);
      expect((await postRow(s, A, JSON.stringify(rowFor(template, '新令牌')))).status).toBe(403);
      const list = sink();
      expect(await runTokenList({ data }, list.stream, err.stream)).toBe(0);
      const listed = list.text.join('');
      expect(listed).toContain('医保科');
      expect(listed).toContain('财务处\tadmin');
      for (const t of [token, A, B, ADMIN]) expect(listed).not.toContain(t);
      const id = /token ([0-9a-f]{12})/.exec(printed)![1];
      expect(await runTokenRevoke(id, { data }, out.stream, err.stream)).toBe(0);
      await new Promise((r) => setTimeout(r, 20));
      expect((await postRow(s, token, JSON.stringify(rowFor(template, '新令牌')))).status).toBe(401);
      expect(await runTokenRevoke(id, { data }, out.stream, err.stream)).toBe(2);
    });
  });

  it('first start: an admin token in DATA/first-token.txt (600), its path printed, the token never', async () => {
    const data = join(base, 'first');
    await withServer(data, async (s) => {
      const file = join(data, 'first-token.txt');
      const token = readFileSync(file, 'utf8').trim();
      expect(modeOf(file)).toBe(0o600);
      expect(s.output()).toContain(file);
      expect(s.output()).not.toContain(token);
      expect((await postRow(s, token, JSON.stringify(rowFor(template, '首个')))).status).toBe(201);
    });
  });

  it('`review --server` takes the token from --token-file or JIXIAO_TOKEN', async () => {
    const data = dataDir('client');
    const tokenFile = join(base, 'a.token');
    writeFileSync(tokenFile, `${A}\n`, { mode: 0o600 });
    expect(resolveClientToken({ tokenFile })).toEqual({ token: A });
    expect(resolveClientToken({}, { JIXIAO_TOKEN: B })).toEqual({ token: B });
    expect(resolveClientToken({}, {})).toMatchObject({ error: expect.stringContaining('JIXIAO_TOKEN') });
    await withServer(data, async (s) => {
      const ca = join(data, 'tls', 'cert.pem');
      const form = join(ROOT, 'test', 'fixtures', 'xlsx', 'form2.xlsx');
      const out = sink();
      expect(await runReview([form], { server: s.url, tokenFile, ca }, { out: out.stream, err: out.stream })).toBe(0);
      const saved = process.env.JIXIAO_TOKEN;
      process.env.JIXIAO_TOKEN = B;
      try {
        // 医保科 may not update 社保科's row: the environment's token was used
        expect(await runReview([form], { server: s.url, ca }, { out: out.stream, err: out.stream })).toBe(2);
      } finally {
        if (saved === undefined) delete process.env.JIXIAO_TOKEN;
        else process.env.JIXIAO_TOKEN = saved;
      }
      expect(out.text.join('')).toContain('医保科');
      expect((await listAll(s, A)).map((r) => r.office)).toEqual(['社保科']);
    });
  });
});

describe('upgrading', () => {
  it('a register and tokens.json written by the first release open, migrate to the key tuple and keep working', async () => {
    const data = join(base, 'legacy');
    mkdirSync(data);
    for (const f of readdirSync(join(ROOT, 'test', 'fixtures', 'legacy-register'))) {
      copyFileSync(join(ROOT, 'test', 'fixtures', 'legacy-register', f), join(data, f));
      chmodSync(join(data, f), 0o644);
    }
    chmodSync(data, 0o755);
    const LEGACY_A = 'legacy-token-office-a-0123456789';
    const LEGACY_B = 'legacy-token-office-b-9876543210';
    await withServer(data, async (s) => {
      const rows = await listAll(s, LEGACY_A);
      expect(rows.map((r) => [r.seq, r.total])).toEqual([[1, 100], [2, 94], [3, 94]]);
      // row 1 was inserted by 社保科 (per the audit) and last written by 医保科: 社保科 created it
      const first = rows[0] as ReviewRow;
      expect((await postRow(s, LEGACY_A, JSON.stringify({ ...first, seq: undefined }))).status).toBe(200);
      expect((await postRow(s, LEGACY_B, JSON.stringify({ ...first, seq: undefined }))).status).toBe(403);
      expect((await postRow(s, LEGACY_B, JSON.stringify(rowFor(template, '升级后')))).status).toBe(201);
    });
    const db = new Database(join(data, 'review.sqlite'), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const idx = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'review_rows_key'").get() as { sql: string };
      expect(idx.sql).toMatch(/UNIQUE INDEX review_rows_key ON review_rows \(key_department, key_project, key_monitor_point\)/);
      expect((db.prepare('SELECT COUNT(*) AS n FROM review_rows WHERE key_department IS NULL').get() as { n: number }).n).toBe(0);
      expect((db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n).toBe(6);
    } finally {
      db.close();
    }
    expect([modeOf(data), modeOf(join(data, 'review.sqlite')), modeOf(join(data, 'tokens.json'))]).toEqual([0o700, 0o600, 0o600]);
  });

  it('a register written by a newer version is refused at start (exit 2, with a message)', async () => {
    const data = dataDir('newer');
    const db = new Database(join(data, 'review.sqlite'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const e = (await startServer(data, ['--static', paneDir()]).catch((x: unknown) => x)) as Error;
    expect(e.message).toContain('exited (2)');
    expect(e.message).toContain('newer version');
  });
});

describe('the server scores', () => {
  it('maxima, total and the shown names that disagree with its rubric and key get 422 naming the field; nothing is written', async () => {
    const data = dataDir('scores');
    const row = rowFor(template, '评分');
    const cases: [string, ReviewRow, string, number][] = [
      ['maxima of 100 and a total of 400', {
        ...row,
        scores: Object.fromEntries(Object.entries(row.scores).map(([k, v]) => [k, { ...v, max: 100, value: 100 }])) as ReviewRow['scores'],
        total: 400,
      }, 'scores.budget.max', 422],
      ['a total that is not the sum', { ...row, total: row.total + 5 }, 'total', 422],
      ['a shown department other than the key', { ...row, department: '别的单位' }, 'department', 422],
      ['a shown project other than the key', { ...row, project: '别的项目' }, 'project', 422],
      // the maximum omitted: the rubric's (10) applies, so 11 is out of range
      ['a value above the rubric’s maximum', { ...row, scores: { ...row.scores, timely: { ...row.scores.timely, max: undefined as unknown as number, value: 11 } }, total: row.total - row.scores.timely.value + 11 }, 'scores.timely.value', 400],
    ];
    await withServer(data, async (s) => {
      for (const [name, bad, field, status] of cases) {
        const r = await postRow(s, A, JSON.stringify(bad));
        expect([name, r.status]).toEqual([name, status]);
        expect([name, body(r).error!.zh]).toEqual([name, expect.stringContaining(field)]);
        if (status === 422) expect(body(r).field).toBe(field);
      }
      expect(await listAll(s, A)).toHaveLength(0);
      expect((await postRow(s, A, JSON.stringify(row))).status).toBe(201);
      expect((await listAll(s, A))[0].scores.budget.max).toBe(30);
    });
  });
});

describe('the key and control characters', () => {
  it('keys that would join to the same string are refused at the boundary (400 naming the field); the key is a tuple under a unique index', async () => {
    const data = dataDir('key');
    await withServer(data, async (s) => {
      const one = rowFor(template, 'B\u0001C', 'A');
      const two = rowFor(template, 'C', 'A\u0001B');
      const r1 = await postRow(s, A, JSON.stringify(one));
      expect([r1.status, body(r1).field]).toEqual([400, 'key.project']);
      expect(body(r1).error!.zh).toContain('控制字符');
      const r2 = await postRow(s, A, JSON.stringify(two));
      expect([r2.status, body(r2).field]).toEqual([400, 'key.department']);
      const evid = { ...rowFor(template, '证据'), scores: { ...template.scores, goal: { ...template.scores.goal, evidence: { zh: '\u001b]0;title\u0007', en: 'x' } } } };
      const r3 = await postRow(s, A, JSON.stringify(evid));
      expect([r3.status, body(r3).field]).toEqual([400, 'scores.goal.evidence.zh']);
      const bidi = await postRow(s, A, JSON.stringify(rowFor(template, '项目\u202e甲')));
      expect(bidi.status).toBe(400);
      // a line break (Alt+Enter in a cell) is text, not a control
      expect((await postRow(s, A, JSON.stringify(rowFor(template, '项目\n第二行')))).status).toBe(201);
      expect(await listAll(s, A)).toHaveLength(1);
    });
    const db = new Database(join(data, 'review.sqlite'), { readonly: true });
    try {
      const idx = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'review_rows_key'").get() as { sql: string } | undefined;
      expect(idx?.sql).toContain('UNIQUE');
      expect(() => db.prepare('SELECT key_department, key_project, key_monitor_point FROM review_rows').all()).not.toThrow();
    } finally {
      db.close();
    }
  });
});

describe('files', () => {
  it('under umask 000 the data folder is 700 and review.sqlite, -wal, -shm, tokens.json and the TLS key are 600', async () => {
    const data = join(base, 'umask');
    await withServer(data, async (s) => {
      const token = readFileSync(join(data, 'first-token.txt'), 'utf8').trim();
      expect((await postRow(s, token, JSON.stringify(rowFor(template, '权限')))).status).toBe(201);
      const files = ['review.sqlite', 'review.sqlite-wal', 'review.sqlite-shm', 'tokens.json', 'first-token.txt', join('tls', 'key.pem')];
      expect([modeOf(data), ...files.map((f) => modeOf(join(data, f)))]).toEqual([0o700, ...files.map(() => 0o600)]);
    }, [], { umask: 0 });
  });
});

describe('requests', () => {
  it('repeated query parameters get 400 naming the parameter; a body that is not JSON gets 415; the bearer scheme is case-insensitive', async () => {
    const data = dataDir('requests');
    await withServer(data, async (s) => {
      const auth = { Authorization: `Bearer ${A}` };
      for (const p of ['/api/review-rows?monitorPoint=a&monitorPoint=b', '/api/annex2.xlsx?office=x&office=y']) {
        const r = await raw(s, p, { headers: auth });
        expect([p, r.status]).toEqual([p, 400]);
        expect(body(r).error!.zh).toContain('重复');
      }
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
        const r = await raw(s, '/api/review-rows', { method: 'POST', body: JSON.stringify(template), headers: { ...auth, 'Content-Type': type } });
        expect([type, r.status]).toEqual([type, 415]);
      }
      for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
        const r = await raw(s, '/api/review-rows', { headers: { Authorization: `${scheme} ${A}` } });
        expect([scheme, r.status]).toEqual([scheme, 200]);
      }
    });
  });
});

describe('logs', () => {
  it('with --log: no query string, no row data, no stack; a 500 logs and returns an id', async () => {
    const data = dataDir('logs');
    await withServer(data, async (s) => {
      const secretRow = rowFor(template, 'ROWDATA-项目-7f3a');
      expect((await postRow(s, A, JSON.stringify(secretRow))).status).toBe(201);
      expect((await raw(s, '/api/review-rows?monitorPoint=QUERYSECRET-91', { headers: { Authorization: `Bearer ${A}` } })).status).toBe(200);
      // a row the program cannot read back: a genuine internal error
      const db = new Database(join(data, 'review.sqlite'));
      db.prepare("UPDATE review_rows SET row_json = '{\"project\":\"ROWDATA-BROKEN' ").run();
      db.close();
      const r = await raw(s, '/api/review-rows', { headers: { Authorization: `Bearer ${A}` } });
      expect(r.status).toBe(500);
      const id = body(r).errorId!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(body(r).error!.zh).toContain(id);
      for (let i = 0; i < 50 && !s.output().includes(id); i++) await new Promise((x) => setTimeout(x, 100));
      const log = s.output();
      expect(log).toContain(id);
      expect(log).toContain('/api/review-rows');
      expect(log).not.toContain('QUERYSECRET');
      expect(log).not.toContain('ROWDATA');
      expect(log).not.toMatch(/\n\s+at /);
      expect(log).not.toContain('"stack"');
      expect(log).not.toContain(A);
    }, ['--log']);
  });
});

describe('headers and transport', () => {
  it('every answer carries CSP with frame-ancestors limited to the Office hosts, nosniff and HSTS; the API no-store', async () => {
    const data = dataDir('headers');
    await withServer(data, async (s) => {
      const auth = { Authorization: `Bearer ${A}` };
      const answers = {
        page: await raw(s, '/taskpane.html'),
        missingPage: await raw(s, '/nothing.html'),
        api: await raw(s, '/api/review-rows', { headers: auth }),
        health: await raw(s, '/api/health'),
        unauthorised: await raw(s, '/api/review-rows'),
        annex2: await raw(s, '/api/annex2.xlsx', { headers: auth }),
      };
      for (const [name, r] of Object.entries(answers)) {
        const csp = String(r.headers['content-security-policy'] ?? '');
        const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1].trim().split(/\s+/) ?? [];
        expect([name, ancestors.length > 0, ancestors.every((a) => a === "'none'" || OFFICE_FRAME_ANCESTORS.includes(a))]).toEqual([name, true, true]);
        expect([name, r.headers['x-content-type-options']]).toEqual([name, 'nosniff']);
        expect([name, String(r.headers['strict-transport-security'])]).toEqual([name, expect.stringMatching(/^max-age=\d{7,}/)]);
        if (name !== 'page' && name !== 'missingPage') expect([name, r.headers['cache-control']]).toEqual([name, 'no-store']);
      }
      expect(answers.page.headers['content-security-policy']).toContain('https://*.officeapps.live.com');
      expect(answers.api.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    });
  });

  it('TLS: suites without ECDHE, and CBC suites, fail the handshake; an ECDHE AEAD suite on TLS 1.2 connects', async () => {
    const data = dataDir('tls');
    const handshake = (ciphers: string) =>
      new Promise<string>((resolvePromise) => {
        const sock = tls.connect({ host: '127.0.0.1', port: s.port, ciphers, maxVersion: 'TLSv1.2', rejectUnauthorized: false }, () => {
          const name = sock.getCipher().name;
          sock.end();
          resolvePromise(name);
        });
        sock.on('error', () => resolvePromise('refused'));
      });
    let s: Served;
    await withServer(data, async (served) => {
      s = served;
      expect(await handshake('AES128-SHA@SECLEVEL=0')).toBe('refused');
      expect(await handshake('AES256-GCM-SHA384@SECLEVEL=0')).toBe('refused');
      expect(await handshake('ECDHE-RSA-AES128-SHA@SECLEVEL=0')).toBe('refused');
      expect(await handshake('ECDHE-RSA-AES128-GCM-SHA256')).toBe('ECDHE-RSA-AES128-GCM-SHA256');
    });
  });
});

describe('builds and the demo', () => {
  it('the production build has no source maps unless SOURCE_MAPS=1', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../../webpack.config.js') as (env: object, argv: { mode: string }) => { devtool: unknown };
    process.env.ADDIN_ORIGIN ??= 'https://jixiao.finance.example.cn';
    const saved = process.env.SOURCE_MAPS;
    try {
      delete process.env.SOURCE_MAPS;
      expect(config({}, { mode: 'production' }).devtool).toBe(false);
      process.env.SOURCE_MAPS = '1';
      expect(config({}, { mode: 'production' }).devtool).toBe('source-map');
    } finally {
      if (saved === undefined) delete process.env.SOURCE_MAPS;
      else process.env.SOURCE_MAPS = saved;
    }
  });

  it('the demo gives its review token only to loopback, same-origin requests', () => {
    const port = 3100;
    const req = (remoteAddress: string, headers: Record<string, string>) => ({ socket: { remoteAddress }, headers });
    const own = { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' };
    expect(mayReceiveToken(req('127.0.0.1', own), port)).toBe(true);
    expect(mayReceiveToken(req('::1', { host: `localhost:${port}`, 'sec-fetch-site': 'same-origin', origin: `https://localhost:${port}` }), port)).toBe(true);
    expect(mayReceiveToken(req('127.0.0.1', { host: `127.0.0.1:${port}` }), port)).toBe(true); // curl on this machine
    expect(mayReceiveToken(req('192.168.1.20', own), port)).toBe(false); // another machine
    expect(mayReceiveToken(req('127.0.0.1', { ...own, 'sec-fetch-site': 'cross-site' }), port)).toBe(false); // another site's page
    expect(mayReceiveToken(req('127.0.0.1', { ...own, 'sec-fetch-site': 'same-site' }), port)).toBe(false);
    expect(mayReceiveToken(req('127.0.0.1', { ...own, host: `evil.example:${port}` }), port)).toBe(false); // DNS rebinding
    expect(mayReceiveToken(req('127.0.0.1', { ...own, origin: 'https://evil.example' }), port)).toBe(false);
  });
});
