/**
 * The one client of the review server (platform-neutral, fetch only): the pane's 追加 and
 * `jixiao review --server` both append through it. The address must be https, except on this
 * machine (127.0.0.1, ::1, localhost: the demo and the tests). The CLI's Node-only parts — trusting
 * the server's certificate file, reading the token file — are in src/cli. Errors come back in words
 * (the server's own bilingual message when it gave one).
 */
import { catalogue, localize, LocalizedError, type Localized } from '../core';
import type { AppendResult, ReviewRow } from './types';

const MESSAGES = catalogue({
  needUrl: {
    zh: '请填写审核服务器地址（https://…；仅本机 127.0.0.1 / localhost 可用 http://）',
    en: 'give the review server address (https://…; http:// only for this machine, 127.0.0.1 / localhost)',
  },
  needHttps: {
    zh: '审核服务器地址 {url} 必须以 https:// 开头（仅本机 127.0.0.1 / localhost 可用 http://），未写入任何内容',
    en: 'the review server address {url} must start with https:// (http:// only for this machine, 127.0.0.1 / localhost); nothing was written',
  },
  needToken: { zh: '请填写本处室的令牌', en: 'give your office’s token' },
  unreachable: {
    zh: '无法连接审核服务器 {base}：服务器未启动、地址有误，或其证书未被信任（{detail}）。未写入任何内容。',
    en: 'cannot reach the review server {base}: it is not running, the address is wrong, or its certificate is not trusted ({detail}). Nothing was written.',
  },
  httpStatus: { zh: '审核服务器返回 HTTP {status}，未写入任何内容', en: 'the review server answered HTTP {status}; nothing was written' },
});

export class ReviewServerError extends LocalizedError {
  constructor(
    public readonly status: number,
    text: Localized,
  ) {
    super(text);
  }
}

export function serverBase(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The one rule for a review server address: https, or http on this machine only (the demo and the
 * tests). Anything else would send the office token in clear text.
 */
export function isServerUrlAllowed(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return false;
  }
  if (!u.hostname) return false;
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname.toLowerCase()));
}

/** Browsers and Node have AbortSignal.timeout; a test DOM may not, and then the request has no deadline of its own. */
function timeoutSignal(ms: number): AbortSignal | undefined {
  return typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(ms) : undefined;
}

/** What is wrong with a review server address, in words; null when it may be used. */
export function serverUrlProblem(url: string): Localized | null {
  if (!url?.trim()) return localize(MESSAGES, 'needUrl');
  return isServerUrlAllowed(url) ? null : localize(MESSAGES, 'needHttps', { url: url.trim() });
}

export interface ServerDestination {
  url: string;
  token: string;
  /** the reviewer's name, recorded in the server's audit log next to the office */
  reviewer?: string;
}

/** Append (or update by key) one row on the review server. */
export async function appendToServer(row: ReviewRow, dest: ServerDestination, fetchImpl: typeof fetch = (...a) => fetch(...a), timeoutMs = 30000): Promise<AppendResult> {
  const problem = serverUrlProblem(dest.url);
  if (problem) throw new ReviewServerError(0, problem);
  if (!dest.token) throw new ReviewServerError(0, localize(MESSAGES, 'needToken'));
  const base = serverBase(dest.url);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${dest.token}` };
  if (dest.reviewer) headers['X-Reviewer'] = encodeURIComponent(dest.reviewer);
  let res: Response;
  let text: string;
  try {
    res = await fetchImpl(`${base}/api/review-rows`, { method: 'POST', headers, body: JSON.stringify(row), signal: timeoutSignal(timeoutMs) });
    text = await res.text();
  } catch (e) {
    throw new ReviewServerError(0, localize(MESSAGES, 'unreachable', { base, detail: (e as Error).message }));
  }
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.status === 200 || res.status === 201) return body as AppendResult;
  const err = (body as { error?: Localized } | null)?.error;
  throw new ReviewServerError(res.status, err?.zh ? err : localize(MESSAGES, 'httpStatus', { status: res.status }));
}
