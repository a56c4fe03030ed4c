import type { Rule } from '../types';
import { baseline } from './baseline';

/** Reported by the baseline reporter (rules/baseline.ts) from the recogniser's notes. */
export const fieldNotANumber: Rule = {
  meta: {
    id: 'field/not-a-number',
    severity: 'error',
    section: 'form',
    fixable: false,
    docs: {
      zh: '应为数字的单元格（预算数、到位数、执行数、各完成率）中是文字或错误值、金额为负数，或比率高达 1000% 以上。',
      en: 'A cell that must hold a number (budget, funds received or spent, a rate) holds text or an error value, a negative amount, or a rate of 1000% or more.',
    },
  },
  check: ({ form }) => baseline(form, 'field/not-a-number'),
};
