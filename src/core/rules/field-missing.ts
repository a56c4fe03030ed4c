import { localize, sameInBoth } from '../lang';
import { MESSAGES, type MessageKey, RULE_TEXT } from '../messages';
import { pct, rate4 } from '../parse';
import type { Grid } from '../grid';
import type { Indicator, Report, Rule, RuleContext, Slot } from '../types';
import { averageFormula, divisionFormula, rateFix, reportEach } from './util';
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
  check(ctx) {
    const { form, grid } = ctx;
    const out: Report[] = [];
    if (empty(form.department, grid)) out.push(missing(form.department, 'fieldDepartment', 'basic'));
    if (empty(form.project, grid)) out.push(missing(form.project, 'fieldProject', 'basic'));
    if (empty(form.monitorPoint, grid)) out.push(missing(form.monitorPoint, 'fieldMonitorPoint', 'basic'));
    if (empty(form.budget, grid)) out.push(missing(form.budget, 'fieldBudget', 'budget'));
    if (empty(form.available, grid)) out.push(missing(form.available, 'fieldAvailable', 'budget'));
    if (empty(form.executed, grid)) out.push(missing(form.executed, 'fieldExecuted', 'budget'));
    const c = form.computed;
    // the corrected formula is worked out only for a slot that is empty (it parses the cells it names)
    if (empty(form.executionRate, grid)) {
      const formula = () => divisionFormula(grid, form.executed.cell, form.budget.cell);
      out.push(missingRate(form.executionRate, 'fieldExecutionRate', c.executionRate, c.executionArithmetic, 'budget', formula));
    }
    if (empty(form.overallRate, grid)) {
      const formula = () => averageFormula(grid, form.indicators.filter((i) => i.rate.value !== null && Number.isFinite(i.rate.value)).map((i) => i.rate.cell));
      out.push(missingRate(form.overallRate, 'fieldOverallRate', c.overallRate, c.overallArithmetic, 'goal', formula));
    }
    return reportEach(form.indicators, ctx, missingIndicatorRate, out);
  },
};

/** Nothing in the cell: no value, no text, and no formula (a formula without a value is field/formula-not-calculated's, not an empty cell). */
function empty(slot: Slot<unknown>, grid: Grid): boolean {
  return slot.value === null && !slot.text && !isFormulaCell(grid, slot.cell);
}

/** An empty required value. */
function missing(slot: Slot<unknown>, key: MessageKey, section: Report['section']): Report {
  return { cell: slot.cell, section, message: localize(TEXT, 'missingValue', { field: MESSAGES[key] }) };
}

/** An empty rate of the form: its value and fix when it can be worked out. */
function missingRate(slot: Slot<number>, key: MessageKey, value: number | null, arithmetic: string, section: Report['section'], formula: () => string | undefined): Report {
  if (value === null) return missing(slot, key, section);
  return {
    cell: slot.cell,
    section,
    message: localize(TEXT, 'missingValueFix', { field: MESSAGES[key], value: pct(value) }),
    arithmetic: sameInBoth(arithmetic),
    expected: rate4(value),
    actual: null,
    fix: rateFix(slot, value, formula()),
  };
}

/** An empty rate of an indicator that has a target and an actual: its value and fix when it can be worked out. */
function missingIndicatorRate(ind: Indicator, { grid }: RuleContext): Report | undefined {
  if (!empty(ind.rate, grid) || ind.target.value === null || ind.actual.value === null) return undefined;
  const v = ind.computed?.rate ?? null;
  return {
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
  };
}
