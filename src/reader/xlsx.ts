/**
 * The workbook reader: .xlsx bytes in, the engine's Grids out, one sheet at a time.
 * Platform-neutral (fflate + saxes, no Node APIs): the CLI, the server and the pane's batch review use it.
 *
 * It reads what the engine needs and nothing else: values, shared / inline / rich text, number
 * formats (built-in and custom, dates), formulas with cached values and shared formulas, merges and
 * hidden rows. Fills and notes are not read: a marked copy is written by exceljs, which reads the
 * workbook it writes itself.
 *
 * Bounds, whatever the file declares: cells stay sparse (a row holds only up to its last cell, so a
 * cell at XFD1048576 costs nothing), rows beyond `maxRows` (or once a sheet holds `maxCells`) and
 * columns beyond `maxCols` are counted, not kept (the grid's `truncatedRows`), one sheet is parsed at a time, its XML is streamed in chunks
 * and never held whole, and all inflated bytes together are capped: a sheet that reaches the cap is
 * cut there and its grid says how many rows were not read, which the engine reports as a
 * `form/structure` finding.
 */
import { strFromU8 } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { type CellValue, type Grid, type MergedArea, formatValue } from '../core';
import { BUILTIN_FORMATS, dateCell, isDateFormat } from './numfmt';
import { slideFormula } from './formula';
import { type Budget, InflateCapError, listEntries, streamEntry, type ZipEntry, ZipError } from './zip';
import { type Localized, LocalizedError, isLocalized, localize } from '../core';
import { READER_MESSAGES } from './messages';

// read once: a name re-exported by the core index is a getter, which every cell's call would run again
const formatText = formatValue;

export interface ReadLimits {
  /** rows kept per sheet (the rest are counted in `truncatedRows`) */
  maxRows: number;
  /** columns kept per row */
  maxCols: number;
  /** cells kept per sheet: once a sheet holds this many, its further rows are counted, not kept */
  maxCells: number;
  /** inflated XML bytes read from one workbook, all parts together */
  maxInflatedBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxRows: 20000, maxCols: 200, maxCells: 1_000_000, maxInflatedBytes: 100 * 1024 * 1024 };

/** The bytes are not a readable workbook; `text` says why in both languages. */
export class XlsxError extends LocalizedError {}

/** Not a valid .xlsx: `why` is our own reason in both languages, or a parser's message as it came; `cause`, the zip's own error when the zip is damaged. */
const notXlsx = (why: string | Localized, cause?: ZipError) =>
  new XlsxError(localize(READER_MESSAGES, 'notXlsx', isLocalized(why) ? { why: why.zh, whyEn: why.en } : { why }), cause && { cause });

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  /** absent: the part's closing tags are not needed (saxes then skips the call) */
  close?(name: string): void;
  /** absent: the part's text is not needed (saxes then does not even collect it; well-formedness is checked alike) */
  text?(t: string): void;
}

interface Parser {
  sax: SaxesParser;
  h: XmlHandlers;
  onClose: (t: SaxesTagPlain) => void;
  onText: (t: string) => void;
}

/** One parser, reused part after part (saxes re-initialises itself at the end of a document); dropped after an error. */
let idle: Parser | null = null;

function takeParser(h: XmlHandlers): Parser {
  let p = idle;
  idle = null;
  if (!p) {
    const sax = new SaxesParser({ xmlns: false, position: false });
    const q: Parser = { sax, h, onClose: (t) => q.h.close?.(local(t.name)), onText: (t) => q.h.text?.(t) };
    sax.on('opentag', (t: SaxesTagPlain) => q.h.open(local(t.name), t.attributes));
    p = q;
  }
  p.h = h;
  if (h.close) p.sax.on('closetag', p.onClose);
  else p.sax.off('closetag');
  if (h.text) {
    p.sax.on('text', p.onText);
    p.sax.on('cdata', p.onText);
  } else {
    p.sax.off('text');
    p.sax.off('cdata');
  }
  return p;
}

// Two decoders: Node's TextDecoder leaves its fast UTF-8 path for good once it is asked to decode
// with `stream: true` (about 2.5× slower), so a part inflated whole is decoded by one that never streams.
let shared: TextDecoder | undefined;
let wholeParts: TextDecoder | undefined;
const STREAM = { stream: true };
// fflate's strFromU8 where there is no TextDecoder (jsdom, in the sniff's tests); it throws on bytes that are not UTF-8
const wholeText = (chunk: Uint8Array): string => (typeof TextDecoder === 'undefined' ? strFromU8(chunk) : (wholeParts ??= new TextDecoder('utf-8')).decode(chunk));

/**
 * Stream one part through saxes. Returns false when the inflate cap cut it short; throws XlsxError when
 * the part cannot be inflated (its cause the ZipError) or is not well-formed XML.
 */
function parsePart(data: Uint8Array, e: ZipEntry, budget: Budget, h: XmlHandlers): boolean {
  const p = takeParser(h);
  // the streaming decoder is flushed only after a part that used it (most parts are decoded whole)
  let streamed = false;
  try {
    streamEntry(data, e, budget, (chunk, whole) => {
      if (whole) {
        p.sax.write(wholeText(chunk));
      } else {
        streamed = true;
        p.sax.write((shared ??= new TextDecoder('utf-8')).decode(chunk, STREAM));
      }
    });
    if (streamed) p.sax.write(shared!.decode());
    p.sax.close();
    idle = p;
    return true;
  } catch (err) {
    if (streamed) shared!.decode(); // flush what a cut part left half-decoded
    if (err instanceof InflateCapError) return false;
    if (err instanceof ZipError) throw notXlsx(err.message, err);
    if (err instanceof XlsxError) throw err;
    throw notXlsx(`${e.name}: ${(err as Error).message}`);
  }
}

/** The reader's error for a part the zip cannot give (damaged, encrypted…), as against one that is not XML. */
export const isDamagedPart = (e: unknown): boolean => e instanceof XlsxError && e.cause instanceof ZipError;

/**
 * Resolve a relationship target against the part it starts from (`xl/workbook.xml`; '' for the
 * package): a part name without a leading slash, its `.` and `..` segments resolved. The sniff and the
 * reader both resolve with this one.
 */
export function resolveTarget(source: string, target: string): string {
  // the usual case, a plain relative target ('worksheets/sheet1.xml' from 'xl/workbook.xml'): no segment to drop or resolve
  if (target !== '' && !target.endsWith('/') && isPlainPath(source) && isPlainPath(target)) return source.slice(0, source.lastIndexOf('/') + 1) + target;
  const parts = target.startsWith('/') ? [] : source.split('/').slice(0, -1).filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** A relationship as its .rels part states it: the Relationship element's attributes (Id, Type, Target, TargetMode). */
export type Relationship = Readonly<Record<string, string>>;

/** A path with no empty, `.` or `..` segment and no leading slash (a trailing segment of dots is caught by the last test). */
const isPlainPath = (p: string) => p.charCodeAt(0) !== 0x2f && !p.includes('//') && !p.includes('./') && !p.endsWith('.');

/** A .rels part as parsed once: its Relationship elements in order, and by Id those the reader follows (internal, with a target). */
class RelsPart implements XmlHandlers {
  readonly all: Relationship[] = [];
  readonly followed = new Map<string, Relationship>();

  // (sorted here, as each element is parsed, rather than by a loop over the list per .rels part of every file)
  open(name: string, a: Record<string, string>): void {
    if (name !== 'Relationship') return;
    this.all.push(a);
    if (a.Id && a.Target && a.TargetMode !== 'External') this.followed.set(a.Id, a);
  }
}

/**
 * One look at a zip package, shared by the sniff (src/reader/sniff.ts) and the reader: the central
 * directory listed once, the inflate budget of the whole workbook, and each .rels part parsed once.
 */
export interface Package {
  data: Uint8Array;
  /** part name (no leading slash) → entry */
  entries: Map<string, ZipEntry>;
  budget: Budget;
  /** the .rels parts parsed so far */
  rels: Map<ZipEntry, RelsPart>;
}

/** List a package's parts. Throws ZipError when the bytes are not a zip. */
export function openPackage(data: Uint8Array, limits: Partial<ReadLimits> = {}): Package {
  return { data, entries: listEntries(data), budget: { left: limits.maxInflatedBytes ?? DEFAULT_LIMITS.maxInflatedBytes }, rels: new Map() };
}

/**
 * A part's zip entry. Part names are compared case-insensitively (OPC, ECMA-376 Part 2 §9.1.1.1): nearly
 * always the exact name is there; else the entries are scanned. The sniff and the reader both look up with this one.
 */
export function entryOf(pkg: Package, part: string): ZipEntry | undefined {
  const exact = pkg.entries.get(part);
  if (exact) return exact;
  const lower = part.toLowerCase();
  for (const [name, e] of pkg.entries) if (name.toLowerCase() === lower) return e;
  return undefined;
}

/** A .rels part, parsed on first ask. Throws XlsxError as `parsePart` does, and beyond the cap. */
function relsPart(pkg: Package, e: ZipEntry, part: string): RelsPart {
  let rels = pkg.rels.get(e);
  if (!rels) {
    rels = new RelsPart();
    parseWhole(pkg, e, part, rels);
    pkg.rels.set(e, rels);
  }
  return rels;
}

/** The Relationship elements of a .rels part, parsed on first ask. Throws XlsxError as `parsePart` does, and beyond the cap. */
export function relationshipsIn(pkg: Package, e: ZipEntry, part: string): Relationship[] {
  return relsPart(pkg, e, part).all;
}

/** The relationships of a part that the reader follows, by Id, and the part they start from (a target is resolved only when followed). */
interface Followed {
  source: string;
  byId: Map<string, Relationship>;
}

function relsOf(pkg: Package, part: string): Followed {
  const path = relsPathOf(part);
  const e = entryOf(pkg, path);
  return { source: part, byId: e ? relsPart(pkg, e, path).followed : new Map<string, Relationship>() };
}

/** The .rels part that holds the relationships of `part` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; '' → the package's `_rels/.rels`). */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

const tooLarge = (part: string) => localize(READER_MESSAGES, 'tooLarge', { part });

interface SheetRef {
  name: string;
  part: string;
}

/** The parts every sheet needs: sheet list, number formats per style, shared strings. */
interface Book {
  sheets: SheetRef[];
  date1904: boolean;
  /** number format per cellXfs index */
  xfFormats: string[];
  /** whether that format shows a date (computed once per workbook, not per cell) */
  xfDates: boolean[];
  strings: string[];
}

/** Parse a part that must be read whole: the inflate cap reached in it makes the workbook unreadable (`part` named). */
function parseWhole(pkg: Package, e: ZipEntry, part: string, h: XmlHandlers): void {
  if (!parsePart(pkg.data, e, pkg.budget, h)) throw new XlsxError(tooLarge(part));
}

/** workbook.xml: the sheets it declares, in order, and its date system. */
class WorkbookPart implements XmlHandlers {
  readonly declared: { name: string; rid: string }[] = [];
  date1904 = false;

  open(name: string, a: Record<string, string>): void {
    if (name === 'sheet') this.declared.push({ name: a.name ?? '', rid: a['r:id'] ?? a.id ?? '' });
    else if (name === 'workbookPr') this.date1904 = a.date1904 === '1' || a.date1904 === 'true';
  }
}

/** styles.xml: the number format of each cell style (cellXfs), custom or built-in, and whether it shows a date. */
class StylesPart implements XmlHandlers {
  readonly xfFormats: string[] = [];
  // built by push, not map: an optimised map() makes a holey array, and every cell's lookup would then meet two array shapes
  readonly xfDates: boolean[] = [];
  private readonly custom = new Map<number, string>();
  /** a workbook's styles share a few formats: each is tested once */
  private readonly dateFormats = new Map<string, boolean>();
  private inXfs = false;

  open(name: string, a: Record<string, string>): void {
    if (name === 'numFmt') this.custom.set(Number(a.numFmtId), a.formatCode ?? '');
    else if (name === 'cellXfs') this.inXfs = true;
    else if (name === 'xf' && this.inXfs) {
      const id = Number(a.numFmtId ?? 0);
      const fmt = id ? (this.custom.get(id) || BUILTIN_FORMATS[id] || 'General') : 'General';
      this.xfFormats.push(fmt);
      this.xfDates.push(this.showsDate(fmt));
    }
  }

  private showsDate(fmt: string): boolean {
    let date = this.dateFormats.get(fmt);
    if (date === undefined) this.dateFormats.set(fmt, (date = isDateFormat(fmt)));
    return date;
  }

  close(name: string): void {
    if (name === 'cellXfs') this.inXfs = false;
  }
}

/** sharedStrings.xml: the strings in order, rich text joined, phonetic runs left out. */
class StringsPart implements XmlHandlers {
  readonly strings: string[] = [];
  private cur = '';
  private inT = false;
  private phonetic = 0;

  open(name: string): void {
    if (name === 'si') this.cur = '';
    else if (name === 't') this.inT = this.phonetic === 0;
    else if (name === 'rPh') this.phonetic++;
  }

  close(name: string): void {
    if (name === 'si') this.strings.push(unescapeText(this.cur));
    else if (name === 't') this.inT = false;
    else if (name === 'rPh') this.phonetic--;
  }

  text(t: string): void {
    if (this.inT) this.cur += t;
  }
}

// relationship types, by the end of their URI (transitional and strict alike)
const OFFICE_DOCUMENT = /\/officeDocument$/;
const WORKSHEET = /\/worksheet$/;
const STYLES = /\/styles$/;
const SHARED_STRINGS = /\/sharedStrings$/;

/** The target of the last relationship of a type, undefined when there is none. */
function lastOfType(rels: Followed, type: RegExp): string | undefined {
  let last: Relationship | undefined;
  for (const r of rels.byId.values()) if (type.test(r.Type ?? '')) last = r;
  return last && resolveTarget(rels.source, last.Target);
}

/**
 * The workbook part: the target of the package's officeDocument relationship (the last, should there be
 * several), else where Excel puts it. The sniff and the reader both take this one.
 */
export function workbookPartOf(pkg: Package): string {
  return lastOfType(relsOf(pkg, ''), OFFICE_DOCUMENT) ?? 'xl/workbook.xml';
}

/** The worksheets the workbook declares, in its order, with their parts (chart sheets and dialog sheets hold no cells). */
function sheetsOf(declared: WorkbookPart['declared'], rels: Followed): SheetRef[] {
  const sheets: SheetRef[] = [];
  for (const d of declared) {
    const r = rels.byId.get(d.rid);
    if (r && WORKSHEET.test(r.Type ?? '')) sheets.push({ name: d.name, part: resolveTarget(rels.source, r.Target) });
  }
  return sheets;
}

/** Parse an optional whole part (styles, shared strings) into `h`; an absent part leaves it empty. */
function readOptional<H extends XmlHandlers>(pkg: Package, part: string | undefined, h: H): H {
  const e = part === undefined ? undefined : entryOf(pkg, part);
  if (e) parseWhole(pkg, e, e.name, h);
  return h;
}

// (in small steps, as readSheets says)
function readBook(pkg: Package): Book {
  const wbPath = workbookPartOf(pkg);
  const wb = entryOf(pkg, wbPath);
  if (!wb) throw notXlsx(localize(READER_MESSAGES, 'missingPart', { part: wbPath }));
  const rels = relsOf(pkg, wbPath);
  const workbook = new WorkbookPart();
  parseWhole(pkg, wb, wbPath, workbook);
  const sheets = sheetsOf(workbook.declared, rels);
  const { xfFormats, xfDates } = readOptional(pkg, lastOfType(rels, STYLES), new StylesPart());
  const { strings } = readOptional(pkg, lastOfType(rels, SHARED_STRINGS), new StringsPart());
  return { sheets, date1904: workbook.date1904, xfFormats, xfDates, strings };
}

/**
 * Text in <t> elements escapes characters XML cannot hold (control characters) as _xHHHH_
 * (ECMA-376 ST_Xstring); `_x005F_` escapes the underscore itself. Decoded as Excel and exceljs do.
 */
function unescapeText(t: string): string {
  return t.includes('_x') ? t.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : t;
}

/** A cell reference (`B7`, `$B$7`) as 0-based row and column; null when it is none. Called for every cell. */
function decodeRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c === 36) continue; // $
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  // plain digits (nearly every reference) are read in place; anything else, or a number too long to
  // add up exactly, as Number reads it
  let row = 0;
  for (let j = i; j < ref.length && row >= 0; j++) {
    const c = ref.charCodeAt(j);
    row = c >= 48 && c <= 57 && row < 1e14 ? row * 10 + (c - 48) : -1;
  }
  if (row < 0) row = Number(ref.slice(i).replace('$', ''));
  if (!col || !Number.isInteger(row) || row < 1) return null;
  return { row: row - 1, col: col - 1 };
}

// (parts indexed, not destructured: array destructuring runs the iterator protocol, and the longer
// code of every per-file function is what gets it compiled by TurboFan within a batch; see readSheets)
function rangeOf(ref: string): MergedArea | null {
  const parts = ref.split(':');
  const s = decodeRef(parts[0]);
  const e = parts.length > 1 ? decodeRef(parts[1]) : s;
  return s && e ? { top: s.row, left: s.col, bottom: e.row, right: e.col } : null;
}

/** A shared formula's master cell: followers slide its formula by their offset from it. */
interface Master {
  formula: string;
  row: number;
  col: number;
}

/**
 * One worksheet being read: the SAX handlers are its methods and the cell being read is its fields,
 * so a sheet costs one object instead of a set of closures over shared variables.
 */
class SheetReader implements XmlHandlers {
  readonly values: CellValue[][] = [];
  readonly texts: string[][] = [];
  readonly formats: string[][] = [];
  readonly formulas: string[][] = [];
  readonly hiddenRows: number[] = [];
  readonly merges: MergedArea[] = [];
  private readonly masters = new Map<string, Master>();
  /** rows the sheet uses, kept or not */
  rowTotal = 0;
  /** the last row its <dimension> declares */
  declaredRows = 0;
  /** rows from here on are counted, not kept (maxRows, or maxCells reached) */
  rowLimit: number;
  private row = -1;
  private col = -1;
  private keepRow = false;
  private cells = 0;
  // the cell being read
  private t = '';
  private style = -1;
  private v: string | undefined = undefined;
  private f: string | undefined = undefined;
  private fType: string | undefined = undefined;
  private fSi: string | undefined = undefined;
  private fRef: string | undefined = undefined;
  private is: string | undefined = undefined;
  private into: 'v' | 'f' | 'is' | '' = '';
  private inIsT = false;
  private phonetic = 0;

  constructor(
    private readonly book: Book,
    private readonly limits: ReadLimits,
  ) {
    this.rowLimit = limits.maxRows;
  }

  open(tag: string, a: Record<string, string>): void {
    switch (tag) {
      case 'c': {
        const at = a.r ? decodeRef(a.r) : null;
        this.col = at ? at.col : this.col + 1;
        this.t = a.t ?? 'n';
        this.style = a.s !== undefined ? Number(a.s) : -1;
        this.v = this.f = this.fType = this.fSi = this.fRef = this.is = undefined;
        this.into = '';
        break;
      }
      case 'v':
        this.into = 'v';
        this.v = '';
        break;
      case 'f':
        this.into = 'f';
        this.f = '';
        this.fType = a.t;
        this.fSi = a.si;
        this.fRef = a.ref;
        break;
      case 'is':
        this.into = 'is';
        this.is = '';
        break;
      case 't':
        this.inIsT = this.into === 'is' && this.phonetic === 0;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 'row': {
        const row = (this.row = a.r ? Number(a.r) - 1 : this.row + 1);
        this.col = -1;
        if (row + 1 > this.rowTotal) this.rowTotal = row + 1;
        if (this.cells >= this.limits.maxCells && row < this.rowLimit) this.rowLimit = Math.max(row, 1);
        this.keepRow = row < this.rowLimit;
        if (this.keepRow) {
          this.ensureRow(row);
          if (a.hidden === '1' || a.hidden === 'true') this.hiddenRows.push(row);
        }
        break;
      }
      case 'mergeCell': {
        const m = a.ref ? rangeOf(a.ref) : null;
        if (m) this.merges.push(m);
        break;
      }
      case 'dimension': {
        const m = a.ref ? rangeOf(a.ref) : null;
        if (m) this.declaredRows = m.bottom + 1;
        break;
      }
      default:
    }
  }

  close(tag: string): void {
    if (tag === 'c') this.endCell();
    else if (tag === 'v' || tag === 'f' || tag === 'is') this.into = '';
    else if (tag === 't') this.inIsT = false;
    else if (tag === 'rPh') this.phonetic--;
  }

  text(s: string): void {
    if (this.into === 'v') this.v += s;
    else if (this.into === 'f') this.f += s;
    else if (this.inIsT) this.is += s;
  }

  ensureRow(r: number): void {
    const { values } = this;
    while (values.length <= r) {
      values.push([]);
      this.texts.push([]);
      this.formats.push([]);
      this.formulas.push([]);
    }
  }

  put(r: number, c: number, value: CellValue, txt: string, fmt: string, fx: string): void {
    this.ensureRow(r);
    const vr = this.values[r];
    const texts = this.texts[r];
    const formats = this.formats[r];
    const formulas = this.formulas[r];
    if (vr.length <= c) this.cells += c + 1 - vr.length;
    while (vr.length < c) {
      vr.push(null);
      texts.push('');
      formats.push('General');
      formulas.push('');
    }
    vr[c] = value;
    texts[c] = txt;
    formats[c] = fmt;
    formulas[c] = fx;
  }

  private endCell(): void {
    const { row, col, t, v, f, fType, fSi, style, book } = this;
    if (!this.keepRow || col >= this.limits.maxCols) return;
    const fmt = style >= 0 ? (book.xfFormats[style] ?? 'General') : 'General';
    let value: CellValue = null;
    let formula = '';
    if ((f !== undefined && f !== '') || fType !== undefined) {
      if (fType === 'shared' && fSi !== undefined) {
        if (this.fRef !== undefined && f) this.masters.set(fSi, { formula: f, row, col });
        const m = this.masters.get(fSi);
        formula = `=${f || (m ? slideFormula(m.formula, row - m.row, col - m.col) : '')}`;
      } else {
        formula = `=${f ?? ''}`;
      }
      if (v) value = t === 'str' ? v : t === 'b' ? Number.parseInt(v, 10) !== 0 : t === 'e' ? v : Number.parseFloat(v);
    } else if (t === 'inlineStr' && this.is !== undefined) {
      value = unescapeText(this.is);
    } else if (v !== undefined) {
      if (t === 's') value = book.strings[Number.parseInt(v, 10)] ?? '';
      else if (t === 'str' || t === 'e') value = v;
      else if (t === 'inlineStr') value = unescapeText(this.is ?? '');
      else if (t === 'b') value = Number.parseInt(v, 10) !== 0;
      else value = Number.parseFloat(v);
    } else if (style < 0) {
      return; // no value, no formula, no style: not a cell
    }
    if (typeof value === 'number' && style >= 0 && book.xfDates[style]) {
      const d = dateCell(value, fmt, book.date1904);
      this.put(row, col, d.value, d.text, fmt, formula);
    } else {
      this.put(row, col, value, value === null ? '' : formatText(value, fmt), fmt, formula);
    }
  }

  /** A merged area's other cells are empty, as Excel shows them; the area counts as used. */
  private spreadMerge(m: MergedArea): void {
    if (m.bottom + 1 > this.rowTotal) this.rowTotal = m.bottom + 1;
    const bottom = Math.min(m.bottom, this.rowLimit - 1);
    const right = Math.min(m.right, this.limits.maxCols - 1);
    for (let r = m.top; r <= bottom; r++) this.emptyCells(r, r === m.top ? m.left + 1 : m.left, right);
  }

  /** Cells `from`…`to` of row r emptied (value, text and formula; the format kept), the row widened as needed. */
  private emptyCells(r: number, from: number, to: number): void {
    if (from > to) return;
    // the last cell through put (which widens the row and counts the new cells), the others by fill:
    // a loop here, run for every merged cell of every file, would be compiled within a batch and never pay back
    this.ensureRow(r);
    this.put(r, to, null, '', this.formats[r][to] ?? 'General', '');
    this.values[r].fill(null, from, to);
    this.texts[r].fill('', from, to);
    this.formulas[r].fill('', from, to);
  }

  /** The grid, once the part is read: merged areas filled in, and the rows not read counted (`whole`: the inflate cap did not cut the part). */
  grid(name: string, whole: boolean): Grid {
    for (const m of this.merges) this.spreadMerge(m);
    const { rowTotal, rowLimit } = this;
    const rows = Math.min(rowTotal, rowLimit);
    this.ensureRow(rows - 1);
    const grid: Grid = { name, top: 0, left: 0, values: this.values, text: this.texts, formats: this.formats, formulas: this.formulas, merges: this.merges, hiddenRows: this.hiddenRows };
    let more = rowTotal > rows ? rowTotal - rows : 0;
    if (!whole) {
      // cut by the inflate cap: the rows the sheet declares beyond what was read, at least one
      more = Math.max(1, this.declaredRows - rows, more);
    }
    if (more) grid.truncatedRows = more;
    return grid;
  }
}

/** Parse one worksheet part into a Grid anchored at A1. */
function readSheet(data: Uint8Array, e: ZipEntry, name: string, book: Book, limits: ReadLimits, budget: Budget): Grid {
  const sheet = new SheetReader(book, limits);
  return sheet.grid(name, parsePart(data, e, budget, sheet));
}

/** A workbook open for reading: its package, the parts every sheet needs, the limits in force. */
interface OpenBook {
  pkg: Package;
  book: Book;
  limits: ReadLimits;
}

function openBook(data: Uint8Array, limits: Partial<ReadLimits>, opened: Package | undefined): OpenBook {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const pkg = opened ?? listPackage(data, lim);
  return { pkg, book: readBook(pkg), limits: lim };
}

function listPackage(data: Uint8Array, limits: ReadLimits): Package {
  try {
    return openPackage(data, limits);
  } catch (e) {
    throw notXlsx((e as Error).message);
  }
}

function sheetOf(data: Uint8Array, open: OpenBook, s: SheetRef): Grid {
  const e = entryOf(open.pkg, s.part);
  if (!e) throw notXlsx(localize(READER_MESSAGES, 'missingPartOfSheet', { part: s.part, sheet: s.name }));
  return readSheet(data, e, s.name, open.book, open.limits, open.pkg.budget);
}

/**
 * The sheets of a workbook, parsed one at a time as the caller iterates. Throws XlsxError on unreadable bytes.
 * `opened`: the package as the sniff already opened it with the same limits (`sniffForReading`), not listed again.
 */
// (the per-file functions of the reader are short: V8 compiles a function with TurboFan once it has run
// some hundred thousand bytes of its bytecode, which a long function run once per file reaches within a
// 1,000-file batch, and such a compilation costs more than it saves; the work is done in small steps)
export function* readSheets(data: Uint8Array, limits: Partial<ReadLimits> = {}, opened?: Package): Generator<Grid> {
  const open = openBook(data, limits, opened);
  const { sheets } = open.book;
  // indexed: for…of over an array is the iterator protocol in bytecode, three times as long
  for (let i = 0; i < sheets.length; i++) yield sheetOf(data, open, sheets[i]);
}

/** Every sheet of a workbook (small workbooks, tests); prefer `readSheets` for batches. */
export function readGrids(data: Uint8Array, limits: Partial<ReadLimits> = {}): Grid[] {
  return [...readSheets(data, limits)];
}
