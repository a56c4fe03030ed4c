/**
 * Parsers for every value kind a 附件1 holds (design §2): numbers and numeric text, percents,
 * comparator targets, bands (and the malformed ones the seed uses), deadlines, qualitative text,
 * compound cells, Excel error values.
 */
import { pctShort, roundTo } from './percent';

export { pctShort, roundTo };

const normalized = new Map<string, string>();
/** Characters that normalisation changes; most cells (plain CJK and ASCII) have none. */
const NEEDS_WORK = /[^\u4e00-\u9fa5A-Za-z0-9.,%:;()、。!?#/+\-_'"“”‘’《》【】·@&*^$[\]{}|\\=≥≤]/;

/** Full-width → half-width (NFKC), unified comparators, no spaces. Used for matching, never shown. */
export function normalize(s: string): string {
  // (`<` and `>` are outside the fast class, so `>=` / `<=` always take the slow path)
  if (!NEEDS_WORK.test(s)) return s;
  let r = normalized.get(s);
  if (r === undefined) {
    r = normalizeSlow(s);
    if (normalized.size > 50000) normalized.clear();
    normalized.set(s, r);
  }
  return r;
}

function normalizeSlow(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[≧]/g, '≥')
    .replace(/[≦]/g, '≤')
    .replace(/>=/g, '≥')
    .replace(/<=/g, '≤')
    .replace(/[〜～]/g, '~')
    .replace(/[—–－]/g, '-')
    .replace(/[\s\u00a0\u3000]+/g, '');
}

const ERROR_RE = /^#(DIV\/0!|REF!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

export function isExcelError(s: string): boolean {
  // every error value starts with '#': most texts are decided without trimming or the regex
  return s.includes('#') && ERROR_RE.test(s.trim());
}

export interface ParsedNumber {
  value: number; // a fraction when percent
  percent: boolean;
  /** decimals shown (for percents, of the percent figure) */
  decimals: number;
  /** the unit text after the number (人, 万元, 元 …) */
  unit: string;
}

const NUM = String.raw`[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const NUMBER_RE = new RegExp(`^(${NUM})(%|‰)?([\\u4e00-\\u9fa5a-zA-Z/]{0,4})$`);

/** `10,934` `１０９３４` `109.00%` `2834人` `124.07` → number; anything else → null. */
export function parseNumber(raw: string | number | null | undefined): ParsedNumber | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    return { value: raw, percent: false, decimals: decimalsOf(String(raw)), unit: '' };
  }
  return numberIn(normalize(raw));
}

/**
 * parseNumber of a text already normalized. (Normalizing it again changes nothing a number can
 * hold, so the parsers below hand their normalized text straight here.)
 */
function numberIn(s: string): ParsedNumber | null {
  if (!s) return null;
  const m = NUMBER_RE.exec(s);
  if (!m) return null;
  const digits = m[1].includes(',') ? m[1].replace(/,/g, '') : m[1];
  const n = Number(digits);
  if (!Number.isFinite(n)) return null;
  const dec = decimalsOf(digits);
  if (m[2] === '%') return { value: n / 100, percent: true, decimals: dec, unit: m[3] };
  if (m[2] === '‰') return { value: n / 1000, percent: true, decimals: dec + 1, unit: m[3] };
  return { value: n, percent: false, decimals: dec, unit: m[3] };
}

function decimalsOf(digits: string): number {
  const i = digits.indexOf('.');
  return i < 0 ? 0 : digits.length - i - 1;
}

export interface ParsedRate {
  value: number; // fraction
  /** tolerance in percentage points implied by the shown precision */
  decimals: number;
}

/**
 * A stated rate (预算执行率, 指标完成率, 总体完成率): `77%`, `109.00%`, 0.77 (percent format),
 * or a bare number. A bare number above 2 is read as percentage points (`77` → 77%).
 */
export function parseRate(text: string, value: unknown, normalized = normalize(text)): ParsedRate | null {
  const p = numberIn(normalized);
  if (p && p.percent) return { value: p.value, decimals: p.decimals };
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (p && !p.percent && Math.abs(value) > 2) return { value: value / 100, decimals: p.decimals };
    return { value, decimals: Math.max(0, (p?.decimals ?? decimalsOf(String(value))) - 2) };
  }
  if (p) {
    if (Math.abs(p.value) > 2) return { value: p.value / 100, decimals: p.decimals };
    return { value: p.value, decimals: Math.max(0, p.decimals - 2) };
  }
  return null;
}

/** Tolerance in fraction units for a rate shown with `decimals` decimals of percent. */
export function rateTolerance(decimals: number, minPoints: number): number {
  const half = 0.5 * 10 ** -decimals; // percentage points
  return Math.max(half, minPoints) / 100;
}

export type Comparator = '≥' | '>' | '≤' | '<' | '=';

export type ParsedTarget =
  | { kind: 'empty' }
  | { kind: 'error'; code: string }
  | { kind: 'number'; value: number; percent: boolean; unit: string }
  | { kind: 'comparator'; op: Comparator; value: number; percent: boolean; unit: string }
  | { kind: 'band'; low: number; high: number; percent: boolean; unit: string }
  | { kind: 'malformed'; text: string; likely: { low: number; high: number; percent: boolean } | null }
  | { kind: 'deadline'; text: string }
  | { kind: 'compound'; parts: number[] }
  | { kind: 'qualitative'; text: string };

export type ParsedActual =
  | { kind: 'empty' }
  | { kind: 'error'; code: string }
  | { kind: 'number'; value: number; percent: boolean; unit: string; decimals: number }
  | { kind: 'inequality'; op: Comparator; value: number; percent: boolean }
  | { kind: 'compound'; parts: number[] }
  | { kind: 'qualitative'; text: string };

const NUMP = String.raw`(\d+(?:\.\d+)?)\s*(%|‰)?`;

// compiled once: parseTarget runs for every indicator of every form
const BAND_VAR_RE = new RegExp(`^${NUMP}[≤<][a-zA-Z\\u4e00-\\u9fa5]{0,8}[≤<]${NUMP}$`);
const BAND_DASH_RE = new RegExp(`^${NUMP}(?:-|~|至|到)${NUMP}$`);
const BAND_BARE_RE = new RegExp(`^${NUMP}([≤≥<>]{1,2})${NUMP}$`);
const COMPARATOR_RE = new RegExp(`^([≥>≤<=])${NUMP}([\\u4e00-\\u9fa5]{0,3})$`);
const NUMBERS_RE = new RegExp(NUMP, 'g');
const SIGNS_RE = /[≥≤<>]/g;
const INEQUALITY_RE = new RegExp(`^([≥>≤<])${NUMP}$`);
const SIGNED_RE = new RegExp(`([≥>≤<])${NUMP}`, 'g');

function num(n: string, pct: string | undefined): number {
  const v = Number(n);
  return pct === '%' ? v / 100 : pct === '‰' ? v / 1000 : v;
}

const LESS_WORDS = /(以内|以下|之内|不超过|不高于|不大于|低于|少于|控制在)/;
const MORE_WORDS = /(以上|不低于|不少于|不小于|大于等于|高于|达到|超过)/;

/** Parse a 预期指标值 (`normalized`: its normalized text, when the caller has it already). */
export function parseTarget(raw: string, normalized = normalize(raw)): ParsedTarget {
  const s = normalized;
  if (!s) return { kind: 'empty' };
  if (isExcelError(s)) return { kind: 'error', code: s };

  const n = numberIn(s);
  if (n) return { kind: 'number', value: n.value, percent: n.percent, unit: n.unit };

  // every band starts with a digit: other targets skip the three band regexes
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const b = bandIn(s, raw);
    if (b) return b;
  }

  // comparators: ≥95%, >=95%, ≤0.1%, <5
  const m = COMPARATOR_RE.exec(s);
  if (m) return { kind: 'comparator', op: m[1] as Comparator, value: num(m[2], m[3]), percent: !!m[3], unit: m[4] };

  // words: 上访率控制在0.1%以内 …, 满意度95%以上, 不低于90%
  const number = onlyMatch(NUMBERS_RE, s);
  if (number && !/每月|每年|每季|日前|月底|号前|年底/.test(s)) {
    const v = num(number[1], number[2]);
    const pct = !!number[2];
    if (LESS_WORDS.test(s) && !/不低于|不少于|不小于/.test(s)) return { kind: 'comparator', op: '≤', value: v, percent: pct, unit: '' };
    if (MORE_WORDS.test(s)) return { kind: 'comparator', op: '≥', value: v, percent: pct, unit: '' };
  }
  if (isDeadline(s)) return { kind: 'deadline', text: raw };

  // digits and comparison signs that none of the shapes above read: one sign before the only
  // number is a comparator among words (`满意度≥95%`); anything else is malformed, never qualitative
  if (/[≥≤<>]/.test(s) && /\d/.test(s)) {
    const signed = number ? onlyMatch(SIGNED_RE, s) : null;
    if (signed && onlyMatch(SIGNS_RE, s)) {
      const op = signed[1] as Comparator;
      return { kind: 'comparator', op, value: num(signed[2], signed[3]), percent: !!signed[3], unit: '' };
    }
    // a likely reading only for a band written wrongly amid stray words (`约105%≤≥95%左右`): two
    // numbers with the signs between them; two comparators (`≥95%，≥98%`) are no band
    const bare = BAND_BARE_RE.exec(s.replace(/[^\d.%‰≥≤<>]/g, ''));
    const likely = bare
      ? { low: Math.min(num(bare[1], bare[2]), num(bare[4], bare[5])), high: Math.max(num(bare[1], bare[2]), num(bare[4], bare[5])), percent: !!(bare[2] || bare[5]) }
      : null;
    return { kind: 'malformed', text: raw, likely };
  }

  const parts = compoundParts(s);
  if (parts) return { kind: 'compound', parts };
  return { kind: 'qualitative', text: raw };
}

/** A band (well or badly written) in a normalized target; null when `s` is none. */
function bandIn(s: string, raw: string): ParsedTarget | null {
  // bands: 95%≤x≤105%, 95%-105%, 95%~105%, 95%至105%
  let m = BAND_VAR_RE.exec(s);
  if (m) return band(num(m[1], m[2]), num(m[3], m[4]), !!(m[2] || m[4]));
  m = BAND_DASH_RE.exec(s);
  if (m) {
    const pct = !!(m[2] || m[4]);
    return band(num(m[1], m[2] ?? m[4]), num(m[3], m[4] ?? m[2]), pct);
  }
  // malformed bands: 105%≤≥95%, 105%≤95%, ≥95%≤105% with the bounds in the wrong place
  m = BAND_BARE_RE.exec(s);
  if (m) {
    const a = num(m[1], m[2]);
    const b = num(m[4], m[5]);
    const pct = !!(m[2] || m[5]);
    const op = m[3];
    // "95%≤105%" / "105%≥95%" read as a band written without its variable;
    // "105%≤≥95%" and "105%≤95%" (the seed's) cannot be read as written.
    const readable = op.length === 1 && (((op === '≤' || op === '<') && a <= b) || ((op === '≥' || op === '>') && a >= b));
    if (readable) return band(a, b, pct);
    return { kind: 'malformed', text: raw, likely: { low: Math.min(a, b), high: Math.max(a, b), percent: pct } };
  }
  return null;
}

/** The match of a global regex when it matches `s` exactly once (its matches are never empty), else null. */
function onlyMatch(re: RegExp, s: string): RegExpExecArray | null {
  re.lastIndex = 0;
  const first = re.exec(s);
  const again = first ? re.exec(s) : null;
  re.lastIndex = 0;
  return again ? null : first;
}

function band(low: number, high: number, percent: boolean): ParsedTarget {
  return { kind: 'band', low: Math.min(low, high), high: Math.max(low, high), percent, unit: '' };
}

function isDeadline(s: string): boolean {
  return /(\d+|[一二三四五六七八九十]+)(日|号|月)(前|之前|以前|底前|内)|月底|年底前|按时|及时|按期|准时/.test(s);
}

/** `50、6.17` → [50, 6.17]; null unless every part is a number. */
function compoundParts(s: string): number[] | null {
  if (!COMPOUND_SEPARATOR.test(s)) return null;
  const values: number[] = [];
  const parts = s.split(COMPOUND_SEPARATOR);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '') continue;
    const p = numberIn(part);
    if (!p) return null;
    values.push(p.value);
  }
  return values.length < 2 ? null : values;
}

const COMPOUND_SEPARATOR = /[、,，;；/]/;

/** Parse a 指标完成值 (`normalized`: its normalized text, when the caller has it already). */
export function parseActual(raw: string, value?: unknown, normalized = normalize(raw)): ParsedActual {
  const s = normalized;
  if (!s) return { kind: 'empty' };
  if (isExcelError(s)) return { kind: 'error', code: s };
  const n = numberIn(s);
  if (n) {
    const v = typeof value === 'number' && Number.isFinite(value) && !n.percent && n.unit === '' ? value : n.value;
    return { kind: 'number', value: v, percent: n.percent, unit: n.unit, decimals: n.decimals };
  }
  const m = INEQUALITY_RE.exec(s);
  if (m) return { kind: 'inequality', op: m[1] as Comparator, value: num(m[2], m[3]), percent: !!m[3] };
  const parts = compoundParts(s);
  if (parts) return { kind: 'compound', parts };
  return { kind: 'qualitative', text: raw };
}

/** 达成 / 部分达成 / 未达成 from a qualitative 完成值; null when it cannot tell. */
export function assessQualitative(actual: string, target: string): 'met' | 'partial' | 'unmet' | null {
  const a = normalize(actual);
  if (!a) return null;
  if (a === normalize(target)) return 'met';
  if (/未达成|未完成|未达到|没有|未按时|未及时|滞后|延迟|逾期|不符合|否/.test(a)) return 'unmet';
  if (/部分|基本|大部分|部份/.test(a)) return 'partial';
  if (/达成|完成|达到|按时|及时|按期|符合|已|实现|发挥|是|良好|满意|无|未发生|足额|准确|到位/.test(a)) return 'met';
  return null;
}


/** A rate as findings and JSON report it: a fraction to 4 decimals (0.77229… → 0.7723). */
export function rate4(v: number): number {
  return roundTo(v, 4);
}


/** Format a fraction as a percent with `d` decimals: 0.7723 → "77.2%". */
export function pct(v: number, d = 1): string {
  const f = 10 ** d;
  const scaled = v * 100 * f;
  if (!Number.isFinite(scaled)) return '—';
  const r = Math.round(scaled + Math.sign(v) * 1e-9) / f;
  return `${r.toFixed(d)}%`;
}

/** Format an amount the way a clerk writes it: no trailing zeros. */
export function amount(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(4)));
}

