import { msg } from '../messages';
import type { Report, Rule } from '../types';

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
      if (!ind.computed?.unitMismatch) continue;
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
