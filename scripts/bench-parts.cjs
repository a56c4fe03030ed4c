/**
 * The batch row of `npm run bench` taken apart, for work on the reader, the engine or the output:
 * each part in fresh processes (a 1,000-file batch is mostly a cold process: JIT warm-up counts),
 * CPU of all threads (V8 compiles and collects on other threads), medians.
 *   node scripts/bench-parts.cjs [runs=5] [DIR]     (after `npm run build:cli`)
 * - read:   every .xlsx of DIR (default: 1,000 copies of the four seed forms, made in a temp folder)
 *           read with `sheetsOfFile`, against the reading floor (scripts/bench-floor.cjs), interleaved;
 * - engine: the four seed forms' grids validated 1,000 times in turn (cold), then 10,000 more (steady);
 * - json:   their --json objects printed 1,000 times (cold), then 10,000 more (steady).
 */
const { spawnSync } = require('node:child_process');
const { copyFileSync, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const B = join(ROOT, 'build', 'src');
const FORMS = [1, 2, 3, 4].map((n) => join(ROOT, 'test', 'fixtures', 'xlsx', `form${n}.xlsx`));
const usage = () => process.cpuUsage();
const cpuMs = (u) => (u.user + u.system) / 1000;

/** One measurement in this (child) process; prints its figures as JSON. */
function child(part, dir) {
  if (part === 'read') {
    const { sheetsOfFile } = require(join(B, 'node', 'read.js'));
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.xlsx')).sort()) for (const g of sheetsOfFile(join(dir, f))) void g;
    return { cpu: cpuMs(process.cpuUsage()) };
  }
  const { readGridsFile } = require(join(B, 'node', 'read.js'));
  const core = require(join(B, 'core', 'index.js'));
  const grids = FORMS.flatMap((f) => readGridsFile(f));
  let one = (i) => core.validateGrid(grids[i % grids.length]).findings.length;
  if (part === 'json') {
    const { fileJson } = require(join(B, 'cli', 'validate.js'));
    const { cleanJsonBytes } = require(join(B, 'cli', 'print.js'));
    const reports = grids.map((g, i) => ({ file: `form${i + 1}.xlsx`, sheets: [core.validateGrid(g)] }));
    one = (i) => cleanJsonBytes(JSON.stringify(fileJson(reports[i % reports.length], 'zh'))).length;
  }
  const c0 = usage();
  for (let i = 0; i < 1000; i++) one(i);
  const cold = cpuMs(process.cpuUsage(c0));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 10000; i++) one(i);
  return { cold, steadyUs: Number(process.hrtime.bigint() - t0) / 1e7 };
}

function run(args) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, BENCH_PART_CHILD: '1' } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The floor's whole-process CPU, as `npm run bench` takes it (scripts/bench-rss.cjs). */
function floorRun(dir) {
  const r = spawnSync(process.execPath, ['--require', join(__dirname, 'bench-rss.cjs'), join(__dirname, 'bench-floor.cjs'), dir], { encoding: 'utf8' });
  const m = /bench-usage \d+ (\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`no usage from the floor: ${r.stderr}`);
  return { cpu: Number(m[1]) / 1000 };
}

function main() {
  const runs = Number(process.argv[2] ?? 5);
  let dir = process.argv[3];
  const made = !dir && mkdtempSync(join(tmpdir(), 'jixiao-parts-'));
  if (made) {
    dir = made;
    for (let i = 0; i < 1000; i++) copyFileSync(FORMS[i % 4], join(dir, `submission-${String(i).padStart(4, '0')}.xlsx`));
  }
  const flags = ['--max-semi-space-size=4'];
  const res = { read: [], floor: [], engine: [], json: [] };
  try {
    for (let i = 0; i < runs; i++) {
      res.read.push(run([...flags, __filename, 'read', dir]));
      res.floor.push(floorRun(dir));
      res.engine.push(run([...flags, __filename, 'engine']));
      res.json.push(run([...flags, __filename, 'json']));
    }
  } finally {
    if (made) rmSync(made, { recursive: true, force: true });
  }
  const med = (xs, k) => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const read = med(res.read, 'cpu');
  const floor = med(res.floor, 'cpu');
  console.log(`read:   ${read.toFixed(0)} ms CPU for the folder ÷ floor ${floor.toFixed(0)} ms = ${(read / floor).toFixed(2)}×`);
  console.log(`engine: first 1,000 validations ${med(res.engine, 'cold').toFixed(0)} ms CPU; then ${med(res.engine, 'steadyUs').toFixed(0)} µs per form`);
  console.log(`json:   first 1,000 files printed ${med(res.json, 'cold').toFixed(0)} ms CPU; then ${med(res.json, 'steadyUs').toFixed(0)} µs per file`);
  console.log(`(medians of ${runs}; CPU of all threads of each process)`);
}

if (process.env.BENCH_PART_CHILD) process.stdout.write(`${JSON.stringify(child(process.argv[2], process.argv[3]))}\n`);
else main();
