import { fromA1 } from '../grid';
import { msg } from '../messages';
import type { Report, Rule } from '../types';

export const fieldFormulaNotCalculated: Rule = {
  meta: {
    id: 'field/formula-not-calculated',
    severity: 'warning',
    section: 'form',
    fixable: false,
    docs: {
      zh: '公式单元格没有计算结果（工作簿未重新计算就保存，或由程序生成）。引擎先用 Excel 缓存的结果；没有时计算简单算术（单元格引用、+ - * /、括号、ROUND、SUM、AVERAGE）；仍无法计算的在此报告，并给出公式。修正不会用常数覆盖公式：只给出更正后的公式，或不给修正。',
      en: 'A formula cell has no calculated value (saved without recalculating, or written by a program). The engine uses Excel\'s cached value; without one it evaluates simple arithmetic (cell references, + - * /, parentheses, ROUND, SUM, AVERAGE); what it still cannot evaluate is reported here with the formula. A fix never replaces a formula with a constant: it offers a corrected formula, or nothing.',
    },
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
      out.push({ cell: f.cell, message: msg('formulaNotCalculated', { cell: f.cell, formula: f.formula }), actual: f.formula, expected: null });
    }
    return out;
  },
};
