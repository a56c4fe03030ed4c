/**
 * Destination 3 (SPEC §7): a 附件2 table in a workbook on OneDrive / SharePoint, through the
 * Microsoft Graph workbook API. Browser-safe (fetch only).
 *
 *   resolve   GET  /shares/{u!base64url(sharing URL)}/driveItem            (when configured by URL)
 *   session   POST {item}/workbook/createSession {persistChanges:true}     → { id }
 *   read      GET  {item}/workbook/tables/{table}/rows                     → { value: [{ index, values }] }
 *   append    POST {item}/workbook/tables/{table}/rows/add {index:null, values:[[…]]} → 201 { index, values }
 *   update    PATCH {item}/workbook/tables/{table}/rows/itemAt(index=i)/range {values:[[…]]}
 *   close     POST {item}/workbook/closeSession                            → 204
 *
 * Every workbook call carries `workbook-session-id`. 429 / 503 / 504 are retried (bounded),
 * honouring Retry-After; after a failed append the rows are read again before retrying, so a
 * request that did land is never added twice. Not offered by Microsoft 365 operated by 21Vianet:
 * use the review server there.
 */
import type { Localized } from '../core/types';
import { keyString } from './build';
import { rowCells } from './layout';
import type { AppendResult, DestinationConfig, ReviewRow } from './types';

export const GRAPH_BASE = 'https://graph.microsoft.com/v1.0';
export const GRAPH_SCOPES = ['Files.ReadWrite'];

/** The 13 column headers of the 附件2 table in a shared workbook (one header row, as tables need). */
export const GRAPH_TABLE_HEADER = [
  '序号', '部门单位名称', '项目名称', '调整后预算总数', '到位资金总数', '执行资金总数', '预算执行率', '绩效目标总体完成率',
  '预算执行情况(30分)', '绩效目标完成情况(30分)', '目标偏离及应对情况(30分)', '按时报送(10分)', '总分',
] as const;

/** Where tokens come from: nested app authentication in the pane, a fixed token in tests. */
export interface GraphTokenProvider {
  getToken(scopes: string[]): Promise<string>;
}

export interface GraphOptions {
  tokens: GraphTokenProvider;
  fetch?: typeof fetch;
  /** waits (tests inject a recorder); default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** retries of one request on 429 / 503 / 504 (default 4) */
  maxRetries?: number;
  /** the longest wait honoured from Retry-After, ms (default 60 s) */
  maxWaitMs?: number;
}

export class GraphError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly text: Localized,
    /** for 429 / 503 / 504: how long Graph asked to wait, ms */
    public readonly retryAfter?: number,
  ) {
    super(`${text.zh} / ${text.en}`);
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

/** Retry-After: seconds or an HTTP date → ms. */
export function retryAfterMs(header: string | null, attempt: number, now = Date.now()): number {
  if (header) {
    const s = Number(header);
    if (Number.isFinite(s) && s >= 0) return s * 1000;
    const d = Date.parse(header);
    if (!Number.isNaN(d)) return Math.max(0, d - now);
  }
  return Math.min(32000, 1000 * 2 ** attempt);
}

const RETRY = new Set([429, 503, 504]);

function describe(status: number, code: string, message: string): Localized {
  if (status === 401) return { zh: `Microsoft Graph 拒绝了登录令牌（${code}）：请重新登录`, en: `Microsoft Graph refused the sign-in token (${code}): sign in again` };
  if (status === 403) return { zh: `没有写入该工作簿的权限（${code}）`, en: `no permission to write the workbook (${code})` };
  if (status === 404) return { zh: `找不到共享工作簿或其中的表（${code}）：请检查工作簿链接和表名`, en: `the shared workbook or its table was not found (${code}): check the link and the table name` };
  if (RETRY.has(status)) return { zh: `Microsoft Graph 繁忙（HTTP ${status}），重试后仍未成功，未写入任何内容`, en: `Microsoft Graph is busy (HTTP ${status}) and still was after retrying; nothing was written` };
  return { zh: `Microsoft Graph 返回 HTTP ${status}（${code}）：${message}`, en: `Microsoft Graph answered HTTP ${status} (${code}): ${message}` };
}

interface TableRow {
  index: number;
  values: unknown[][];
}

export class GraphAnnex2 {
  private readonly base: string;
  private readonly f: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private itemPath: string | null = null;

  constructor(
    private readonly config: GraphConfig,
    private readonly opts: GraphOptions,
  ) {
    if (!config.table) throw new GraphError(0, 'config', { zh: '请填写共享工作簿中附件2 表的名称', en: 'give the name of the 附件2 table in the shared workbook' });
    if (!config.workbookUrl && !config.driveItemId) {
      throw new GraphError(0, 'config', { zh: '请填写共享工作簿的链接或文件 ID', en: 'give the shared workbook’s link or drive item id' });
    }
    this.base = (config.graphBase ?? GRAPH_BASE).replace(/\/+$/, '');
    this.f = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** One request, retried on 429 / 503 / 504 unless `once`. Returns parsed JSON (or null for 204). */
  private async call<T>(method: string, path: string, body?: unknown, session?: string, once = false): Promise<T> {
    const max = once ? 0 : (this.opts.maxRetries ?? 4);
    for (let attempt = 0; ; attempt++) {
      const token = await this.opts.tokens.getToken(GRAPH_SCOPES);
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (session) headers['workbook-session-id'] = session;
      let res: Response;
      try {
        res = await this.f(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      } catch (e) {
        throw new GraphError(0, 'network', { zh: `无法连接 Microsoft Graph：${(e as Error).message}`, en: `cannot reach Microsoft Graph: ${(e as Error).message}` });
      }
      if (res.ok) {
        if (res.status === 204) return null as T;
        const text = await res.text();
        return (text ? JSON.parse(text) : null) as T;
      }
      let code = String(res.status);
      let message = res.statusText;
      try {
        const j = (await res.json()) as { error?: { code?: string; message?: string } };
        code = j.error?.code ?? code;
        message = j.error?.message ?? message;
      } catch {
        // not JSON
      }
      const wait = RETRY.has(res.status) ? Math.min(retryAfterMs(res.headers.get('Retry-After'), attempt), this.opts.maxWaitMs ?? 60000) : undefined;
      if (wait !== undefined && attempt < max) {
        await this.sleep(wait);
        continue;
      }
      throw new GraphError(res.status, code, describe(res.status, code, message), wait);
    }
  }

  /** `/drives/{d}/items/{i}` or `/me/drive/items/{i}`; a sharing URL is resolved once. */
  async item(): Promise<string> {
    if (this.itemPath) return this.itemPath;
    if (this.config.driveItemId) {
      const id = encodeURIComponent(this.config.driveItemId);
      this.itemPath = this.config.driveId ? `/drives/${encodeURIComponent(this.config.driveId)}/items/${id}` : `/me/drive/items/${id}`;
    } else {
      const item = await this.call<{ id: string; parentReference?: { driveId?: string } }>('GET', `/shares/${encodeSharingUrl(this.config.workbookUrl!)}/driveItem`);
      const drive = item.parentReference?.driveId;
      this.itemPath = drive ? `/drives/${encodeURIComponent(drive)}/items/${encodeURIComponent(item.id)}` : `/me/drive/items/${encodeURIComponent(item.id)}`;
    }
    return this.itemPath;
  }

  private tablePath(item: string): string {
    return `${item}/workbook/tables/${encodeURIComponent(this.config.table)}`;
  }

  /** Append the row, or update the row with the same key; inside one workbook session. */
  async append(row: ReviewRow): Promise<AppendResult> {
    const item = await this.item();
    const session = await this.call<{ id: string }>('POST', `${item}/workbook/createSession`, { persistChanges: true });
    try {
      return await this.upsert(item, session.id, row);
    } finally {
      try {
        await this.call('POST', `${item}/workbook/closeSession`, {}, session.id, true);
      } catch {
        // the session expires by itself; the row is written
      }
    }
  }

  private async rows(item: string, session: string): Promise<TableRow[]> {
    const r = await this.call<{ value: TableRow[] }>('GET', `${this.tablePath(item)}/rows`, undefined, session);
    return r?.value ?? [];
  }

  private async upsert(item: string, session: string, row: ReviewRow): Promise<AppendResult> {
    const key = keyString(row.key);
    const max = this.opts.maxRetries ?? 4;
    let triedAdd = false;
    for (let attempt = 0; ; attempt++) {
      const existing = await this.rows(item, session);
      const found = existing.find((r) => keyString({ department: String(r.values?.[0]?.[1] ?? ''), project: String(r.values?.[0]?.[2] ?? ''), monitorPoint: row.key.monitorPoint }) === key);
      if (found) {
        const seq = found.index + 1;
        await this.call('PATCH', `${this.tablePath(item)}/rows/itemAt(index=${found.index})/range`, { values: [graphValues(row, seq)] }, session);
        if (triedAdd) {
          // our own earlier add did land before Graph answered with an error
          return { seq, updated: false, where: { zh: `已追加到共享工作簿（Microsoft Graph）表“${this.config.table}”的第 ${seq} 行`, en: `appended as row ${seq} of table "${this.config.table}" in the shared workbook (Microsoft Graph)` } };
        }
        return { seq, updated: true, where: { zh: `已更新共享工作簿（Microsoft Graph）表“${this.config.table}”的第 ${seq} 行`, en: `updated row ${seq} of table "${this.config.table}" in the shared workbook (Microsoft Graph)` } };
      }
      const seq = existing.length + 1;
      let added: TableRow;
      triedAdd = true;
      try {
        // not retried blindly: after a 429 / 503 / 504 the rows are read again, in case the add did land
        added = await this.call<TableRow>('POST', `${this.tablePath(item)}/rows/add`, { index: null, values: [graphValues(row, seq)] }, session, true);
      } catch (e) {
        if (e instanceof GraphError && RETRY.has(e.status) && attempt < max) {
          await this.sleep(e.retryAfter ?? retryAfterMs(null, attempt));
          continue;
        }
        throw e;
      }
      const at = added.index + 1;
      if (at !== seq) {
        // another reviewer appended meanwhile: keep 序号 consecutive
        await this.call('PATCH', `${this.tablePath(item)}/rows/itemAt(index=${added.index})/range`, { values: [graphValues(row, at)] }, session);
      }
      return { seq: at, updated: false, where: { zh: `已追加到共享工作簿（Microsoft Graph）表“${this.config.table}”的第 ${at} 行`, en: `appended as row ${at} of table "${this.config.table}" in the shared workbook (Microsoft Graph)` } };
    }
  }
}

/** The table row's 13 values (序号 … 总分); empty cells as ''. */
export function graphValues(row: ReviewRow, seq: number): (string | number)[] {
  return rowCells(row, seq).values.map((v) => (v === null ? '' : v));
}

/**
 * Tokens by nested app authentication (the add-in's host signs the user in). Loaded lazily so
 * the pane's first bundle does not carry MSAL.
 */
export class NestedAppAuthTokens implements GraphTokenProvider {
  private pca: Promise<import('@azure/msal-browser').IPublicClientApplication> | null = null;

  constructor(
    private readonly clientId: string,
    private readonly authority = 'https://login.microsoftonline.com/common',
  ) {}

  async getToken(scopes: string[]): Promise<string> {
    if (!this.pca) {
      this.pca = import('@azure/msal-browser').then((m) => m.createNestablePublicClientApplication({ auth: { clientId: this.clientId, authority: this.authority } }));
    }
    const pca = await this.pca;
    const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    try {
      const r = await pca.acquireTokenSilent({ scopes, ...(account ? { account } : {}) });
      return r.accessToken;
    } catch {
      const r = await pca.acquireTokenPopup({ scopes });
      return r.accessToken;
    }
  }
}
