import { localize } from '../lang';
import { RULE_TEXT } from '../messages';
import { rate4 } from '../parse';
import type { Report, Rule } from '../types';
import { isProrated } from './indicator-prorated-qualitative';
import { agrees, pctApart, shown } from '../compare';
import { divisionFormula, rateFix } from './util';

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
  check(ctx) {
    const out: Report[] = [];
    for (const ind of ctx.form.indicators) {
      const c = ind.computed;
      if (!c || c.rate === null || ind.rate.value === null) continue;
      if (c.unitMismatch || c.notAMeasurement || c.achievement !== undefined) continue;
      if (ind.parsedTarget.kind === 'malformed') continue;
      if (isProrated(ind, ctx)) continue;
      if (agrees(ind.rate, c.rate, ctx.settings)) continue;
      if (c.accepted.some((v) => agrees(ind.rate, v, ctx.settings))) continue;
      out.push({
        cell: ind.rate.cell,
        message: localize(TEXT, 'indicatorRateMismatch', { name: ind.name, stated: shown(ind.rate), computed: pctApart(c.rate, ind.rate) }),
        arithmetic: c.arithmetic,
        expected: rate4(c.rate),
        actual: ind.rate.value,
        fix: rateFix(ind.rate, c.rate, ind.parsedTarget.kind === 'number' ? divisionFormula(ctx.grid, ind.actual.cell, ind.target.cell) : undefined),
        related: [ind.target.cell, ind.actual.cell],
      });
    }
    return out;
  },
};
