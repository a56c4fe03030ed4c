/**
 * Node only: a fetch that trusts one more certificate — the review server's self-signed cert.pem
 * given with `jixiao review --ca` — for the shared client in src/review/server-client.ts. Node's
 * built-in fetch takes no CA of its own, so the request goes through node:https with `ca`.
 */
import http from 'node:http';
import https from 'node:https';

export function fetchTrusting(ca: string | Buffer): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const lib = url.protocol === 'https:' ? https : http;
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const req = lib.request(url, { method: init.method ?? 'GET', headers, ca, signal: init.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
          const body = status === 204 || status === 304 ? null : new Uint8Array(Buffer.concat(chunks));
          resolve(new Response(body, { status, headers: out }));
        });
      });
      req.on('error', reject);
      if (init.body != null && typeof init.body !== 'string') {
        req.destroy(new Error('fetchTrusting sends text bodies only'));
        return;
      }
      if (init.body) req.write(init.body);
      req.end();
    });
}
