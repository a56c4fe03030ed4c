/**
 * Builds the 附件2 review row of a recognised 附件1 (design §6): the data columns, and the scores
 * proposed by the rubric, each with its evidence in words. Pure and browser-safe.
 */
import { agrees, amount, normalize, pctShort, resolveSettings, roundTo, shownDecimals, type Localized, type SettingsInput, type SheetResult, type Slot } from '../core';
import { DEFAULT_RUBRIC, type Rubric } from './rubric';
import type { RateChoice, RateSource, ReviewKey, ReviewRow, Score, ScoreBasis, ScoreKey } from './types';

export interface BuildOptions {
  /** 按时报送 as entered by the reviewer; the rubric's default (0) when absent */
  timely?: number;
  rubric?: Rubric;
  /** the reviewer's choice where stated and recomputed rates disagree (default: stated) */
  rateChoice?: { executionRate?: RateSource; overallRate?: RateSource };
  /** engine settings (tolerance) */
  settings?: SettingsInput;
  /** the workbook the sheet came from, for the row's source */
  file?: string;
  /** on a sheet with several forms, which one (0-based; default the first) */
  formIndex?: number;
}

export class ReviewRowError extends Error {
  constructor(public readonly text: Localized) {
    super(`${text.zh} / ${text.en}`);
  }
}

const UNIT_TO_WAN: Record<string, number> = { 万元: 1, 元: 1 / 10000, 亿元: 10000 };

const num = (v: number): string => amount(roundTo(v, 4));

/** The key of a row, normalised for comparison (full-width/half-width, spaces). */
export function keyString(key: ReviewKey): string {
  const n = (s: string) => normalize(String(s ?? '')).replace(/\s+/g, '');
  return [n(key.department), n(key.project), n(key.monitorPoint)].join('\u0001');
}

function percentFormat(slot: Slot<number>): string {
  if (slot.value !== null && slot.format && /%/.test(slot.format)) return slot.format;
  const d = slot.value !== null ? shownDecimals(slot) : 0;
  return d > 0 ? `0.${'0'.repeat(d)}%` : '0%';
}

function chooseRate(
  slot: Slot<number>,
  computed: number | null,
  arithmetic: string,
  label: Localized,
  choice: RateSource | undefined,
  settings: ReturnType<typeof resolveSettings>,
): RateChoice {
  const stated = slot.value;
  const format = percentFormat(slot);
  if (stated === null) {
    return {
      value: computed,
      source: 'computed',
      stated: null,
      computed,
      disagree: false,
      format,
      evidence:
        computed === null
          ? { zh: `${label.zh}未填报，也无法重算`, en: `${label.en} not stated and cannot be recomputed` }
          : { zh: `${label.zh}未填报，用重算值：${arithmetic}`, en: `${label.en} not stated; recomputed: ${arithmetic}` },
    };
  }
  const statedText = slot.text?.trim() || pctShort(stated);
  if (computed === null) {
    return {
      value: stated, source: 'stated', stated, computed: null, disagree: false, format,
      evidence: { zh: `${label.zh}按填报 ${statedText}（无法重算）`, en: `${label.en} as stated, ${statedText} (cannot be recomputed)` },
    };
  }
  if (agrees(slot, computed, settings)) {
    return {
      value: stated, source: 'stated', stated, computed, disagree: false, format,
      evidence: { zh: `${label.zh}按填报 ${statedText}，与重算一致：${arithmetic}`, en: `${label.en} as stated, ${statedText}, agrees with ${arithmetic}` },
    };
  }
  const useComputed = choice === 'computed';
  return {
    value: useComputed ? computed : stated,
    source: useComputed ? 'computed' : 'stated',
    stated,
    computed,
    disagree: true,
    format,
    evidence: useComputed
      ? { zh: `${label.zh}用重算值：${arithmetic}（填报为 ${statedText}，二者不一致）`, en: `${label.en} recomputed: ${arithmetic} (stated ${statedText}; they disagree)` }
      : { zh: `${label.zh}按填报 ${statedText}；重算为 ${arithmetic}，二者不一致，可改用重算值`, en: `${label.en} as stated, ${statedText}; recomputed ${arithmetic} disagrees (you can switch)` },
  };
}

function thresholdScore(max: number, fullAt: number, rate: number, decimals: number): number {
  if (rate >= fullAt - 1e-9) return max;
  return Math.max(0, roundTo((max * rate) / fullAt, decimals));
}

/** Propose the four scores from the row's data columns and basis. */
export function proposeScores(row: Pick<ReviewRow, 'overallRate' | 'basis'>, rubric: Rubric = DEFAULT_RUBRIC, timely?: number): Record<ScoreKey, Score> {
  const basis: ScoreBasis = row.basis ?? { executed: null, available: null, timeProgress: null, explanationEmpty: false };
  const d = rubric.decimals;
  const score = (value: number, max: number, evidence: Localized): Score => ({ value, proposed: value, max, evidence });

  // 预算执行情况: 执行数 ÷ 到位数
  let budget: Score;
  const { executed, available } = basis;
  const b = rubric.budget;
  if (executed === null || available === null || available === 0) {
    budget = score(0, b.max, {
      zh: `缺少${executed === null ? '执行数' : '到位数'}${available === 0 ? '（到位数为 0）' : ''}，无法计算执行数 ÷ 到位数，暂记 0 分`,
      en: `${executed === null ? 'executed' : 'available'} amount missing${available === 0 ? ' (available is 0)' : ''}: executed ÷ available cannot be computed; 0 for now`,
    });
  } else {
    const rate = executed / available;
    const ar = `${num(executed)} ÷ ${num(available)} = ${pctShort(rate)}`;
    const v = thresholdScore(b.max, b.fullAt, rate, d);
    budget = score(v, b.max, rate >= b.fullAt - 1e-9
      ? { zh: `执行数 ÷ 到位数 = ${ar}，达到 ${pctShort(b.fullAt)}，得 ${v} 分`, en: `executed ÷ available = ${ar}, reaches ${pctShort(b.fullAt)}: ${v}` }
      : { zh: `执行数 ÷ 到位数 = ${ar}，未达 ${pctShort(b.fullAt)}，按比例 ${b.max} × ${pctShort(rate)} ÷ ${pctShort(b.fullAt)} = ${v} 分`, en: `executed ÷ available = ${ar}, below ${pctShort(b.fullAt)}: proportional ${b.max} × ${pctShort(rate)} ÷ ${pctShort(b.fullAt)} = ${v}` });
  }

  // 绩效目标完成情况: 总体完成率
  const g = rubric.goal;
  const overall = row.overallRate.value;
  let goal: Score;
  if (overall === null) {
    goal = score(0, g.max, { zh: '缺少总体完成率，暂记 0 分', en: 'overall completion rate missing: 0 for now' });
  } else {
    const v = thresholdScore(g.max, g.fullAt, overall, d);
    goal = score(v, g.max, overall >= g.fullAt - 1e-9
      ? { zh: `总体完成率 ${pctShort(overall)} ≥ ${pctShort(g.fullAt)}，得 ${v} 分`, en: `overall completion ${pctShort(overall)} ≥ ${pctShort(g.fullAt)}: ${v}` }
      : { zh: `总体完成率 ${pctShort(overall)} < ${pctShort(g.fullAt)}，按比例 ${g.max} × ${pctShort(overall)} ÷ ${pctShort(g.fullAt)} = ${v} 分`, en: `overall completion ${pctShort(overall)} < ${pctShort(g.fullAt)}: proportional ${g.max} × ${pctShort(overall)} ÷ ${pctShort(g.fullAt)} = ${v}` });
  }

  // 目标偏离及应对情况
  const dv = rubric.deviation;
  const reasons: Localized[] = [];
  if (dv.whenExplanationEmpty && basis.explanationEmpty) {
    reasons.push({ zh: '第五部分（偏差和采取的措施）未填写', en: 'section 五 (deviations and measures) is empty' });
  }
  const tp = basis.timeProgress;
  const tpText = tp === null ? '' : `${pctShort(tp)}${basis.timeProgressArithmetic ? `（${basis.timeProgressArithmetic}）` : ''}`;
  const tpTextEn = tp === null ? '' : `${pctShort(tp)}${basis.timeProgressArithmetic ? ` (${basis.timeProgressArithmetic})` : ''}`;
  const below = dv.whenBelowTimeProgress && overall !== null && tp !== null && overall < tp - 1e-9;
  if (below) reasons.push({ zh: `总体完成率 ${pctShort(overall)} < 时间进度 ${tpText}`, en: `overall completion ${pctShort(overall)} < time progress ${tpTextEn}` });
  let deviation: Score;
  if (reasons.length) {
    const v = roundTo(dv.max - dv.penalty, d);
    deviation = score(v, dv.max, {
      zh: `${reasons.map((r) => r.zh).join('；')}：扣 ${dv.penalty} 分，${dv.max} − ${dv.penalty} = ${v} 分`,
      en: `${reasons.map((r) => r.en).join('; ')}: minus ${dv.penalty}, ${dv.max} − ${dv.penalty} = ${v}`,
    });
  } else {
    const okTp = overall !== null && tp !== null
      ? { zh: `总体完成率 ${pctShort(overall)} ≥ 时间进度 ${tpText}`, en: `overall completion ${pctShort(overall)} ≥ time progress ${tpTextEn}` }
      : { zh: '无法比较总体完成率与时间进度', en: 'overall completion and time progress cannot be compared' };
    deviation = score(dv.max, dv.max, {
      zh: `第五部分已填写，${okTp.zh}，得 ${dv.max} 分`,
      en: `section 五 is filled in, ${okTp.en}: ${dv.max}`,
    });
  }

  // 按时报送: the reviewer's
  const t = rubric.timely;
  let timelyScore: Score;
  if (timely === undefined || timely === null || !Number.isFinite(timely)) {
    timelyScore = score(t.default, t.max, { zh: `按时报送由审核人填写，未填写，暂记 ${t.default} 分`, en: `on-time submission is entered by the reviewer; none given, ${t.default} for now` });
  } else {
    const v = Math.min(t.max, Math.max(0, timely));
    timelyScore = score(v, t.max, { zh: `按时报送由审核人填写：${v} 分`, en: `on-time submission entered by the reviewer: ${v}` });
  }
  return { budget, goal, deviation, timely: timelyScore };
}

export function totalOf(scores: Record<ScoreKey, Score>): number {
  return roundTo(scores.budget.value + scores.goal.value + scores.deviation.value + scores.timely.value, 4);
}

/** Build the review row of a validated sheet. Throws ReviewRowError when the sheet is not a recognised 附件1. */
export function buildReviewRow(result: SheetResult, opts: BuildOptions = {}): ReviewRow {
  const form = opts.formIndex ? result.forms?.[opts.formIndex] : result.form;
  if (!result.recognized || !form) {
    throw new ReviewRowError({
      zh: `工作表“${result.sheet}”不是可识别的附件1，不能生成审核行${result.reason ? `：${result.reason.zh}` : ''}`,
      en: `sheet "${result.sheet}" is not a recognised 附件1; no review row can be built${result.reason ? `: ${result.reason.en}` : ''}`,
    });
  }
  const settings = resolveSettings(opts.settings);
  const rubric = opts.rubric ?? DEFAULT_RUBRIC;
  const factor = UNIT_TO_WAN[form.amountUnit] ?? 1;
  const wan = (v: number | null) => (v === null ? null : roundTo(v * factor, 6));
  const c = form.computed;
  const budget = form.budget.value;
  const executed = form.executed.value;
  const execArith = c.executionRate !== null && budget !== null && executed !== null
    ? `执行数 ÷ 预算数 = ${num(executed)} ÷ ${num(budget)} = ${pctShort(c.executionRate)}`
    : '';
  const executionRate = chooseRate(form.executionRate, c.executionRate, execArith, { zh: '预算执行率', en: 'budget execution rate' }, opts.rateChoice?.executionRate, settings);
  // the engine's arithmetic already ends with its result (`… ÷ 15 = 86.3%`)
  const overallArith = c.overallRate !== null ? c.overallArithmetic || `指标完成率的平均数 = ${pctShort(c.overallRate)}` : '';
  const overallRate = chooseRate(form.overallRate, c.overallRate, overallArith, { zh: '总体完成率', en: 'overall completion rate' }, opts.rateChoice?.overallRate, settings);
  const key: ReviewKey = {
    department: (form.department.value ?? '').trim(),
    project: (form.project.value ?? '').trim(),
    monitorPoint: (form.monitorPoint.value ?? '').trim(),
  };
  const basis: ScoreBasis = {
    executed,
    available: form.available.value,
    timeProgress: c.timeProgress,
    timeProgressArithmetic: c.timeProgressArithmetic || undefined,
    explanationEmpty: !(form.deviationText.value ?? '').trim(),
  };
  const scores = proposeScores({ overallRate, basis }, rubric, opts.timely);
  return {
    key,
    department: key.department,
    project: key.project,
    budget: wan(form.budget.value),
    available: wan(form.available.value),
    executed: wan(form.executed.value),
    executionRate,
    overallRate,
    scores,
    total: totalOf(scores),
    amountUnit: form.amountUnit,
    source: {
      ...(opts.file ? { file: opts.file } : {}),
      sheet: result.sheet,
      ...((result.forms?.length ?? 0) > 1 ? { form: opts.formIndex ?? 0 } : {}),
    },
    ...(form.title.value ? { formTitle: form.title.value.trim() } : {}),
    basis,
  };
}

/** One review row per form on the sheet (a sheet may hold several 附件1). Throws ReviewRowError like buildReviewRow. */
export function buildReviewRows(result: SheetResult, opts: Omit<BuildOptions, 'formIndex'> = {}): ReviewRow[] {
  const n = result.recognized ? Math.max(1, result.forms?.length ?? 1) : 1;
  return Array.from({ length: n }, (_, formIndex) => buildReviewRow(result, { ...opts, formIndex }));
}

/** The reviewer changes a score: 总分 stays the sum. */
export function setScore(row: ReviewRow, key: ScoreKey, value: number): ReviewRow {
  const s = row.scores[key];
  const v = Math.min(s.max, Math.max(0, Number.isFinite(value) ? value : 0));
  const scores = { ...row.scores, [key]: { ...s, value: v } };
  return { ...row, scores, total: totalOf(scores) };
}

/**
 * The reviewer switches a disagreeing rate between stated and recomputed. The proposed scores are
 * proposed again; a score the reviewer changed keeps its value.
 */
export function switchRate(row: ReviewRow, which: 'executionRate' | 'overallRate', source: RateSource, rubric: Rubric = DEFAULT_RUBRIC): ReviewRow {
  const r = row[which];
  const value = source === 'stated' ? r.stated : r.computed;
  if (value === null || r.source === source) return row;
  const label = which === 'executionRate' ? { zh: '预算执行率', en: 'budget execution rate' } : { zh: '总体完成率', en: 'overall completion rate' };
  const other = source === 'stated' ? r.computed : r.stated;
  const evidence: Localized = source === 'stated'
    ? { zh: `${label.zh}按填报 ${pctShort(value)}（重算为 ${other === null ? '—' : pctShort(other)}，审核人选择填报值）`, en: `${label.en} as stated, ${pctShort(value)} (recomputed ${other === null ? '—' : pctShort(other)}; chosen by the reviewer)` }
    : { zh: `${label.zh}用重算值 ${pctShort(value)}（填报为 ${other === null ? '—' : pctShort(other)}，审核人选择重算值）`, en: `${label.en} recomputed, ${pctShort(value)} (stated ${other === null ? '—' : pctShort(other)}; chosen by the reviewer)` };
  const next: ReviewRow = { ...row, [which]: { ...r, value, source, evidence } };
  const timely = row.scores.timely.value;
  const proposed = proposeScores(next, rubric, timely);
  const scores = { ...row.scores };
  for (const k of ['budget', 'goal', 'deviation'] as const) {
    const old = row.scores[k];
    scores[k] = old.value === old.proposed ? proposed[k] : { ...proposed[k], value: old.value };
  }
  next.scores = scores;
  next.total = totalOf(scores);
  return next;
}
