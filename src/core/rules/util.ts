/** Helpers shared by the rules. */
import { type Grid, formatValue, formulaAt, fromA1, valueAt } from '../grid';
import { parseRate, pct, rateTolerance, roundTo } from '../parse';
import type { Fix, Settings, Slot } from '../types';

/** Decimals of percent shown by a stated rate slot (`77%` → 0, `109.00%` → 2). */
export function shownDecimals(slot: Slot<number>): number {
  if (!slot.text) return 0;
  return slot.decimals ?? parseRate(slot.text, slot.value)?.decimals ?? 0;
}

/** True when a stated rate agrees with a computed one within the precision the sheet shows (design §3). */
export function agrees(slot: Slot<number>, computed: number, settings: Settings): boolean {
  if (slot.value === null) return false;
  return Math.abs(slot.value - computed) <= rateTolerance(shownDecimals(slot), settings.minTolerancePoints) + 1e-12;
}

/** A fix that writes a rate, keeping the cell's percent format or giving it `0.0%`. */
export function rateFix(slot: Slot<number> | Slot<string>, value: number, formula?: string): Fix {
  const own = slot.format && /%/.test(slot.format) ? slot.format : undefined;
  // a cell without a percent format gets one: whole percents as `0%`, others with one decimal
  const format = own ?? (Math.abs(value * 100 - Math.round(value * 100)) < 1e-9 ? '0%' : '0.0%');
  const fix: Fix = { cell: slot.cell, value: roundTo(value, 6), format: own ? undefined : format, display: formatValue(value, format) };
  // on a formula cell the engine offers the formula (and shows it), never the constant
  if (formula) fix.formula = formula;
  return fix;
}

/**
 * A recomputed rate with enough decimals that it visibly differs from the stated one: stated 96%
 * against 0.95454 reads 95.45%, not 95.5% (which itself rounds to 96%). One decimal at least, four at most.
 */
export function pctApart(computed: number, slot: Slot<number>): string {
  if (slot.value === null) return pct(computed);
  const shownD = shownDecimals(slot);
  const statedShown = roundTo(slot.value * 100, shownD);
  for (let d = 1; d <= 4; d++) {
    const e = roundTo(computed * 100, d);
    if (roundTo(e, shownD) !== statedShown) return pct(computed, d);
  }
  return pct(computed, 4);
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

/** How a stated rate reads in a message: its own text, or a percent. */
export function shown(slot: Slot<number>): string {
  return slot.text ? slot.text.trim() : slot.value === null ? '—' : pct(slot.value, 1);
}

import type { Indicator, RecognizedForm } from '../types';

export interface Deviation {
  indicator: Indicator;
  light: 'red' | 'yellow' | 'blue';
  /** completion ÷ 时间进度 for flows, completion for stocks */
  ratio: number;
  completion: number;
}

/**
 * Deviations of the indicators (design §4 indicator/deviation): a flow's completion ÷ 时间进度
 * below the yellow / red thresholds or at or above the blue one; a stock's completion below them.
 */
// The rules that read them run one after another on one form, so the last form's list is all that is
// remembered. (A WeakMap keyed by form kept every form's indicators alive through V8's young-generation
// collections, which treat ephemeron values as live: they were promoted, and the old generation grew
// with the number of files validated.)
let lastDeviations: { form: RecognizedForm; settings: Settings; list: Deviation[] } | null = null;

export function deviations(form: RecognizedForm, settings: Settings): Deviation[] {
  const hit = lastDeviations;
  if (hit && hit.form === form && hit.settings === settings) return hit.list;
  const list = computeDeviations(form, settings);
  lastDeviations = { form, settings, list };
  return list;
}

function computeDeviations(form: RecognizedForm, settings: Settings): Deviation[] {
  const tp = form.computed.timeProgress;
  const out: Deviation[] = [];
  for (const ind of form.indicators) {
    const completion = ind.computed?.completion ?? null;
    if (completion === null) continue;
    let ratio: number;
    if (ind.kind === 'flow') {
      if (tp === null || tp <= 0) continue;
      ratio = completion / tp;
      if (ratio >= settings.blueAtOrAbove) {
        out.push({ indicator: ind, light: 'blue', ratio, completion });
        continue;
      }
    } else {
      ratio = completion;
    }
    if (ratio < settings.redBelow) out.push({ indicator: ind, light: 'red', ratio, completion });
    else if (ratio < settings.yellowBelow) out.push({ indicator: ind, light: 'yellow', ratio, completion });
  }
  return out;
}
