/**
 * Node only: writes the 附件2 审核表 as an .xlsx with exceljs, in the seed's layout (src/review/layout.ts).
 * Used by `jixiao review --out` and the review server's GET /api/annex2.xlsx.
 */
import ExcelJS from 'exceljs';
import { writeWorkbookSafely } from '../node/write';
import { GRAPH_TABLE_HEADER } from './graph';
import { annex2Plan, ANNEX2_WIDTH, type Annex2Meta } from './layout';
import type { ReviewRow } from './types';
import { LocalizedError, localize } from '../core';
import { REVIEW_MESSAGES } from './messages';

export const ANNEX2_SHEET = '附件2';

/**
 * Excel's Text number format. Every text cell we write carries it, so that editing the cell in
 * Excel keeps what is typed as text: a project name such as `=HYPERLINK(…)` read from a submitted
 * form stays a string and never becomes a live formula. (Excel's other marker, the xf attribute
 * quotePrefix, is not written by exceljs; the Text format is honoured by Excel, LibreOffice and WPS.)
 */
export const TEXT_FORMAT = '@';

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** Add a 附件2 sheet holding `rows` (序号 1..n in order) to a workbook. */
export function addAnnex2Sheet(wb: ExcelJS.Workbook, rows: readonly ReviewRow[], meta: Annex2Meta = {}, name = ANNEX2_SHEET): ExcelJS.Worksheet {
  const plan = annex2Plan(rows, meta);
  const ws = wb.addWorksheet(name, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 } });
  plan.values.forEach((line, r) => {
    line.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      const f = plan.formats[r][c];
      if (f) cell.numFmt = f;
      else if (typeof v === 'string' && v !== '') cell.numFmt = TEXT_FORMAT;
    });
  });
  for (const m of plan.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  plan.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const title = ws.getCell(2, 1);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(2).height = 28;
  const lastTable = plan.firstDataRow + plan.dataRows; // 0-based exclusive
  for (let r = plan.headerRows[0]; r < lastTable; r++) {
    const header = r < plan.firstDataRow;
    for (let c = 0; c < ANNEX2_WIDTH; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      cell.border = box;
      cell.alignment = { horizontal: header || c === 0 || c >= 3 ? 'center' : 'left', vertical: 'middle', wrapText: true };
      if (header) cell.font = { bold: true };
    }
  }
  ws.views = [{ state: 'frozen', ySplit: plan.firstDataRow, xSplit: 0 }];
  return ws;
}

/** The whole 附件2 workbook as bytes. */
export async function annex2Xlsx(rows: readonly ReviewRow[], meta: Annex2Meta = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效监控校验';
  addAnnex2Sheet(wb, rows, meta);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Write the 附件2 workbook to a file. */
export async function writeAnnex2File(file: string, rows: readonly ReviewRow[], meta: Annex2Meta = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效监控校验';
  addAnnex2Sheet(wb, rows, meta);
  await writeWorkbookSafely(file, wb);
}

/**
 * The 附件2 as a workbook for the Microsoft Graph destination: the same title lines, then an Excel
 * table (one header row, GRAPH_TABLE_HEADER; tables cannot have the two-row merged header) holding
 * the rows; the footer sits above the table (I3:I4), so nothing is below it for appends to move. Upload it to OneDrive / SharePoint, share it, and give its link and the
 * table name in the pane.
 */
export function addGraphTableSheet(wb: ExcelJS.Workbook, rows: readonly ReviewRow[], meta: Annex2Meta = {}, tableName = ANNEX2_SHEET, name = ANNEX2_SHEET): ExcelJS.Worksheet {
  if (rows.length === 0) throw new LocalizedError(localize(REVIEW_MESSAGES, 'tableNeedsRow'));
  const plan = annex2Plan(rows, meta);
  const ws = wb.addWorksheet(name);
  for (let r = 0; r < 4; r++) ws.getCell(r + 1, 1).value = plan.values[r][0] as string;
  ws.mergeCells(2, 1, 2, ANNEX2_WIDTH);
  ws.getCell(2, 1).font = { bold: true, size: 16 };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const data = plan.values.slice(plan.firstDataRow, plan.firstDataRow + plan.dataRows).map((r) => r.map((v) => (v === null ? '' : v)));
  ws.addTable({
    name: tableName,
    ref: 'A5',
    headerRow: true,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: GRAPH_TABLE_HEADER.map((h) => ({ name: h })),
    rows: data,
  });
  plan.values.slice(plan.firstDataRow, plan.firstDataRow + plan.dataRows).forEach((line, i) => {
    const fmts = plan.formats[plan.firstDataRow + i];
    line.forEach((v, c) => {
      const f = fmts[c];
      if (f) ws.getCell(6 + i, c + 1).numFmt = f;
      else if (typeof v === 'string' && v !== '') ws.getCell(6 + i, c + 1).numFmt = TEXT_FORMAT;
    });
  });
  // The footer (处室领导: / 经办人:) goes above the table, beside 业务处室 / 监控时点, never below it:
  // every row Graph adds would move cells below the table, and with a filter on the table the add
  // fails with filteredRangeConflict (learn.microsoft.com/graph/workbook-error-handling).
  ws.getCell(3, 9).value = plan.values[plan.footerRows[0]][0] as string;
  ws.getCell(4, 9).value = plan.values[plan.footerRows[1]][0] as string;
  // the title lines, the table's header row and the footer are text too
  for (const [r, c] of [[1, 1], [2, 1], [3, 1], [4, 1], [3, 9], [4, 9], ...GRAPH_TABLE_HEADER.map((_, c) => [5, c + 1])]) {
    const cell = ws.getCell(r, c);
    if (typeof cell.value === 'string' && cell.value !== '') cell.numFmt = TEXT_FORMAT;
  }
  plan.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  return ws;
}

/** Write the Graph-ready 附件2 workbook to a file. */
export async function writeGraphTableFile(file: string, rows: readonly ReviewRow[], meta: Annex2Meta = {}, tableName = ANNEX2_SHEET): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效监控校验';
  addGraphTableSheet(wb, rows, meta, tableName);
  await writeWorkbookSafely(file, wb);
}
