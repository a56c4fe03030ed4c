/**
 * Proxy objects of the simulated Excel JavaScript API. Each proxy holds a lazy reference that is
 * resolved when its queued command runs at `context.sync()`, like Office.js. See index.ts for the API list.
 */
import type { CellValue } from '../core';
import {
  type Box,
  type SimCell,
  type SimSheet,
  type SimWorkbook,
  boxAddress,
  boxA1,
  cellFor,
  cellText,
  emptySheet,
  findSheet,
  getCell,
  intersects,
  mergeBox,
  parseArea,
  splitSheet,
  usedBox,
  sheetNameProblem,
} from './model';

/** Error shaped like OfficeExtension.Error: `code` is one of Excel.ErrorCodes. */
export class SimOfficeError extends Error {
  override name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  /** `errorLocation` names the failing API, as OfficeExtension.Error.debugInfo does (e.g. `NoteCollection.add`) */
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = errorLocation ? { code, message, errorLocation } : { code, message };
  }
}

function notLoaded(prop: string): SimOfficeError {
  return new SimOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Counters shared by every context of one installed simulator. */
export interface SimStats {
  /** round trips: context.sync() calls that had queued commands, plus Excel.run's final implicit sync */
  syncs: number;
  /** every context.sync() call, including those with nothing queued (no round trip, as in Office.js) */
  syncCalls: number;
  /** round trips made by Excel.run itself because the batch returned with commands still queued */
  implicitSyncs: number;
  /** test hook: called at the start of every sync with its number (e.g. to protect a sheet between read and write) */
  onSync?: (syncNumber: number, model: SimWorkbook) => void;
  runs: number;
  /** request and response size of every round trip, in bytes of UTF-8 JSON (what the payload caps measure) */
  payloads: Array<{ request: number; response: number }>;
}

type Op = () => void;

/** Size in bytes of a value as UTF-8 JSON: how the simulator measures a payload. */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v ?? null) ?? '';
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Fixed cost of one queued command in a request (object path, method, arguments' framing). */
const COMMAND_BYTES = 64;

export class RequestContext {
  /** commands queued since the last sync, with the bytes each adds to the request */
  readonly queue: Array<{ op: Op; bytes: number }> = [];
  /** bytes of the response being built by the running sync */
  private responseBytes = 0;
  readonly workbook: Workbook;
  constructor(
    readonly model: SimWorkbook,
    readonly stats: SimStats,
  ) {
    this.workbook = new Workbook(this);
  }
  /** Runs the queued commands in order. The first failing command rejects the sync; commands before it stay applied. */
  async sync<T>(passThroughValue?: T): Promise<T> {
    this.stats.syncCalls++;
    const ops = this.queue.splice(0);
    await Promise.resolve();
    if (ops.length === 0) return passThroughValue as T; // Office.js makes no round trip for an empty queue
    this.stats.syncs++;
    this.stats.onSync?.(this.stats.syncs, this.model);
    const request = ops.reduce((n, x) => n + COMMAND_BYTES + x.bytes, 0);
    const payload = { request, response: 0 };
    this.stats.payloads.push(payload);
    const cap = this.model.host?.payloadCap;
    if (cap !== undefined && request > cap) {
      throw new SimOfficeError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${request} > ${cap} bytes). Please refer to the documentation: "https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`);
    }
    this.responseBytes = 0;
    try {
      for (const { op } of ops) op();
    } finally {
      payload.response = this.responseBytes;
    }
    if (cap !== undefined && this.responseBytes > cap) {
      throw new SimOfficeError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${this.responseBytes} > ${cap} bytes). Please refer to the documentation: "https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`);
    }
    return passThroughValue as T;
  }
  /** Queue a command; `bytes` is what its arguments add to the request. */
  enqueue(op: Op, bytes = 0): void {
    this.queue.push({ op, bytes });
  }
  /** A command's result joins the response of the running sync. */
  respond(value: unknown): void {
    this.responseBytes += jsonBytes(value);
  }
  /** Throws NotImplemented when the host profile lists the API as claimed but not implemented. */
  implemented(api: string, location?: string): void {
    if (this.model.host?.notImplemented?.includes(api)) {
      throw new SimOfficeError('NotImplemented', 'This operation is not implemented.', location);
    }
  }
  /** Throws ApiNotFound when the simulated host is below ExcelApi 1.<minor>. */
  requires(minor: number, what: string): void {
    if (this.model.excelApiMinor < minor) {
      throw new SimOfficeError('ApiNotFound', `${what} needs ExcelApi 1.${minor}; this host supports ExcelApi 1.${this.model.excelApiMinor}.`);
    }
  }
  /** Recreates nothing: present so code calling context.trackedObjects does not break. */
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };
}

/** A value produced by a method, readable after sync (OfficeExtension.ClientResult). */
export class ClientResult<T> {
  private has = false;
  private v: T | undefined;
  set(v: T, context?: RequestContext): void {
    this.v = v;
    this.has = true;
    context?.respond(v);
  }
  get value(): T {
    if (!this.has) throw notLoaded('value');
    return this.v as T;
  }
}

// ---------- load specs ----------

type LoadSpec = string | string[] | Record<string, unknown> | undefined;

/** Normalise a load argument into property paths ('values', 'format/fill/color', 'items/name'). */
function loadPaths(spec: LoadSpec): string[] {
  if (spec === undefined) return [];
  if (typeof spec === 'string') return spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s));
  if (typeof spec.select === 'string' || Array.isArray(spec.select)) return loadPaths(spec.select as string | string[]);
  const out: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (k === '$all' || k === 'expand' || k === 'top' || k === 'skip') continue;
      if (v === true) out.push(prefix + k);
      else if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}/`);
    }
  };
  walk(spec, '');
  return out;
}

// ---------- base proxy ----------

abstract class SimObject<T> {
  protected loaded = new Map<string, unknown>();
  protected nullState: boolean | undefined;
  constructor(
    readonly context: RequestContext,
    protected readonly ref: () => T | null,
    protected readonly orNull = false,
    protected readonly what = 'object',
  ) {}

  /** Resolve when a command runs: a missing target fails the batch with ItemNotFound. */
  protected target(): T {
    const t = this.ref();
    if (t === null || t === undefined) throw new SimOfficeError('ItemNotFound', `The requested ${this.what} does not exist.`);
    return t;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }

  /** Properties this proxy can load directly (scalars). */
  protected abstract readonly scalars: readonly string[];
  /** Read one scalar property from the model. */
  protected abstract read(t: T, prop: string): unknown;
  /** Navigation property → child proxy, for load paths like 'format/fill/color'. */
  protected child(_name: string): SimObject<unknown> | undefined {
    return undefined;
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    const own = new Set<string>();
    const nested = new Map<string, string[]>();
    for (const p of paths.length ? paths : this.scalars) {
      const i = p.indexOf('/');
      if (i < 0) {
        if (this.child(p)) nested.set(p, [...(nested.get(p) ?? [])]);
        else own.add(p);
      } else nested.set(p.slice(0, i), [...(nested.get(p.slice(0, i)) ?? []), p.slice(i + 1)]);
    }
    for (const [name, sub] of nested) this.child(name)?.load(sub.length ? sub : undefined);
    this.context.enqueue(() => {
      const t = this.ref();
      if (t === null || t === undefined) {
        if (!this.orNull) throw new SimOfficeError('ItemNotFound', `The requested ${this.what} does not exist.`);
        this.nullState = true;
        return;
      }
      this.nullState = false;
      for (const p of own) {
        if (!this.scalars.includes(p)) throw new SimOfficeError('InvalidArgument', `Unknown property '${p}' on ${this.what}.`);
        const v = this.read(t, p);
        this.loaded.set(p, v);
        this.context.respond(v);
      }
    });
    return this;
  }

  /** Used by collections while a sync runs: load these properties of an item at once. */
  loadNow(paths: readonly string[]): void {
    const t = this.target();
    this.nullState = false;
    for (const p of paths) {
      const v = this.read(t, p);
      this.loaded.set(p, v);
      this.context.respond(v);
    }
  }

  protected get(prop: string): unknown {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop);
  }

  /** Queue a write; it runs against the resolved target at sync. `data` is what the request carries. */
  protected queueWrite(fn: (t: T) => void, data?: unknown): void {
    this.context.enqueue(() => fn(this.target()), data === undefined ? 0 : jsonBytes(data));
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

// ---------- ranges ----------

interface RangeRef {
  sheet: SimSheet;
  box: Box;
}

function cellsOf(ref: RangeRef): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let r = ref.box.r0; r <= ref.box.r1; r++) for (let c = ref.box.c0; c <= ref.box.c1; c++) out.push([r, c]);
  return out;
}

function matrix<V>(ref: RangeRef, f: (c: SimCell | undefined, r: number, col: number) => V): V[][] {
  const out: V[][] = [];
  for (let r = ref.box.r0; r <= ref.box.r1; r++) {
    const row: V[] = [];
    for (let c = ref.box.c0; c <= ref.box.c1; c++) row.push(f(getCell(ref.sheet, r, c), r, c));
    out.push(row);
  }
  return out;
}

function assertWritable(sheet: SimSheet): void {
  if (sheet.readOnly) {
    throw new SimOfficeError('AccessDenied', 'The workbook is read-only (Viewing mode): the change was not made.');
  }
  if (sheet.protected) {
    throw new SimOfficeError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet (${sheet.name}). To make a change, unprotect the sheet.`);
  }
}

/** Write a 2-D array (or one scalar for every cell) into a range. */
function write2d<V>(ref: RangeRef, data: V | V[][], prop: string, set: (cell: SimCell, v: V) => void): void {
  assertWritable(ref.sheet);
  const rows = ref.box.r1 - ref.box.r0 + 1;
  const cols = ref.box.c1 - ref.box.c0 + 1;
  if (Array.isArray(data)) {
    if (data.length !== rows || data.some((row) => !Array.isArray(row) || row.length !== cols)) {
      throw new SimOfficeError('InvalidArgument', `The number of rows or columns in the input array for ${prop} doesn't match the size or dimensions of the range.`);
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = Array.isArray(data) ? (data as V[][])[r][c] : data;
      set(cellFor(ref.sheet, ref.box.r0 + r, ref.box.c0 + c), v);
    }
  }
}

/**
 * How Excel takes a string written through `Range.values` (as if typed): `=…` is a formula, and so
 * is `+…` / `-…` that is not a number; number-like text (`001`, `1e3`, `12%`, `2020-09-30`) becomes
 * a number. Only a Text number format (`@`) or a leading apostrophe keeps the string as typed
 * (the apostrophe itself is not stored). docs/excel-limits.md, row "values are typed".
 */
export function typedValue(v: string, format: string | undefined): { formula?: string; value: CellValue; format?: string } {
  if (format === '@') return { value: v };
  if (v.startsWith("'")) return { value: v.slice(1) };
  if (v.startsWith('=') && v.length > 1) return { formula: v, value: null };
  const t = v.trim();
  const num = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : null;
  if (num !== null && Number.isFinite(num)) return { value: num };
  const pct = /^[+-]?(\d+(\.\d*)?|\.\d+)%$/.exec(t);
  if (pct) return { value: Number(t.slice(0, -1)) / 100, format: format && format !== 'General' ? format : '0%' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return { value: Date.UTC(+iso[1], +iso[2] - 1, +iso[3]) / 86400000 + 25569, format: format && format !== 'General' ? format : 'yyyy/m/d' };
  if ((t.startsWith('+') || t.startsWith('-')) && t.length > 1) return { formula: `=${t}`, value: null };
  return { value: v };
}

function setValue(cell: SimCell, v: unknown): void {
  delete cell.text;
  if (typeof v === 'string' && v !== '') {
    const typed = typedValue(v, cell.format);
    if (typed.formula) {
      cell.formula = typed.formula; // no calculation engine: the cached value stays
      return;
    }
    delete cell.formula;
    cell.value = typed.value;
    if (typed.format) cell.format = typed.format;
    return;
  }
  delete cell.formula;
  cell.value = v === '' || v === undefined || v === null ? null : (v as CellValue);
}

/** Range.formulas: a string starting with `=` is a formula; anything else is taken as `values` would. */
function setFormula(cell: SimCell, v: unknown): void {
  if (typeof v === 'string' && v.startsWith('=')) {
    delete cell.text;
    cell.formula = v;
    return;
  }
  setValue(cell, v);
}

/** One value for a whole range when every cell agrees, else null (like Office.js for mixed formatting). */
function uniform<V>(ref: RangeRef, f: (c: SimCell | undefined) => V): V | null {
  let first: V | undefined;
  let init = false;
  for (const [r, c] of cellsOf(ref)) {
    const v = f(getCell(ref.sheet, r, c));
    if (!init) {
      first = v;
      init = true;
    } else if (v !== first) return null;
  }
  return first ?? null;
}

const NO_FILL = '#FFFFFF';

function patternOf(c: SimCell | undefined): string {
  return c?.fill ? (c.fillPattern ?? 'Solid') : 'None';
}

const GRADIENTS = new Set(['LinearGradient', 'RectangularGradient']);
/** A pattern's colour when none was chosen (automatic: black). */
const DEFAULT_PATTERN_COLOR = '#000000';

function fillProp(c: SimCell | undefined, prop: string): unknown {
  switch (prop) {
    case 'color':
      return c?.fill ?? NO_FILL;
    case 'pattern':
      return patternOf(c);
    case 'tintAndShade':
      return c?.fillTint ?? 0;
    case 'patternColor':
      return c?.patternColor ?? DEFAULT_PATTERN_COLOR;
    case 'patternTintAndShade':
      return c?.patternTint ?? 0;
  }
  return null;
}

export class RangeFill extends SimObject<RangeRef[]> {
  protected readonly scalars = ['color', 'pattern', 'tintAndShade', 'patternColor', 'patternTintAndShade'] as const;
  protected read(refs: RangeRef[], prop: string): unknown {
    if (prop !== 'color') this.context.requires(9, `RangeFill.${prop}`);
    const vals = refs.map((ref) => uniform(ref, (c) => fillProp(c, prop)));
    return vals.every((v) => v === vals[0]) ? vals[0] : null;
  }
  get tintAndShade(): number {
    return this.get('tintAndShade') as number;
  }
  set tintAndShade(v: number) {
    this.context.requires(9, 'RangeFill.tintAndShade');
    this.queueWrite((refs) => refs.forEach((ref) => write2d(ref, v, 'tintAndShade', (cell, x) => {
      if (x) cell.fillTint = x;
      else delete cell.fillTint;
    })));
  }
  get patternColor(): string {
    return this.get('patternColor') as string;
  }
  set patternColor(v: string) {
    this.context.requires(9, 'RangeFill.patternColor');
    this.queueWrite((refs) => refs.forEach((ref) => write2d(ref, v, 'patternColor', (cell, x) => {
      const c = normalizeColor(x);
      if (c === DEFAULT_PATTERN_COLOR) delete cell.patternColor; // the default: no state of its own
      else cell.patternColor = c;
    })));
  }
  get patternTintAndShade(): number {
    return this.get('patternTintAndShade') as number;
  }
  set patternTintAndShade(v: number) {
    this.context.requires(9, 'RangeFill.patternTintAndShade');
    this.queueWrite((refs) => refs.forEach((ref) => write2d(ref, v, 'patternTintAndShade', (cell, x) => {
      if (x) cell.patternTint = x;
      else delete cell.patternTint;
    })));
  }
  get color(): string {
    return this.get('color') as string;
  }
  /** Setting a colour makes a solid fill. */
  set color(v: string) {
    this.queueWrite((refs) => {
      for (const ref of refs) {
        write2d(ref, v.toUpperCase(), 'color', (cell, x) => {
          cell.fill = normalizeColor(x);
          clearFillExtras(cell);
        });
      }
    });
  }
  get pattern(): string {
    return this.get('pattern') as string;
  }
  set pattern(v: string) {
    this.context.requires(9, 'RangeFill.pattern');
    this.queueWrite((refs) => {
      // Excel.Interfaces.RangeFillUpdateData.pattern: "LinearGradient and RectangularGradient are not supported."
      if (GRADIENTS.has(v)) throw new SimOfficeError('InvalidArgument', `The fill pattern ${v} is not supported.`);
      for (const ref of refs) {
        write2d(ref, v, 'pattern', (cell, x) => {
          if (x === 'None') {
            delete cell.fill;
            clearFillExtras(cell);
            return;
          }
          cell.fill ??= NO_FILL;
          if (x === 'Solid') delete cell.fillPattern;
          else cell.fillPattern = x;
        });
      }
    });
  }
  clear(): void {
    this.queueWrite((refs) => {
      for (const ref of refs) {
        write2d(ref, null, 'fill', (cell) => {
          delete cell.fill;
          clearFillExtras(cell);
        });
      }
    });
  }
}

function clearFillExtras(cell: SimCell): void {
  delete cell.fillPattern;
  delete cell.fillTint;
  delete cell.patternColor;
  delete cell.patternTint;
}

function normalizeColor(c: string): string {
  const named: Record<string, string> = { RED: '#FF0000', YELLOW: '#FFFF00', WHITE: '#FFFFFF', BLACK: '#000000', GREEN: '#008000', BLUE: '#0000FF' };
  const u = c.toUpperCase();
  return named[u] ?? (u.startsWith('#') ? u : `#${u}`);
}

/** Plain style properties stored on each cell under `style[prefix + prop]` (font.bold, wrapText …). */
class StyleObject extends SimObject<RangeRef[]> {
  constructor(
    context: RequestContext,
    ref: () => RangeRef[] | null,
    private readonly prefix: string,
    protected readonly scalars: readonly string[],
  ) {
    super(context, ref, false, 'range format');
    for (const p of scalars) {
      Object.defineProperty(this, p, {
        get: () => this.get(p),
        set: (v: unknown) => this.queueWrite((refs) => refs.forEach((r) => write2d(r, v, p, (cell, x) => ((cell.style ??= {})[prefix + p] = x)))),
        enumerable: true,
      });
    }
  }
  protected read(refs: RangeRef[], prop: string): unknown {
    return uniform(refs[0], (c) => c?.style?.[this.prefix + prop] ?? null);
  }
}

export type RangeFont = StyleObject & { bold: boolean; italic: boolean; color: string; size: number; name: string };

export class RangeFormat extends SimObject<RangeRef[]> {
  protected readonly scalars = ['wrapText', 'horizontalAlignment', 'verticalAlignment', 'columnWidth', 'rowHeight'] as const;
  readonly fill: RangeFill;
  readonly font: RangeFont;
  constructor(context: RequestContext, ref: () => RangeRef[] | null) {
    super(context, ref, false, 'range format');
    this.fill = new RangeFill(context, ref, false, 'range fill');
    this.font = new StyleObject(context, ref, 'font.', ['bold', 'italic', 'color', 'size', 'name']) as RangeFont;
  }
  protected override child(name: string): SimObject<unknown> | undefined {
    return name === 'fill' ? (this.fill as SimObject<unknown>) : name === 'font' ? (this.font as SimObject<unknown>) : undefined;
  }
  protected read(refs: RangeRef[], prop: string): unknown {
    const ref = refs[0];
    if (prop === 'columnWidth') return ref.sheet.columnWidths.get(ref.box.c0) ?? 48;
    if (prop === 'rowHeight') return 15;
    return uniform(ref, (c) => c?.style?.[prop] ?? null);
  }
  private setStyle(prop: string, v: unknown): void {
    this.queueWrite((refs) => refs.forEach((r) => write2d(r, v, prop, (cell, x) => ((cell.style ??= {})[prop] = x))));
  }
  get wrapText(): boolean {
    return this.get('wrapText') as boolean;
  }
  set wrapText(v: boolean) {
    this.setStyle('wrapText', v);
  }
  get horizontalAlignment(): string {
    return this.get('horizontalAlignment') as string;
  }
  set horizontalAlignment(v: string) {
    this.setStyle('horizontalAlignment', v);
  }
  get verticalAlignment(): string {
    return this.get('verticalAlignment') as string;
  }
  set verticalAlignment(v: string) {
    this.setStyle('verticalAlignment', v);
  }
  get columnWidth(): number {
    return this.get('columnWidth') as number;
  }
  set columnWidth(v: number) {
    this.queueWrite((refs) => refs.forEach((r) => {
      for (let c = r.box.c0; c <= r.box.c1; c++) r.sheet.columnWidths.set(c, v);
    }));
  }
  get rowHeight(): number {
    return this.get('rowHeight') as number;
  }
  autofitColumns(): void {
    this.queueWrite(() => undefined);
  }
  autofitRows(): void {
    this.queueWrite(() => undefined);
  }
}

interface CellPropsSpec {
  address?: boolean;
  format?: { fill?: { color?: boolean; pattern?: boolean; tintAndShade?: boolean; patternColor?: boolean; patternTintAndShade?: boolean }; font?: Record<string, boolean>; wrapText?: boolean };
  hidden?: boolean;
}

function cellProps(ctx: RequestContext, sheet: SimSheet, r: number, c: number, spec: CellPropsSpec): Record<string, unknown> {
  const cell = getCell(sheet, r, c);
  const out: Record<string, unknown> = {};
  if (spec.address) out.address = boxAddress(sheet.name, { r0: r, c0: c, r1: r, c1: c });
  if (spec.hidden) out.hidden = sheet.hiddenRows.has(r);
  if (spec.format) {
    const f: Record<string, unknown> = {};
    if (spec.format.fill) {
      const fill: Record<string, unknown> = {};
      for (const [k, on] of Object.entries(spec.format.fill)) if (on) fill[k] = fillProp(cell, k);
      f.fill = fill;
    }
    if (spec.format.font) {
      const font: Record<string, unknown> = {};
      for (const [k, on] of Object.entries(spec.format.font)) if (on) font[k] = cell?.style?.[`font.${k}`] ?? null;
      f.font = font;
    }
    if (spec.format.wrapText) f.wrapText = cell?.style?.wrapText ?? false;
    out.format = f;
  }
  return out;
}

/** Shift rows at and below `at` (0-based) down by `n`, adjusting formulas, merges and hidden rows. */
function insertRows(sheet: SimSheet, at: number, n: number): void {
  const moved = new Map<string, SimCell>();
  for (const [k, c] of sheet.cells) {
    const [r, col] = k.split(',').map(Number);
    moved.set(r >= at ? `${r + n},${col}` : k, c);
  }
  sheet.cells = moved;
  for (const c of sheet.cells.values()) if (c.formula) c.formula = shiftFormulaRows(c.formula, at, n);
  sheet.merges = sheet.merges.map((m) => (m.top >= at ? { ...m, top: m.top + n, bottom: m.bottom + n } : m.bottom >= at ? { ...m, bottom: m.bottom + n } : m));
  sheet.hiddenRows = new Set([...sheet.hiddenRows].map((r) => (r >= at ? r + n : r)));
}

/** Same-sheet A1 references in a formula whose row is at or below 0-based row `at` move down `n` rows. */
export function shiftFormulaRows(formula: string, at: number, n: number): string {
  return formula.replace(/(?<![A-Za-z0-9_.!'])(\$?[A-Z]{1,3}\$?)(\d+)(?![A-Za-z0-9_(])/g, (all, col: string, row: string) => {
    const r = Number(row);
    return r - 1 >= at ? `${col}${r + n}` : all;
  });
}

/** Most merged areas Range.getMergedAreasOrNullObject returns before it fails. */
export const MAX_MERGED_AREAS = 512;

export class Range extends SimObject<RangeRef> {
  protected readonly scalars = [
    'address', 'addressLocal', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'cellCount',
    'values', 'text', 'numberFormat', 'formulas', 'rowHidden', 'columnHidden',
  ] as const;
  readonly format: RangeFormat;
  constructor(context: RequestContext, ref: () => RangeRef | null, orNull = false) {
    super(context, ref, orNull, 'range');
    this.format = new RangeFormat(context, () => {
      const r = ref();
      return r ? [r] : null;
    });
  }
  protected override child(name: string): SimObject<unknown> | undefined {
    if (name === 'format') return this.format as SimObject<unknown>;
    if (name === 'worksheet') return this.worksheet as SimObject<unknown>;
    return undefined;
  }
  protected read(ref: RangeRef, prop: string): unknown {
    const b = ref.box;
    switch (prop) {
      case 'address':
      case 'addressLocal':
        return boxAddress(ref.sheet.name, b);
      case 'rowIndex':
        return b.r0;
      case 'columnIndex':
        return b.c0;
      case 'rowCount':
        return b.r1 - b.r0 + 1;
      case 'columnCount':
        return b.c1 - b.c0 + 1;
      case 'cellCount':
        return (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);
      case 'values':
        return matrix(ref, (c) => c?.value ?? '');
      case 'text':
        return matrix(ref, (c) => cellText(c, this.context.model.host?.locale));
      case 'numberFormat':
        return matrix(ref, (c) => c?.format ?? 'General');
      case 'formulas':
        return matrix(ref, (c) => c?.formula ?? c?.value ?? '');
      case 'rowHidden': {
        let hidden = 0;
        for (let r = b.r0; r <= b.r1; r++) if (ref.sheet.hiddenRows.has(r)) hidden++;
        return hidden === 0 ? false : hidden === b.r1 - b.r0 + 1 ? true : null;
      }
      case 'columnHidden':
        return false;
    }
    return undefined;
  }
  get address(): string {
    return this.get('address') as string;
  }
  get addressLocal(): string {
    return this.get('addressLocal') as string;
  }
  get rowIndex(): number {
    return this.get('rowIndex') as number;
  }
  get columnIndex(): number {
    return this.get('columnIndex') as number;
  }
  get rowCount(): number {
    return this.get('rowCount') as number;
  }
  get columnCount(): number {
    return this.get('columnCount') as number;
  }
  get cellCount(): number {
    return this.get('cellCount') as number;
  }
  get text(): string[][] {
    return this.get('text') as string[][];
  }
  get values(): CellValue[][] {
    return this.get('values') as CellValue[][];
  }
  set values(v: unknown[][]) {
    this.queueWrite((ref) => write2d(ref, v, 'values', setValue), v);
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat') as string[][];
  }
  set numberFormat(v: string[][]) {
    this.queueWrite((ref) => write2d(ref, v, 'numberFormat', (cell, x) => {
      delete cell.text;
      if (!x || x === 'General') delete cell.format;
      else cell.format = x;
    }), v);
  }
  get formulas(): unknown[][] {
    return this.get('formulas') as unknown[][];
  }
  set formulas(v: unknown[][]) {
    this.queueWrite((ref) => write2d(ref, v, 'formulas', setFormula), v);
  }
  get rowHidden(): boolean {
    return this.get('rowHidden') as boolean;
  }
  set rowHidden(v: boolean) {
    this.queueWrite((ref) => {
      for (let r = ref.box.r0; r <= ref.box.r1; r++) {
        if (v) ref.sheet.hiddenRows.add(r);
        else ref.sheet.hiddenRows.delete(r);
      }
    });
  }
  get columnHidden(): boolean {
    return this.get('columnHidden') as boolean;
  }
  private ws?: Worksheet;
  get worksheet(): Worksheet {
    return (this.ws ??= new Worksheet(this.context, () => this.ref()?.sheet ?? null));
  }

  private sub(f: (ref: RangeRef) => Box): Range {
    return new Range(this.context, () => {
      const r = this.ref();
      return r ? { sheet: r.sheet, box: f(r) } : null;
    });
  }
  getCell(row: number, column: number): Range {
    return this.sub((r) => ({ r0: r.box.r0 + row, c0: r.box.c0 + column, r1: r.box.r0 + row, c1: r.box.c0 + column }));
  }
  getRow(row: number): Range {
    return this.sub((r) => ({ r0: r.box.r0 + row, c0: r.box.c0, r1: r.box.r0 + row, c1: r.box.c1 }));
  }
  getColumn(column: number): Range {
    return this.sub((r) => ({ r0: r.box.r0, c0: r.box.c0 + column, r1: r.box.r1, c1: r.box.c0 + column }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.sub((r) => ({ ...r.box, r1: r.box.r1 + deltaRows, c1: r.box.c1 + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.sub((r) => ({ r0: r.box.r0 + rowOffset, c0: r.box.c0 + columnOffset, r1: r.box.r1 + rowOffset, c1: r.box.c1 + columnOffset }));
  }
  /** The intersection with another range of the same sheet (ItemNotFound when they do not meet). */
  getIntersection(other: Range): Range {
    return new Range(this.context, () => {
      const a = this.target();
      const b = (other as unknown as { ref: () => RangeRef | null }).ref();
      if (!b || b.sheet !== a.sheet || !intersects(a.box, b.box)) throw new SimOfficeError('ItemNotFound', 'The ranges do not intersect.');
      return { sheet: a.sheet, box: { r0: Math.max(a.box.r0, b.box.r0), c0: Math.max(a.box.c0, b.box.c0), r1: Math.min(a.box.r1, b.box.r1), c1: Math.min(a.box.c1, b.box.c1) } };
    });
  }
  getEntireRow(): Range {
    return this.sub((r) => ({ r0: r.box.r0, c0: 0, r1: r.box.r1, c1: 16383 }));
  }
  /**
   * Insert cells, shifting the others down: implemented for whole rows (what the add-in inserts).
   * As in Excel, merged areas and hidden rows below move with their rows, and every reference in
   * the sheet's formulas to a row at or below the insertion moves too, so a range that spans the
   * insertion point grows (SUM(E5:E8) with rows inserted at 8 → SUM(E5:E9)).
   */
  insert(shift: string): Range {
    this.queueWrite((ref) => {
      assertWritable(ref.sheet);
      if (shift !== 'Down' || ref.box.c0 !== 0 || ref.box.c1 !== 16383) throw new SimOfficeError('InvalidArgument', 'The simulator inserts whole rows only (shift Down).');
      insertRows(ref.sheet, ref.box.r0, ref.box.r1 - ref.box.r0 + 1);
    });
    return new Range(this.context, () => this.ref());
  }
  getCellProperties(spec: CellPropsSpec): ClientResult<Record<string, unknown>[][]> {
    this.context.requires(9, 'Range.getCellProperties');
    const out = new ClientResult<Record<string, unknown>[][]>();
    this.context.enqueue(() => {
      const ref = this.target();
      out.set(matrix(ref, (_c, r, c) => cellProps(this.context, ref.sheet, r, c, spec)), this.context);
    });
    return out;
  }
  getRowProperties(spec: CellPropsSpec & { rowHidden?: boolean; rowIndex?: boolean }): ClientResult<Record<string, unknown>[]> {
    this.context.requires(9, 'Range.getRowProperties');
    const out = new ClientResult<Record<string, unknown>[]>();
    this.context.enqueue(() => {
      const ref = this.target();
      const rows: Record<string, unknown>[] = [];
      for (let r = ref.box.r0; r <= ref.box.r1; r++) {
        const p: Record<string, unknown> = {};
        if (spec.rowHidden) p.rowHidden = ref.sheet.hiddenRows.has(r);
        if (spec.rowIndex) p.rowIndex = r;
        if (spec.address) p.address = boxAddress(ref.sheet.name, { r0: r, c0: ref.box.c0, r1: r, c1: ref.box.c1 });
        rows.push(p);
      }
      out.set(rows, this.context);
    });
    return out;
  }
  /** Sets fill colour / font.bold per cell; an empty object leaves a cell alone. */
  setCellProperties(data: Array<Array<{ format?: { fill?: { color?: string }; font?: Record<string, unknown> } }>>): void {
    this.context.requires(9, 'Range.setCellProperties');
    this.queueWrite((ref) => write2d(ref, data as never, 'cellProperties', (cell, p: { format?: { fill?: { color?: string }; font?: Record<string, unknown> } }) => {
      if (p?.format?.fill?.color) {
        cell.fill = normalizeColor(p.format.fill.color);
        delete cell.fillPattern;
      }
      for (const [k, v] of Object.entries(p?.format?.font ?? {})) (cell.style ??= {})[`font.${k}`] = v;
    }));
  }
  getMergedAreasOrNullObject(): RangeAreas {
    this.context.requires(13, 'Range.getMergedAreasOrNullObject');
    return new RangeAreas(this.context, () => {
      const ref = this.ref();
      if (!ref) return null;
      const areas = ref.sheet.merges.map(mergeBox).filter((m) => intersects(m, ref.box));
      // Range.getMergedAreasOrNullObject: "if the merged areas count in this range is more than 512, the method will fail"
      if (areas.length > MAX_MERGED_AREAS) throw new SimOfficeError('GeneralException', `There are ${areas.length} merged areas in the range; at most ${MAX_MERGED_AREAS} can be returned.`);
      return areas.length ? areas.map((box) => ({ sheet: ref.sheet, box })) : null;
    }, true);
  }
  merge(across = false): void {
    this.queueWrite((ref) => {
      assertWritable(ref.sheet);
      const b = ref.box;
      const boxes = across ? Array.from({ length: b.r1 - b.r0 + 1 }, (_, i) => ({ ...b, r0: b.r0 + i, r1: b.r0 + i })) : [b];
      for (const m of boxes) {
        ref.sheet.merges = ref.sheet.merges.filter((x) => !intersects(mergeBox(x), m));
        ref.sheet.merges.push({ top: m.r0, left: m.c0, bottom: m.r1, right: m.c1 });
      }
    });
  }
  unmerge(): void {
    this.queueWrite((ref) => {
      assertWritable(ref.sheet);
      ref.sheet.merges = ref.sheet.merges.filter((x) => !intersects(mergeBox(x), ref.box));
    });
  }
  /** Clears contents and/or formats ('All' | 'Contents' | 'Formats'); notes stay, as in Excel. */
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.queueWrite((ref) => write2d(ref, null, 'clear', (cell) => {
      if (applyTo !== 'Formats') {
        cell.value = null;
        delete cell.formula;
        delete cell.text;
      }
      if (applyTo !== 'Contents') {
        delete cell.format;
        delete cell.fill;
        delete cell.style;
      }
    }));
  }
  select(): void {
    this.context.enqueue(() => {
      const ref = this.target();
      this.context.model.active = ref.sheet.name;
      this.context.model.selection = { sheet: ref.sheet.name, address: boxA1(ref.box) };
    });
  }
}

/** Several areas of one sheet (Worksheet.getRanges, merged areas). */
export class RangeAreas extends SimObject<RangeRef[]> {
  protected readonly scalars = ['address', 'areaCount', 'cellCount'] as const;
  readonly format: RangeFormat;
  constructor(context: RequestContext, ref: () => RangeRef[] | null, orNull = false) {
    super(context, ref, orNull, 'range areas');
    this.format = new RangeFormat(context, ref);
  }
  protected override child(name: string): SimObject<unknown> | undefined {
    return name === 'format' ? (this.format as SimObject<unknown>) : undefined;
  }
  protected read(refs: RangeRef[], prop: string): unknown {
    if (prop === 'address') return refs.map((r) => boxAddress(r.sheet.name, r.box)).join(',');
    if (prop === 'areaCount') return refs.length;
    return refs.reduce((n, r) => n + (r.box.r1 - r.box.r0 + 1) * (r.box.c1 - r.box.c0 + 1), 0);
  }
  get address(): string {
    return this.get('address') as string;
  }
  get areaCount(): number {
    return this.get('areaCount') as number;
  }
  get cellCount(): number {
    return this.get('cellCount') as number;
  }
}

// ---------- notes and comments ----------

interface CellRef {
  sheet: SimSheet;
  row: number;
  col: number;
}

type NoteKind = 'note' | 'comment';

/** A Note (ExcelApi 1.18) or a Comment (ExcelApi 1.10): both are text attached to one cell. */
export class CellText extends SimObject<CellRef> {
  protected readonly scalars = ['content', 'authorName', 'id'] as const;
  constructor(
    context: RequestContext,
    ref: () => CellRef | null,
    private readonly kind: NoteKind,
    orNull = false,
  ) {
    super(context, ref, orNull, kind);
  }
  protected read(t: CellRef, prop: string): unknown {
    if (prop === 'content') return getCell(t.sheet, t.row, t.col)?.[this.kind] ?? '';
    if (prop === 'id') return `${this.kind}:${t.sheet.id}:${t.row},${t.col}`;
    return 'Simulator';
  }
  protected override target(): CellRef {
    const t = super.target();
    if (getCell(t.sheet, t.row, t.col)?.[this.kind] === undefined) throw new SimOfficeError('ItemNotFound', `The requested ${this.kind} does not exist.`);
    return t;
  }
  get content(): string {
    return this.get('content') as string;
  }
  set content(v: string) {
    this.queueWrite((t) => {
      assertWritable(t.sheet);
      cellFor(t.sheet, t.row, t.col)[this.kind] = v;
    }, v);
  }
  get authorName(): string {
    return this.get('authorName') as string;
  }
  get id(): string {
    return this.get('id') as string;
  }
  delete(): void {
    this.queueWrite((t) => {
      assertWritable(t.sheet);
      const c = getCell(t.sheet, t.row, t.col);
      if (c) delete c[this.kind];
    });
  }
  getLocation(): Range {
    return new Range(this.context, () => {
      const t = this.ref();
      return t ? { sheet: t.sheet, box: { r0: t.row, c0: t.col, r1: t.row, c1: t.col } } : null;
    });
  }
}

/** Notes or comments of one sheet (or of the whole workbook when sheet resolves to null and addresses carry a sheet). */
export class CellTextCollection extends SimObject<SimSheet[]> {
  protected readonly scalars = ['items'] as const;
  private itemsValue: CellText[] | undefined;
  constructor(
    context: RequestContext,
    ref: () => SimSheet[] | null,
    private readonly kind: NoteKind,
  ) {
    super(context, ref, false, `${kind} collection`);
  }
  protected read(): unknown {
    return undefined;
  }
  /** the collection's name in Office.js error locations */
  private get location(): string {
    return this.kind === 'note' ? 'NoteCollection' : 'CommentCollection';
  }
  private refsOf(sheets: SimSheet[]): CellRef[] {
    const out: CellRef[] = [];
    for (const sheet of sheets) {
      for (const [k, c] of sheet.cells) {
        if (c[this.kind] === undefined) continue;
        const [row, col] = k.split(',').map(Number);
        out.push({ sheet, row, col });
      }
    }
    return out.sort((a, b) => a.row - b.row || a.col - b.col);
  }
  override load(spec?: LoadSpec): this {
    const paths = loadPaths(spec).map((p) => p.replace(/^items\//, '')).filter((p) => p !== 'items');
    this.context.enqueue(() => {
      this.context.implemented(`${this.kind}s.load`, `${this.location}.load`);
      const refs = this.refsOf(this.target());
      this.itemsValue = refs.map((r) => {
        const item = new CellText(this.context, () => r, this.kind);
        item.loadNow(paths.length ? paths : ['content', 'authorName', 'id']);
        return item;
      });
    });
    return this;
  }
  get items(): CellText[] {
    if (!this.itemsValue) throw notLoaded('items');
    return this.itemsValue;
  }
  private locate(cellAddress: string | Range): () => CellRef {
    return () => {
      const sheets = this.target();
      let sheet: SimSheet | undefined;
      let box: Box;
      if (typeof cellAddress === 'string') {
        const { sheet: name, local } = splitSheet(cellAddress);
        sheet = name ? findSheet(this.context.model, name) : sheets.length === 1 ? sheets[0] : undefined;
        if (!sheet) throw new SimOfficeError('InvalidArgument', `The address '${cellAddress}' must include a sheet name.`);
        box = parseArea(local);
      } else {
        const ref = (cellAddress as unknown as { ref: () => RangeRef | null }).ref();
        if (!ref) throw new SimOfficeError('ItemNotFound', 'The requested range does not exist.');
        sheet = ref.sheet;
        box = ref.box;
      }
      if (box.r0 !== box.r1 || box.c0 !== box.c1) throw new SimOfficeError('InvalidArgument', `The ${this.kind} must be on a single cell.`);
      return { sheet, row: box.r0, col: box.c0 };
    };
  }
  add(cellAddress: string | Range, content: string): CellText {
    const at = this.locate(cellAddress);
    let placed: CellRef | null = null;
    this.context.enqueue(() => {
      this.context.implemented(`${this.kind}s.add`, `${this.location}.add`);
      const t = at();
      assertWritable(t.sheet);
      const cell = cellFor(t.sheet, t.row, t.col);
      if (cell[this.kind] !== undefined) throw new SimOfficeError('InvalidArgument', `The cell already has a ${this.kind}.`, `${this.location}.add`);
      // a cell holds a note or a threaded comment, never both (docs/excel-limits.md)
      const other = this.kind === 'note' ? 'comment' : 'note';
      if (cell[other] !== undefined) throw new SimOfficeError('InvalidOperation', `The cell already has a ${other}; a cell can hold a note or a comment, not both.`, `${this.location}.add`);
      cell[this.kind] = String(content);
      placed = t;
    }, jsonBytes([typeof cellAddress === 'string' ? cellAddress : '', content]));
    return new CellText(this.context, () => placed, this.kind);
  }
  getItem(cellAddress: string): CellText {
    return new CellText(this.context, this.locate(cellAddress), this.kind);
  }
  /** Note or comment on a cell, or a null object. */
  getItemOrNullObject(cellAddress: string): CellText {
    const at = this.locate(cellAddress);
    return new CellText(this.context, () => {
      const t = at();
      return getCell(t.sheet, t.row, t.col)?.[this.kind] === undefined ? null : t;
    }, this.kind, true);
  }
  getItemByCell(cellAddress: string | Range): CellText {
    return new CellText(this.context, this.locate(cellAddress), this.kind);
  }
  getCount(): ClientResult<number> {
    const out = new ClientResult<number>();
    this.context.enqueue(() => out.set(this.refsOf(this.target()).length, this.context));
    return out;
  }
}

// ---------- worksheets ----------

export class WorksheetProtection extends SimObject<SimSheet> {
  protected readonly scalars = ['protected'] as const;
  protected read(t: SimSheet): unknown {
    return t.protected;
  }
  get protected(): boolean {
    return this.get('protected') as boolean;
  }
  protect(): void {
    this.queueWrite((s) => (s.protected = true));
  }
  unprotect(): void {
    this.queueWrite((s) => (s.protected = false));
  }
}

export class Worksheet extends SimObject<SimSheet> {
  protected readonly scalars = ['name', 'id', 'position', 'visibility'] as const;
  constructor(context: RequestContext, ref: () => SimSheet | null, orNull = false) {
    super(context, ref, orNull, 'worksheet');
  }
  protected read(s: SimSheet, prop: string): unknown {
    if (prop === 'position') return this.context.model.sheets.indexOf(s);
    return s[prop as 'name' | 'id' | 'visibility'];
  }
  get name(): string {
    return this.get('name') as string;
  }
  set name(v: string) {
    this.queueWrite((s) => {
      const bad = sheetNameProblem(v);
      if (bad) throw new SimOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format (${bad}).`);
      if (findSheet(this.context.model, v) && findSheet(this.context.model, v) !== s) throw new SimOfficeError('InvalidArgument', `A sheet named ${v} already exists.`);
      if (this.context.model.active === s.name) this.context.model.active = v;
      s.name = v;
    });
  }
  get id(): string {
    return this.get('id') as string;
  }
  get position(): number {
    return this.get('position') as number;
  }
  get visibility(): string {
    return this.get('visibility') as string;
  }
  set visibility(v: string) {
    this.queueWrite((s) => (s.visibility = v as SimSheet['visibility']));
  }
  private nav: { protection?: WorksheetProtection; notes?: CellTextCollection; comments?: CellTextCollection } = {};
  protected override child(name: string): SimObject<unknown> | undefined {
    if (name === 'protection') return this.protection as SimObject<unknown>;
    return undefined;
  }
  /** Navigation properties return the same proxy every time, as in Office.js. */
  get protection(): WorksheetProtection {
    this.context.requires(2, 'Worksheet.protection');
    return (this.nav.protection ??= new WorksheetProtection(this.context, this.ref, false, 'worksheet protection'));
  }
  get notes(): CellTextCollection {
    this.context.requires(18, 'Worksheet.notes');
    return (this.nav.notes ??= new CellTextCollection(this.context, () => {
      const s = this.ref();
      return s ? [s] : null;
    }, 'note'));
  }
  get comments(): CellTextCollection {
    this.context.requires(10, 'Worksheet.comments');
    return (this.nav.comments ??= new CellTextCollection(this.context, () => {
      const s = this.ref();
      return s ? [s] : null;
    }, 'comment'));
  }
  getRange(address?: string): Range {
    return new Range(this.context, () => {
      const s = this.target();
      if (!address) return { sheet: s, box: { r0: 0, c0: 0, r1: 1048575, c1: 16383 } };
      const { local } = splitSheet(address);
      try {
        return { sheet: s, box: parseArea(local) };
      } catch {
        throw new SimOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: ${address}`);
      }
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return new Range(this.context, () => ({ sheet: this.target(), box: { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 } }));
  }
  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  /** Several areas, e.g. "A1,C3:D4". */
  getRanges(address: string): RangeAreas {
    this.context.requires(9, 'Worksheet.getRanges');
    // the object path with its address list travels in the request (no effect of its own)
    this.context.enqueue(() => undefined, jsonBytes(address));
    return new RangeAreas(this.context, () => {
      const s = this.target();
      return address.split(',').map((a) => {
        try {
          return { sheet: s, box: parseArea(splitSheet(a).local) };
        } catch {
          throw new SimOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: ${a}`);
        }
      });
    });
  }
  /** The used range; an empty sheet gives A1. Resolved once, when first used, like an Office.js range object. */
  getUsedRange(valuesOnly = false): Range {
    let bound: RangeRef | null = null;
    return new Range(this.context, () => {
      const s = this.target();
      if (bound && bound.sheet === s) return bound;
      bound = { sheet: s, box: usedBox(s, valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
      return bound;
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    this.context.requires(4, 'Worksheet.getUsedRangeOrNullObject');
    return new Range(this.context, () => {
      const s = this.target();
      const box = usedBox(s, valuesOnly);
      return box ? { sheet: s, box } : null;
    }, true);
  }
  activate(): void {
    this.context.enqueue(() => {
      const s = this.target();
      this.context.model.active = s.name;
      this.context.model.selection = { sheet: s.name, address: 'A1' };
    });
  }
  delete(): void {
    this.queueWrite((s) => {
      const m = this.context.model;
      if (m.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0) throw new SimOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      m.sheets.splice(m.sheets.indexOf(s), 1);
      if (m.active === s.name) m.active = m.sheets.find((x) => x.visibility === 'Visible')!.name;
    });
  }
}

export class WorksheetCollection extends SimObject<SimWorkbook> {
  protected readonly scalars = ['items'] as const;
  private itemsValue: Worksheet[] | undefined;
  protected read(): unknown {
    return undefined;
  }
  override load(spec?: LoadSpec): this {
    const paths = loadPaths(spec).map((p) => p.replace(/^items\//, '')).filter((p) => p !== 'items');
    this.context.enqueue(() => {
      this.itemsValue = this.target().sheets.map((s) => {
        const ws = new Worksheet(this.context, () => s);
        ws.loadNow(paths.length ? paths : ['name', 'id', 'position', 'visibility']);
        return ws;
      });
    });
    return this;
  }
  get items(): Worksheet[] {
    if (!this.itemsValue) throw notLoaded('items');
    return this.itemsValue;
  }
  /** Bound to the sheet that is active when first resolved, as an Office.js proxy is. */
  getActiveWorksheet(): Worksheet {
    let bound: SimSheet | null = null;
    return new Worksheet(this.context, () => {
      if (bound && this.context.model.sheets.includes(bound)) return bound;
      bound = findSheet(this.context.model, this.context.model.active) ?? null;
      return bound;
    });
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.context, () => findSheet(this.context.model, name) ?? null);
  }
  getItemOrNullObject(name: string): Worksheet {
    this.context.requires(4, 'WorksheetCollection.getItemOrNullObject');
    return new Worksheet(this.context, () => findSheet(this.context.model, name) ?? null, true);
  }
  add(name?: string): Worksheet {
    let created: SimSheet | null = null;
    this.context.enqueue(() => {
      const m = this.context.model;
      let n = name;
      if (!n) for (let i = m.sheets.length + 1; !n || findSheet(m, n); i++) n = `Sheet${i}`;
      const bad = sheetNameProblem(n);
      if (bad) throw new SimOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format (${bad}).`);
      if (findSheet(m, n)) throw new SimOfficeError('ItemAlreadyExists', `A sheet named ${n} already exists.`);
      created = emptySheet(n);
      m.sheets.push(created);
    });
    return new Worksheet(this.context, () => created);
  }
  getCount(): ClientResult<number> {
    const out = new ClientResult<number>();
    this.context.enqueue(() => out.set(this.target().sheets.length, this.context));
    return out;
  }
}

// ---------- settings ----------

export class Setting extends SimObject<{ key: string }> {
  protected readonly scalars = ['key', 'value'] as const;
  protected read(t: { key: string }, prop: string): unknown {
    if (prop === 'key') return t.key;
    return clone(this.context.model.settings.get(t.key));
  }
  get key(): string {
    return this.get('key') as string;
  }
  get value(): unknown {
    return this.get('value');
  }
  set value(v: unknown) {
    this.queueWrite((t) => this.context.model.settings.set(t.key, clone(v)));
  }
  delete(): void {
    this.queueWrite((t) => this.context.model.settings.delete(t.key));
  }
}

function clone<V>(v: V): V {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

export class SettingCollection extends SimObject<SimWorkbook> {
  protected readonly scalars = ['items'] as const;
  private itemsValue: Setting[] | undefined;
  protected read(): unknown {
    return undefined;
  }
  override load(): this {
    this.context.enqueue(() => {
      this.itemsValue = [...this.target().settings.keys()].map((k) => {
        const s = new Setting(this.context, () => ({ key: k }), false, 'setting');
        s.loadNow(['key', 'value']);
        return s;
      });
    });
    return this;
  }
  get items(): Setting[] {
    if (!this.itemsValue) throw notLoaded('items');
    return this.itemsValue;
  }
  /** Adds or replaces a setting. */
  add(key: string, value: unknown): Setting {
    this.context.enqueue(() => this.context.model.settings.set(key, clone(value)), jsonBytes([key, value]));
    return new Setting(this.context, () => ({ key }), false, 'setting');
  }
  getItem(key: string): Setting {
    return new Setting(this.context, () => (this.context.model.settings.has(key) ? { key } : null), false, 'setting');
  }
  getItemOrNullObject(key: string): Setting {
    return new Setting(this.context, () => (this.context.model.settings.has(key) ? { key } : null), true, 'setting');
  }
  getCount(): ClientResult<number> {
    const out = new ClientResult<number>();
    this.context.enqueue(() => out.set(this.context.model.settings.size, this.context));
    return out;
  }
}

// ---------- workbook ----------

export class Workbook extends SimObject<SimWorkbook> {
  protected readonly scalars = ['name'] as const;
  readonly worksheets: WorksheetCollection;
  constructor(context: RequestContext) {
    super(context, () => context.model, false, 'workbook');
    this.worksheets = new WorksheetCollection(context, () => context.model, false, 'worksheets');
  }
  protected read(): unknown {
    return 'Workbook';
  }
  private nav: { settings?: SettingCollection; notes?: CellTextCollection; comments?: CellTextCollection } = {};
  get settings(): SettingCollection {
    this.context.requires(4, 'Workbook.settings');
    return (this.nav.settings ??= new SettingCollection(this.context, () => this.context.model, false, 'settings'));
  }
  /** Workbook-level comments: addresses must name the sheet. */
  get comments(): CellTextCollection {
    this.context.requires(10, 'Workbook.comments');
    return (this.nav.comments ??= new CellTextCollection(this.context, () => this.context.model.sheets, 'comment'));
  }
  get notes(): CellTextCollection {
    this.context.requires(18, 'Workbook.notes');
    return (this.nav.notes ??= new CellTextCollection(this.context, () => this.context.model.sheets, 'note'));
  }
  getSelectedRange(): Range {
    return new Range(this.context, () => {
      const { sheet, address } = this.context.model.selection;
      const s = findSheet(this.context.model, sheet);
      return s ? { sheet: s, box: parseArea(address) } : null;
    });
  }
}
