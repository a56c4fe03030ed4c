/** Number formats as the reader needs them: the built-in table, date detection and a date's display text. */

/** Excel's built-in number formats by id (ECMA-376 §18.8.30; the ids exceljs knows, so both readers agree). */
export const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** A date or time format: a y m d h s (or b) outside quotes and brackets. */
export function isDateFormat(fmt: string): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date cell's value and text. The value is the 1900-system serial (a 1904 workbook's serial is
 * shifted), rounded to the millisecond; the text is what the engine's period parser reads:
 * `2020年9月`, `2020年9月30日`, else `2020-09-30`.
 */
export function dateCell(serial: number, fmt: string, date1904: boolean): { value: number; text: string } {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const text = /年/.test(fmt) ? (/日|d/.test(fmt) ? `${y}年${m}月${day}日` : `${y}年${m}月`) : `${y}-${pad(m)}-${pad(day)}`;
  return { value: ms / 86400000 + 25569, text };
}
