/**
 * One period parser for 监控时点 and 项目周期: every common way a Chinese form writes a period,
 * and Excel date serials read from the cell's value and number format (never from locale text).
 *
 * A period is an interval of months (and days, when the form gives them). For a 监控时点 the
 * engine uses its end (`2021年1-9月` ends in September; `三季度` ends in September); for a 项目周期
 * its start and end. A year the text does not give is `null`: the caller takes it from the other
 * field, or from the calendar year.
 */
import type { CellValue } from './grid';

export interface Ymd {
  /** null when the text gives no year (`1-9月`, `三季度`) */
  y: number | null;
  m: number;
  /** null when the text gives no day */
  d: number | null;
}

export type PeriodKind = 'month' | 'range' | 'quarter' | 'half' | 'year' | 'date' | 'serial';

export interface ParsedPeriod {
  start: Ymd;
  end: Ymd;
  kind: PeriodKind;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20 (month, quarter and day numbers only). */
function cnNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[2] ? CN_DIGITS[m[2]] : 0);
  if (s.length === 1 && s in CN_DIGITS) return CN_DIGITS[s];
  return null;
}

const CN_NUMERAL = /[零〇一二两三四五六七八九十]/;

/** Chinese numerals before 月 / 季度 / 日 / 号 become digits; `二〇二一年` becomes `2021年`. */
function digitsFromChinese(s: string): string {
  // most periods are written with digits: nothing to replace
  if (!CN_NUMERAL.test(s)) return s;
  return s
    .replace(/([零〇一二三四五六七八九]{4})年/g, (_, y: string) => `${[...y].map((c) => CN_DIGITS[c]).join('')}年`)
    .replace(/([一二两三四五六七八九十]{1,3})(?=个?月|季度|季|日|号|至|到|-)/g, (w: string) => {
      const n = cnNumber(w);
      return n === null ? w : String(n);
    });
}

/** A period every step of `clean` leaves as it is (`2020.01.01-2020.12.31`, `2020年9月`): most forms write one. */
const CLEAN_PERIOD = /^[0-9./\-年月日号]*$/;

/** Full-width → half-width, one dash, no spaces, no 份 (`9月份`), no leading 截至 / 截止到. */
function clean(raw: string): string {
  // (NFKC and six replacements cost more than the parse itself)
  if (CLEAN_PERIOD.test(raw)) return raw;
  return digitsFromChinese(
    raw
      .normalize('NFKC')
      .replace(/[\s\u00a0\u3000]+/g, '')
      .replace(/[—–－‐‑―~〜～]/g, '-')
      .replace(/^(截至|截止到|截止|至)/, '')
      .replace(/月份/g, '月')
      .replace(/(末|底|止|为止|以来|累计|期间|期末)$/g, ''),
  );
}

const monthOk = (m: number) => m >= 1 && m <= 12;
const dayOk = (d: number) => d >= 1 && d <= 31;
const yearOk = (y: number) => y >= 1900 && y <= 2200;

function ymd(y: string | undefined, m: string | number, d?: string): Ymd | null {
  const yy = y ? Number(y) : null;
  const mm = Number(m);
  const dd = d ? Number(d) : null;
  if (yy !== null && !yearOk(yy)) return null;
  if (!monthOk(mm)) return null;
  if (dd !== null && !dayOk(dd)) return null;
  return { y: yy, m: mm, d: dd };
}

const months = (y: string | undefined, m0: number, m1: number, kind: PeriodKind): ParsedPeriod | null => {
  const s = ymd(y, m0);
  const e = ymd(y, m1);
  if (!s || !e || m0 > m1) return null;
  return { start: s, end: e, kind };
};

/** A date written with numbers: `2021年9月30日`, `2021.09.30`, `2021-09`, `2021/9/30`, `2021.9`. */
const DATE = String.raw`(\d{4})(?:年|\.|-|/)(\d{1,2})(?:(?:月|\.|-|/)(?:(\d{1,2})(?:日|号)?)?|月)?`;
const DATE_ONLY = new RegExp(`^${DATE}$`);
const DATE_RANGE = new RegExp(`^${DATE}(?:-|至|到)${DATE}$`);
/** `2021年1-9月`, `1至9月`, `1月-9月`, `2021年1月至9月`, `1-9月30日` */
const MONTH_RANGE = /^(?:(\d{4})年?(?:度)?)?(\d{1,2})月?(?:-|至|到)(\d{1,2})月(?:(\d{1,2})(?:日|号))?$/;
/** `2021年9月`, `9月`, `9月30日`, `2021年9月30日` */
const MONTH = /^(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})(?:日|号)?)?$/;
/** `2021年第三季度`, `三季度`, `第3季度`, `2021年3季` */
const QUARTER = /^(?:(\d{4})年?(?:度)?)?第?([1-4])季度?$/;
/** `Q3`, `2021Q3`, `2021年Q3`, `2021-Q3`, `Q3 2021` */
const QUARTER_Q = /^(?:(\d{4})(?:年|-)?)?Q([1-4])(?:(\d{4}))?$/i;
/** `前三季度`, `2021年前3季度`, `1-3季度` */
const FIRST_QUARTERS = /^(?:(\d{4})年?(?:度)?)?(?:前([1-4])(?:个)?季度?|(?:第)?1(?:-|至|到)(?:第)?([1-4])季度?)$/;
/** `上半年`, `2021年下半年` */
const HALF = /^(?:(\d{4})年?(?:度)?)?(上|下)半年(?:度)?$/;
/** `全年`, `2021年`, `2021年度`, `2021年全年` */
const YEAR = /^(?:(\d{4})年?(?:度)?)?(全年(?:度)?)?$/;
/** `2020-2022年`, `2020年至2022年` */
const YEAR_RANGE = /^(\d{4})年?(?:-|至|到)(\d{4})年?(?:度)?$/;
/** `前9个月`, `2021年前9个月` */
const FIRST_MONTHS = /^(?:(\d{4})年?)?前(\d{1,2})个?月$/;

/** Parse a period written as text. Null when it cannot be read. */
export function parsePeriodText(raw: string): ParsedPeriod | null {
  const s = clean(raw);
  if (!s) return null;
  let m = DATE_RANGE.exec(s);
  if (m) {
    const a = ymd(m[1], m[2], m[3]);
    const b = ymd(m[4], m[5], m[6]);
    if (!a || !b) return null;
    if ((a.y as number) * 12 + a.m > (b.y as number) * 12 + b.m) return null;
    return { start: a, end: b, kind: 'range' };
  }
  m = DATE_ONLY.exec(s);
  if (m) {
    const a = ymd(m[1], m[2], m[3]);
    if (!a) return null;
    return { start: { ...a }, end: a, kind: a.d === null ? 'month' : 'date' };
  }
  m = MONTH_RANGE.exec(s);
  if (m) {
    const p = months(m[1], Number(m[2]), Number(m[3]), 'range');
    if (p && m[4]) {
      if (!dayOk(Number(m[4]))) return null;
      p.end.d = Number(m[4]);
    }
    return p;
  }
  m = MONTH.exec(s);
  if (m) {
    const a = ymd(m[1], m[2], m[3]);
    return a ? { start: a, end: a, kind: a.d === null ? 'month' : 'date' } : null;
  }
  m = QUARTER.exec(s);
  if (m) {
    const q = Number(m[2]);
    return months(m[1], q * 3 - 2, q * 3, 'quarter');
  }
  m = QUARTER_Q.exec(s);
  if (m) {
    const q = Number(m[2]);
    return months(m[1] ?? m[3], q * 3 - 2, q * 3, 'quarter');
  }
  m = FIRST_QUARTERS.exec(s);
  if (m) return months(m[1], 1, Number(m[2] ?? m[3]) * 3, 'quarter');
  m = HALF.exec(s);
  if (m) return m[2] === '上' ? months(m[1], 1, 6, 'half') : months(m[1], 7, 12, 'half');
  m = YEAR_RANGE.exec(s);
  if (m) {
    const [y0, y1] = [Number(m[1]), Number(m[2])];
    if (!yearOk(y0) || !yearOk(y1) || y0 > y1) return null;
    return { start: { y: y0, m: 1, d: null }, end: { y: y1, m: 12, d: null }, kind: 'range' };
  }
  m = FIRST_MONTHS.exec(s);
  if (m) return months(m[1], 1, Number(m[2]), 'range');
  m = YEAR.exec(s);
  if (m && (m[1] || m[2])) return months(m[1], 1, 12, 'year');
  return null;
}

/**
 * True when an Excel number format shows a date: after dropping quoted text, escaped characters
 * and bracketed sections (`[$-804]`, `[DBNum1]`, `[Red]`), it holds a year, month or day code.
 * Elapsed-time formats (`[h]:mm`) and plain numbers are not dates.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || /^general$/i.test(format)) return false;
  const section = format.split(';')[0];
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  return /[yde]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/**
 * The date of an Excel serial (1900 date system, as Excel for Windows and the web write it):
 * 44469 → 2021-09-30. Serial 60 is Excel's 29 February 1900, which never was.
 */
export function serialToYmd(serial: number): Ymd | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const day = Math.floor(serial);
  if (day === 60) return { y: 1900, m: 2, d: 29 };
  const ms = Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * 86400000;
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/**
 * Parse the period in a cell: a date serial when the cell holds a number shown with a date format
 * (whatever the display text, which depends on the locale), else its text.
 */
export function parsePeriodCell(text: string, value?: CellValue, format?: string): ParsedPeriod | null {
  if (typeof value === 'number' && isDateFormat(format)) {
    const d = serialToYmd(value);
    if (!d) return null;
    // a format that shows no day (`yyyy"年"m"月"`) stands for the month
    const showsDay = /d/i.test((format ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, ''));
    const at: Ymd = showsDay ? d : { ...d, d: null };
    return { start: at, end: at, kind: 'serial' };
  }
  // a number 2020.1 may have been typed as 2020.10: Excel drops the trailing zero, so October and
  // January read the same — unreadable rather than silently January (text `2020.1` is January)
  if (typeof value === 'number' && /^\d{4}\.1$/.test(String(value))) return null;
  return parsePeriodText(text);
}

/** `2021年9月`, `2021年9月30日`, `9月` (no year) — how the engine names the point it used. */
export function ymdText(p: Ymd): string {
  return `${p.y === null ? '' : `${p.y}年`}${p.m}月${p.d === null ? '' : `${p.d}日`}`;
}
