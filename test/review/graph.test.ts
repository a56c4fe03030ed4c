/**
 * The Graph destination against the strict TEST DOUBLE of Microsoft Graph in src/review/graph-double.ts
 * (documented paths only, Excel's string interpretation, two-level errors, session expiry, scopes and
 * link redemption, 409s, late landing of a 504ed add, a co-author sorting). It is not Microsoft Graph.
 */
import { join } from 'node:path';
import { validateGrid } from '../../src/core';
import { readWorkbookFile } from '../../src/node/xlsx';
import { buildReviewRow, setScore } from '../../src/review/build';
import { encodeSharingUrl, GraphAnnex2, GraphError, retryAfterMs, type GraphOptions } from '../../src/review/graph';
import { GraphDouble, interpretValue } from '../../src/review/graph-double';
import { rowCells } from '../../src/review/layout';
import type { DestinationConfig, ReviewRow } from '../../src/review/types';

const SHARE_URL = 'https://contoso.sharepoint.com/:x:/s/finance/EXAMPLE附件2?e=abc';
const DRIVE = 'b!drive-1';
const ITEM = '01ITEMID';

let g: GraphDouble;
let rows: ReviewRow[];
let waits: number[];
let clock: number;
let asked: string[];
let progress: string[];

/** The table's values as a reviewer sees them: the row's cells, text as text, empty as ''. */
const plain = (r: ReviewRow, seq: number) => rowCells(r, seq).values.map((v) => (v === null ? '' : v));

beforeAll(async () => {
  const { grids } = await readWorkbookFile(join(__dirname, '..', '..', 'test', 'fixtures', 'xlsx', 'seed-all.xlsx'));
  rows = grids.map((x) => validateGrid(x)).filter((r) => r.recognized).map((r) => buildReviewRow(r, { timely: 9 }));
});

beforeEach(async () => {
  clock = 1_000_000;
  g = new GraphDouble({ shareUrl: SHARE_URL, driveId: DRIVE, itemId: ITEM, now: () => clock });
  await g.listen();
  waits = [];
  asked = [];
  progress = [];
});
afterEach(() => g.close());

/** A token provider that consents to whatever is asked (as MSAL would after the user agrees). */
function consenting(grant: (scopes: string[]) => string[] = (s) => s) {
  return {
    getToken: async (scopes: string[]) => {
      asked.push(scopes.join(' '));
      return g.issueToken(grant(scopes), `tok:${scopes.join(' ')}`);
    },
  };
}

function client(cfg: Partial<Extract<DestinationConfig, { kind: 'graph' }>> = {}, opts: Partial<GraphOptions> = {}) {
  return new GraphAnnex2(
    { kind: 'graph', table: '附件2', graphBase: g.base, workbookUrl: SHARE_URL, ...cfg },
    {
      tokens: consenting(),
      fetch: globalThis.fetch,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      onProgress: (t) => progress.push(t.zh),
      ...opts,
    },
  );
}

const calls = (method: string, tail: RegExp) => g.log.filter((l) => l.method === method && tail.test(l.path));

describe('Microsoft Graph destination (against the strict local double)', () => {
  it('resolves and redeems the sharing link, appends inside a session with the documented calls, 序号 consecutive, formats applied', async () => {
    const c = client();
    const results = [];
    for (const r of rows) results.push(await c.append(r));
    expect(results.map((r) => [r.seq, r.updated])).toEqual([[1, false], [2, false], [3, false], [4, false]]);
    expect(g.values()).toEqual(rows.map((r, i) => plain(r, i + 1)));
    expect(g.values()[1]).toEqual([2, '塔什库尔干县社会保险管理局', '塔什库尔干县城乡居民养老保险基金支出', 542, 433, 433, expect.closeTo(0.7989, 3), 0.81, 30, 30, 25, 9, 94]);
    // text columns are text, the rates carry the 附件2's percent formats
    expect(g.rows[1].map((c) => c.numberFormat)).toEqual(['General', '@', '@', 'General', 'General', 'General', rows[1].executionRate.format ?? '0%', rows[1].overallRate.format ?? '0%', 'General', 'General', 'General', 'General', 'General']);
    // the link was resolved once, redeemed, with the scope shared items need
    const share = g.log.filter((l) => l.path.startsWith('/shares/'));
    expect(share).toHaveLength(1);
    expect(share[0].path).toBe(`/shares/${encodeSharingUrl(SHARE_URL)}/driveItem`);
    expect(share[0].prefer).toBe('redeemSharingLink');
    expect(new Set(asked)).toEqual(new Set(['Files.ReadWrite.All']));
    expect(g.closed).toHaveLength(4);
    expect(g.log.every((l) => (l.status ?? 0) < 400)).toBe(true);
  });

  it('writes text as text: formula-, number- and date-like names keep their key and update instead of duplicating', async () => {
    const odd = { ...rows[0], department: '=社保局', project: '2020-09', key: { ...rows[0].key, department: '=社保局', project: '2020-09' } };
    const lead = { ...rows[1], department: '-001', project: '0012', key: { ...rows[1].key, department: '-001', project: '0012' } };
    const c = client();
    await c.append(odd);
    await c.append(lead);
    expect(g.values().map((r) => [r[1], r[2]])).toEqual([['=社保局', '2020-09'], ['-001', '0012']]);
    expect(g.rows.every((r) => r[1].formula === undefined && r[2].formula === undefined)).toBe(true);
    const again = await c.append(setScore(odd, 'timely', 10));
    expect(again).toMatchObject({ seq: 1, updated: true });
    expect(g.rows).toHaveLength(2);
    // what Excel would have made of them unprotected
    expect(interpretValue('=社保局').value).toBe('#NAME?');
    expect(interpretValue('0012').value).toBe(12);
    expect(interpretValue('2020-09').value).toBe(44075);
  });

  it('updates by key through PATCH rows/itemAt(index=n), never the undocumented …/range', async () => {
    const c = client();
    for (const r of rows) await c.append(r);
    const res = await c.append(setScore(rows[1], 'timely', 10));
    expect(res).toMatchObject({ seq: 2, updated: true });
    expect(res.where.zh).toBe('已更新共享工作簿（Microsoft Graph）表“附件2”中的行（序号 2）');
    expect(g.values()).toHaveLength(4);
    expect(g.values()[1][11]).toBe(10);
    expect(g.values()[1][12]).toBe(95);
    expect(calls('PATCH', /rows\/itemAt\(index=1\)$/)).toHaveLength(1);
    expect(calls('PATCH', /\/range$/)).toHaveLength(0);
    // the double refuses what Graph refuses: the row's range is read-only, `rows/{index}` is ApiNotFound
    const token = g.issueToken(['Files.ReadWrite.All'], 'direct');
    const table = `${g.base}/drives/${DRIVE}/items/${ITEM}/workbook/tables/${encodeURIComponent('附件2')}`;
    const patch = (tail: string) => fetch(`${table}/${tail}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ values: [plain(rows[0], 1)] }) });
    expect((await patch('rows/itemAt(index=0)/range')).status).toBe(405);
    expect((await patch('rows/0')).status).toBe(400);
    expect(g.values()[0]).toEqual(plain(rows[0], 1));
  });

  it('re-checks the key at write time and looks the row up again when a co-author sorted the table in between', async () => {
    const c = client();
    for (const r of rows) await c.append(r);
    const before = g.values();
    let sawRead = false;
    let sorted = false;
    g.between = ({ method, path }) => {
      // right after our read of the rows, before our next call, a co-author sorts by 序号 descending
      if (sawRead && !sorted) {
        g.sort(0, false);
        sorted = true;
      }
      if (method === 'GET' && path.endsWith('/rows')) sawRead = true;
    };
    const res = await c.append(setScore(rows[0], 'timely', 10));
    expect(res).toMatchObject({ seq: 1, updated: true });
    const after = g.values();
    const byProject = (v: typeof after) => Object.fromEntries(v.map((r) => [String(r[2]), r]));
    // the project's own row changed; every other project's row is exactly as before
    expect(byProject(after)[rows[0].project][11]).toBe(10);
    for (const r of rows.slice(1)) expect(byProject(after)[r.project]).toEqual(byProject(before)[r.project]);
    expect(progress.some((p) => p.includes('重新查找'))).toBe(true);
  });

  it('an add answered 504 that lands late: re-read by key, then the duplicate is collapsed and reported', async () => {
    g.faults.push({ match: /rows\/add$/, status: 504, code: 'gatewayTimeout', inner: 'gatewayTimeoutUncategorized', retryAfter: '3', times: 1, land: 'later', landAfter: 1 });
    const res = await client().append(rows[2]);
    expect(res).toMatchObject({ seq: 1, updated: false, duplicatesRemoved: 1 });
    expect(res.unconfirmed).toBeUndefined();
    expect(g.values()).toEqual([plain(rows[2], 1)]);
    expect(g.rows[0][6].numberFormat).toBe(rows[2].executionRate.format ?? '0%');
    expect(calls('POST', /rows\/add$/)).toHaveLength(2);
    expect(calls('DELETE', /rows\/itemAt\(index=\d+\)$/)).toHaveLength(1);
    expect(waits).toEqual([3000]);
  });

  it('an add that lands even later is reported as unconfirmed, and the next append of the key collapses it', async () => {
    g.faults.push({ match: /rows\/add$/, status: 504, code: 'gatewayTimeout', retryAfter: '1', times: 1, land: 'later', landAfter: 11 });
    const c = client();
    const first = await c.append(rows[2]);
    expect(first).toMatchObject({ seq: 1, updated: false, unconfirmed: true });
    expect(g.values()).toHaveLength(1);
    await c.append(rows[3]); // the late add lands as this append closes its session
    expect(g.values().map((r) => r[2])).toEqual([rows[2].project, rows[3].project, rows[2].project]);
    const again = await c.append(rows[2]);
    expect(again).toMatchObject({ seq: 1, updated: true, duplicatesRemoved: 1 });
    expect(g.values().map((r) => [r[0], r[2]])).toEqual([[1, rows[2].project], [2, rows[3].project]]);
  });

  it('an add answered 504 that did land is found by key and not added again', async () => {
    g.faults.push({ match: /rows\/add$/, status: 504, code: 'gatewayTimeout', times: 1, land: 'now' });
    const res = await client().append(rows[2]);
    expect(res).toMatchObject({ seq: 1, updated: false });
    expect(g.values()).toEqual([plain(rows[2], 1)]);
    expect(calls('POST', /rows\/add$/)).toHaveLength(1);
  });

  it('never says “nothing was written” when an unconfirmed add may still land', async () => {
    g.faults.push({ match: /rows\/add$/, status: 504, code: 'gatewayTimeout', retryAfter: '1', times: 1, land: 'later', landAfter: 5 });
    g.faults.push({ match: /rows\/add$/, status: 409, code: 'conflict', inner: 'accessConflict', times: 1 });
    const err = (await client().append(rows[0]).catch((e: unknown) => e)) as GraphError;
    expect(err.inner).toBe('accessConflict');
    expect(err.text.zh).toContain('可能稍后仍会出现');
    expect(err.text.zh).not.toMatch(/^[^。]*未写入任何内容。?$/);
  });

  it('re-creates an expired session and resumes from the lookup; Retry-After is honoured in full', async () => {
    // Graph asks to wait 400 s: longer than the session's idle timeout of 5 minutes
    g.faults.push({ match: /tables\/附件2\/rows$/, method: 'GET', status: 429, code: 'tooManyRequests', inner: 'tooManyRequestsUncategorized', retryAfter: '400', times: 1 });
    const res = await client().append(rows[0]);
    expect(res.seq).toBe(1);
    expect(waits).toEqual([400_000]);
    expect(calls('POST', /createSession$/)).toHaveLength(2);
    expect(g.values()).toEqual([plain(rows[0], 1)]);
    expect(progress).toEqual(expect.arrayContaining([expect.stringContaining('400 秒后重试'), expect.stringContaining('会话已过期')]));
  });

  it('gives up at once when Retry-After goes past the overall deadline, saying how long Graph asked for', async () => {
    g.faults.push({ match: /createSession$/, status: 503, code: 'serviceUnavailable', retryAfter: '900', times: 1 });
    const err = (await client({}, { deadlineMs: 300_000 }).append(rows[0]).catch((e: unknown) => e)) as GraphError;
    expect(err).toBeInstanceOf(GraphError);
    expect(err.text.zh).toContain('900 秒');
    expect(waits).toEqual([]);
    expect(g.values()).toHaveLength(0);
  });

  it('says what each second-level error means', async () => {
    g.locked = true;
    const conflict = (await client().append(rows[0]).catch((e: unknown) => e)) as GraphError;
    expect([conflict.status, conflict.inner]).toEqual([409, 'accessConflict']);
    expect(conflict.text.zh).toContain('锁定');
    g.locked = false;

    const filtered = new GraphDouble({ shareUrl: SHARE_URL, driveId: DRIVE, itemId: ITEM, footerGap: 0 });
    filtered.filterActive = true;
    await filtered.listen();
    try {
      const err = (await new GraphAnnex2({ kind: 'graph', table: '附件2', graphBase: filtered.base, workbookUrl: SHARE_URL }, { tokens: { getToken: async (s) => filtered.issueToken(s) } }).append(rows[0]).catch((e: unknown) => e)) as GraphError;
      expect(err.inner).toBe('filteredRangeConflict');
      expect(err.text.zh).toContain('清除筛选');
      expect(filtered.values()).toHaveLength(0);
    } finally {
      await filtered.close();
    }

    const missing = (await client({ table: '审核表' }).append(rows[0]).catch((e: unknown) => e)) as GraphError;
    expect(missing.status).toBe(404);
    expect(missing.text.zh).toContain('表名');
  });

  it('asks for Sites.ReadWrite.All only when Graph refuses, and says “no permission” when even that is refused', async () => {
    g.opts.requiredScopes = ['Files.ReadWrite.All', 'Sites.ReadWrite.All'];
    const res = await client().append(rows[0]);
    expect(res.seq).toBe(1);
    expect(asked[0]).toBe('Files.ReadWrite.All');
    expect(asked).toContain('Files.ReadWrite.All Sites.ReadWrite.All');

    asked = [];
    const refused = (await client({}, { tokens: consenting(() => ['Files.ReadWrite']) }).append(rows[1]).catch((e: unknown) => e)) as GraphError;
    expect(refused.status).toBe(403);
    expect(refused.text.zh).toContain('没有写入该工作簿的权限');
  });

  it('an unredeemed link gives 403 on the workbook (why the client sends Prefer: redeemSharingLink)', async () => {
    const token = g.issueToken(['Files.ReadWrite.All'], 'plain');
    const share = await fetch(`${g.base}/shares/${encodeSharingUrl(SHARE_URL)}/driveItem`, { headers: { Authorization: `Bearer ${token}` } });
    expect(share.status).toBe(200);
    const wb = await fetch(`${g.base}/drives/${DRIVE}/items/${ITEM}/workbook/tables`, { headers: { Authorization: `Bearer ${token}` } });
    expect(wb.status).toBe(403);
    expect(((await wb.json()) as { error: { innerError: { code: string } } }).error.innerError.code).toBe('accessDenied');
  });

  it('saved ids skip the link, but a reviewer who never redeemed it is not locked out: the link is redeemed then', async () => {
    const res = await client({ driveId: DRIVE, driveItemId: ITEM }).append(rows[0]);
    expect(res.seq).toBe(1);
    const shares = g.log.filter((l) => l.path.startsWith('/shares/'));
    expect(shares.map((l) => l.prefer)).toEqual(['redeemSharingLink']);
    expect(g.log[0].path).toMatch(/createSession$/);
    expect(g.log[0].status).toBe(403);
    expect(g.values()).toEqual([plain(rows[0], 1)]);
    // now redeemed: the next append goes straight to the ids
    g.log = [];
    await client({ driveId: DRIVE, driveItemId: ITEM }).append(rows[1]);
    expect(g.log.filter((l) => l.path.startsWith('/shares/'))).toHaveLength(0);
  });

  it('tests the connection: table found, table missing, wrong columns, 21Vianet, no permission', async () => {
    const ok = await client().testConnection();
    expect(ok).toMatchObject({ ok: true, driveId: DRIVE, driveItemId: ITEM });
    expect(ok.text.zh).toBe('已打开工作簿：表“附件2”的列与附件2 一致，已有 0 行');

    const missing = await client({ table: 'Annex2' }).testConnection();
    expect(missing.ok).toBe(false);
    expect(missing.text.zh).toBe('工作簿中没有名为“Annex2”的表；现有的表：附件2');

    g.header[6] = '执行率';
    const cols = await client().testConnection();
    expect(cols.ok).toBe(false);
    expect(cols.text.zh).toContain('7. 预算执行率 ≠ 执行率');

    expect(() => client({ workbookUrl: 'https://contoso.sharepoint.cn/:x:/s/finance/abc' })).toThrow(/世纪互联/);

    const denied = await client({}, { tokens: consenting(() => ['Files.ReadWrite']) }).testConnection();
    expect(denied.ok).toBe(false);
    expect(denied.text.zh).toContain('没有写入该工作簿的权限');
    expect(g.values()).toHaveLength(0);
  });

  it('keeps 序号 consecutive when another reviewer appended meanwhile', async () => {
    const c = client();
    await c.append(rows[0]);
    let injected = false;
    g.between = ({ method, path }) => {
      if (!injected && method === 'POST' && path.endsWith('rows/add')) {
        injected = true;
        g.rows.push(plain(rows[3], 2).map((v) => interpretValue(typeof v === 'string' ? `'${v}` : v)));
      }
    };
    const res = await c.append(rows[1]);
    expect(res.seq).toBe(3);
    expect(g.values().map((r) => r[0])).toEqual([1, 2, 3]);
  });

  it('two reviewers appending the same project at once end with one row, and the duplicate is reported', async () => {
    let raced = false;
    g.between = ({ method, path }) => {
      // the other reviewer's add of the same project lands between our read and our add
      if (!raced && method === 'POST' && path.endsWith('rows/add')) {
        raced = true;
        g.rows.push(plain(rows[1], 1).map((v) => interpretValue(typeof v === 'string' ? `'${v}` : v)));
      }
    };
    const res = await client().append(setScore(rows[1], 'timely', 10));
    expect(res).toMatchObject({ seq: 1, duplicatesRemoved: 1 });
    expect(g.values()).toEqual([plain(setScore(rows[1], 'timely', 10), 1)]);
  });

  it('reads Retry-After as seconds or as an HTTP date, without a cap', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs('600', 0)).toBe(600_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 0, 4_000)).toBe(6000);
    expect(retryAfterMs(null, 2)).toBe(4000);
  });
});
