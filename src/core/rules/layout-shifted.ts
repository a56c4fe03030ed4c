import { RULE_TEXT } from '../messages';
import type { Rule } from '../types';
import { baseline } from './baseline';

const TEXT = RULE_TEXT['layout/shifted'];

/** Reported by the baseline reporter (rules/baseline.ts) from the recogniser's notes. */
export const layoutShifted: Rule = {
  meta: {
    id: 'layout/shifted',
    severity: 'info',
    section: 'form',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check: ({ form }) => baseline(form, 'layout/shifted'),
};
