/**
 * Destination 1 (design §7): a 附件2 sheet in the current workbook, in the seed's layout
 * (src/review/layout.ts). Finds or creates the sheet, appends the row or updates the row with the
 * same key (部门单位名称, 项目名称, 监控时点), keeps 序号 consecutive and the footer
 * (处室领导 / 经办人) below the last row. One `context.sync` to read, one to write — for one row
 * (生成审核行) or for a whole batch (审核一批, `appendRowsToAnnex2Sheet`).
 */
import { type Localized, LocalizedError, localize } from '../core';
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

/** Write the whole 附件2 (title, header, the rows, footer) into an empty sheet; returns the 0-based first data row. */
function writeNewSheet(ws: Excel.Worksheet, rows: readonly ReviewRow[], meta: Annex2Meta): number {
  const plan = annex2Plan(rows, meta);
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
  const batch = await appendRowsToAnnex2Sheet([row], opts);
  return { ...batch.rows[0], created: batch.created, syncs: batch.syncs };
}

/** One row's outcome in a batch append. */
export interface Annex2RowResult extends AppendResult {
  /** 1-based sheet row the data went to */
  sheetRow: number;
}

export interface Annex2BatchResult {
  /** one per row given, in the same order */
  rows: Annex2RowResult[];
  /** the sheet was added */
  created: boolean;
  /** context.sync calls used: 2, whatever the number of rows */
  syncs: number;
}

const sameMonitorPoint = (a: string, b: string) => keyString({ department: '', project: '', monitorPoint: a }) === keyString({ department: '', project: '', monitorPoint: b });

/**
 * 审核一批: append every row to the 附件2 sheet of the current workbook in one read and one write —
 * the sheet, its keys and its layout are read in one `context.sync`; the new rows are inserted at
 * once (one `Range.insert` of as many rows as there are new keys, so the footer, its merges and a
 * SUM over the data rows move as for one row) and written as one block; a row whose key is already
 * on the sheet (or earlier in the same batch) is updated in place and reported as an update.
 * Nothing is written when the sheet is protected, holds something that is not a 附件2, or any row
 * is for another 监控时点 than the sheet (or than the other rows).
 */
export async function appendRowsToAnnex2Sheet(rows: readonly ReviewRow[], opts: Annex2SheetOptions = {}): Promise<Annex2BatchResult> {
  const name = opts.sheetName?.trim() || DEFAULT_ANNEX2_SHEET;
  if (rows.length === 0) return { rows: [], created: false, syncs: 0 };
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
    const write = async () => {
      try {
        syncs++;
        await context.sync();
      } catch (e) {
        throw toAnnex2Error(e, name);
      }
    };

    if (missing || used.isNullObject) {
      if (!missing && ws.protection.protected) throw protectedError(name);
      const mps = [...new Set(rows.map((r) => r.key.monitorPoint.trim()).filter(Boolean))];
      if (mps.some((m) => !sameMonitorPoint(m, mps[0]))) throw mixedMonitorPoints(name, mps);
      // the rows of one key once, the last one given winning (a key given twice is an update)
      const unique = new Map<string, number>();
      rows.forEach((r, i) => unique.set(keyString(r.key), i));
      const kept = [...new Set(rows.map((r) => keyString(r.key)))];
      const planRows = kept.map((k) => rows[unique.get(k)!]);
      const target = missing ? sheets.add(name) : ws;
      const first = writeNewSheet(target, planRows, opts);
      await write();
      const seen = new Set<string>();
      const out = rows.map((r) => {
        const k = keyString(r.key);
        const seq = kept.indexOf(k) + 1;
        const updated = seen.has(k);
        seen.add(k);
        return { seq, updated, sheetRow: first + seq, where: where(seq, first + seq, updated) };
      });
      return { rows: out, created: missing, syncs };
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
    const rowMps = [...new Set(rows.map((r) => r.key.monitorPoint.trim()).filter(Boolean))];
    if (sheetMp) {
      const other = rowMps.find((m) => !sameMonitorPoint(m, sheetMp));
      if (other) {
        throw new Annex2SheetError(
          localize(ANNEX2_SHEET_MESSAGES, rows.length > 1 ? 'otherMonitorPointInBatch' : 'otherMonitorPoint', { sheet: name, sheetPoint: sheetMp, rowPoint: other }),
        );
      }
    } else if (rowMps.some((m) => !sameMonitorPoint(m, rowMps[0]))) {
      throw mixedMonitorPoints(name, rowMps);
    }
    const mp = sheetMp || rowMps[0] || '';
    const keyOf = (k: ReviewRow['key']) => keyString({ ...k, monitorPoint: mp });
    const rowAt = new Map<string, number>();
    for (const x of found.rows) if (!rowAt.has(keyOf(x.key))) rowAt.set(keyOf(x.key), x.row);
    const dataRows = found.rows.map((x) => x.row);

    if (mpRow >= 0 && !sheetMp && mp) ws.getRangeByIndexes(mpRow, 0, 1, 1).values = [[monitorPointText(mp)]];
    if (opts.office) {
      for (let r = 0; r < found.headerRow; r++) {
        if (String(formulas[r][0] ?? '').replace(/\s/g, '') === OFFICE_LABEL) ws.getRangeByIndexes(r, 0, 1, 1).values = [[officeText(opts.office)]];
      }
    }

    // the new keys, in the order given; the sheet rows they will take, below the last data row
    const newKeys: string[] = [];
    const newRow = new Map<string, ReviewRow>();
    const updRow = new Map<number, ReviewRow>();
    for (const r of rows) {
      const k = keyOf(r.key);
      const at = rowAt.get(k);
      if (at !== undefined) updRow.set(at, r);
      else {
        if (!newRow.has(k)) newKeys.push(k);
        newRow.set(k, r);
      }
    }
    const n = newKeys.length;
    const last = dataRows.length ? dataRows[dataRows.length - 1] : -1;
    const start = last >= 0 ? last + 1 : found.firstDataRow;
    if (n > 0) {
      const occupied = formulas.slice(start, start + n).some((r) => !r.every(blank));
      if (occupied) {
        // Insert whole rows, as a person would, so that the footer, its merged cells and anything
        // below move down with Excel's own bookkeeping — all n in one insert. They are inserted at
        // the last data row, which moves down n rows: a SUM over the data rows spans the insertion
        // and so takes in the new rows. The old last row is written back where it was and the new
        // data goes below it (over its moved copy).
        const at = last >= 0 ? last : start;
        ws.getRangeByIndexes(at, 0, n, 1).getEntireRow().insert(Excel.InsertShiftDirection.down);
        if (last >= 0) {
          const width = formulas[last].length;
          const moved = ws.getRangeByIndexes(last, 0, 1, width);
          // written through `values`, which types a string as Excel would: a real formula is a formula
          // again, and text that would be typed into something else goes into a Text cell
          const isFormula = (c: number) => typeof formulas[last][c] === 'string' && String(formulas[last][c]).startsWith('=') && values[last][c] !== formulas[last][c];
          moved.numberFormat = [formats[last].map((f, c) => (!isFormula(c) && wouldBeTyped(values[last][c]) ? '@' : String(f || 'General')))];
          moved.values = [formulas[last].map((v, c) => (isFormula(c) ? v : values[last][c]) as Cell)];
        }
      }
    }
    // 序号 consecutive over the data rows, in sheet order, the new rows last
    const placed = new Map(newKeys.map((k, i) => [k, start + i]));
    const allRows = [...dataRows, ...newKeys.map((_, i) => start + i)];
    const seqOf = new Map(allRows.map((r, i) => [r, i + 1]));
    for (const r of dataRows) {
      if (!updRow.has(r) && Number(formulas[r][0]) !== seqOf.get(r)) ws.getRangeByIndexes(r, 0, 1, 1).values = [[seqOf.get(r)!]];
    }
    for (const [r, row] of updRow) {
      const cells = rowCells(row, seqOf.get(r)!);
      const target = ws.getRangeByIndexes(r, 0, 1, ANNEX2_WIDTH);
      target.numberFormat = [safeFormats(cells.values, cells.formats)];
      target.values = [cells.values.map(cellValue)];
    }
    if (n > 0) {
      const block = newKeys.map((k, i) => rowCells(newRow.get(k)!, seqOf.get(start + i)!));
      const target = ws.getRangeByIndexes(start, 0, n, ANNEX2_WIDTH);
      target.numberFormat = block.map((c) => safeFormats(c.values, c.formats));
      target.values = block.map((c) => c.values.map(cellValue));
    }
    await write();
    const seen = new Set<string>();
    const out = rows.map((r) => {
      const k = keyOf(r.key);
      const at = rowAt.get(k) ?? placed.get(k)!;
      const seq = seqOf.get(at)!;
      const updated = rowAt.has(k) || seen.has(k);
      seen.add(k);
      return { seq, updated, sheetRow: at + 1, where: where(seq, at + 1, updated) };
    });
    return { rows: out, created: false, syncs };
  });
}

function mixedMonitorPoints(name: string, mps: readonly string[]): Annex2SheetError {
  return new Annex2SheetError(localize(ANNEX2_SHEET_MESSAGES, 'mixedMonitorPoints', { sheet: name, points: mps.join('、'), pointsEn: mps.join(', ') }));
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
