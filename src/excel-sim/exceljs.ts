/**
 * Node-only adapter: build a simulator workbook from an exceljs workbook or an .xlsx file
 * (values, formulas, number formats, display text, solid fills, notes, merges, hidden rows,
 * sheet protection and visibility). Kept apart so the simulator itself stays browser-safe.
 */
import ExcelJS from 'exceljs';
import { mergesOf, noteText, readCell } from '../node/xlsx';
import { type SimCell, type SimSheet, type SimWorkbook, type WorkbookOptions, emptySheet, key } from './model';

function argbToHex(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9A-Fa-f]{6,8}$/.test(argb)) return undefined;
  return `#${argb.slice(-6).toUpperCase()}`;
}

/** exceljs (OOXML) pattern names → Office.js FillPattern. */
const PATTERNS: Record<string, string> = {
  solid: 'Solid', mediumGray: 'Gray50', darkGray: 'Gray75', lightGray: 'Gray25', gray125: 'Gray16', gray0625: 'Gray8',
  darkHorizontal: 'Horizontal', darkVertical: 'Vertical', darkDown: 'Down', darkUp: 'Up', darkGrid: 'Checker',
  darkTrellis: 'SemiGray75', lightHorizontal: 'LightHorizontal', lightVertical: 'LightVertical', lightDown: 'LightDown',
  lightUp: 'LightUp', lightGrid: 'Grid', lightTrellis: 'CrissCross',
};

function readFill(fill: ExcelJS.Fill | undefined): { color: string; pattern?: string } | undefined {
  if (!fill || fill.type !== 'pattern' || !PATTERNS[fill.pattern]) return undefined;
  const color = argbToHex((fill.fgColor as { argb?: string } | undefined)?.argb) ?? '#FFFFFF';
  return fill.pattern === 'solid' ? { color } : { color, pattern: PATTERNS[fill.pattern] };
}

export function sheetFromExceljs(ws: ExcelJS.Worksheet): SimSheet {
  const sheet = emptySheet(ws.name);
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.hidden) sheet.hiddenRows.add(r - 1);
    for (let c = 1; c <= ws.columnCount; c++) {
      const xc = row.getCell(c);
      if (xc.isMerged && xc.master !== xc) continue;
      const rc = readCell(xc);
      const fill = readFill(xc.fill);
      const note = noteText(xc.note);
      if (rc.value === null && !rc.formula && rc.format === 'General' && !fill && !note) continue;
      const cell: SimCell = { value: rc.value };
      if (rc.formula) cell.formula = rc.formula;
      if (rc.format && rc.format !== 'General') cell.format = rc.format;
      if (fill) cell.fill = fill.color;
      if (fill?.pattern) cell.fillPattern = fill.pattern;
      if (note) cell.note = note;
      // keep exceljs's text only where our formatter would show something else (dates)
      if (rc.value !== null && typeof rc.value === 'number' && xc.value instanceof Date) cell.text = rc.text;
      sheet.cells.set(key(r - 1, c - 1), cell);
    }
  }
  sheet.merges.push(...mergesOf(ws));
  for (let c = 1; c <= ws.columnCount; c++) {
    const w = ws.getColumn(c).width;
    if (w) sheet.columnWidths.set(c - 1, w * 7.5);
  }
  sheet.protected = !!(ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet;
  sheet.visibility = ws.state === 'veryHidden' ? 'VeryHidden' : ws.state === 'hidden' ? 'Hidden' : 'Visible';
  return sheet;
}

export function workbookFromExceljs(wb: ExcelJS.Workbook, opts: WorkbookOptions = {}): SimWorkbook {
  const sheets = wb.worksheets.map(sheetFromExceljs);
  const active = opts.active ?? sheets.find((s) => s.visibility === 'Visible')?.name ?? sheets[0]?.name ?? 'Sheet1';
  if (sheets.length === 0) sheets.push(emptySheet(active));
  return {
    sheets,
    active,
    settings: new Map(Object.entries(opts.settings ?? {})),
    selection: { sheet: active, address: 'A1' },
    excelApiMinor: opts.excelApiMinor ?? 18,
  };
}

/** Read an .xlsx file into a simulator workbook. */
export async function workbookFromXlsxFile(file: string, opts: WorkbookOptions = {}): Promise<SimWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return workbookFromExceljs(wb, opts);
}
