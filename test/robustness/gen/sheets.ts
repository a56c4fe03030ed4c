/**
 * Test-only generators of messy sheets for the robustness suite: random grids, real form fragments
 * (the four seed forms and CONSISTENT) at random offsets, random merges and hidden rows, and the
 * cell contents real submissions hold — full-width text, emoji, very long strings, formulas, Excel
 * error values, dates (serial numbers with date formats), huge and negative numbers, number-like text.
 */
import fc from 'fast-check';
import { type CellValue, type Grid, type MergedArea, formatValue } from '../../../src/core';
import { CONSISTENT } from '../../helpers/forms';
import { gridFromRows, seedRowsOf } from '../../helpers/grid';

export type FormName = 'form1' | 'form2' | 'form3' | 'form4' | 'consistent';
export const FORM_NAMES: readonly FormName[] = ['form1', 'form2', 'form3', 'form4', 'consistent'];

/** Rows of a real form (seed-style fields). */
export function formRows(name: FormName): string[][] {
  return name === 'consistent' ? CONSISTENT.map((r) => [...r]) : seedRowsOf(name).map((r) => [...r]);
}

/** Excel's own error values (Range.values gives them as strings). */
export const EXCEL_ERRORS = ['#DIV/0!', '#REF!', '#VALUE!', '#N/A', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!'];

/** Every value kind of design §2 and the text forms headings and labels take. */
export const SPEC_TEXTS = [
  '10,934', '１０９３４', '109.00%', '2834人', '124.07', '77%', '0.77', '-780', '1,000,000.50',
  '≥95%', '≧95%', '>=95%', '≤0.1%', '<=0.1%', '上访率控制在0.1%以内', '不低于90%', '满意度95%以上',
  '95%≤x≤105%', '105%≤≥95%', '105%≤95%', '95%-105%', '95%～105%', '95%至105%',
  '每月25日前', '按时发放', '充分发挥社会保险的职能作用', '50、6.17', '52、15',
  '2020年9月', '2020.01.01-2020.12.31', '万元', '亿元', '元',
];

/** Headings and labels, so that random grids often look like (parts of) a form. */
export const FORM_WORDS = [
  '一、基本情况', '二、预算执行情况', '三、目标完成情况', '四、年度绩效指标完成情况', '五、绩效目标执行出现的偏差和采取的措施',
  '二、项目预算执行情况', '四、绩效指标完成情况', '五、偏差原因及改进措施', '社保基金支出绩效监控情况表',
  '部门单位名称', '项目名称', '项目周期', '监控时点', '预算数:', '到位数:', '执行数:', '预算执行率', '预算数：542',
  '执行数：４３３', '其中: 财政资金', '其他', '年度预期目标', '目前完成情况', '总体完成率', '一级指标', '二级指标', '三级指标',
  '预期指标值', '指标完成值', '指标完成率', '产出指标', '数量指标', '质量指标', '时效指标', '效益指标', '满意度指标',
  '社会效益指标', '参保缴费人数', '基金支出预算执行率', '待遇发放准确率', '领取待遇人数', '金额单位: 万元', '填报单位(公章):',
  '预算执行率:', '总体完成率：80%', '指标完成率:', '调整后预算数', '到位资金', '实际执行数',
];

const EMOJI = ['😀', '👍🏽', '🇨🇳', '👨‍👩‍👧', '🧮', '\u{1F4C8}'];

/** Full-width forms of ASCII digits, letters and punctuation. */
export function toFullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}

const fullWidthText = fc.constantFrom(...SPEC_TEXTS, ...FORM_WORDS).map(toFullWidth);
const emojiText = fc.array(fc.constantFrom(...EMOJI, '预算', '数', ':', '%'), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
const longText = fc.tuple(fc.constantFrom('预算数:', '偏差', '参保缴费人数', 'x', '😀', '１'), fc.integer({ min: 200, max: 6000 }))
  .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));
const formulaText = fc.constantFrom('=SUM(A1:B2)', '=G8/C8', '=1/0', '=IFERROR(A1,"")', '=""', "='");
const numberLikeText = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).map((n) => n.toLocaleString('en-US')),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((n) => `${n.toFixed(2)}%`),
  fc.integer({ min: 0, max: 99999 }).map((n) => `${n}人`),
  fc.integer({ min: 0, max: 99999 }).map((n) => toFullWidth(String(n))),
  fc.constantFrom('1e308', '-0', '00012', '1.2.3', '12,34', '١٢٣', '½', '∞', 'NaN', 'Infinity', '0x1F', ' 42 ', '42\n'),
);
const controlText = fc.constantFrom('', ' ', '\u3000', '\t', '\n\n', '\u200b', '\ufeff预算数', 'a\u0000b', '\ud800', '预算数:\u00a0100');
const anyText = fc.string({ unit: 'grapheme', maxLength: 30 });

export const textArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPEC_TEXTS) },
  { weight: 5, arbitrary: fc.constantFrom(...FORM_WORDS) },
  { weight: 2, arbitrary: fullWidthText },
  { weight: 1, arbitrary: emojiText },
  { weight: 1, arbitrary: longText },
  { weight: 1, arbitrary: formulaText },
  { weight: 2, arbitrary: fc.constantFrom(...EXCEL_ERRORS) },
  { weight: 2, arbitrary: numberLikeText },
  { weight: 1, arbitrary: controlText },
  { weight: 2, arbitrary: anyText },
);

/** Numbers as Excel holds them: integers, rates, huge and tiny magnitudes (Excel allows ±9.99e307 and 2.2e-308), negatives. */
const numberArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -100000, max: 100000 }),
  fc.double({ min: -2, max: 12, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e15, -1e15, 9.99e307, -9.99e307, Number.MAX_SAFE_INTEGER, 2.2251e-308, 5e-324, 1e-10, 0.1 + 0.2, 45000, 44105),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A typed cell: value, its number format and, sometimes, a formula or a display text that differs. */
export interface GenCell {
  value: CellValue;
  format: string;
  formula: string;
  /** when set, the display text Excel would give instead of the formatted value (e.g. `####`) */
  text?: string;
}

const DATE_FORMATS = ['yyyy-mm-dd', 'yyyy"年"m"月"', 'm/d/yyyy', '[$-804]yyyy"年"m"月"d"日"'];
const NUM_FORMATS = ['General', '0', '0.00', '#,##0', '#,##0.00', '0%', '0.0%', '0.00%', '@', '"￥"#,##0.00;[Red]-"￥"#,##0.00'];

export const cellArb: fc.Arbitrary<GenCell> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<GenCell>({ value: null, format: 'General', formula: '' }) },
  { weight: 6, arbitrary: textArb.map<GenCell>((t) => ({ value: t, format: 'General', formula: '' })) },
  { weight: 4, arbitrary: fc.tuple(numberArb, fc.constantFrom(...NUM_FORMATS)).map<GenCell>(([v, f]) => ({ value: v, format: f, formula: '' })) },
  // dates as Excel gives them: a serial day number with a date format
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 2958465 }), fc.constantFrom(...DATE_FORMATS)).map<GenCell>(([v, f]) => ({ value: v, format: f, formula: '' })) },
  { weight: 1, arbitrary: fc.boolean().map<GenCell>((b) => ({ value: b, format: 'General', formula: '' })) },
  // a formula with its cached value (or an error)
  {
    weight: 2,
    arbitrary: fc.tuple(fc.oneof(numberArb, fc.constantFrom(...EXCEL_ERRORS)), fc.constantFrom('=G8/C8', '=SUM(C8:C9)', '=1/0', '=AVERAGE(G14:G21)'), fc.constantFrom('General', '0%', '0.0%'))
      .map<GenCell>(([v, f, fmt]) => ({ value: v, format: fmt, formula: f })),
  },
  // a narrow column: Excel's text is #### while the value is a number
  { weight: 1, arbitrary: numberArb.map<GenCell>((v) => ({ value: v, format: '0%', formula: '', text: '########' })) },
);

/** A grid from a matrix of generated cells (ragged rows allowed), with its text, formats and formulas. */
export function gridFromCells(name: string, cells: GenCell[][], extra: Partial<Grid> = {}): Grid {
  const values = cells.map((r) => r.map((c) => c.value));
  const formats = cells.map((r) => r.map((c) => c.format));
  const formulas = cells.map((r) => r.map((c) => c.formula));
  const text = cells.map((r) => r.map((c) => c.text ?? (c.value === null ? '' : formatValue(c.value, c.format))));
  return { name, top: 0, left: 0, values, text, formats, formulas, ...extra };
}

/** Random merged areas and hidden rows inside a rows × cols box (overlaps allowed: the engine must not care). */
export function decorationsArb(rows: number, cols: number): fc.Arbitrary<{ merges: MergedArea[]; hiddenRows: number[] }> {
  const r = Math.max(rows, 1);
  const c = Math.max(cols, 1);
  const merge = fc.tuple(fc.nat(r - 1), fc.nat(c - 1), fc.nat(3), fc.nat(3)).map(([top, left, h, w]) => ({
    top, left, bottom: Math.min(r - 1, top + h), right: Math.min(c - 1, left + w),
  }));
  return fc.record({
    merges: fc.array(merge, { maxLength: 6 }),
    hiddenRows: fc.uniqueArray(fc.nat(r - 1), { maxLength: Math.min(6, r) }),
  });
}

/** Where the used range starts on the sheet: often A1, sometimes far away (columns beyond Z, rows beyond 10,000). */
export const originArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ top: 0, left: 0 }) },
  { weight: 2, arbitrary: fc.record({ top: fc.nat(60), left: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ top: fc.integer({ min: 0, max: 1048000 }), left: fc.integer({ min: 0, max: 16300 }) }) },
);

const sheetNameArb = fc.oneof(fc.constantFrom('Sheet1', '城乡居民养老', '附件1 (2)', "O'Brien", '😀表', '[x]'), fc.string({ minLength: 1, maxLength: 31 }));

/** A random grid of up to 40 × 14 cells, ragged, with merges, hidden rows and an origin. */
export const randomGridArb: fc.Arbitrary<Grid> = fc
  .tuple(
    fc.array(fc.array(cellArb, { maxLength: 14 }), { maxLength: 40 }),
    sheetNameArb,
    originArb,
  )
  .chain(([cells, name, origin]) => {
    const cols = Math.max(0, ...cells.map((r) => r.length));
    return decorationsArb(cells.length, cols).map((d) => gridFromCells(name, cells, { ...origin, ...d }));
  });

/** One edit to a form: a cell (by position in the form) replaced with a generated cell. */
export interface CellEdit {
  row: number;
  col: number;
  cell: GenCell;
}

/**
 * A real form (or a contiguous fragment of it) placed at a random offset inside random noise,
 * with some of its cells replaced by generated cells, random merges and hidden rows.
 */
export const formFragmentArb: fc.Arbitrary<{ grid: Grid; form: FormName }> = fc
  .record({
    form: fc.constantFrom(...FORM_NAMES),
    // a fragment: from row `from` for `len` rows (whole form when len is large)
    from: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(15) }),
    len: fc.oneof({ weight: 3, arbitrary: fc.constant(1000) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) }),
    dr: fc.nat(12),
    dc: fc.nat(6),
    noise: fc.array(fc.tuple(fc.nat(50), fc.nat(20), cellArb), { maxLength: 8 }),
    edits: fc.array(fc.record({ row: fc.nat(35), col: fc.nat(9), cell: cellArb }), { maxLength: 10 }),
    origin: originArb,
    name: sheetNameArb,
  })
  .chain((p) => {
    const rows = formRows(p.form).slice(p.from, p.from + p.len);
    const base = gridFromRows(p.name, rows);
    const cells: GenCell[][] = [];
    const put = (r: number, c: number, cell: GenCell) => {
      while (cells.length <= r) cells.push([]);
      const line = cells[r];
      while (line.length <= c) line.push({ value: null, format: 'General', formula: '' });
      line[c] = cell;
    };
    base.values.forEach((line, r) => line.forEach((v, c) => {
      if (v !== null) put(r + p.dr, c + p.dc, { value: v, format: base.formats![r][c], formula: '' });
    }));
    for (const e of p.edits) if (e.row < rows.length) put(e.row + p.dr, e.col + p.dc, e.cell);
    for (const [r, c, cell] of p.noise) {
      // noise only outside the form's box, so the form stays a form
      if (r < p.dr || r >= p.dr + rows.length || c < p.dc) put(r, c, cell);
    }
    const cols = Math.max(0, ...cells.map((r) => r.length));
    return decorationsArb(cells.length, cols).map((d) => ({
      form: p.form,
      grid: gridFromCells(p.name, cells, { ...p.origin, ...d }),
    }));
  });
