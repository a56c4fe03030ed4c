/**
 * The demonstration host's server (Node): reads an .xlsx into the Excel simulator's model, builds the
 * demo (webpack.demo.config.js) when its output is missing or older than the sources, starts the
 * review server (`jixiao serve`, same code, in this process) and serves over HTTPS on 127.0.0.1:
 *
 *   GET  /                 the demo page (grid + sheet tabs + the task pane in an iframe)
 *   GET  /taskpane.html …  the built task pane, Office.js replaced by the in-memory Excel
 *   GET  /model.json       the workbook as the simulator's model (every page load starts from the file)
 *   GET  /demo-info.json   the file name and the review-server destination (URL, token) for the page
 *   *    /api/*            forwarded to the review server, so the pane reaches it from its own origin
 *                          (in production the review server hosts the pane itself: same origin too)
 *   *    /graph/v1.0/*     a strict TEST DOUBLE of Microsoft Graph's workbook API (src/review/graph-double.ts)
 *                          holding the shared 附件2 table of the Graph destination; not Microsoft Graph
 *   GET  /graph-demo/token?scopes=…   the stand-in sign-in (office-sim.ts) asks here for a token with those scopes
 *   POST /graph-demo/co-author-sort   a co-author re-sorts the table by 序号 between the pane's next
 *                          read of the rows and its write (the race issue 16's writes must survive)
 *
 * HTTPS because the pane accepts only https:// review-server URLs; the certificate is the review
 * server's self-signed one (DATA/tls/cert.pem), which the browser asks to accept once.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { workbookFromXlsxFile } from '../excel-sim/exceljs';
import { GraphDouble } from '../review/graph-double';
import { startServer, type RunningServer } from '../server/app';
import { loadOrCreateCert } from '../server/tls';
import { FIRST_TOKEN_FILE } from '../server/tokens';
import { mayReceiveToken } from './token-gate';
import { workbookToJson } from './model-json';
import type { DemoInfo } from './page';

export const ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_WORKBOOK = join(ROOT, 'samples', '塔什库尔干县-绩效监控-2020年9月.xlsx');
/** Output folders of webpack.demo.config.js (outside dist/, which `npm run build` empties). */
export const DEMO_OUT = join(ROOT, 'node_modules', '.cache', 'jixiao-demo', 'site');
export const BASELINE_OUT = join(ROOT, 'node_modules', '.cache', 'jixiao-demo', 'baseline');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Files whose change means the demo must be rebuilt. */
function buildInputs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.test\.tsx?$/.test(e.name)) out.push(p);
    }
  };
  walk(join(ROOT, 'src'));
  walk(join(ROOT, 'assets'));
  for (const f of ['webpack.config.js', 'webpack.demo.config.js', 'package-lock.json', 'tsconfig.json', 'scripts/addin-config.cjs', 'scripts/build-manifest.cjs']) {
    if (existsSync(join(ROOT, f))) out.push(join(ROOT, f));
  }
  return out;
}

/** A fingerprint of the build inputs (paths, sizes, modification times). */
function inputsStamp(): string {
  const h = createHash('sha256');
  for (const f of buildInputs().sort()) {
    const s = statSync(f);
    h.update(`${f}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

/** Run webpack (its CLI, in a child process) on webpack.demo.config.js; rejects with the end of its output. */
function runWebpack(env: string[] = []): Promise<void> {
  const cli = require.resolve('webpack-cli/bin/cli.js');
  const args = [cli, '--config', join(ROOT, 'webpack.demo.config.js'), ...env.flatMap((e) => ['--env', e])];
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', rej);
    child.on('close', (code) => (code === 0 ? res() : rej(new Error(`webpack failed (exit ${code}):\n${out.slice(-4000)}`))));
  });
}

/**
 * Build into a fresh folder beside `dest`, then swap it in, so a page being served (or a second
 * build running at the same time) never sees half-written files.
 */
async function buildInto(dest: string, env: string[], stamp?: string): Promise<void> {
  const tmp = `${dest}.building-${process.pid}-${Date.now()}`;
  try {
    await runWebpack([...env, `out=${tmp}`]);
    if (stamp !== undefined) writeFileSync(join(tmp, '.build-stamp'), stamp);
    rmSync(dest, { recursive: true, force: true });
    renameSync(tmp, dest);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Build the demo (DEMO_OUT) unless it is up to date with the sources. Returns true when it built.
 * `log` receives progress lines (the demo prints them after its address line).
 */
export async function ensureDemoBuilt(log: (line: string) => void = () => undefined, force = false): Promise<boolean> {
  const stampFile = join(DEMO_OUT, '.build-stamp');
  const stamp = inputsStamp();
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(DEMO_OUT, 'taskpane.html'))) return false;
  // two demos started at once (the e2e test files run in parallel) build once: the second waits
  return withBuildLock(async () => {
    if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(DEMO_OUT, 'taskpane.html'))) return false;
    // measured: 55 s of CPU time (webpack is mostly one thread), 3 min 53 s of wall time on a 2-core
    // machine at load average 11; the wall time depends on how busy the machine is
    log('正在构建任务窗格和演示页面：仅首次启动或源码改动后，约需 1 分钟 CPU 时间，机器繁忙时更久 / building the task pane and the demo page (first start or after a source change only): about a minute of CPU time, longer on a busy machine…');
    const t0 = Date.now();
    await buildInto(DEMO_OUT, [], stamp);
    log(`构建完成 / built in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${DEMO_OUT}`);
    return true;
  });
}

/** Run a demo build holding a lock folder beside DEMO_OUT; a lock older than 10 minutes is from a build that died. */
async function withBuildLock<T>(build: () => Promise<T>): Promise<T> {
  const lock = `${DEMO_OUT}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Build the React + FluentProvider yardstick (BASELINE_OUT) for the bench unless it is up to date. */
export async function ensureBaselineBuilt(log: (line: string) => void = () => undefined): Promise<boolean> {
  const stampFile = join(BASELINE_OUT, '.build-stamp');
  const stamp = inputsStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(BASELINE_OUT, 'index.html'))) return false;
  log('正在构建 React + FluentProvider 对照包 / building the React + FluentProvider yardstick…');
  await buildInto(BASELINE_OUT, ['baseline'], stamp);
  return true;
}

export interface DemoOptions {
  /** the .xlsx to show (default: the bundled sample) */
  file?: string;
  /** 0 picks a free port */
  port?: number;
  /** the review server's data folder (register, tokens, certificate) */
  dataDir?: string;
  /** build even when the demo build looks up to date */
  rebuild?: boolean;
  /** progress lines after the address */
  log?: (line: string) => void;
}

/** The Graph destination the demo offers: a sharing link the served double resolves, its table, a client id. */
export const DEMO_GRAPH = {
  link: 'https://contoso.sharepoint.com/:x:/s/finance/Eb-demo-附件2?e=demo',
  table: '附件2',
  clientId: '00000000-0000-4000-8000-00000000d3e0',
} as const;

export interface RunningDemo {
  url: string;
  /** the Graph double behind /graph/v1.0 */
  graph: GraphDouble;
  port: number;
  /** resolves when the build is done and the pages can be served */
  ready: Promise<void>;
  review: RunningServer;
  token: string;
  /** the review server's certificate (PEM), for clients that check it */
  cert: string;
  close(): Promise<void>;
}

/** The demo's review token: the server's first-token file, or (a data folder of an earlier version) the first token in tokens.json. */
function firstToken(file: string): string {
  try {
    return readFileSync(join(dirname(file), FIRST_TOKEN_FILE), 'utf8').trim();
  } catch {
    // none: an earlier version kept the token itself in tokens.json
  }
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { tokens?: { token?: string }[] };
    return j.tokens?.find((t) => typeof t.token === 'string')?.token ?? '';
  } catch {
    return '';
  }
}


function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

/**
 * Start the demo: listen first (so the address is known at once), then read the workbook and build;
 * requests wait for `ready`.
 */
export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const log = opts.log ?? (() => undefined);
  const file = resolve(opts.file ?? DEFAULT_WORKBOOK);
  if (!existsSync(file)) throw new Error(`找不到工作簿 / workbook not found: ${file}`);
  const dataDir = resolve(opts.dataDir ?? join(ROOT, '.data', 'demo'));
  const host = '127.0.0.1';
  const tls = await loadOrCreateCert(dataDir, { host });
  const review = await startServer({ dataDir, port: 0, host, staticDir: DEMO_OUT });
  const token = review.createdToken?.token ?? firstToken(join(dataDir, 'tokens.json'));

  let modelJson = '';
  let info = '';
  let failure: Error | null = null;
  let url = '';
  let port = 0;
  let ready: Promise<void> = new Promise(() => undefined);
  const graph = new GraphDouble({ shareUrl: DEMO_GRAPH.link, table: DEMO_GRAPH.table });

  const graphDemo = (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/graph-demo/token' && req.method === 'GET') {
      // the stand-in for the identity platform: the user consents to what is asked
      const scopes = (new URL(req.url ?? '/', 'https://x').searchParams.get('scopes') ?? '').split(' ').filter(Boolean);
      return send(res, 200, TYPES['.json'], JSON.stringify({ accessToken: graph.issueToken(scopes, `demo:${scopes.join('+')}`) }));
    }
    if (path === '/graph-demo/co-author-sort' && req.method === 'POST') {
      let sawRead = false;
      graph.between = ({ method, path: p }) => {
        if (sawRead) {
          // by 序号, the other way round from how the table is ordered now, so the rows do move
          const v = graph.values();
          graph.sort(0, v.length > 1 && Number(v[0][0]) > Number(v[v.length - 1][0]));
          graph.between = undefined;
        } else if (method === 'GET' && p.endsWith('/rows')) sawRead = true;
      };
      res.writeHead(204);
      return res.end();
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'not found');
  };

  const proxy = (req: IncomingMessage, res: ServerResponse) => {
    const up = https.request(
      { host, port: review.port, method: req.method, path: req.url, headers: { ...req.headers, host: `${host}:${review.port}` }, ca: tls.cert },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', (e) => send(res, 502, 'text/plain; charset=utf-8', `审核服务器不可达 / review server unreachable: ${e.message}`));
    req.pipe(up);
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (path.startsWith('/api/')) return proxy(req, res);
    if (path === '/demo-info.json' && !mayReceiveToken(req, port)) {
      return send(res, 403, 'text/plain; charset=utf-8', '演示的令牌只给本机、同源的页面 / the demo gives its token to loopback, same-origin pages only');
    }
    if (path.startsWith('/graph/v1.0/')) return graph.handle(req, res, '/graph/v1.0');
    if (path.startsWith('/graph-demo/')) return graphDemo(req, res, path);
    try {
      await ready;
    } catch {
      return send(res, 500, 'text/plain; charset=utf-8', `演示无法启动 / the demo could not start: ${failure?.message}`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'GET only');
    if (path === '/favicon.ico') {
      res.writeHead(204);
      return res.end();
    }
    if (path === '/model.json') return send(res, 200, TYPES['.json'], modelJson);
    if (path === '/demo-info.json') return send(res, 200, TYPES['.json'], info);
    const rel = path === '/' ? 'index.html' : path.slice(1);
    const full = normalize(join(DEMO_OUT, rel));
    if (!full.startsWith(DEMO_OUT + sep) || basename(full).startsWith('.') || !existsSync(full) || !statSync(full).isFile()) {
      return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(full)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    createReadStream(full).pipe(res);
  };

  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    handler(req, res).catch((e: unknown) => send(res, 500, 'text/plain; charset=utf-8', String(e)));
  });
  try {
    await new Promise<void>((res, rej) => {
      server.once('error', rej);
      server.listen(opts.port ?? 3100, host, () => res());
    });
  } catch (e) {
    await review.close();
    throw e;
  }
  port = (server.address() as AddressInfo).port;
  url = `https://${host}:${port}/`;
  ready = (async () => {
    const wb = await workbookFromXlsxFile(file);
    modelJson = JSON.stringify(workbookToJson(wb));
    const demoInfo: DemoInfo = { file: basename(file), reviewServer: token ? { url: url.replace(/\/$/, ''), token } : undefined, graph: { ...DEMO_GRAPH } };
    info = JSON.stringify(demoInfo);
    await ensureDemoBuilt(log, opts.rebuild);
  })().catch((e: unknown) => {
    failure = e instanceof Error ? e : new Error(String(e));
    throw failure;
  });
  ready.catch(() => undefined);
  return {
    url,
    port,
    graph,
    ready,
    review,
    token,
    cert: tls.cert,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
      await review.close();
    },
  };
}
