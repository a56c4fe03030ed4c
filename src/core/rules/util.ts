/** Helpers shared by the rules. */
import { type Grid, formatValue, formulaAt, fromA1, valueAt } from '../grid';
import { roundTo } from '../parse';
import type { Fix, Report, RuleContext, Slot } from '../types';

/** A fix that writes a rate, keeping the cell's percent format or giving it `0.0%`. */
export function rateFix(slot: Slot<number> | Slot<string>, value: number, formula?: string): Fix {
  const own = slot.format?.includes('%') ? slot.format : undefined;
  // a cell without a percent format gets one: whole percents as `0%`, others with one decimal
  const format = own ?? (Math.abs(value * 100 - Math.round(value * 100)) < 1e-9 ? '0%' : '0.0%');
  const fix: Fix = { cell: slot.cell, value: roundTo(value, 6), format: own ? undefined : format, display: formatValue(value, format) };
  // on a formula cell the engine offers the formula (and shows it), never the constant
  if (formula) fix.formula = formula;
  return fix;
}

/** True when the cell holds a number or a formula on its own, so a corrected formula can refer to it. */
export function referable(grid: Grid, cell: string): boolean {
  const { row, col } = fromA1(cell);
  const r = row - grid.top;
  const c = col - grid.left;
  return typeof valueAt(grid, r, c) === 'number' || !!formulaAt(grid, r, c);
}

/** `=G8/C8` when both cells can be referred to; undefined otherwise. */
export function divisionFormula(grid: Grid, numerator: string, denominator: string): string | undefined {
  return referable(grid, numerator) && referable(grid, denominator) ? `=${numerator}/${denominator}` : undefined;
}

/** `=AVERAGE(G14,G15,…)` when every cell can be referred to; undefined otherwise. */
export function averageFormula(grid: Grid, cells: string[]): string | undefined {
  return cells.length > 0 && cells.every((c) => referable(grid, c)) ? `=AVERAGE(${cells.join(',')})` : undefined;
}

/**
 * The reports of a rule that looks at each item (an indicator, a deviation) on its own, in order,
 * appended to `out`: `report` gives an item's finding, or undefined. One loop for every such rule, so
 * the JIT compiles it once (a batch of 1,000 files is mostly warm-up), and each rule keeps only what
 * it finds in one item.
 */
export function reportEach<T>(items: readonly T[], ctx: RuleContext, report: (item: T, ctx: RuleContext) => Report | undefined, out: Report[] = []): Report[] {
  for (const item of items) {
    const r = report(item, ctx);
    if (r) out.push(r);
  }
  return out;
}
