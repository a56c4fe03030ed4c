import { RULE_TEXT } from '../messages';
import type { Rule } from '../types';
import { baseline } from './baseline';

const TEXT = RULE_TEXT['form/structure'];

/** Reported by the baseline reporter (rules/baseline.ts) from the recogniser's notes. */
export const formStructure: Rule = {
  meta: {
    id: 'form/structure',
    severity: 'warning',
    section: 'form',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check: ({ form }) => baseline(form, 'form/structure'),
};
