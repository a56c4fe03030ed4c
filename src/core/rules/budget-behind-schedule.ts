import { msg, noteParams } from '../messages';
import { pct, rate4 } from '../parse';
import type { Rule } from '../types';
import { shown } from '../compare';

export const budgetBehindSchedule: Rule = {
  meta: {
    id: 'budget/behind-schedule',
    severity: 'warning',
    section: 'budget',
    fixable: false,
    docs: {
      zh: '预算执行率 ÷ 时间进度 低于 80% 为黄灯（警告），低于 60% 为红灯（错误）；阈值可设置。填报的预算执行率与执行数 ÷ 预算数不符时，按重算值判定并注明。',
      en: 'Budget execution ÷ time progress below 80% is yellow (warning), below 60% red (error); thresholds are settings. When the stated rate disagrees with executed ÷ budget, the light uses the recomputed rate and says so.',
    },
  },
  check({ form, settings }) {
    const tp = form.computed.timeProgress;
    const stated = form.executionRate;
    // honest light (recompute.ts): the recomputed rate when the stated one is contradicted
    const { lightRate: rate, lightRateRecomputed: wrong } = form.computed;
    if (tp === null || tp <= 0 || rate === null) return [];
    const r = rate / tp;
    if (r >= settings.yellowBelow) return [];
    const red = r < settings.redBelow;
    const light = msg(red ? 'lightRed' : 'lightYellow', {});
    return [{
      cell: form.executionRate.value !== null ? form.executionRate.cell : form.executed.cell,
      severity: red ? 'error' : 'warning',
      light: red ? 'red' : 'yellow',
      message: msg('behindSchedule', {
        rate: pct(rate), tp: pct(tp), ratio: pct(r), light: light.zh, lightEn: light.en,
        ...noteParams(wrong && msg('recomputedBudgetNote', { stated: shown(stated), rate: pct(rate) })),
      }),
      arithmetic: msg('arithWithTimeProgress', { arithmetic: `${pct(rate)} ÷ ${pct(tp)} = ${pct(r)}`, tp: form.computed.timeProgressArithmetic }),
      expected: rate4(tp),
      actual: rate4(rate),
    }];
  },
};
