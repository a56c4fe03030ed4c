/**
 * Node only, for the server tests: a raw HTTP(S) request that trusts the test server's certificate
 * and gives status, headers and body bytes as they came, and the register as the server lists it.
 * (The product's own client is src/review/server-client.ts.)
 */
import http from 'node:http';
import https from 'node:https';
import type { ReviewRow } from '../../src/review/types';

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

/** GET /api/review-rows with an office token; throws on anything but 200. */
export async function listRows(serverUrl: string, opts: { token: string; ca?: string | Buffer }): Promise<(ReviewRow & { office: string | null })[]> {
  const r = await request(`${serverUrl.replace(/\/+$/, '')}/api/review-rows`, { headers: { Authorization: `Bearer ${opts.token}` }, ca: opts.ca });
  if (r.status !== 200) throw new Error(`GET /api/review-rows: HTTP ${r.status} ${r.body.toString('utf8')}`);
  return (JSON.parse(r.body.toString('utf8')) as { rows: (ReviewRow & { office: string | null })[] }).rows;
}
