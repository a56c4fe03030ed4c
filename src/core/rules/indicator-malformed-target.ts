import { localize } from '../lang';
import { RULE_TEXT } from '../messages';
import { amount, pct } from '../parse';
import type { Indicator, Report, Rule } from '../types';
import { reportEach } from './util';

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
  check: (ctx) => reportEach(ctx.form.indicators, ctx, malformedTarget),
};

/** A target that cannot be read as written, with the band it probably means when there is one. */
function malformedTarget(ind: Indicator): Report | undefined {
  const t = ind.parsedTarget;
  if (t.kind !== 'malformed') return undefined;
  const text = ind.target.text.trim();
  if (!t.likely) return { cell: ind.target.cell, message: localize(TEXT, 'malformedTargetNoGuess', { text }), actual: text };
  const likely = `${bound(t.likely.low, t.likely.percent)}≤x≤${bound(t.likely.high, t.likely.percent)}`;
  return {
    cell: ind.target.cell,
    message: localize(TEXT, 'malformedTarget', { text, likely }),
    actual: text,
    expected: likely,
    fix: { cell: ind.target.cell, value: likely, display: likely },
  };
}
