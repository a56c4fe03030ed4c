/**
 * Builds the 附件2 review row of a recognised 附件1 (design §6): the data columns, and the scores
 * proposed by the rubric, each with its evidence in words. Pure and browser-safe.
 */
import { agrees, amount, normalize, pctShort, resolveSettings, roundTo, shownDecimals, type Localized, type SettingsInput, type SheetResult, type Slot } from '../core';
import { type TextParams, LocalizedError, joinLocalized, localize, sameInBoth } from '../core';
import { REVIEW_MESSAGES } from './messages';
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

/** A sheet no review row can be built from; `text` says why. */
export class ReviewRowError extends LocalizedError {}

const say = (key: keyof typeof REVIEW_MESSAGES, params?: TextParams): Localized => localize(REVIEW_MESSAGES, key, params);

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
  arithmetic: Localized,
  label: Localized,
  choice: RateSource | undefined,
  settings: ReturnType<typeof resolveSettings>,
): RateChoice {
  const stated = slot.value;
  const format = percentFormat(slot);
  const p = { label, arithmetic };
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
          ? say('rateNotStatedNoRecompute', p)
          : say('rateNotStatedRecomputed', p),
    };
  }
  const statedText = slot.text?.trim() || pctShort(stated);
  const ps = { ...p, stated: statedText };
  if (computed === null) {
    return {
      value: stated, source: 'stated', stated, computed: null, disagree: false, format,
      evidence: say('rateStatedNoRecompute', ps),
    };
  }
  if (agrees(slot, computed, settings)) {
    return {
      value: stated, source: 'stated', stated, computed, disagree: false, format,
      evidence: say('rateStatedAgrees', ps),
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
      ? say('rateRecomputedDisagrees', ps)
      : say('rateStatedDisagrees', ps),
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
    budget = score(0, b.max, say('budgetNoRate', {
      what: say(executed === null ? 'amountExecuted' : 'amountAvailable'),
      zero: available === 0 ? say('availableZero') : sameInBoth(''),
    }));
  } else {
    const rate = executed / available;
    const ar = `${num(executed)} ÷ ${num(available)} = ${pctShort(rate)}`;
    const v = thresholdScore(b.max, b.fullAt, rate, d);
    budget = score(v, b.max, rate >= b.fullAt - 1e-9
      ? say('budgetFull', { rate: ar, fullAt: pctShort(b.fullAt), v })
      : say('budgetPartial', { rate: ar, fullAt: pctShort(b.fullAt), max: b.max, short: pctShort(rate), v }));
  }

  // 绩效目标完成情况: 总体完成率
  const g = rubric.goal;
  const overall = row.overallRate.value;
  let goal: Score;
  if (overall === null) {
    goal = score(0, g.max, say('goalMissing'));
  } else {
    const v = thresholdScore(g.max, g.fullAt, overall, d);
    goal = score(v, g.max, overall >= g.fullAt - 1e-9
      ? say('goalFull', { overall: pctShort(overall), fullAt: pctShort(g.fullAt), v })
      : say('goalPartial', { overall: pctShort(overall), fullAt: pctShort(g.fullAt), max: g.max, v }));
  }

  // 目标偏离及应对情况
  const dv = rubric.deviation;
  const reasons: Localized[] = [];
  if (dv.whenExplanationEmpty && basis.explanationEmpty) {
    reasons.push(say('explanationEmpty'));
  }
  const tp = basis.timeProgress;
  const tpText: Localized =
    tp === null ? sameInBoth('') : basis.timeProgressArithmetic ? say('timeProgress', { rate: pctShort(tp), arithmetic: basis.timeProgressArithmetic }) : sameInBoth(pctShort(tp));
  const below = dv.whenBelowTimeProgress && overall !== null && tp !== null && overall < tp - 1e-9;
  if (below) reasons.push(say('belowTimeProgress', { overall: pctShort(overall), tp: tpText }));
  let deviation: Score;
  if (reasons.length) {
    const v = roundTo(dv.max - dv.penalty, d);
    const all = joinLocalized(reasons, say('reasonsSeparator'));
    deviation = score(v, dv.max, say('deviationPenalty', { reasons: all, penalty: dv.penalty, max: dv.max, v }));
  } else {
    const okTp = overall !== null && tp !== null
      ? say('reachesTimeProgress', { overall: pctShort(overall), tp: tpText })
      : say('timeProgressUnknown');
    deviation = score(dv.max, dv.max, say('deviationFull', { ok: okTp, max: dv.max }));
  }

  // 按时报送: the reviewer's
  const t = rubric.timely;
  let timelyScore: Score;
  if (timely === undefined || timely === null || !Number.isFinite(timely)) {
    timelyScore = score(t.default, t.max, say('timelyDefault', { v: t.default }));
  } else {
    const v = Math.min(t.max, Math.max(0, timely));
    timelyScore = score(v, t.max, say('timelyGiven', { v }));
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
    throw new ReviewRowError(
      result.reason ? say('notAFormBecause', { sheet: result.sheet, reason: result.reason }) : say('notAForm', { sheet: result.sheet }),
    );
  }
  const settings = resolveSettings(opts.settings);
  const rubric = opts.rubric ?? DEFAULT_RUBRIC;
  const factor = UNIT_TO_WAN[form.amountUnit] ?? 1;
  const wan = (v: number | null) => (v === null ? null : roundTo(v * factor, 6));
  const c = form.computed;
  const budget = form.budget.value;
  const executed = form.executed.value;
  const execArith = c.executionRate !== null && budget !== null && executed !== null
    ? say('execArithmetic', { executed: num(executed), budget: num(budget), rate: pctShort(c.executionRate) })
    : sameInBoth('');
  const executionRate = chooseRate(form.executionRate, c.executionRate, execArith, say('labelExecutionRate'), opts.rateChoice?.executionRate, settings);
  // the engine's arithmetic already ends with its result (`… ÷ 15 = 86.3%`)
  const overallArith =
    c.overallRate === null ? sameInBoth('') : c.overallArithmetic ? sameInBoth(c.overallArithmetic) : say('overallMean', { rate: pctShort(c.overallRate) });
  const overallRate = chooseRate(form.overallRate, c.overallRate, overallArith, say('labelOverallRate'), opts.rateChoice?.overallRate, settings);
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
  const label = say(which === 'executionRate' ? 'labelExecutionRate' : 'labelOverallRate');
  const other = source === 'stated' ? r.computed : r.stated;
  const evidence = say(source === 'stated' ? 'rateChosenStated' : 'rateChosenComputed', {
    label,
    value: pctShort(value),
    other: other === null ? '—' : pctShort(other),
  });
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
