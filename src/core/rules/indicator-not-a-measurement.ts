import { msg } from '../messages';
import type { Report, Rule } from '../types';

export const indicatorNotAMeasurement: Rule = {
  meta: {
    id: 'indicator/not-a-measurement',
    severity: 'warning',
    section: 'indicators',
    fixable: false,
    docs: {
      zh: '指标完成值照抄预期值，或本身是不等式（如 `≥95%`），不是实际完成的结果。',
      en: 'The actual repeats the target text or is itself an inequality (`≥95%`) rather than a measured result.',
    },
  },
  check({ form }) {
    const out: Report[] = [];
    for (const ind of form.indicators) {
      if (!ind.computed?.notMeasurement) continue;
      const inequality = ind.parsedActual.kind === 'inequality';
      const actual = ind.actual.text.trim();
      out.push({
        cell: ind.actual.cell,
        message: msg(inequality ? 'notMeasurementInequality' : 'notMeasurementRepeat', { name: ind.name, actual }),
        actual,
        related: [ind.target.cell],
      });
    }
    return out;
  },
};
