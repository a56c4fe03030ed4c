/**
 * Node only: a small client of the review server (used by `jixiao review --server` and the tests).
 * Trusts the server's self-signed certificate when given `ca` (its cert.pem).
 */
import http from 'node:http';
import https from 'node:https';
import type { Localized } from '../core/types';
import { LocalizedError, localize } from '../core/lang';
import { REVIEW_MESSAGES } from '../review/messages';
import type { AppendResult, ReviewRow } from '../review/types';

export interface ClientOptions {
  token: string;
  /** PEM of the certificate to trust (the server's DATA/tls/cert.pem) */
  ca?: string | Buffer;
  reviewer?: string;
  timeoutMs?: number;
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: string | Buffer; timeoutMs?: number } = {}): Promise<HttpResult> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolvePromise, reject) => {
    const req = lib.request(
      u,
      { method: init.method ?? 'GET', headers: init.headers, ...(init.ca ? { ca: init.ca } : {}), timeout: init.timeoutMs ?? 30000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${init.timeoutMs ?? 30000} ms`)));
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

export class ServerError extends LocalizedError {
  constructor(
    public readonly status: number,
    text: Localized,
  ) {
    super(text);
  }
}

function errorOf(r: HttpResult): ServerError {
  try {
    const j = JSON.parse(r.body.toString('utf8')) as { error?: Localized };
    if (j.error?.zh) return new ServerError(r.status, j.error);
  } catch {
    // not JSON
  }
  return new ServerError(r.status, localize(REVIEW_MESSAGES, 'serverStatus', { status: r.status }));
}

const base = (url: string) => url.replace(/\/+$/, '');

export async function appendRow(serverUrl: string, row: ReviewRow, opts: ClientOptions): Promise<AppendResult> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${opts.token}` };
  if (opts.reviewer) headers['X-Reviewer'] = encodeURIComponent(opts.reviewer);
  const r = await request(`${base(serverUrl)}/api/review-rows`, { method: 'POST', headers, body: JSON.stringify(row), ca: opts.ca, timeoutMs: opts.timeoutMs });
  if (r.status !== 200 && r.status !== 201) throw errorOf(r);
  return JSON.parse(r.body.toString('utf8')) as AppendResult;
}

export async function listRows(serverUrl: string, opts: ClientOptions): Promise<(ReviewRow & { office: string | null })[]> {
  const r = await request(`${base(serverUrl)}/api/review-rows`, { headers: { Authorization: `Bearer ${opts.token}` }, ca: opts.ca, timeoutMs: opts.timeoutMs });
  if (r.status !== 200) throw errorOf(r);
  return (JSON.parse(r.body.toString('utf8')) as { rows: (ReviewRow & { office: string | null })[] }).rows;
}

export async function downloadAnnex2(serverUrl: string, opts: ClientOptions): Promise<Buffer> {
  const r = await request(`${base(serverUrl)}/api/annex2.xlsx`, { headers: { Authorization: `Bearer ${opts.token}` }, ca: opts.ca, timeoutMs: opts.timeoutMs });
  if (r.status !== 200) throw errorOf(r);
  return r.body;
}
