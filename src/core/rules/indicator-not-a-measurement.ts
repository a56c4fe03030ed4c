import { localize } from '../lang';
import { RULE_TEXT } from '../messages';
import { normalize } from '../parse';
import type { Indicator, Report, Rule } from '../types';
import { reportEach } from './util';

/** The actual repeats the target's text (a measured number equal to its target is a result, not a repeat). */
export function repeatsTarget(ind: Pick<Indicator, 'target' | 'actual' | 'parsedActual'>): boolean {
  const target = ind.target.value ?? '';
  const actual = ind.actual.value ?? '';
  return !!target && !!actual && ind.parsedActual.kind !== 'number' && normalize(target) === normalize(actual);
}

export type NotAMeasurement = 'inequality' | 'repeat';

/**
 * Why an actual is no measurement: it is an inequality (`≥95%`), or it repeats the target's text;
 * null when it is a result. recompute.ts takes such an actual as a claim that the target is met.
 */
export function notAMeasurement(ind: Pick<Indicator, 'target' | 'actual' | 'parsedActual'>): NotAMeasurement | null {
  if (ind.parsedActual.kind === 'inequality') return 'inequality';
  return repeatsTarget(ind) ? 'repeat' : null;
}

const TEXT = RULE_TEXT['indicator/not-a-measurement'];

export const indicatorNotAMeasurement: Rule = {
  meta: {
    id: 'indicator/not-a-measurement',
    severity: 'warning',
    section: 'indicators',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check: (ctx) => reportEach(ctx.form.indicators, ctx, notMeasured),
};

/** An actual that is no measurement: an inequality, or the target's text repeated. */
function notMeasured(ind: Indicator): Report | undefined {
  const why = ind.computed?.notAMeasurement;
  if (!why) return undefined;
  const actual = ind.actual.text.trim();
  return {
    cell: ind.actual.cell,
    message: localize(TEXT, why === 'inequality' ? 'notMeasurementInequality' : 'notMeasurementRepeat', { name: ind.name, actual }),
    actual,
    related: [ind.target.cell],
  };
}
