/**
 * Destination 3 (design §7): a 附件2 table in a workbook on OneDrive / SharePoint, through the
 * Microsoft Graph workbook API. Browser-safe (fetch only). Every call below is a documented one:
 *
 *   resolve   GET   /shares/{u!base64url(link)}/driveItem, `Prefer: redeemSharingLink`   (shares-get:
 *                   redeeming gives the caller lasting access, which the workbook calls need)
 *   session   POST  {item}/workbook/createSession {persistChanges:true}                   (workbook-createsession)
 *   check     GET   {item}/workbook/tables/{t}/columns  ·  GET {item}/workbook/tables
 *   read      GET   {item}/workbook/tables/{t}/rows          · GET …/rows/itemAt(index=n) (tablerowcollection-itemat)
 *   append    POST  {item}/workbook/tables/{t}/rows/add {index:null, values}              (tablerowcollection-add)
 *   update    PATCH {item}/workbook/tables/{t}/rows/itemAt(index=n) {values}              (tablerow-update)
 *   remove    DELETE {item}/workbook/tables/{t}/rows/itemAt(index=n)                      (tablerow-delete)
 *   formats   GET   …/rows/itemAt(index=n)/range → address; PATCH {item}/workbook/worksheets/{s}/range(address='A6:M6')
 *                   {numberFormat}                                                        (range-update)
 *   close     POST  {item}/workbook/closeSession
 *
 * Safety (issue 16):
 * - A row is found by its key (部门单位名称 + 项目名称) in the session, and checked again with
 *   `itemAt` immediately before it is updated; if a co-author sorted or deleted rows meanwhile the
 *   lookup starts over.
 * - Text is written with Excel's quote prefix (`'`), so `=…`, `+…`, `-…`, `0012`, `2020-09` stay the
 *   text they are (Excel turns typed or `values`-written strings into formulas, numbers and dates;
 *   learn.microsoft.com/office/vba/api/excel.range.prefixcharacter), and the 附件2 number
 *   formats are applied to the row.
 * - Graph warns that after a failure the fate of a request cannot be confirmed
 *   (learn.microsoft.com/graph/workbook-error-handling): an add answered 429/5xx is followed
 *   by a re-read by key; if it landed, it is used; if a late landing leaves two rows with one key,
 *   they are collapsed (the extra one deleted) and the result says so.
 * - An expired session (`invalidSessionReCreatable`) is re-created and the work resumed from the lookup.
 * - Retry-After is honoured in full, within an overall deadline; progress lines go to `onProgress`.
 * - Errors are read at the second level (`innerError.code`) first, then the top level, then the
 *   status; each code has its own message (GRAPH_MESSAGES).
 * Not offered by Microsoft 365 operated by 21Vianet (the workbook API is marked ❌ there): use the
 * review server.
 */
import type { Localized } from '../core';
import { type TextParams, LocalizedError, catalogue, localize } from '../core';
import { keyString } from './build';
import { rowCells } from './layout';
import type { AppendResult, DestinationConfig, ReviewRow } from './types';

export const GRAPH_BASE = 'https://graph.microsoft.com/v1.0';
/**
 * Delegated scopes, asked for incrementally: a workbook shared by someone else needs
 * Files.ReadWrite.All (Files.ReadWrite covers only the user's own files); a SharePoint library may
 * also need Sites.ReadWrite.All, asked for only when Graph refuses with the first set
 * (learn.microsoft.com/graph/permissions-reference, shares-get's permission table).
 */
export const GRAPH_SCOPES = ['Files.ReadWrite.All'];
export const GRAPH_SITE_SCOPES = ['Files.ReadWrite.All', 'Sites.ReadWrite.All'];

/** The 13 column headers of the 附件2 table in a shared workbook (one header row, as tables need). */
export const GRAPH_TABLE_HEADER = [
  '序号', '部门单位名称', '项目名称', '调整后预算总数', '到位资金总数', '执行资金总数', '预算执行率', '绩效目标总体完成率',
  '预算执行情况(30分)', '绩效目标完成情况(30分)', '目标偏离及应对情况(30分)', '按时报送(10分)', '总分',
] as const;

/** Where tokens come from: NAA or the Office dialog in the pane (naa.ts), a fixed token in tests. */
export interface GraphTokenProvider {
  getToken(scopes: string[]): Promise<string>;
}

export interface GraphOptions {
  tokens: GraphTokenProvider;
  fetch?: typeof fetch;
  /** waits (tests inject a recorder); default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** clock, ms (tests inject one) */
  now?: () => number;
  /** retries of one request on 429 / 502 / 503 / 504 (default 6) */
  maxRetries?: number;
  /** the whole operation must end within this, ms (default 10 minutes); a longer Retry-After gives up at once */
  deadlineMs?: number;
  /** progress lines (waiting for Graph, re-creating the session, …) */
  onProgress?: (text: Localized) => void;
}

export class GraphError extends LocalizedError {
  constructor(
    public readonly status: number,
    public readonly code: string,
    text: Localized,
    /** for 429 / 503 / 504: how long Graph asked to wait, ms */
    public readonly retryAfter?: number,
    /** the second-level code (`innerError.code`), when Graph gave one */
    public readonly inner?: string,
  ) {
    super(text);
  }
}

type GraphConfig = Extract<DestinationConfig, { kind: 'graph' }>;

/** The shares API's id for a sharing URL: u! + unpadded base64url of the URL. */
export function encodeSharingUrl(url: string): string {
  const bytes = new TextEncoder().encode(url);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `u!${btoa(bin).replace(/=+$/, '').replace(/\//g, '_').replace(/\+/g, '-')}`;
}

/** Retry-After: seconds or an HTTP date → ms; without it an exponential back-off. Never capped. */
export function retryAfterMs(header: string | null, attempt: number, now = Date.now()): number {
  if (header) {
    const s = Number(header);
    if (Number.isFinite(s) && s >= 0) return s * 1000;
    const d = Date.parse(header);
    if (!Number.isNaN(d)) return Math.max(0, d - now);
  }
  return Math.min(32000, 1000 * 2 ** attempt);
}

/** A link or endpoint of Microsoft 365 operated by 21Vianet, which has no Graph workbook API. */
export function is21Vianet(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return /(\.sharepoint\.cn|\.chinacloudapi\.cn|\.partner\.microsoftonline\.cn|\.microsoftonline\.cn)$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

const RETRY = new Set([429, 502, 503, 504]);
const SESSION_LOST = new Set(['invalidsessionrecreatable']);

/**
 * The message catalogue of this destination: one entry per second-level code of
 * learn.microsoft.com/graph/workbook-error-handling a reviewer can meet, then per status.
 * Templates take `{code}`, `{status}` and `{message}`.
 */
export const GRAPH_MESSAGES = catalogue({
  accessdenied: {
    zh: '没有写入该工作簿的权限：请工作簿所有者给你“可编辑”的共享链接，或请管理员为加载项同意 Files.ReadWrite.All（SharePoint 文档库另需 Sites.ReadWrite.All）',
    en: 'no permission to write the workbook: ask its owner for an edit link, or ask an administrator to consent to Files.ReadWrite.All for the add-in (a SharePoint library may also need Sites.ReadWrite.All)',
  },
  accessconflict: {
    zh: '另一位用户或程序正锁定该工作簿（accessConflict），未写入任何内容：请稍后再试，或在 Excel 网页版中打开它查看',
    en: 'another user or program has the workbook locked (accessConflict); nothing was written: try again later, or open it in Excel for the web to see why',
  },
  filteredrangeconflict: {
    zh: '附件2 表格启用了筛选，而新行会移动表格下方的单元格（filteredRangeConflict），未写入任何内容：请清除筛选，并把表格下方的内容（如“处室领导”）移到别处',
    en: 'the 附件2 table is filtered and a new row would move the cells below it (filteredRangeConflict); nothing was written: clear the filter and move what is below the table (such as 处室领导) elsewhere',
  },
  insertdeleteconflict: {
    zh: '插入行与工作表上的其他内容冲突（insertDeleteConflict），未写入任何内容：请把表格下方或旁边的合并单元格、其他表格移开',
    en: 'inserting the row conflicts with other content of the sheet (insertDeleteConflict); nothing was written: move merged cells or other tables away from below the table',
  },
  nonblankcelloffsheet: {
    zh: '表格下方已到工作表末尾（nonBlankCellOffSheet），无法再插入行',
    en: 'the table cannot grow: cells would be pushed off the end of the sheet (nonBlankCellOffSheet)',
  },
  invalidsessionrecreatable: { zh: '工作簿会话已过期，重新建立后仍未成功，请重试', en: 'the workbook session expired and still failed after re-creating it; try again' },
  invalidsessionaccessconflict: { zh: '另一位用户或程序正锁定该工作簿，无法建立会话：请稍后再试', en: 'another client has the workbook locked, so no session could be opened; try later' },
  invalidsessionauthentication: { zh: '登录已失效，无法打开工作簿会话：请重新登录', en: 'the sign-in is no longer valid for the workbook session: sign in again' },
  invalidsessionrestricted: { zh: '组织的设置不允许通过 Graph 编辑该工作簿：请联系管理员', en: 'your organisation’s settings do not allow editing this workbook through Graph: ask an administrator' },
  invalidsessionnotfound: { zh: '找不到该工作簿（可能已被移动或删除）：请检查工作簿链接', en: 'the workbook cannot be found (moved or deleted?): check the link' },
  invalidsessionunexpected: { zh: '工作簿会话意外失效，请重试', en: 'the workbook session failed unexpectedly; try again' },
  unsupportedworkbook: {
    zh: '该工作簿含有 Excel 网页版不支持的功能或过大：请在桌面版 Excel 中去掉后再试',
    en: 'the workbook has features Excel for the web does not support, or is too large: remove them in desktop Excel',
  },
  itemnotfound: {
    zh: '找不到共享工作簿或其中的表：请检查工作簿链接和表名（点“测试连接”可列出工作簿中的表）',
    en: 'the shared workbook or its table was not found: check the link and the table name (Test connection lists the workbook’s tables)',
  },
  invalidargument: {
    zh: 'Microsoft Graph 不接受这一行（{code}）：表格的列可能已被改动，请点“测试连接”检查',
    en: 'Microsoft Graph refused the row ({code}): the table’s columns may have been changed; use Test connection',
  },
  methodnotallowed: { zh: 'Microsoft Graph 不允许这一操作（methodNotAllowed）', en: 'Microsoft Graph does not allow this operation (methodNotAllowed)' },
  generalexception: { zh: 'Microsoft Graph 处理时出错（generalException）：请稍后重试', en: 'Microsoft Graph failed to process the request (generalException); try later' },
  unauthenticated: { zh: 'Microsoft Graph 拒绝了登录令牌：请重新登录', en: 'Microsoft Graph refused the sign-in token: sign in again' },
  status403: {
    zh: '没有写入该工作簿的权限：请工作簿所有者给你“可编辑”的共享链接，或请管理员为加载项同意 Files.ReadWrite.All（SharePoint 文档库另需 Sites.ReadWrite.All）',
    en: 'no permission to write the workbook: ask its owner for an edit link, or ask an administrator to consent to Files.ReadWrite.All for the add-in (a SharePoint library may also need Sites.ReadWrite.All)',
  },
  status409: { zh: '与工作簿的当前状态冲突（{code}），未写入任何内容：请稍后再试', en: 'conflicts with the workbook’s current state ({code}); nothing was written: try again later' },
});

/** The destination's other messages: progress, configuration, what was written. */
const GRAPH_TEXT = catalogue({
  busyAfterRetries: { zh: 'Microsoft Graph 繁忙（HTTP {status}），重试后仍未成功', en: 'Microsoft Graph is busy (HTTP {status}) and still was after retrying' },
  otherStatus: { zh: 'Microsoft Graph 返回 HTTP {status}（{code}）：{message}', en: 'Microsoft Graph answered HTTP {status} ({code}): {message}' },
  vianet: {
    zh: '这是世纪互联运营的 Microsoft 365（中国版）的链接：那里的 Microsoft Graph 不提供 Excel 工作簿接口，请改用“审核服务器”',
    en: 'this link belongs to Microsoft 365 operated by 21Vianet, whose Microsoft Graph has no Excel workbook API: use the review server instead',
  },
  needTable: { zh: '请填写共享工作簿中附件2 表的名称', en: 'give the name of the 附件2 table in the shared workbook' },
  needLink: { zh: '请填写共享工作簿的链接', en: 'give the shared workbook’s link' },
  network: { zh: '无法连接 Microsoft Graph：{message}', en: 'cannot reach Microsoft Graph: {message}' },
  waitTooLong: {
    zh: 'Microsoft Graph 繁忙，要求等待 {s} 秒，超过了本次操作的时限：请稍后再试',
    en: 'Microsoft Graph is busy and asked to wait {s} s, beyond this operation\'s time limit: try again later',
  },
  retrying: { zh: 'Microsoft Graph 繁忙，{s} 秒后重试（第 {attempt} 次）…', en: 'Microsoft Graph is busy; retrying in {s} s (attempt {attempt})…' },
  noSuchTable: { zh: '工作簿中没有名为“{table}”的表；现有的表：{names}', en: 'the workbook has no table named "{table}"; its tables: {names}' },
  noTable: {
    zh: '工作簿中没有任何表：请用 jixiao review --graph-table 生成附件2 表，或在 Excel 中把附件2区域“插入 → 表格”并命名为“{table}”',
    en: 'the workbook has no table: make one with jixiao review --graph-table, or Insert → Table in Excel and name it "{table}"',
  },
  listSeparator: { zh: '、', en: ', ' },
  wrongSeparator: { zh: '；', en: '; ' },
  columnsFound: { zh: '实有 {n} 列', en: 'found {n}' },
  wrongColumns: {
    zh: '表“{table}”的列与附件2 不一致（应为 {n} 列：{header}）：{wrong}',
    en: 'the columns of table "{table}" do not match the 附件2 ({n} columns: {header}): {wrong}',
  },
  tableOk: {
    zh: '已打开工作簿：表“{table}”的列与附件2 一致，已有 {rows} 行',
    en: 'workbook opened: table "{table}" matches the 附件2 and holds {rows} {rows|row|rows}',
  },
  sessionRenewing: { zh: '工作簿会话已过期，正在重新建立…', en: 'the workbook session expired; opening a new one…' },
  updatedRow: { zh: '已更新共享工作簿（Microsoft Graph）表“{table}”中的行（序号 {seq}）', en: 'updated the row (No. {seq}) in table "{table}" of the shared workbook (Microsoft Graph)' },
  appendedRow: { zh: '已追加到共享工作簿（Microsoft Graph）的表“{table}”（序号 {seq}）', en: 'appended to table "{table}" of the shared workbook (Microsoft Graph) (No. {seq})' },
  rowsMoving: {
    zh: '表格的行在不停移动（有人在排序或删除），未写入任何内容：请稍后再试',
    en: 'the table’s rows keep moving (someone is sorting or deleting); nothing was written: try again later',
  },
  rowsMoved: { zh: '表格的行已被他人移动，正在重新查找…', en: 'a co-author moved the table’s rows; looking the row up again…' },
  unconfirmedRetry: {
    zh: 'Microsoft Graph 未确认写入（HTTP {status}），{s} 秒后按关键字重新查找…',
    en: 'Microsoft Graph did not confirm the add (HTTP {status}); looking the key up again in {s} s…',
  },
  unknownFate: {
    zh: '{error}。之前的一次追加 Microsoft Graph 未确认，可能稍后仍会出现在表中：请稍后打开表格核对，再次追加同一项目会合并重复行',
    en: '{error}. An earlier add was not confirmed by Microsoft Graph and may still appear in the table: check the table later; appending the same project again merges duplicate rows',
  },
});

const say = (key: keyof typeof GRAPH_TEXT, params?: TextParams): Localized => localize(GRAPH_TEXT, key, params);

/** Codes and statuses that mean what another code already says: its message, written once. */
const SAME_AS: Record<string, keyof typeof GRAPH_MESSAGES> = {
  invalidsessionunsupportedworkbook: 'unsupportedworkbook',
  status401: 'unauthenticated',
  status404: 'itemnotfound',
};

function describe(status: number, code: string, inner: string | undefined, message: string): Localized {
  const d = { code: inner ?? code, status, message };
  const key = [inner?.toLowerCase(), code.toLowerCase(), `status${status}`]
    .map((k) => (k && SAME_AS[k]) || k)
    .find((k): k is keyof typeof GRAPH_MESSAGES => !!k && k in GRAPH_MESSAGES);
  if (key) return localize(GRAPH_MESSAGES, key, d);
  if (RETRY.has(status)) return say('busyAfterRetries', d);
  return say('otherStatus', d);
}

interface TableRow {
  index: number;
  values: unknown[][];
}

/** What “Test connection” found. */
export interface GraphCheck {
  ok: boolean;
  text: Localized;
  /** the ids the link resolved to (saved with the settings so later appends skip the lookup) */
  driveId?: string;
  driveItemId?: string;
}

const norm = (s: unknown) => String(s ?? '').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

export class GraphAnnex2 {
  private readonly base: string;
  private readonly f: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private itemPath: string | null = null;
  private ids: { driveId?: string; driveItemId?: string } = {};
  private scopes = GRAPH_SCOPES;
  private deadline = Infinity;

  constructor(
    private readonly config: GraphConfig,
    private readonly opts: GraphOptions,
  ) {
    if (is21Vianet(config.workbookUrl) || is21Vianet(config.graphBase)) {
      throw new GraphError(0, '21vianet', say('vianet'));
    }
    if (!config.table) throw new GraphError(0, 'config', say('needTable'));
    if (!config.workbookUrl && !config.driveItemId) {
      throw new GraphError(0, 'config', say('needLink'));
    }
    this.base = (config.graphBase ?? GRAPH_BASE).replace(/\/+$/, '');
    this.f = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = opts.now ?? (() => Date.now());
  }

  private progress(text: Localized): void {
    this.opts.onProgress?.(text);
  }

  /** One request, retried on 429 / 5xx busy answers unless `once`. Returns parsed JSON (or null for 204). */
  private async call<T>(method: string, path: string, body?: unknown, session?: string, once = false, extra: Record<string, string> = {}): Promise<T> {
    const max = once ? 0 : (this.opts.maxRetries ?? 6);
    let widened = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.opts.tokens.getToken(this.scopes);
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json', ...extra };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (session) headers['workbook-session-id'] = session;
      let res: Response;
      try {
        res = await this.f(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      } catch (e) {
        throw new GraphError(0, 'network', say('network', { message: (e as Error).message }));
      }
      if (res.ok) {
        if (res.status === 204) return null as T;
        const text = await res.text();
        return (text ? JSON.parse(text) : null) as T;
      }
      let code = String(res.status);
      let inner: string | undefined;
      let message = res.statusText;
      try {
        const j = (await res.json()) as { error?: { code?: string; message?: string; innerError?: { code?: string } } };
        code = j.error?.code ?? code;
        inner = j.error?.innerError?.code;
        message = j.error?.message ?? message;
      } catch {
        // not JSON
      }
      if (res.status === 403 && !widened && this.scopes !== GRAPH_SITE_SCOPES) {
        // incremental consent: ask for the SharePoint scope too, once
        this.scopes = GRAPH_SITE_SCOPES;
        widened = true;
        attempt--;
        continue;
      }
      const wait = RETRY.has(res.status) ? retryAfterMs(res.headers.get('Retry-After'), attempt, this.now()) : undefined;
      if (wait !== undefined && attempt < max) {
        if (this.now() + wait > this.deadline) {
          throw new GraphError(res.status, code, say('waitTooLong', { s: Math.ceil(wait / 1000) }), wait, inner);
        }
        this.progress(say('retrying', { s: Math.ceil(wait / 1000), attempt: attempt + 1 }));
        await this.sleep(wait);
        continue;
      }
      throw new GraphError(res.status, code, describe(res.status, code, inner, message), wait, inner);
    }
  }

  private start(): void {
    this.deadline = this.now() + (this.opts.deadlineMs ?? 600_000);
  }

  /**
   * `/drives/{d}/items/{i}` or `/me/drive/items/{i}`; a sharing link is resolved (and redeemed) once.
   * Saved ids are used as they are unless `viaLink`.
   */
  async item(viaLink = false): Promise<string> {
    if (this.itemPath && !viaLink) return this.itemPath;
    if (!viaLink && this.config.driveItemId && (this.config.driveId || !this.config.workbookUrl)) {
      const id = encodeURIComponent(this.config.driveItemId);
      this.ids = { driveId: this.config.driveId, driveItemId: this.config.driveItemId };
      this.itemPath = this.config.driveId ? `/drives/${encodeURIComponent(this.config.driveId)}/items/${id}` : `/me/drive/items/${id}`;
    } else {
      const item = await this.call<{ id: string; parentReference?: { driveId?: string } }>(
        'GET', `/shares/${encodeSharingUrl(this.config.workbookUrl!)}/driveItem`, undefined, undefined, false, { Prefer: 'redeemSharingLink' },
      );
      const drive = item.parentReference?.driveId;
      this.ids = { driveId: drive, driveItemId: item.id };
      this.itemPath = drive ? `/drives/${encodeURIComponent(drive)}/items/${encodeURIComponent(item.id)}` : `/me/drive/items/${encodeURIComponent(item.id)}`;
    }
    return this.itemPath;
  }

  private tablePath(item: string): string {
    return `${item}/workbook/tables/${encodeURIComponent(this.config.table)}`;
  }

  /**
   * Run `work` on the workbook. Saved ids skip the link, but the settings travel with a workbook: a
   * colleague who never redeemed the link is refused (403), so then the link is resolved and
   * redeemed, and the work done once more.
   */
  private async onItem<T>(work: (item: string) => Promise<T>): Promise<T> {
    const viaIds = !this.itemPath && !!this.config.workbookUrl && !!this.config.driveItemId && !!this.config.driveId;
    try {
      return await work(await this.item());
    } catch (e) {
      if (!(viaIds && e instanceof GraphError && e.status === 403)) throw e;
      this.scopes = GRAPH_SCOPES; // the refusal was the unredeemed link, not the scope
      return work(await this.item(true));
    }
  }

  /** Sign in, open the workbook, check the table against the 附件2 layout; never writes. */
  async testConnection(): Promise<GraphCheck> {
    this.start();
    try {
      return await this.onItem((item) => this.check(item));
    } catch (e) {
      if (e instanceof GraphError) return { ok: false, text: e.text, ...this.ids };
      throw e;
    }
  }

  private async check(item: string): Promise<GraphCheck> {
    {
      let cols: { value: { name: string }[] };
      try {
        cols = await this.call('GET', `${this.tablePath(item)}/columns`);
      } catch (e) {
        if (!(e instanceof GraphError) || e.status !== 404) throw e;
        const tables = await this.call<{ value: { name: string }[] }>('GET', `${item}/workbook/tables`);
        const names = tables.value.map((t) => t.name);
        return {
          ok: false,
          text: names.length
            ? say('noSuchTable', { table: this.config.table, names: names.join(GRAPH_TEXT.listSeparator.zh), namesEn: names.join(GRAPH_TEXT.listSeparator.en) })
            : say('noTable', { table: this.config.table }),
        };
      }
      const found = cols.value.map((c) => c.name);
      const wrong = GRAPH_TABLE_HEADER.map((h, i) => (norm(found[i]) === norm(h) ? null : `${i + 1}. ${h} ≠ ${found[i] ?? '—'}`)).filter(Boolean);
      if (wrong.length || found.length !== GRAPH_TABLE_HEADER.length) {
        return {
          ok: false,
          text: say('wrongColumns', {
            table: this.config.table,
            n: GRAPH_TABLE_HEADER.length,
            header: GRAPH_TABLE_HEADER.join(GRAPH_TEXT.listSeparator.zh),
            headerEn: GRAPH_TABLE_HEADER.join(GRAPH_TEXT.listSeparator.en),
            wrong: wrong.length ? { zh: wrong.join(GRAPH_TEXT.wrongSeparator.zh), en: wrong.join(GRAPH_TEXT.wrongSeparator.en) } : say('columnsFound', { n: found.length }),
          }),
          ...this.ids,
        };
      }
      const rows = await this.call<{ value: unknown[] }>('GET', `${this.tablePath(item)}/rows`);
      return {
        ok: true,
        text: say('tableOk', { table: this.config.table, rows: rows.value.length }),
        ...this.ids,
      };
    }
  }

  /** The ids the link resolved to (after the first call). */
  resolved(): { driveId?: string; driveItemId?: string } {
    return { ...this.ids };
  }

  /** Append the row, or update the row with the same key; inside one workbook session, re-created if it expires. */
  async append(row: ReviewRow): Promise<AppendResult> {
    this.start();
    return this.onItem((item) => this.appendTo(item, row));
  }

  private async appendTo(item: string, row: ReviewRow): Promise<AppendResult> {
    for (let sessions = 0; ; sessions++) {
      const session = await this.call<{ id: string }>('POST', `${item}/workbook/createSession`, { persistChanges: true });
      let lost = false;
      try {
        return await this.upsert(item, session.id, row);
      } catch (e) {
        if (e instanceof GraphError && e.inner && SESSION_LOST.has(e.inner.toLowerCase()) && sessions < 2) {
          lost = true;
          this.progress(say('sessionRenewing'));
          continue;
        }
        throw e;
      } finally {
        if (!lost) {
          try {
            await this.call('POST', `${item}/workbook/closeSession`, {}, session.id, true);
          } catch {
            // the session expires by itself; the row is written
          }
        }
      }
    }
  }

  private async rows(item: string, session: string): Promise<TableRow[]> {
    const r = await this.call<{ value: TableRow[] }>('GET', `${this.tablePath(item)}/rows`, undefined, session);
    return r?.value ?? [];
  }

  private matches(values: unknown[] | undefined, row: ReviewRow): boolean {
    if (!values) return false;
    const k = (d: unknown, p: unknown) => keyString({ department: String(d ?? ''), project: String(p ?? ''), monitorPoint: '' });
    return k(values[1], values[2]) === k(row.department, row.project);
  }

  /** Where the row went, as a place (the pane's message adds 追加 / 更新 and 序号). */
  /** What happened, as a sentence (like the other destinations'): where the row went and its 序号. */
  private where(seq: number, updated: boolean): Localized {
    const t = this.config.table;
    return say(updated ? 'updatedRow' : 'appendedRow', { table: t, seq });
  }

  /** Remove all but the first row carrying the row's key; returns how many were removed. */
  private async collapse(item: string, session: string, hits: TableRow[], row: ReviewRow): Promise<number> {
    let removed = 0;
    for (const h of [...hits].sort((a, b) => b.index - a.index).slice(0, -1)) {
      const now = await this.call<TableRow>('GET', `${this.tablePath(item)}/rows/itemAt(index=${h.index})`, undefined, session);
      if (!this.matches(now?.values?.[0], row)) continue; // moved: the next read sees it again
      await this.call('DELETE', `${this.tablePath(item)}/rows/itemAt(index=${h.index})`, undefined, session);
      removed++;
    }
    return removed;
  }

  /** The 附件2 number formats on the row (text columns as text). */
  private async format(item: string, session: string, index: number, row: ReviewRow): Promise<void> {
    const r = await this.call<{ address: string }>('GET', `${this.tablePath(item)}/rows/itemAt(index=${index})/range`, undefined, session);
    const bang = r.address.lastIndexOf('!');
    const sheet = r.address.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'");
    const local = r.address.slice(bang + 1).replace(/\$/g, '');
    await this.call('PATCH', `${item}/workbook/worksheets/${encodeURIComponent(sheet)}/range(address='${local}')`, { numberFormat: [graphFormats(row)] }, session);
  }

  private async upsert(item: string, session: string, row: ReviewRow): Promise<AppendResult> {
    const max = this.opts.maxRetries ?? 6;
    let unconfirmed = false; // an add answered with an error that may still land
    let ours = false; // the row found is the one our own add wrote
    let removed = 0;
    for (let attempt = 0; ; attempt++) {
      const existing = await this.rows(item, session);
      const hits = existing.filter((r) => this.matches(r.values?.[0], row));
      if (hits.length > 1) {
        removed += await this.collapse(item, session, hits, row);
        continue;
      }
      if (hits.length === 1) {
        const found = hits[0];
        // checked at write time: a co-author may have sorted or deleted rows since the read
        const now = await this.call<TableRow>('GET', `${this.tablePath(item)}/rows/itemAt(index=${found.index})`, undefined, session);
        if (!this.matches(now?.values?.[0], row)) {
          if (attempt >= max) throw new GraphError(409, 'moved', say('rowsMoving'));
          this.progress(say('rowsMoved'));
          continue;
        }
        const stated = Number(now.values[0][0]);
        const seq = Number.isInteger(stated) && stated > 0 ? stated : found.index + 1;
        await this.call('PATCH', `${this.tablePath(item)}/rows/itemAt(index=${found.index})`, { values: [graphValues(row, seq)] }, session);
        await this.format(item, session, found.index, row);
        return { seq, updated: !ours && !unconfirmed, where: this.where(seq, !ours && !unconfirmed), ...(removed ? { duplicatesRemoved: removed } : {}) };
      }
      const seqs = existing.map((r) => Number(r.values?.[0]?.[0])).filter((n) => Number.isInteger(n) && n > 0);
      const seq = Math.max(existing.length, ...seqs) + 1;
      let added: TableRow;
      try {
        added = await this.call<TableRow>('POST', `${this.tablePath(item)}/rows/add`, { index: null, values: [graphValues(row, seq)] }, session, true);
      } catch (e) {
        if (e instanceof GraphError && RETRY.has(e.status) && attempt < max) {
          // the add may still land: wait as asked, then look the key up again before adding
          unconfirmed = true;
          const wait = e.retryAfter ?? retryAfterMs(null, attempt);
          if (this.now() + wait > this.deadline) throw this.unknownFate(e);
          this.progress(say('unconfirmedRetry', { status: e.status, s: Math.ceil(wait / 1000) }));
          await this.sleep(wait);
          continue;
        }
        if (e instanceof GraphError && unconfirmed) throw this.unknownFate(e);
        throw e;
      }
      let at = seq;
      const shift = added.index - existing.length; // others appended between our read and our add
      if (shift > 0) {
        at = seq + shift;
        await this.call('PATCH', `${this.tablePath(item)}/rows/itemAt(index=${added.index})`, { values: [graphValues(row, at)] }, session);
      }
      await this.format(item, session, added.index, row);
      // Another reviewer may have added the same key between our read and our add, or an earlier add
      // answered with an error may have landed: keep one row per key (the first), with this row's
      // values and formats.
      const again = (await this.rows(item, session)).filter((r) => this.matches(r.values?.[0], row));
      if (again.length > 1) {
        removed += await this.collapse(item, session, again, row);
        ours = true;
        continue;
      }
      return {
        seq: at,
        updated: false,
        where: this.where(at, false),
        ...(removed ? { duplicatesRemoved: removed } : {}),
        ...(unconfirmed ? { unconfirmed: true } : {}),
      };
    }
  }

  /** After an add whose fate Graph could not confirm: never claim that nothing was written. */
  private unknownFate(e: GraphError): GraphError {
    return new GraphError(e.status, e.code, say('unknownFate', { error: e.text }), e.retryAfter, e.inner);
  }
}

/**
 * The table row's 13 values (序号 … 总分) as written: numbers as numbers, empty cells as '', text
 * with Excel's quote prefix so that it is stored as the text it is.
 */
export function graphValues(row: ReviewRow, seq: number): (string | number)[] {
  return rowCells(row, seq).values.map((v) => (v === null ? '' : typeof v === 'string' ? `'${v}` : v));
}

/** The 附件2 number formats of the row: text columns `@`, the rates' percent formats, General elsewhere. */
export function graphFormats(row: ReviewRow): string[] {
  const cells = rowCells(row, 0);
  return cells.formats.map((f, i) => (typeof cells.values[i] === 'string' || i === 1 || i === 2 ? '@' : f || 'General'));
}
