import { msg, neutral } from '../messages';
import { amount } from '../parse';
import type { Report, Rule } from '../types';

export const budgetOverExecution: Rule = {
  meta: {
    id: 'budget/over-execution',
    severity: 'error',
    section: 'budget',
    fixable: false,
    docs: {
      zh: '执行数大于到位数，或到位数大于预算数。',
      en: 'Funds spent exceed funds received, or funds received exceed the budget.',
    },
  },
  check({ form }) {
    const out: Report[] = [];
    const b = form.budget.value;
    const a = form.available.value;
    const e = form.executed.value;
    if (e !== null && a !== null && e > a) {
      out.push({
        cell: form.executed.cell,
        message: msg('overExecution', { executed: amount(e), available: amount(a) }),
        arithmetic: neutral(`${amount(e)} > ${amount(a)}`),
        expected: a,
        actual: e,
        related: [form.available.cell],
      });
    }
    if (a !== null && b !== null && a > b) {
      out.push({
        cell: form.available.cell,
        message: msg('overAvailability', { available: amount(a), budget: amount(b) }),
        arithmetic: neutral(`${amount(a)} > ${amount(b)}`),
        expected: b,
        actual: a,
        related: [form.budget.cell],
      });
    }
    return out;
  },
};
