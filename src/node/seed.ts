/**
 * Builds real .xlsx workbooks from the seed's plain-text sheets (TAB-separated rows): each field is
 * one cell at its seed position; numbers become numbers, `77%` becomes 0.77 formatted `0%`,
 * `109.00%` keeps its two decimals.
 */
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TypedCell {
  value: string | number | null;
  numFmt?: string;
}

/** The cell a seed field stands for. */
export function typeSeedCell(field: string): TypedCell {
  const s = field.trim();
  if (s === '') return { value: null };
  if (/^-?\d+(\.\d+)?$/.test(s)) return { value: Number(s) };
  const p = /^(-?\d+(?:\.(\d+))?)%$/.exec(s);
  if (p) {
    const decimals = p[2]?.length ?? 0;
    return { value: Number((Number(p[1]) / 100).toFixed(decimals + 2)), numFmt: decimals ? `0.${'0'.repeat(decimals)}%` : '0%' };
  }
  return { value: field };
}

/** Rows of fields from a seed sheet text. */
export function seedRows(tsv: string): string[][] {
  return tsv.replace(/\n+$/, '').split('\n').map((line) => line.split('\t'));
}

export const SEED_DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'seed');

/** The seed sheets kept in the repo: four 附件1 forms and the 附件2. */
export const SEED_SHEETS = [
  { file: 'form1.tsv', sheet: '机关事业单位养老' },
  { file: 'form2.tsv', sheet: '城乡居民养老' },
  { file: 'form3.tsv', sheet: '职工基本医疗' },
  { file: 'form4.tsv', sheet: '城乡居民医疗' },
  { file: 'annex2.tsv', sheet: '附件2' },
] as const;

export function readSeed(file: string): string {
  return readFileSync(join(SEED_DIR, file), 'utf8');
}

/** Add one seed sheet to a workbook, cell for cell. */
export function addSeedSheet(wb: ExcelJS.Workbook, name: string, tsv: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  const rows = seedRows(tsv);
  const width = Math.max(...rows.map((r) => r.length));
  rows.forEach((fields, r) => {
    fields.forEach((field, c) => {
      const t = typeSeedCell(field);
      if (t.value === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = t.value;
      if (t.numFmt) cell.numFmt = t.numFmt;
      cell.alignment = { vertical: 'middle', wrapText: typeof t.value === 'string' && t.value.length > 12 };
    });
  });
  // the title row (row 2) spans the form, as on paper
  if (width > 1) ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.getCell(2, 1).font = { bold: true, size: 14 };
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = c === 1 ? 16 : 14;
  return ws;
}

export async function seedWorkbook(sheets: readonly { file: string; sheet: string }[]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效监控校验';
  // fixed dates, so the committed workbooks do not change when they are built again
  wb.created = SEED_DATE;
  wb.modified = SEED_DATE;
  for (const s of sheets) addSeedSheet(wb, s.sheet, readSeed(s.file));
  return wb;
}

/** The date the seed workbooks carry (the forms' own 监控时点, 2020年9月, was reported in October). */
const SEED_DATE = new Date(Date.UTC(2020, 9, 1));

/**
 * The seed workbook's bytes, the same on every run and machine: exceljs stamps each zip entry with
 * the time of writing, so the package is written again with fflate, entries in the same order, each
 * stamped 2020-10-01 00:00 (a zip entry's time has no zone: it is given in local terms).
 */
export async function seedWorkbookBytes(sheets: readonly { file: string; sheet: string }[]): Promise<Uint8Array> {
  const wb = await seedWorkbook(sheets);
  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  const entries = unzipSync(written);
  const mtime = new Date(2020, 9, 1);
  return zipSync(Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, [data, { mtime, level: 6 }]])));
}
