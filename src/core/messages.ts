/**
 * Message catalogue of the engine, written with the language kit (lang.ts): 简体中文 first, English
 * second. Templates take `{name}` placeholders; a bilingual parameter (a `Localized`: a field's name,
 * a light, a sentence) gives each language its own text.
 * `MESSAGES` holds the text several modules share (field names, lights, the arithmetic of
 * recompute.ts); `RULE_TEXT` holds each rule's own description and messages, by rule id.
 */
import { type Localized, type TextParams, catalogue, joinLocalized, localize, sameInBoth } from './lang';

export const MESSAGES = catalogue({
  fieldBudget: { zh: '预算数', en: 'budget (预算数)' },
  fieldAvailable: { zh: '到位数', en: 'funds received (到位数)' },
  fieldExecuted: { zh: '执行数', en: 'funds spent (执行数)' },
  fieldExecutionRate: { zh: '预算执行率', en: 'budget execution rate (预算执行率)' },
  fieldOverallRate: { zh: '总体完成率', en: 'overall completion rate (总体完成率)' },
  fieldIndicatorRate: { zh: '指标完成率', en: 'indicator completion rate (指标完成率)' },
  fieldIndicatorTarget: { zh: '预期指标值', en: 'indicator target (预期指标值)' },
  fieldIndicatorActual: { zh: '指标完成值', en: 'indicator actual value (指标完成值)' },
  fieldIndicatorRateColumn: { zh: '指标完成率', en: 'indicator completion rate' },
  fieldDepartment: { zh: '部门单位名称', en: 'department (部门单位名称)' },
  fieldProject: { zh: '项目名称', en: 'project name (项目名称)' },
  fieldMonitorPoint: { zh: '监控时点', en: 'monitoring point (监控时点)' },
  lightRed: { zh: '红', en: 'red' },
  lightYellow: { zh: '黄', en: 'yellow' },
  lightBlue: { zh: '蓝', en: 'blue' },
  // arithmetic shown with a finding: numbers and signs read the same in both languages, words do not
  arithRepeat: {
    zh: '完成值与预期值相同（{actual}）→ 视为达成 = {rate}',
    en: 'the actual repeats the target ({actual}) → taken as met = {rate}',
  },
  arithInequality: {
    zh: '完成值是不等式（{actual}）→ 视为达成 = {rate}',
    en: 'the actual is an inequality ({actual}) → taken as met = {rate}',
  },
  arithAchievement: { zh: '“{actual}” → {achievement} = {rate}', en: '"{actual}" → {achievement} = {rate}' },
  achievementMet: { zh: '达成', en: 'met' },
  achievementPartial: { zh: '部分达成', en: 'partly met' },
  achievementUnmet: { zh: '未达成', en: 'not met' },
  arithAlsoAccepted: {
    zh: '{division}（已达到 {op}{target}，记 100% 亦可）',
    en: '{division} (meets {op}{target}, so 100% is accepted too)',
  },
  arithReverseMet: { zh: '{actual} {op} {target} → 达成 = 100%', en: '{actual} {op} {target} → met = 100%' },
  arithReverseUnmet: {
    zh: '未达到 {op}{target}：{target} ÷ {actual} = {rate}',
    en: 'does not meet {op}{target}: {target} ÷ {actual} = {rate}',
  },
  arithInsideBand: { zh: '{actual} 在 {band} 之内 → 100%', en: '{actual} is within {band} → 100%' },
  arithBelowBand: {
    zh: '{actual} 低于 {band}：{actual} ÷ {low} = {rate}，差 {gap}',
    en: '{actual} is below {band}: {actual} ÷ {low} = {rate}, {gap} short',
  },
  arithAboveBand: {
    zh: '{actual} 高于 {band}：{high} ÷ {actual} = {rate}，超 {gap}',
    en: '{actual} is above {band}: {high} ÷ {actual} = {rate}, {gap} over',
  },
  percentagePoints: { zh: '{n} 个百分点', en: '{n} percentage points' },
  kindRate: { zh: '比率', en: 'rate' },
  kindQuantity: { zh: '数量', en: 'quantity' },
  kindAmount: { zh: '金额或数量', en: 'amount' },
  directionLeft: { zh: '左', en: 'left' },
  directionRight: { zh: '右', en: 'right' },
  /** between the parts of a compound arithmetic */
  partSeparator: { zh: '；', en: '; ' },
});

export type MessageKey = keyof typeof MESSAGES;

/** Render a catalogue message in both languages. */
export function msg(key: MessageKey, params?: TextParams): Localized {
  return localize(MESSAGES, key, params);
}

const NO_SEPARATOR = sameInBoth('');

/** Optional sentences for a template's `{note}`: empty, or the given messages one after another. */
export function noteParams(...parts: (Localized | null | undefined | false)[]): { note: Localized } {
  return { note: joinLocalized(parts, NO_SEPARATOR) };
}

/**
 * The text of each rule, by rule id (as ESLint's `meta.messages`): its description, `docs`, and every
 * message it can emit, keyed by message id. A rule reports by message id and data
 * (`localize(RULE_TEXT[id], key, params)`); the rule docs list these (scripts/rules-doc.ts).
 */
export const RULE_TEXT = {
  'budget/behind-schedule': catalogue({
    docs: {
      zh: '预算执行率 ÷ 时间进度 低于 80% 为黄灯（警告），低于 60% 为红灯（错误）；阈值可设置。填报的预算执行率与执行数 ÷ 预算数不符时，按重算值判定并注明。',
      en: 'Budget execution ÷ time progress below 80% is yellow (warning), below 60% red (error); thresholds are settings. When the stated rate disagrees with executed ÷ budget, the light uses the recomputed rate and says so.',
    },
    behindSchedule: {
      zh: '预算执行率 {rate} 仅为时间进度 {tp} 的 {ratio}（{light}灯）。{note}',
      en: 'Budget execution {rate} is only {ratio} of the time progress {tp} ({light}).{note}',
    },
    recomputedBudgetNote: {
      zh: '填报的预算执行率为 {stated}，与执行数 ÷ 预算数不符，灯色按重算值 {rate} 判定。',
      en: ' The stated rate {stated} disagrees with executed ÷ budget, so the light uses the recomputed {rate}.',
    },
    arithWithTimeProgress: { zh: '{arithmetic}（时间进度 {tp}）', en: '{arithmetic} (time progress {tp})' },
  }),
  'budget/over-execution': catalogue({
    docs: {
      zh: '执行数大于到位数，或到位数大于预算数。',
      en: 'Funds spent exceed funds received, or funds received exceed the budget.',
    },
    overExecution: {
      zh: '执行数 {executed} 大于到位数 {available}。',
      en: 'Funds spent ({executed}) exceed funds received ({available}).',
    },
    overAvailability: {
      zh: '到位数 {available} 大于预算数 {budget}。',
      en: 'Funds received ({available}) exceed the budget ({budget}).',
    },
  }),
  'budget/rate-mismatch': catalogue({
    docs: {
      zh: '填报的预算执行率与“执行数 ÷ 预算数（调整后）”不符（按表中显示的精度比较，至少容差 0.1 个百分点）；预算数为 0 时无法计算，也在此报告。',
      en: 'The stated budget execution rate differs from executed ÷ budget (compared at the precision the sheet shows, never tighter than 0.1 point); a zero budget, which makes the rate incomputable, is reported here too.',
    },
    zeroBudget: {
      zh: '预算数为 0，无法计算预算执行率（执行数 {executed}）。',
      en: 'The budget is 0, so the execution rate cannot be computed (spent: {executed}).',
    },
    budgetRateMismatch: {
      zh: '预算执行率填报为 {stated}，按执行数 ÷ 预算数应为 {computed}。',
      en: 'Budget execution rate is stated as {stated}; executed ÷ budget gives {computed}.',
    },
  }),
  'deviation/explanation-mismatch': catalogue({
    docs: {
      zh: '“五、偏差和采取的措施”提到表中没有的指标，或没有提到偏差最大的指标。',
      en: 'Section 五 names an indicator that is not on the form, or does not name the indicator with the largest deviation.',
    },
    explanationUnknown: {
      zh: '偏差说明提到“{named}”，但表中没有这个指标。{largest}',
      en: 'The explanation names "{named}", which is not an indicator on this form. {largest}',
    },
    explanationNotLargest: {
      zh: '偏差说明只提到“{named}”，而偏差最大的是“{largest}”（{rate}）。',
      en: 'The explanation names "{named}", but the largest deviation is "{largest}" ({rate}).',
    },
    largestHint: {
      zh: '偏差最大的指标是“{name}”（{rate}）。',
      en: 'The largest deviation is "{name}" ({rate}).',
    },
  }),
  'deviation/unexplained': catalogue({
    docs: {
      zh: '存在红灯或黄灯偏差（指标或预算执行），但“五、绩效目标执行出现的偏差和采取的措施”为空。',
      en: 'There are red or yellow deviations (indicators or budget execution) but section 五 (deviations and measures) is empty.',
    },
    deviationUnexplained: {
      zh: '存在偏差（{list}），但“五、偏差和采取的措施”未填写。',
      en: 'There are deviations ({list}) but section 五 (deviations and measures) is empty.',
    },
    budgetExecutionItem: { zh: '预算执行率 {rate}', en: 'budget execution {rate}' },
    listSeparator: { zh: '、', en: ', ' },
  }),
  'field/formula-not-calculated': catalogue({
    docs: {
      zh: '公式单元格没有计算结果（工作簿未重新计算就保存，或由程序生成）。引擎先用 Excel 缓存的结果；没有时计算简单算术（单元格引用、+ - * /、括号、ROUND、SUM、AVERAGE）；仍无法计算的在此报告，并给出公式。修正不会用常数覆盖公式：只给出更正后的公式，或不给修正。',
      en: 'A formula cell has no calculated value (saved without recalculating, or written by a program). The engine uses Excel\'s cached value; without one it evaluates simple arithmetic (cell references, + - * /, parentheses, ROUND, SUM, AVERAGE); what it still cannot evaluate is reported here with the formula. A fix never replaces a formula with a constant: it offers a corrected formula, or nothing.',
    },
    formulaNotCalculated: {
      zh: '公式未计算：{cell} 的公式 {formula} 没有计算结果（工作簿保存前未重新计算，或由程序生成），无法校验；请在 Excel 中重新计算（F9）后保存。',
      en: 'Formula not calculated: {cell} holds {formula} with no calculated value (the workbook was saved without recalculating, or written by a program), so it cannot be checked; recalculate in Excel (F9) and save.',
    },
  }),
  'field/missing': catalogue({
    docs: {
      zh: '必填值为空：部门单位名称、项目名称、监控时点、预算数、到位数、执行数、预算执行率、总体完成率，以及有预期值和完成值的指标完成率。能计算的给出应填的值。',
      en: 'A required value is empty: department, project, monitoring point, budget, funds received, funds spent, execution rate, overall rate, and any indicator rate whose target and actual are both present. Offers the computed value where there is one.',
    },
    missingValue: {
      zh: '{field}为空。',
      en: 'The {field} is empty.',
    },
    missingValueFix: {
      zh: '{field}为空，按计算应为 {value}。',
      en: 'The {field} is empty; by the numbers it is {value}.',
    },
    missingIndicatorRate: {
      zh: '指标“{name}”有预期值和完成值，但指标完成率为空。',
      en: 'Indicator "{name}" has a target and an actual value but no completion rate.',
    },
    missingIndicatorRateFix: {
      zh: '指标“{name}”有预期值和完成值，但指标完成率为空；按计算应为 {value}。',
      en: 'Indicator "{name}" has a target and an actual value but no completion rate; by the numbers it is {value}.',
    },
  }),
  'field/not-a-number': catalogue({
    docs: {
      zh: '应为数字的单元格（预算数、到位数、执行数、各完成率）中是文字或错误值、金额为负数，或比率高达 1000% 以上。',
      en: 'A cell that must hold a number (budget, funds received or spent, a rate) holds text or an error value, a negative amount, or a rate of 1000% or more.',
    },
    notANumber: {
      zh: '{field}应为数字，{cell} 中是“{text}”。',
      en: 'The {field} should be a number; {cell} holds "{text}".',
    },
    negativeValue: {
      zh: '{field}不能为负数，{cell} 中是“{text}”。',
      en: 'The {field} cannot be negative; {cell} holds "{text}".',
    },
    implausibleRate: {
      zh: '{field} {text}（{cell}）高达十倍以上，可能把数量填进了比率栏。',
      en: 'The {field} {text} in {cell} is ten times or more; an amount may have been entered as a rate.',
    },
    errorValue: {
      zh: '{field}（{cell}）是 Excel 错误值“{text}”，无法读取；请检查该单元格的公式。',
      en: 'The {field} in {cell} is the Excel error value "{text}" and cannot be read; check the cell\'s formula.',
    },
  }),
  'field/unreadable-period': catalogue({
    docs: {
      zh: '监控时点或项目周期写法无法识别（可识别：2021年9月、2021年1-9月、1至9月、第三季度、Q3、上半年、前三季度、全年、截至2021年9月30日、2021.9、2021-09、2021/9/30、日期格式的单元格等）。数字 2020.1 可能是去掉末尾 0 的 2020.10，也按无法识别报告。监控时点无法识别时不计算时间进度（错误）；项目周期无法识别时按监控时点所在自然年计算（警告）。',
      en: 'The monitoring point or project period cannot be read (readable: 2021年9月, 2021年1-9月, 1至9月, 第三季度, Q3, 上半年, 前三季度, 全年, 截至2021年9月30日, 2021.9, 2021-09, 2021/9/30, date-formatted cells …). The number 2020.1, which may be 2020.10 with its zero dropped, is reported as unreadable too. An unreadable monitoring point leaves no time progress (error); an unreadable project period is taken as the calendar year of the monitoring point (warning).',
    },
    unreadableMonitorPoint: {
      zh: '无法识别的监控时点“{text}”，未计算时间进度；请写成如“2021年9月”“2021年1-9月”“2021年第三季度”。',
      en: 'Unreadable monitoring point "{text}": no time progress was computed; write it like 2021年9月, 2021年1-9月 or 2021年第三季度.',
    },
    unreadablePeriod: {
      zh: '无法识别的项目周期“{text}”，时间进度按监控时点所在的自然年计算；请写成如“2021.01.01-2021.12.31”。',
      en: 'Unreadable project period "{text}": time progress uses the calendar year of the monitoring point; write it like 2021.01.01-2021.12.31.',
    },
  }),
  'form/not-recognized': catalogue({
    docs: {
      zh: '工作表不是附件1：找不到“二、预算执行情况”或“四、年度绩效指标完成情况”等标题；消息列出缺少的标题。',
      en: 'The sheet is not a 附件1: the budget or indicator section headings were not found; the message lists the missing headings.',
    },
    notRecognized: {
      zh: '工作表“{sheet}”不是附件1（绩效监控情况表）：未找到 {missing}。',
      en: 'Sheet "{sheet}" is not a 附件1 performance monitoring form: missing {missing}.',
    },
  }),
  'form/structure': catalogue({
    docs: {
      zh: '工作表结构异常：同一部分出现两次、第二张附件1与第一张交错而无法分开（只校验第一张），或已用区域过大只读取了一部分。同一工作表上前后排列的多张附件1会分别校验，不在此列。',
      en: 'The sheet is unusual as a whole: a section appears twice, a second 附件1 interleaved with the first so that they cannot be told apart (only the first is checked), or a used range so large that only part was read. Several 附件1 one below the other are each checked, and are not reported here.',
    },
    secondForm: {
      zh: '本工作表从 {cell} 起还有第二张附件1；只校验了第一张。请把每张表放在单独的工作表中。',
      en: 'A second 附件1 starts at {cell} on this sheet; only the first was checked. Put each form on its own sheet.',
    },
    repeatedSection: {
      zh: '“{section}”在 {cell} 再次出现（第一次在 {first}）；只读取了第一次出现的内容。',
      en: 'Section "{section}" appears again at {cell} (first at {first}); only the first was read.',
    },
    truncated: {
      zh: '工作表的已用区域过大，只读取了前 {rows} 行（另有 {more} 行未读取，至 {cell}）。',
      en: 'The used range is very large; only the first {rows} rows were read ({more} more rows were skipped, up to {cell}).',
    },
  }),
  'indicator/deviation': catalogue({
    docs: {
      zh: '累计性（流量）指标（赔付、支付、发放金额、拨付、报销、结算、补贴发放、预算执行率、人次等）：完成率 ÷ 时间进度 < 80% 黄灯、< 60% 红灯、≥ 120% 蓝灯（超进度）；存量指标（人数、各类比率、标准、时效、满意度等，以及定性或时限目标）：完成率 < 80% 黄灯、< 60% 红灯，不按时间进度折算。词表见 src/core/lexicon.ts，可在设置中修改；不在词表中的名称按流量处理（只会使灯色更宽松，不会误报红灯），并在说明中注明。完成率与重算值不符时按重算值定灯，并注明。',
      en: 'Flow indicators (赔付, 支付, 发放金额, 拨付, 报销, 结算, 补贴发放, budget execution, 人次 …): completion ÷ time progress < 80% yellow, < 60% red, ≥ 120% blue (ahead); stock indicators (headcounts, rates, standards, timeliness, satisfaction, and qualitative or deadline targets): completion < 80% yellow, < 60% red, not pro-rated. The lexicon is in src/core/lexicon.ts and editable in settings; a name it does not know is taken as a flow (which can only make a light milder, never a false red), and the message says so. When the stated rate disagrees with the recomputed one, the light uses the recomputed value and says so.',
    },
    recomputedIndicatorNote: {
      zh: '填报的完成率为 {stated}，与重算不符，灯色按重算值 {rate} 判定。',
      en: ' The stated rate {stated} disagrees with the recomputation, so the light uses the recomputed {rate}.',
    },
    kindAssumedNote: {
      zh: '“{name}”不在流量/存量词表中，按流量（累计）指标与时间进度比较；可在设置中把它归入存量。',
      en: ' "{name}" is not in the flow/stock lexicon, so it was taken as a flow and compared with time progress; settings can class it as a stock.',
    },
    deviationFlow: {
      zh: '指标“{name}”完成率 {rate} 为时间进度 {tp} 的 {ratio}（{light}灯）。{note}',
      en: 'Indicator "{name}" at {rate} is {ratio} of the time progress {tp} ({light}).{note}',
    },
    deviationStock: {
      zh: '指标“{name}”完成率 {rate}，低于年度目标的 {threshold}（{light}灯）。{note}',
      en: 'Indicator "{name}" at {rate} is below {threshold} of its annual target ({light}).{note}',
    },
    overAchievement: {
      zh: '指标“{name}”完成率 {rate} 为时间进度 {tp} 的 {ratio}，超进度（蓝灯）。{note}',
      en: 'Indicator "{name}" at {rate} is {ratio} of the time progress {tp}: ahead of schedule (blue).{note}',
    },
  }),
  'indicator/malformed-target': catalogue({
    docs: {
      zh: '预期指标值写法无法读懂（如 `105%≤≥95%`、`105%≤95%`，或数字与比较符号夹杂其他字符），并在有两个数时给出最可能的含义（95%≤x≤105%）。含数字和比较符号却无法读懂的不会被当作定性指标；纯文字的定性指标不在此列。',
      en: 'A target cannot be read as written (`105%≤≥95%`, `105%≤95%`, or digits and comparison signs among stray characters); with two numbers the likely reading (95%≤x≤105%) is offered. A target with digits and comparison signs that cannot be read is never taken as qualitative; plainly qualitative text is not reported.',
    },
    malformedTarget: {
      zh: '预期指标值“{text}”无法读懂；可能是 {likely}。',
      en: 'Target "{text}" cannot be read as written; it probably means {likely}.',
    },
    malformedTargetNoGuess: {
      zh: '预期指标值“{text}”无法读懂。',
      en: 'Target "{text}" cannot be read as written.',
    },
  }),
  'indicator/not-a-measurement': catalogue({
    docs: {
      zh: '指标完成值照抄预期值，或本身是不等式（如 `≥95%`），不是实际完成的结果。',
      en: 'The actual repeats the target text or is itself an inequality (`≥95%`) rather than a measured result.',
    },
    notMeasurementRepeat: {
      zh: '指标“{name}”的完成值照抄了预期值（{actual}），不是实际测得的结果。',
      en: 'Indicator "{name}": the actual repeats the target text ({actual}) instead of a measured result.',
    },
    notMeasurementInequality: {
      zh: '指标“{name}”的完成值是不等式（{actual}），应填写实际达到的数值。',
      en: 'Indicator "{name}": the actual is an inequality ({actual}); enter the value actually reached.',
    },
  }),
  'indicator/prorated-qualitative': catalogue({
    docs: {
      zh: '定性指标或已达成的指标，完成率却填了时间进度（如 75%）；达成应为 100%（达成/部分达成/未达成的分值可设置）。',
      en: 'A qualitative or already met indicator given the time progress (e.g. 75%) as its rate; met should be 100% (scores for met / partly met / unmet are settings).',
    },
    proratedQualitative: {
      zh: '指标“{name}”已达成（{why}），却按时间进度填了完成率 {stated}；应为 {expected}。',
      en: 'Indicator "{name}" is met ({why}) but its rate was set to the time progress {stated}; it should be {expected}.',
    },
    arithThenTimeProgress: { zh: '{arithmetic}；时间进度 {tp}', en: '{arithmetic}; time progress {tp}' },
    proratedWhyActual: { zh: '完成值“{actual}”', en: 'the actual "{actual}"' },
  }),
  'indicator/rate-mismatch': catalogue({
    docs: {
      zh: '填报的指标完成率与重新计算的不符：正向数值为 完成值 ÷ 预期值；≥ 目标接受“完成值 ÷ 预期值”和“达到即 100%”两种算法；反向（≤、以内）达到为 100%，否则 预期值 ÷ 完成值；区间内为 100%。定性指标不参与。',
      en: 'The stated indicator rate differs from the recomputed one: actual ÷ target for plain numbers; for ≥ targets both actual ÷ target and "met → 100%" are accepted; reverse targets (≤, 以内) are 100% when met, else target ÷ actual; inside a band is 100%. Qualitative indicators are not recomputed.',
    },
    indicatorRateMismatch: {
      zh: '指标“{name}”的完成率填报为 {stated}，按计算应为 {computed}。',
      en: 'Indicator "{name}": the stated rate {stated} does not match the computed {computed}.',
    },
  }),
  'indicator/unit-mismatch': catalogue({
    docs: {
      zh: '预期值是比率而完成值是金额或数量（如 `95%–105%` 对 `10625`），或两者单位不同，无法比较。',
      en: 'A rate target with an amount as actual (`95%–105%` vs `10625`), or different units: the two cannot be compared.',
    },
    unitMismatch: {
      zh: '指标“{name}”的预期值是{targetKind}（{target}），完成值却是{actualKind}（{actual}），两者无法比较。',
      en: 'Indicator "{name}" has a {targetKind} target ({target}) but an {actualKind} actual ({actual}); they cannot be compared.',
    },
  }),
  'layout/shifted': catalogue({
    docs: {
      zh: '某个值不在版式预期的行或列（如预算执行率在“其中”行、指标行错位、表头缺列），说明识别器是如何读取的。',
      en: 'A value was found outside its expected row or column (a rate on the 其中 row, a shifted indicator row, a missing header cell); shows how the recogniser read it.',
    },
    layoutHeaderMissing: {
      zh: '表头缺少“{field}”，已按位置推断其所在列。',
      en: 'The header cell for {field} is missing; its column was inferred.',
    },
    layoutShiftedValue: {
      zh: '“{field}”的值位于 {cell}，不在表头下方的 {expected}；已按 {cell} 读取。',
      en: 'The {field} value is in {cell}, not under its header at {expected}; read from {cell}.',
    },
    layoutHiddenRow: {
      zh: '第 {row} 行已隐藏（或被筛选），其内容仍按表格数据校验。',
      en: 'Row {row} is hidden (or filtered out); its contents are still checked as part of the form.',
    },
    layoutShiftedRow: {
      zh: '指标“{name}”一行的数值整体向{dir}错位 {n} 列；已按错位后的位置读取。',
      en: 'The values of indicator "{name}" sit {n} {n|column|columns} to the {dir} of the header; read as shifted.',
    },
  }),
  'overall/rate-mismatch': catalogue({
    docs: {
      zh: '填报的总体完成率不等于表中各指标完成率（按填报值）的算术平均数（不封顶）。',
      en: 'The stated overall completion rate is not the arithmetic mean of the stated indicator rates (uncapped).',
    },
    overallMismatch: {
      zh: '总体完成率填报为 {stated}，各指标完成率的平均值为 {computed}。',
      en: 'Overall completion is stated as {stated}; the mean of the indicator rates is {computed}.',
    },
  }),
} as const;
