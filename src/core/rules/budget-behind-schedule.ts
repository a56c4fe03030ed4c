import { localize } from '../lang';
import { MESSAGES, noteParams, RULE_TEXT } from '../messages';
import { pct, rate4 } from '../parse';
import type { Rule } from '../types';
import { shown } from '../compare';

const TEXT = RULE_TEXT['budget/behind-schedule'];

export const budgetBehindSchedule: Rule = {
  meta: {
    id: 'budget/behind-schedule',
    severity: 'warning',
    section: 'budget',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form, settings }) {
    const tp = form.computed.timeProgress;
    const stated = form.executionRate;
    // honest light (recompute.ts): the recomputed rate when the stated one is contradicted
    const { lightRate: rate, lightRateRecomputed: wrong } = form.computed;
    if (tp === null || tp <= 0 || rate === null) return [];
    const r = rate / tp;
    if (r >= settings.yellowBelow) return [];
    const red = r < settings.redBelow;
    const light = MESSAGES[red ? 'lightRed' : 'lightYellow'];
    return [{
      cell: form.executionRate.value !== null ? form.executionRate.cell : form.executed.cell,
      severity: red ? 'error' : 'warning',
      light: red ? 'red' : 'yellow',
      message: localize(TEXT, 'behindSchedule', {
        rate: pct(rate), tp: pct(tp), ratio: pct(r), light,
        ...noteParams(wrong && localize(TEXT, 'recomputedBudgetNote', { stated: shown(stated), rate: pct(rate) })),
      }),
      arithmetic: localize(TEXT, 'arithWithTimeProgress', { arithmetic: `${pct(rate) } ÷ ${pct(tp)} = ${pct(r)}`, tp: form.computed.timeProgressArithmetic }),
      expected: rate4(tp),
      actual: rate4(rate),
    }];
  },
};
