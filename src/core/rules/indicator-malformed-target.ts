import { localize } from '../lang';
import { RULE_TEXT } from '../messages';
import { amount, pct } from '../parse';
import type { Report, Rule } from '../types';

const bound = (v: number, percent: boolean) => (percent ? pct(v, Number.isInteger(Math.round(v * 1e6) / 1e4) ? 0 : 2) : amount(v));

const TEXT = RULE_TEXT['indicator/malformed-target'];

export const indicatorMalformedTarget: Rule = {
  meta: {
    id: 'indicator/malformed-target',
    severity: 'error',
    section: 'indicators',
    fixable: true,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form }) {
    const out: Report[] = [];
    for (const ind of form.indicators) {
      const t = ind.parsedTarget;
      if (t.kind !== 'malformed') continue;
      const text = ind.target.text.trim();
      if (!t.likely) {
        out.push({ cell: ind.target.cell, message: localize(TEXT, 'malformedTargetNoGuess', { text }), actual: text });
        continue;
      }
      const likely = `${bound(t.likely.low, t.likely.percent)}≤x≤${bound(t.likely.high, t.likely.percent)}`;
      out.push({
        cell: ind.target.cell,
        message: localize(TEXT, 'malformedTarget', { text, likely }),
        actual: text,
        expected: likely,
        fix: { cell: ind.target.cell, value: likely, display: likely },
      });
    }
    return out;
  },
};
