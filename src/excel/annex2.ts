/**
 * Destination 1 (SPEC §7): a 附件2 sheet in the current workbook, in the seed's layout
 * (src/review/layout.ts). Finds or creates the sheet, appends the row or updates the row with the
 * same key (部门单位名称, 项目名称, 监控时点), keeps 序号 consecutive and the footer
 * (处室领导 / 经办人) below the last row. One `context.sync` to read, one to write.
 */
import type { Localized } from '../core/types';
import { keyString } from '../review/build';
import {
  ANNEX2_COL_WIDTHS, ANNEX2_ROWS, ANNEX2_WIDTH, OFFICE_LABEL, annex2Plan, findAnnex2, monitorPointText, officeText, rowCells,
  type Annex2Meta, type PlanValue,
} from '../review/layout';
import type { AppendResult, ReviewRow } from '../review/types';

export const DEFAULT_ANNEX2_SHEET = '附件2';

export class Annex2SheetError extends Error {
  constructor(
    public readonly text: Localized,
    public readonly code?: string,
  ) {
    super(`${text.zh} / ${text.en}`);
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
  all.numberFormat = plan.formats.map((r) => r.map(cellFormat));
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
  const out = await appendRowsToAnnex2Sheet([row], opts);
  return { ...out.results[0], created: out.created, syncs: out.syncs };
}

export interface Annex2RowsResult {
  /** per row, in the order given */
  results: (AppendResult & { sheetRow: number })[];
  /** the sheet was created */
  created: boolean;
  /** context.sync calls used (2 for any number of rows; 3 when a failed read is looked at again) */
  syncs: number;
}

type Where = (seq: number, sheetRow: number, updated: boolean) => Localized;

/**
 * Append several rows in one go (审核一批): one `context.sync` to read, one to write, whatever their
 * number. Each row is placed as `appendToAnnex2Sheet` places it — the sheet is followed in memory
 * from row to row — and a row whose key is already there (or came earlier in `rows`) updates it.
 * When any row is refused (another 监控时点, a sheet that is not a 附件2, protection), nothing is written.
 */
export async function appendRowsToAnnex2Sheet(rows: readonly ReviewRow[], opts: Annex2SheetOptions = {}): Promise<Annex2RowsResult> {
  const name = opts.sheetName?.trim() || DEFAULT_ANNEX2_SHEET;
  if (rows.length === 0) return { results: [], created: false, syncs: 0 };
  return Excel.run(async (context) => {
    let syncs = 0;
    const sheets = context.workbook.worksheets;
    const ws = sheets.getItemOrNullObject(name);
    ws.load('name');
    ws.protection.load('protected');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex, columnIndex, rowCount, columnCount, formulas, numberFormat');
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

    const where: Where = (seq, sheetRow, updated) => updated
      ? { zh: `已更新本工作簿“${name}”工作表第 ${sheetRow} 行（序号 ${seq}）`, en: `updated row ${sheetRow} (No. ${seq}) of sheet "${name}" in this workbook` }
      : { zh: `已追加到本工作簿“${name}”工作表第 ${sheetRow} 行（序号 ${seq}）`, en: `appended at row ${sheetRow} (No. ${seq}) of sheet "${name}" in this workbook` };

    const results: Annex2RowsResult['results'] = [];
    let target: Excel.Worksheet;
    let formulas: unknown[][];
    let formats: unknown[][];
    let rest: readonly ReviewRow[] = rows;
    if (missing || used.isNullObject) {
      target = missing ? sheets.add(name) : ws;
      if (!missing && ws.protection.protected) throw protectedError(name);
      const r = writeNewSheet(target, rows[0], opts);
      results.push({ seq: 1, updated: false, sheetRow: r + 1, where: where(1, r + 1, false) });
      // the sheet just queued, as the next rows see it
      const plan = annex2Plan([rows[0]], opts);
      formulas = plan.values.map((v) => v.map((x) => (x === null ? '' : x)));
      formats = plan.formats.map((f) => f.map(cellFormat));
      rest = rows.slice(1);
    } else {
      if (ws.protection.protected) throw protectedError(name);
      target = ws;
      formulas = fromA1Grid(used.rowIndex, used.columnIndex, used.formulas);
      formats = fromA1Grid(used.rowIndex, used.columnIndex, used.numberFormat);
    }
    for (const row of rest) results.push(queueRow(target, formulas, formats, row, opts, name, where));
    try {
      syncs++;
      await context.sync();
    } catch (e) {
      throw toAnnex2Error(e, name);
    }
    return { results, created: missing, syncs };
  });
}

/**
 * Queue the writes that put `row` into an existing 附件2 sheet whose content is `formulas` /
 * `formats` (A1-based, at least 13 columns), and update those arrays as the sheet will be.
 */
function queueRow(
  ws: Excel.Worksheet,
  formulas: unknown[][],
  formats: unknown[][],
  row: ReviewRow,
  opts: Annex2SheetOptions,
  name: string,
  where: Where,
): AppendResult & { sheetRow: number } {
  const found = findAnnex2(formulas);
  if (!found) {
    throw new Annex2SheetError({
      zh: `工作表“${name}”已有内容，但不是附件2 审核表（没有“序号 | 部门单位名称 | 项目名称”表头）；为免覆盖，未写入任何内容。请改用另一个工作表名称。`,
      en: `sheet "${name}" has content but no 附件2 table (no 序号 | 部门单位名称 | 项目名称 header); nothing was written, to avoid overwriting it. Choose another sheet name.`,
    });
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
    throw new Annex2SheetError({
      zh: `工作表“${name}”是监控时点 ${sheetMp} 的附件2，而这一行（${row.project}）是 ${rowMp}；未写入任何内容。请为 ${rowMp} 另用一个工作表。`,
      en: `sheet "${name}" is the 附件2 for ${sheetMp} but this row (${row.project}) is for ${rowMp}; nothing was written. Use another sheet for ${rowMp}.`,
    });
  }
  const key = keyString({ ...row.key, monitorPoint: sheetMp || rowMp });
  const rowKeys = found.rows.map((x) => ({ ...x, keyString: keyString({ ...x.key, monitorPoint: sheetMp || rowMp }) }));
  const existing = rowKeys.find((x) => x.keyString === key);

  if (mpRow >= 0 && !sheetMp && rowMp) {
    const text = monitorPointText(rowMp);
    ws.getRangeByIndexes(mpRow, 0, 1, 1).values = [[text]];
    formulas[mpRow][0] = text;
  }
  if (opts.office) {
    for (let r = 0; r < found.headerRow; r++) {
      if (String(formulas[r][0] ?? '').replace(/\s/g, '') === OFFICE_LABEL) {
        const text = officeText(opts.office);
        ws.getRangeByIndexes(r, 0, 1, 1).values = [[text]];
        formulas[r][0] = text;
      }
    }
  }

  const width = formulas[0].length;
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
      // move the footer (and anything below it) one row down, keeping formulas and number formats
      const height = formulas.length - sheetRow;
      const block = ws.getRangeByIndexes(sheetRow + 1, 0, height, width);
      block.numberFormat = formats.slice(sheetRow).map((r) => r.map((f) => String(f || 'General')));
      block.formulas = formulas.slice(sheetRow).map((r) => r.map((v) => v as Cell));
      // the data row below overwrites A:M of the vacated row; clear what lay to its right
      if (width > ANNEX2_WIDTH) ws.getRangeByIndexes(sheetRow, ANNEX2_WIDTH, 1, width - ANNEX2_WIDTH).values = [new Array<Cell>(width - ANNEX2_WIDTH).fill('')];
      formulas.splice(sheetRow, 0, new Array<unknown>(width).fill(''));
      formats.splice(sheetRow, 0, [...new Array<unknown>(ANNEX2_WIDTH).fill('General'), ...formats[sheetRow].slice(ANNEX2_WIDTH)]);
    }
    while (formulas.length <= sheetRow) {
      formulas.push(new Array<unknown>(width).fill(''));
      formats.push(new Array<unknown>(width).fill('General'));
    }
    dataRows.push(sheetRow);
  }
  // 序号 consecutive over the data rows, in sheet order
  const seqOf = new Map(dataRows.map((r, i) => [r, i + 1]));
  for (const r of dataRows) {
    if (r !== sheetRow && Number(formulas[r][0]) !== seqOf.get(r)) {
      ws.getRangeByIndexes(r, 0, 1, 1).values = [[seqOf.get(r)!]];
      formulas[r][0] = seqOf.get(r)!;
    }
  }
  const seq = seqOf.get(sheetRow)!;
  const cells = rowCells(row, seq);
  const range = ws.getRangeByIndexes(sheetRow, 0, 1, ANNEX2_WIDTH);
  range.numberFormat = [cells.formats.map(cellFormat)];
  range.values = [cells.values.map(cellValue)];
  cells.values.forEach((v, c) => (formulas[sheetRow][c] = cellValue(v)));
  cells.formats.forEach((f, c) => (formats[sheetRow][c] = cellFormat(f)));
  return { seq, updated, sheetRow: sheetRow + 1, where: where(seq, sheetRow + 1, updated) };
}

function protectedError(name: string): Annex2SheetError {
  return new Annex2SheetError({
    zh: `工作表“${name}”受保护，无法写入审核行，未做任何更改。请取消保护后重试。`,
    en: `sheet "${name}" is protected; the review row was not written and nothing was changed. Unprotect it and try again.`,
  }, 'AccessDenied');
}

function toAnnex2Error(e: unknown, name: string): Annex2SheetError {
  if (e instanceof Annex2SheetError) return e;
  const code = officeCode(e);
  if (code === 'AccessDenied') return protectedError(name);
  const detail = e instanceof Error ? e.message : String(e);
  return new Annex2SheetError({ zh: `写入附件2 工作表“${name}”时 Excel 报错：${detail}`, en: `Excel reported an error while writing sheet "${name}": ${detail}` }, code);
}
