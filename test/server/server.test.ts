/**
 * The review server, run as `jixiao serve` in a child process on 127.0.0.1 on a free port with a
 * fresh data folder, stopped after each test. (In a child process because @fastify/static depends
 * on an ES-module-only package that Node loads and Jest's CommonJS runtime cannot.)
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { validateGrid } from '../../src/core';
import { readWorkbookFile, sheetToGrid } from '../../src/node/xlsx';
import { buildReviewRow } from '../../src/review/build';
import type { ReviewRow } from '../../src/review/types';
import { runReview } from '../../src/cli/review';
import { spawnServer, type ChildServer } from '../../src/server/child';
import { listRows, request } from '../helpers/https-request';
import { fetchTrusting } from '../../src/cli/fetch-ca';
import { ReviewStore } from '../../src/server/store';
import { appendToServer, ReviewServerError } from '../../src/review/server-client';
import { appendToDestination } from '../../src/review/destinations';

const ROOT = join(__dirname, '..', '..');
const TOKEN_A = 'token-for-office-a-0123456789';
const TOKEN_B = 'token-for-office-b-9876543210';

let base: string;
let seedRows: ReviewRow[];

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'jixiao-server-'));
  const { grids } = await readWorkbookFile(join(ROOT, 'test', 'fixtures', 'xlsx', 'seed-all.xlsx'));
  seedRows = grids.map((g) => validateGrid(g)).filter((r) => r.recognized).map((r) => buildReviewRow(r, { timely: 9 }));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function dataDir(name: string): string {
  const d = join(base, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'tokens.json'), JSON.stringify({ tokens: [{ office: '社保科', token: TOKEN_A }, { office: '医保科', token: TOKEN_B }] }));
  return d;
}

function paneDir(): string {
  const d = join(base, 'pane');
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'taskpane.html'), '<!doctype html><title>绩效监控校验</title>');
  writeFileSync(join(d, 'manifest.xml'), '<?xml version="1.0"?><OfficeApp/>');
  writeFileSync(join(base, 'secret.txt'), 'TOP-SECRET');
  return d;
}

type S = ChildServer & { data: string };

async function withServer<T>(data: string, fn: (s: S) => Promise<T>, args: string[] = []): Promise<T> {
  const s = await spawnServer(data, args.includes('--static') ? args : ['--static', paneDir(), ...args]);
  try {
    return await fn({ ...s, data });
  } finally {
    await s.stop();
  }
}

/** Output of the child arrives on two pipes; wait (bounded) until it holds `text`. */
async function outputContains(s: S, text: string): Promise<boolean> {
  for (let i = 0; i < 50 && !s.output().includes(text); i++) await new Promise((r) => setTimeout(r, 100));
  return s.output().includes(text);
}

function audit(data: string) {
  const store = new ReviewStore(data);
  try {
    return store.audit();
  } finally {
    store.close();
  }
}

const post = (s: S, body: string, token: string | null = TOKEN_A, headers: Record<string, string> = {}) =>
  request(`${s.url}/api/review-rows`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body,
    ca: s.ca,
  });

const json = (b: Buffer) => JSON.parse(b.toString('utf8')) as Record<string, unknown>;

function countRows(data: string): number {
  const db = new Database(join(data, 'review.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM review_rows').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('review server', () => {
  it('appends, updates by key, lists with 序号, audits, and refuses requests without a valid token', async () => {
    const data = dataDir('basic');
    await withServer(data, async (s) => {
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const first = await post(s, JSON.stringify(seedRows[0]));
      expect(first.status).toBe(201);
      expect(json(first.body)).toMatchObject({ seq: 1, updated: false });
      expect((json(first.body).where as { zh: string }).zh).toContain('审核服务器');
      expect((await post(s, JSON.stringify(seedRows[1]), TOKEN_B, { 'X-Reviewer': encodeURIComponent('李四') })).status).toBe(201);
      const changed = { ...seedRows[0], scores: { ...seedRows[0].scores, timely: { ...seedRows[0].scores.timely, value: 10 } }, total: seedRows[0].total + 1 };
      const again = await post(s, JSON.stringify({ row: changed }));
      expect(again.status).toBe(200);
      expect(json(again.body)).toMatchObject({ seq: 1, updated: true });
      const rows = await listRows(s.url, { token: TOKEN_A, ca: s.ca });
      expect(rows.map((r) => [r.seq, r.project, r.total, r.office])).toEqual([
        [1, seedRows[0].project, 100, '社保科'],
        [2, seedRows[1].project, 94, '医保科'],
      ]);
      // audit: who, when, old → new
      const log = audit(data);
      expect(log.map((a) => [a.who, a.action])).toEqual([['社保科', 'insert'], ['医保科 / 李四', 'insert'], ['社保科', 'update']]);
      expect(log[2].old?.total).toBe(99);
      expect(log[2].new.total).toBe(100);
      expect(Date.parse(log[2].at)).not.toBeNaN();

      const none = await post(s, JSON.stringify(seedRows[2]), null);
      expect(none.status).toBe(401);
      expect((json(none.body).error as { zh: string }).zh).toContain('缺少令牌');
      const wrong = await post(s, JSON.stringify(seedRows[2]), 'not-a-valid-token-at-all');
      expect(wrong.status).toBe(401);
      expect((await request(`${s.url}/api/review-rows`, { ca: s.ca })).status).toBe(401);
      // the token check follows the route, however the path is spelled
      for (const p of ['/%61pi/review-rows', '/api/review-rows/', '/api/%72eview-rows?x=1', '/%61pi/annex2.xlsx']) {
        expect([p, (await request(`${s.url}${p}`, { ca: s.ca })).status]).toEqual([p, 401]);
      }
      expect((await request(`${s.url}/api/annex2.xlsx`, { ca: s.ca })).status).toBe(401);
      expect(countRows(data)).toBe(2);
    });
  });

  it('answers bad JSON, a row missing its key and an oversized body with 400 / 413 and writes nothing', async () => {
    const data = dataDir('bad-input');
    await withServer(data, async (s) => {
      const bad = await post(s, '{"key": {"department": ');
      expect(bad.status).toBe(400);
      expect((json(bad.body).error as { zh: string }).zh).toContain('不是有效的 JSON');
      const { key: _key, ...noKey } = seedRows[0];
      const missing = await post(s, JSON.stringify(noKey));
      expect(missing.status).toBe(400);
      expect(json(missing.body).message).toContain('key');
      const emptyProject = await post(s, JSON.stringify({ ...seedRows[0], key: { ...seedRows[0].key, project: '  ' } }));
      expect(emptyProject.status).toBe(400);
      expect(json(emptyProject.body).message).toContain('项目名称');
      const badScore = await post(s, JSON.stringify({ ...seedRows[0], scores: { ...seedRows[0].scores, goal: { ...seedRows[0].scores.goal, value: 45 } } }));
      expect(badScore.status).toBe(400);
      const huge = await post(s, JSON.stringify({ ...seedRows[0], formTitle: 'x'.repeat(300 * 1024) }));
      expect(huge.status).toBe(413);
      expect((json(huge.body).error as { zh: string }).zh).toContain('过大');
      const notJson = await post(s, 'a=b', TOKEN_A, { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(notJson.status).toBe(415);
      expect(countRows(data)).toBe(0);
      expect(audit(data)).toHaveLength(0);
    }, ['--body-limit', String(256 * 1024)]);
  });

  it('stores SQL-looking and markup strings verbatim', async () => {
    const data = dataDir('verbatim');
    const nasty = "x'); DROP TABLE review_rows; --";
    const markup = '<img src=x onerror=alert(1)>';
    await withServer(data, async (s) => {
      const row = { ...seedRows[0], key: { ...seedRows[0].key, project: nasty, department: markup }, project: nasty, department: markup };
      expect((await post(s, JSON.stringify(row))).status).toBe(201);
      const rows = await listRows(s.url, { token: TOKEN_A, ca: s.ca });
      expect(rows).toHaveLength(1);
      expect(rows[0].key).toMatchObject({ project: nasty, department: markup });
    });
  });

  it('keeps every one of 50 concurrent appends from 5 processes exactly once, and everything across a restart', async () => {
    const data = dataDir('burst');
    const script = join(base, 'burst-client.js');
    writeFileSync(script, `
const https = require('node:https');
const fs = require('node:fs');
const [url, caFile, token, proc, rowFile] = process.argv.slice(2);
const ca = fs.readFileSync(caFile);
const template = JSON.parse(fs.readFileSync(rowFile, 'utf8'));
function send(i) {
  const row = { ...template, key: { ...template.key, project: 'P' + proc + '-' + i }, project: 'P' + proc + '-' + i };
  const body = JSON.stringify(row);
  return new Promise((resolve, reject) => {
    const req = https.request(url + '/api/review-rows', { method: 'POST', ca, timeout: 20000, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
Promise.all(Array.from({ length: 10 }, (_, i) => send(i))).then((s) => { process.stdout.write(JSON.stringify(s)); }, (e) => { process.stderr.write(String(e)); process.exit(1); });
`);
    const rowFile = join(base, 'row.json');
    writeFileSync(rowFile, JSON.stringify(seedRows[0]));
    const run = promisify(execFile);
    await withServer(data, async (s) => {
      const results = await Promise.all([0, 1, 2, 3, 4].map((p) => run(process.execPath, [script, s.url, join(s.data, 'tls', 'cert.pem'), TOKEN_A, String(p), rowFile], { timeout: 30000 })));
      const statuses = results.flatMap((r) => JSON.parse(r.stdout) as number[]);
      expect(statuses).toHaveLength(50);
      expect(statuses.every((x) => x === 201)).toBe(true);
      // the same 50 again: updates, no duplicates
      const again = await Promise.all([0, 1].map((p) => run(process.execPath, [script, s.url, join(s.data, 'tls', 'cert.pem'), TOKEN_A, String(p), rowFile], { timeout: 30000 })));
      expect(again.flatMap((r) => JSON.parse(r.stdout) as number[]).every((x) => x === 200)).toBe(true);
    });
    // restart on the same data folder
    await withServer(data, async (s) => {
      const rows = await listRows(s.url, { token: TOKEN_A, ca: s.ca });
      const projects = rows.map((r) => r.project).sort();
      const expected = [0, 1, 2, 3, 4].flatMap((p) => Array.from({ length: 10 }, (_, i) => `P${p}-${i}`)).sort();
      expect(projects).toEqual(expected);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });
    expect(audit(data)).toHaveLength(70);
    const db = new Database(join(data, 'review.sqlite'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('serves the shared 附件2 as an .xlsx in the seed’s layout', async () => {
    const data = dataDir('xlsx');
    await withServer(data, async (s) => {
      for (const r of [...seedRows].reverse()) await appendToServer(r, { url: s.url, token: TOKEN_B }, fetchTrusting(s.ca));
      const res = await request(`${s.url}/api/annex2.xlsx`, { headers: { Authorization: `Bearer ${TOKEN_B}` }, ca: s.ca });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('附件2')!;
      const text = sheetToGrid(ws).text!;
      expect(text[0][0]).toBe('附件2:');
      expect(text[1][0]).toBe('塔什库尔干县社保基金支出绩效监控审核表');
      expect(text[2][0]).toBe('业务处室: 医保科');
      expect(text[3][0]).toBe('监控时点: 2020年9月');
      expect(text[4]).toEqual(['序号', '部门单位名称', '项目名称', '预算执行情况(单位:万元)', '', '', '预算执行率', '绩效目标总体完成率', '绩效监控审核结果', '', '', '', '总分']);
      expect(text[5].slice(3, 12)).toEqual(['调整后预算总数', '到位资金总数', '执行资金总数', '', '', '预算执行情况(30分)', '绩效目标完成情况(30分)', '目标偏离及应对情况(30分)', '按时报送(10分)']);
      // appended in reverse order: 序号 follows the register's order
      expect(text.slice(6, 10).map((r) => [r[0], r[3], r[6], r[7], r[12]])).toEqual([
        ['1', '2157', '27%', '64%', '94'],
        ['2', '3488', '37%', '70%', '94'],
        ['3', '542', '80%', '81%', '94'],
        ['4', '14158', '77%', '80%', '99'],
      ]);
      expect(text[10][0]).toBe('处室领导:');
      expect(text[11][0]).toBe('经办人:');
      expect((ws.model as { merges?: string[] }).merges).toEqual(expect.arrayContaining(['A2:M2', 'D5:F5', 'I5:L5', 'M5:M6']));
    });
  });

  it('serves the pane and manifest, and refuses path traversal', async () => {
    const data = dataDir('static');
    await withServer(data, async (s) => {
      const pane = await request(`${s.url}/taskpane.html`, { ca: s.ca });
      expect(pane.status).toBe(200);
      expect(pane.body.toString()).toContain('绩效监控校验');
      expect((await request(`${s.url}/manifest.xml`, { ca: s.ca })).status).toBe(200);
      expect((await request(`${s.url}/`, { ca: s.ca })).body.toString()).toContain('绩效监控校验');
      expect((await request(`${s.url}/api/health`, { ca: s.ca })).status).toBe(200);
      for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/pane/../../secret.txt', '/..\\secret.txt', '/%252e%252e/secret.txt']) {
        const r = await request(`${s.url}${p}`, { ca: s.ca });
        expect([p, r.status >= 400]).toEqual([p, true]);
        expect(r.body.toString()).not.toContain('TOP-SECRET');
      }
    });
  });

  it('says the pane is not built when dist/ is missing', async () => {
    const data = dataDir('unbuilt');
    await withServer(data, async (s) => {
      const r = await request(`${s.url}/taskpane.html`, { ca: s.ca });
      expect(r.status).toBe(404);
      expect(r.body.toString()).toContain('npm run build');
      expect(await outputContains(s, 'npm run build')).toBe(true);
    }, ['--static', join(base, 'no-such-dist')]);
  });

  it('answers 503 with a message when the data folder cannot be written', async () => {
    // a data folder below a regular file can never be created (works as root, where permissions do not bind)
    const blocker = join(base, 'blocker');
    writeFileSync(blocker, 'a file, not a folder');
    const tokenFile = join(base, 'tokens-503.json');
    writeFileSync(tokenFile, JSON.stringify({ tokens: [{ office: '社保科', token: TOKEN_A }] }));
    const tls = dataDir('tls-503');
    const first = await spawnServer(tls, ['--static', paneDir()]);
    await first.stop();
    const cert = join(tls, 'tls', 'cert.pem');
    await withServer(join(blocker, 'data'), async (s) => {
      expect(await outputContains(s, '数据文件夹')).toBe(true);
      const r = await post(s, JSON.stringify(seedRows[0]));
      expect(r.status).toBe(503);
      expect((json(r.body).error as { zh: string }).zh).toContain('数据文件夹');
      expect((await request(`${s.url}/api/review-rows`, { headers: { Authorization: `Bearer ${TOKEN_A}` }, ca: s.ca })).status).toBe(503);
      expect((await request(`${s.url}/taskpane.html`, { ca: s.ca })).status).toBe(200);
    }, ['--static', paneDir(), '--token-file', tokenFile, '--cert', cert, '--key', join(tls, 'tls', 'key.pem')]);
  });

  it('creates a token on first start and takes rows from `jixiao review --server`', async () => {
    const data = join(base, 'fresh');
    await withServer(data, async (s) => {
      const saved = JSON.parse(readFileSync(join(data, 'tokens.json'), 'utf8')) as { tokens: { office: string; admin: boolean }[] };
      expect(saved.tokens.map((t) => [t.office, t.admin])).toEqual([['默认处室', true]]);
      // the token is in its own file, whose path (not the token) is printed
      const token = readFileSync(join(data, 'first-token.txt'), 'utf8').trim();
      expect(token.length).toBeGreaterThanOrEqual(16);
      expect(await outputContains(s, join(data, 'first-token.txt'))).toBe(true);
      expect(s.output()).not.toContain(token);
      const out: string[] = [];
      const sinkOut = { write: (x: string) => (out.push(x), true) } as unknown as NodeJS.WritableStream;
      const sinkErr = { write: (x: string) => (out.push(x), true), isTTY: false } as unknown as NodeJS.WritableStream;
      const caFile = join(data, 'tls', 'cert.pem');
      const code = await runReview([join(ROOT, 'test', 'fixtures', 'xlsx', 'seed-all.xlsx')], { server: s.url, token, ca: caFile, timely: '9' }, { out: sinkOut, err: sinkErr });
      expect([code, out.join('')]).toEqual([0, expect.stringContaining(`已追加 4 行到 ${s.url} / 4 rows appended to ${s.url}`)]);
      // the same four again: every row is an update of its key, and the summary says so
      out.length = 0;
      expect(await runReview([join(ROOT, 'test', 'fixtures', 'xlsx', 'seed-all.xlsx')], { server: s.url, token, ca: caFile, timely: '9' }, { out: sinkOut, err: sinkErr })).toBe(0);
      expect(out.join('')).toContain(`已更新 ${s.url} 上的 4 行 / 4 rows updated on ${s.url}`);
      expect(out.join('')).not.toMatch(/appended|已追加/);
      const bad = await runReview([join(ROOT, 'test', 'fixtures', 'xlsx', 'form1.xlsx')], { server: s.url, token: 'wrong-token-wrong-token', ca: caFile }, { out: sinkOut, err: sinkErr });
      expect(bad).toBe(2);
      expect(out.join('')).toContain('令牌无效');
      expect((await listRows(s.url, { token, ca: s.ca })).map((r) => r.total)).toEqual([99, 94, 94, 94]);
    });
  });

  it('takes rows from the pane’s browser client, with the server’s messages on failure, and answers CORS only for allowed origins', async () => {
    const data = dataDir('browser');
    await withServer(data, async (s) => {
      const f = fetchTrusting(s.ca);
      const ok = await appendToServer(seedRows[0], { url: `${s.url}/`, token: TOKEN_A }, f);
      expect(ok).toMatchObject({ seq: 1, updated: false });
      const again = await appendToDestination(seedRows[0], { kind: 'server', url: s.url, token: TOKEN_A }, { fetch: f });
      expect(again).toMatchObject({ seq: 1, updated: true });
      const bad = (await appendToServer(seedRows[1], { url: s.url, token: 'not-the-right-token!!' }, f).catch((e: unknown) => e)) as ReviewServerError;
      expect(bad.status).toBe(401);
      expect(bad.text.zh).toContain('令牌无效');
      const down = (await appendToServer(seedRows[1], { url: 'https://127.0.0.1:1', token: TOKEN_A }, f).catch((e: unknown) => e)) as ReviewServerError;
      expect(down.status).toBe(0);
      expect(down.text.zh).toContain('无法连接');
      const pre = await request(`${s.url}/api/review-rows`, { method: 'OPTIONS', headers: { Origin: 'https://localhost:3000', 'Access-Control-Request-Method': 'POST' }, ca: s.ca });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe('https://localhost:3000');
      const foreign = await request(`${s.url}/api/review-rows`, { headers: { Origin: 'https://evil.example', Authorization: `Bearer ${TOKEN_A}` }, ca: s.ca });
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      expect(countRows(data)).toBe(1);
    }, ['--static', paneDir(), '--allow-origin', 'https://localhost:3000']);
  });
});
