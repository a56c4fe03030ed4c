/**
 * Destination 1 (design §7): a 附件2 sheet in the current workbook, in the seed's layout
 * (src/review/layout.ts). Finds or creates the sheet, appends the row or updates the row with the
 * same key (部门单位名称, 项目名称, 监控时点), keeps 序号 consecutive and the footer
 * (处室领导 / 经办人) below the last row. One `context.sync` to read, one to write.
 */
import type { Localized } from '../core/types';
import { LocalizedError, localize } from '../core/lang';
import { ANNEX2_SHEET_MESSAGES } from './messages';
import { keyString } from '../review/build';
import {
  ANNEX2_COL_WIDTHS, ANNEX2_ROWS, ANNEX2_WIDTH, OFFICE_LABEL, annex2Plan, findAnnex2, monitorPointText, officeText, rowCells,
  type Annex2Meta, type PlanValue,
} from '../review/layout';
import type { AppendResult, ReviewRow } from '../review/types';

export const DEFAULT_ANNEX2_SHEET = '附件2';

export class Annex2SheetError extends LocalizedError {
  constructor(
    text: Localized,
    public readonly code?: string,
  ) {
    super(text);
  }
}

export interface Annex2SheetOptions extends Annex2Meta {
  sheetName?: string;
}

export interface Annex2SheetResult extends AppendResult {
  /** 1-based sheet row the data went to */
  sheetRow: number;
  created: boolean;
  /** context.sync calls used */
  syncs: number;
}

type Cell = string | number | boolean;

const cellValue = (v: PlanValue): Cell => (v === null ? '' : v);
const cellFormat = (f: string): string => f || 'General';

/**
 * Excel takes a string written through `Range.values` as if typed: `=…`, `+…`, `-…` become
 * formulas and number-, percent- or date-like text becomes a number (docs/excel-limits.md). Such a
 * string is written into a Text-formatted (`@`) cell, where Excel keeps it as it is.
 */
export function wouldBeTyped(v: unknown): boolean {
  if (typeof v !== 'string' || v === '') return false;
  const t = v.trim();
  return /^[=+\-'@]/.test(t) || /^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/.test(t) || /^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/.test(t) || /^(true|false)$/i.test(t);
}

/** Formats for a row of values: Text where a string would otherwise be typed into something else. */
function safeFormats(values: readonly PlanValue[], formats: readonly string[]): string[] {
  return values.map((v, i) => (wouldBeTyped(v) ? '@' : cellFormat(formats[i] ?? '')));
}

function officeCode(e: unknown): string | undefined {
  const o = e as { code?: unknown; debugInfo?: { code?: unknown } };
  return typeof o?.code === 'string' ? o.code : typeof o?.debugInfo?.code === 'string' ? o.debugInfo.code : undefined;
}

/** Values of the used range placed on an A1-based grid (rows × at least 13 columns). */
function fromA1Grid(rowIndex: number, columnIndex: number, values: unknown[][]): unknown[][] {
  const width = Math.max(ANNEX2_WIDTH, columnIndex + (values[0]?.length ?? 0));
  const out: unknown[][] = [];
  for (let r = 0; r < rowIndex + values.length; r++) {
    const row = new Array<unknown>(width).fill('');
    const src = r >= rowIndex ? values[r - rowIndex] : undefined;
    if (src) src.forEach((v, c) => (row[columnIndex + c] = v));
    out.push(row);
  }
  return out;
}

const blank = (v: unknown) => v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Write the whole 附件2 (title, header, one row, footer) into an empty sheet. */
function writeNewSheet(ws: Excel.Worksheet, row: ReviewRow, meta: Annex2Meta): number {
  const plan = annex2Plan([row], meta);
  const all = ws.getRangeByIndexes(0, 0, plan.values.length, ANNEX2_WIDTH);
  all.numberFormat = plan.values.map((r, i) => safeFormats(r, plan.formats[i] ?? []));
  all.values = plan.values.map((r) => r.map(cellValue));
  for (const m of plan.merges) ws.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
  const title = ws.getRangeByIndexes(ANNEX2_ROWS.title, 0, 1, ANNEX2_WIDTH);
  title.format.font.bold = true;
  title.format.font.size = 16;
  title.format.horizontalAlignment = 'Center';
  const header = ws.getRangeByIndexes(plan.headerRows[0], 0, 2, ANNEX2_WIDTH);
  header.format.font.bold = true;
  header.format.horizontalAlignment = 'Center';
  header.format.verticalAlignment = 'Center';
  header.format.wrapText = true;
  // characters → points, roughly
  ANNEX2_COL_WIDTHS.forEach((w, c) => {
    ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(w * 7.5);
  });
  return plan.firstDataRow;
}

/**
 * Append `row` to the 附件2 sheet of the current workbook, or update the row with its key.
 * Nothing is written when the sheet is protected, holds something that is not a 附件2, or is
 * for another 监控时点.
 */
export async function appendToAnnex2Sheet(row: ReviewRow, opts: Annex2SheetOptions = {}): Promise<Annex2SheetResult> {
  const name = opts.sheetName?.trim() || DEFAULT_ANNEX2_SHEET;
  return Excel.run(async (context) => {
    let syncs = 0;
    const sheets = context.workbook.worksheets;
    const ws = sheets.getItemOrNullObject(name);
    ws.load('name');
    ws.protection.load('protected');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex, columnIndex, rowCount, columnCount, values, formulas, numberFormat');
    let missing = false;
    try {
      syncs++;
      await context.sync();
      missing = ws.isNullObject;
    } catch (e) {
      // a missing sheet: its used range cannot be resolved either (ItemNotFound). Any other error:
      // look once more whether the sheet exists before calling it missing.
      if (officeCode(e) !== 'ItemNotFound') {
        const again = sheets.getItemOrNullObject(name);
        again.load('name');
        syncs++;
        await context.sync();
        if (!again.isNullObject) throw toAnnex2Error(e, name);
      }
      missing = true;
    }

    const where = (seq: number, sheetRow: number, updated: boolean): Localized =>
      localize(ANNEX2_SHEET_MESSAGES, updated ? 'updated' : 'appended', { sheet: name, row: sheetRow, seq });

    if (missing || used.isNullObject) {
      const target = missing ? sheets.add(name) : ws;
      if (!missing && ws.protection.protected) throw protectedError(name);
      const r = writeNewSheet(target, row, opts);
      try {
        syncs++;
        await context.sync();
      } catch (e) {
        throw toAnnex2Error(e, name);
      }
      return { seq: 1, updated: false, created: missing, sheetRow: r + 1, syncs, where: where(1, r + 1, false) };
    }

    if (ws.protection.protected) throw protectedError(name);
    const formulas = fromA1Grid(used.rowIndex, used.columnIndex, used.formulas);
    const formats = fromA1Grid(used.rowIndex, used.columnIndex, used.numberFormat);
    const values = fromA1Grid(used.rowIndex, used.columnIndex, used.values);
    const found = findAnnex2(formulas);
    if (!found) {
      throw new Annex2SheetError(localize(ANNEX2_SHEET_MESSAGES, 'notAnnex2', { sheet: name }));
    }
    // the sheet's 监控时点 line
    let mpRow = -1;
    let sheetMp = '';
    for (let r = 0; r < found.headerRow; r++) {
      const t = String(formulas[r][0] ?? '');
      if (/^\s*监控时点\s*[:：]/.test(t)) {
        mpRow = r;
        sheetMp = t.replace(/^\s*监控时点\s*[:：]\s*/, '').trim();
        if (/^年\s*月$/.test(sheetMp.replace(/[\s\u00a0]+/g, ''))) sheetMp = '';
      }
    }
    const rowMp = row.key.monitorPoint.trim();
    if (sheetMp && rowMp && keyString({ department: '', project: '', monitorPoint: sheetMp }) !== keyString({ department: '', project: '', monitorPoint: rowMp })) {
      throw new Annex2SheetError(localize(ANNEX2_SHEET_MESSAGES, 'otherMonitorPoint', { sheet: name, sheetPoint: sheetMp, rowPoint: rowMp }));
    }
    const key = keyString({ ...row.key, monitorPoint: sheetMp || rowMp });
    const rowKeys = found.rows.map((x) => ({ ...x, keyString: keyString({ ...x.key, monitorPoint: sheetMp || rowMp }) }));
    const existing = rowKeys.find((x) => x.keyString === key);

    if (mpRow >= 0 && !sheetMp && rowMp) ws.getRangeByIndexes(mpRow, 0, 1, 1).values = [[monitorPointText(rowMp)]];
    if (opts.office) {
      for (let r = 0; r < found.headerRow; r++) {
        if (String(formulas[r][0] ?? '').replace(/\s/g, '') === OFFICE_LABEL) ws.getRangeByIndexes(r, 0, 1, 1).values = [[officeText(opts.office)]];
      }
    }

    let sheetRow: number;
    let updated = false;
    const dataRows = rowKeys.map((x) => x.row);
    if (existing) {
      sheetRow = existing.row;
      updated = true;
    } else {
      sheetRow = dataRows.length ? dataRows[dataRows.length - 1] + 1 : found.firstDataRow;
      const occupied = sheetRow < formulas.length && !formulas[sheetRow].every(blank);
      if (occupied) {
        // Insert a whole row, as a person would, so that the footer, its merged cells and anything
        // below move down with Excel's own bookkeeping. It is inserted at the last data row, which
        // moves down one: a SUM over the data rows spans the insertion and so takes in the new row.
        // The old last row is written back into the inserted row and the new data goes below it.
        const last = dataRows.length ? dataRows[dataRows.length - 1] : sheetRow;
        ws.getRangeByIndexes(last, 0, 1, 1).getEntireRow().insert(Excel.InsertShiftDirection.down);
        if (last !== sheetRow) {
          const width = formulas[last].length;
          const moved = ws.getRangeByIndexes(last, 0, 1, width);
          // written through `values`, which types a string as Excel would: a real formula is a formula
          // again, and text that would be typed into something else goes into a Text cell
          const isFormula = (c: number) => typeof formulas[last][c] === 'string' && String(formulas[last][c]).startsWith('=') && values[last][c] !== formulas[last][c];
          moved.numberFormat = [formats[last].map((f, c) => (!isFormula(c) && wouldBeTyped(values[last][c]) ? '@' : String(f || 'General')))];
          moved.values = [formulas[last].map((v, c) => (isFormula(c) ? v : values[last][c]) as Cell)];
        }
      }
      dataRows.push(sheetRow);
    }
    // 序号 consecutive over the data rows, in sheet order
    const seqOf = new Map(dataRows.map((r, i) => [r, i + 1]));
    for (const r of dataRows) {
      if (r !== sheetRow && Number(formulas[r][0]) !== seqOf.get(r)) ws.getRangeByIndexes(r, 0, 1, 1).values = [[seqOf.get(r)!]];
    }
    const seq = seqOf.get(sheetRow)!;
    const cells = rowCells(row, seq);
    const target = ws.getRangeByIndexes(sheetRow, 0, 1, ANNEX2_WIDTH);
    target.numberFormat = [safeFormats(cells.values, cells.formats)];
    target.values = [cells.values.map(cellValue)];
    try {
      syncs++;
      await context.sync();
    } catch (e) {
      throw toAnnex2Error(e, name);
    }
    return { seq, updated, created: false, sheetRow: sheetRow + 1, syncs, where: where(seq, sheetRow + 1, updated) };
  });
}

function protectedError(name: string): Annex2SheetError {
  return new Annex2SheetError(localize(ANNEX2_SHEET_MESSAGES, 'protected', { sheet: name }), 'AccessDenied');
}

function toAnnex2Error(e: unknown, name: string): Annex2SheetError {
  if (e instanceof Annex2SheetError) return e;
  const code = officeCode(e);
  if (code === 'AccessDenied') return protectedError(name);
  const detail = e instanceof Error ? e.message : String(e);
  return new Annex2SheetError(localize(ANNEX2_SHEET_MESSAGES, 'excelError', { sheet: name, detail }), code);
}
