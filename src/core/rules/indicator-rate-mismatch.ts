import { msg } from '../messages';
import { rate4 } from '../parse';
import type { Report, Rule } from '../types';
import { isProrated } from './indicator-prorated-qualitative';
import { notAMeasurement } from './indicator-not-a-measurement';
import { unitMismatch } from './indicator-unit-mismatch';
import { agrees, pctApart, shown } from '../compare';
import { divisionFormula, rateFix } from './util';

export const indicatorRateMismatch: Rule = {
  meta: {
    id: 'indicator/rate-mismatch',
    severity: 'error',
    section: 'indicators',
    fixable: true,
    docs: {
      zh: '填报的指标完成率与重新计算的不符：正向数值为 完成值 ÷ 预期值；≥ 目标接受“完成值 ÷ 预期值”和“达到即 100%”两种算法；反向（≤、以内）达到为 100%，否则 预期值 ÷ 完成值；区间内为 100%。定性指标不参与。',
      en: 'The stated indicator rate differs from the recomputed one: actual ÷ target for plain numbers; for ≥ targets both actual ÷ target and "met → 100%" are accepted; reverse targets (≤, 以内) are 100% when met, else target ÷ actual; inside a band is 100%. Qualitative indicators are not recomputed.',
    },
  },
  check(ctx) {
    const out: Report[] = [];
    for (const ind of ctx.form.indicators) {
      const c = ind.computed;
      if (!c || c.rate === null || ind.rate.value === null) continue;
      if (unitMismatch(ind) || notAMeasurement(ind) || c.achievement !== undefined) continue;
      if (ind.parsedTarget.kind === 'malformed') continue;
      if (isProrated(ind, ctx)) continue;
      if (agrees(ind.rate, c.rate, ctx.settings)) continue;
      if (c.accepted.some((v) => agrees(ind.rate, v, ctx.settings))) continue;
      out.push({
        cell: ind.rate.cell,
        message: msg('indicatorRateMismatch', { name: ind.name, stated: shown(ind.rate), computed: pctApart(c.rate, ind.rate) }),
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
