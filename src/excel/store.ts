/**
 * Pure helpers of the Excel module (no Office.js): the record of previous fills kept in the
 * workbook's settings, how our note text is combined with a user's note, and address handling.
 */
import { type MergedArea, type SettingsInput, fromA1, NOTE_PREFIX } from '../core';
import { validateRubric } from '../review/rubric';
import type { DestinationConfig } from '../review/types';
import type { LoadedSettings, PaneSettings } from '../host';
import { badSettingsMessage, type SettingName } from './messages';

/** Workbook setting that holds the pane settings. */
export const SETTINGS_KEY = 'jixiao.settings';
/** Prefix of the per-sheet mark records; the sheet's id follows (ids survive renames). */
export const MARKS_KEY_PREFIX = 'jixiao.marks:';

/** A cell's fill exactly as Excel reports it (getCellProperties): colour, pattern, theme tints, pattern colour. */
export interface FillState {
  color: string;
  /** absent = Solid */
  pattern?: string;
  tint?: number;
  patternColor?: string;
  patternTint?: number;
}

/** Fill patterns Excel reports but does not let an add-in set (Excel.Interfaces.RangeFillUpdateData.pattern). */
export const GRADIENT_PATTERNS: ReadonlySet<string> = new Set(['LinearGradient', 'RectangularGradient']);

/** What was in each marked cell before we marked it. Saved with the workbook (Excel.SettingCollection). */
export interface MarkRecord {
  v: 2;
  /** sheet name when written: a record whose id no sheet has any more is found again by name */
  sheet: string;
  /** A1 → previous fill, or null when the cell had no fill */
  fills: Record<string, FillState | null>;
  /** A1 → the mark colour we put there: a fill is restored only on a cell that still shows it */
  marks: Record<string, string>;
  /** how the messages were attached: a host without notes cannot remove notes another host wrote */
  kind: 'notes' | 'comments' | 'fill';
}

export function marksKey(sheetId: string): string {
  return MARKS_KEY_PREFIX + sheetId;
}

const A1_RE = /^[A-Z]{1,3}\d+$/;
const COLOR_RE = /^#[0-9A-F]{6}$/i;

function fillStateOf(f: unknown): FillState | null | undefined {
  if (f === null) return null;
  if (typeof f === 'string') {
    // version 1: `#RRGGBB` or `#RRGGBB Pattern`
    const m = /^(#[0-9A-F]{6})(?: ([A-Za-z0-9]+))?$/i.exec(f);
    return m ? { color: m[1].toUpperCase(), ...(m[2] ? { pattern: m[2] } : {}) } : undefined;
  }
  if (!f || typeof f !== 'object') return undefined;
  const o = f as FillState;
  if (typeof o.color !== 'string' || !COLOR_RE.test(o.color)) return undefined;
  if (o.pattern !== undefined && (typeof o.pattern !== 'string' || !/^[A-Za-z0-9]+$/.test(o.pattern))) return undefined;
  if (o.patternColor !== undefined && (typeof o.patternColor !== 'string' || !COLOR_RE.test(o.patternColor))) return undefined;
  for (const t of [o.tint, o.patternTint]) if (t !== undefined && (typeof t !== 'number' || t < -1 || t > 1)) return undefined;
  return o;
}

/** Parse a stored record (version 1 or 2); anything unreadable counts as none (we never act on a damaged record). */
export function parseRecord(value: unknown): MarkRecord | null {
  try {
    const o = typeof value === 'string' ? JSON.parse(value) : value;
    if (!o || typeof o !== 'object') return null;
    const r = o as { v?: unknown; sheet?: unknown; fills?: unknown; marks?: unknown; kind?: unknown };
    if ((r.v !== 1 && r.v !== 2) || !r.fills || typeof r.fills !== 'object') return null;
    const fills: Record<string, FillState | null> = {};
    for (const [a, f] of Object.entries(r.fills as Record<string, unknown>)) {
      const st = fillStateOf(f);
      if (!A1_RE.test(a) || st === undefined) return null;
      fills[a] = st;
    }
    const marks: Record<string, string> = {};
    if (r.v === 2) {
      if (!r.marks || typeof r.marks !== 'object') return null;
      for (const [a, c] of Object.entries(r.marks as Record<string, unknown>)) {
        if (!A1_RE.test(a) || typeof c !== 'string' || !COLOR_RE.test(c)) return null;
        marks[a] = c.toUpperCase();
      }
    }
    const kind = r.kind === 'comments' || r.kind === 'fill' ? r.kind : 'notes';
    return { v: 2, sheet: typeof r.sheet === 'string' ? r.sheet : '', fills, marks, kind };
  } catch {
    return null;
  }
}

/** Between our message and the user's own note text, so clearing can give the user's text back. */
export const USER_NOTE_SEPARATOR = '\n\n———— 原批注 / Original note ————\n';

export interface NoteParts {
  /** the note starts with our prefix */
  ours: boolean;
  /** the user's own text in it ('' when none) */
  user: string;
}

export function splitNote(content: string): NoteParts {
  if (!content.startsWith(NOTE_PREFIX)) return { ours: false, user: content };
  const i = content.indexOf(USER_NOTE_SEPARATOR);
  return { ours: true, user: i < 0 ? '' : content.slice(i + USER_NOTE_SEPARATOR.length) };
}

/** Our note first (so the prefix identifies it), the user's text kept below. */
export function combineNote(ours: string, user: string): string {
  return user ? `${ours}${USER_NOTE_SEPARATOR}${user}` : ours;
}

/** `'My sheet'!B3:C4` → `B3:C4`. */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return (bang < 0 ? address : address.slice(bang + 1)).replace(/\$/g, '');
}

/** Absolute A1 of a single cell, upper-case, without `$` or sheet. */
export function normalizeCell(address: string): string {
  const { row, col } = fromA1(localAddress(address).split(':')[0]);
  let n = col + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${row + 1}`;
}

/** Split an area list on the commas between areas, never on one inside a quoted sheet name (`'附件1,2020年9月'!A2:H2`). */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted; // a doubled '' inside a name toggles twice
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Merged areas from `Sheet!A1:B2,Sheet!C3:D3`, relative to the grid's top-left. */
export function parseMergedAddress(address: string, top: number, left: number): MergedArea[] {
  const out: MergedArea[] = [];
  for (const part of splitAreas(address)) {
    const local = localAddress(part.trim());
    if (!local) continue;
    const [a, b] = local.split(':');
    const s = fromA1(a);
    const e = fromA1(b ?? a);
    out.push({ top: s.row - top, left: s.col - left, bottom: e.row - top, right: e.col - left });
  }
  return out;
}

/** Join addresses into comma lists short enough for one `Worksheet.getRanges` call each. */
export function addressChunks(cells: readonly string[], maxChars = 2000): string[] {
  const out: string[] = [];
  let cur = '';
  for (const c of cells) {
    if (cur && cur.length + c.length + 1 > maxChars) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${c}` : c;
  }
  if (cur) out.push(cur);
  return out;
}

/** Group cells by a key (fill colour, or null for "no fill"). */
export function groupBy<K>(entries: Iterable<[string, K]>): Map<K, string[]> {
  const m = new Map<K, string[]>();
  for (const [cell, k] of entries) {
    const list = m.get(k) ?? [];
    list.push(cell);
    m.set(k, list);
  }
  return m;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const DESTINATION_KINDS: ReadonlySet<unknown> = new Set(['workbook', 'server', 'graph']);

/**
 * The pane settings saved with the workbook. A damaged part — unreadable JSON, rules that are not an
 * object, a rubric that does not validate, an unknown destination or language — is replaced by its
 * default and named in `damaged`, so the pane can say so instead of silently using the defaults.
 */
export function parseSettings(value: unknown): LoadedSettings {
  let v: unknown;
  try {
    v = typeof value === 'string' ? JSON.parse(value) : value;
  } catch {
    v = undefined;
  }
  if (!isObject(v)) return { engine: {}, damaged: badSettingsMessage(['all']) };
  const bad: SettingName[] = [];
  const out: PaneSettings = { engine: {} };
  if (isObject(v.engine)) out.engine = v.engine as SettingsInput;
  else bad.push('engine');
  if (v.rubric !== undefined) {
    if (validateRubric(v.rubric).ok) out.rubric = v.rubric as PaneSettings['rubric'];
    else bad.push('rubric');
  }
  if (v.destination !== undefined) {
    if (isObject(v.destination) && DESTINATION_KINDS.has(v.destination.kind)) out.destination = v.destination as unknown as DestinationConfig;
    else bad.push('destination');
  }
  if (v.lang !== undefined) {
    if (v.lang === 'zh' || v.lang === 'en') out.lang = v.lang;
    else bad.push('lang');
  }
  return bad.length ? { ...out, damaged: badSettingsMessage(bad) } : out;
}
