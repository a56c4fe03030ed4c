/**
 * The CLI's budgets (design §8, issue 12), each measured as a ratio in this run, process against process:
 * batch `validate DIR --json` against the reading floor (scripts/bench-floor.cjs), one-file start-up
 * against `node -e ""`, the table against --json, peak memory of 3,000 files against 100, and
 * hostile or large workbooks. Times are the child's CPU time (user + system, from
 * process.resourceUsage in scripts/bench-rss.cjs), which a busy shared machine disturbs far less
 * than wall time; wall time is shown beside it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import { addSeedSheet, readSeed } from '../src/node/seed';
import type { BenchRow } from './bench';

const ROOT = join(__dirname, '..');
const FIX = join(ROOT, 'test', 'fixtures', 'xlsx');
const BIN = join(ROOT, 'bin', 'jixiao.js');
const RSS = join(__dirname, 'bench-rss.cjs');
const FLOOR = join(__dirname, 'bench-floor.cjs');

interface Run {
  wallMs: number;
  cpuMs: number;
  rssMB: number;
  code: number | null;
}

/**
 * The node flags on bin/jixiao.js's first line (`#!/usr/bin/env -S node …`): what `npx jixiao` and the
 * installed command run with, so the bench runs the command with them too (see the comment in bin/jixiao.js).
 */
const BIN_FLAGS = (/^#!\S*env -S node(.*)$/.exec(readFileSync(BIN, 'utf8').split('\n')[0])?.[1] ?? '').trim().split(/\s+/).filter(Boolean);

/** Run node with the usage reporter preloaded; stdout to /dev/null. bin/jixiao.js runs with its own flags unless `bare`. */
function proc(args: string[], bare = false): Run {
  if (args[0] === BIN && !bare) args = [...BIN_FLAGS, ...args];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', RSS, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  const m = /bench-usage (\d+) (\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`no usage from ${args.join(' ')}: ${r.stderr?.slice(-500)}`);
  return { wallMs, cpuMs: Number(m[2]) / 1000, rssMB: Number(m[1]) / 1024, code: r.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Run each command `n` times, interleaved (so drifts in machine load hit all alike); medians. */
function medians(cmds: string[][], n: number): { cpuMs: number; wallMs: number; rssMB: number }[] {
  const runs: Run[][] = cmds.map(() => []);
  for (let i = 0; i < n; i++) cmds.forEach((c, j) => runs[j].push(proc(c)));
  return runs.map((rs) => ({ cpuMs: median(rs.map((r) => r.cpuMs)), wallMs: median(rs.map((r) => r.wallMs)), rssMB: Math.max(...rs.map((r) => r.rssMB)) }));
}

function batchDir(root: string, files: number): string {
  const dir = join(root, `batch-${files}`);
  mkdirSync(dir, { recursive: true });
  const src = [1, 2, 3, 4].map((n) => join(FIX, `form${n}.xlsx`));
  for (let i = 0; i < files; i++) copyFileSync(src[i % 4], join(dir, `submission-${String(i).padStart(4, '0')}.xlsx`));
  return dir;
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);

async function writeWorkbook(file: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A workbook whose one sheet inflates to `rows` rows of 200 cells without addresses (about 3 KB each): under 1 MB zipped. */
function inflateBomb(file: string, rows: number): string {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  const small: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="炸弹" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  };
  for (const [name, text] of Object.entries(small)) {
    const f = new ZipDeflate(name, { level: 9 });
    zip.add(f);
    f.push(strToU8(text), true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
  zip.add(sheet);
  sheet.push(strToU8('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'));
  const block = strToU8(`<row>${'<c><v>1</v></c>'.repeat(200)}</row>`.repeat(100));
  for (let i = 0; i < rows / 100; i++) sheet.push(block);
  sheet.push(strToU8('</sheetData></worksheet>'), true);
  zip.end();
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

/** Seed form 2 with `rows` rows below it, written by exceljs's streaming writer. */
async function longSheet(file: string, rows: number): Promise<string> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('长表');
  const seed = new ExcelJS.Workbook();
  const form = addSeedSheet(seed, 'x', readSeed('form2.tsv'));
  form.eachRow((row, r) => {
    ws.getRow(r).values = row.values;
    ws.getRow(r).commit();
  });
  for (let r = form.rowCount + 1; r <= rows; r++) ws.addRow([`附表行 ${r}`, null, r * 3, null, r * 2, null, r, (r % 100) / 100]).commit();
  ws.commit();
  await wb.commit();
  return file;
}

/** `batchOnly`: only the batch row (the floor and --json, interleaved as in the full run), for work on the engine or the reader. */
export async function cliBudgets(files: number, batchOnly = false): Promise<BenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'jixiao-bench-cli-'));
  const rows: BenchRow[] = [];
  try {
    const batch = batchDir(root, files);
    const cmds = [[FLOOR, batch], [BIN, 'validate', batch, '--json'], ...(batchOnly ? [] : [[BIN, 'validate', batch]])];
    const [floor, json, table] = medians(cmds, 3);
    const r1 = json.cpuMs / floor.cpuMs;
    rows.push({ what: `batch: validate ${files} files --json ÷ reading floor (CPU, median of 3)`, value: `${r1.toFixed(2)}× (${ms(json.cpuMs)} ÷ ${ms(floor.cpuMs)}; wall ${ms(json.wallMs)} ÷ ${ms(floor.wallMs)})`, budget: '≤ 2.5×', ok: r1 <= 2.5 });
    if (batchOnly) return rows;
    const r3 = table.cpuMs / json.cpuMs;
    rows.push({ what: `output: the table ÷ --json, ${files} files (CPU, median of 3)`, value: `${r3.toFixed(2)}× (${ms(table.cpuMs)} ÷ ${ms(json.cpuMs)})`, budget: '≤ 1.2×', ok: r3 <= 1.2 });

    const one = join(FIX, 'form2.xlsx');
    const [bare, start] = medians([['-e', ''], [BIN, 'validate', one, '--json']], 9);
    const r2 = start.cpuMs / bare.cpuMs;
    rows.push({ what: 'start-up: validate one file ÷ node -e "" (CPU, median of 9)', value: `${r2.toFixed(2)}× (${ms(start.cpuMs)} ÷ ${ms(bare.cpuMs)}; wall ${ms(start.wallMs)} ÷ ${ms(bare.wallMs)})`, budget: '≤ 4×', ok: r2 <= 4 });

    const few = batchDir(root, 100);
    const many = batchDir(root, 3000);
    const [m100, m1000, m3000] = medians([[BIN, 'validate', few, '--json'], [BIN, 'validate', batch, '--json'], [BIN, 'validate', many, '--json']], 1);
    const r4 = m3000.rssMB / m100.rssMB;
    rows.push({ what: 'memory: peak of validate --json, 3,000 files ÷ 100 files', value: `${r4.toFixed(2)}× (${m3000.rssMB.toFixed(0)} MB ÷ ${m100.rssMB.toFixed(0)} MB)`, budget: '≤ 1.2×', ok: r4 <= 1.2 });
    const r5 = m3000.rssMB / m1000.rssMB;
    rows.push({ what: `memory: peak of validate --json, 3,000 files ÷ ${files} files`, value: `${r5.toFixed(2)}× (${m3000.rssMB.toFixed(0)} MB ÷ ${m1000.rssMB.toFixed(0)} MB)`, budget: '—', ok: null });
    // for comparison, `node bin/jixiao.js` without the flags of its first line: V8 then grows its young
    // generation from 1 MB to 16 MB semi-spaces over the first several hundred files, and keeps it
    const b100 = proc([BIN, 'validate', few, '--json'], true);
    const b3000 = proc([BIN, 'validate', many, '--json'], true);
    rows.push({ what: `memory: the same without ${BIN_FLAGS.join(' ') || 'flags'} (plain node), 3,000 ÷ 100 files`, value: `${(b3000.rssMB / b100.rssMB).toFixed(2)}× (${b3000.rssMB.toFixed(0)} MB ÷ ${b100.rssMB.toFixed(0)} MB)`, budget: '—', ok: null });

    const hostile = [
      ['one cell at XFD1048576', await writeWorkbook(join(root, 'far.xlsx'), (wb) => {
        wb.addWorksheet('远').getCell('XFD1048576').value = 1;
      })],
      ['ten sheets, one cell each at GR20000', await writeWorkbook(join(root, 'ten.xlsx'), (wb) => {
        for (let i = 0; i < 10; i++) wb.addWorksheet(`S${i}`).getCell('GR20000').value = i;
      })],
      ['12 million cells inflating to 180 MB', inflateBomb(join(root, 'bomb.xlsx'), 60000)],
    ] as const;
    for (const [what, file] of hostile) {
      const size = statSync(file).size;
      const r = proc([BIN, 'validate', file, '--json']);
      const ok = size < 1024 * 1024 && r.rssMB < 400 && r.wallMs < 20000 && r.code !== null && r.code <= 2;
      rows.push({ what: `hostile workbook (${(size / 1024).toFixed(0)} KB): ${what}`, value: `${r.rssMB.toFixed(0)} MB, ${ms(r.wallMs)}, exit ${r.code}`, budget: '< 400 MB, < 20 s', ok });
    }
    const long = await longSheet(join(root, 'long.xlsx'), 100000);
    const r = proc([BIN, 'validate', long, '--json']);
    rows.push({ what: `a 100,000-row sheet (${(statSync(long).size / 1024 / 1024).toFixed(1)} MB)`, value: `${r.rssMB.toFixed(0)} MB, ${ms(r.wallMs)}`, budget: '≤ 200 MB', ok: r.rssMB <= 200 });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

