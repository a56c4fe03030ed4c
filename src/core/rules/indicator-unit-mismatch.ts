import { localize } from '../lang';
import { MESSAGES, RULE_TEXT } from '../messages';
import type { Indicator, Report, Rule } from '../types';
import { reportEach } from './util';

/**
 * The target and the actual are in units that cannot be compared: a rate target with an amount as
 * actual (`95%–105%` against `10625`), an amount target with a rate as actual, or two different units.
 */
export function unitMismatch(ind: Pick<Indicator, 'parsedTarget' | 'parsedActual'>): boolean {
  const t = ind.parsedTarget;
  const a = ind.parsedActual;
  if (a.kind !== 'number') return false;
  const targetPercent =
    t.kind === 'number' || t.kind === 'comparator' || t.kind === 'band' ? t.percent : t.kind === 'malformed' ? !!t.likely?.percent : false;
  if (targetPercent && !a.percent && Math.abs(a.value) > 2) return true;
  if (t.kind === 'number' && !t.percent && a.percent) return true;
  return t.kind === 'number' && !!t.unit && !!a.unit && t.unit !== a.unit;
}

const TEXT = RULE_TEXT['indicator/unit-mismatch'];

export const indicatorUnitMismatch: Rule = {
  meta: {
    id: 'indicator/unit-mismatch',
    severity: 'warning',
    section: 'indicators',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check: (ctx) => reportEach(ctx.form.indicators, ctx, unitMismatchReport),
};

/** A target and an actual in units that cannot be compared. */
function unitMismatchReport(ind: Indicator): Report | undefined {
  if (!ind.computed?.unitMismatch) return undefined;
  const a = ind.parsedActual;
  const actualIsPct = a.kind === 'number' && a.percent;
  return {
    cell: ind.actual.cell,
    message: localize(TEXT, 'unitMismatch', {
      name: ind.name,
      target: ind.target.text.trim(),
      actual: ind.actual.text.trim(),
      targetKind: MESSAGES[actualIsPct ? 'kindQuantity' : 'kindRate'],
      actualKind: MESSAGES[actualIsPct ? 'kindRate' : 'kindAmount'],
    }),
    actual: ind.actual.text.trim(),
    related: [ind.target.cell],
  };
}
