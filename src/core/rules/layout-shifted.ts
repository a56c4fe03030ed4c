import type { Rule } from '../types';
import { baseline } from './baseline';

/** Reported by the baseline reporter (rules/baseline.ts) from the recogniser's notes. */
export const layoutShifted: Rule = {
  meta: {
    id: 'layout/shifted',
    severity: 'info',
    section: 'form',
    fixable: false,
    docs: {
      zh: '某个值不在版式预期的行或列（如预算执行率在“其中”行、指标行错位、表头缺列），说明识别器是如何读取的。',
      en: 'A value was found outside its expected row or column (a rate on the 其中 row, a shifted indicator row, a missing header cell); shows how the recogniser read it.',
    },
  },
  check: ({ form }) => baseline(form, 'layout/shifted'),
};
