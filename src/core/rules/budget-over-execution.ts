import { localize, sameInBoth } from '../lang';
import { RULE_TEXT } from '../messages';
import { amount } from '../parse';
import type { Report, Rule } from '../types';

const TEXT = RULE_TEXT['budget/over-execution'];

export const budgetOverExecution: Rule = {
  meta: {
    id: 'budget/over-execution',
    severity: 'error',
    section: 'budget',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form }) {
    const out: Report[] = [];
    const b = form.budget.value;
    const a = form.available.value;
    const e = form.executed.value;
    if (e !== null && a !== null && e > a) {
      out.push({
        cell: form.executed.cell,
        message: localize(TEXT, 'overExecution', { executed: amount(e), available: amount(a) }),
        arithmetic: sameInBoth(`${amount(e)} > ${amount(a)}`),
        expected: a,
        actual: e,
        related: [form.available.cell],
      });
    }
    if (a !== null && b !== null && a > b) {
      out.push({
        cell: form.available.cell,
        message: localize(TEXT, 'overAvailability', { available: amount(a), budget: amount(b) }),
        arithmetic: sameInBoth(`${amount(a)} > ${amount(b)}`),
        expected: b,
        actual: a,
        related: [form.budget.cell],
      });
    }
    return out;
  },
};
