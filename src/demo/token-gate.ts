/** Who may receive the demo's review token (GET /demo-info.json of src/demo/server.ts). */
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a request may receive the demo's review token: from this machine (loopback), addressed to
 * the demo by its own name (a page of another site rebinding its name to 127.0.0.1 sends its own
 * Host), and from the demo's own pages (the browser says same-origin, or sends no fetch metadata;
 * an Origin, when sent, is the demo's).
 */
export function mayReceiveToken(req: Pick<IncomingMessage, 'headers'> & { socket: { remoteAddress?: string } }, port: number): boolean {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return false;
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!hosts.includes(String(req.headers.host ?? '').toLowerCase())) return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.map((h) => `https://${h}`).includes(String(origin).toLowerCase())) return false;
  return true;
}
