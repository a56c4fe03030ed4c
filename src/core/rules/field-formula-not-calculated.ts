import { localize } from '../lang';
import { fromA1 } from '../grid';
import { RULE_TEXT } from '../messages';
import type { Report, Rule } from '../types';

const TEXT = RULE_TEXT['field/formula-not-calculated'];

export const fieldFormulaNotCalculated: Rule = {
  meta: {
    id: 'field/formula-not-calculated',
    severity: 'warning',
    section: 'form',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form }) {
    const out: Report[] = [];
    const first = form.firstRow ?? 0;
    const last = form.lastRow ?? Number.POSITIVE_INFINITY;
    for (const f of form.formulaCells ?? []) {
      if (f.value !== null) continue;
      // the formulas of this form: from its title area down to its last row
      const { row } = fromA1(f.cell);
      if (row < first || row > last) continue;
      out.push({ cell: f.cell, message: localize(TEXT, 'formulaNotCalculated', { cell: f.cell, formula: f.formula }), actual: f.formula, expected: null });
    }
    return out;
  },
};
