import { localize, sameInBoth } from '../lang';
import { RULE_TEXT } from '../messages';
import { rate4 } from '../parse';
import type { Rule } from '../types';
import { agrees, pctApart, shown } from '../compare';
import { divisionFormula, rateFix } from './util';

const TEXT = RULE_TEXT['budget/rate-mismatch'];

export const budgetRateMismatch: Rule = {
  meta: {
    id: 'budget/rate-mismatch',
    severity: 'error',
    section: 'budget',
    fixable: true,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form, grid, settings }) {
    const slot = form.executionRate;
    const computed = form.computed.executionRate;
    if (form.budget.value === 0) {
      return [{ cell: form.budget.cell, message: localize(TEXT, 'zeroBudget', { executed: form.executed.value ?? '—' }), actual: 0 }];
    }
    if (slot.value === null || computed === null) return [];
    if (agrees(slot, computed, settings)) return [];
    return [{
      cell: slot.cell,
      message: localize(TEXT, 'budgetRateMismatch', { stated: shown(slot), computed: pctApart(computed, slot) }),
      arithmetic: sameInBoth(form.computed.executionArithmetic),
      expected: rate4(computed),
      actual: slot.value,
      fix: rateFix(slot, computed, divisionFormula(grid, form.executed.cell, form.budget.cell)),
      related: [form.executed.cell, form.budget.cell],
    }];
  },
};
