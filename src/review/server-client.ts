/**
 * The review server from the pane (browser-safe, fetch only): POST /api/review-rows with the
 * office's token. Errors come back in words (the server's own bilingual message when it gave one).
 */
import type { Localized } from '../core/types';
import { LocalizedError, localize } from '../core/lang';
import { REVIEW_MESSAGES } from './messages';
import type { AppendResult, ReviewRow } from './types';

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

/** Append (or update by key) one row on the review server. */
export async function appendToServer(row: ReviewRow, dest: { url: string; token: string }, fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<AppendResult> {
  if (!dest.url || !/^https?:\/\//i.test(dest.url.trim())) {
    throw new ReviewServerError(0, localize(REVIEW_MESSAGES, 'serverNeedUrl'));
  }
  if (!dest.token) throw new ReviewServerError(0, localize(REVIEW_MESSAGES, 'serverNeedToken'));
  const base = serverBase(dest.url);
  let res: Response;
  try {
    res = await fetchImpl(`${base}/api/review-rows`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${dest.token}` },
      body: JSON.stringify(row),
    });
  } catch (e) {
    throw new ReviewServerError(0, localize(REVIEW_MESSAGES, 'serverUnreachable', { base, detail: (e as Error).message }));
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
  throw new ReviewServerError(res.status, err?.zh ? err : localize(REVIEW_MESSAGES, 'serverStatusNothingWritten', { status: res.status }));
}
