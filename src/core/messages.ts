/**
 * Message catalogue of the engine: 简体中文 first, English second.
 * Templates take `{name}` placeholders; a parameter `xEn` is used in English when present.
 */
import { type Localized, type Params, catalogue, fill, joinLocalized, sameInBoth } from './lang';

export const MESSAGES = catalogue({
  notRecognized: {
    zh: '工作表“{sheet}”不是附件1（绩效监控情况表）：未找到 {missing}。',
    en: 'Sheet "{sheet}" is not a 附件1 performance monitoring form: missing {missing}.',
  },
  fieldBudget: { zh: '预算数', en: 'budget (预算数)' },
  fieldAvailable: { zh: '到位数', en: 'funds received (到位数)' },
  fieldExecuted: { zh: '执行数', en: 'funds spent (执行数)' },
  fieldExecutionRate: { zh: '预算执行率', en: 'budget execution rate (预算执行率)' },
  fieldOverallRate: { zh: '总体完成率', en: 'overall completion rate (总体完成率)' },
  fieldIndicatorRate: { zh: '指标完成率', en: 'indicator completion rate (指标完成率)' },
  fieldIndicatorTarget: { zh: '预期指标值', en: 'indicator target (预期指标值)' },
  fieldIndicatorActual: { zh: '指标完成值', en: 'indicator actual value (指标完成值)' },
  errorValue: {
    zh: '{field}（{cell}）是 Excel 错误值“{text}”，无法读取；请检查该单元格的公式。',
    en: 'The {fieldEn} in {cell} is the Excel error value "{text}" and cannot be read; check the cell\'s formula.',
  },
  fieldDepartment: { zh: '部门单位名称', en: 'department (部门单位名称)' },
  fieldProject: { zh: '项目名称', en: 'project name (项目名称)' },
  fieldPeriod: { zh: '项目周期', en: 'project period (项目周期)' },
  fieldMonitorPoint: { zh: '监控时点', en: 'monitoring point (监控时点)' },
  layoutHeaderMissing: {
    zh: '表头缺少“{field}”，已按位置推断其所在列。',
    en: 'The header cell for {fieldEn} is missing; its column was inferred.',
  },
  layoutShiftedValue: {
    zh: '“{field}”的值位于 {cell}，不在表头下方的 {expected}；已按 {cell} 读取。',
    en: 'The {fieldEn} value is in {cell}, not under its header at {expected}; read from {cell}.',
  },
  layoutHiddenRow: {
    zh: '第 {row} 行已隐藏（或被筛选），其内容仍按表格数据校验。',
    en: 'Row {row} is hidden (or filtered out); its contents are still checked as part of the form.',
  },
  layoutShiftedRow: {
    zh: '指标“{name}”一行的数值整体向{dir}错位 {n} 列；已按错位后的位置读取。',
    en: 'The values of indicator "{name}" sit {n} {n|column|columns} to the {dirEn} of the header; read as shifted.',
  },
  missingValue: {
    zh: '{field}为空。',
    en: 'The {fieldEn} is empty.',
  },
  missingValueFix: {
    zh: '{field}为空，按计算应为 {value}。',
    en: 'The {fieldEn} is empty; by the numbers it is {value}.',
  },
  missingIndicatorRate: {
    zh: '指标“{name}”有预期值和完成值，但指标完成率为空。',
    en: 'Indicator "{name}" has a target and an actual value but no completion rate.',
  },
  missingIndicatorRateFix: {
    zh: '指标“{name}”有预期值和完成值，但指标完成率为空；按计算应为 {value}。',
    en: 'Indicator "{name}" has a target and an actual value but no completion rate; by the numbers it is {value}.',
  },
  notANumber: {
    zh: '{field}应为数字，{cell} 中是“{text}”。',
    en: 'The {fieldEn} should be a number; {cell} holds "{text}".',
  },
  negativeValue: {
    zh: '{field}不能为负数，{cell} 中是“{text}”。',
    en: 'The {fieldEn} cannot be negative; {cell} holds "{text}".',
  },
  implausibleRate: {
    zh: '{field} {text}（{cell}）高达十倍以上，可能把数量填进了比率栏。',
    en: 'The {fieldEn} {text} in {cell} is ten times or more; an amount may have been entered as a rate.',
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
  formulaNotCalculated: {
    zh: '公式未计算：{cell} 的公式 {formula} 没有计算结果（工作簿保存前未重新计算，或由程序生成），无法校验；请在 Excel 中重新计算（F9）后保存。',
    en: 'Formula not calculated: {cell} holds {formula} with no calculated value (the workbook was saved without recalculating, or written by a program), so it cannot be checked; recalculate in Excel (F9) and save.',
  },
  unreadableMonitorPoint: {
    zh: '无法识别的监控时点“{text}”，未计算时间进度；请写成如“2021年9月”“2021年1-9月”“2021年第三季度”。',
    en: 'Unreadable monitoring point "{text}": no time progress was computed; write it like 2021年9月, 2021年1-9月 or 2021年第三季度.',
  },
  unreadablePeriod: {
    zh: '无法识别的项目周期“{text}”，时间进度按监控时点所在的自然年计算；请写成如“2021.01.01-2021.12.31”。',
    en: 'Unreadable project period "{text}": time progress uses the calendar year of the monitoring point; write it like 2021.01.01-2021.12.31.',
  },
  zeroBudget: {
    zh: '预算数为 0，无法计算预算执行率（执行数 {executed}）。',
    en: 'The budget is 0, so the execution rate cannot be computed (spent: {executed}).',
  },
  budgetRateMismatch: {
    zh: '预算执行率填报为 {stated}，按执行数 ÷ 预算数应为 {computed}。',
    en: 'Budget execution rate is stated as {stated}; executed ÷ budget gives {computed}.',
  },
  overExecution: {
    zh: '执行数 {executed} 大于到位数 {available}。',
    en: 'Funds spent ({executed}) exceed funds received ({available}).',
  },
  overAvailability: {
    zh: '到位数 {available} 大于预算数 {budget}。',
    en: 'Funds received ({available}) exceed the budget ({budget}).',
  },
  behindSchedule: {
    zh: '预算执行率 {rate} 仅为时间进度 {tp} 的 {ratio}（{light}灯）。{note}',
    en: 'Budget execution {rate} is only {ratio} of the time progress {tp} ({lightEn}).{note}',
  },
  recomputedBudgetNote: {
    zh: '填报的预算执行率为 {stated}，与执行数 ÷ 预算数不符，灯色按重算值 {rate} 判定。',
    en: ' The stated rate {stated} disagrees with executed ÷ budget, so the light uses the recomputed {rate}.',
  },
  recomputedIndicatorNote: {
    zh: '填报的完成率为 {stated}，与重算不符，灯色按重算值 {rate} 判定。',
    en: ' The stated rate {stated} disagrees with the recomputation, so the light uses the recomputed {rate}.',
  },
  kindAssumedNote: {
    zh: '“{name}”不在流量/存量词表中，按流量（累计）指标与时间进度比较；可在设置中把它归入存量。',
    en: ' "{name}" is not in the flow/stock lexicon, so it was taken as a flow and compared with time progress; settings can class it as a stock.',
  },
  malformedTarget: {
    zh: '预期指标值“{text}”无法读懂；可能是 {likely}。',
    en: 'Target "{text}" cannot be read as written; it probably means {likely}.',
  },
  malformedTargetNoGuess: {
    zh: '预期指标值“{text}”无法读懂。',
    en: 'Target "{text}" cannot be read as written.',
  },
  unitMismatch: {
    zh: '指标“{name}”的预期值是{targetKind}（{target}），完成值却是{actualKind}（{actual}），两者无法比较。',
    en: 'Indicator "{name}" has a {targetKindEn} target ({target}) but an {actualKindEn} actual ({actual}); they cannot be compared.',
  },
  notMeasurementRepeat: {
    zh: '指标“{name}”的完成值照抄了预期值（{actual}），不是实际测得的结果。',
    en: 'Indicator "{name}": the actual repeats the target text ({actual}) instead of a measured result.',
  },
  notMeasurementInequality: {
    zh: '指标“{name}”的完成值是不等式（{actual}），应填写实际达到的数值。',
    en: 'Indicator "{name}": the actual is an inequality ({actual}); enter the value actually reached.',
  },
  proratedQualitative: {
    zh: '指标“{name}”已达成（{why}），却按时间进度填了完成率 {stated}；应为 {expected}。',
    en: 'Indicator "{name}" is met ({why}) but its rate was set to the time progress {stated}; it should be {expected}.',
  },
  indicatorRateMismatch: {
    zh: '指标“{name}”的完成率填报为 {stated}，按计算应为 {computed}。',
    en: 'Indicator "{name}": the stated rate {stated} does not match the computed {computed}.',
  },
  deviationFlow: {
    zh: '指标“{name}”完成率 {rate} 为时间进度 {tp} 的 {ratio}（{light}灯）。{note}',
    en: 'Indicator "{name}" at {rate} is {ratio} of the time progress {tp} ({lightEn}).{note}',
  },
  deviationStock: {
    zh: '指标“{name}”完成率 {rate}，低于年度目标的 {threshold}（{light}灯）。{note}',
    en: 'Indicator "{name}" at {rate} is below {threshold} of its annual target ({lightEn}).{note}',
  },
  overallMismatch: {
    zh: '总体完成率填报为 {stated}，各指标完成率的平均值为 {computed}。',
    en: 'Overall completion is stated as {stated}; the mean of the indicator rates is {computed}.',
  },
  deviationUnexplained: {
    zh: '存在偏差（{list}），但“五、偏差和采取的措施”未填写。',
    en: 'There are deviations ({list}) but section 五 (deviations and measures) is empty.',
  },
  explanationUnknown: {
    zh: '偏差说明提到“{named}”，但表中没有这个指标。{largest}',
    en: 'The explanation names "{named}", which is not an indicator on this form. {largestEn}',
  },
  explanationNotLargest: {
    zh: '偏差说明只提到“{named}”，而偏差最大的是“{largest}”（{rate}）。',
    en: 'The explanation names "{named}", but the largest deviation is "{largest}" ({rate}).',
  },
  largestHint: {
    zh: '偏差最大的指标是“{name}”（{rate}）。',
    en: 'The largest deviation is "{name}" ({rate}).',
  },
  lightRed: { zh: '红', en: 'red' },
  lightYellow: { zh: '黄', en: 'yellow' },
  lightBlue: { zh: '蓝', en: 'blue' },
  overAchievement: {
    zh: '指标“{name}”完成率 {rate} 为时间进度 {tp} 的 {ratio}，超进度（蓝灯）。{note}',
    en: 'Indicator "{name}" at {rate} is {ratio} of the time progress {tp}: ahead of schedule (blue).{note}',
  },
});

export type MessageKey = keyof typeof MESSAGES;

export type { Params } from './lang';

/** Render a catalogue message in both languages. */
export function msg(key: MessageKey, params: Params): Localized {
  const m = MESSAGES[key];
  return { zh: fill(m.zh, params, 'zh'), en: fill(m.en, params, 'en') };
}

/** Bilingual field name as params: `{field}` in Chinese, `{fieldEn}` in English. */
export function fieldParams(key: MessageKey): Params {
  const m = MESSAGES[key];
  return { field: m.zh, fieldEn: m.en };
}

/** Optional sentences for a template's `{note}`: empty, or the given messages one after another. */
export function noteParams(...parts: (Localized | null | undefined | false)[]): Params {
  const note = joinLocalized(parts, sameInBoth(''));
  return { note: note.zh, noteEn: note.en };
}
