/**
 * Recogniser: finds a 附件1 form in a grid by its headings and its values by their labels,
 * never by fixed addresses (design §2). Tolerates shifted values, merged cells, hidden rows,
 * full-width text, a missing header cell and values beside, inside or below their labels.
 */
import {
  type Grid,
  type MergedArea,
  colCount,
  formatAt,
  formulaAt,
  fromA1,
  rowCount,
  textAt,
  toA1,
  valueAt,
} from './grid';
import { isExcelError, normalize, parseActual, parseNumber, parseRate, parseTarget } from './parse';
import type { Indicator, IndicatorKind, ReadField, ReadingNote, RecognizedForm, Slot } from './types';
import { classifyName } from './lexicon';
import { parsePeriodCell, ymdText } from './period';

type SectionKey = 'basic' | 'budget' | 'goal' | 'indicators' | 'deviation';

interface Heading {
  key: SectionKey;
  label: string; // as shown in messages
  re: RegExp;
  /** words every match contains: a cell without them is no such heading, decided without the regex */
  word: string;
}

/** Section headings, in form order. Matched against normalized cell text. */
/** Section numbering as forms write it: 二、 / 二. / (二) / 2、 / 2. — or none. */
const NUMBERING = String.raw`(?:\(?[一二三四五六七八九十0-9]{1,2}\)?[、.,:]?)?`;
const heading = (body: string) => new RegExp(`^${NUMBERING}${body}$`);

export const SECTION_HEADINGS: Heading[] = [
  { key: 'basic', label: '一、基本情况', re: heading('(项目)?基本情况'), word: '基本情况' },
  { key: 'budget', label: '二、预算执行情况', re: heading('(项目)?预算执行情况'), word: '预算执行情况' },
  { key: 'goal', label: '三、目标完成情况', re: heading('(绩效|年度)?(总体)?目标完成情况'), word: '目标完成情况' },
  { key: 'indicators', label: '四、年度绩效指标完成情况', re: heading('(年度)?(绩效)?指标完成情况'), word: '指标完成情况' },
  { key: 'deviation', label: '五、绩效目标执行出现的偏差和采取的措施', re: heading('[^,。;]{0,14}偏差[^,。;]{0,10}(措施|原因|改进)[^,。;]{0,6}'), word: '偏差' },
];

const TITLE_RE = /绩效监控情况表|绩效运行监控表|绩效监控表/;
const AMOUNT_UNIT_LABEL = /金额单位|单位:(万元|元|亿元)/;
const EXECUTED_LABEL = /^(实际)?执行(数|金额)|^支出数/;

/** Level-1 words (一级指标) of the standard indicator framework. */
const LEVEL1 = new Set(['产出指标', '效益指标', '满意度指标', '成本指标']);
const LEVEL2_ONLY = new Set([
  '数量指标', '质量指标', '时效指标', '社会效益指标', '经济效益指标', '生态效益指标',
  '可持续影响指标', '服务对象满意度指标', '经济成本指标', '社会成本指标', '生态环境成本指标',
]);

export type RecognizeResult =
  | { ok: true; form: Omit<RecognizedForm, 'computed'> }
  /** no 附件1: the section headings looked for and not found (rules/form-not-recognized.ts says so) */
  | { ok: false; missing: string[] };

interface Ctx {
  grid: Grid;
  rows: number;
  cols: number;
  /** normalized display text of every cell, read once (the display text itself is read again when a slot needs it: txt) */
  norm: string[][];
  /** columns of the non-empty cells of each row */
  filled: number[][];
  /** what the recogniser noticed, in reading order (rules/baseline.ts reports them) */
  notes: ReadingNote[];
  /** the cells that are section headings, in reading order */
  headingHits: HeadingHit[];
}

interface HeadingHit {
  key: SectionKey;
  row: number;
  col: number;
  /** the cell holds text (not a number shown as text) and names 情况 or 偏差 before normalisation: formBlocks counts only these */
  inStringCell: boolean;
}

interface Found {
  row: number;
  col: number;
}

/** Classify an indicator by name with the default lexicon (src/core/lexicon.ts); recompute() applies the settings' lexicon. */
export function classifyIndicator(name: string): IndicatorKind {
  return classifyName(name).kind;
}

const SECTION_LABELS = Object.fromEntries(SECTION_HEADINGS.map((h) => [h.key, h.label])) as Record<SectionKey, string>;

/** True when a (normalized) cell is a section heading of this key. */
function headingKey(t: string): SectionKey | null {
  // every heading is short and names 情况 or 偏差 (normalisation never makes them): most cells end here
  if (!t || t.length > 40 || (!t.includes('情况') && !t.includes('偏差'))) return null;
  for (let i = 0; i < SECTION_HEADINGS.length; i++) {
    const h = SECTION_HEADINGS[i];
    if (t.includes(h.word) && h.re.test(t)) return h.key;
  }
  return null;
}

/**
 * Row blocks (grid-relative, inclusive) of the forms on a sheet: a form starts again where a
 * 二、预算执行情况 heading follows a 四、年度绩效指标完成情况 heading and is itself followed by one
 * — from that form's first heading, or the title lines just above it (title, 附件1, 填报单位, 金额单位).
 */
export function formBlocks(grid: Grid): [number, number][] {
  return blocksOf(readCells(grid));
}

/** formBlocks over cells already read: the headings readCells noted, in reading order. */
function blocksOf(ctx: Ctx): [number, number][] {
  const { grid, rows } = ctx;
  const seen: HeadingHit[] = [];
  let budgets = 0;
  for (const h of ctx.headingHits) {
    if (!h.inStringCell) continue;
    seen.push(h);
    if (h.key === 'budget') budgets++;
  }
  // a form starts again only at a second 二、预算执行情况: a sheet of one form is decided here
  if (budgets < 2) return [[0, rows - 1]];
  const starts: number[] = [0];
  let lastIndicators = -1;
  let lastBudget = -1;
  let formFirstHeading = -1;
  for (let i = 0; i < seen.length; i++) {
    const h = seen[i];
    if (h.key === 'budget') {
      // followed by an indicators heading before any other budget heading
      let followed = false;
      for (let j = i + 1; j < seen.length && seen[j].key !== 'budget'; j++) {
        if (seen[j].key === 'indicators') {
          followed = true;
          break;
        }
      }
      if (lastBudget >= 0 && lastIndicators > lastBudget && followed) {
        // the new form's first heading: its 一、基本情况 when one stands between
        let start = h.row;
        for (let j = i - 1; j >= 0 && seen[j].row > lastIndicators; j--) if (seen[j].key === 'basic') start = seen[j].row;
        const floor = Math.max(lastIndicators, formFirstHeading) + 1;
        for (let r = start - 1; r >= floor && r >= start - 4; r--) {
          // the cells the sheet holds values for (a title is text, so its normalized text is the one read)
          const n = grid.values[r]?.length ?? 0;
          const line = ctx.norm[r];
          let titled = false;
          for (let c = 0; c < n && !titled; c++) titled = isTitleLine(line[c]);
          if (titled) start = r;
        }
        starts.push(start);
        formFirstHeading = start;
      }
      lastBudget = h.row;
    } else if (h.key === 'indicators') lastIndicators = h.row;
  }
  const blocks: [number, number][] = [];
  for (let i = 0; i < starts.length; i++) blocks.push([starts[i], i + 1 < starts.length ? starts[i + 1] - 1 : rows - 1]);
  return blocks;
}

/** A title line above a form: its title, 附件1, 填报单位 or 金额单位. */
function isTitleLine(t: string): boolean {
  return TITLE_RE.test(t) || /^附件1/.test(t) || /^填报单位|^金额单位/.test(t);
}

/** The rows [r0, r1] of a grid as a grid of their own, at the same sheet addresses. */
function subGrid(grid: Grid, r0: number, r1: number, last: boolean): Grid {
  const slice = <T>(a: T[][] | undefined) => a?.slice(r0, r1 + 1);
  const sub: Grid = {
    name: grid.name,
    top: grid.top + r0,
    left: grid.left,
    values: grid.values.slice(r0, r1 + 1),
  };
  if (grid.text) sub.text = slice(grid.text);
  if (grid.formats) sub.formats = slice(grid.formats);
  if (grid.formulas) sub.formulas = slice(grid.formulas);
  if (grid.merges) {
    sub.merges = grid.merges
      .filter((m) => m.top >= r0 && m.top <= r1)
      .map((m) => ({ ...m, top: m.top - r0, bottom: Math.min(m.bottom, r1) - r0 }));
  }
  if (grid.hiddenRows) sub.hiddenRows = grid.hiddenRows.filter((r) => r >= r0 && r <= r1).map((r) => r - r0);
  if (last && grid.truncatedRows) sub.truncatedRows = grid.truncatedRows;
  return sub;
}

/**
 * Every 附件1 form on a sheet, in sheet order. A sheet with one form gives one result, exactly as
 * `recognize` reads it; a sheet that is no form gives one failed result.
 */
export function recognizeAll(grid: Grid): RecognizeResult[] {
  // the cells are read once: most sheets hold one form, read from the same table
  const ctx = readCells(grid);
  const blocks = blocksOf(ctx);
  if (blocks.length === 1) return [recognizeOne(ctx)];
  return blocks.map(([r0, r1], i) => recognizeOne(readCells(subGrid(grid, r0, r1, i === blocks.length - 1))));
}

/** The first 附件1 form on a sheet (the single-form API; `recognizeAll` gives every form). */
export function recognize(grid: Grid): RecognizeResult {
  return recognizeAll(grid)[0];
}

type Headings = Partial<Record<SectionKey, Found>>;

/** A heading seen again after the first of its kind. */
interface Repeat {
  key: SectionKey;
  label: string;
  at: Found;
}

/** Row ranges (grid-relative, inclusive) of the form's parts. */
interface SectionRows {
  /** where each section found is: its heading's sheet row and cell */
  sections: RecognizedForm['sections'];
  /** the first heading's row */
  firstRow: number;
  /** above the first heading: title, 填报单位, 金额单位 */
  header: [number, number];
  basic: [number, number];
  budget: [number, number];
  goal: [number, number] | null;
  indicators: [number, number];
  deviation: [number, number] | null;
}

/**
 * Read one form: its cells once, then its headings, then each section's values by their labels.
 * What the recogniser notices on the way is kept in `notes` (rules/baseline.ts reports it).
 */
function recognizeOne(ctx: Ctx): RecognizeResult {
  const found = findHeadings(ctx);
  const { headings } = found;
  if (!headings.budget || !headings.indicators) {
    return { ok: false, missing: SECTION_HEADINGS.filter((h) => !headings[h.key]).map((h) => h.label) };
  }
  const lastRow = noteSheetStructure(ctx, headings, found.repeats);
  const s = sectionRows(ctx, found, lastRow);
  noteHiddenRows(ctx, s.firstRow, Math.min(lastRow, headings.deviation ? headings.deviation.row : lastRow));
  return { ok: true, form: readForm(ctx, headings, s, lastRow) };
}

/**
 * The values of a form whose sections were found, by their labels. (Apart from recognizeOne: each
 * runs once per form, and a function that long would be compiled at a cost one batch never earns back.)
 */
function readForm(ctx: Ctx, headings: Headings, s: SectionRows, lastRow: number): Omit<RecognizedForm, 'computed'> {
  const { grid } = ctx;
  const { title, reportingUnit, amountUnit } = readHeader(ctx, s);
  const { department, project, period, monitorPoint } = readBasic(ctx, s);
  const { budget, available, executed, executionRate } = readBudget(ctx, s.budget);
  const { annualGoal, currentStatus, overallRate } = readGoal(ctx, s.goal ?? [s.budget[1] + 1, s.indicators[0] - 1]);
  const indicators = readIndicators(ctx, s.indicators, headings.indicators!);
  const deviationText = readDeviation(ctx, s, headings.deviation);
  return {
    sheet: grid.name,
    title,
    reportingUnit,
    amountUnit,
    department,
    project,
    period,
    monitorPoint,
    budget,
    available,
    executed,
    executionRate,
    annualGoal,
    currentStatus,
    overallRate,
    indicators,
    deviationText,
    sections: s.sections,
    notes: ctx.notes,
    firstRow: grid.top,
    lastRow: grid.top + lastRow,
  };
}

/** Every cell's display text and normalized text, read once, the filled columns of each row and the section headings. */
function readCells(grid: Grid): Ctx {
  const rows = rowCount(grid);
  const cols = colCount(grid);
  const norm: string[][] = new Array(rows);
  const filled: number[][] = new Array(rows);
  const headingHits: HeadingHit[] = [];
  // a row without any cell (most rows of a sheet whose one cell is far away) shares one row of empty
  // texts, read-only like every row here: the table stays as large as what the sheet holds
  let emptyLine: string[] | undefined;
  const noCells: number[] = [];
  for (let r = 0; r < rows; r++) {
    const texts = grid.text?.[r];
    const values = grid.values[r];
    if (!texts?.length && !values?.length) {
      if (!emptyLine) {
        // built as the other rows are (same array shape, so the code reading them stays monomorphic)
        emptyLine = new Array<string>(cols);
        for (let c = 0; c < cols; c++) emptyLine[c] = '';
      }
      norm[r] = emptyLine;
      filled[r] = noCells;
      continue;
    }
    const line: string[] = new Array(cols);
    const nonEmpty: number[] = [];
    for (let c = 0; c < cols; c++) {
      const x = displayText(grid, r, c);
      const t = x ? normalize(x) : '';
      line[c] = t;
      if (!t) continue;
      nonEmpty.push(c);
      const key = headingKey(t);
      if (key) {
        const v = values?.[c];
        const inStringCell = typeof v === 'string' && v !== '' && (x.includes('情况') || x.includes('偏差'));
        headingHits.push({ key, row: r, col: c, inStringCell });
      }
    }
    norm[r] = line;
    filled[r] = nonEmpty;
  }
  return { grid, rows, cols, norm, filled, notes: [], headingHits };
}

/** Display text of a cell: the reader's text, else the value formatted (textAt, without its lookups for empty cells). */
function displayText(grid: Grid, r: number, c: number): string {
  const given = grid.text?.[r]?.[c];
  if (given) return String(given);
  const v = grid.values[r]?.[c];
  // (a date serial is read from its value and format by the period parser, src/core/period.ts)
  return v === null || v === undefined || v === '' ? '' : textAt(grid, r, c);
}

/** The sections found: the first cell of each heading, in sheet order too, and every heading seen again. */
interface FoundHeadings {
  headings: Headings;
  /** the first heading of each section, in reading order (which is sheet order) */
  order: { key: SectionKey; row: number }[];
  repeats: Repeat[];
}

function findHeadings(ctx: Ctx): FoundHeadings {
  const headings: Headings = {};
  const order: { key: SectionKey; row: number }[] = [];
  const repeats: Repeat[] = [];
  const hits = ctx.headingHits;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    const at = { row: h.row, col: h.col };
    if (headings[h.key]) repeats.push({ key: h.key, label: SECTION_LABELS[h.key], at });
    else {
      headings[h.key] = at;
      order.push({ key: h.key, row: h.row });
    }
  }
  return { headings, order, repeats };
}

/**
 * A heading seen again (a repeated section, or a second form interleaved with the first) and a cut
 * used range are noted; only the first form is read. Returns the form's last row.
 */
function noteSheetStructure(ctx: Ctx, headings: Headings, repeats: Repeat[]): number {
  const lastRow = repeats.length > 0 ? noteRepeats(ctx, headings, repeats) : ctx.rows - 1;
  if (ctx.grid.truncatedRows) {
    ctx.notes.push({ kind: 'truncated', cell: a1(ctx, ctx.rows - 1, 0), rows: ctx.rows, more: ctx.grid.truncatedRows });
  }
  return lastRow;
}

/** The first heading seen again, noted; returns the row before it (or before the title of a second form above it). */
function noteRepeats(ctx: Ctx, headings: Headings, repeats: Repeat[]): number {
  let lastRow = ctx.rows - 1;
  const firstRepeat = repeats.sort((a, b) => a.at.row - b.at.row)[0];
  if (firstRepeat) {
    const secondForm = repeats.some((x) => x.key === 'budget') && repeats.some((x) => x.key === 'indicators');
    const cell = a1(ctx, firstRepeat.at.row, firstRepeat.at.col);
    const first = a1(ctx, headings[firstRepeat.key]!.row, headings[firstRepeat.key]!.col);
    ctx.notes.push(secondForm ? { kind: 'second-form', cell } : { kind: 'repeated-section', cell, section: firstRepeat.label, first });
    // the first form ends before the repeat (before the title of a second form, if one stands just above)
    lastRow = firstRepeat.at.row - 1;
    if (secondForm) {
      for (let r = firstRepeat.at.row - 1; r > headings.indicators!.row && r >= firstRepeat.at.row - 4; r--) {
        if (ctx.norm[r].some((t) => TITLE_RE.test(t) || /^附件1/.test(t) || /^填报单位|^金额单位/.test(t))) lastRow = r - 1;
      }
    }
  }
  return lastRow;
}

/** Row range of each section: from its heading to the row before the next heading (at most `lastRow`). */
function sectionRows(ctx: Ctx, { headings, order }: FoundHeadings, lastRow: number): SectionRows {
  // plain loops, no closures or sort: this runs once per form, and V8 compiled the higher-order
  // version at a cost no 1,000-file batch earned back
  const ranges: Partial<Record<SectionKey, [number, number]>> = {};
  const sections: RecognizedForm['sections'] = {};
  for (let i = 0; i < order.length; i++) {
    const { key, row } = order[i];
    const end = i + 1 < order.length ? order[i + 1].row - 1 : lastRow;
    ranges[key] = [row, Math.max(row, Math.min(end, lastRow))];
    sections[key] = { row: ctx.grid.top + row, cell: a1(ctx, row, headings[key]!.col) };
  }
  const firstRow = order[0].row;
  return {
    sections,
    firstRow,
    header: [0, Math.max(0, firstRow - 1)],
    basic: ranges.basic ?? [0, firstRow],
    budget: ranges.budget!,
    goal: ranges.goal ?? null,
    indicators: ranges.indicators!,
    deviation: ranges.deviation ?? null,
  };
}

/**
 * Hidden (or filtered) rows are part of the form and are read like the others; say so, so that
 * a finding on a row the user cannot see is not a mystery.
 */
function noteHiddenRows(ctx: Ctx, firstRow: number, formEnd: number): void {
  const hidden = ctx.grid.hiddenRows;
  if (!hidden) return;
  for (const r of hidden) {
    if (r < firstRow || r > formEnd || r >= ctx.rows || ctx.filled[r].length === 0) continue;
    ctx.notes.push({ kind: 'hidden-row', cell: a1(ctx, r, ctx.filled[r][0]), row: ctx.grid.top + r + 1 });
  }
}

/** Above the first heading: the title, 填报单位 and 金额单位 (万元 unless it says otherwise). */
function readHeader(ctx: Ctx, s: SectionRows): Pick<RecognizedForm, 'title' | 'reportingUnit' | 'amountUnit'> {
  const titleAt = findCell(ctx, [0, Math.max(s.firstRow, 0)], TITLE_RE, Infinity);
  const title: Slot<string> = titleAt ? slotText(ctx, titleAt.row, titleAt.col) : emptySlot<string>(ctx, 0, 0);
  const reportingUnit = labelText(ctx, s.header, /^填报单位(\(公章\)|\(盖章\))?/);
  let amountUnit = '万元';
  const unitCell = findCell(ctx, [0, s.firstRow], AMOUNT_UNIT_LABEL, Infinity);
  if (unitCell) {
    const m = /(亿元|万元|元)/.exec(ctx.norm[unitCell.row][unitCell.col]) ?? /(亿元|万元|元)/.exec(nextText(ctx, unitCell.row, unitCell.col) ?? '');
    if (m) amountUnit = m[1];
  }
  return { title, reportingUnit, amountUnit };
}

/** 一、基本情况 (and anything above 二 when the heading is absent). */
function readBasic(ctx: Ctx, s: SectionRows): Pick<RecognizedForm, 'department' | 'project' | 'period' | 'monitorPoint'> {
  const rows: [number, number] = [Math.min(s.basic[0], s.header[0]), Math.max(s.basic[1], s.budget[0] - 1)];
  return {
    department: labelText(ctx, rows, /^部门(单位)?名称|^单位名称|^预算单位/),
    project: labelText(ctx, rows, /^项目名称/),
    period: datedText(labelText(ctx, rows, /^项目(实施)?(周期|期限|起止时间)/)),
    monitorPoint: datedText(labelText(ctx, rows, /^监控(时点|时间|期间|节点)/)),
  };
}

/** 二、预算执行情况: 预算数, 到位数, 执行数 and the stated 预算执行率. */
function readBudget(ctx: Ctx, range: [number, number]): Pick<RecognizedForm, 'budget' | 'available' | 'executed' | 'executionRate'> {
  const budget = labelNumber(ctx, range, /^(调整后)?预算(数|金额)/, 'budget');
  const available = labelNumber(ctx, range, /^到位(数|资金|金额)/, 'available');
  const execAt = findLabel(ctx, range, EXECUTED_LABEL);
  const executed = labelNumber(ctx, range, EXECUTED_LABEL, 'executed', execAt);
  // (three cells: a list, not a Set built from one)
  const usedCells = [budget.cell, available.cell, executed.cell];
  // where the rate belongs when its header is missing: label, value, then the rate, whether the
  // value shares the label's cell or not
  const fallback = execAt
    ? { row: execAt.row, col: Math.max(execAt.col + 2, (executed.value !== null ? fromA1(executed.cell).col - ctx.grid.left : execAt.col + 1) + 1) }
    : { row: Math.min(range[0] + 1, range[1]), col: Math.min(ctx.cols - 1, 7) };
  const executionRate = labelRate(ctx, range, /^预算执行率/, fallback, usedCells, 'executionRate');
  return { budget, available, executed, executionRate };
}

/** 三、目标完成情况: 年度预期目标, 目前完成情况 and the stated 总体完成率. */
function readGoal(ctx: Ctx, range: [number, number]): Pick<RecognizedForm, 'annualGoal' | 'currentStatus' | 'overallRate'> {
  const annualGoal = labelTextBelow(ctx, range, /^(年度)?(预期|绩效)?目标$|^年度(预期|绩效)目标/);
  const currentStatus = labelTextBelow(ctx, range, /^(目前|实际|截至目前)?完成情况$|^目前完成情况/);
  const fallback = { row: Math.min(range[0] + 1, range[1]), col: Math.min(ctx.cols - 1, 6) };
  const overallRate = labelRate(ctx, range, /^(总体|整体)?(目标)?完成率$|^总体完成率/, fallback, [], 'overallRate');
  return { annualGoal, currentStatus, overallRate };
}

/** 五、偏差和采取的措施: the first text of the section; without the section, where it would be. */
function readDeviation(ctx: Ctx, s: SectionRows, heading: Found | undefined): Slot<string> {
  if (heading && s.deviation) return sectionText(ctx, s.deviation, heading);
  return emptySlot(ctx, Math.min(s.indicators[1] + 1, ctx.rows - 1), 1);
}

/**
 * A date cell's value as the engine names it (`2020年9月30日`, or `2020年9月` when its format shows
 * no day), read from the serial and the number format — never from the display text, which
 * depends on the locale (`9/30/2020`). The display text stays in `text`.
 */
function datedText(slot: Slot<string>): Slot<string> {
  if (typeof slot.raw !== 'number') return slot;
  const p = parsePeriodCell(slot.text, slot.raw, slot.format);
  return p ? { ...slot, value: ymdText(p.end) } : slot;
}

/** Display text of a grid cell ('' outside the table readCells read). */
function txt(ctx: Ctx, row: number, col: number): string {
  if (row < 0 || row >= ctx.rows || col < 0 || col >= ctx.cols) return '';
  return displayText(ctx.grid, row, col);
}

/** Normalized text of a grid cell (read once into ctx.norm). */
function normText(ctx: Ctx, row: number, col: number): string {
  return ctx.norm[row]?.[col] ?? '';
}

/** A1 address of a grid cell; a guessed position is kept inside the used range so Excel can always mark it. */
function a1(ctx: Ctx, row: number, col: number): string {
  const r = Math.min(Math.max(row, 0), Math.max(ctx.rows - 1, 0));
  const c = Math.min(Math.max(col, 0), Math.max(ctx.cols - 1, 0));
  return toA1(ctx.grid.top + r, ctx.grid.left + c);
}

/**
 * Every slot is built here, with every key (absent ones undefined): all slots share one shape, so
 * the code reading them (recompute, the rules, the summaries) stays monomorphic.
 */
function slotOf<T>(value: T | null, cell: string, text: string, format?: string, formula?: string, decimals?: number, raw?: number | boolean): Slot<T> {
  return { value, cell, text, decimals, format, formula, shifted: undefined, expectedCell: undefined, raw };
}

function emptySlot<T>(ctx: Ctx, row: number, col: number): Slot<T> {
  return slotOf<T>(null, a1(ctx, row, col), '');
}

/** A text slot at a cell: its text (or, inline, the part after its label) is both its value and its text. */
function slotText(ctx: Ctx, row: number, col: number, text = txt(ctx, row, col)): Slot<string> {
  const raw = valueAt(ctx.grid, row, col);
  const given = typeof raw === 'number' || typeof raw === 'boolean' ? raw : undefined;
  return slotOf(text, a1(ctx, row, col), text, formatAt(ctx.grid, row, col), formulaAt(ctx.grid, row, col), undefined, given);
}

/** The first filled cell of rows [r0, r1] whose normalized text matches `re` and is at most `maxLength` long. */
function findCell(ctx: Ctx, [r0, r1]: [number, number], re: RegExp, maxLength: number): Found | null {
  for (let r = r0; r <= r1 && r < ctx.rows; r++) {
    const line = ctx.norm[r];
    for (const c of ctx.filled[r]) {
      const t = line[c];
      if (t.length <= maxLength && re.test(t)) return { row: r, col: c };
    }
  }
  return null;
}

/** A label: a short cell (a long one is a sentence that happens to name the label). */
function findLabel(ctx: Ctx, range: [number, number], re: RegExp): Found | null {
  return findCell(ctx, range, re, 60);
}

/** Text after the label inside the label's own cell: `预算数：542` → `542`. */
function inlineRest(ctx: Ctx, at: Found, re: RegExp): string {
  const n = ctx.norm[at.row][at.col];
  const m = re.exec(n);
  if (!m) return '';
  // drop the label and an optional colon, working on the normalized text
  const after = n.slice(m.index + m[0].length);
  // most labels stand alone in their cell: nothing after them to clean
  if (!after) return '';
  const rest = after.replace(/^(\([^)]*\))?[:：]?/, '');
  if (!rest) return '';
  // recover the original spelling of the rest (keep full-width digits etc. for display)
  const raw = txt(ctx, at.row, at.col);
  const idx = raw.search(/[:：]/);
  return idx >= 0 ? raw.slice(idx + 1).trim() : rest;
}

/** A cell looks like a label when it ends with a colon or is a known label word. */
function isLabelLike(t: string): boolean {
  return /[:：]$/.test(t) || /^(其中|其他|预算数|到位数|执行数|预算执行率|项目周期|监控时点|项目名称|部门(单位)?名称)/.test(t);
}

function nextText(ctx: Ctx, row: number, col: number): string | null {
  for (let c = col + 1; c < ctx.cols; c++) {
    const t = ctx.norm[row][c];
    if (t) return isLabelLike(t) ? null : txt(ctx, row, c);
  }
  return null;
}

/** The value of a label: inline, the next non-empty cell to its right (up to the next label), or below. */
function locateValue(ctx: Ctx, at: Found, re: RegExp): { row: number; col: number; inline: string | null } | null {
  const rest = inlineRest(ctx, at, re);
  if (rest) return { row: at.row, col: at.col, inline: rest };
  // the cell right beside the label (or beside its merged area)
  const beside = valueHome(ctx, at);
  const t = ctx.norm[at.row][beside.col];
  if (beside.col > at.col && t && !isLabelLike(t)) return { row: at.row, col: beside.col, inline: null };
  // the cell below the label
  const below = nextRow(ctx, at.row);
  if (below !== null && ctx.norm[below][at.col] && !isLabelLike(ctx.norm[below][at.col])) {
    return { row: below, col: at.col, inline: null };
  }
  // the next non-empty cell to the right, up to the next label
  for (let c = beside.col + 1; c < ctx.cols; c++) {
    const x = ctx.norm[at.row][c];
    if (!x) continue;
    if (isLabelLike(x)) break;
    return { row: at.row, col: c, inline: null };
  }
  return null;
}

/** The row below (hidden rows included: they hold the form's data like any other). */
function nextRow(ctx: Ctx, row: number): number | null {
  return row + 1 < ctx.rows ? row + 1 : null;
}

/** The merged area whose top-left cell is `at`, if any. */
function mergeAt(ctx: Ctx, at: Found): MergedArea | undefined {
  const merges = ctx.grid.merges;
  if (!merges) return undefined;
  for (const m of merges) if (m.top === at.row && m.left === at.col) return m;
  return undefined;
}

/** Where a missing value belongs: the cell right of the label (or right of a merged label). */
function valueHome(ctx: Ctx, at: Found): Found {
  const merge = mergeAt(ctx, at);
  const col = merge ? merge.right + 1 : at.col + 1;
  return { row: at.row, col: Math.min(col, Math.max(ctx.cols - 1, at.col + 1)) };
}

function labelText(ctx: Ctx, range: [number, number], re: RegExp): Slot<string> {
  const at = findLabel(ctx, range, re);
  if (!at) return emptySlot(ctx, range[0], 1);
  const v = locateValue(ctx, at, re);
  if (!v) {
    const home = valueHome(ctx, at);
    return emptySlot(ctx, home.row, home.col);
  }
  return v.inline !== null ? slotText(ctx, v.row, v.col, v.inline) : slotText(ctx, v.row, v.col);
}

function labelNumber(ctx: Ctx, range: [number, number], re: RegExp, field: ReadField, at = findLabel(ctx, range, re)): Slot<number> {
  if (!at) return emptySlot(ctx, Math.min(range[0] + 1, range[1]), 2);
  const v = locateValue(ctx, at, re);
  if (!v) {
    const home = valueHome(ctx, at);
    return emptySlot(ctx, home.row, home.col);
  }
  const text = v.inline ?? txt(ctx, v.row, v.col);
  const raw = v.inline === null ? valueAt(ctx.grid, v.row, v.col) : null;
  const parsed = typeof raw === 'number' ? raw : parseNumber(text)?.value ?? null;
  const cell = a1(ctx, v.row, v.col);
  if (parsed === null) ctx.notes.push({ kind: 'not-a-number', cell, field, text });
  else if (parsed < 0) ctx.notes.push({ kind: 'negative', cell, field, text });
  return slotOf(parsed, cell, text, formatAt(ctx.grid, v.row, v.col), formulaAt(ctx.grid, v.row, v.col));
}

/** Columns looked at below a rate's label, in order: its own, then one either side, then two to the right. */
const NEARBY_COLUMNS = [0, 1, -1, 2];

/** A stated rate in a cell no other field took. */
function freeRateAt(ctx: Ctx, r: number, c: number, used: readonly string[]): boolean {
  // (the cheap test first: used holds addresses, and most cells hold no rate)
  return rateAt(ctx, r, c) !== null && !used.includes(a1(ctx, r, c));
}

/** Is the cell a stated rate (percent text or percent number format)? */
function rateAt(ctx: Ctx, r: number, c: number): number | null {
  const t = ctx.norm[r][c];
  if (!t) return null;
  const v = valueAt(ctx.grid, r, c);
  const isPct = t.includes('%') || (typeof v === 'number' && formatAt(ctx.grid, r, c).includes('%'));
  if (!isPct) return null;
  return parseRate(txt(ctx, r, c), v, t)?.value ?? null;
}

/**
 * A stated rate under a header label (预算执行率 / 总体完成率). It is looked for inline, to the
 * right, directly below, and then nearby (the seed puts it on the 其中 row or one column off).
 */
function labelRate(
  ctx: Ctx,
  range: [number, number],
  re: RegExp,
  fallbackHome: Found,
  used: readonly string[],
  field: ReadField,
): Slot<number> {
  const at = findLabel(ctx, range, re);
  let home = fallbackHome;
  if (at) {
    const rest = inlineRest(ctx, at, re);
    if (rest) {
      const p = parseRate(rest, null);
      if (p) return slotOf(p.value, a1(ctx, at.row, at.col), rest, formatAt(ctx.grid, at.row, at.col));
    }
    const merge = mergeAt(ctx, at);
    home = { row: nextRow(ctx, merge ? merge.bottom : at.row) ?? at.row, col: at.col };
  } else {
    // the note sits where the missing header cell would be: the section's header row, above the value's home
    ctx.notes.push({ kind: 'header-missing', cell: a1(ctx, range[0], fallbackHome.col), field });
  }
  // where the rate stands is decided first; one place reads it
  const spot = rateSpot(ctx, range, at, home, used);
  if (!spot) return emptySlot(ctx, home.row, home.col);
  return located(ctx, spot.row, spot.col, spot.shifted ? home : null, field);
}

/** Where a rate stands: a cell, and whether it is away from where its header puts it. */
type Spot = Found & { shifted: boolean };

/**
 * Where labelRate's rate stands: right of its label, then at its home, then nearby (up to three
 * rows below, one column either side; the whole section when the label is missing); failing
 * those, a non-percent value in the home cell is still the stated value (e.g. 0.77 unformatted).
 */
function rateSpot(ctx: Ctx, [r0, r1]: [number, number], at: Found | null, home: Found, used: readonly string[]): Spot | null {
  if (!at) {
    const everyColumn: number[] = [];
    for (let c = 0; c < ctx.cols; c++) everyColumn.push(c);
    return freeRateNear(ctx, r0 + 1, r1, everyColumn, home, used);
  }
  const right = rateRightOf(ctx, at);
  if (right >= 0) return { row: at.row, col: right, shifted: false };
  const columns: number[] = [];
  for (let k = 0; k < NEARBY_COLUMNS.length; k++) {
    const c = at.col + NEARBY_COLUMNS[k];
    if (c >= 0 && c < ctx.cols) columns.push(c);
  }
  const spot = freeRateNear(ctx, at.row + 1, Math.min(r1, at.row + 4), columns, home, used);
  if (spot) return spot;
  if (home.row <= r1 && ctx.norm[home.row]?.[home.col] && !isLabelLike(ctx.norm[home.row][home.col])) {
    return { row: home.row, col: home.col, shifted: false };
  }
  return null;
}

/** The column of the first filled cell right of a label when it holds a rate; -1 otherwise. */
function rateRightOf(ctx: Ctx, at: Found): number {
  const line = ctx.norm[at.row];
  for (let c = at.col + 1; c < ctx.cols; c++) {
    if (!line[c]) continue;
    return rateAt(ctx, at.row, c) !== null ? c : -1;
  }
  return -1;
}

/** A free rate in rows [firstRow, lastRow] of these columns: the home cell first, then the others in reading order. */
function freeRateNear(ctx: Ctx, firstRow: number, lastRow: number, columns: number[], home: Found, used: readonly string[]): Spot | null {
  const homeLooked = home.row >= firstRow && home.row <= lastRow && columns.includes(home.col);
  if (homeLooked && freeRateAt(ctx, home.row, home.col, used)) return { row: home.row, col: home.col, shifted: false };
  for (let r = firstRow; r <= lastRow; r++) {
    const line = ctx.norm[r];
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k];
      // most cells around a label are empty: passed over here, without a call
      if (!line[c] || (r === home.row && c === home.col)) continue;
      if (freeRateAt(ctx, r, c, used)) return { row: r, col: c, shifted: true };
    }
  }
  return null;
}

function located(ctx: Ctx, r: number, c: number, home: Found | null, field: ReadField): Slot<number> {
  const text = txt(ctx, r, c);
  const v = valueAt(ctx.grid, r, c);
  const p = parseRate(text, v, normText(ctx, r, c));
  const cell = a1(ctx, r, c);
  if (!p) ctx.notes.push({ kind: 'not-a-number', cell, field, text });
  else if (Math.abs(p.value) >= 10) ctx.notes.push({ kind: 'implausible', cell, field, text });
  const slot = slotOf(p ? p.value : null, cell, text, formatAt(ctx.grid, r, c), formulaAt(ctx.grid, r, c), p?.decimals);
  if (home) {
    slot.shifted = true;
    slot.expectedCell = a1(ctx, home.row, home.col);
    ctx.notes.push({ kind: 'shifted-value', cell, expectedCell: slot.expectedCell, field });
  }
  return slot;
}

/** Text under a header label (年度预期目标 / 目前完成情况): the first non-empty cell below it. */
function labelTextBelow(ctx: Ctx, range: [number, number], re: RegExp): Slot<string> {
  const at = findLabel(ctx, range, re);
  if (!at) return emptySlot(ctx, Math.min(range[0] + 1, range[1]), 1);
  const rest = inlineRest(ctx, at, re);
  if (rest) return slotText(ctx, at.row, at.col, rest);
  const below = nextRow(ctx, at.row);
  if (below !== null && below <= range[1]) {
    // its own column, then one to the right, then one to the left
    const line = ctx.norm[below];
    const c = line[at.col] ? at.col : line[at.col + 1] ? at.col + 1 : at.col > 0 && line[at.col - 1] ? at.col - 1 : -1;
    return c >= 0 ? slotText(ctx, below, c) : emptySlot(ctx, below, at.col);
  }
  return emptySlot(ctx, at.row, at.col + 1);
}

function sectionText(ctx: Ctx, range: [number, number], h: Found): Slot<string> {
  for (let r = range[0]; r <= range[1]; r++) {
    for (let c = r === h.row ? h.col + 1 : 0; c < ctx.cols; c++) {
      if (r !== h.row && c === h.col && !ctx.norm[r][c]) continue;
      if (ctx.norm[r][c]) return slotText(ctx, r, c);
    }
  }
  const home = valueHome(ctx, h);
  return emptySlot(ctx, home.row, home.col);
}

const INDICATOR_HEADER = /三级指标|预期指标值|指标完成值/;

/** The first column of a row of normalized texts whose text matches `re`; -1 when none does. */
function columnOf(line: string[], re: RegExp): number {
  for (let c = 0; c < line.length; c++) if (line[c] && re.test(line[c])) return c;
  return -1;
}

interface Columns {
  l1: number;
  l2: number;
  name: number;
  target: number;
  actual: number;
  rate: number;
  headerRow: number;
}

function indicatorColumns(ctx: Ctx, range: [number, number], h: Found): Columns {
  // the header row is the first row of the section that names 三级指标 or 预期指标值
  let headerRow = h.row;
  for (let r = range[0]; r <= Math.min(range[1], range[0] + 3); r++) {
    if (columnOf(ctx.norm[r], INDICATOR_HEADER) >= 0) {
      headerRow = r;
      break;
    }
  }
  const line = ctx.norm[headerRow];
  let l1 = columnOf(line, /^一级指标/);
  let l2 = columnOf(line, /^二级指标/);
  let name = columnOf(line, /^三级指标|^指标名称|^具体指标/);
  let target = columnOf(line, /^(预期|年度)?指标值$|^预期(指标)?值|^目标值|^年度目标值/);
  let actual = columnOf(line, /^(指标)?完成值|^实际(完成)?值|^(实际)?完成情况$/);
  let rate = columnOf(line, /^(指标)?完成率|^完成比例|^完成进度/);
  if (l1 < 0) l1 = h.col + 1;
  if (l2 < 0) l2 = l1 + 1;
  if (name < 0) name = l2 + 1;
  if (target < 0) target = name + 1;
  if (actual < 0) actual = target + 1;
  if (rate < 0) {
    rate = actual + 1;
    ctx.notes.push({ kind: 'header-missing', cell: a1(ctx, headerRow, rate), field: 'indicatorRateColumn' });
  }
  return { l1, l2, name, target, actual, rate, headerRow };
}

/** The indicators of 四、年度绩效指标完成情况: one per row that has a name and something to check. */
function readIndicators(ctx: Ctx, range: [number, number], h: Found): Indicator[] {
  const cols = indicatorColumns(ctx, range, h);
  const out: Indicator[] = [];
  const levels = { level1: '', level2: '' };
  for (let r = cols.headerRow + 1; r <= range[1]; r++) {
    // the row's filled columns, read in place (no per-row cell objects: this loop runs for every row of every form)
    const filled = ctx.filled[r];
    if (filled.length === 0) continue;
    const i = readLevels(ctx, r, filled, cols, levels);
    if (i >= filled.length) continue; // a row of level words only
    if (i + 1 >= filled.length) continue; // a name with nothing to check (a note, a sub-heading)
    const nameCol = filled[i];
    out.push(readIndicatorRow(ctx, r, cols, nameCol, valueColumns(cols, nameCol, filled, i + 1), out.length, levels));
  }
  return out;
}

/**
 * Leading level words (一级 / 二级指标) of a row update the current levels; returns the index in
 * `filled` of the row's first cell after them.
 */
function readLevels(ctx: Ctx, r: number, filled: number[], cols: Columns, current: { level1: string; level2: string }): number {
  const line = ctx.norm[r];
  let i = 0;
  while (i < filled.length && i < 2 && filled[i] < cols.target && line[filled[i]].endsWith('指标')) i++;
  if (i === 2) {
    current.level1 = txt(ctx, r, filled[0]);
    current.level2 = txt(ctx, r, filled[1]);
  } else if (i === 1) {
    const c = filled[0];
    const t = line[c];
    const isL1 = LEVEL1.has(t) && !LEVEL2_ONLY.has(t) && (c <= cols.l1 || t !== '满意度指标');
    if (isL1 && c <= cols.l1) current.level1 = txt(ctx, r, c);
    else current.level2 = txt(ctx, r, c);
  }
  return i;
}

/** Where a row's target, actual and rate are, and how far its values sit from the header's columns. */
interface ValueColumns {
  tCol: number;
  aCol: number;
  rCol: number;
  shift: number;
}

/** Shifts tried after the name's own: none, then a few columns either way. */
const SHIFTS = [0, 1, 2, 3, -1];

/** The value columns of a row whose values are the filled columns from `first` on. */
function valueColumns(cols: Columns, nameCol: number, filled: number[], first: number): ValueColumns {
  if (filled.length - first >= 3) {
    const tCol = filled[first];
    return { tCol, aCol: filled[first + 1], rCol: filled[first + 2], shift: cols.target - tCol };
  }
  let s = cols.name - nameCol;
  if (!shiftFits(cols, nameCol, filled, first, s)) {
    s = NaN;
    for (const x of SHIFTS) {
      if (shiftFits(cols, nameCol, filled, first, x)) {
        s = x;
        break;
      }
    }
  }
  if (!Number.isNaN(s)) return { tCol: cols.target - s, aCol: cols.actual - s, rCol: cols.rate - s, shift: s };
  // sequential reading: target, actual (the last cell is the rate only if it is a percent)
  const tCol = filled[first];
  const aCol = first + 1 < filled.length ? filled[first + 1] : tCol + 1;
  return { tCol, aCol, rCol: aCol + 1, shift: cols.target - tCol };
}

/** Under shift `s`, every value of the row sits in the target, actual or rate column, right of the name. */
function shiftFits(cols: Columns, nameCol: number, filled: number[], first: number, s: number): boolean {
  if (cols.target - s <= nameCol) return false;
  for (let k = first; k < filled.length; k++) {
    const c = filled[k] + s;
    if (c !== cols.target && c !== cols.actual && c !== cols.rate) return false;
  }
  return true;
}

function noteErrorValue(ctx: Ctx, slot: Slot<string>, field: 'indicatorTarget' | 'indicatorActual'): void {
  if (slot.value && isExcelError(slot.value)) ctx.notes.push({ kind: 'error-value', cell: slot.cell, field, text: slot.value });
}

/** One indicator row read from its columns, noting a rate that is no rate, error values and a shift. */
function readIndicatorRow(
  ctx: Ctx,
  r: number,
  cols: Columns,
  nameCol: number,
  { tCol, aCol, rCol, shift }: ValueColumns,
  index: number,
  levels: Pick<Indicator, 'level1' | 'level2'>,
): Indicator {
  const target = slotText(ctx, r, tCol);
  const actual = slotText(ctx, r, aCol);
  const rateText = txt(ctx, r, rCol);
  const rateVal = valueAt(ctx.grid, r, rCol);
  const parsedRate = rateText ? parseRate(rateText, rateVal, normText(ctx, r, rCol)) : null;
  const rateCell = a1(ctx, r, rCol);
  if (rateText && !parsedRate) ctx.notes.push({ kind: 'not-a-number', cell: rateCell, field: 'indicatorRate', text: rateText });
  else if (parsedRate && Math.abs(parsedRate.value) >= 10) {
    ctx.notes.push({ kind: 'implausible', cell: rateCell, field: 'indicatorRate', text: rateText });
  }
  // an Excel error value (#DIV/0!, #REF! …) as 预期指标值 or 指标完成值 cannot be read: say so at its cell
  noteErrorValue(ctx, target, 'indicatorTarget');
  noteErrorValue(ctx, actual, 'indicatorActual');
  const name = txt(ctx, r, nameCol);
  if (shift !== 0) {
    ctx.notes.push({ kind: 'shifted-row', cell: a1(ctx, r, tCol), expectedCell: a1(ctx, r, cols.target), name, shift });
  }
  const targetText = target.value ?? '';
  const actualText = actual.value ?? '';
  // an empty cell holds no value (its slot keeps the cell)
  if (!targetText) target.value = null;
  if (!actualText) actual.value = null;
  return {
    index,
    level1: levels.level1,
    level2: levels.level2,
    name,
    row: ctx.grid.top + r,
    nameCell: a1(ctx, r, nameCol),
    target,
    actual,
    rate: slotOf(parsedRate ? parsedRate.value : null, rateCell, rateText, formatAt(ctx.grid, r, rCol), formulaAt(ctx.grid, r, rCol), parsedRate?.decimals),
    // the cells' normalized texts (read once by readCells), not normalized again by the parsers
    parsedTarget: parseTarget(targetText, targetText ? normText(ctx, r, tCol) : ''),
    parsedActual: parseActual(actualText, valueAt(ctx.grid, r, aCol), actualText ? normText(ctx, r, aCol) : ''),
    parsedRate,
    kind: classifyIndicator(name),
    // set by recompute(); present from the start so every indicator has one shape (monomorphic readers)
    kindSource: undefined,
    kindWord: undefined,
    shift,
    computed: undefined,
  };
}
