/**
 * The Graph destination against a TEST DOUBLE of Microsoft Graph: a local HTTP server inside this
 * test suite that answers the workbook endpoints with Graph's documented request and response
 * shapes (createSession / closeSession, tables/{t}/rows, rows/add, rows/itemAt(index=n)/range,
 * shares/{id}/driveItem), including throttling (429 + Retry-After). It is not Microsoft Graph.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { validateGrid } from '../core';
import { readWorkbookFile } from '../node/xlsx';
import { buildReviewRow, setScore } from './build';
import { encodeSharingUrl, GraphAnnex2, GraphError, graphValues, retryAfterMs, type GraphOptions } from './graph';
import type { ReviewRow } from './types';

const TOKEN = 'test-access-token';
const SHARE_URL = 'https://contoso.sharepoint.com/:x:/s/finance/EXAMPLE附件2?e=abc';
const DRIVE = 'b!drive-1';
const ITEM = '01ITEMID';

interface Logged { method: string; path: string; session?: string; auth?: string; body?: unknown }
interface Fault { match: RegExp; method?: string; status: number; retryAfter?: string; times: number; land?: boolean }

class GraphDouble {
  server!: Server;
  base = '';
  rows: unknown[][] = [];
  sessions = new Set<string>();
  closed: string[] = [];
  log: Logged[] = [];
  faults: Fault[] = [];
  private n = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  private send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { ...(body === undefined ? {} : { 'Content-Type': 'application/json; odata.metadata=minimal' }), ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private error(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) {
    this.send(res, status, { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': 'req-1' } } }, headers);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const path = decodeURIComponent((req.url ?? '').replace(/^\/v1\.0/, ''));
    const session = req.headers['workbook-session-id'] as string | undefined;
    this.log.push({ method: req.method!, path, session, auth: req.headers.authorization, body });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return this.error(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');

    const fault = this.faults.find((f) => f.times > 0 && f.match.test(path) && (!f.method || f.method === req.method));
    let landed = false;
    if (fault) {
      fault.times--;
      if (!fault.land) return this.error(res, fault.status, fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'Please retry later.', fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
      landed = true;
    }

    let m: RegExpExecArray | null;
    if (req.method === 'GET' && (m = /^\/shares\/([^/]+)\/driveItem$/.exec(path))) {
      if (m[1] !== encodeSharingUrl(SHARE_URL)) return this.error(res, 404, 'itemNotFound', 'The sharing link no longer exists.');
      return this.send(res, 200, { id: ITEM, name: '附件2.xlsx', parentReference: { driveId: DRIVE, driveType: 'business' } });
    }
    const wb = new RegExp(`^(?:/drives/${DRIVE.replace('!', '\\!')}|/me/drive)/items/${ITEM}/workbook/(.*)$`).exec(path);
    if (!wb) return this.error(res, 404, 'itemNotFound', 'The resource could not be found.');
    const rest = wb[1];
    if (req.method === 'POST' && rest === 'createSession') {
      const id = `session-${++this.n}`;
      this.sessions.add(id);
      return this.send(res, 201, { '@odata.context': `${this.base}/$metadata#microsoft.graph.workbookSessionInfo`, id, persistChanges: body?.persistChanges === true });
    }
    if (!session || !this.sessions.has(session)) return this.error(res, 400, 'InvalidSessionId', 'The session id is missing or invalid.');
    if (req.method === 'POST' && rest === 'closeSession') {
      this.sessions.delete(session);
      this.closed.push(session);
      return this.send(res, 204);
    }
    const t = /^tables\/([^/]+)\/(.*)$/.exec(rest);
    if (!t || t[1] !== '附件2') return this.error(res, 404, 'ItemNotFound', 'The requested resource doesn\'t exist.');
    const op = t[2];
    const rowJson = (i: number) => ({ '@odata.id': `/tables('附件2')/rows/itemAt(index=${i})`, index: i, values: [this.rows[i]] });
    if (req.method === 'GET' && op === 'rows') {
      return this.send(res, 200, { '@odata.context': `${this.base}/$metadata#workbookTableRows`, value: this.rows.map((_, i) => rowJson(i)) });
    }
    if (req.method === 'POST' && op === 'rows/add') {
      const values = body?.values as unknown[][];
      if (!Array.isArray(values) || values.some((v) => !Array.isArray(v) || v.length !== 13)) return this.error(res, 400, 'InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      for (const v of values) this.rows.push(v);
      if (landed) return this.error(res, 504, 'GatewayTimeout', 'The operation timed out.');
      return this.send(res, 201, { '@odata.context': `${this.base}/$metadata#workbookTableRow`, '@odata.type': '#microsoft.graph.workbookTableRow', ...rowJson(this.rows.length - values.length) });
    }
    if (req.method === 'PATCH' && (m = /^rows\/itemAt\(index=(\d+)\)\/range$/.exec(op))) {
      const i = Number(m[1]);
      const values = body?.values as unknown[][];
      if (i >= this.rows.length || !Array.isArray(values) || values.length !== 1 || values[0].length !== 13) return this.error(res, 400, 'InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      this.rows[i] = values[0];
      return this.send(res, 200, { '@odata.type': '#microsoft.graph.workbookRange', address: `附件2!A${i + 2}:M${i + 2}`, addressLocal: `附件2!A${i + 2}:M${i + 2}`, rowCount: 1, columnCount: 13, values });
    }
    return this.error(res, 400, 'BadRequest', `unsupported ${req.method} ${op}`);
  }
}

let g: GraphDouble;
let rows: ReviewRow[];
let waits: number[];

beforeAll(async () => {
  const { grids } = await readWorkbookFile(join(__dirname, '..', '..', 'test', 'fixtures', 'xlsx', 'seed-all.xlsx'));
  rows = grids.map((x) => validateGrid(x)).filter((r) => r.recognized).map((r) => buildReviewRow(r, { timely: 9 }));
});

beforeEach(async () => {
  g = new GraphDouble();
  await g.start();
  waits = [];
});
afterEach(() => g.stop());

function client(cfg: Partial<{ workbookUrl: string; driveItemId: string; driveId: string; table: string }> = {}, opts: Partial<GraphOptions> = {}) {
  return new GraphAnnex2(
    { kind: 'graph', table: '附件2', graphBase: g.base, ...(cfg.workbookUrl ? {} : { driveItemId: ITEM, driveId: DRIVE }), ...cfg },
    { tokens: { getToken: async () => TOKEN }, fetch: globalThis.fetch, sleep: async (ms) => void waits.push(ms), ...opts },
  );
}

describe('Microsoft Graph destination (against the local test double)', () => {
  it('appends rows inside a workbook session, 序号 consecutive, and closes the session', async () => {
    const c = client();
    const results = [];
    for (const r of rows) results.push(await c.append(r));
    expect(results.map((r) => [r.seq, r.updated])).toEqual([[1, false], [2, false], [3, false], [4, false]]);
    expect(results[0].where.zh).toContain('Microsoft Graph');
    expect(g.rows).toEqual(rows.map((r, i) => graphValues(r, i + 1)));
    expect(g.rows[1]).toEqual([2, '塔什库尔干县社会保险管理局', '塔什库尔干县城乡居民养老保险基金支出', 542, 433, 433, expect.closeTo(0.7989, 3), 0.81, 30, 30, 25, 9, 94]);
    // every workbook call but createSession carried the session; each session was closed
    const workbookCalls = g.log.filter((l) => l.path.includes('/workbook/') && !l.path.endsWith('createSession'));
    expect(workbookCalls.every((l) => l.session && l.auth === `Bearer ${TOKEN}`)).toBe(true);
    expect(g.closed).toHaveLength(4);
    expect(g.sessions.size).toBe(0);
    expect(g.log.find((l) => l.path.endsWith('createSession'))?.body).toEqual({ persistChanges: true });
    expect(g.log.find((l) => l.path.endsWith('rows/add'))?.body).toEqual({ index: null, values: [graphValues(rows[0], 1)] });
  });

  it('updates the row with the same key instead of adding a duplicate', async () => {
    const c = client();
    for (const r of rows) await c.append(r);
    const changed = setScore(rows[1], 'timely', 10);
    const res = await c.append(changed);
    expect(res).toMatchObject({ seq: 2, updated: true });
    expect(res.where.zh).toContain('已更新');
    expect(g.rows).toHaveLength(4);
    expect(g.rows[1][11]).toBe(10);
    expect(g.rows[1][12]).toBe(95);
    const patch = g.log.filter((l) => l.method === 'PATCH');
    expect(patch.map((l) => l.path)).toEqual([`/drives/${DRIVE}/items/${ITEM}/workbook/tables/附件2/rows/itemAt(index=1)/range`]);
  });

  it('honours Retry-After on 429 and backs off on 503 without it', async () => {
    g.faults.push({ match: /tables\/附件2\/rows$/, method: 'GET', status: 429, retryAfter: '2', times: 2 });
    g.faults.push({ match: /createSession$/, status: 503, times: 1 });
    const res = await client().append(rows[0]);
    expect(res.seq).toBe(1);
    expect(waits).toEqual([1000, 2000, 2000]);
    expect(g.rows).toHaveLength(1);
  });

  it('gives up after a bounded number of retries, writes nothing and still closes the session', async () => {
    g.faults.push({ match: /rows$/, method: 'GET', status: 429, retryAfter: '1', times: 100 });
    const err = await client({}, { maxRetries: 3 }).append(rows[0]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).status).toBe(429);
    expect((err as GraphError).text.zh).toContain('繁忙');
    expect(waits).toEqual([1000, 1000, 1000]);
    expect(g.log.filter((l) => l.method === 'GET' && l.path.endsWith('/rows'))).toHaveLength(4);
    expect(g.rows).toHaveLength(0);
    expect(g.closed).toHaveLength(1);
  });

  it('does not add a row twice when an add landed but Graph answered 504', async () => {
    g.faults.push({ match: /rows\/add$/, status: 504, times: 1, land: true });
    const res = await client().append(rows[2]);
    expect(res).toMatchObject({ seq: 1, updated: false });
    expect(g.rows).toEqual([graphValues(rows[2], 1)]);
    expect(g.log.filter((l) => l.path.endsWith('rows/add'))).toHaveLength(1);
  });

  it('keeps 序号 consecutive when another reviewer appended meanwhile', async () => {
    const c = client();
    await c.append(rows[0]);
    // someone else's row lands between our read and our add
    const realAdd = g.rows.length;
    const orig = globalThis.fetch;
    let injected = false;
    const racing: typeof fetch = async (input, init) => {
      if (!injected && String(input).endsWith('rows/add')) {
        injected = true;
        g.rows.push(graphValues(rows[3], 2));
      }
      return orig(input, init);
    };
    const res = await client({}, { fetch: racing }).append(rows[1]);
    expect(realAdd).toBe(1);
    expect(res.seq).toBe(3);
    expect(g.rows.map((r) => r[0])).toEqual([1, 2, 3]);
  });

  it('opens the shared workbook from its sharing URL through the shares API', async () => {
    const res = await client({ workbookUrl: SHARE_URL }).append(rows[0]);
    expect(res.seq).toBe(1);
    const share = g.log[0];
    expect(share.path).toBe(`/shares/u!${Buffer.from(SHARE_URL, 'utf8').toString('base64url')}/driveItem`);
    expect(g.log[1].path).toBe(`/drives/${DRIVE}/items/${ITEM}/workbook/createSession`);
  });

  it('says what is wrong: unknown table, refused token, missing configuration', async () => {
    const noTable = (await client({ table: '审核表' }).append(rows[0]).catch((e: unknown) => e)) as GraphError;
    expect(noTable.status).toBe(404);
    expect(noTable.text.zh).toContain('表');
    const refused = (await new GraphAnnex2({ kind: 'graph', table: '附件2', driveItemId: ITEM, driveId: DRIVE, graphBase: g.base }, { tokens: { getToken: async () => 'expired' }, fetch: globalThis.fetch }).append(rows[0]).catch((e: unknown) => e)) as GraphError;
    expect(refused.status).toBe(401);
    expect(refused.text.zh).toContain('重新登录');
    expect(() => new GraphAnnex2({ kind: 'graph', table: '附件2' }, { tokens: { getToken: async () => TOKEN } })).toThrow(/链接/);
    expect(g.rows).toHaveLength(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 0, 4_000)).toBe(6000);
    expect(retryAfterMs(null, 2)).toBe(4000);
  });
});
