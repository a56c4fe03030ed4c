/**
 * In-memory Excel simulator: exactly the part of the Excel JavaScript API the add-in uses, so the
 * unchanged add-in code (src/excel/) runs in Jest and in a browser demo page. Pure TypeScript —
 * no Office.js, no Node APIs. The exceljs adapter lives apart in ./exceljs (Node only).
 *
 * Usage
 *   const model = workbookFromGrids([{ name: 'Sheet1', top: 0, left: 0, values: [[1, 2]] }]);
 *   const sim = installExcelSim(model);         // sets globalThis.Excel / Office / OfficeExtension
 *   await Excel.run(async (ctx) => { … await ctx.sync(); });
 *   sim.stats.syncs;                            // round trips since install (or sim.reset())
 *   sim.uninstall();
 *
 * Semantics (as Office.js)
 *   - Every API object is a proxy. `load()` queues a read; reading a property before `load()` +
 *     `context.sync()` throws SimOfficeError code 'PropertyNotLoaded'.
 *   - Setters and methods queue commands; they apply, in order, at `context.sync()`. A failing command
 *     rejects the sync with a SimOfficeError (`code` like Excel.ErrorCodes: AccessDenied, ItemNotFound,
 *     InvalidArgument, ApiNotFound); commands before it stay applied, commands after it are dropped.
 *   - `*OrNullObject` proxies expose `isNullObject` after load + sync.
 *   - Round trips (`stats.syncs`) are syncs with queued commands; `Excel.run` sends what is still queued
 *     when the batch returns in one final sync (`stats.implicitSyncs`), as Office.js does.
 *   - A protected sheet rejects writes to values, formats, fills, notes and comments with AccessDenied.
 *   - `model.excelApiMinor` (default 18) is the host's ExcelApi 1.x level; `Office.context.requirements.isSetSupported`
 *     answers from it and APIs above it throw ApiNotFound.
 *   - No calculation engine: writing a formula keeps the cell's cached value.
 *   - Host profiles (profiles.ts, docs/excel-limits.md): `model.host` caps each sync's request and
 *     response (UTF-8 JSON bytes, stats.payloads), throws NotImplemented on listed APIs and renders
 *     dates in Range.text per a locale. On every profile: getMergedAreasOrNullObject fails above 512
 *     areas, a cell holds a note or a comment (not both), gradient patterns cannot be set, strings
 *     written through `values` are typed (formulas, numbers) unless the cell is Text (`@`) or the
 *     string starts with an apostrophe, and Range.insert moves rows, merges and formula references.
 *
 * API surface (extend api.ts: add the property to the class's `scalars`, `read()`, and a getter/setter)
 *   Excel.run(batch) · RequestContext{workbook, sync(), trackedObjects}
 *   Workbook{worksheets, settings, comments, notes, getSelectedRange()}
 *   WorksheetCollection{getActiveWorksheet, getItem, getItemOrNullObject, add, getCount, items}
 *   Worksheet{name, id, position, visibility, protection{protected, protect, unprotect}, notes, comments,
 *     getRange, getRangeByIndexes, getCell, getRanges, getUsedRange, getUsedRangeOrNullObject, activate, delete}
 *   Range{address, rowIndex, columnIndex, rowCount, columnCount, cellCount, values, text, numberFormat, formulas,
 *     rowHidden, worksheet, format{fill{color, pattern, clear()}, font{bold, italic, color, size, name},
 *     wrapText, horizontalAlignment, verticalAlignment, columnWidth}, getCell, getRow, getColumn,
 *     getResizedRange, getOffsetRange, getCellProperties, getRowProperties, setCellProperties,
 *     getMergedAreasOrNullObject, merge, unmerge, clear, select}
 *   RangeAreas{address, areaCount, cellCount, format}
 *   NoteCollection / CommentCollection{items, add, getItem, getItemOrNullObject, getItemByCell, getCount}
 *   Note / Comment{content, authorName, id, delete, getLocation}
 *   SettingCollection{items, add (upsert), getItem, getItemOrNullObject, getCount} · Setting{key, value, delete}
 *
 * Model helpers (./model): workbookFromGrids(SheetSpec[]), sheetToGrid(sheet), cloneWorkbook, findSheet, getCell.
 */
import { RequestContext, SimOfficeError, type SimStats } from './api';
import type { SimWorkbook } from './model';

export * from './model';
export * from './api';
export * from './profiles';

export interface ExcelSim {
  model: SimWorkbook;
  stats: SimStats;
  /** zero the counters */
  reset(): void;
  /** restore whatever globalThis.Excel / Office / OfficeExtension were before */
  uninstall(): void;
  /** the object installed as globalThis.Excel */
  excel: SimExcelNamespace;
}

export interface SimExcelNamespace {
  run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T>;
  RequestContext: typeof RequestContext;
  ErrorCodes: Record<string, string>;
  SheetVisibility: Record<string, string>;
  InsertShiftDirection: Record<string, string>;
}

const ERROR_CODES = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
};

/** The Excel namespace for a model (without touching globals). */
export function createExcelNamespace(model: SimWorkbook, stats: SimStats): SimExcelNamespace {
  return {
    async run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T> {
      stats.runs++;
      const ctx = new RequestContext(model, stats);
      const result = await batch(ctx);
      // like Office.js: commands still queued when the batch returns are sent in one last sync
      // (not when the batch threw: then they are dropped)
      if (ctx.queue.length > 0) {
        stats.implicitSyncs++;
        await ctx.sync();
      }
      return result;
    },
    RequestContext,
    ErrorCodes: ERROR_CODES,
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    InsertShiftDirection: { down: 'Down', right: 'Right' },
  };
}

/** '1.9' → 9, '1.10' → 10; a missing version means 1.1. */
function minorOf(v: string | undefined): number {
  if (!v) return 1;
  const [maj, min] = v.split('.').map(Number);
  return maj > 1 ? Infinity : (min ?? 0);
}

/** Install the simulator as globalThis.Excel / Office / OfficeExtension so unchanged add-in code runs against it. */
export function installExcelSim(model: SimWorkbook): ExcelSim {
  const g = globalThis as Record<string, unknown>;
  const before = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
  const stats: SimStats = { syncs: 0, syncCalls: 0, implicitSyncs: 0, runs: 0, payloads: [] };
  const excel = createExcelNamespace(model, stats);
  const office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
    context: {
      host: 'Excel',
      requirements: {
        isSetSupported(name: string, minVersion?: string): boolean {
          if (name !== 'ExcelApi') return false;
          return minorOf(minVersion) <= model.excelApiMinor;
        },
      },
      displayLanguage: 'zh-CN',
    },
  };
  g.Excel = excel;
  g.Office = office;
  g.OfficeExtension = { Error: SimOfficeError, ErrorCodes: ERROR_CODES };
  return {
    model,
    stats,
    excel,
    reset() {
      stats.syncs = 0;
      stats.syncCalls = 0;
      stats.implicitSyncs = 0;
      stats.runs = 0;
      stats.payloads = [];
    },
    uninstall() {
      g.Excel = before.Excel;
      g.Office = before.Office;
      g.OfficeExtension = before.OfficeExtension;
    },
  };
}
