import { localize } from '../lang';
import { RULE_TEXT } from '../messages';
import { pct } from '../parse';
import type { Indicator, Report, Rule, RuleContext } from '../types';
import { agrees, shown } from '../compare';
import { reportEach, rateFix } from './util';

/** A met or qualitative indicator whose stated rate is just the 时间进度. */
export function isProrated(ind: Indicator, ctx: Pick<RuleContext, 'form' | 'settings'>): boolean {
  const c = ind.computed;
  const tp = ctx.form.computed.timeProgress;
  if (!c || c.met !== true || c.rate === null || tp === null || tp >= 1) return false;
  if (ind.rate.value === null) return false;
  return agrees(ind.rate, tp, ctx.settings) && !agrees(ind.rate, c.rate, ctx.settings);
}

const TEXT = RULE_TEXT['indicator/prorated-qualitative'];

export const indicatorProratedQualitative: Rule = {
  meta: {
    id: 'indicator/prorated-qualitative',
    severity: 'warning',
    section: 'indicators',
    fixable: true,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check: (ctx) => reportEach(ctx.form.indicators, ctx, prorated),
};

/** A met or qualitative indicator whose stated rate is the 时间进度, with the rate it should have. */
function prorated(ind: Indicator, ctx: RuleContext): Report | undefined {
  if (!isProrated(ind, ctx)) return undefined;
  const c = ind.computed!;
  const why = c.notAMeasurement ? localize(TEXT, 'proratedWhyActual', { actual: ind.actual.text.trim() }) : c.arithmetic;
  return {
    cell: ind.rate.cell,
    message: localize(TEXT, 'proratedQualitative', { name: ind.name, why, stated: shown(ind.rate), expected: pct(c.rate!, 0) }),
    arithmetic: localize(TEXT, 'arithThenTimeProgress', { arithmetic: c.arithmetic, tp: ctx.form.computed.timeProgressArithmetic }),
    expected: c.rate,
    actual: ind.rate.value,
    fix: rateFix(ind.rate, c.rate!),
    related: [ind.target.cell, ind.actual.cell],
  };
}
