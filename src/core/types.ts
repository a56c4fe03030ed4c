import type { Grid } from './grid';
import type { ParsedActual, ParsedRate, ParsedTarget } from './parse';
import { DEFAULT_KIND_LEXICON } from './lexicon';

export type Severity = 'error' | 'warning' | 'info';

export type { Lang, Localized } from './lang';
import type { Catalogue, Localized } from './lang';

/** Where on the form a finding belongs; the pane groups findings by it. */
export type FormSection = 'form' | 'basic' | 'budget' | 'goal' | 'indicators' | 'deviation';

/** A value that may be absent; when absent, `cell` is where it belongs. */
export interface Slot<T> {
  value: T | null;
  cell: string;
  text: string;
  /** for a stated rate: decimals of percent it shows (`77%` → 0, `109.00%` → 2) */
  decimals?: number;
  format?: string;
  formula?: string;
  shifted?: boolean;
  expectedCell?: string;
  /** the cell's value when it is not text (a date serial under a 监控时点, a number) */
  raw?: number | boolean;
}

export type IndicatorKind = 'flow' | 'stock';

/** Words that class an indicator name as a flow or a stock (src/core/lexicon.ts explains why). */
export interface KindLexicon {
  flow: string[];
  stock: string[];
}

/** Achievement of a qualitative indicator: 达成 / 部分达成 / 未达成. */
export type Achievement = 'met' | 'partial' | 'unmet';

export interface Indicator {
  /** 0-based position among the form's indicators */
  index: number;
  level1: string; // 一级指标
  level2: string; // 二级指标
  name: string; // 三级指标
  row: number; // sheet row, 0-based
  nameCell: string;
  target: Slot<string>; // 预期指标值 (display text)
  actual: Slot<string>; // 指标完成值
  rate: Slot<number>; // 指标完成率, stated, as a fraction
  parsedTarget: ParsedTarget;
  parsedActual: ParsedActual;
  parsedRate: ParsedRate | null;
  /** flow (cumulative over the year, compared with 时间进度) or stock (compared with its annual target) */
  kind: IndicatorKind;
  /** how `kind` was decided: a lexicon word, a qualitative target, or assumed for an unknown name */
  kindSource?: 'lexicon' | 'target' | 'assumed';
  /** the lexicon word that decided `kind` */
  kindWord?: string;
  /** columns the values were read from were shifted relative to the header by this many columns */
  shift: number;
  /** recomputation, filled by recompute() */
  computed?: IndicatorComputation;
}

export interface IndicatorComputation {
  /** the recomputed 指标完成率 (fraction), when one can be derived */
  rate: number | null;
  /** other acceptable rates (e.g. "met → 100%" for a ≥ target) */
  accepted: number[];
  /** arithmetic shown to the user, in both languages (empty when there is none) */
  arithmetic: Localized;
  /** the target is met (for comparator, band, qualitative targets) */
  met: boolean | null;
  achievement?: Achievement;
  /** the completion used for deviation checks (stated unless prorated, missing or disagreeing) */
  completion: number | null;
  /** where `completion` came from: the stated rate, or the recomputed one (prorated, missing, or the stated one is wrong) */
  completionSource?: 'stated' | 'computed';
  /** the indicator's light, when its completion deviates (design §4); null when it does not or cannot be judged */
  deviation: IndicatorDeviation | null;
  /** why the actual is no measurement (indicator/not-a-measurement), else null; the rules read it from here */
  notAMeasurement: 'inequality' | 'repeat' | null;
  /** the target and the actual are in units that cannot be compared (indicator/unit-mismatch) */
  unitMismatch: boolean;
}

/** Traffic-light colour of a deviation. */
export type Light = 'red' | 'yellow' | 'blue';

/** How far an indicator's completion is off: completion ÷ 时间进度 for a flow, completion for a stock. */
export interface IndicatorDeviation {
  light: Light;
  ratio: number;
}

export interface RecognizedForm {
  sheet: string;
  title: Slot<string>;
  reportingUnit: Slot<string>; // 填报单位
  amountUnit: string; // 金额单位: 万元 / 元 / 亿元
  department: Slot<string>; // 部门单位名称
  project: Slot<string>; // 项目名称
  period: Slot<string>; // 项目周期
  monitorPoint: Slot<string>; // 监控时点
  budget: Slot<number>; // 预算数 (调整后)
  available: Slot<number>; // 到位数
  executed: Slot<number>; // 执行数
  executionRate: Slot<number>; // 预算执行率 (stated, fraction)
  annualGoal: Slot<string>; // 年度预期目标
  currentStatus: Slot<string>; // 目前完成情况
  overallRate: Slot<number>; // 总体完成率 (stated, fraction)
  indicators: Indicator[];
  deviationText: Slot<string>; // 五、偏差和采取的措施
  /** sheet rows (0-based) where each section heading was found */
  sections: Partial<Record<'basic' | 'budget' | 'goal' | 'indicators' | 'deviation', { row: number; cell: string }>>;
  /** what the recogniser noticed while reading: layout, cell contents, the sheet as a whole (rules/baseline.ts reports them) */
  notes: ReadingNote[];
  /** the form's first sheet row (0-based, absolute): where its block of the sheet starts */
  firstRow?: number;
  /** the form's last sheet row (0-based, absolute); the sheet's last row when the form runs to the end */
  lastRow?: number;
  /** formula cells of the form without a cached value: evaluated (value) or not (null) */
  formulaCells?: { cell: string; formula: string; value: number | null }[];
  computed: FormComputation;
}

/** A value the recogniser reads, as its notes name it (rules/baseline.ts gives each its words). */
export type ReadField =
  | 'budget'
  | 'available'
  | 'executed'
  | 'executionRate'
  | 'overallRate'
  | 'indicatorRate'
  | 'indicatorTarget'
  | 'indicatorActual'
  /** the 指标完成率 column of the indicator table, when its header cell is missing */
  | 'indicatorRateColumn';

/**
 * Something the recogniser noticed while reading, as data; rules/baseline.ts turns each into the
 * finding of its rule (layout/shifted, field/not-a-number, form/structure).
 */
export type ReadingNote =
  /** layout: a header cell is missing; the value's column was inferred */
  | { kind: 'header-missing'; cell: string; field: ReadField }
  /** layout: a value found away from where its header puts it */
  | { kind: 'shifted-value'; cell: string; expectedCell: string; field: ReadField }
  /** layout: an indicator row's values sit `shift` columns left (> 0) or right (< 0) of the header */
  | { kind: 'shifted-row'; cell: string; expectedCell: string; name: string; shift: number }
  /** layout: a hidden (or filtered) row of the form, read like the others; `row` is the sheet row, 1-based */
  | { kind: 'hidden-row'; cell: string; row: number }
  /** contents: text where a number belongs, a negative amount, a rate of 1000% or more, an Excel error value */
  | { kind: 'not-a-number' | 'negative' | 'implausible' | 'error-value'; cell: string; field: ReadField; text: string }
  /** sheet: a section heading seen again (first at `first`); only the first was read */
  | { kind: 'repeated-section'; cell: string; section: string; first: string }
  /** sheet: a second form interleaved with the first; only the first was read */
  | { kind: 'second-form'; cell: string }
  /** sheet: the used range was cut after `rows` rows, `more` rows were not read */
  | { kind: 'truncated'; cell: string; rows: number; more: number };

/** What 时间进度 was computed from: the texts of 监控时点 and 项目周期 and the points read from them. */
export interface TimeProgressBasis {
  /** the 监控时点 as written, and the point used (its end: `2021年1-9月` → 2021年9月) */
  monitorPoint: { text: string; used: string | null };
  /** the 项目周期 as written ('' when absent), and the start and end used */
  period: { text: string; start: string; end: string; assumed: boolean };
}

export interface FormComputation {
  executionRate: number | null; // 执行数 ÷ 预算数
  /** `10934 ÷ 14158 = 77.23%` (as far apart from the stated rate as it must be to differ visibly); '' without a rate */
  executionArithmetic: string;
  /**
   * 预算执行率 the traffic light is judged by: the stated rate, or the recomputed one when the
   * stated rate is missing or contradicted by 执行数 ÷ 预算数 (honest lights)
   */
  lightRate: number | null;
  /** lightRate is the recomputed rate because the stated one disagrees with it */
  lightRateRecomputed: boolean;
  availabilityRate: number | null; // 资金到位率 到位数 ÷ 预算数
  availableExecutionRate: number | null; // 到位资金执行率 执行数 ÷ 到位数
  timeProgress: number | null; // 时间进度
  timeProgressArithmetic: string;
  /** the texts 时间进度 came from and the points read from them (null when there is no 时间进度) */
  timeProgressBasis?: TimeProgressBasis | null;
  /** the 监控时点 has text the period parser cannot read */
  monitorPointUnreadable?: boolean;
  /** the 项目周期 has text the period parser cannot read */
  periodUnreadable?: boolean;
  overallRate: number | null; // mean of stated 指标完成率
  overallArithmetic: string;
  /** indicators whose stated rate went into the mean */
  overallCount: number;
}

export interface Fix {
  cell: string;
  /**
   * the corrected formula, for a cell that holds a formula: a 修正 never replaces a formula with a
   * constant (the engine drops a fix on a formula cell that has no formula to offer)
   */
  formula?: string;
  /** the value to write: a fraction for rates, a number for amounts, or text */
  value: number | string;
  /** the number format to apply when the cell has none of its own (e.g. `0.0%`) */
  format?: string;
  /** how it will look */
  display: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  sheet: string;
  /** A1 address of the cell the finding is about */
  cell: string;
  section: FormSection;
  message: Localized;
  /** arithmetic in both languages, e.g. `10934 ÷ 14158 = 77.2%`, `“已完成” → 达成 = 100%` */
  arithmetic?: Localized;
  expected?: number | string | null;
  actual?: number | string | null;
  fix?: Fix;
  /** other cells involved */
  related?: string[];
  /** traffic-light colour for deviation-type findings */
  light?: 'red' | 'yellow' | 'blue';
  /** on a sheet with several forms: which form (0-based, in sheet order) */
  form?: number;
  /** on a sheet with several forms: the form's name (its 项目名称, else 第 N 张附件1) */
  formLabel?: string;
}

export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
}

export interface Settings {
  /** per-rule switches and re-grading, keyed by rule id */
  rules: Record<string, RuleSetting>;
  /** the least tolerance in percentage points (design §3: 0.1) */
  minTolerancePoints: number;
  /** ratio thresholds against 时间进度 (budget and flow indicators) and against target (stock) */
  yellowBelow: number; // 0.8
  redBelow: number; // 0.6
  blueAtOrAbove: number; // 1.2
  /** scores of 达成 / 部分达成 / 未达成 as fractions */
  achievementRates: Record<Achievement, number>;
  /** how 时间进度 is computed */
  timeProgressMode: 'month' | 'day';
  /** flow/stock words for indicator names (an unknown name is taken as a flow) */
  kindLexicon: KindLexicon;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  minTolerancePoints: 0.1,
  yellowBelow: 0.8,
  redBelow: 0.6,
  blueAtOrAbove: 1.2,
  achievementRates: { met: 1, partial: 0.5, unmet: 0 },
  timeProgressMode: 'month',
  kindLexicon: DEFAULT_KIND_LEXICON,
};

export interface SheetResult {
  sheet: string;
  recognized: boolean;
  /** why not, when not recognised */
  reason?: Localized;
  /** headings that were looked for and not found */
  missing?: string[];
  /** the first form on the sheet (see `forms` for every form) */
  form?: RecognizedForm;
  /** every form on the sheet, in sheet order (absent when none was recognised) */
  forms?: RecognizedForm[];
  findings: Finding[];
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  section: FormSection;
  docs: Localized;
  /** every message the rule can emit, by message id (its part of core's catalogue, RULE_TEXT in messages.ts) */
  messages: Catalogue;
  /** whether the rule can offer a value to write */
  fixable: boolean;
}

/** What a form rule sees: one recognised and recomputed form, the sheet it is on, the settings. */
export interface RuleContext {
  form: RecognizedForm;
  /** the sheet (formula cells, whether a cell can be referred to by a corrected formula) */
  grid: Grid;
  settings: Settings;
}

/** What a sheet rule sees: the sheet and what the recogniser made of it as a whole. */
export interface SheetRuleContext {
  grid: Grid;
  /** the section headings looked for and not found when the sheet is no 附件1; null when it is one */
  missing: string[] | null;
  settings: Settings;
}

/** What a rule reports; the engine adds rule id, sheet and the configured severity. */
export interface Report {
  cell: string;
  message: Localized;
  severity?: Severity;
  arithmetic?: Localized;
  expected?: number | string | null;
  actual?: number | string | null;
  fix?: Fix;
  related?: string[];
  light?: 'red' | 'yellow' | 'blue';
  section?: FormSection;
}

/** A form rule: runs on every recognised form of a sheet. */
export interface Rule {
  meta: RuleMeta;
  scope?: 'form';
  check(ctx: RuleContext): Report[];
}

/** A sheet rule: runs once on every sheet, recognised or not, before the form rules. */
export interface SheetRule {
  meta: RuleMeta;
  scope: 'sheet';
  check(ctx: SheetRuleContext): Report[];
}

/** Any rule of the catalogue. */
export type AnyRule = Rule | SheetRule;
