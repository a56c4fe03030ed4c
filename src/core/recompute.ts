/**
 * Recomputation (design §3): 预算执行率, 资金到位率, 到位资金执行率, 时间进度, every 指标完成率
 * and the 总体完成率, each with the arithmetic the user is shown.
 */
import { amount, assessQualitative as assess, type ParsedActual, type ParsedTarget, pct, rateTolerance } from './parse';
import { joinLocalized, sameInBoth } from './lang';
import { MESSAGES, msg } from './messages';
import { type NotAMeasurement, notAMeasurement, repeatsTarget } from './rules/indicator-not-a-measurement';
import { unitMismatch } from './rules/indicator-unit-mismatch';
import { classifyName } from './lexicon';
import { agrees, pctApart } from './compare';
import { parsePeriodCell, parsePeriodText, type ParsedPeriod, type Ymd, ymdText } from './period';
import type { Achievement, FormComputation, Indicator, IndicatorComputation, IndicatorDeviation, Light, Localized, RecognizedForm, Settings, TimeProgressBasis } from './types';

/** Ratios beyond this (a hundred million percent) come from numbers that cannot be right. */
const MAX_RATIO = 1e6;

/** a ÷ b, or null when it cannot be computed (a missing value, a zero divisor, an overflow). */
const ratio = (a: number | null, b: number | null): number | null => {
  if (a === null || b === null || b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  const r = a / b;
  return Number.isFinite(r) && Math.abs(r) < MAX_RATIO ? r : null;
};

export interface YearMonthDay {
  y: number;
  m: number;
  d: number | null;
}

const DATE_RE = /(\d{4})\s*[年.\-/]\s*(\d{1,2})(?:\s*[月.\-/]\s*(\d{1,2})\s*日?)?/g;

/** All dates in a text: `2020.01.01-2020.12.31` → two dates; `2020年9月` → one. */
export function parseDates(text: string): YearMonthDay[] {
  const s = text.normalize('NFKC');
  const out: YearMonthDay[] = [];
  for (const m of s.matchAll(DATE_RE)) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) continue;
    const d = m[3] ? Number(m[3]) : null;
    out.push({ y, m: mo, d: d !== null && d >= 1 && d <= 31 ? d : null });
  }
  return out;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000;
}

export interface TimeProgress {
  value: number | null;
  arithmetic: string;
  basis: TimeProgressBasis | null;
  /** the 监控时点 has text the period parser cannot read */
  monitorPointUnreadable: boolean;
  /** the 项目周期 has text the period parser cannot read (the calendar year is assumed) */
  periodUnreadable: boolean;
}

/**
 * 时间进度 from parsed periods: months elapsed at the end of the 监控时点 ÷ months in the 项目周期
 * (2020年9月, 2020年1-9月 or 三季度 of a calendar-year project → 9/12). With `day` mode, days
 * elapsed to the end of the 监控时点 (its day, or the end of its month) ÷ days in the period.
 * A missing or unreadable 项目周期 is the calendar year of the 监控时点; a 监控时点 without a
 * year takes the 项目周期's.
 */
export function timeProgressOf(
  period: ParsedPeriod | null,
  monitor: ParsedPeriod | null,
  mode: Settings['timeProgressMode'],
): { value: number | null; arithmetic: string; start?: Ymd; end?: Ymd; point?: Ymd } {
  if (!monitor) return { value: null, arithmetic: '' };
  const year = monitor.end.y ?? period?.end.y ?? period?.start.y ?? new Date().getUTCFullYear();
  const py = monitor.end.y ?? (period && period.start.y !== null && period.end.y !== null && period.start.y !== period.end.y ? period.start.y : year);
  const mp: Ymd = { y: py, m: monitor.end.m, d: monitor.end.d };
  const sy = period?.start.y ?? py;
  const start: Ymd = period ? { y: sy, m: period.start.m, d: period.start.d } : { y: sy, m: 1, d: 1 };
  const ey = period?.end.y ?? sy;
  const end: Ymd = period ? { y: ey, m: period.end.m, d: period.end.d } : { y: ey, m: 12, d: 31 };
  if (mode === 'day') {
    const s = dayNumber(sy, start.m, start.d ?? 1);
    const e = dayNumber(ey, end.m, end.d ?? daysInMonth(ey, end.m));
    const p = dayNumber(py, mp.m, mp.d ?? daysInMonth(py, mp.m));
    const total = e - s + 1;
    if (total <= 0) return { value: null, arithmetic: '' };
    const elapsed = Math.min(Math.max(p - s + 1, 0), total);
    return { value: elapsed / total, arithmetic: `${elapsed} ÷ ${total} = ${pct(elapsed / total)}`, start, end, point: mp };
  }
  const total = ey * 12 + end.m - (sy * 12 + start.m) + 1;
  if (total <= 0) return { value: null, arithmetic: '' };
  const elapsed = Math.min(Math.max(py * 12 + mp.m - (sy * 12 + start.m) + 1, 0), total);
  return { value: elapsed / total, arithmetic: `${elapsed} ÷ ${total} = ${pct(elapsed / total)}`, start, end, point: mp };
}

/** 时间进度 from the texts (and, for date serials, the values and formats) of 项目周期 and 监控时点. */
export function timeProgress(
  period: string | null,
  monitorPoint: string | null,
  mode: Settings['timeProgressMode'],
): { value: number | null; arithmetic: string } {
  const r = timeProgressOf(period ? parsePeriodText(period) : null, monitorPoint ? parsePeriodText(monitorPoint) : null, mode);
  return { value: r.value, arithmetic: r.arithmetic };
}

/** 时间进度 of a recognised form, with what it came from. */
export function formTimeProgress(form: Pick<RecognizedForm, 'period' | 'monitorPoint'>, mode: Settings['timeProgressMode']): TimeProgress {
  const mpText = (form.monitorPoint.value ?? '').trim();
  const pText = (form.period.value ?? '').trim();
  const monitor = mpText || form.monitorPoint.raw !== undefined ? parsePeriodCell(mpText, form.monitorPoint.raw, form.monitorPoint.format) : null;
  const periodParsed = pText || form.period.raw !== undefined ? parsePeriodCell(pText, form.period.raw, form.period.format) : null;
  // a 项目周期 written as one month or date is no period: the calendar year is used
  const period = periodParsed && periodParsed.kind !== 'month' && periodParsed.kind !== 'date' && periodParsed.kind !== 'serial' ? periodParsed : null;
  const r = timeProgressOf(period, monitor, mode);
  return {
    value: r.value,
    arithmetic: r.arithmetic,
    basis: r.point && r.start && r.end ? basisOf(form, mpText, pText, r.point, r.start, r.end, !period) : null,
    monitorPointUnreadable: !!mpText && !monitor,
    periodUnreadable: !!pText && !period,
  };
}

/** What 时间进度 was computed from: the texts as the user sees them in the cells (a date cell's display text, `9/30/2020`) and the points used. */
function basisOf(form: Pick<RecognizedForm, 'period' | 'monitorPoint'>, mpText: string, pText: string, point: Ymd, start: Ymd, end: Ymd, assumed: boolean): TimeProgressBasis {
  return {
    monitorPoint: { text: form.monitorPoint.text.trim() || mpText, used: ymdText(point) },
    period: { text: form.period.text.trim() || pText, start: ymdText(start), end: ymdText(end), assumed },
  };
}

function fmtValue(v: number, percent: boolean): string {
  return percent ? pct(v, v * 100 === Math.round(v * 100) ? 0 : 2) : amount(v);
}

/** How far apart, in words: percentage points for rates, an amount otherwise. */
function distance(d: number, percent: boolean): Localized {
  return percent ? msg('percentagePoints', { n: (Math.round(d * 1000) / 10).toFixed(1) }) : sameInBoth(amount(d));
}

/** What one step of an indicator's recomputation found: rate, whether met, and the arithmetic. */
interface RateStep {
  rate: number | null;
  met: boolean | null;
  arithmetic: Localized;
  accepted: number[];
  achievement: Achievement | undefined;
}

const NO_TEXT = sameInBoth('');

/** A step, always built here so that every step has one shape (the code reading them stays monomorphic). */
function rateStepOf(rate: number | null, met: boolean | null, arithmetic: Localized, accepted: number[] = [], achievement?: Achievement): RateStep {
  return { rate, met, arithmetic, accepted, achievement };
}

/** No rate: nothing to compare, perhaps whether the target is met. */
const nothing = (met: boolean | null = null): RateStep => rateStepOf(null, met, NO_TEXT);

const ACHIEVEMENT_WORD = { met: 'achievementMet', partial: 'achievementPartial', unmet: 'achievementUnmet' } as const;

/** An actual that claims the target (a repeat or an inequality, indicator/not-a-measurement): met. */
function claimedAsMet(ind: Indicator, why: NotAMeasurement, settings: Settings): RateStep {
  const rate = settings.achievementRates.met;
  const params = { actual: ind.actual.value ?? '', rate: pct(rate, 0) };
  // an inequality that repeats the target (`≥95%` under `≥95%`) is told as a repeat
  const repeats = why === 'repeat' || repeatsTarget(ind);
  return rateStepOf(rate, true, msg(repeats ? 'arithRepeat' : 'arithInequality', params), [], 'met');
}

/** A qualitative judgement of the actual against the target: 达成 / 部分达成 / 未达成 and its score. */
function judged(actualText: string, targetText: string, settings: Settings): RateStep {
  const ach = assess(actualText, targetText);
  if (!ach) return nothing();
  const rate = settings.achievementRates[ach];
  const arithmetic = msg('arithAchievement', { actual: actualText, achievement: MESSAGES[ACHIEVEMENT_WORD[ach]], rate: pct(rate, 0) });
  return rateStepOf(rate, ach === 'met', arithmetic, [], ach);
}

/** A measured number against a comparator target: ≥ / > / = (actual ÷ target) or ≤ / < (met is 100%). */
function againstComparator(av: number, aPercent: boolean, t: Extract<ParsedTarget, { kind: 'comparator' }>): RateStep {
  const actual = fmtValue(av, aPercent);
  const target = fmtValue(t.value, t.percent);
  if (t.op === '≥' || t.op === '>' || t.op === '=') {
    const met = t.op === '>' ? av > t.value : t.op === '=' ? Math.abs(av - t.value) < 1e-9 : av >= t.value;
    if (t.value !== 0) {
      const rate = av / t.value;
      const division = `${actual} ÷ ${target} = ${pct(rate)}`;
      if (!met) return rateStepOf(rate, met, sameInBoth(division));
      return rateStepOf(rate, met, msg('arithAlsoAccepted', { division, op: t.op, target }), [1]);
    }
    return met ? rateStepOf(1, met, sameInBoth(`${actual} ${t.op} ${target} → 100%`)) : nothing(met);
  }
  const met = t.op === '<' ? av < t.value : av <= t.value;
  if (met) return rateStepOf(1, met, msg('arithReverseMet', { actual, op: t.op, target }));
  if (av === 0) return nothing(met);
  const rate = t.value / av;
  return rateStepOf(rate, met, msg('arithReverseUnmet', { actual, op: t.op, target, rate: pct(rate) }));
}

/** A measured number against a band target: inside is 100%, below low ÷ …, above high ÷ …. */
function againstBand(av: number, aPercent: boolean, t: Extract<ParsedTarget, { kind: 'band' }>): RateStep {
  const inside = av >= t.low - 1e-12 && av <= t.high + 1e-12;
  const actual = fmtValue(av, aPercent);
  const band = `${fmtValue(t.low, t.percent)}–${fmtValue(t.high, t.percent)}`;
  if (inside) return rateStepOf(1, true, msg('arithInsideBand', { actual, band }));
  if (av < t.low && t.low !== 0) {
    const rate = av / t.low;
    const gap = distance(t.low - av, t.percent);
    return rateStepOf(rate, false, msg('arithBelowBand', { actual, band, low: fmtValue(t.low, t.percent), rate: pct(rate), gap }));
  }
  if (av > t.high && av !== 0) {
    const rate = t.high / av;
    const gap = distance(av - t.high, t.percent);
    return rateStepOf(rate, false, msg('arithAboveBand', { actual, band, high: fmtValue(t.high, t.percent), rate: pct(rate), gap }));
  }
  return nothing(false);
}

/** A measured number against its target. */
function measured(a: Extract<ParsedActual, { kind: 'number' }>, t: ParsedTarget): RateStep {
  if (t.kind === 'number' && t.value !== 0) {
    const rate = a.value / t.value;
    return rateStepOf(rate, a.value >= t.value, sameInBoth(`${fmtValue(a.value, a.percent)} ÷ ${fmtValue(t.value, t.percent)} = ${pct(rate)}`));
  }
  if (t.kind === 'comparator') return againstComparator(a.value, a.percent, t);
  if (t.kind === 'band') return againstBand(a.value, a.percent, t);
  return nothing();
}

/** Compound values (`52、15` against `50、6.17`): no rate, each part's division shown (rare: kept out of rateStep's compiled code). */
function compoundStep(actual: number[], target: number[]): RateStep {
  const parts = actual.map((p, i) => sameInBoth(`${amount(p)} ÷ ${amount(target[i])} = ${target[i] ? pct(p / target[i]) : '—'}`));
  return rateStepOf(null, null, joinLocalized(parts, MESSAGES.partSeparator));
}

/** Rate, whether met, and arithmetic of an indicator, by what its target and actual are. */
function rateStep(ind: Indicator, settings: Settings, claim: NotAMeasurement | null, incomparable: boolean): RateStep {
  const t = ind.parsedTarget;
  const a = ind.parsedActual;
  const targetText = ind.target.value ?? '';
  const actualText = ind.actual.value ?? '';
  if (claim) return claimedAsMet(ind, claim, settings);
  if (t.kind === 'qualitative' || t.kind === 'deadline') return judged(actualText, targetText, settings);
  if (a.kind === 'number') return incomparable ? nothing() : measured(a, t);
  if (a.kind === 'compound' && t.kind === 'compound' && a.parts.length === t.parts.length) return compoundStep(a.parts, t.parts);
  if (a.kind === 'qualitative' && (t.kind === 'number' || t.kind === 'comparator' || t.kind === 'band')) return judged(actualText, targetText, settings);
  return nothing();
}

/**
 * Recompute one indicator (its `kind` already classed). Mutates nothing; returns the computation.
 * Its completion is the one the light is judged by: the stated rate, unless it is the 时间进度 given
 * to a met indicator (prorated) or the recomputation contradicts it (honest lights: what
 * indicator/rate-mismatch reports does not set the light), or it is missing.
 */
export function computeIndicator(ind: Indicator, settings: Settings, tp: number | null): IndicatorComputation {
  // worked out once here; the rules read them from the computation
  const claim = notAMeasurement(ind);
  const incomparable = unitMismatch(ind);
  const step = rateStep(ind, settings, claim, incomparable);
  // a ratio of extreme numbers overflows: then there is nothing to compare
  const overflow = step.rate !== null && !(Math.abs(step.rate) < MAX_RATIO);
  const rate = overflow ? null : step.rate;
  const accepted = step.accepted.length === 0 ? step.accepted : step.accepted.filter(Number.isFinite);
  const stated = ind.rate.value;
  const prorated =
    stated !== null && step.met === true && tp !== null && tp < 1 &&
    Math.abs(stated - tp) <= rateTolerance(ind.parsedRate?.decimals ?? 0, settings.minTolerancePoints) + 1e-12;
  const wrong =
    stated !== null && rate !== null && !prorated && !incomparable && !claim &&
    step.achievement === undefined && ind.parsedTarget.kind !== 'malformed' &&
    !agrees(ind.rate, rate, settings) && !accepted.some((v) => agrees(ind.rate, v, settings));
  const completion = prorated || wrong ? rate : stated ?? rate;
  return {
    rate,
    met: step.met,
    achievement: step.achievement,
    accepted,
    arithmetic: overflow ? NO_TEXT : step.arithmetic,
    completion,
    completionSource: prorated || wrong || stated === null ? 'computed' : 'stated',
    deviation: deviationOf(ind.kind, completion, tp, settings),
    notAMeasurement: claim,
    unitMismatch: incomparable,
  };
}

/**
 * The light of a completion (design §4 indicator/deviation): a flow's completion ÷ 时间进度 below
 * the yellow / red thresholds or at or above the blue one; a stock's completion below them.
 */
export function deviationOf(kind: Indicator['kind'], completion: number | null, tp: number | null, settings: Settings): IndicatorDeviation | null {
  if (completion === null) return null;
  let ratio: number;
  if (kind === 'flow') {
    if (tp === null || tp <= 0) return null;
    ratio = completion / tp;
    if (ratio >= settings.blueAtOrAbove) return { light: 'blue', ratio };
  } else {
    ratio = completion;
  }
  const light: Light | null = ratio < settings.redBelow ? 'red' : ratio < settings.yellowBelow ? 'yellow' : null;
  return light ? { light, ratio } : null;
}

/** An indicator that deviates, with its light: what indicator/deviation and the deviation rules report. */
export interface Deviation {
  indicator: Indicator;
  light: Light;
  /** completion ÷ 时间进度 for flows, completion for stocks */
  ratio: number;
  completion: number;
}

/** The deviating indicators of a recomputed form, in form order. */
export function deviations(form: Pick<RecognizedForm, 'indicators'>): Deviation[] {
  const out: Deviation[] = [];
  for (const indicator of form.indicators) {
    const c = indicator.computed;
    if (c?.deviation && c.completion !== null) out.push({ indicator, light: c.deviation.light, ratio: c.deviation.ratio, completion: c.completion });
  }
  return out;
}

/** Form-level recomputation. */
export function computeForm(form: Omit<RecognizedForm, 'computed'>, settings: Settings): FormComputation {
  const b = form.budget.value;
  const av = form.available.value;
  const ex = form.executed.value;
  const tp = formTimeProgress(form, settings.timeProgressMode);
  const overall = overallOf(form.indicators);
  const executionRate = ratio(ex, b);
  // honest light: a stated rate that executed ÷ budget contradicts does not set the light
  // (not from negative amounts, which field/not-a-number reports: they give no rate to trust)
  const stated = form.executionRate;
  const wrong = stated.value !== null && executionRate !== null && executionRate >= 0 && !agrees(stated, executionRate, settings);
  return {
    executionRate,
    executionArithmetic: executionRate === null ? '' : `${ex} ÷ ${b} = ${pctApart(executionRate, stated)}`,
    lightRate: wrong ? executionRate : stated.value ?? executionRate,
    lightRateRecomputed: wrong,
    availabilityRate: ratio(av, b),
    availableExecutionRate: ratio(ex, av),
    timeProgress: tp.value,
    timeProgressArithmetic: tp.arithmetic,
    timeProgressBasis: tp.basis,
    monitorPointUnreadable: tp.monitorPointUnreadable,
    periodUnreadable: tp.periodUnreadable,
    overallRate: overall.mean,
    overallArithmetic: overall.arithmetic,
    overallCount: overall.count,
  };
}

/**
 * 总体完成率: the mean of the stated 指标完成率, with its arithmetic and how many went into it.
 * (On its own: the loop over the indicators would otherwise make computeForm hot enough to compile.)
 */
function overallOf(indicators: readonly Indicator[]): { mean: number | null; arithmetic: string; count: number } {
  // the stated rates that go into the 总体完成率, and how each reads in its arithmetic
  const rates: number[] = [];
  const rateTexts: string[] = [];
  let sum = 0;
  for (let k = 0; k < indicators.length; k++) {
    const { rate } = indicators[k];
    const v = rate.value;
    if (v === null || !Number.isFinite(v)) continue;
    rates.push(v);
    rateTexts.push((rate.text || pct(v, 0)).trim());
    sum += v;
  }
  const m = rates.length && Number.isFinite(sum) ? sum / rates.length : null;
  // a mean of extreme numbers is no rate: nothing to compare or offer
  const mean = m !== null && Math.abs(m) < MAX_RATIO ? m : null;
  return { mean, arithmetic: mean === null ? '' : `(${rateTexts.join(' + ')}) ÷ ${rates.length} = ${pct(mean)}`, count: rates.length };
}

/** Recompute the whole form: fills `computed` on the form (which it returns) and on every indicator. */
export function recompute(form: Omit<RecognizedForm, 'computed'>, settings: Settings): RecognizedForm {
  const computed = computeForm(form, settings);
  recomputeIndicators(form.indicators, settings, computed.timeProgress);
  // the form is completed in place: a copy of a form of thirty fields per sheet is pure garbage
  return Object.assign(form, { computed });
}

/**
 * Classes every indicator with the settings' lexicon, then fills its `computed`. (The loops on their
 * own: in recompute they would make that once-a-form function hot enough to be compiled.)
 */
function recomputeIndicators(indicators: Indicator[], settings: Settings, tp: number | null): void {
  for (let i = 0; i < indicators.length; i++) {
    const ind = indicators[i];
    const c = classifyName(ind.name, settings.kindLexicon, ind.parsedTarget);
    ind.kind = c.kind;
    ind.kindSource = c.source;
    // assigned, not deleted when absent: a delete would give the indicator another shape
    ind.kindWord = c.word;
  }
  for (let i = 0; i < indicators.length; i++) indicators[i].computed = computeIndicator(indicators[i], settings, tp);
}
