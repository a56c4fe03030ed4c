/**
 * Test-only helpers to run the review server (`jixiao serve`) as a child process under faults:
 * an optional file-size limit (a data folder that fills up, without root or a mount), raw HTTPS
 * requests whose path is sent exactly as written (no URL normalisation), and a burst of appends.
 */
import https from 'node:https';
import type { ReviewRow } from '../../../src/review/types';
import { type ChildServer, type SpawnOptions, spawnServer } from '../../../src/server/child';

export type Served = ChildServer;

/** Start `jixiao serve --port 0 --host 127.0.0.1 --data DIR`, optionally under a file-size limit (a data folder that fills up). */
export function startServer(dataDir: string, args: string[] = [], opts: SpawnOptions = {}): Promise<Served> {
  return spawnServer(dataDir, args, opts);
}

export interface RawResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request with the path sent byte for byte as given (`/../x` stays `/../x`). */
export function raw(s: Served, path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {}): Promise<RawResult> {
  return new Promise((resolvePromise, reject) => {
    let answered = false;
    const req = https.request(
      { host: '127.0.0.1', port: s.port, path, method: init.method ?? 'GET', headers: init.headers, ca: s.ca, servername: 'localhost', agent: false, timeout: init.timeoutMs ?? 15000 },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    // a server that answers (413) before the whole body is sent closes the socket under the writer (EPIPE):
    // the answer still arrives, so wait a moment for it before calling the request failed
    req.on('error', (e) => {
      setTimeout(() => {
        if (!answered) reject(e);
      }, 500);
    });
    if (init.body === undefined) {
      req.end();
      return;
    }
    // the body in 64 KB pieces, stopping as soon as the server has answered (as a browser does)
    const body = Buffer.from(init.body);
    req.setHeader('Content-Length', body.length);
    let at = 0;
    const next = () => {
      if (answered || req.destroyed) return;
      if (at >= body.length) {
        req.end();
        return;
      }
      const piece = body.subarray(at, at + 65536);
      at += piece.length;
      req.write(piece, () => setTimeout(next, 2));
    };
    next();
  });
}

/** A review row whose key (and 项目名称) is `project`. */
export function rowFor(template: ReviewRow, project: string, department = template.key.department): ReviewRow {
  return { ...template, department, project, key: { ...template.key, department, project } };
}

export const postRow = (s: Served, token: string | null, body: string, headers: Record<string, string> = {}) =>
  raw(s, '/api/review-rows', { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } });

export async function listAll(s: Served, token: string): Promise<(ReviewRow & { office: string | null })[]> {
  const r = await raw(s, '/api/review-rows', { headers: { Authorization: `Bearer ${token}` } });
  if (r.status !== 200) throw new Error(`GET /api/review-rows → ${r.status}: ${r.body}`);
  return (JSON.parse(r.body) as { rows: (ReviewRow & { office: string | null })[] }).rows;
}
