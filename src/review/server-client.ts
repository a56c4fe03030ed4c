/**
 * The review server from the pane (browser-safe, fetch only): POST /api/review-rows with the
 * office's token. Errors come back in words (the server's own bilingual message when it gave one).
 */
import type { Localized } from '../core';
import type { AppendResult, ReviewRow } from './types';

export class ReviewServerError extends Error {
  constructor(
    public readonly status: number,
    public readonly text: Localized,
  ) {
    super(`${text.zh} / ${text.en}`);
  }
}

export function serverBase(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** Append (or update by key) one row on the review server. */
export async function appendToServer(row: ReviewRow, dest: { url: string; token: string }, fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<AppendResult> {
  if (!dest.url || !/^https?:\/\//i.test(dest.url.trim())) {
    throw new ReviewServerError(0, { zh: '请填写审核服务器地址（https://…）', en: 'give the review server address (https://…)' });
  }
  if (!dest.token) throw new ReviewServerError(0, { zh: '请填写本处室的令牌', en: 'give your office’s token' });
  const base = serverBase(dest.url);
  let res: Response;
  try {
    res = await fetchImpl(`${base}/api/review-rows`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${dest.token}` },
      body: JSON.stringify(row),
    });
  } catch (e) {
    throw new ReviewServerError(0, {
      zh: `无法连接审核服务器 ${base}：服务器未启动、地址有误，或其证书未被信任（${(e as Error).message}）。未写入任何内容。`,
      en: `cannot reach the review server ${base}: it is not running, the address is wrong, or its certificate is not trusted (${(e as Error).message}). Nothing was written.`,
    });
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.status === 200 || res.status === 201) return body as AppendResult;
  const err = (body as { error?: Localized } | null)?.error;
  throw new ReviewServerError(res.status, err?.zh ? err : { zh: `审核服务器返回 HTTP ${res.status}，未写入任何内容`, en: `the review server answered HTTP ${res.status}; nothing was written` });
}
