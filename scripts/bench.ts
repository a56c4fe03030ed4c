/**
 * npm run bench — prints the figures of design §8 that can be measured on this machine.
 * Each figure is measured in this one run; compare ratios, not absolute times (machines are noisy).
 *   BENCH_FILES=1000 (batch size), BENCH_BATCH=50 (workbooks in the pane's 审核一批), BENCH_ITER=2000 (iterations per form), BENCH_LOADS=10 (pane loads in Chromium)
 *   BENCH_CLIENTS=10 × BENCH_APPENDS=40 (review-server appends, scripts/bench-register.ts)
 * The command line's rows alone (batch, table, start-up, memory, hostile workbooks): npx tsx scripts/bench-cli-only.ts.
 * The pane figures build the demo (node_modules/.cache/jixiao-demo/, and the React + FluentProvider yardstick) when missing or stale.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Grid, validateGrid } from '../src/core';
import { readGridsFile } from '../src/node/read';
import { sniffContainer, sniffWorkbook } from '../src/reader/sniff';
import { cliBudgets } from './bench-cli';
import { gzipSync } from 'node:zlib';
import { HOST_PROFILES, type SimWorkbook, WEB_PAYLOAD_CAP, applyProfile, cloneWorkbook, installExcelSim } from '../src/excel-sim';
import { workbookFromXlsxFile } from '../src/excel-sim/exceljs';
import { createExcelHost } from '../src/excel/host';
import { longSheetWorkbook } from '../test/helpers/long-sheet';
import { BASELINE_OUT, DEMO_OUT, ensureBaselineBuilt, ensureDemoBuilt, startDemo } from '../src/demo/server';
import { registerAppends } from './bench-register';

const ROOT = join(__dirname, '..');
const FIX = join(ROOT, 'test', 'fixtures', 'xlsx');

export interface BenchRow {
  what: string;
  value: string;
  budget: string;
  ok: boolean | null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function coreTimes(iterations: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (let n = 1; n <= 4; n++) {
    const g: Grid = readGridsFile(join(FIX, `form${n}.xlsx`))[0];
    for (let i = 0; i < 200; i++) validateGrid(g); // warm up
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      validateGrid(g);
      times.push(performance.now() - t0);
    }
    const m = median(times);
    rows.push({ what: `core: validate seed form ${n} (median of ${iterations})`, value: `${(m * 1000).toFixed(0)} µs`, budget: '< 1 ms', ok: m < 1 });
  }
  return rows;
}

/** issue 9: what src/reader/sniff.ts adds to reading one file (it runs before every parse). */
export async function sniffTimes(iterations: number): Promise<BenchRow[]> {
  const bytes = new Uint8Array(readFileSync(join(FIX, 'form1.xlsx')));
  const time = (f: () => void, n: number) => {
    for (let i = 0; i < Math.min(200, n); i++) f();
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      f();
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  const sniff = time(() => sniffWorkbook(bytes), iterations);
  const container = time(() => sniffContainer(bytes), iterations);
  return [
    { what: `reader: sniff seed form 1, zip parts (median of ${iterations})`, value: `${(sniff * 1000).toFixed(0)} µs`, budget: '—', ok: null },
    { what: `reader: sniff seed form 1, container only (median of ${iterations})`, value: `${(container * 1000).toFixed(1)} µs`, budget: '—', ok: null },
  ];
}

/** Round trips (context.sync) of 校验 = read + validate + mark, through the Excel module on the in-memory Excel. */
export async function syncCounts(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const measure = async (what: string, model: Awaited<ReturnType<typeof workbookFromXlsxFile>>) => {
    const sim = installExcelSim(model);
    try {
      const out = await createExcelHost().validateAndMark({});
      rows.push({ what, value: `${sim.stats.syncs} (${out.marked} cells marked)`, budget: '≤ 2', ok: sim.stats.syncs <= 2 });
    } finally {
      sim.uninstall();
    }
  };
  for (let n = 1; n <= 4; n++) await measure(`syncs: validate + mark seed form ${n}`, await workbookFromXlsxFile(join(FIX, `form${n}.xlsx`)));
  return rows;
}

// ---- host profiles (issue 10): syncs and the largest request / response of 校验 per profile ----

const kb = (n: number) => `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)} KB`;

/** 校验 + 清除标记 on each host profile: the seed forms and a 20,000-row sheet, every sync under Excel on the web's 5 MB cap. */
export async function hostProfiles(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const seeds = await Promise.all([1, 2, 3, 4].map((n) => workbookFromXlsxFile(join(FIX, `form${n}.xlsx`))));
  const long = await longSheetWorkbook(20000);
  const run = async (model: SimWorkbook) => {
    const sim = installExcelSim(model);
    try {
      const out = await createExcelHost().validateAndMark({});
      const syncs = sim.stats.syncs;
      const req = Math.max(...sim.stats.payloads.map((p) => p.request));
      const res = Math.max(...sim.stats.payloads.map((p) => p.response));
      return { syncs, req, res, marked: out.marked };
    } finally {
      sim.uninstall();
    }
  };
  for (const p of HOST_PROFILES) {
    const seed = await Promise.all(seeds.map(async (m) => run(applyProfile(cloneWorkbook(m), p.id))));
    const s = { syncs: Math.max(...seed.map((x) => x.syncs)), req: Math.max(...seed.map((x) => x.req)), res: Math.max(...seed.map((x) => x.res)) };
    rows.push({
      what: `${p.label}: 校验 seed forms 1–4 (syncs, largest request / response)`,
      value: `${s.syncs}; ${kb(s.req)} / ${kb(s.res)}`,
      budget: '≤ 2; < 5 MB',
      ok: s.syncs <= 2 && s.req < WEB_PAYLOAD_CAP && s.res < WEB_PAYLOAD_CAP,
    });
    const l = await run(applyProfile(cloneWorkbook(long), p.id));
    rows.push({
      what: `${p.label}: 校验 a 20,000-row sheet (syncs, largest request / response)`,
      value: `${l.syncs}; ${kb(l.req)} / ${kb(l.res)}`,
      budget: '< 5 MB each',
      ok: l.req < WEB_PAYLOAD_CAP && l.res < WEB_PAYLOAD_CAP,
    });
  }
  return rows;
}

/** gzip size of the JavaScript a page loads before anything else (its <script src> tags). */
function initialJsGzip(dir: string, page: string, skip: string[] = []): { bytes: number; files: string[] } {
  const html = readFileSync(join(dir, page), 'utf8');
  const files = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]).filter((f) => !/^https?:/.test(f) && !skip.includes(f));
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(join(dir, f.replace(/^\//, ''))), { level: 9 }).length;
  return { bytes, files };
}

/** Initial task-pane JavaScript (production build) beside React + FluentProvider alone, same webpack rules. */
export async function bundleSizes(): Promise<BenchRow[]> {
  await ensureDemoBuilt((l) => console.error(l));
  await ensureBaselineBuilt((l) => console.error(l));
  // /office-sim.js stands where the CDN's Office.js is in production: not the pane's own code
  const pane = initialJsGzip(DEMO_OUT, 'taskpane.html', ['/office-sim.js']);
  const base = initialJsGzip(BASELINE_OUT, 'index.html');
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  return [
    { what: `pane: initial JavaScript, gzip (${pane.files.length} files)`, value: kb(pane.bytes), budget: '≤ 150 KB', ok: pane.bytes <= 150 * 1024 },
    { what: 'pane: React + FluentProvider alone, gzip (same config)', value: kb(base.bytes), budget: '—', ok: null },
  ];
}

/** Pane time to first render (the 校验 button on screen) in headless Chromium, local server, cache off. */
export async function firstRender(loads: number): Promise<BenchRow[]> {
  const chromiumPath = '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    return [{ what: 'pane: first render, headless Chromium', value: 'not measured: /usr/bin/chromium missing', budget: '< 1 s', ok: null }];
  }
  const { chromium } = await import('playwright-core');
  const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-bench-demo-'));
  const profile = mkdtempSync(join(tmpdir(), 'jixiao-bench-chromium-'));
  const demo = await startDemo({ port: 0, dataDir, log: (l) => console.error(l) });
  try {
    await demo.ready;
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      ignoreHTTPSErrors: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      // a string, not a function: tsx's transform would add helpers the page does not have
      await ctx.addInitScript(`(() => {
        const seen = () => [...document.querySelectorAll('button')].some((b) => (b.textContent || '').trim() === '校验');
        new MutationObserver((_m, obs) => {
          if (window.__firstRender === undefined && seen()) {
            window.__firstRender = performance.now();
            obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      })();`);
      const times: number[] = [];
      for (let i = 0; i < loads + 1; i++) {
        const page = await ctx.newPage();
        const cdp = await ctx.newCDPSession(page);
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await page.goto(`${demo.url}taskpane.html`);
        await page.waitForFunction('window.__firstRender !== undefined', undefined, { timeout: 30000 });
        const t = (await page.evaluate('window.__firstRender')) as number;
        if (i > 0) times.push(t); // the first load warms the server and the browser
        await page.close();
      }
      const m = median(times);
      return [{ what: `pane: first render, headless Chromium (median of ${loads} loads)`, value: `${m.toFixed(0)} ms`, budget: '< 1 s', ok: m < 1000 }];
    } finally {
      await ctx.close();
    }
  } finally {
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

// ---- 审核一批 (issue 14): the batch in the pane, headless Chromium ----

/** The initial pane JavaScript carries none of the batch view, the reader or the report writer (they load when 审核一批 opens). */
export function batchOutOfInitial(): BenchRow[] {
  const html = readFileSync(join(DEMO_OUT, 'taskpane.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]).filter((f) => !/^https?:/.test(f) && f !== '/office-sim.js');
  const text = files.map((f) => readFileSync(join(DEMO_OUT, f.replace(/^\//, '')), 'utf8')).join('\n');
  const markers = ['EncryptedPackage', 'batchHeading', 'SaxesParser', '_xlnm._FilterDatabase'];
  const found = markers.filter((m) => text.includes(m));
  return [{ what: 'pane: batch view, reader and report writer outside the initial JavaScript', value: found.length ? `in it: ${found.join(', ')}` : 'lazy (none of them in it)', budget: 'lazy', ok: found.length === 0 }];
}

/** 50 seed-sized workbooks picked in the pane's 审核一批: from the file input to the list of all 50, read and validated in the page. */
export async function batchInPane(n: number): Promise<BenchRow[]> {
  const what = `pane: 审核一批 of ${n} seed-sized workbooks, read + validated, headless Chromium`;
  const chromiumPath = '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) return [{ what, value: 'not measured: /usr/bin/chromium missing', budget: '< 5 s', ok: null }];
  const { chromium } = await import('playwright-core');
  const { seedSizedBatch } = await import('../test/helpers/batch-files');
  const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-bench-batch-'));
  const profile = mkdtempSync(join(tmpdir(), 'jixiao-bench-batch-chromium-'));
  const demo = await startDemo({ port: 0, dataDir, log: (l) => console.error(l) });
  try {
    await demo.ready;
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      ignoreHTTPSErrors: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(demo.url);
      const pane = (await (await page.waitForSelector('#pane')).contentFrame())!;
      await pane.getByRole('tab', { name: '审核行' }).click({ timeout: 60000 });
      await pane.getByRole('button', { name: '审核一批…' }).click();
      await pane.locator('#batch-files').waitFor({ state: 'attached' });
      const files = seedSizedBatch(n).map((f) => ({ name: f.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(f.bytes) }));
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await pane.locator('#batch-files').setInputFiles(files);
        await pane.getByText(`已读取 ${n} 个文件：`).waitFor({ timeout: 60000 });
        runs.push(performance.now() - t0);
      }
      const m = median(runs);
      return [{ what: `${what} (median of 3)`, value: `${(m / 1000).toFixed(2)} s (${(m / n).toFixed(0)} ms per file)`, budget: '< 5 s', ok: m < 5000 }];
    } finally {
      await ctx.close();
    }
  } finally {
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

export function printTable(rows: BenchRow[]): void {
  const w = Math.max(...rows.map((r) => r.what.length));
  const v = Math.max(...rows.map((r) => r.value.length));
  const b = Math.max(6, ...rows.map((r) => r.budget.length));
  console.log(`| ${'what'.padEnd(w)} | ${'measured'.padEnd(v)} | ${'budget'.padEnd(b)} | met |`);
  console.log(`|${'-'.repeat(w + 2)}|${'-'.repeat(v + 2)}|${'-'.repeat(b + 2)}|-----|`);
  for (const r of rows) console.log(`| ${r.what.padEnd(w)} | ${r.value.padEnd(v)} | ${r.budget.padEnd(b)} | ${r.ok === null ? ' — ' : r.ok ? 'yes' : 'NO '} |`);
}

async function main(): Promise<void> {
  const files = Number(process.env.BENCH_FILES ?? 1000);
  const iter = Number(process.env.BENCH_ITER ?? 2000);
  console.log(`绩效监控校验 bench — node ${process.version}, ${new Date().toISOString()}`);
  const loads = Number(process.env.BENCH_LOADS ?? 10);
  const rows = [...(await syncCounts()), ...(await hostProfiles()), ...(await bundleSizes()), ...(await firstRender(loads)), ...(await coreTimes(iter)), ...(await sniffTimes(iter)), ...(await cliBudgets(files)), ...(await registerAppends()), ...batchOutOfInitial(), ...(await batchInPane(Number(process.env.BENCH_BATCH ?? 50)))];
  printTable(rows);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
