/**
 * The review server under faults, each test with its own `jixiao serve` child process on 127.0.0.1
 * (port 0) and its own data folder; bounded in count and time.
 *  - kill -9 during bursts of concurrent appends, restart: no acknowledged row lost, none duplicated,
 *    the database intact; the client's retries then complete the register without duplicates.
 *  - the data folder fills up while the server runs (file-size limit): 503 with a message, nothing
 *    half-written, reads still served; after the space returns, appends work and nothing was lost.
 *  - a data folder that cannot be created: 503 with a message.
 *  - missing, wrong, malformed, revoked tokens: 401 with a message, nothing written; a token added to
 *    the file works without a restart.
 *  - bodies at, over and far over the limit: 413, nothing written.
 *  - SQL-looking, markup and emoji strings stored and returned verbatim; control characters refused (400).
 *  - path traversal on the static files, sent raw: refused, nothing outside the pane folder served.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateGrid } from '../../src/core';
import { buildReviewRow } from '../../src/review/build';
import type { ReviewRow } from '../../src/review/types';
import { FORBIDDEN_CONTROL } from '../../src/server/boundary';
import { gridFromRows, seedRowsOf } from '../helpers/grid';
import { listAll, postRow, raw, rowFor, type Served, startServer } from './gen/server';

jest.setTimeout(120000);

const TOKEN = 'robustness-token-0123456789abcdef';
const OTHER = 'robustness-other-office-token-42';
let base: string;
let template: ReviewRow;
const figures = { faults: 0, requests: 0, rowsChecked: 0 };

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'jixiao-faults-'));
  template = buildReviewRow(validateGrid(gridFromRows('城乡居民养老', seedRowsOf('form2'))), { timely: 9 });
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  console.log(`robustness/server-faults: ${figures.faults} faults injected, ${figures.requests} requests sent, ${figures.rowsChecked} stored rows checked`);
});

function dataDir(name: string, tokens: { office: string; token: string }[] = [{ office: '社保科', token: TOKEN }]): string {
  const d = join(base, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'tokens.json'), JSON.stringify({ tokens }));
  return d;
}

function paneDir(): string {
  const d = join(base, 'pane');
  mkdirSync(join(d, 'assets'), { recursive: true });
  writeFileSync(join(d, 'taskpane.html'), '<!doctype html><title>绩效监控校验</title>');
  writeFileSync(join(d, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(d, '.env'), 'SECRET=PANE-DOTFILE');
  writeFileSync(join(base, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  return d;
}

/** Rows and audit entries straight from the SQLite file (the server stopped), and its integrity. */
function inspect(data: string): { keys: string[]; audit: number; integrity: string } {
  const db = new Database(join(data, 'review.sqlite'), { readonly: true });
  try {
    const keys = (db.prepare('SELECT project FROM review_rows ORDER BY id').all() as { project: string }[]).map((r) => r.project);
    const audit = (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    return { keys, audit, integrity };
  } finally {
    db.close();
  }
}

const json = (body: string) => JSON.parse(body) as { error?: { zh: string; en: string }; message?: string };

async function withServer<T>(data: string, fn: (s: Served) => Promise<T>, args: string[] = []): Promise<T> {
  const s = await startServer(data, ['--static', paneDir(), ...args]);
  try {
    return await fn(s);
  } finally {
    await s.stop();
  }
}

describe('kill -9 during a burst of appends', () => {
  it('three kills mid-burst: every acknowledged row survives exactly once, the database stays intact, retries complete the register', async () => {
    const data = dataDir('kill');
    const sent = new Set<string>();
    const acked = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const s = await startServer(data, ['--static', paneDir()]);
      let stop = false;
      let i = 0;
      // 12 clients appending as fast as they can; kill -9 once 25 appends of this round are acknowledged
      const roundAcked: string[] = [];
      const killed = new Promise<void>((resolveKill) => {
        const client = async () => {
          while (!stop) {
            const project = `R${round}-${i++}`;
            sent.add(project);
            figures.requests++;
            try {
              const r = await postRow(s, TOKEN, JSON.stringify(rowFor(template, project)));
              if (r.status === 201 || r.status === 200) {
                acked.add(project);
                roundAcked.push(project);
                if (roundAcked.length >= 25 && !stop) {
                  stop = true;
                  resolveKill();
                }
              }
            } catch {
              // connection reset by the kill: not acknowledged
            }
          }
        };
        for (let c = 0; c < 12; c++) void client();
      });
      await killed;
      await s.kill();
      figures.faults++;
      await new Promise((r) => setTimeout(r, 200)); // let the clients' last requests fail
      const after = inspect(data);
      expect(after.integrity).toBe('ok');
      // no acknowledged row lost
      for (const k of acked) expect(after.keys).toContain(k);
      // none duplicated, none invented
      expect(new Set(after.keys).size).toBe(after.keys.length);
      for (const k of after.keys) expect(sent.has(k)).toBe(true);
      expect(after.audit).toBe(after.keys.length);
      figures.rowsChecked += after.keys.length;
    }
    // restart; the clients retry what was never acknowledged (the same key updates, never duplicates)
    await withServer(data, async (s) => {
      const before = (await listAll(s, TOKEN)).map((r) => r.project);
      for (const k of acked) expect(before).toContain(k);
      for (const k of sent) {
        if (acked.has(k)) continue;
        figures.requests++;
        const r = await postRow(s, TOKEN, JSON.stringify(rowFor(template, k)));
        expect([k, r.status]).toEqual([k, before.includes(k) ? 200 : 201]);
      }
      const rows = await listAll(s, TOKEN);
      expect(rows.map((r) => r.project).sort()).toEqual([...sent].sort());
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, n) => n + 1));
      figures.rowsChecked += rows.length;
    });
    expect(inspect(data).integrity).toBe('ok');
  });
});

describe('a data folder that cannot be written', () => {
  it('fills up while the server runs: 503 with a message, nothing half-written, reads still served; after space returns nothing is lost', async () => {
    const data = dataDir('full');
    // first start without a limit: certificate, tokens and an empty register
    await withServer(data, async () => undefined);
    const acked: string[] = [];
    let refused: { status: number; body: string } | null = null;
    await (async () => {
      const s = await startServer(data, ['--static', paneDir()], { fileSizeKB: 400 });
      try {
        for (let i = 0; i < 400 && !refused; i++) {
          const project = `F-${i}`;
          figures.requests++;
          const r = await postRow(s, TOKEN, JSON.stringify(rowFor(template, project)));
          if (r.status === 201) acked.push(project);
          else refused = { status: r.status, body: r.body };
        }
        figures.faults++;
        expect(refused).not.toBeNull();
        expect(refused!.status).toBe(503);
        const e = json(refused!.body).error!;
        expect(e.zh).toMatch(/^数据文件夹 .+(已满|不可写).*未保存|^数据文件夹 .+无法保存审核行/);
        expect(e.en).toMatch(/data folder .+(full|cannot be written)/);
        // a second try fails the same way, and the register can still be read
        figures.requests += 2;
        expect((await postRow(s, TOKEN, JSON.stringify(rowFor(template, 'F-again')))).status).toBe(503);
        const listed = await raw(s, '/api/review-rows', { headers: { Authorization: `Bearer ${TOKEN}` } });
        expect(listed.status).toBe(200);
      } finally {
        await s.kill();
      }
    })();
    expect(acked.length).toBeGreaterThan(5);
    const after = inspect(data);
    expect(after.integrity).toBe('ok');
    expect(after.keys).toEqual(acked); // every acknowledged row, and not the refused ones
    figures.rowsChecked += after.keys.length;
    // space again: appends work, nothing lost
    await withServer(data, async (s) => {
      figures.requests++;
      expect((await postRow(s, TOKEN, JSON.stringify(rowFor(template, 'F-later')))).status).toBe(201);
      const rows = (await listAll(s, TOKEN)).map((r) => r.project);
      expect(rows).toEqual([...acked, 'F-later']);
      figures.rowsChecked += rows.length;
    });
  });

  it('cannot be created at all (its parent is a file): the API answers 503 with a message, the pane is still served', async () => {
    const blocker = join(base, 'blocker-file');
    writeFileSync(blocker, 'not a folder');
    const tls = dataDir('tls-only');
    await withServer(tls, async () => undefined);
    const tokenFile = join(tls, 'tokens.json');
    await withServer(join(blocker, 'data'), async (s) => {
      figures.faults++;
      figures.requests += 3;
      const r = await postRow(s, TOKEN, JSON.stringify(template));
      expect(r.status).toBe(503);
      expect(json(r.body).error!.zh).toContain('不可写');
      expect((await raw(s, '/api/review-rows', { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(503);
      expect((await raw(s, '/taskpane.html')).status).toBe(200);
    }, ['--token-file', tokenFile, '--cert', join(tls, 'tls', 'cert.pem'), '--key', join(tls, 'tls', 'key.pem')]);
  });
});

describe('tokens, body limits, stored strings and static files', () => {
  it('a missing, wrong, malformed or revoked token gets 401 with a message and writes nothing; a token added to the file works without a restart', async () => {
    const data = dataDir('tokens');
    await withServer(data, async (s) => {
      const body = JSON.stringify(template);
      const cases: [string, Record<string, string>, RegExp][] = [
        ['no Authorization header', {}, /^缺少令牌/],
        ['Bearer with nothing after it', { Authorization: 'Bearer ' }, /^缺少令牌/],
        ['a wrong token', { Authorization: `Bearer ${TOKEN}x` }, /^令牌无效/],
        ['a prefix of the right token', { Authorization: `Bearer ${TOKEN.slice(0, 20)}` }, /^令牌无效/],
        ['the right token as Basic auth', { Authorization: `Basic ${TOKEN}` }, /^缺少令牌/],
        ['the right token with a second word', { Authorization: `Bearer ${TOKEN} extra` }, /^缺少令牌/],
        ['the right token in the query string only', {}, /^缺少令牌/],
        ['an SQL injection as the token', { Authorization: "Bearer 'OR'1'='1'--" }, /^令牌无效/],
        ['an SQL injection with spaces (not one token)', { Authorization: "Bearer ' OR '1'='1" }, /^缺少令牌/],
      ];
      for (const [name, headers, message] of cases) {
        figures.requests++;
        const path = name.includes('query') ? `/api/review-rows?token=${TOKEN}` : '/api/review-rows';
        const r = await raw(s, path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
        expect([name, r.status]).toEqual([name, 401]);
        expect([name, json(r.body).error!.zh]).toEqual([name, expect.stringMatching(message)]);
        expect(r.headers['www-authenticate']).toContain('Bearer');
      }
      // reads need the token too
      for (const p of ['/api/review-rows', '/api/annex2.xlsx']) {
        figures.requests++;
        expect((await raw(s, p)).status).toBe(401);
      }
      // revoke and add while running
      figures.requests += 3;
      expect((await postRow(s, TOKEN, body)).status).toBe(201);
      await new Promise((r) => setTimeout(r, 20)); // a new mtime
      // rotation: the office's old token replaced by a new one (its rows stay its own)
      writeFileSync(join(data, 'tokens.json'), JSON.stringify({ tokens: [{ office: '社保科', token: OTHER }] }));
      expect((await postRow(s, TOKEN, body)).status).toBe(401);
      expect((await postRow(s, OTHER, body)).status).toBe(200);
    });
    const after = inspect(data);
    expect(after.keys).toHaveLength(1);
    expect(after.audit).toBe(2); // the insert and the update by the new token; nothing from a refused request
    figures.rowsChecked += after.keys.length;
  });

  it('bodies at, just over and far over the limit: 413 with a message, nothing written', async () => {
    const data = dataDir('limit');
    const limit = 8192;
    await withServer(data, async (s) => {
      const row = JSON.stringify(rowFor(template, 'L-fits'));
      const fits = row + ' '.repeat(limit - Buffer.byteLength(row));
      expect(Buffer.byteLength(fits)).toBe(limit);
      figures.requests += 4;
      expect((await postRow(s, TOKEN, fits)).status).toBe(201);
      const over = JSON.stringify(rowFor(template, 'L-over')) + ' '.repeat(limit);
      for (const body of [over.slice(0, limit + 1), over, JSON.stringify(rowFor(template, 'L-huge', 'x'.repeat(5_000_000)))]) {
        const r = await postRow(s, TOKEN, body);
        expect(r.status).toBe(413);
        expect(json(r.body).error!.zh).toBe(`请求内容过大（上限 ${limit} 字节），未写入任何内容`);
        figures.faults++;
      }
    }, ['--body-limit', String(limit)]);
    expect(inspect(data).keys).toEqual(['L-fits']);
    figures.rowsChecked += 1;
  });

  it('SQL-looking, markup and emoji strings are stored and returned verbatim; control characters are refused naming the field', async () => {
    const data = dataDir('strings');
    const nasty = [
      "'; DROP TABLE review_rows; --",
      'Robert"); DELETE FROM audit; --',
      "1' OR '1'='1",
      '<img src=x onerror=alert(1)>',
      '<script>alert("附件2")</script>',
      '=HYPERLINK("http://evil.example","点我")',
      '%s%n%x{0}${x}',
      '😀👨‍👩‍👧 全角：１２３',
      '\\\\server\\share\\..\\..\\x',
    ];
    const generated = fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), { numRuns: 60, seed: 5 });
    const strings = [...nasty, ...generated.filter((t) => !FORBIDDEN_CONTROL.test(t) && t.trim())];
    const controls = ['\u0000\u0001\u001f', ...generated.filter((t) => FORBIDDEN_CONTROL.test(t))];
    expect(controls.length).toBeGreaterThan(3);
    await withServer(data, async (s) => {
      for (const [i, text] of controls.entries()) {
        figures.requests++;
        const r = await postRow(s, TOKEN, JSON.stringify(rowFor(template, `control#${i}`, text)));
        expect([text, r.status, (JSON.parse(r.body) as { field?: string }).field]).toEqual([text, 400, 'key.department']);
      }
      for (const [i, text] of strings.entries()) {
        // the text as 部门单位名称, and made unique as 项目名称 so each is its own row
        figures.requests++;
        const r = await postRow(s, TOKEN, JSON.stringify(rowFor(template, `${text}#${i}`, text)));
        expect([text, r.status]).toEqual([text, 201]);
      }
      const rows = await listAll(s, TOKEN);
      expect(rows.map((r) => [r.department, r.project, r.key.department, r.key.project])).toEqual(strings.map((t, i) => [t, `${t}#${i}`, t, `${t}#${i}`]));
      figures.rowsChecked += rows.length;
    });
    const after = inspect(data);
    expect(after.integrity).toBe('ok');
    expect(after.keys).toHaveLength(strings.length);
  });

  it('path traversal on the static files, sent raw, is refused and nothing outside the pane folder (or a dotfile) is served', async () => {
    const data = dataDir('static');
    await withServer(data, async (s) => {
      expect((await raw(s, '/taskpane.html')).status).toBe(200);
      expect((await raw(s, '/assets/app.js')).status).toBe(200);
      const attempts = [
        '/../secret.txt', '/../../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt',
        '/..%2fsecret.txt', '/..%2Fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt',
        '/..%5csecret.txt', '/%252e%252e/secret.txt', '/%c0%ae%c0%ae/secret.txt', '/..%00/secret.txt', '/secret.txt%00.html',
        '//secret.txt', '/./../secret.txt', '/.env', '/%2eenv', '/assets/../.env', `/${'../'.repeat(12)}etc/passwd`,
        '/..;/secret.txt', '/%u002e%u002e/secret.txt',
      ];
      for (const p of attempts) {
        figures.requests++;
        const r = await raw(s, p);
        expect([p, r.status >= 400 && r.status < 500]).toEqual([p, true]);
        expect([p, /TOP-SECRET-OUTSIDE|PANE-DOTFILE|root:x:0/.test(r.body)]).toEqual([p, false]);
      }
    });
  });
});
