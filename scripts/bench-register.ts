/**
 * The review server's appends per second (issue 15), part of `npm run bench`: SQLite (one data
 * folder) and PostgreSQL (a temporary cluster, test/helpers/postgres.ts), each with one server and
 * with two on the same register. BENCH_CLIENTS=10 concurrent clients × BENCH_APPENDS=40 appends,
 * keep-alive HTTPS, spread over the servers. Without PostgreSQL's binaries the PostgreSQL rows say so.
 */
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { validateGrid } from '../src/core';
import { buildReviewRow } from '../src/review/build';
import type { ReviewRow } from '../src/review/types';
import { type ChildServer, spawnServer } from '../src/server/child';
import { gridFromRows, seedRowsOf } from '../test/helpers/grid';
import { PG_MISSING, pgBinDir, startCluster } from '../test/helpers/postgres';

interface Row {
  what: string;
  value: string;
  budget: string;
  ok: boolean | null;
}

function post(agent: https.Agent, s: ChildServer, token: string, body: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const req = https.request({ host: '127.0.0.1', port: s.port, path: '/api/review-rows', method: 'POST', agent, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolvePromise(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Appends per second over the servers; every answer must be 201. */
async function appendsPerSecond(servers: ChildServer[], token: string, template: ReviewRow, clients: number, per: number, tag: string): Promise<number> {
  const agents = servers.map((s) => new https.Agent({ keepAlive: true, ca: s.ca, maxSockets: clients }));
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let j = 0; j < per; j++) {
      const i = (c + j) % servers.length;
      const project = `${tag}-客户${c}-行${j}`;
      const status = await post(agents[i], servers[i], token, JSON.stringify({ ...template, project, key: { ...template.key, project } }));
      if (status !== 201) throw new Error(`append answered ${status}`);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  for (const a of agents) a.destroy();
  return (clients * per) / seconds;
}

export async function registerAppends(): Promise<Row[]> {
  const clients = Number(process.env.BENCH_CLIENTS ?? 10);
  const per = Number(process.env.BENCH_APPENDS ?? 40);
  const template = buildReviewRow(validateGrid(gridFromRows('城乡居民养老', seedRowsOf('form2'))), { timely: 9 });
  const base = mkdtempSync(join(tmpdir(), 'jixiao-bench-register-'));
  const rows: Row[] = [];
  const label = (store: string, n: number) => `review server appends/s, ${store}, ${n} server${n > 1 ? 's' : ''} (${clients}×${per})`;
  try {
    // SQLite: one data folder; the second server opens the same file (WAL)
    const measure = async (store: string, n: number, start: (i: number) => Promise<ChildServer>, token: () => string): Promise<number> => {
      const servers: ChildServer[] = [];
      try {
        for (let i = 0; i < n; i++) servers.push(await start(i));
        return await appendsPerSecond(servers, token(), template, clients, per, `${store}${n}`);
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    };
    const sqlite: number[] = [];
    for (const n of [1, 2]) {
      const data = join(base, `sqlite-${n}`);
      const v = await measure('sqlite', n, () => spawnServer(data), () => readFileSync(join(data, 'first-token.txt'), 'utf8').trim());
      sqlite.push(v);
      rows.push({ what: label('SQLite', n), value: v.toFixed(0), budget: '—', ok: null });
    }
    if (!pgBinDir()) {
      for (const n of [1, 2]) rows.push({ what: label('PostgreSQL', n), value: `not measured: ${PG_MISSING}`, budget: n === 2 ? `≥ SQLite 1 server` : '—', ok: n === 2 ? false : null });
      return rows;
    }
    const cluster = await startCluster();
    try {
      for (const n of [1, 2]) {
        const url = await cluster.createDb(`bench${n}`);
        const data = join(base, `pg-${n}`);
        // the first server makes the first admin token in its data folder; the second finds it in the database
        const v = await measure('pg', n, (i) => spawnServer(join(data, String(i)), ['--db', url]), () => readFileSync(join(data, '0', 'first-token.txt'), 'utf8').trim());
        rows.push({ what: label('PostgreSQL', n), value: v.toFixed(0), budget: n === 2 ? `≥ SQLite 1 server (${sqlite[0].toFixed(0)})` : '—', ok: n === 2 ? v >= sqlite[0] : null });
      }
    } finally {
      cluster.destroy();
    }
    return rows;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (require.main === module) {
  registerAppends().then(
    (rows) => {
      for (const r of rows) console.log(`${r.what}: ${r.value}  (budget ${r.budget}${r.ok === null ? '' : r.ok ? ', met' : ', NOT met'})`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
