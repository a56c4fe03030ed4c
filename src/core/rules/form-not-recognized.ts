import { localize } from '../lang';
import { toA1 } from '../grid';
import { RULE_TEXT } from '../messages';
import type { Localized, SheetRule } from '../types';

/** Why a sheet is no 附件1: it names the sheet and the headings that were missing. */
export function notRecognizedReason(sheet: string, missing: readonly string[]): Localized {
  return localize(TEXT, 'notRecognized', { sheet, missing: missing.join('、'), missingEn: missing.join(', ') });
}

const TEXT = RULE_TEXT['form/not-recognized'];

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
    docs: TEXT.docs,
    messages: TEXT,
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
