import { msg, neutral } from '../messages';
import { rate4 } from '../parse';
import type { Rule } from '../types';
import { agrees, pctApart, shown } from '../compare';
import { divisionFormula, rateFix } from './util';

export const budgetRateMismatch: Rule = {
  meta: {
    id: 'budget/rate-mismatch',
    severity: 'error',
    section: 'budget',
    fixable: true,
    docs: {
      zh: '填报的预算执行率与“执行数 ÷ 预算数（调整后）”不符（按表中显示的精度比较，至少容差 0.1 个百分点）；预算数为 0 时无法计算，也在此报告。',
      en: 'The stated budget execution rate differs from executed ÷ budget (compared at the precision the sheet shows, never tighter than 0.1 point); a zero budget, which makes the rate incomputable, is reported here too.',
    },
  },
  check({ form, grid, settings }) {
    const slot = form.executionRate;
    const computed = form.computed.executionRate;
    if (form.budget.value === 0) {
      return [{ cell: form.budget.cell, message: msg('zeroBudget', { executed: form.executed.value ?? '—' }), actual: 0 }];
    }
    if (slot.value === null || computed === null) return [];
    if (agrees(slot, computed, settings)) return [];
    return [{
      cell: slot.cell,
      message: msg('budgetRateMismatch', { stated: shown(slot), computed: pctApart(computed, slot) }),
      arithmetic: neutral(form.computed.executionArithmetic),
      expected: rate4(computed),
      actual: slot.value,
      fix: rateFix(slot, computed, divisionFormula(grid, form.executed.cell, form.budget.cell)),
      related: [form.executed.cell, form.budget.cell],
    }];
  },
};
