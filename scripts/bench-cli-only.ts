/**
 * Only the command line's budgets of `npm run bench` (scripts/bench-cli.ts): the batch against the
 * reading floor, the table, start-up, memory, hostile and large workbooks. Faster than the whole bench
 * when working on the reader or the CLI:
 *   npx tsx scripts/bench-cli-only.ts        (BENCH_FILES=1000, the batch size)
 *   BENCH_ONLY=batch npx tsx scripts/bench-cli-only.ts   (only the batch row: the floor and --json)
 * It runs the compiled CLI in build/: `npm run build:cli` first after changing src/.
 */
import { cliBudgets } from './bench-cli';

async function main() {
  const files = Number(process.env.BENCH_FILES ?? 1000);
  const rows = await cliBudgets(files, process.env.BENCH_ONLY === 'batch');
  const w = Math.max(...rows.map((r) => r.what.length));
  for (const r of rows) console.log(`${r.what.padEnd(w)}  ${r.value}  ${r.budget}  ${r.ok === null ? '' : r.ok ? 'ok' : 'MISSED'}`);
  process.exitCode = rows.some((r) => r.ok === false) ? 1 : 0;
}

void main();
