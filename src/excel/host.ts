/**
 * The Excel side of the add-in — the only Office.js code in the product. Implements the pane's
 * PaneHost: read the active sheet in one `context.sync`, validate with the core, write every mark
 * in one more. Requirement sets: see README.md in this folder (baseline ExcelApi 1.9; notes 1.18,
 * threaded comments 1.10 and merged areas 1.13 are detected at run time).
 */
import { type CellValue, type Finding, type Grid, type MergedArea, type SettingsInput, fromA1, marksFor, validateGrid } from '../core';
import type { Localized, SheetResult } from '../core';
import { appendToDestination, testGraphDestination } from '../review/destinations';
import type { GraphCheck } from '../review/graph';
import { buildReviewRow as buildRow, buildReviewRows as buildRows } from '../review/build';
import type { ReportTable } from '../review/findings-report';
import type { AppendResult, DestinationConfig, ReviewRow } from '../review/types';
import type { LoadedSettings, PaneHost, PaneSettings, ReadProgress, ValidateOutcome } from '../host';
import { appendRowsToAnnex2Sheet, appendToAnnex2Sheet } from './annex2';
import { EXCEL_ACTIONS, type ExcelAction, ExcelHostError, notice } from './messages';
import { addReportSheets as addSheets } from './report-sheets';
import {
  type FillState,
  type MarkRecord,
  GRADIENT_PATTERNS,
  MARKS_KEY_PREFIX,
  SETTINGS_KEY,
  addressChunks,
  combineNote,
  groupBy,
  marksKey,
  normalizeCell,
  parseMergedAddress,
  parseRecord,
  parseSettings,
  splitNote,
} from './store';

type MarkMode = ValidateOutcome['markMode'];

interface Capabilities {
  mode: MarkMode;
  /** notes can be read (to find a user's note before commenting, and our notes to clear them) */
  notes: boolean;
  /** threaded comments can be read */
  comments: boolean;
  merges: boolean;
}

function supported(version: string): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', version);
}

/** What this Excel offers beyond the baseline: notes (1.18) → threaded comments (1.10) → fill only. */
export function capabilities(): Capabilities {
  const notes = supported('1.18');
  const comments = supported('1.10');
  return { mode: notes ? 'notes' : comments ? 'comments' : 'fill', notes, comments, merges: supported('1.13') };
}

/** Notes or comments of a sheet; both have items with content, getLocation, delete and add(cell, text). */
type TextItem = Excel.Note | Excel.Comment;
interface Texts {
  notes: Excel.NoteCollection | null;
  comments: Excel.CommentCollection | null;
}

function queueTexts(ws: Excel.Worksheet, caps: Capabilities): Texts {
  const notes = caps.notes ? ws.notes : null;
  const comments = caps.comments ? ws.comments : null;
  notes?.load('items/content');
  comments?.load('items/content');
  return { notes, comments };
}

interface LoadedText {
  item: TextItem;
  content: string;
  kind: 'note' | 'comment';
}

function loadedTexts(t: Texts): LoadedText[] {
  return [
    ...(t.notes ? t.notes.items.map((item) => ({ item: item as TextItem, content: item.content, kind: 'note' as const })) : []),
    ...(t.comments ? t.comments.items.map((item) => ({ item: item as TextItem, content: item.content, kind: 'comment' as const })) : []),
  ];
}

function officeCode(e: unknown): string | undefined {
  const o = e as { code?: unknown; debugInfo?: { code?: unknown } };
  return typeof o?.code === 'string' ? o.code : typeof o?.debugInfo?.code === 'string' ? o.debugInfo.code : undefined;
}

/** A failure of a note or comment (OfficeExtension.Error.debugInfo.errorLocation names the API), or an API claimed but not implemented. */
function isTextFailure(e: unknown): boolean {
  const loc = (e as { debugInfo?: { errorLocation?: unknown } })?.debugInfo?.errorLocation;
  return officeCode(e) === 'NotImplemented' || (typeof loc === 'string' && /^(Note|Comment)(Collection)?\./.test(loc));
}

/** Turn any Office error into a message that says what happened and what to do. */
export function toHostError(e: unknown, action: ExcelAction, sheet?: string): ExcelHostError {
  if (e instanceof ExcelHostError) return e;
  const code = officeCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  if (code === 'AccessDenied') return new ExcelHostError('protected', { sheet: sheet ?? '' }, code);
  if (code === 'ItemNotFound' && sheet) return new ExcelHostError('sheetMissing', { sheet }, code);
  if (code === 'InvalidOperationInCellEditMode') return new ExcelHostError('editMode', {}, code);
  if (code === 'ApiNotFound') return new ExcelHostError('apiMissing', { detail }, code);
  if (code === 'NotImplemented') return new ExcelHostError('notImplemented', { detail: `${code}: ${detail}` }, code);
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') {
    return new ExcelHostError('payloadTooLarge', { detail: code, sheet: sheet ?? '' }, code);
  }
  return new ExcelHostError('general', { action: EXCEL_ACTIONS[action], detail: code ? `${code}: ${detail}` : detail }, code);
}

/** A cell's fill as CellProperties report it: null = no fill. */
function fillOf(p: Excel.CellProperties | undefined): FillState | null {
  const fill = p?.format?.fill;
  if (!fill || fill.pattern === 'None' || !fill.color) return null;
  const out: FillState = { color: fill.color.toUpperCase() };
  if (fill.pattern && fill.pattern !== 'Solid') out.pattern = fill.pattern;
  if (fill.tintAndShade) out.tint = fill.tintAndShade;
  if (out.pattern && fill.patternColor) out.patternColor = fill.patternColor.toUpperCase();
  if (out.pattern && fill.patternTintAndShade) out.patternTint = fill.patternTintAndShade;
  return out;
}

const FILL_PROPS = { format: { fill: { color: true, pattern: true, tintAndShade: true, patternColor: true, patternTintAndShade: true } } };

/** Queue a fill restore on some areas: exactly the recorded fill, or no fill. */
function restoreFill(areas: Excel.RangeAreas, fill: FillState | null): void {
  if (fill === null) {
    areas.format.fill.clear();
    return;
  }
  const f = areas.format.fill;
  f.color = fill.color;
  if (fill.tint) f.tintAndShade = fill.tint;
  if (fill.pattern) {
    f.pattern = fill.pattern as Excel.FillPattern;
    if (fill.patternColor) f.patternColor = fill.patternColor;
    if (fill.patternTint) f.patternTintAndShade = fill.patternTint;
  }
}

const sameColor = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toUpperCase() === b.toUpperCase();

interface FoundRecord {
  record: MarkRecord | null;
  /** the setting key it was found under (null: none) */
  key: string | null;
  /** where this sheet's record is written: under its id, unless that key holds another sheet's record */
  writeKey: string;
}

/**
 * The mark record of a sheet. Worksheet ids can change between sessions and hosts, and an id can
 * come back on another sheet, so the id alone never decides:
 * - the record under this sheet's id is its own, unless it names another sheet that exists (then
 *   the id was reused: that record belongs to the sheet of that name);
 * - else a record that names this sheet, under an id that is not (or no longer) a sheet of that
 *   name, is adopted.
 * A sheet renamed since keeps its record (the id still matches and no sheet has the old name).
 * Whatever is chosen, a fill is restored only where the cell still shows the colour we put there.
 */
function findRecord(settings: Excel.SettingCollection, ws: { id: string; name: string }, sheets: readonly { id: string; name: string }[]): FoundRecord {
  const lower = (n: string) => n.toLowerCase();
  const nameOf = new Map(sheets.map((x) => [x.id, lower(x.name)]));
  const exists = new Set(sheets.map((x) => lower(x.name)));
  const own = settings.items.find((x) => x.key === marksKey(ws.id));
  let writeKey = marksKey(ws.id);
  if (own) {
    const r = parseRecord(own.value);
    if (!r || !r.sheet || lower(r.sheet) === lower(ws.name) || !exists.has(lower(r.sheet))) return { record: r, key: own.key, writeKey };
    writeKey = marksKey(`${ws.id}#${ws.name}`); // the id came back on this sheet: never overwrite the other sheet's record
  }
  for (const s of settings.items) {
    if (!s.key.startsWith(MARKS_KEY_PREFIX) || s.key === own?.key) continue;
    const r = parseRecord(s.value);
    if (!r || lower(r.sheet) !== lower(ws.name)) continue;
    const holder = nameOf.get(s.key.slice(MARKS_KEY_PREFIX.length));
    if (holder === undefined || holder !== lower(r.sheet)) return { record: r, key: s.key, writeKey };
  }
  return { record: null, key: null, writeKey };
}

/**
 * Queue the commands that undo a mark record: restore fills (one getRanges per fill) where the cell
 * still shows our mark, and give every note/comment of ours back its user text or delete it.
 * `keep` lists cells about to be re-marked: their fill is not restored (the new mark overwrites it).
 */
function queueUndo(
  ws: Excel.Worksheet,
  record: MarkRecord | null,
  current: (cell: string) => FillState | null | undefined,
  texts: LoadedText[],
  keep: ReadonlySet<string>,
): { restored: number; changed: number } {
  let restored = 0;
  let changed = 0;
  if (record) {
    const entries: [string, string][] = [];
    const states = new Map<string, FillState | null>();
    for (const [cell, prev] of Object.entries(record.fills)) {
      if (keep.has(cell)) continue;
      // a gradient (only a version-1 record can hold one) cannot be set back: leave the cell as it is
      if (prev?.pattern && GRADIENT_PATTERNS.has(prev.pattern)) {
        changed++;
        continue;
      }
      const now = current(cell);
      const mark = record.marks[cell];
      // v1 records carry no mark colours: their cells are trusted as before
      if (mark !== undefined && (now === undefined || !sameColor(now?.color, mark) || now?.pattern)) {
        changed++;
        continue;
      }
      const k = JSON.stringify(prev);
      states.set(k, prev);
      entries.push([cell, k]);
      restored++;
    }
    for (const [k, cells] of groupBy(entries)) {
      for (const chunk of addressChunks(cells)) restoreFill(ws.getRanges(chunk), states.get(k) ?? null);
    }
  }
  for (const { item, content } of texts) {
    const parts = splitNote(content);
    if (!parts.ours) continue;
    if (parts.user) item.content = parts.user;
    else item.delete();
  }
  return { restored, changed };
}

// ---------- reading the used range within the payload caps ----------

/** What one read sync may return, by estimate: half of Excel on the web's 5 MB cap. */
export const READ_BUDGET = 2_500_000;
/** Estimated response bytes per cell: values, text, number format, formula … */
const CELL_BYTES = 64;
/** … and its getCellProperties fill (colour, pattern, tints, pattern colour). */
const PROPS_BYTES = 110;
/** The first window, read in the first sync with every cell's fill, within the budget: a form fits. */
const FIRST_COLS = 16;
const FIRST_ROWS = Math.floor(READ_BUDGET / (FIRST_COLS * (CELL_BYTES + PROPS_BYTES)));
/** Cells per getMergedAreasOrNullObject call: a block this small cannot meet more than 512 merged areas. */
const MERGE_BLOCK_CELLS = 512;

interface Band {
  range: Excel.Range;
  rowProps: OfficeExtension.ClientResult<Excel.RowProperties[]>;
  merged: Excel.RangeAreas[];
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
}

/** Queue the read of a band of `rows` × `cols` (upper bounds) starting at `range`'s top-left. */
function queueBand(range: Excel.Range, rows: number, cols: number, merges: boolean, props: boolean): Band {
  range.load('values,text,numberFormat,formulas');
  const rowProps = range.getRowProperties({ rowHidden: true });
  const merged: Excel.RangeAreas[] = [];
  if (merges) {
    const blockRows = Math.max(1, Math.floor(MERGE_BLOCK_CELLS / Math.max(1, cols)));
    const start = range.getCell(0, 0);
    for (let r = 0; r < rows; r += blockRows) {
      const block = start.getOffsetRange(r, 0).getResizedRange(Math.min(blockRows, rows - r) - 1, cols - 1).getMergedAreasOrNullObject();
      block.load('address');
      merged.push(block);
    }
  }
  return { range, rowProps, merged, props: props ? range.getCellProperties(FILL_PROPS) : null };
}

interface SheetData {
  grid: Grid;
  /** the fill of a cell (A1) when it was read, else undefined */
  fillAt(cell: string): FillState | null | undefined;
  syncs: number;
  windows: number;
  /** the used range's address, to tell whether a form's known rows still apply */
  address: string;
}

/**
 * Where the last 校验 found the form on a sheet: the rows from the used range's top to the form's
 * last cell. 生成审核行 on the same, unchanged used range then reads only those rows.
 */
interface KnownForm {
  sheetId: string;
  address: string;
  rows: number;
}
let knownForm: KnownForm | null = null;

/** The form's extent in rows (from the used range's top), from every cell the recogniser and the rules name. */
function formRows(result: SheetResult, top: number): number | null {
  if (!result.recognized || !result.form) return null;
  let bottom = -1;
  const walk = (v: unknown, depth: number): void => {
    if (depth > 6 || !v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if ((k === 'cell' || k === 'nameCell') && typeof x === 'string' && /^[A-Z]{1,3}\d+$/.test(x)) bottom = Math.max(bottom, fromA1(x).row);
      else if (x && typeof x === 'object') walk(x, depth + 1);
    }
  };
  // every form on the sheet (a sheet may hold several 附件1)
  for (const form of result.forms ?? [result.form]) walk(form, 0);
  for (const f of result.findings) bottom = Math.max(bottom, fromA1(normalizeCell(f.cell)).row);
  return bottom < 0 ? null : bottom - top + 2; // one row of margin below the last cell
}

/**
 * Read the active sheet's used range. The first sync carries whatever the caller queued and a first
 * window of at most FIRST_ROWS × FIRST_COLS with every cell's fill: a form is read whole in it.
 * A larger used range is then read in row bands sized by the response estimate, each in its own
 * sync (the 5 MB cap of Excel on the web bounds what one sync may return), without fills: the
 * fills of the cells about to be marked are read afterwards, narrowed to those cells.
 */
async function readSheet(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  merges: boolean,
  withFills: boolean,
  onProgress?: (p: ReadProgress) => void,
  known?: KnownForm | null,
): Promise<SheetData> {
  const used = ws.getUsedRange();
  used.load('address,rowIndex,columnIndex,rowCount,columnCount');
  const first = queueBand(used.getIntersection(used.getCell(0, 0).getResizedRange(FIRST_ROWS - 1, FIRST_COLS - 1)), FIRST_ROWS, FIRST_COLS, merges, withFills);
  await context.sync();
  let syncs = 1;
  const top = used.rowIndex;
  const left = used.columnIndex;
  const rows = used.rowCount;
  const cols = used.columnCount;
  const firstProps = first.props?.value;
  const fills = new Map<string, FillState | null>();
  const fillAt = (cell: string): FillState | null | undefined => {
    const known = fills.get(cell);
    if (known !== undefined || fills.has(cell)) return known;
    const { row, col } = fromA1(cell);
    const r = row - top;
    const c = col - left;
    if (!firstProps || r < 0 || c < 0 || r >= firstProps.length || c >= (firstProps[0]?.length ?? 0)) return undefined;
    return fillOf(firstProps[r][c]);
  };
  const mergeSet = new Map<string, MergedArea>();
  const addMerges = (areas: Excel.RangeAreas[]) => {
    for (const a of areas) {
      if (a.isNullObject) continue;
      for (const m of parseMergedAddress(a.address, top, left)) mergeSet.set(`${m.top},${m.left},${m.bottom},${m.right}`, m);
    }
  };
  const bandGrid = (b: Band) => ({
    values: b.range.values as CellValue[][],
    text: b.range.text,
    formats: b.range.numberFormat,
    formulas: (b.range.formulas as unknown[][]).map((row) => row.map((f) => (typeof f === 'string' && f.startsWith('=') ? f : ''))),
    hidden: b.rowProps.value.map((p) => !!p.rowHidden),
  });
  let parts = [bandGrid(first)];
  let windows = 1;
  addMerges(first.merged);
  // the form's own rows, known from the last 校验 of this unchanged used range, are all in the first window
  const narrowed = !!known && known.address === used.address && known.rows <= FIRST_ROWS && cols <= FIRST_COLS;
  if ((rows > FIRST_ROWS || cols > FIRST_COLS) && !narrowed) {
    // the measured size of the first window, when larger than the estimate, sizes the bands
    const measured = JSON.stringify([first.range.values, first.range.text, first.range.numberFormat, first.range.formulas]).length * 3;
    const perCell = Math.max(CELL_BYTES, Math.ceil(measured / Math.max(1, first.range.values.length * (first.range.values[0]?.length ?? 1))));
    const bandRows = Math.max(1, Math.floor(READ_BUDGET / (perCell * cols)));
    const total = Math.ceil(rows / bandRows);
    parts = [];
    mergeSet.clear();
    onProgress?.({ done: 0, total, rows });
    for (let r0 = 0; r0 < rows; r0 += bandRows) {
      const n = Math.min(bandRows, rows - r0);
      const band = queueBand(ws.getRangeByIndexes(top + r0, left, n, cols), n, cols, merges, false);
      // each band is one response under the cap: a sync per band is the point of the window
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      parts.push(bandGrid(band));
      addMerges(band.merged);
      onProgress?.({ done: parts.length, total, rows });
    }
    windows = total + 1;
  }
  const grid: Grid = {
    name: ws.name,
    top,
    left,
    values: parts.flatMap((p) => p.values),
    text: parts.flatMap((p) => p.text),
    formats: parts.flatMap((p) => p.formats),
    formulas: parts.flatMap((p) => p.formulas),
    merges: [...mergeSet.values()],
    hiddenRows: parts.flatMap((p) => p.hidden).flatMap((h, i) => (h ? [i] : [])),
  };
  return {
    grid,
    fillAt,
    syncs,
    windows,
    address: used.address,
  };
}

/** Read the fills of cells the first window did not cover, in one sync (none when all are known). */
async function readFills(context: Excel.RequestContext, ws: Excel.Worksheet, data: SheetData, cells: Iterable<string>): Promise<number> {
  const missing = [...new Set(cells)].filter((c) => data.fillAt(c) === undefined);
  if (missing.length === 0) return 0;
  const results = missing.map((c) => ws.getRange(c).getCellProperties(FILL_PROPS));
  await context.sync();
  const extra = new Map(missing.map((c, i) => [c, fillOf(results[i].value[0]?.[0])]));
  const before = data.fillAt;
  data.fillAt = (cell) => (extra.has(cell) ? extra.get(cell) : before(cell));
  return 1;
}

async function run<T>(action: ExcelAction, sheet: string | undefined, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await Excel.run(batch);
  } catch (e) {
    throw toHostError(e, action, sheet);
  }
}

interface ValidateOptions {
  onProgress?: (p: ReadProgress) => void;
  /** write fill only (the retry after Excel refused a note or comment) */
  fillOnly?: boolean;
  notices?: Localized[];
}

/** Read, validate and mark with the settings saved in the workbook: the ribbon's 校验, in the same 2 syncs. */
export async function validateSavedAndMark(): Promise<{ outcome: ValidateOutcome; settings: PaneSettings }> {
  let saved: PaneSettings = { ...DEFAULT_PANE_SETTINGS };
  const outcome = await validateAndMarkWith('saved', {}, (s) => {
    saved = s;
  });
  return { outcome, settings: saved };
}

/** Read, validate and mark. Exported for the ribbon command. */
export async function validateAndMark(settings: SettingsInput, opts: ValidateOptions = {}): Promise<ValidateOutcome> {
  return validateAndMarkWith(settings, opts);
}

async function validateAndMarkWith(
  given: SettingsInput | 'saved',
  opts: ValidateOptions,
  onSaved?: (s: PaneSettings) => void,
): Promise<ValidateOutcome> {
  const detected = capabilities();
  const caps: Capabilities = opts.fillOnly ? { ...detected, mode: 'fill' } : detected;
  const notices: Localized[] = [...(opts.notices ?? [])];
  let sheetName: string | undefined;
  let writing = false;
  let readTexts = true;
  let settingsUsed: SettingsInput = given === 'saved' ? {} : given;
  const attempt = () => Excel.run(async (context) => {
    // ---- sync 1: everything we need to read, in one round trip (a large used range: more, see readSheet)
    const ws = context.workbook.worksheets.getActiveWorksheet();
    ws.load('name,id,protection/protected');
    const sheets = context.workbook.worksheets;
    sheets.load('items/id,items/name');
    const settingItems = context.workbook.settings;
    settingItems.load('items');
    const texts: Texts = readTexts ? queueTexts(ws, caps) : { notes: null, comments: null };
    const data = await readSheet(context, ws, caps.merges, true, opts.onProgress);
    let syncs = data.syncs;
    // readSheet's first sync carried the loads above
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    sheetName = ws.name;
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    if (ws.protection.protected) throw new ExcelHostError('protected', { sheet: ws.name });
    if (given === 'saved') {
      const s = settingItems.items.find((x) => x.key === SETTINGS_KEY);
      const { damaged, ...pane } = s ? parseSettings(s.value) : { ...DEFAULT_PANE_SETTINGS };
      // the ribbon's dialog is the only place a damaged saved setting can be said on this path
      if (damaged) notices.push(damaged);
      onSaved?.(pane);
      settingsUsed = pane.engine;
    }
    if (data.windows > 1) notices.push(notice('largeSheet', { rows: data.grid.values.length, windows: data.windows }));
    const mode: MarkMode = readTexts ? caps.mode : 'fill';
    const result = validateGrid(data.grid, settingsUsed);
    const known = formRows(result, data.grid.top);
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    knownForm = known === null ? null : { sheetId: ws.id, address: data.address, rows: known };
    const marks = marksFor(result.findings, 'zh').map((m) => ({ ...m, cell: normalizeCell(m.cell) }));
    const marked = new Set(marks.map((m) => m.cell));
    const old = findRecord(settingItems, ws, sheets.items);
    if (old.record?.kind === 'notes' && !caps.notes) notices.push(notice('otherHostNotes'));
    const texts0 = loadedTexts(texts);

    // ---- only when needed: the fills of cells outside the first window, and where notes with a user's text are
    const oldCells = old.record ? Object.keys(old.record.fills) : [];
    syncs += await readFills(context, ws, data, [...marked, ...oldCells]);
    const located = new Map<TextItem, string>();
    const withUserText = texts0.filter((t) => splitNote(t.content).user !== '');
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
    const userTextAt = new Map<string, LoadedText & { user: string }>();
    for (const t of withUserText) {
      const at = located.get(t.item);
      if (at) userTextAt.set(at, { ...t, user: splitNote(t.content).user });
    }

    const oursExist = texts0.some((t) => splitNote(t.content).ours);
    if (marks.length === 0 && !old.key && !oursExist) {
      return { result, marked: 0, markMode: mode, syncs, notices };
    }

    // ---- the write sync. The record goes first, so that whatever happens after it, 清除标记 can put every fill back.
    const prevFill = (cell: string): FillState | null => {
      const now = data.fillAt(cell) ?? null;
      const rec = old.record;
      if (rec && cell in rec.fills) {
        const mark = rec.marks[cell];
        // still our mark: what was there before it; anything else is the cell's own fill now
        if (mark === undefined || (now && sameColor(now.color, mark) && !now.pattern)) return rec.fills[cell];
      }
      return now;
    };
    const record: MarkRecord = { v: 2, sheet: ws.name, fills: {}, marks: {}, kind: mode };
    let gradients = 0;
    const fillCells: [string, string][] = [];
    for (const m of marks) {
      const prev = prevFill(m.cell);
      if (prev?.pattern && GRADIENT_PATTERNS.has(prev.pattern)) {
        gradients++; // left untouched: Excel cannot set a gradient back
        continue;
      }
      record.fills[m.cell] = prev;
      record.marks[m.cell] = m.color.toUpperCase();
      fillCells.push([m.cell, m.color]);
    }
    if (gradients) notices.push(notice('gradientLeft', { count: gradients }));
    // First the union of the old and the new record (covers every cell this batch may touch),
    // the exact new record at the end: if the batch stops part-way, the union is what remains.
    const union: MarkRecord = {
      ...record,
      fills: { ...(old.record?.fills ?? {}), ...record.fills },
      marks: { ...(old.record?.marks ?? {}), ...record.marks },
    };
    const key = old.writeKey;
    const anyRecord = Object.keys(record.fills).length > 0;
    if (anyRecord || old.key) context.workbook.settings.add(key, JSON.stringify(union));
    if (old.key && old.key !== key) context.workbook.settings.getItem(old.key).delete();

    // undo the previous marks of either kind, whichever host wrote them (a cell re-marked keeps its fill slot)
    const undo = queueUndo(ws, old.record, data.fillAt, texts0.filter((t) => !located.has(t.item) || !marked.has(located.get(t.item)!)), new Set(fillCells.map(([c]) => c)));
    if (undo.changed) notices.push(notice('fillChangedByUser', { count: undo.changed }));

    // Fill: one Worksheet.getRanges per colour (three at most, chunked only for very long address lists).
    for (const [color, cells] of groupBy(fillCells)) {
      for (const chunk of addressChunks(cells)) ws.getRanges(chunk).format.fill.color = color;
    }
    let kept = 0;
    const target = mode === 'notes' ? texts.notes : mode === 'comments' ? texts.comments : null;
    if (target) {
      for (const m of marks) {
        const user = userTextAt.get(m.cell);
        if (!user) target.add(ws.getRange(m.cell), m.note);
        else if (user.kind === 'note' && mode === 'notes') user.item.content = combineNote(m.note, user.user);
        else kept++; // a user's comment (or, on a comments host, a user's note) stays untouched: fill only
      }
    }
    if (kept) notices.push(notice('userCommentKept', { count: kept }));
    if (anyRecord) context.workbook.settings.add(key, JSON.stringify(record));
    else if (old.key) context.workbook.settings.getItem(key).delete();
    writing = true;
    await context.sync();
    syncs++;
    return { result, marked: marks.length, markMode: mode, syncs, notices };
  });
  try {
    try {
      return await attempt();
    } catch (e) {
      // notes or comments claimed but not loadable (NotImplemented): read again without them, mark with fill only
      if (writing || officeCode(e) !== 'NotImplemented' || caps.mode === 'fill') throw e;
      readTexts = false;
      notices.push(notice('notesUnavailable', { detail: officeCode(e) ?? '' }));
      return await attempt();
    }
  } catch (e) {
    const err = toHostError(e, 'validate', sheetName);
    // Protection and cell-edit mode reject the first write to the sheet: nothing of it was changed.
    if (!writing || err.id === 'protected' || err.id === 'editMode') throw writing && err.id === 'protected' ? await readOnlyOr(err) : err;
    // Otherwise the write batch stopped part-way (Office.js batches are not transactional):
    // undo from the record, which was written first.
    const detail = officeCode(e) ?? (e instanceof Error ? e.message : String(e));
    try {
      await clearMarks();
    } catch {
      throw new ExcelHostError('markFailedNoUndo', { detail });
    }
    // a note or comment refused at run time: once more, with fill only, and say so
    if (caps.mode !== 'fill' && readTexts && !opts.fillOnly && isTextFailure(e)) {
      return validateAndMarkWith(given, { ...opts, fillOnly: true, notices: [notice('fillOnlyRetry', { detail })] }, onSaved);
    }
    throw new ExcelHostError('markFailed', { detail });
  }
}

/**
 * AccessDenied on a write although the sheet was not protected when read: either it was protected
 * in between, or the workbook is read-only (Viewing mode, a read-only file). One look tells which.
 */
async function readOnlyOr(err: ExcelHostError): Promise<ExcelHostError> {
  try {
    const isProtected = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.load('protection/protected');
      await context.sync();
      return ws.protection.protected;
    });
    return isProtected ? err : new ExcelHostError('readOnly', {}, err.officeCode);
  } catch {
    return err;
  }
}

/** Restore every marked cell's previous fill and remove only the notes and comments we wrote. */
export async function clearMarks(): Promise<{ cleared: number; notices?: Localized[] }> {
  const caps = capabilities();
  let sheetName: string | undefined;
  let writing = false;
  try {
    return await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.load('name,id,protection/protected');
      const sheets = context.workbook.worksheets;
      sheets.load('items/id,items/name');
      const settingItems = context.workbook.settings;
      settingItems.load('items');
      const texts = queueTexts(ws, caps);
      await context.sync();
      sheetName = ws.name;
      const old = findRecord(settingItems, ws, sheets.items);
      const all = loadedTexts(texts);
      const ours = all.filter((t) => splitNote(t.content).ours).length;
      const notices: Localized[] = [];
      if (old.record?.kind === 'notes' && !caps.notes) notices.push(notice('otherHostNotes'));
      if (!old.key && ours === 0) return notices.length ? { cleared: 0, notices } : { cleared: 0 };
      if (ws.protection.protected) throw new ExcelHostError('protected', { sheet: ws.name });
      // the current fill of every recorded cell: a fill is restored only where our mark still is
      const cells = old.record ? Object.keys(old.record.fills) : [];
      const props = cells.map((c) => ws.getRange(c).getCellProperties(FILL_PROPS));
      if (props.length) await context.sync();
      const now = new Map(cells.map((c, i) => [c, fillOf(props[i].value[0]?.[0])]));
      const undo = queueUndo(ws, old.record, (c) => now.get(c), all, new Set());
      if (undo.changed) notices.push(notice('fillChangedByUser', { count: undo.changed }));
      // the record goes last: if anything above fails, it is still there for the next try
      if (old.key) context.workbook.settings.getItem(old.key).delete();
      writing = true;
      await context.sync();
      const cleared = Math.max(undo.restored, ours);
      return notices.length ? { cleared, notices } : { cleared };
    });
  } catch (e) {
    const err = toHostError(e, 'clearMarks', sheetName);
    throw writing && err.id === 'protected' ? await readOnlyOr(err) : err;
  }
}

/** Write the finding's fix value, keeping the cell's number format (the fix's format only where the cell has no percent format). */
export async function applyFix(finding: Finding): Promise<void> {
  const fix = finding.fix;
  if (!fix) throw new ExcelHostError('noFix', { cell: finding.cell });
  await run('fix', finding.sheet, async (context) => {
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
  await run('select', sheet, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}

const DEFAULT_PANE_SETTINGS: PaneSettings = { engine: {} };

export async function loadSettings(): Promise<LoadedSettings> {
  return run('loadSettings', undefined, async (context) => {
    const s = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    s.load('value');
    await context.sync();
    return s.isNullObject ? { ...DEFAULT_PANE_SETTINGS } : parseSettings(s.value);
  });
}

export async function saveSettings(settings: PaneSettings): Promise<void> {
  await run('saveSettings', undefined, async (context) => {
    context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(settings));
    await context.sync();
  });
}

/**
 * The 附件2 row of the active sheet: the sheet and the saved settings (rubric) are read in one sync,
 * validated with the core and scored with the rubric. Nothing is written.
 */
export async function buildReviewRow(settings: SettingsInput): Promise<ReviewRow> {
  const { result, rubric } = await readForReview('buildReviewRow', settings);
  // a sheet that is not a 附件1 (an empty one too) is refused by the row builder with its reason
  return buildRow(result, { settings, rubric });
}

/** One 附件2 row per form on the active sheet, read and scored like buildReviewRow. */
export async function buildReviewRows(settings: SettingsInput): Promise<ReviewRow[]> {
  const { result, rubric } = await readForReview('buildReviewRows', settings);
  return buildRows(result, { settings, rubric });
}

/** The active sheet validated for 生成审核行, with the saved rubric: one sync (a large used range: one per band). */
async function readForReview(what: ExcelAction, settings: SettingsInput): Promise<{ result: SheetResult; rubric: PaneSettings['rubric'] }> {
  return run(what, undefined, async (context) => {
    const ws = context.workbook.worksheets.getActiveWorksheet();
    ws.load('name,id');
    const saved = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    saved.load('value');
    // after a 校验 of this sheet, a large used range is read no further than the form's own rows
    const data = await readSheet(context, ws, capabilities().merges, false, undefined, knownForm);
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    if (knownForm && knownForm.sheetId !== ws.id) knownForm = null;
    // readSheet's first sync carried the load above
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    const pane = saved.isNullObject ? DEFAULT_PANE_SETTINGS : parseSettings(saved.value);
    return { result: validateGrid(data.grid, settings), rubric: pane.rubric };
  });
}

/** Append (or update by key) the row at the chosen destination: this workbook's 附件2 sheet, the review server, or Graph. */
export async function appendReviewRow(row: ReviewRow, destination: DestinationConfig, onProgress?: (text: Localized) => void): Promise<AppendResult> {
  return appendToDestination(row, destination, { workbook: (r, sheetName) => appendToAnnex2Sheet(r, { sheetName }), onProgress });
}

/**
 * 审核一批: append several rows in one go. This workbook's 附件2: one read and one write for all of
 * them (a refused batch writes nothing). The review server and Graph: one row after the other.
 */
export async function appendReviewRows(rows: readonly ReviewRow[], destination: DestinationConfig): Promise<AppendResult[]> {
  if (destination.kind === 'workbook') {
    const out = await appendRowsToAnnex2Sheet(rows, { sheetName: destination.sheetName });
    return out.rows.map(({ where, seq, updated }) => ({ where, seq, updated }));
  }
  const results: AppendResult[] = [];
  for (const r of rows) results.push(await appendReviewRow(r, destination));
  return results;
}

/** 审核一批: the findings report as new sheets of this workbook (one read, one write). */
export async function addReportSheets(tables: readonly ReportTable[]): Promise<{ names: string[] }> {
  try {
    return await addSheets(tables);
  } catch (e) {
    throw toHostError(e, 'exportFindings');
  }
}

/** Microsoft Graph's “Test connection” (issue 16): sign in, open the shared workbook, check its table. */
export function testGraphConnection(destination: Extract<DestinationConfig, { kind: 'graph' }>): Promise<GraphCheck> {
  return testGraphDestination(destination);
}

/** The PaneHost the task pane receives when it runs inside Excel (and the ribbon's one-run 校验). */
export function createExcelHost(): PaneHost & { validateSaved: typeof validateSavedAndMark } {
  return { validateAndMark, clearMarks, applyFix, selectCell, loadSettings, saveSettings, buildReviewRow, buildReviewRows, appendReviewRow, appendReviewRows, addReportSheets, testGraphConnection, validateSaved: validateSavedAndMark };
}
