import { localize, sameInBoth } from '../lang';
import { RULE_TEXT } from '../messages';
import { rate4 } from '../parse';
import type { Rule } from '../types';
import { agrees, pctApart, shown } from '../compare';
import { averageFormula, rateFix } from './util';

const TEXT = RULE_TEXT['overall/rate-mismatch'];

export const overallRateMismatch: Rule = {
  meta: {
    id: 'overall/rate-mismatch',
    severity: 'error',
    section: 'goal',
    fixable: true,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form, grid, settings }) {
    const slot = form.overallRate;
    const mean = form.computed.overallRate;
    if (slot.value === null || mean === null) return [];
    if (agrees(slot, mean, settings)) return [];
    return [{
      cell: slot.cell,
      message: localize(TEXT, 'overallMismatch', { stated: shown(slot), computed: pctApart(mean, slot) }),
      arithmetic: sameInBoth(form.computed.overallArithmetic),
      expected: rate4(mean),
      actual: slot.value,
      fix: rateFix(slot, mean, averageFormula(grid, form.indicators.filter((i) => i.rate.value !== null && Number.isFinite(i.rate.value)).map((i) => i.rate.cell))),
    }];
  },
};
