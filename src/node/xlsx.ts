/**
 * Node-side workbook I/O with exceljs: read every sheet into the engine's Grid, and write a
 * marked copy. Used by the CLI, the server and the tests; never by the pane.
 */
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { DEFAULT_LIMITS } from '../reader';
import { sniffMessage, sniffWorkbook } from '../reader/sniff';
import { WorkbookReadError, notXlsxFile, openError } from './read';
import { localize } from '../core';
import { READER_MESSAGES } from '../reader/messages';
import { type CellValue, type Grid, type MergedArea, formatValue, fromA1, marksFor, type Finding, type Lang } from '../core';

/** The reader cuts used ranges taller than this and says so (a stray format in row 1,048,576); the same bounds as src/reader. */
export const MAX_ROWS = DEFAULT_LIMITS.maxRows;
export const MAX_COLS = DEFAULT_LIMITS.maxCols;

// one error type for both readers (src/node/read.ts holds it so that reading never loads exceljs)
export { WorkbookReadError };

/**
 * Load bytes into exceljs after src/reader/sniff.ts has said what they are: an encrypted workbook, a
 * legacy .xls or a package with a part missing is refused with its reason, never read as "0 sheets".
 */
async function loadChecked(name: string, data: Uint8Array): Promise<{ workbook: ExcelJS.Workbook; grids: Grid[] }> {
  const problem = sniffMessage(sniffWorkbook(data));
  if (problem) throw new WorkbookReadError(name, problem);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw notXlsxFile(name, e);
  }
  if (workbook.worksheets.length === 0) {
    throw new WorkbookReadError(name, localize(READER_MESSAGES, 'noSheet'));
  }
  return { workbook, grids: workbook.worksheets.map(sheetToGrid) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Excel serial day number of a JS date (1900 date system). */
function serial(d: Date): number {
  return d.getTime() / 86400000 + 25569;
}

function dateText(d: Date, fmt: string): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  if (/年/.test(fmt)) return /日|d/.test(fmt) ? `${y}年${m}月${day}日` : `${y}年${m}月`;
  return `${y}-${pad(m)}-${pad(day)}`;
}

/** Convert one exceljs cell into value, display text, format and formula. */
export function readCell(cell: ExcelJS.Cell): { value: CellValue; text: string; format: string; formula: string } {
  const format = cell.numFmt || 'General';
  let formula = '';
  let v: unknown = cell.value;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      formula = `=${String(o.formula ?? cell.formula ?? '')}`;
      v = o.result ?? null;
      if (v && typeof v === 'object' && 'error' in (v as object)) v = (v as { error: string }).error;
    } else if ('richText' in o) {
      v = (o.richText as { text: string }[]).map((r) => r.text).join('');
    } else if ('error' in o) {
      v = String(o.error);
    } else if ('text' in o) {
      v = String(o.text);
    } else {
      v = null;
    }
  }
  if (v instanceof Date) return { value: serial(v), text: dateText(v, format), format, formula };
  if (v === undefined || v === null) return { value: null, text: '', format, formula };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
    return { value: v, text: formatValue(v, format), format, formula };
  }
  return { value: String(v), text: String(v), format, formula };
}

/** The merged areas of a worksheet, 0-based from A1. */
export function mergesOf(ws: ExcelJS.Worksheet): MergedArea[] {
  return ((ws.model as { merges?: string[] }).merges ?? []).map((range) => {
    const [a, b] = range.split(':');
    const s = fromA1(a);
    const e = fromA1(b ?? a);
    return { top: s.row, left: s.col, bottom: e.row, right: e.col };
  });
}

/** Read one worksheet into a Grid anchored at A1. */
export function sheetToGrid(ws: ExcelJS.Worksheet): Grid {
  const rowTotal = ws.rowCount;
  const rows = Math.min(rowTotal, MAX_ROWS);
  const cols = Math.min(ws.columnCount, MAX_COLS);
  const values: CellValue[][] = [];
  const text: string[][] = [];
  const formats: string[][] = [];
  const formulas: string[][] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    if (row.hidden) hiddenRows.push(r - 1);
    const vr: CellValue[] = [];
    const tr: string[] = [];
    const fr: string[] = [];
    const xr: string[] = [];
    for (let c = 1; c <= cols; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master !== cell) {
        vr.push(null);
        tr.push('');
        fr.push(cell.numFmt || 'General');
        xr.push('');
        continue;
      }
      const rc = readCell(cell);
      vr.push(rc.value);
      tr.push(rc.text);
      fr.push(rc.format);
      xr.push(rc.formula);
    }
    values.push(vr);
    text.push(tr);
    formats.push(fr);
    formulas.push(xr);
  }
  const grid: Grid = { name: ws.name, top: 0, left: 0, values, text, formats, formulas, merges: mergesOf(ws), hiddenRows };
  if (rowTotal > rows) grid.truncatedRows = rowTotal - rows;
  return grid;
}

/** Read every worksheet of an .xlsx file. Throws WorkbookReadError naming the file. */
export async function readWorkbookFile(file: string): Promise<{ workbook: ExcelJS.Workbook; grids: Grid[] }> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw openError(file, e);
  }
  return loadChecked(file, data);
}

/** Apply marks to an exceljs workbook in place: fill by severity, plus a note; the user's own note is kept above ours. */
export function applyMarks(workbook: ExcelJS.Workbook, findingsBySheet: Map<string, Finding[]>, lang: Lang = 'zh'): number {
  let n = 0;
  for (const [sheet, findings] of findingsBySheet) {
    const ws = workbook.getWorksheet(sheet);
    if (!ws) continue;
    for (const m of marksFor(findings, lang)) {
      const cell = ws.getCell(m.cell);
      // exceljs shares one style object between cells read with the same style: copy before changing
      cell.style = { ...structuredClone(cell.style), fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${m.color.slice(1)}` } } };
      const own = noteText(cell.note);
      cell.note = own ? `${own}\n\n${m.note}` : m.note;
      n++;
    }
  }
  return n;
}

/** Text that Excel would turn into a formula or a number if the cell were edited and entered again. */
const REINTERPRETED = /^(?:[=+\-@]|\s*[+-]?[\d,.]+%?\s*$)/;

/**
 * In a copy written from a user's workbook, keep text cells text: exceljs drops the quote prefix a
 * cell had in Excel (`'=HYPERLINK(…)`, `'00123`), so a text cell that Excel would re-read as a
 * formula or a number on the next edit, and whose format is General, gets the Text format (`@`).
 * Its value and how it looks are unchanged. Returns how many cells were given it.
 */
export function keepTextAsText(workbook: ExcelJS.Workbook): number {
  let n = 0;
  workbook.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (typeof cell.value !== 'string' || !REINTERPRETED.test(cell.value)) return;
        if (cell.numFmt && cell.numFmt !== 'General') return;
        cell.style = { ...structuredClone(cell.style), numFmt: '@' };
        n++;
      });
    });
  });
  return n;
}

export function noteText(note: ExcelJS.Cell['note']): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}
