import { toA1 } from '../grid';
import { msg } from '../messages';
import type { Localized, SheetRule } from '../types';

/** Why a sheet is no 附件1: it names the sheet and the headings that were missing. */
export function notRecognizedReason(sheet: string, missing: readonly string[]): Localized {
  return msg('notRecognized', { sheet, missing: missing.join('、'), missingEn: missing.join(', ') });
}

/**
 * The sheet is not a 附件1: a sheet rule, it looks at what the recogniser made of the sheet as a
 * whole; the message names the headings that were missing.
 */
export const formNotRecognized: SheetRule = {
  scope: 'sheet',
  meta: {
    id: 'form/not-recognized',
    severity: 'warning',
    section: 'form',
    fixable: false,
    docs: {
      zh: '工作表不是附件1：找不到“二、预算执行情况”或“四、年度绩效指标完成情况”等标题；消息列出缺少的标题。',
      en: 'The sheet is not a 附件1: the budget or indicator section headings were not found; the message lists the missing headings.',
    },
  },
  check({ grid, missing }) {
    if (missing === null) return [];
    return [{
      cell: toA1(grid.top, grid.left),
      message: notRecognizedReason(grid.name, missing),
      expected: missing.join('、'),
      actual: null,
    }];
  },
};
