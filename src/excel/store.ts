/**
 * Pure helpers of the Excel module (no Office.js): the record of previous fills kept in the
 * workbook's settings, how our note text is combined with a user's note, and address handling.
 */
import { type MergedArea, fromA1, NOTE_PREFIX } from '../core';

/** Workbook setting that holds the pane settings. */
export const SETTINGS_KEY = 'jixiao.settings';
/** Prefix of the per-sheet mark records; the sheet's id follows (ids survive renames). */
export const MARKS_KEY_PREFIX = 'jixiao.marks:';

/** What was in each marked cell before we marked it. Saved with the workbook (Excel.SettingCollection). */
export interface MarkRecord {
  v: 1;
  /** sheet name when written (informational; the key carries the id) */
  sheet: string;
  /** A1 → previous fill: `#RRGGBB` (solid), `#RRGGBB Pattern` (e.g. `#FFFF00 Gray50`), or null when the cell had no fill */
  fills: Record<string, string | null>;
}

export function marksKey(sheetId: string): string {
  return MARKS_KEY_PREFIX + sheetId;
}

/** Parse a stored record; anything unreadable counts as none (we never act on a damaged record). */
export function parseRecord(value: unknown): MarkRecord | null {
  try {
    const o = typeof value === 'string' ? JSON.parse(value) : value;
    if (!o || typeof o !== 'object' || (o as MarkRecord).v !== 1) return null;
    const fills = (o as MarkRecord).fills;
    if (!fills || typeof fills !== 'object') return null;
    for (const [a, f] of Object.entries(fills)) {
      if (!/^[A-Z]{1,3}\d+$/.test(a) || !(f === null || (typeof f === 'string' && /^#[0-9A-F]{6}( [A-Za-z0-9]+)?$/i.test(f)))) return null;
    }
    return o as MarkRecord;
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

/** Merged areas from `Sheet!A1:B2,Sheet!C3:D3`, relative to the grid's top-left. */
export function parseMergedAddress(address: string, top: number, left: number): MergedArea[] {
  const out: MergedArea[] = [];
  for (const part of address.split(',')) {
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
