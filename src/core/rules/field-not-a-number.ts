import { RULE_TEXT } from '../messages';
import type { Rule } from '../types';
import { baseline } from './baseline';

const TEXT = RULE_TEXT['field/not-a-number'];

/** Reported by the baseline reporter (rules/baseline.ts) from the recogniser's notes. */
export const fieldNotANumber: Rule = {
  meta: {
    id: 'field/not-a-number',
    severity: 'error',
    section: 'form',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check: ({ form }) => baseline(form, 'field/not-a-number'),
};
