/**
 * The Excel side of the add-in — the only Office.js code in the product. Implements the pane's
 * PaneHost: read the active sheet in one `context.sync`, validate with the core, write every mark
 * in one more. Requirement sets: see README.md in this folder (baseline ExcelApi 1.9; notes 1.18,
 * threaded comments 1.10 and merged areas 1.13 are detected at run time).
 */
import { type CellValue, type Finding, type Grid, type SettingsInput, fromA1, marksFor, validateGrid } from '../core';
import { appendToDestination, testGraphDestination } from '../review/destinations';
import type { GraphCheck } from '../review/graph';
import type { Localized } from '../core/types';
import { buildReviewRow as buildRow, buildReviewRows as buildRows } from '../review/build';
import type { AppendResult, DestinationConfig, ReviewRow } from '../review/types';
import type { PaneHost, PaneSettings, ValidateOutcome } from '../taskpane/host';
import { appendToAnnex2Sheet } from './annex2';
import { ExcelHostError } from './messages';
import {
  type MarkRecord,
  SETTINGS_KEY,
  addressChunks,
  combineNote,
  groupBy,
  marksKey,
  normalizeCell,
  parseMergedAddress,
  parseRecord,
  splitNote,
} from './store';

type MarkMode = ValidateOutcome['markMode'];

interface Capabilities {
  mode: MarkMode;
  merges: boolean;
}

function supported(version: string): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', version);
}

/** What this Excel offers beyond the baseline: notes (1.18) → threaded comments (1.10) → fill only. */
export function capabilities(): Capabilities {
  return {
    mode: supported('1.18') ? 'notes' : supported('1.10') ? 'comments' : 'fill',
    merges: supported('1.13'),
  };
}

/** Notes or comments of a sheet; both have items with content, getLocation, delete and add(cell, text). */
type TextCollection = Excel.NoteCollection | Excel.CommentCollection;
type TextItem = Excel.Note | Excel.Comment;

function textCollection(ws: Excel.Worksheet, mode: MarkMode): TextCollection | null {
  if (mode === 'notes') return ws.notes;
  if (mode === 'comments') return ws.comments;
  return null;
}

function officeCode(e: unknown): string | undefined {
  const o = e as { code?: unknown; debugInfo?: { code?: unknown } };
  return typeof o?.code === 'string' ? o.code : typeof o?.debugInfo?.code === 'string' ? o.debugInfo.code : undefined;
}

/** Turn any Office error into a message that says what happened and what to do. */
export function toHostError(e: unknown, action: string, sheet?: string): ExcelHostError {
  if (e instanceof ExcelHostError) return e;
  const code = officeCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  if (code === 'AccessDenied') return new ExcelHostError('protected', { sheet: sheet ?? '' }, code);
  if (code === 'ItemNotFound' && sheet) return new ExcelHostError('sheetMissing', { sheet }, code);
  if (code === 'InvalidOperationInCellEditMode') return new ExcelHostError('editMode', {}, code);
  if (code === 'ApiNotFound') return new ExcelHostError('apiMissing', { detail }, code);
  return new ExcelHostError('general', { action, detail: code ? `${code}: ${detail}` : detail }, code);
}

/** Previous fill of a cell as CellProperties report it: null = no fill, `#RRGGBB`, or `#RRGGBB Pattern` when not solid. */
function fillOf(p: Excel.CellProperties | undefined): string | null {
  const fill = p?.format?.fill;
  if (!fill || fill.pattern === 'None' || !fill.color) return null;
  const color = fill.color.toUpperCase();
  return fill.pattern && fill.pattern !== 'Solid' ? `${color} ${fill.pattern}` : color;
}

/** Queue a fill restore on some areas: the record's `#RRGGBB[ Pattern]`, or no fill. */
function restoreFill(areas: Excel.RangeAreas, fill: string | null): void {
  if (fill === null) {
    areas.format.fill.clear();
    return;
  }
  const [color, pattern] = fill.split(' ');
  areas.format.fill.color = color;
  if (pattern) areas.format.fill.pattern = pattern as Excel.FillPattern;
}

function findRecord(settings: Excel.SettingCollection, sheetId: string): { record: MarkRecord | null; exists: boolean } {
  const s = settings.items.find((x) => x.key === marksKey(sheetId));
  return { record: s ? parseRecord(s.value) : null, exists: !!s };
}

/**
 * Queue the commands that undo a mark record: restore fills (one getRanges per colour) and give
 * every note/comment of ours back its user text or delete it. `keep` lists cells about to be re-marked:
 * their fill is not restored (the new mark overwrites it) and their note is handled by the caller.
 */
function queueUndo(
  ws: Excel.Worksheet,
  record: MarkRecord | null,
  texts: { item: TextItem; content: string }[],
  keep: ReadonlySet<string>,
  located: Map<TextItem, string>,
): number {
  let n = 0;
  if (record) {
    const entries = Object.entries(record.fills).filter(([cell]) => !keep.has(cell));
    for (const [color, cells] of groupBy(entries)) {
      for (const chunk of addressChunks(cells)) {
        restoreFill(ws.getRanges(chunk), color);
      }
    }
    n = Object.keys(record.fills).length;
  }
  for (const { item, content } of texts) {
    const parts = splitNote(content);
    if (!parts.ours) continue;
    const at = located.get(item);
    if (at && keep.has(at)) continue; // rewritten by the caller
    if (parts.user) item.content = parts.user;
    else item.delete();
  }
  return n;
}

/** The sheet reads both 校验 and 生成审核行 queue: the used range and its hidden rows (and merges when available). */
interface SheetRead {
  used: Excel.Range;
  rowProps: OfficeExtension.ClientResult<Excel.RowProperties[]>;
  merged: Excel.RangeAreas | null;
}

function queueSheetRead(ws: Excel.Worksheet, merges: boolean): SheetRead {
  const used = ws.getUsedRange();
  used.load('address,rowIndex,columnIndex,values,text,numberFormat,formulas');
  const rowProps = used.getRowProperties({ rowHidden: true });
  const merged = merges ? used.getMergedAreasOrNullObject() : null;
  if (merged) merged.load('address');
  return { used, rowProps, merged };
}

/** The engine's grid from a SheetRead, after the sync. */
function gridOf(name: string, { used, rowProps, merged }: SheetRead): Grid {
  const top = used.rowIndex;
  const left = used.columnIndex;
  return {
    name,
    top,
    left,
    values: used.values as CellValue[][],
    text: used.text,
    formats: used.numberFormat,
    formulas: (used.formulas as unknown[][]).map((row) => row.map((f) => (typeof f === 'string' && f.startsWith('=') ? f : ''))),
    merges: merged && !merged.isNullObject ? parseMergedAddress(merged.address, top, left) : [],
    hiddenRows: rowProps.value.flatMap((r, i) => (r.rowHidden ? [i] : [])),
  };
}

async function run<T>(action: string, sheet: string | undefined, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await Excel.run(batch);
  } catch (e) {
    throw toHostError(e, action, sheet);
  }
}

/** Read, validate and mark. Exported for the ribbon command. */
export async function validateAndMark(settings: SettingsInput): Promise<ValidateOutcome> {
  const caps = capabilities();
  let sheetName: string | undefined;
  let writing = false;
  try {
    return await Excel.run(async (context) => {
      let syncs = 0;
      // ---- sync 1: everything we need to read, in one round trip
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.load('name,id,protection/protected');
      const read = queueSheetRead(ws, caps.merges);
      const cellProps = read.used.getCellProperties({ format: { fill: { color: true, pattern: true } } });
      const settingItems = context.workbook.settings;
      settingItems.load('items');
      const notes = textCollection(ws, caps.mode);
      if (notes) notes.load('items/content');
      await context.sync();
      syncs++;

      sheetName = ws.name;
      // getCellProperties returns a ClientResult, filled by the sync without a load() call
      // eslint-disable-next-line office-addins/load-object-before-read
      const fills = cellProps.value;
      if (ws.protection.protected) throw new ExcelHostError('protected', { sheet: ws.name });
      const grid = gridOf(ws.name, read);
      const { top, left } = grid;
      const result = validateGrid(grid, settings);
      const marks = marksFor(result.findings, 'zh').map((m) => ({ ...m, cell: normalizeCell(m.cell) }));
      const marked = new Set(marks.map((m) => m.cell));
      const old = findRecord(settingItems, ws.id);
      const texts = (notes ? (notes.items as TextItem[]) : []).map((item) => ({ item, content: item.content }));

      // ---- only when the sheet carries notes with the user's own text: find which cells they are on
      const located = new Map<TextItem, string>();
      const withUserText = texts.filter((t) => splitNote(t.content).user !== '');
      if (withUserText.length > 0 && marks.length > 0) {
        const locations = withUserText.map((t) => {
          const r = t.item.getLocation();
          r.load('address');
          return r;
        });
        await context.sync();
        syncs++;
        withUserText.forEach((t, i) => located.set(t.item, normalizeCell(locations[i].address)));
      }
      const userTextAt = new Map<string, { item: TextItem; user: string }>();
      for (const t of withUserText) {
        const at = located.get(t.item);
        if (at) userTextAt.set(at, { item: t.item, user: splitNote(t.content).user });
      }

      if (marks.length === 0 && !old.exists && !texts.some((t) => splitNote(t.content).ours)) {
        return { result, marked: 0, markMode: caps.mode, syncs };
      }

      // ---- sync 2: every write, in one round trip. The record goes first, so that whatever happens
      // after it, 清除标记 can put every fill back.
      const prevFill = (cell: string): string | null => {
        if (old.record && cell in old.record.fills) return old.record.fills[cell];
        const { row, col } = fromA1(cell);
        return fillOf(fills[row - top]?.[col - left]);
      };
      const record: MarkRecord = { v: 1, sheet: ws.name, fills: {} };
      for (const m of marks) record.fills[m.cell] = prevFill(m.cell);
      // First the union of the old and the new record (covers every cell this batch may touch),
      // the exact new record at the end: if the batch stops part-way, the union is what remains.
      const union: MarkRecord = { ...record, fills: { ...(old.record?.fills ?? {}), ...record.fills } };
      const key = marksKey(ws.id);
      if (marks.length > 0 || old.exists) context.workbook.settings.add(key, JSON.stringify(union));

      queueUndo(ws, old.record, texts, marked, located);

      // Fill: one Worksheet.getRanges per colour (three at most, chunked only for very long address
      // lists). setCellProperties would need a matrix over the marks' bounding rectangle — on a
      // 5,000-row sheet that is a large payload of mostly empty entries for a handful of marks.
      for (const [color, cells] of groupBy(marks.map((m) => [m.cell, m.color] as [string, string]))) {
        for (const chunk of addressChunks(cells)) ws.getRanges(chunk).format.fill.color = color;
      }
      if (notes) {
        for (const m of marks) {
          const user = userTextAt.get(m.cell);
          if (!user) notes.add(ws.getRange(m.cell), m.note);
          else if (caps.mode === 'notes') user.item.content = combineNote(m.note, user.user);
          // a user's threaded comment stays untouched: that cell gets the fill only
        }
      }
      if (marks.length > 0) context.workbook.settings.add(key, JSON.stringify(record));
      else context.workbook.settings.getItem(key).delete();
      writing = true;
      await context.sync();
      syncs++;
      return { result, marked: marks.length, markMode: caps.mode, syncs };
    });
  } catch (e) {
    const err = toHostError(e, '校验 / validate', sheetName);
    // Protection and cell-edit mode reject the first write to the sheet: nothing of it was changed.
    if (!writing || err.id === 'protected' || err.id === 'editMode') throw err;
    // Otherwise the write batch stopped part-way (Office.js batches are not transactional):
    // undo from the record, which was written first.
    const detail = officeCode(e) ?? (e instanceof Error ? e.message : String(e));
    try {
      await clearMarks();
    } catch {
      throw new ExcelHostError('markFailedNoUndo', { detail });
    }
    throw new ExcelHostError('markFailed', { detail });
  }
}

/** Restore every marked cell's previous fill and remove only the notes we wrote. */
export async function clearMarks(): Promise<{ cleared: number }> {
  const caps = capabilities();
  let sheetName: string | undefined;
  try {
    return await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.load('name,id,protection/protected');
      const settingItems = context.workbook.settings;
      settingItems.load('items');
      const notes = textCollection(ws, caps.mode);
      if (notes) notes.load('items/content');
      await context.sync();
      sheetName = ws.name;
      const old = findRecord(settingItems, ws.id);
      const texts = (notes ? (notes.items as TextItem[]) : []).map((item) => ({ item, content: item.content }));
      const ours = texts.filter((t) => splitNote(t.content).ours).length;
      if (!old.exists && ours === 0) return { cleared: 0 };
      if (ws.protection.protected) throw new ExcelHostError('protected', { sheet: ws.name });
      const n = queueUndo(ws, old.record, texts, new Set(), new Map());
      // the record goes last: if anything above fails, it is still there for the next try
      if (old.exists) context.workbook.settings.getItem(marksKey(ws.id)).delete();
      await context.sync();
      return { cleared: Math.max(n, ours) };
    });
  } catch (e) {
    throw toHostError(e, '清除标记 / clear marks', sheetName);
  }
}

/** Write the finding's fix value, keeping the cell's number format (the fix's format only where the cell has no percent format). */
export async function applyFix(finding: Finding): Promise<void> {
  const fix = finding.fix;
  if (!fix) throw new ExcelHostError('noFix', { cell: finding.cell });
  await run('修正 / fix', finding.sheet, async (context) => {
    const ws = context.workbook.worksheets.getItem(finding.sheet);
    ws.load('protection/protected');
    const cell = ws.getRange(fix.cell);
    cell.load('numberFormat');
    await context.sync();
    if (ws.protection.protected) throw new ExcelHostError('protected', { sheet: finding.sheet });
    const format = String(cell.numberFormat[0][0] ?? 'General');
    if (fix.format && !format.includes('%')) cell.numberFormat = [[fix.format]];
    // issue 11: a formula cell gets its corrected formula, never a constant
    if (fix.formula) cell.formulas = [[fix.formula]];
    else cell.values = [[fix.value]];
    await context.sync();
  });
}

export async function selectCell(sheet: string, address: string): Promise<void> {
  await run('定位 / select', sheet, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}

const DEFAULT_PANE_SETTINGS: PaneSettings = { engine: {} };

export async function loadSettings(): Promise<PaneSettings> {
  return run('读取设置 / load settings', undefined, async (context) => {
    const s = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    s.load('value');
    await context.sync();
    return s.isNullObject ? { ...DEFAULT_PANE_SETTINGS } : parseSettings(s.value);
  });
}

export async function saveSettings(settings: PaneSettings): Promise<void> {
  await run('保存设置 / save settings', undefined, async (context) => {
    context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(settings));
    await context.sync();
  });
}

function parseSettings(value: unknown): PaneSettings {
  try {
    const v = typeof value === 'string' ? JSON.parse(value) : value;
    if (v && typeof v === 'object' && typeof (v as PaneSettings).engine === 'object') return v as PaneSettings;
  } catch {
    // fall through to defaults
  }
  return { ...DEFAULT_PANE_SETTINGS };
}

/**
 * The 附件2 row of the active sheet: the sheet and the saved settings (rubric) are read in one sync,
 * validated with the core and scored with the rubric. Nothing is written.
 */
export async function buildReviewRow(settings: SettingsInput): Promise<ReviewRow> {
  return run('生成审核行 / build review row', undefined, async (context) => {
    const ws = context.workbook.worksheets.getActiveWorksheet();
    ws.load('name');
    const read = queueSheetRead(ws, capabilities().merges);
    const saved = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    saved.load('value');
    await context.sync();
    const pane = saved.isNullObject ? DEFAULT_PANE_SETTINGS : parseSettings(saved.value);
    // a sheet that is not a 附件1 (an empty one too) is refused by the row builder with its reason
    return buildRow(validateGrid(gridOf(ws.name, read), settings), { settings, rubric: pane.rubric });
  });
}

/** One 附件2 row per form on the active sheet, read and scored like buildReviewRow (one sync). */
export async function buildReviewRows(settings: SettingsInput): Promise<ReviewRow[]> {
  return run('生成审核行 / build review rows', undefined, async (context) => {
    const ws = context.workbook.worksheets.getActiveWorksheet();
    ws.load('name');
    const read = queueSheetRead(ws, capabilities().merges);
    const saved = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    saved.load('value');
    await context.sync();
    const pane = saved.isNullObject ? DEFAULT_PANE_SETTINGS : parseSettings(saved.value);
    return buildRows(validateGrid(gridOf(ws.name, read), settings), { settings, rubric: pane.rubric });
  });
}

/** Append (or update by key) the row at the chosen destination: this workbook's 附件2 sheet, the review server, or Graph. */
export async function appendReviewRow(row: ReviewRow, destination: DestinationConfig, onProgress?: (text: Localized) => void): Promise<AppendResult> {
  return appendToDestination(row, destination, { workbook: (r, sheetName) => appendToAnnex2Sheet(r, { sheetName }), onProgress });
}

/** Microsoft Graph's “Test connection” (issue 16): sign in, open the shared workbook, check its table. */
export function testGraphConnection(destination: Extract<DestinationConfig, { kind: 'graph' }>): Promise<GraphCheck> {
  return testGraphDestination(destination);
}

/** The PaneHost the task pane receives when it runs inside Excel. */
export function createExcelHost(): PaneHost {
  return { validateAndMark, clearMarks, applyFix, selectCell, loadSettings, saveSettings, buildReviewRow, buildReviewRows, appendReviewRow, testGraphConnection };
}
