/**
 * 审核一批's findings report written into this workbook as new sheets (汇总, 问题清单) — the way to
 * keep the report where the pane cannot download a file: Office on macOS runs add-ins in WKWebView,
 * which does not start downloads (docs/batch.md). Plain Excel API (worksheets.add, Range.values /
 * numberFormat), so it works on every host: one sync reads the sheet names (a name in use gets
 * “ (2)”), one writes both sheets. A report too large for one request (Excel on the web caps it at
 * 5 MB, docs/excel-limits.md row 1) is written in bands of at most REPORT_WRITE_BUDGET bytes, one
 * sync each; a batch the pane can list needs one.
 */
import type { Cell, ReportTable } from '../review/findings-report';
import { wouldBeTyped } from './annex2';

/** Most bytes of cell data queued for one write sync (half the web's 5 MB cap: room for Office's envelope). */
export const REPORT_WRITE_BUDGET = 2_500_000;

export interface ReportSheetsResult {
  /** the names the sheets were given, in the order of the tables */
  names: string[];
  /** cells written (header rows included) */
  cells: number;
  syncs: number;
}

/** `base`, or `base (2)`, `base (3)` … — the first not in use (Excel compares sheet names without case). */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  // Excel refuses a sheet name of more than 31 characters (docs/excel-limits.md row 16)
  const name = (b: string, suffix: string) => `${b.slice(0, SHEET_NAME_MAX - suffix.length)}${suffix}`;
  if (!used.has(name(base, '').toLowerCase())) return name(base, '');
  for (let i = 2; ; i++) {
    const n = name(base, ` (${i})`);
    if (!used.has(n.toLowerCase())) return n;
  }
}

const SHEET_NAME_MAX = 31;

const encoder = new TextEncoder();
/** what a row adds to a request: its values as UTF-8 JSON and a number format per cell */
const rowBytes = (row: readonly Cell[]) => encoder.encode(JSON.stringify(row)).length + 12 * row.length + 8;

/** Add each table as a new sheet of this workbook and show the first. */
export async function addReportSheets(tables: readonly ReportTable[]): Promise<ReportSheetsResult> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    let syncs = 1;
    const taken = sheets.items.map((s) => s.name);
    const names: string[] = [];
    let queued = 0;
    let cells = 0;
    let first: Excel.Worksheet | undefined;
    for (const t of tables) {
      const name = uniqueSheetName(t.name, [...taken, ...names]);
      names.push(name);
      const ws = sheets.add(name);
      first ??= ws;
      // (a reduce, not Math.max(...rows): a spread of a very large report would overflow the stack)
      const width = t.rows.reduce((w, r) => Math.max(w, r.length), t.widths.length);
      const sizes = t.rows.map(rowBytes);
      const full = (r: readonly Cell[]): Cell[] => [...r, ...new Array<Cell>(width - r.length).fill(null)];
      for (let start = 0; start < t.rows.length; ) {
        let end = start;
        let band = 0;
        while (end < t.rows.length && (end === start || queued + band + sizes[end] <= REPORT_WRITE_BUDGET)) band += sizes[end++];
        if (queued > 0 && queued + band > REPORT_WRITE_BUDGET) {
          // this band does not fit beside what is queued: send that first (only a report over the
          // budget gets here; the bands are what keep each request under the web's cap)
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
          syncs++;
          queued = 0;
          continue;
        }
        const rows = t.rows.slice(start, end).map(full);
        const range = ws.getRangeByIndexes(start, 0, rows.length, width);
        // text Excel would take for a formula, a number or a date goes into a Text cell
        range.numberFormat = rows.map((r) => r.map((v) => (wouldBeTyped(v) ? '@' : 'General')));
        range.values = rows.map((r) => r.map((v) => (v === null ? '' : v)));
        cells += rows.length * width;
        queued += band;
        start = end;
      }
      if (t.rows.length > 0) ws.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
      // characters → points, roughly (as the 附件2 sheet)
      t.widths.forEach((w, c) => {
        ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(w * 7.5);
      });
    }
    first?.activate();
    await context.sync();
    syncs++;
    return { names, cells, syncs };
  });
}
