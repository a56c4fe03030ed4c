/**
 * The workbook behind the Excel simulator: plain data, no Office.js, no Node APIs (it also runs in a browser page).
 * Rows and columns are 0-based and absolute on the sheet.
 */
import { type CellValue, type Grid, type MergedArea, columnLetters, formatValue, fromA1, toA1 } from '../core';

export interface SimCell {
  /** the value Excel shows in `Range.values` (a formula's cached result for formula cells); null = empty */
  value: CellValue;
  /** `=…` when the cell holds a formula */
  formula?: string;
  /** number format; absent = General */
  format?: string;
  /** display text when it differs from formatValue(value, format) (e.g. dates read by exceljs) */
  text?: string;
  /** fill colour `#RRGGBB`; absent = no fill */
  fill?: string;
  /** fill pattern when not solid (Office.js names: Gray50, LightUp …, or LinearGradient / RectangularGradient) */
  fillPattern?: string;
  /** theme tint of the fill colour (-1…1; absent = 0) */
  fillTint?: number;
  /** colour of a pattern fill's pattern `#RRGGBB` */
  patternColor?: string;
  /** theme tint of the pattern colour */
  patternTint?: number;
  /** the cell's note (legacy comment) */
  note?: string;
  /** the cell's threaded comment (plain text of the first message) */
  comment?: string;
  /** other formatting (font.bold, wrapText, horizontalAlignment …), keyed by the Office.js property path */
  style?: Record<string, unknown>;
}

export interface SimSheet {
  name: string;
  /** stable id, like Office.js Worksheet.id */
  id: string;
  cells: Map<string, SimCell>;
  /** absolute merged areas */
  merges: MergedArea[];
  hiddenRows: Set<number>;
  protected: boolean;
  /** the workbook is open read-only (Viewing mode on the web, a read-only file): every write is AccessDenied */
  readOnly?: boolean;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  /** column widths in points, by 0-based column */
  columnWidths: Map<number, number>;
}

export interface SimWorkbook {
  sheets: SimSheet[];
  /** name of the active sheet */
  active: string;
  /** workbook settings (Excel.SettingCollection): saved with the workbook */
  settings: Map<string, unknown>;
  /** the current selection */
  selection: { sheet: string; address: string };
  /** the simulated host supports ExcelApi 1.<excelApiMinor> (18 = notes, 10 = comments, 9 = getRanges …) */
  excelApiMinor: number;
  /** limits of the simulated host beyond its API level (see profiles.ts); absent = none */
  host?: HostLimits;
}

/** What a host profile enforces beyond the API level (docs/excel-limits.md). */
export interface HostLimits {
  /** profile id (web, win365, mac365, ltsc2024, ltsc2021) */
  id: string;
  /** request and response payload cap of one sync, in bytes (Excel on the web: 5 MB) */
  payloadCap?: number;
  /** APIs the host claims through isSetSupported but that throw NotImplemented: 'notes.load', 'notes.add', 'comments.load', 'comments.add' */
  notImplemented?: string[];
  /** how Range.text renders dates: zh-CN (2020/9/30, 2020年9月) or en-US (9/30/2020, Sep-20) */
  locale?: 'zh-CN' | 'en-US';
}

let idCounter = 0;
export function newSheetId(): string {
  idCounter++;
  return `{00000000-0001-0000-0000-${String(idCounter).padStart(12, '0')}}`;
}

export function key(row: number, col: number): string {
  return `${row},${col}`;
}

export function emptySheet(name: string): SimSheet {
  return { name, id: newSheetId(), cells: new Map(), merges: [], hiddenRows: new Set(), protected: false, visibility: 'Visible', columnWidths: new Map() };
}

export function getCell(sheet: SimSheet, row: number, col: number): SimCell | undefined {
  return sheet.cells.get(key(row, col));
}

/** The cell, created empty when missing. */
export function cellFor(sheet: SimSheet, row: number, col: number): SimCell {
  const k = key(row, col);
  let c = sheet.cells.get(k);
  if (!c) {
    c = { value: null };
    sheet.cells.set(k, c);
  }
  return c;
}

/** A number format that shows a date (y/m/d tokens outside quotes and brackets). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[yd]/i.test(bare);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Display text of a date serial as Excel renders it under a locale (the locale's short date; month-year formats as Sep-20 / 2020年9月). */
export function localeDateText(serial: number, format: string, locale: 'zh-CN' | 'en-US'): string {
  const d = new Date(Math.round((serial - 25569) * 86400000));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const hasDay = /d/i.test(format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));
  if (locale === 'en-US') return hasDay ? `${m}/${day}/${y}` : `${MONTHS[m - 1]}-${String(y % 100).padStart(2, '0')}`;
  return hasDay ? `${y}/${m}/${day}` : `${y}年${m}月`;
}

export function cellText(c: SimCell | undefined, locale?: 'zh-CN' | 'en-US'): string {
  if (!c || c.value === null) return '';
  if (locale && typeof c.value === 'number' && isDateFormat(c.format)) return localeDateText(c.value, c.format!, locale);
  if (c.text !== undefined) return c.text;
  return formatValue(c.value, c.format ?? 'General');
}

/** Counts as "used" like Excel's used range: a value, a formula or any formatting. */
function isUsed(c: SimCell, valuesOnly: boolean): boolean {
  if (c.value !== null && c.value !== '') return true;
  if (c.formula) return true;
  if (valuesOnly) return false;
  return !!(c.fill || c.note || c.comment || (c.format && c.format !== 'General') || (c.style && Object.keys(c.style).length));
}

export interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** Bounding box of the used cells, or null for an empty sheet. */
export function usedBox(sheet: SimSheet, valuesOnly = false): Box | null {
  let box: Box | null = null;
  for (const [k, c] of sheet.cells) {
    if (!isUsed(c, valuesOnly)) continue;
    const [r, col] = k.split(',').map(Number);
    if (!box) box = { r0: r, c0: col, r1: r, c1: col };
    else {
      box.r0 = Math.min(box.r0, r);
      box.c0 = Math.min(box.c0, col);
      box.r1 = Math.max(box.r1, r);
      box.c1 = Math.max(box.c1, col);
    }
  }
  return box;
}

// ---------- addresses ----------

/** Quote a sheet name the way Excel does in addresses. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u3400-\u9fff][A-Za-z0-9_.\u3400-\u9fff]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function boxA1(b: Box): string {
  const a = toA1(b.r0, b.c0);
  return b.r0 === b.r1 && b.c0 === b.c1 ? a : `${a}:${toA1(b.r1, b.c1)}`;
}

export function boxAddress(sheet: string, b: Box): string {
  return `${quoteSheet(sheet)}!${boxA1(b)}`;
}

/** Split `'My sheet'!A1:B2` into sheet name (or undefined) and the local part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const s = address.trim();
  const bang = s.lastIndexOf('!');
  if (bang < 0) return { local: s };
  let name = s.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheet: name, local: s.slice(bang + 1) };
}

/** Parse one area: `A1`, `A1:C3`, `A:C` (whole columns), `3:5` (whole rows). Throws on anything else. */
export function parseArea(local: string): Box {
  const [a, b] = local.replace(/\$/g, '').split(':');
  const whole = (x: string) => /^[A-Za-z]{1,3}$/.test(x);
  const rows = (x: string) => /^\d+$/.test(x);
  if (b !== undefined && whole(a) && whole(b)) {
    return { r0: 0, c0: fromA1(`${a}1`).col, r1: 1048575, c1: fromA1(`${b}1`).col };
  }
  if (b !== undefined && rows(a) && rows(b)) return { r0: Number(a) - 1, c0: 0, r1: Number(b) - 1, c1: 16383 };
  const s = fromA1(a);
  const e = b === undefined ? s : fromA1(b);
  return { r0: Math.min(s.row, e.row), c0: Math.min(s.col, e.col), r1: Math.max(s.row, e.row), c1: Math.max(s.col, e.col) };
}

export function intersects(a: Box, b: Box): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

export function mergeBox(m: MergedArea): Box {
  return { r0: m.top, c0: m.left, r1: m.bottom, c1: m.right };
}

export { columnLetters, toA1 };

// ---------- building a workbook ----------

/** A Grid (the engine's sheet snapshot) plus what a workbook also carries. Everything is grid-relative. */
export interface SheetSpec extends Grid {
  /** fills `#RRGGBB` by [row][col] (grid-relative); '' or undefined = none */
  fills?: (string | undefined)[][];
  /** notes keyed by A1 address (absolute) */
  notes?: Record<string, string>;
  /** threaded comments keyed by A1 address (absolute) */
  comments?: Record<string, string>;
  protected?: boolean;
  visibility?: SimSheet['visibility'];
}

export interface WorkbookOptions {
  /** sheet to activate; default the first */
  active?: string;
  /** ExcelApi 1.<minor> of the simulated host; default 18 (every API the add-in may use) */
  excelApiMinor?: number;
  settings?: Record<string, unknown>;
}

export function sheetFromSpec(spec: SheetSpec): SimSheet {
  const sheet = emptySheet(spec.name);
  const rows = spec.values.length;
  for (let r = 0; r < rows; r++) {
    const vr = spec.values[r] ?? [];
    const width = Math.max(vr.length, spec.formats?.[r]?.length ?? 0, spec.fills?.[r]?.length ?? 0);
    for (let c = 0; c < width; c++) {
      const v = vr[c];
      const value: CellValue = v === undefined || v === '' ? null : v;
      const format = spec.formats?.[r]?.[c];
      const formula = spec.formulas?.[r]?.[c];
      const fill = spec.fills?.[r]?.[c];
      const text = spec.text?.[r]?.[c];
      if (value === null && !formula && (!format || format === 'General') && !fill) continue;
      const cell: SimCell = { value };
      if (format && format !== 'General') cell.format = format;
      if (formula && formula.startsWith('=')) cell.formula = formula;
      if (fill) cell.fill = fill.toUpperCase();
      if (text !== undefined && value !== null && text !== formatValue(value, format ?? 'General')) cell.text = text;
      sheet.cells.set(key(spec.top + r, spec.left + c), cell);
    }
  }
  for (const m of spec.merges ?? []) {
    sheet.merges.push({ top: m.top + spec.top, left: m.left + spec.left, bottom: m.bottom + spec.top, right: m.right + spec.left });
  }
  for (const h of spec.hiddenRows ?? []) sheet.hiddenRows.add(h + spec.top);
  for (const [a, text] of Object.entries(spec.notes ?? {})) {
    const { row, col } = fromA1(a);
    cellFor(sheet, row, col).note = text;
  }
  for (const [a, text] of Object.entries(spec.comments ?? {})) {
    const { row, col } = fromA1(a);
    cellFor(sheet, row, col).comment = text;
  }
  sheet.protected = !!spec.protected;
  if (spec.visibility) sheet.visibility = spec.visibility;
  return sheet;
}

/** Build a simulated workbook from Grid-like sheet descriptions. */
export function workbookFromGrids(sheets: SheetSpec[], opts: WorkbookOptions = {}): SimWorkbook {
  const built = sheets.map(sheetFromSpec);
  const active = opts.active ?? built[0]?.name ?? 'Sheet1';
  if (built.length === 0) built.push(emptySheet(active));
  return {
    sheets: built,
    active,
    settings: new Map(Object.entries(opts.settings ?? {})),
    selection: { sheet: active, address: 'A1' },
    excelApiMinor: opts.excelApiMinor ?? 18,
  };
}

/**
 * Why Excel refuses a worksheet name, or null (docs/excel-limits.md row 16): blank, longer than 31
 * characters, one of \ / ? * : [ ], starting or ending with an apostrophe, or "History".
 */
export function sheetNameProblem(name: string): string | null {
  if (!name.trim()) return 'a sheet name cannot be blank';
  if (name.length > 31) return 'a sheet name has at most 31 characters';
  if (/[\\/?*:[\]]/.test(name)) return 'a sheet name cannot contain \\ / ? * : [ ]';
  if (name.startsWith("'") || name.endsWith("'")) return 'a sheet name cannot start or end with an apostrophe';
  if (name.toLowerCase() === 'history') return '"History" is reserved';
  return null;
}

export function findSheet(wb: SimWorkbook, name: string): SimSheet | undefined {
  const lower = name.toLowerCase();
  return wb.sheets.find((s) => s.name.toLowerCase() === lower);
}

/** A snapshot of one sheet as the engine's Grid (used range, grid-relative), for tests and the demo's rendering. */
export function sheetToGrid(sheet: SimSheet): Grid {
  const box = usedBox(sheet) ?? { r0: 0, c0: 0, r1: 0, c1: 0 };
  const values: CellValue[][] = [];
  const text: string[][] = [];
  const formats: string[][] = [];
  const formulas: string[][] = [];
  for (let r = box.r0; r <= box.r1; r++) {
    const vr: CellValue[] = [];
    const tr: string[] = [];
    const fr: string[] = [];
    const xr: string[] = [];
    for (let c = box.c0; c <= box.c1; c++) {
      const cell = getCell(sheet, r, c);
      vr.push(cell?.value ?? null);
      tr.push(cellText(cell));
      fr.push(cell?.format ?? 'General');
      xr.push(cell?.formula ?? '');
    }
    values.push(vr);
    text.push(tr);
    formats.push(fr);
    formulas.push(xr);
  }
  return {
    name: sheet.name,
    top: box.r0,
    left: box.c0,
    values,
    text,
    formats,
    formulas,
    merges: sheet.merges.map((m) => ({ top: m.top - box.r0, left: m.left - box.c0, bottom: m.bottom - box.r0, right: m.right - box.c0 })),
    hiddenRows: [...sheet.hiddenRows].filter((r) => r >= box.r0 && r <= box.r1).map((r) => r - box.r0).sort((a, b) => a - b),
  };
}

/** Give every sheet a new id, as a new session on another host may (docs/excel-limits.md, sheet ids). `reuse` hands the old ids out again in reverse order, so a record's id points at another sheet. */
export function newSession(wb: SimWorkbook, reuse = false): void {
  const old = wb.sheets.map((s) => s.id);
  wb.sheets.forEach((s, i) => {
    s.id = reuse ? old[old.length - 1 - i] : newSheetId();
  });
}

/** Deep copy (for before/after comparisons in tests). */
export function cloneWorkbook(wb: SimWorkbook): SimWorkbook {
  return {
    sheets: wb.sheets.map((s) => ({
      ...s,
      cells: new Map([...s.cells].map(([k, c]) => [k, c.style ? { ...c, style: { ...c.style } } : { ...c }])),
      merges: s.merges.map((m) => ({ ...m })),
      hiddenRows: new Set(s.hiddenRows),
      columnWidths: new Map(s.columnWidths),
    })),
    active: wb.active,
    settings: new Map([...wb.settings].map(([k, v]) => [k, JSON.parse(JSON.stringify(v ?? null))])),
    selection: { ...wb.selection },
    excelApiMinor: wb.excelApiMinor,
    host: wb.host,
  };
}
