import { msg, neutral } from '../messages';
import { rate4 } from '../parse';
import type { Rule } from '../types';
import { agrees, pctApart, shown } from '../compare';
import { averageFormula, rateFix } from './util';

export const overallRateMismatch: Rule = {
  meta: {
    id: 'overall/rate-mismatch',
    severity: 'error',
    section: 'goal',
    fixable: true,
    docs: {
      zh: '填报的总体完成率不等于表中各指标完成率（按填报值）的算术平均数（不封顶）。',
      en: 'The stated overall completion rate is not the arithmetic mean of the stated indicator rates (uncapped).',
    },
  },
  check({ form, grid, settings }) {
    const slot = form.overallRate;
    const mean = form.computed.overallRate;
    if (slot.value === null || mean === null) return [];
    if (agrees(slot, mean, settings)) return [];
    return [{
      cell: slot.cell,
      message: msg('overallMismatch', { stated: shown(slot), computed: pctApart(mean, slot) }),
      arithmetic: neutral(form.computed.overallArithmetic),
      expected: rate4(mean),
      actual: slot.value,
      fix: rateFix(slot, mean, averageFormula(grid, form.indicators.filter((i) => i.rate.value !== null && Number.isFinite(i.rate.value)).map((i) => i.rate.cell))),
    }];
  },
};
