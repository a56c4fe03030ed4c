import type { Rule } from '../types';
import { baseline } from './baseline';

/** Reported by the baseline reporter (rules/baseline.ts) from the recogniser's notes. */
export const formStructure: Rule = {
  meta: {
    id: 'form/structure',
    severity: 'warning',
    section: 'form',
    fixable: false,
    docs: {
      zh: '工作表结构异常：同一部分出现两次、第二张附件1与第一张交错而无法分开（只校验第一张），或已用区域过大只读取了一部分。同一工作表上前后排列的多张附件1会分别校验，不在此列。',
      en: 'The sheet is unusual as a whole: a section appears twice, a second 附件1 interleaved with the first so that they cannot be told apart (only the first is checked), or a used range so large that only part was read. Several 附件1 one below the other are each checked, and are not reported here.',
    },
  },
  check: ({ form }) => baseline(form, 'form/structure'),
};
