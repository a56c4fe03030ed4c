/**
 * Grid model: a plain, serialisable snapshot of one sheet's used range.
 * It carries exactly what Excel's `Range.values / text / numberFormat / formulas` give,
 * so the pane (Office.js), the CLI (exceljs) and the tests all feed the engine the same shape.
 */

/** A cell value as the engine sees it. Excel error values are strings such as "#DIV/0!". */
export type CellValue = number | string | boolean | null;

export interface MergedArea {
  /** 0-based, relative to the grid's top-left cell */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  /** sheet name */
  name: string;
  /** 0-based sheet row / column of values[0][0] (the used range may not start at A1) */
  top: number;
  left: number;
  /** values[r][c]; rows may be ragged; missing = empty */
  values: CellValue[][];
  /** display text as the user sees it (`77%`, `109.00%`); when absent the engine formats the value */
  text?: string[][];
  /** number formats (`0%`, `0.00%`, `General`) */
  formats?: string[][];
  /** formulas (`=G8/C8`); empty string when the cell holds a constant */
  formulas?: string[][];
  merges?: MergedArea[];
  /** 0-based row indexes relative to `top` that are hidden */
  hiddenRows?: number[];
  /** when the reader had to cut a huge used range, the number of rows it dropped */
  truncatedRows?: number;
}

export interface CellRef {
  /** 0-based, relative to the grid */
  row: number;
  col: number;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  if (col >= 0 && col < 26) return LETTERS[col]; // a form's columns: one letter
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = LETTERS[m] + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Absolute 0-based sheet row/column → A1 address. */
export function toA1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** A1 address → absolute 0-based sheet row/column. Throws on a malformed address. */
export function fromA1(address: string): { row: number; col: number } {
  // read character by character: the rules convert addresses for every finding, and the regex
  // with its captures cost more than the conversion itself
  const s = address.trim();
  let i = s.charCodeAt(0) === DOLLAR ? 1 : 0;
  let col = 0;
  const lettersFrom = i;
  for (; i < s.length && i - lettersFrom < 3; i++) {
    const letter = letterIndex(s.charCodeAt(i));
    if (letter === 0) break;
    col = col * 26 + letter;
  }
  const lettersEnd = i;
  if (s.charCodeAt(i) === DOLLAR) i++;
  const digitsFrom = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (lettersEnd === lettersFrom || digitsFrom === i || i !== s.length) throw new Error(`Not an A1 cell address: ${address}`);
  return { row: Number(s.slice(digitsFrom)) - 1, col: col - 1 };
}

const DOLLAR = 36;

/** A → 1 … Z → 26 (either case); 0 for anything else. */
function letterIndex(code: number): number {
  if (code >= 65 && code <= 90) return code - 64;
  if (code >= 97 && code <= 122) return code - 96;
  return 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A1 address of a grid-relative cell. */
export function gridA1(grid: Grid, ref: CellRef): string {
  return toA1(grid.top + ref.row, grid.left + ref.col);
}

export function rowCount(grid: Grid): number {
  return grid.values.length;
}

export function colCount(grid: Grid): number {
  let n = 0;
  for (const row of grid.values) if (row.length > n) n = row.length;
  return n;
}

export function valueAt(grid: Grid, row: number, col: number): CellValue {
  const v = grid.values[row]?.[col];
  return v === undefined || v === '' ? null : v;
}

export function formatAt(grid: Grid, row: number, col: number): string {
  return grid.formats?.[row]?.[col] ?? 'General';
}

export function formulaAt(grid: Grid, row: number, col: number): string | undefined {
  const f = grid.formulas?.[row]?.[col];
  return typeof f === 'string' && f.startsWith('=') ? f : undefined;
}

/** Display text of a cell: the reader's text when it has one, else the value formatted by its number format. */
export function textAt(grid: Grid, row: number, col: number): string {
  const t = grid.text?.[row]?.[col];
  if (t !== undefined && t !== null && t !== '') return String(t);
  const v = valueAt(grid, row, col);
  if (v === null) return '';
  return formatValue(v, formatAt(grid, row, col));
}

/**
 * Formats a value the way Excel shows it for the number formats forms use:
 * General, 0, 0.0…, #,##0…, 0%, 0.00%. Anything else falls back to General.
 */
export function formatValue(v: CellValue, format: string): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  // most cells are General: decided without splitting the format or testing it
  if (!format || format === 'General') return generalNumber(v);
  const { pct, general, decimals, thousands } = numberFormatOf(format);
  if (pct) return `${fixed(v * 100, decimals, thousands)}%`;
  if (general) return generalNumber(v);
  return fixed(v, decimals, thousands);
}

/** What formatValue needs of a number format (its first section). */
interface NumberFormat {
  pct: boolean;
  /** shown as General: the word itself, or no digit placeholder */
  general: boolean;
  decimals: number;
  thousands: boolean;
}

// a workbook's cells share a few formats, and so do the workbooks of a batch: each is read once
// (bounded: cleared when it holds more than MAX_FORMATS)
const formats = new Map<string, NumberFormat>();
const MAX_FORMATS = 1000;

function numberFormatOf(format: string): NumberFormat {
  let f = formats.get(format);
  if (f) return f;
  const semicolon = format.indexOf(';');
  const fmt = semicolon < 0 ? format : format.slice(0, semicolon);
  const dec = /0\.(0+)/.exec(fmt);
  f = { pct: fmt.includes('%'), general: /^general$/i.test(fmt) || !/0/.test(fmt), decimals: dec ? dec[1].length : 0, thousands: /#,##0|0,0/.test(fmt) };
  if (formats.size >= MAX_FORMATS) formats.clear();
  formats.set(format, f);
  return f;
}

function fixed(v: number, decimals: number, thousands: boolean): string {
  // round half away from zero like Excel, avoiding binary artefacts (1.005 → 1.01)
  const f = 10 ** decimals;
  const r = Math.sign(v) * Math.round(Math.abs(v) * f + 1e-9) / f;
  let s = r.toFixed(decimals);
  if (thousands) {
    const [i, d] = s.split('.');
    s = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (d ? `.${d}` : '');
  }
  return s;
}

function generalNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const s = Number(v.toPrecision(11)).toString();
  return s;
}
