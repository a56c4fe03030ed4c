import { type Localized, localize, sameInBoth } from '../lang';
import { MESSAGES, noteParams, RULE_TEXT } from '../messages';
import { pct, rate4 } from '../parse';
import { shown } from '../compare';
import type { Light, Report, Rule, RuleContext, Settings, Severity } from '../types';
import { type Deviation, deviations } from '../recompute';
import { reportEach } from './util';

const TEXT = RULE_TEXT['indicator/deviation'];

const SEVERITY: Record<Light, Severity> = { red: 'error', yellow: 'warning', blue: 'info' };

export const indicatorDeviation: Rule = {
  meta: {
    id: 'indicator/deviation',
    severity: 'warning',
    section: 'indicators',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check: (ctx) => reportEach(deviations(ctx.form), ctx, deviationReport),
};

/** A deviating indicator's light and why. */
function deviationReport(d: Deviation, { form, settings }: RuleContext): Report {
  const rate = pct(d.completion);
  const light = MESSAGES[d.light === 'red' ? 'lightRed' : d.light === 'yellow' ? 'lightYellow' : 'lightBlue'];
  const note = deviationNote(d, rate);
  // a flow is measured against 时间进度, a stock against the thresholds themselves
  return d.indicator.kind === 'flow' ? flowReport(d, form.computed.timeProgress!, rate, light, note) : stockReport(d, settings, rate, light, note);
}

/** Sentences after the message: the stated rate was wrong (the light came from the recomputed one), the kind was assumed. */
function deviationNote(d: Deviation, rate: string): Localized {
  const ind = d.indicator;
  const stated = ind.rate.value;
  const recomputed = ind.computed?.completionSource === 'computed' && stated !== null &&
    ind.computed.achievement === undefined && Math.abs(stated - d.completion) > 1e-9;
  return noteParams(
    recomputed && localize(TEXT, 'recomputedIndicatorNote', { stated: shown(ind.rate), rate }),
    ind.kind === 'flow' && ind.kindSource === 'assumed' && localize(TEXT, 'kindAssumedNote', { name: ind.name }),
  ).note;
}

/** Where the finding points: the stated rate, else the actual. */
function cellOf(d: Deviation): string {
  return d.indicator.rate.value !== null ? d.indicator.rate.cell : d.indicator.actual.cell;
}

/** A flow against 时间进度: completion ÷ 时间进度 (blue at or above the blue threshold). */
function flowReport(d: Deviation, tp: number, rate: string, light: Localized, note: Localized): Report {
  const tpText = pct(tp);
  const ratio = pct(d.ratio);
  return {
    cell: cellOf(d),
    severity: SEVERITY[d.light],
    light: d.light,
    message: localize(TEXT, d.light === 'blue' ? 'overAchievement' : 'deviationFlow', { name: d.indicator.name, rate, light, note, tp: tpText, ratio }),
    arithmetic: sameInBoth(`${rate} ÷ ${tpText} = ${ratio}`),
    expected: tp,
    actual: rate4(d.completion),
  };
}

/** A stock against the thresholds themselves. */
function stockReport(d: Deviation, settings: Settings, rate: string, light: Localized, note: Localized): Report {
  const threshold = d.light === 'red' ? settings.redBelow : settings.yellowBelow;
  return {
    cell: cellOf(d),
    severity: SEVERITY[d.light],
    light: d.light,
    message: localize(TEXT, 'deviationStock', { name: d.indicator.name, rate, light, note, threshold: pct(threshold, 0) }),
    arithmetic: sameInBoth(`${rate} < ${pct(threshold, 0)}`),
    expected: threshold,
    actual: rate4(d.completion),
  };
}
