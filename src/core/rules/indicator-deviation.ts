import { localize, sameInBoth } from '../lang';
import { MESSAGES, noteParams, RULE_TEXT } from '../messages';
import { pct, rate4 } from '../parse';
import { shown } from '../compare';
import type { Report, Rule, RuleContext } from '../types';
import { type Deviation, deviations } from '../recompute';
import { reportEach } from './util';

const TEXT = RULE_TEXT['indicator/deviation'];

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

function deviationReport(d: Deviation, { form, settings }: RuleContext): Report {
  const tp = form.computed.timeProgress;
  const ind = d.indicator;
  const cell = ind.rate.value !== null ? ind.rate.cell : ind.actual.cell;
  const light = MESSAGES[d.light === 'red' ? 'lightRed' : d.light === 'yellow' ? 'lightYellow' : 'lightBlue'];
  const stated = ind.rate.value;
  // the light came from the recomputed rate because the stated one is wrong: say so
  const recomputed = ind.computed?.completionSource === 'computed' && stated !== null &&
    ind.computed.achievement === undefined && Math.abs(stated - d.completion) > 1e-9;
  const rate = pct(d.completion);
  const { note } = noteParams(
    recomputed && localize(TEXT, 'recomputedIndicatorNote', { stated: shown(ind.rate), rate }),
    ind.kind === 'flow' && ind.kindSource === 'assumed' && localize(TEXT, 'kindAssumedNote', { name: ind.name }),
  );
  const severity = d.light === 'red' ? 'error' : d.light === 'yellow' ? 'warning' : 'info';
  if (ind.kind === 'flow') {
    const tpText = pct(tp!);
    const ratio = pct(d.ratio);
    return {
      cell,
      severity,
      light: d.light,
      message: localize(TEXT, d.light === 'blue' ? 'overAchievement' : 'deviationFlow', { name: ind.name, rate, light, note, tp: tpText, ratio }),
      arithmetic: sameInBoth(`${rate} ÷ ${tpText} = ${ratio}`),
      expected: tp,
      actual: rate4(d.completion),
    };
  }
  const threshold = d.light === 'red' ? settings.redBelow : settings.yellowBelow;
  return {
    cell,
    severity,
    light: d.light,
    message: localize(TEXT, 'deviationStock', { name: ind.name, rate, light, note, threshold: pct(threshold, 0) }),
    arithmetic: sameInBoth(`${rate} < ${pct(threshold, 0)}`),
    expected: threshold,
    actual: rate4(d.completion),
  };
}
