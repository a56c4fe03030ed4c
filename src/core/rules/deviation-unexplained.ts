import { msg } from '../messages';
import { pct } from '../parse';
import type { Rule } from '../types';
import { deviations } from '../recompute';

export const deviationUnexplained: Rule = {
  meta: {
    id: 'deviation/unexplained',
    severity: 'warning',
    section: 'deviation',
    fixable: false,
    docs: {
      zh: '存在红灯或黄灯偏差（指标或预算执行），但“五、绩效目标执行出现的偏差和采取的措施”为空。',
      en: 'There are red or yellow deviations (indicators or budget execution) but section 五 (deviations and measures) is empty.',
    },
  },
  check({ form, settings }) {
    if (form.deviationText.value) return [];
    const list = deviations(form)
      .filter((d) => d.light !== 'blue')
      .map((d) => `${d.indicator.name} ${pct(d.completion)}`);
    const tp = form.computed.timeProgress;
    const rate = form.executionRate.value ?? form.computed.executionRate;
    if (tp && rate !== null && rate / tp < settings.yellowBelow) list.unshift(`预算执行率 ${pct(rate)}`);
    if (list.length === 0) return [];
    return [{
      cell: form.deviationText.cell,
      message: msg('deviationUnexplained', { list: list.join('、'), listEn: list.join(', ') }),
    }];
  },
};
