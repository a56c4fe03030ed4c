import { localize } from '../lang';
import { RULE_TEXT } from '../messages';
import type { Report, Rule } from '../types';

const TEXT = RULE_TEXT['field/unreadable-period'];

export const fieldUnreadablePeriod: Rule = {
  meta: {
    id: 'field/unreadable-period',
    severity: 'error',
    section: 'basic',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form }) {
    const out: Report[] = [];
    const c = form.computed;
    if (c.monitorPointUnreadable) {
      const text = (form.monitorPoint.value ?? '').trim();
      out.push({ cell: form.monitorPoint.cell, message: localize(TEXT, 'unreadableMonitorPoint', { text }), actual: text, expected: null });
    }
    if (c.periodUnreadable) {
      const text = (form.period.value ?? '').trim();
      out.push({ cell: form.period.cell, severity: 'warning', message: localize(TEXT, 'unreadablePeriod', { text }), actual: text, expected: null });
    }
    return out;
  },
};
