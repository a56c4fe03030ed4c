import { localize } from '../lang';
import { RULE_TEXT } from '../messages';
import { rate4 } from '../parse';
import type { Indicator, Report, Rule, RuleContext } from '../types';
import { isProrated } from './indicator-prorated-qualitative';
import { agrees, pctApart, shown } from '../compare';
import { divisionFormula, reportEach, rateFix } from './util';

const TEXT = RULE_TEXT['indicator/rate-mismatch'];

export const indicatorRateMismatch: Rule = {
  meta: {
    id: 'indicator/rate-mismatch',
    severity: 'error',
    section: 'indicators',
    fixable: true,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check: (ctx) => reportEach(ctx.form.indicators, ctx, rateMismatch),
};

/** A stated rate that the recomputed one contradicts (none where another rule explains the difference). */
function rateMismatch(ind: Indicator, ctx: RuleContext): Report | undefined {
  const c = ind.computed;
  if (!c || c.rate === null || ind.rate.value === null) return undefined;
  if (c.unitMismatch || c.notAMeasurement || c.achievement !== undefined) return undefined;
  if (ind.parsedTarget.kind === 'malformed') return undefined;
  if (isProrated(ind, ctx)) return undefined;
  if (agrees(ind.rate, c.rate, ctx.settings)) return undefined;
  if (c.accepted.some((v) => agrees(ind.rate, v, ctx.settings))) return undefined;
  return {
    cell: ind.rate.cell,
    message: localize(TEXT, 'indicatorRateMismatch', { name: ind.name, stated: shown(ind.rate), computed: pctApart(c.rate, ind.rate) }),
    arithmetic: c.arithmetic,
    expected: rate4(c.rate),
    actual: ind.rate.value,
    fix: rateFix(ind.rate, c.rate, ind.parsedTarget.kind === 'number' ? divisionFormula(ctx.grid, ind.actual.cell, ind.target.cell) : undefined),
    related: [ind.target.cell, ind.actual.cell],
  };
}
