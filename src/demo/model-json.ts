/**
 * The simulator's workbook as JSON, so the demo server (Node, exceljs) can read an .xlsx and the
 * demo page (browser) can rebuild the same in-memory workbook. Browser-safe: no Node APIs.
 */
import type { SimCell, SimSheet, SimWorkbook } from '../excel-sim/model';

export interface SheetJson {
  name: string;
  id: string;
  cells: [string, SimCell][];
  merges: SimSheet['merges'];
  hiddenRows: number[];
  protected: boolean;
  visibility: SimSheet['visibility'];
  columnWidths: [number, number][];
}

export interface WorkbookJson {
  sheets: SheetJson[];
  active: string;
  settings: [string, unknown][];
  selection: SimWorkbook['selection'];
  excelApiMinor: number;
}

export function workbookToJson(wb: SimWorkbook): WorkbookJson {
  return {
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      id: s.id,
      cells: [...s.cells],
      merges: s.merges,
      hiddenRows: [...s.hiddenRows],
      protected: s.protected,
      visibility: s.visibility,
      columnWidths: [...s.columnWidths],
    })),
    active: wb.active,
    settings: [...wb.settings],
    selection: wb.selection,
    excelApiMinor: wb.excelApiMinor,
  };
}

export function workbookFromJson(j: WorkbookJson): SimWorkbook {
  return {
    sheets: j.sheets.map((s) => ({
      name: s.name,
      id: s.id,
      cells: new Map(s.cells.map(([k, c]) => [k, { ...c }])),
      merges: s.merges.map((m) => ({ ...m })),
      hiddenRows: new Set(s.hiddenRows),
      protected: s.protected,
      visibility: s.visibility,
      columnWidths: new Map(s.columnWidths),
    })),
    active: j.active,
    settings: new Map(j.settings),
    selection: { ...j.selection },
    excelApiMinor: j.excelApiMinor,
  };
}
