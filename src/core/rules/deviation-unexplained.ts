import { type Localized, joinLocalized, localize, sameInBoth } from '../lang';
import { RULE_TEXT } from '../messages';
import { pct } from '../parse';
import type { Rule } from '../types';
import { deviations } from '../recompute';

const TEXT = RULE_TEXT['deviation/unexplained'];

export const deviationUnexplained: Rule = {
  meta: {
    id: 'deviation/unexplained',
    severity: 'warning',
    section: 'deviation',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form, settings }) {
    if (form.deviationText.value) return [];
    const list: Localized[] = deviations(form)
      .filter((d) => d.light !== 'blue')
      .map((d) => sameInBoth(`${d.indicator.name} ${pct(d.completion)}`));
    const tp = form.computed.timeProgress;
    const rate = form.executionRate.value ?? form.computed.executionRate;
    if (tp && rate !== null && rate / tp < settings.yellowBelow) list.unshift(localize(TEXT, 'budgetExecutionItem', { rate: pct(rate) }));
    if (list.length === 0) return [];
    return [{
      cell: form.deviationText.cell,
      message: localize(TEXT, 'deviationUnexplained', { list: joinLocalized(list, TEXT.listSeparator) }),
    }];
  },
};
