import { localize, sameInBoth } from '../lang';
import { MESSAGES, type MessageKey, RULE_TEXT } from '../messages';
import { pct, rate4 } from '../parse';
import type { Report, Rule, Slot } from '../types';
import { averageFormula, divisionFormula, rateFix } from './util';
import { isFormulaCell } from '../formula';

const TEXT = RULE_TEXT['field/missing'];

export const fieldMissing: Rule = {
  meta: {
    id: 'field/missing',
    severity: 'error',
    section: 'form',
    fixable: true,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form, grid }) {
    const out: Report[] = [];
    // a formula without a value is field/formula-not-calculated's, not an empty cell
    const formulaCell = (cell: string) => isFormulaCell(grid, cell);
    const plain = (slot: Slot<unknown>, key: MessageKey, section: Report['section']) => {
      if (slot.value === null && !slot.text && !formulaCell(slot.cell)) out.push({ cell: slot.cell, section, message: localize(TEXT, 'missingValue', { field: MESSAGES[key] }) });
    };
    plain(form.department, 'fieldDepartment', 'basic');
    plain(form.project, 'fieldProject', 'basic');
    plain(form.monitorPoint, 'fieldMonitorPoint', 'basic');
    plain(form.budget, 'fieldBudget', 'budget');
    plain(form.available, 'fieldAvailable', 'budget');
    plain(form.executed, 'fieldExecuted', 'budget');
    const c = form.computed;
    // the corrected formula is worked out only for a slot that is empty (it parses the cells it names)
    const withFix = (slot: Slot<number>, key: MessageKey, value: number | null, arithmetic: string, section: Report['section'], formula: () => string | undefined) => {
      if (slot.value !== null || slot.text || formulaCell(slot.cell)) return;
      if (value === null) {
        out.push({ cell: slot.cell, section, message: localize(TEXT, 'missingValue', { field: MESSAGES[key] }) });
        return;
      }
      out.push({
        cell: slot.cell,
        section,
        message: localize(TEXT, 'missingValueFix', { field: MESSAGES[key], value: pct(value) }),
        arithmetic: sameInBoth(arithmetic),
        expected: rate4(value),
        actual: null,
        fix: rateFix(slot, value, formula()),
      });
    };
    withFix(form.executionRate, 'fieldExecutionRate', c.executionRate,
      c.executionArithmetic, 'budget',
      () => divisionFormula(grid, form.executed.cell, form.budget.cell));
    withFix(form.overallRate, 'fieldOverallRate', c.overallRate, c.overallArithmetic, 'goal',
      () => averageFormula(grid, form.indicators.filter((i) => i.rate.value !== null && Number.isFinite(i.rate.value)).map((i) => i.rate.cell)));
    for (const ind of form.indicators) {
      if (ind.rate.value !== null || ind.rate.text || formulaCell(ind.rate.cell)) continue;
      if (ind.target.value === null || ind.actual.value === null) continue;
      const v = ind.computed?.rate ?? null;
      out.push({
        cell: ind.rate.cell,
        section: 'indicators',
        message: v === null
          ? localize(TEXT, 'missingIndicatorRate', { name: ind.name })
          : localize(TEXT, 'missingIndicatorRateFix', { name: ind.name, value: pct(v) }),
        arithmetic: ind.computed?.arithmetic,
        expected: v === null ? null : rate4(v),
        actual: null,
        fix: v === null ? undefined : rateFix(ind.rate, v, ind.parsedTarget.kind === 'number' ? divisionFormula(grid, ind.actual.cell, ind.target.cell) : undefined),
        related: [ind.target.cell, ind.actual.cell],
      });
    }
    return out;
  },
};
