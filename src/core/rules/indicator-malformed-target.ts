import { msg } from '../messages';
import { amount, pct } from '../parse';
import type { Report, Rule } from '../types';

const bound = (v: number, percent: boolean) => (percent ? pct(v, Number.isInteger(Math.round(v * 1e6) / 1e4) ? 0 : 2) : amount(v));

export const indicatorMalformedTarget: Rule = {
  meta: {
    id: 'indicator/malformed-target',
    severity: 'error',
    section: 'indicators',
    fixable: true,
    docs: {
      zh: '预期指标值写法无法读懂（如 `105%≤≥95%`、`105%≤95%`，或数字与比较符号夹杂其他字符），并在有两个数时给出最可能的含义（95%≤x≤105%）。含数字和比较符号却无法读懂的不会被当作定性指标；纯文字的定性指标不在此列。',
      en: 'A target cannot be read as written (`105%≤≥95%`, `105%≤95%`, or digits and comparison signs among stray characters); with two numbers the likely reading (95%≤x≤105%) is offered. A target with digits and comparison signs that cannot be read is never taken as qualitative; plainly qualitative text is not reported.',
    },
  },
  check({ form }) {
    const out: Report[] = [];
    for (const ind of form.indicators) {
      const t = ind.parsedTarget;
      if (t.kind !== 'malformed') continue;
      const text = ind.target.text.trim();
      if (!t.likely) {
        out.push({ cell: ind.target.cell, message: msg('malformedTargetNoGuess', { text }), actual: text });
        continue;
      }
      const likely = `${bound(t.likely.low, t.likely.percent)}≤x≤${bound(t.likely.high, t.likely.percent)}`;
      out.push({
        cell: ind.target.cell,
        message: msg('malformedTarget', { text, likely }),
        actual: text,
        expected: likely,
        fix: { cell: ind.target.cell, value: likely, display: likely },
      });
    }
    return out;
  },
};
