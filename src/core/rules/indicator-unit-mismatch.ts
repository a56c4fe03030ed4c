import { msg } from '../messages';
import type { Indicator, Report, Rule } from '../types';

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

export const indicatorUnitMismatch: Rule = {
  meta: {
    id: 'indicator/unit-mismatch',
    severity: 'warning',
    section: 'indicators',
    fixable: false,
    docs: {
      zh: '预期值是比率而完成值是金额或数量（如 `95%–105%` 对 `10625`），或两者单位不同，无法比较。',
      en: 'A rate target with an amount as actual (`95%–105%` vs `10625`), or different units: the two cannot be compared.',
    },
  },
  check({ form }) {
    const out: Report[] = [];
    for (const ind of form.indicators) {
      if (!unitMismatch(ind)) continue;
      const a = ind.parsedActual;
      const actualIsPct = a.kind === 'number' && a.percent;
      out.push({
        cell: ind.actual.cell,
        message: msg('unitMismatch', {
          name: ind.name,
          target: ind.target.text.trim(),
          actual: ind.actual.text.trim(),
          targetKind: actualIsPct ? '数量' : '比率',
          targetKindEn: actualIsPct ? 'quantity' : 'rate',
          actualKind: actualIsPct ? '比率' : '金额或数量',
          actualKindEn: actualIsPct ? 'rate' : 'amount',
        }),
        actual: ind.actual.text.trim(),
        related: [ind.target.cell],
      });
    }
    return out;
  },
};
