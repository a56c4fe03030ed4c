/**
 * npm run bench — prints the figures of SPEC §8 that can be measured on this machine.
 * Each figure is measured in this one run; compare ratios, not absolute times (machines are noisy).
 *   BENCH_FILES=1000 (batch size), BENCH_ITER=2000 (iterations per form)
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Grid, validateGrid } from '../src/core';
import { readWorkbookFile } from '../src/node/xlsx';

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
    const { grids } = await readWorkbookFile(join(FIX, `form${n}.xlsx`));
    const g: Grid = grids[0];
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

export async function batchShare(files: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  try {
    const src = [1, 2, 3, 4].map((n) => join(FIX, `form${n}.xlsx`));
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < files; i++) copyFileSync(src[i % 4], join(dir, `submission-${String(i).padStart(4, '0')}.xlsx`));
    let readMs = 0;
    let validateMs = 0;
    let findings = 0;
    const t0 = performance.now();
    for (const f of readdirSync(dir).sort()) {
      const a = performance.now();
      const { grids } = await readWorkbookFile(join(dir, f));
      const b = performance.now();
      for (const g of grids) findings += validateGrid(g).findings.length;
      const c = performance.now();
      readMs += b - a;
      validateMs += c - b;
    }
    const total = performance.now() - t0;
    const share = validateMs / readMs;
    return [
      { what: `batch: ${files} .xlsx files, total`, value: `${(total / 1000).toFixed(1)} s (${findings} findings)`, budget: '—', ok: null },
      { what: 'batch: reading the files (exceljs)', value: `${(readMs / 1000).toFixed(2)} s`, budget: '—', ok: null },
      { what: 'batch: validating them', value: `${(validateMs / 1000).toFixed(3)} s`, budget: '—', ok: null },
      { what: 'batch: validation time ÷ reading time', value: `${(share * 100).toFixed(2)} %`, budget: '< 10 %', ok: share < 0.1 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printTable(rows: BenchRow[]): void {
  const w = Math.max(...rows.map((r) => r.what.length));
  const v = Math.max(...rows.map((r) => r.value.length));
  console.log(`| ${'what'.padEnd(w)} | ${'measured'.padEnd(v)} | budget | met |`);
  console.log(`|${'-'.repeat(w + 2)}|${'-'.repeat(v + 2)}|--------|-----|`);
  for (const r of rows) console.log(`| ${r.what.padEnd(w)} | ${r.value.padEnd(v)} | ${r.budget.padEnd(6)} | ${r.ok === null ? ' — ' : r.ok ? 'yes' : 'NO '} |`);
}

async function main(): Promise<void> {
  const files = Number(process.env.BENCH_FILES ?? 1000);
  const iter = Number(process.env.BENCH_ITER ?? 2000);
  console.log(`绩效监控校验 bench — node ${process.version}, ${new Date().toISOString()}`);
  const rows = [...(await coreTimes(iter)), ...(await batchShare(files))];
  printTable(rows);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
