/**
 * A TEST DOUBLE of the Microsoft Graph workbook API, strict where Graph is strict, for the tests and
 * for the demo (`npm run demo` serves it under /graph/v1.0). It is not Microsoft Graph. Node only.
 *
 * What it holds to, each from Microsoft's documentation:
 * - Only documented paths. Table rows: list / itemAt / add / update / delete
 *   (learn.microsoft.com/graph/api/resources/workbooktablerow, tablerow-update,
 *   tablerow-delete) addressed as `…/rows/itemAt(index=n)`: the pages write `…/rows/{index}`, which
 *   Graph answers with `ApiNotFound` (microsoftgraph/microsoft-graph-docs-contrib#8426, #9041,
 *   msgraph-sdk-dotnet#2699), and so does the double. A row's range is GET only; worksheet ranges
 *   are updated at `…/worksheets/{s}/range(address='A1:M1')` (range-update).
 *   `PATCH …/rows/itemAt(index=n)/range` is refused (405 methodNotAllowed).
 * - String interpretation, as Excel does for typed input and `Range.values`: `=…`, `+x`, `-x` become
 *   formulas (here `#NAME?`), number-, percent- and date-like strings become numbers, unless the text
 *   starts with an apostrophe (Excel's quote prefix, `Range.PrefixCharacter`) or the cell is formatted
 *   as text (`@`).
 * - Two-level errors `{ error: { code, message, innerError: { code, … } } }` and Retry-After
 *   (learn.microsoft.com/graph/workbook-error-handling, workbook-error-codes).
 * - Sessions expire when idle (“typically … about 5 minutes of inactivity”, learn.microsoft.com/graph/api/workbook-createsession):
 *   the next call gets 404 with `invalidSessionReCreatable`.
 * - Scopes: the item needs `Files.ReadWrite.All` (items shared by others; SharePoint libraries may
 *   also need `Sites.ReadWrite.All`), and a sharing link grants access only once redeemed with
 *   `Prefer: redeemSharingLink` (learn.microsoft.com/graph/api/shares-get).
 * - 409 `accessConflict`, 409 `filteredRangeConflict` (an add under an active filter would move
 *   cells below the table), delayed landing of an add answered 504, and a co-author who sorts the
 *   table (`POST …/tables/{t}/sort/apply`, also callable between a client's requests through `between`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeSharingUrl, GRAPH_TABLE_HEADER } from './graph';

export type CellValue = string | number | boolean;

export interface DoubleCell {
  /** what Graph returns in `values` */
  value: CellValue;
  /** a formula the string became */
  formula?: string;
  numberFormat: string;
  /** entered with Excel's quote prefix */
  quotePrefix?: boolean;
}

export interface GraphFault {
  /** matched against the path after /v1.0 */
  match: RegExp;
  method?: string;
  status: number;
  code: string;
  inner?: string;
  retryAfter?: string;
  times: number;
  /** rows/add only: the add is carried out anyway — at once ('now') or after `landAfter` later requests ('later') */
  land?: 'now' | 'later';
  landAfter?: number;
}

export interface GraphDoubleOptions {
  /** the sharing link that resolves to the workbook */
  shareUrl: string;
  driveId?: string;
  itemId?: string;
  /** 'business' (OneDrive for work) or 'documentLibrary' (SharePoint) */
  driveType?: string;
  table?: string;
  sheet?: string;
  header?: readonly string[];
  /** 1-based sheet row of the table's header row (default 5, as `--graph-table` writes) */
  headerRow?: number;
  /** empty rows between the table and the footer; null: no footer below the table (default null) */
  footerGap?: number | null;
  /** scopes every workbook call needs (default Files.ReadWrite.All) */
  requiredScopes?: string[];
  /** the link must be redeemed before the item can be opened (default true) */
  requireRedeem?: boolean;
  /** idle time after which a session expires, ms (default 5 min) */
  sessionIdleMs?: number;
  now?: () => number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  session?: string;
  auth?: string;
  prefer?: string;
  body?: unknown;
  status?: number;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^[+-]?(\d+(\.\d*)?|\.\d+)%$/;
const DATE = /^(\d{4})[-/年](\d{1,2})(?:[-/月](\d{1,2})日?|月)?$/;

/** Excel's serial day number of a date (1900 system). */
function serial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** How Excel stores one value written through `values` into a cell with `format`. */
export function interpretValue(v: unknown, format = 'General'): DoubleCell {
  if (v === null || v === undefined || v === '') return { value: '', numberFormat: format };
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v, numberFormat: format };
  const s = String(v);
  if (s.startsWith("'")) return { value: s.slice(1), numberFormat: format, quotePrefix: true };
  if (format === '@') return { value: s, numberFormat: format };
  if (s.startsWith('=') || (/^[+-]/.test(s) && !NUMBER.test(s) && !PERCENT.test(s))) {
    return { value: '#NAME?', formula: s.startsWith('=') ? s : `=${s}`, numberFormat: format };
  }
  const t = s.trim().replace(/,/g, '');
  if (NUMBER.test(t)) return { value: Number(t), numberFormat: format };
  if (PERCENT.test(t)) return { value: Number(t.slice(0, -1)) / 100, numberFormat: format === 'General' ? '0%' : format };
  const d = DATE.exec(s.trim());
  if (d) {
    const m = Number(d[2]);
    if (m >= 1 && m <= 12) return { value: serial(Number(d[1]), m, Number(d[3] ?? 1)), numberFormat: format === 'General' ? 'yyyy/m/d' : format };
  }
  return { value: s, numberFormat: format };
}

function colLetter(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export class GraphDouble {
  readonly opts: Required<Omit<GraphDoubleOptions, 'footerGap'>> & { footerGap: number | null };
  header: string[];
  rows: DoubleCell[][] = [];
  /** a filter is applied to the table (Excel's AutoFilter) */
  filterActive = false;
  /** another client holds the workbook: writes get 409 accessConflict */
  locked = false;
  /** times an add pushed the footer down */
  footerShifts = 0;
  log: LoggedRequest[] = [];
  faults: GraphFault[] = [];
  /** token → the scopes it was issued for */
  grants = new Map<string, Set<string>>();
  /** the user redeemed the sharing link (one user per double) */
  redeemed = false;
  sessions = new Map<string, number>();
  closed: string[] = [];
  /** called before each request is handled (a co-author acting between a client's requests) */
  between?: (req: { method: string; path: string }) => void;
  private pending: { values: DoubleCell[][]; after: number }[] = [];
  private n = 0;
  private server?: Server;
  base = '';

  constructor(opts: GraphDoubleOptions) {
    this.opts = {
      driveId: 'b!demo-drive',
      itemId: '01DEMOITEM',
      driveType: 'business',
      table: '附件2',
      sheet: '附件2',
      header: GRAPH_TABLE_HEADER,
      headerRow: 5,
      footerGap: null,
      requiredScopes: ['Files.ReadWrite.All'],
      requireRedeem: true,
      sessionIdleMs: 5 * 60_000,
      now: () => Date.now(),
      ...opts,
    };
    this.header = [...this.opts.header];
  }

  /** A token the double accepts, carrying these scopes (what MSAL would hand out after consent). */
  issueToken(scopes: readonly string[], name = `token-${this.grants.size + 1}`): string {
    this.grants.set(name, new Set(scopes));
    return name;
  }

  /** The table's values as Graph returns them. */
  values(): CellValue[][] {
    return this.rows.map((r) => r.map((c) => c.value));
  }

  /** Sort the table's body as a co-author would (Excel sorts numbers before text, ascending). */
  sort(key: number, ascending = true): void {
    const cmp = (a: CellValue, b: CellValue): number => {
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (typeof a === 'number') return -1;
      if (typeof b === 'number') return 1;
      return String(a).localeCompare(String(b), 'zh-CN');
    };
    this.rows.sort((x, y) => (ascending ? 1 : -1) * cmp(x[key].value, y[key].value));
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res, '/v1.0'));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
    return this.base;
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const last = this.log[this.log.length - 1];
    if (last) last.status = status;
    res.writeHead(status, { ...(body === undefined ? {} : { 'Content-Type': 'application/json; odata.metadata=minimal' }), 'Cache-Control': 'no-store', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private error(res: ServerResponse, status: number, code: string, inner: string, message: string, headers: Record<string, string> = {}): void {
    this.send(res, status, { error: { code, message, innerError: { code: inner, message, date: new Date(this.opts.now()).toISOString(), 'request-id': `req-${this.log.length}` } } }, headers);
  }

  private rowJson(i: number) {
    return { '@odata.id': `/tables('${this.opts.table}')/rows/itemAt(index=${i})`, index: i, values: [this.rows[i].map((c) => c.value)] };
  }

  private address(i: number): string {
    const r = this.opts.headerRow + 1 + i;
    return `${this.opts.sheet}!A${r}:${colLetter(this.header.length - 1)}${r}`;
  }

  private write(i: number, values: unknown[]): void {
    this.rows[i] = values.map((v, c) => interpretValue(v, this.rows[i]?.[c]?.numberFormat ?? 'General'));
  }

  /** Insert rows at the table's end: cells below move down unless there is room; a filter forbids moving them. */
  private insert(values: unknown[][]): number | 'filtered' {
    const gap = this.opts.footerGap;
    if (gap !== null && gap < values.length) {
      if (this.filterActive) return 'filtered';
      this.footerShifts++;
    } else if (gap !== null) {
      this.opts.footerGap = gap - values.length;
    }
    const at = this.rows.length;
    for (const v of values) this.rows.push(v.map((x) => interpretValue(x)));
    return at;
  }

  /** Handle one request whose path starts with `prefix` (e.g. /v1.0). */
  async handle(req: IncomingMessage, res: ServerResponse, prefix: string): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    } catch {
      this.log.push({ method: req.method ?? '', path: req.url ?? '' });
      return this.error(res, 400, 'invalidRequest', 'badRequestUncategorized', 'The request body is not JSON.');
    }
    const url = (req.url ?? '').split('?')[0];
    const path = decodeURIComponent(url.startsWith(prefix) ? url.slice(prefix.length) : url);
    const method = req.method ?? 'GET';
    const session = req.headers['workbook-session-id'] as string | undefined;
    const auth = req.headers.authorization;
    this.log.push({ method, path, session, auth, prefer: req.headers.prefer as string | undefined, body });

    // a 504ed add lands late
    for (const p of this.pending) p.after--;
    for (const p of this.pending.filter((x) => x.after < 0)) {
      for (const v of p.values) this.rows.push(v);
    }
    this.pending = this.pending.filter((x) => x.after >= 0);
    this.between?.({ method, path });

    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : '';
    const scopes = this.grants.get(token);
    if (!scopes) return this.error(res, 401, 'InvalidAuthenticationToken', 'unauthenticated', 'Access token validation failure.');

    const fault = this.faults.find((f) => f.times > 0 && f.match.test(path) && (!f.method || f.method === method));
    let landing: GraphFault | undefined;
    if (fault) {
      fault.times--;
      if (!fault.land) return this.error(res, fault.status, fault.code, fault.inner ?? fault.code, 'Injected failure.', fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
      landing = fault;
    }

    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/shares\/([^/]+)\/driveItem$/.exec(path))) {
      if (m[1] !== encodeSharingUrl(this.opts.shareUrl)) return this.error(res, 404, 'itemNotFound', 'itemNotFound', 'The sharing link no longer exists, or you do not have permission to access it.');
      if (/redeemSharingLink/i.test(String(req.headers.prefer ?? ''))) this.redeemed = true;
      return this.send(res, 200, { id: this.opts.itemId, name: '附件2.xlsx', parentReference: { driveId: this.opts.driveId, driveType: this.opts.driveType } });
    }
    const esc = (s: string) => s.replace(/[!.*+?^${}()|[\]\\]/g, '\\$&');
    const wb = new RegExp(`^/drives/${esc(this.opts.driveId)}/items/${esc(this.opts.itemId)}/workbook/(.*)$`).exec(path);
    if (!wb) return this.error(res, 404, 'itemNotFound', 'itemNotFound', 'The resource could not be found.');
    const missing = this.opts.requiredScopes.filter((s) => !scopes.has(s));
    if (missing.length || (this.opts.requireRedeem && !this.redeemed)) {
      return this.error(res, 403, 'accessDenied', 'accessDenied', 'The caller does not have permission to perform the action.');
    }
    const rest = wb[1];
    const now = this.opts.now();
    if (method === 'POST' && rest === 'createSession') {
      const id = `session-${++this.n}`;
      this.sessions.set(id, now);
      return this.send(res, 201, { id, persistChanges: body?.persistChanges === true });
    }
    if (session !== undefined) {
      const last = this.sessions.get(session);
      if (last === undefined || now - last > this.opts.sessionIdleMs) {
        this.sessions.delete(session);
        return this.error(res, 404, 'itemNotFound', 'invalidSessionReCreatable', 'The session specified in the request does not exist or is invalid due to a transient error.');
      }
      this.sessions.set(session, now);
    }
    if (method === 'POST' && rest === 'closeSession') {
      if (session) {
        this.sessions.delete(session);
        this.closed.push(session);
      }
      return this.send(res, 204);
    }
    const writes = method !== 'GET';
    if (writes && this.locked) return this.error(res, 409, 'conflict', 'accessConflict', 'The request failed due to conflicts with other clients that are accessing the workbook.');

    if (method === 'GET' && rest === 'tables') {
      return this.send(res, 200, { value: [{ id: '{T1}', name: this.opts.table, showHeaders: true }] });
    }
    if ((m = /^worksheets\/([^/]+)\/range\(address='([A-Z]+)(\d+):([A-Z]+)(\d+)'\)$/.exec(rest))) {
      if (method !== 'PATCH' && method !== 'GET') return this.error(res, 405, 'methodNotAllowed', 'methodNotAllowed', 'The HTTP method is not allowed on the resource.');
      const r = Number(m[3]) - this.opts.headerRow - 1;
      if (m[1] !== this.opts.sheet || m[3] !== m[5] || m[2] !== 'A' || r < 0 || r >= this.rows.length) {
        return this.error(res, 400, 'invalidRequest', 'invalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      }
      if (method === 'PATCH') {
        const nf = (body?.numberFormat as unknown[][] | undefined)?.[0];
        const vals = (body?.values as unknown[][] | undefined)?.[0];
        if (nf) nf.forEach((f, c) => this.rows[r][c] && (this.rows[r][c] = { ...this.rows[r][c], numberFormat: String(f) }));
        if (vals) this.write(r, vals);
      }
      return this.send(res, 200, { address: this.address(r), values: [this.rows[r].map((c) => c.value)], numberFormat: [this.rows[r].map((c) => c.numberFormat)] });
    }
    const t = /^tables\/([^/]+)(?:\/(.*))?$/.exec(rest);
    if (!t) return this.error(res, 400, 'invalidRequest', 'badRequestUncategorized', `Unsupported ${method} ${rest}`);
    if (t[1] !== this.opts.table && t[1] !== '{T1}') return this.error(res, 404, 'itemNotFound', 'itemNotFound', 'The requested resource doesn\'t exist.');
    const op = t[2] ?? '';
    if (method === 'GET' && op === 'columns') {
      return this.send(res, 200, { value: this.header.map((name, index) => ({ id: String(index + 1), index, name })) });
    }
    if (method === 'GET' && op === 'rows') return this.send(res, 200, { value: this.rows.map((_, i) => this.rowJson(i)) });
    if (method === 'POST' && op === 'sort/apply') {
      const f = (body?.fields as { key: number; ascending?: boolean }[] | undefined)?.[0];
      if (!f || !(f.key >= 0 && f.key < this.header.length)) return this.error(res, 400, 'invalidRequest', 'invalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      this.sort(f.key, f.ascending !== false);
      return this.send(res, 204);
    }
    if (method === 'POST' && op === 'rows/add') {
      const values = body?.values as unknown[][];
      if (!Array.isArray(values) || values.some((v) => !Array.isArray(v) || v.length !== this.header.length)) {
        return this.error(res, 400, 'invalidRequest', 'invalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      }
      if (landing?.land === 'later') {
        this.pending.push({ values: values.map((v) => v.map((x) => interpretValue(x))), after: landing.landAfter ?? 1 });
        return this.error(res, landing.status, landing.code, landing.inner ?? landing.code, 'The operation timed out.', landing.retryAfter ? { 'Retry-After': landing.retryAfter } : {});
      }
      const at = this.insert(values);
      if (at === 'filtered') return this.error(res, 409, 'conflict', 'filteredRangeConflict', 'The operation failed because it conflicts with a filtered range.');
      if (landing) return this.error(res, landing.status, landing.code, landing.inner ?? landing.code, 'The operation timed out.', landing.retryAfter ? { 'Retry-After': landing.retryAfter } : {});
      return this.send(res, 201, { '@odata.type': '#microsoft.graph.workbookTableRow', ...this.rowJson(at) });
    }
    if (/^rows\/\d+(\/|$)/.test(op)) {
      return this.error(res, 400, 'ApiNotFound', 'apiNotFound', 'The API you are trying to use could not be found. It may be available in a newer version of Excel.');
    }
    if ((m = /^rows\/itemAt\(index=(\d+)\)(\/range)?$/.exec(op))) {
      const i = Number(m[1]);
      if (i >= this.rows.length) return this.error(res, 400, 'invalidRequest', 'invalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      if (m[2]) {
        if (method !== 'GET') return this.error(res, 405, 'methodNotAllowed', 'methodNotAllowed', 'The HTTP method in the request is not allowed on the resource.');
        return this.send(res, 200, { address: this.address(i), rowCount: 1, columnCount: this.header.length, values: [this.rows[i].map((c) => c.value)] });
      }
      if (method === 'GET') return this.send(res, 200, this.rowJson(i));
      if (method === 'DELETE') {
        this.rows.splice(i, 1);
        return this.send(res, 200);
      }
      if (method === 'PATCH') {
        const values = body?.values as unknown[][];
        if (!Array.isArray(values) || values.length !== 1 || values[0].length !== this.header.length) {
          return this.error(res, 400, 'invalidRequest', 'invalidArgument', 'The argument is invalid or missing or has an incorrect format.');
        }
        this.write(i, values[0]);
        return this.send(res, 200, this.rowJson(i));
      }
    }
    return this.error(res, 400, 'invalidRequest', 'badRequestUncategorized', `Unsupported ${method} ${op}`);
  }
}
