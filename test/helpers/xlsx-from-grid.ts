/** Real .xlsx bytes from a Grid, written by exceljs (the generated robustness grids as files Excel could save). */
import ExcelJS from 'exceljs';
import type { Grid } from '../../src/core';

/** Add the grid as a worksheet at its origin: values, number formats, formulas with cached values, merges, hidden rows. */
export function addGridSheet(wb: ExcelJS.Workbook, grid: Grid, name = grid.name): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  grid.values.forEach((line, r) => line.forEach((v, c) => {
    const formula = grid.formulas?.[r]?.[c] ?? '';
    const fmt = grid.formats?.[r]?.[c] ?? 'General';
    if (v === null && !formula && fmt === 'General') return;
    const cell = ws.getCell(grid.top + r + 1, grid.left + c + 1);
    if (formula) {
      const result = typeof v === 'string' && /^#/.test(v) ? { error: v as ExcelJS.CellErrorValue['error'] } : (v ?? undefined);
      cell.value = { formula: formula.slice(1), result } as ExcelJS.CellFormulaValue;
    } else if (typeof v === 'string' && /^#(DIV\/0!|REF!|VALUE!|N\/A|NAME\?|NUM!|NULL!)$/.test(v)) {
      cell.value = { error: v as ExcelJS.CellErrorValue['error'] };
    } else {
      cell.value = v;
    }
    if (fmt !== 'General') cell.numFmt = fmt;
  }));
  for (const r of grid.hiddenRows ?? []) ws.getRow(grid.top + r + 1).hidden = true;
  const taken = new Set<string>();
  for (const m of grid.merges ?? []) {
    // exceljs refuses overlapping merges, as Excel does: keep the first of any overlap
    const cells: string[] = [];
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) cells.push(`${r},${c}`);
    if (cells.length < 2 || cells.some((k) => taken.has(k))) continue;
    cells.forEach((k) => taken.add(k));
    ws.mergeCells(grid.top + m.top + 1, grid.left + m.left + 1, grid.top + m.bottom + 1, grid.left + m.right + 1);
  }
  return ws;
}

export async function xlsxFromGrids(grids: Grid[], opts: { useSharedStrings?: boolean; date1904?: boolean } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  grids.forEach((g, i) => addGridSheet(wb, g, `${g.name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || 'S'}${i}`));
  return new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings: opts.useSharedStrings ?? true } as ExcelJS.XlsxWriteOptions));
}
