/**
 * Recomputation (design §3): 预算执行率, 资金到位率, 到位资金执行率, 时间进度, every 指标完成率
 * and the 总体完成率, each with the arithmetic the user is shown.
 */
import { amount, assessQualitative as assess, normalize, pct, rateTolerance } from './parse';
import { classifyName } from './lexicon';
import { agrees } from './compare';
import { parsePeriodCell, parsePeriodText, type ParsedPeriod, type Ymd, ymdText } from './period';
import type { FormComputation, Indicator, IndicatorComputation, IndicatorDeviation, Light, RecognizedForm, Settings, TimeProgressBasis } from './types';

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
  const mp = { ...monitor.end, y: monitor.end.y ?? (period && period.start.y !== null && period.end.y !== null && period.start.y !== period.end.y ? period.start.y : year) };
  const start: Ymd = period ? { ...period.start, y: period.start.y ?? mp.y } : { y: mp.y, m: 1, d: 1 };
  const end: Ymd = period ? { ...period.end, y: period.end.y ?? start.y } : { y: start.y, m: 12, d: 31 };
  const [sy, ey, py] = [start.y as number, end.y as number, mp.y as number];
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
  const out: TimeProgress = {
    value: r.value,
    arithmetic: r.arithmetic,
    basis: null,
    monitorPointUnreadable: !!mpText && !monitor,
    periodUnreadable: !!pText && !period,
  };
  if (r.point && r.start && r.end) {
    // the texts as the user sees them in the cells (a date cell's display text, `9/30/2020`)
    out.basis = {
      monitorPoint: { text: form.monitorPoint.text.trim() || mpText, used: ymdText(r.point) },
      period: { text: form.period.text.trim() || pText, start: ymdText(r.start), end: ymdText(r.end), assumed: !period },
    };
  }
  return out;
}

function same(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

function fmtValue(v: number, percent: boolean): string {
  return percent ? pct(v, v * 100 === Math.round(v * 100) ? 0 : 2) : amount(v);
}

/** Recompute one indicator. Mutates nothing; returns the computation. */
export function computeIndicator(ind: Indicator, settings: Settings, tp: number | null): IndicatorComputation {
  const t = ind.parsedTarget;
  const a = ind.parsedActual;
  const targetText = ind.target.value ?? '';
  const actualText = ind.actual.value ?? '';
  const out: IndicatorComputation = {
    rate: null,
    accepted: [],
    arithmetic: '',
    met: null,
    notMeasurement: false,
    unitMismatch: false,
    completion: null,
    deviation: null,
  };
  // a measured number equal to its target is a result; repeated text or an inequality is not
  const repeats = !!targetText && !!actualText && a.kind !== 'number' && same(targetText, actualText);
  if (repeats || a.kind === 'inequality') out.notMeasurement = true;

  const targetPercent =
    (t.kind === 'number' || t.kind === 'comparator' || t.kind === 'band') ? t.percent : t.kind === 'malformed' ? !!t.likely?.percent : false;
  if (a.kind === 'number') {
    // a rate target with an amount as actual (`95%–105%` vs `10625`)
    if (targetPercent && !a.percent && Math.abs(a.value) > 2) out.unitMismatch = true;
    if (t.kind === 'number' && !t.percent && a.percent) out.unitMismatch = true;
    if (t.kind === 'number' && t.unit && a.unit && t.unit !== a.unit) out.unitMismatch = true;
  }

  const achievementRate = (ach: 'met' | 'partial' | 'unmet') => settings.achievementRates[ach];

  if (out.notMeasurement) {
    // the actual claims the target: treated as 达成 for what the rate should be
    out.met = true;
    out.achievement = 'met';
    out.rate = achievementRate('met');
    out.arithmetic = repeats
      ? `完成值与预期值相同（${actualText}）→ 视为达成 = ${pct(out.rate, 0)}`
      : `完成值是不等式（${actualText}）→ 视为达成 = ${pct(out.rate, 0)}`;
  } else if (t.kind === 'qualitative' || t.kind === 'deadline') {
    const ach = assess(actualText, targetText);
    if (ach) {
      out.achievement = ach;
      out.met = ach === 'met';
      out.rate = achievementRate(ach);
      const word = ach === 'met' ? '达成' : ach === 'partial' ? '部分达成' : '未达成';
      out.arithmetic = `“${actualText}” → ${word} = ${pct(out.rate, 0)}`;
    }
  } else if (a.kind === 'number' && !out.unitMismatch) {
    const av = a.value;
    if (t.kind === 'number' && t.value !== 0) {
      out.rate = av / t.value;
      out.met = av >= t.value;
      out.arithmetic = `${fmtValue(av, a.percent)} ÷ ${fmtValue(t.value, t.percent)} = ${pct(out.rate)}`;
    } else if (t.kind === 'comparator') {
      if (t.op === '≥' || t.op === '>' || t.op === '=') {
        const met = t.op === '>' ? av > t.value : t.op === '=' ? Math.abs(av - t.value) < 1e-9 : av >= t.value;
        out.met = met;
        if (t.value !== 0) {
          out.rate = av / t.value;
          out.arithmetic = `${fmtValue(av, a.percent)} ÷ ${fmtValue(t.value, t.percent)} = ${pct(out.rate)}`;
          if (met) {
            out.accepted.push(1);
            out.arithmetic += `（已达到 ${t.op}${fmtValue(t.value, t.percent)}，记 100% 亦可）`;
          }
        } else if (met) {
          out.rate = 1;
          out.arithmetic = `${fmtValue(av, a.percent)} ${t.op} ${fmtValue(t.value, t.percent)} → 100%`;
        }
      } else {
        const met = t.op === '<' ? av < t.value : av <= t.value;
        out.met = met;
        if (met) {
          out.rate = 1;
          out.arithmetic = `${fmtValue(av, a.percent)} ${t.op} ${fmtValue(t.value, t.percent)} → 达成 = 100%`;
        } else if (av !== 0) {
          out.rate = t.value / av;
          out.arithmetic = `未达到 ${t.op}${fmtValue(t.value, t.percent)}：${fmtValue(t.value, t.percent)} ÷ ${fmtValue(av, a.percent)} = ${pct(out.rate)}`;
        }
      }
    } else if (t.kind === 'band') {
      const inside = av >= t.low - 1e-12 && av <= t.high + 1e-12;
      out.met = inside;
      const bandText = `${fmtValue(t.low, t.percent)}–${fmtValue(t.high, t.percent)}`;
      if (inside) {
        out.rate = 1;
        out.arithmetic = `${fmtValue(av, a.percent)} 在 ${bandText} 之内 → 100%`;
      } else if (av < t.low && t.low !== 0) {
        out.rate = av / t.low;
        out.arithmetic = `${fmtValue(av, a.percent)} 低于 ${bandText}：${fmtValue(av, a.percent)} ÷ ${fmtValue(t.low, t.percent)} = ${pct(out.rate)}，差 ${distance(t.low - av, t.percent)}`;
      } else if (av > t.high && av !== 0) {
        out.rate = t.high / av;
        out.arithmetic = `${fmtValue(av, a.percent)} 高于 ${bandText}：${fmtValue(t.high, t.percent)} ÷ ${fmtValue(av, a.percent)} = ${pct(out.rate)}，超 ${distance(av - t.high, t.percent)}`;
      }
    }
  } else if (a.kind === 'compound' && t.kind === 'compound' && a.parts.length === t.parts.length) {
    out.arithmetic = a.parts.map((p, i) => `${amount(p)} ÷ ${amount(t.parts[i])} = ${t.parts[i] ? pct(p / t.parts[i]) : '—'}`).join('；');
  } else if (a.kind === 'qualitative' && (t.kind === 'number' || t.kind === 'comparator' || t.kind === 'band')) {
    const ach = assess(actualText, targetText);
    if (ach) {
      out.achievement = ach;
      out.met = ach === 'met';
      out.rate = achievementRate(ach);
      out.arithmetic = `“${actualText}” → ${ach === 'met' ? '达成' : ach === 'partial' ? '部分达成' : '未达成'} = ${pct(out.rate, 0)}`;
    }
  }

  // a ratio of extreme numbers overflows: then there is nothing to compare
  if (out.rate !== null && !(Math.abs(out.rate) < MAX_RATIO)) {
    out.rate = null;
    out.arithmetic = '';
  }
  out.accepted = out.accepted.filter(Number.isFinite);

  // the completion used for deviation checks
  const stated = ind.rate.value;
  const prorated =
    stated !== null && out.met === true && tp !== null && tp < 1 &&
    Math.abs(stated - tp) <= rateTolerance(ind.parsedRate?.decimals ?? 0, settings.minTolerancePoints) + 1e-12;
  // honest lights: a stated rate that the recomputation contradicts (what indicator/rate-mismatch
  // reports) does not set the light; the recomputed one does
  const wrong =
    stated !== null && out.rate !== null && !prorated && !out.unitMismatch && !out.notMeasurement &&
    out.achievement === undefined && t.kind !== 'malformed' &&
    !agrees(ind.rate, out.rate, settings) && !out.accepted.some((v) => agrees(ind.rate, v, settings));
  out.completion = prorated || wrong ? out.rate : stated ?? out.rate;
  out.completionSource = prorated || wrong || stated === null ? 'computed' : 'stated';
  out.deviation = deviationOf(ind.kind, out.completion, tp, settings);
  return out;
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

function distance(d: number, percent: boolean): string {
  return percent ? `${(Math.round(d * 1000) / 10).toFixed(1)} 个百分点` : amount(d);
}


/** Form-level recomputation. */
export function computeForm(form: Omit<RecognizedForm, 'computed'>, settings: Settings): FormComputation {
  const b = form.budget.value;
  const av = form.available.value;
  const ex = form.executed.value;
  const tp = formTimeProgress(form, settings.timeProgressMode);
  const rates = form.indicators.map((i) => i.rate.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const sum = rates.reduce((s, v) => s + v, 0);
  const m = rates.length && Number.isFinite(sum) ? sum / rates.length : null;
  // a mean of extreme numbers is no rate: nothing to compare or offer
  const mean = m !== null && Math.abs(m) < MAX_RATIO ? m : null;
  const executionRate = ratio(ex, b);
  // honest light: a stated rate that executed ÷ budget contradicts does not set the light
  // (not from negative amounts, which field/not-a-number reports: they give no rate to trust)
  const stated = form.executionRate;
  const wrong = stated.value !== null && executionRate !== null && executionRate >= 0 && !agrees(stated, executionRate, settings);
  return {
    executionRate,
    lightRate: wrong ? executionRate : stated.value ?? executionRate,
    lightRateRecomputed: wrong,
    availabilityRate: ratio(av, b),
    availableExecutionRate: ratio(ex, av),
    timeProgress: tp.value,
    timeProgressArithmetic: tp.arithmetic,
    timeProgressBasis: tp.basis,
    monitorPointUnreadable: tp.monitorPointUnreadable,
    periodUnreadable: tp.periodUnreadable,
    overallRate: mean,
    overallArithmetic:
      mean === null
        ? ''
        : `(${form.indicators
            .filter((i) => i.rate.value !== null && Number.isFinite(i.rate.value))
            .map((i) => (i.rate.text || pct(i.rate.value!, 0)).trim())
            .join(' + ')}) ÷ ${rates.length} = ${pct(mean)}`,
    overallCount: rates.length,
  };
}

/** Recompute the whole form: fills `computed` on the form and on every indicator. */
export function recompute(form: Omit<RecognizedForm, 'computed'>, settings: Settings): RecognizedForm {
  const computed = computeForm(form, settings);
  for (const ind of form.indicators) {
    const c = classifyName(ind.name, settings.kindLexicon, ind.parsedTarget);
    ind.kind = c.kind;
    ind.kindSource = c.source;
    if (c.word) ind.kindWord = c.word;
    else delete ind.kindWord;
  }
  for (const ind of form.indicators) ind.computed = computeIndicator(ind, settings, computed.timeProgress);
  return { ...form, computed };
}
