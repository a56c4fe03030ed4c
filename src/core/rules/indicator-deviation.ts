import { msg } from '../messages';
import { pct, rate4 } from '../parse';
import type { Report, Rule } from '../types';
import { deviations } from './util';

export const indicatorDeviation: Rule = {
  meta: {
    id: 'indicator/deviation',
    severity: 'warning',
    section: 'indicators',
    fixable: false,
    docs: {
      zh: '累计性（流量）指标：完成率 ÷ 时间进度 < 80% 黄灯、< 60% 红灯、≥ 120% 蓝灯（超进度）；存量指标（参保人数、成功率、标准、满意度等）：完成率 < 80% 黄灯、< 60% 红灯，不按时间进度折算。',
      en: 'Flow indicators: completion ÷ time progress < 80% yellow, < 60% red, ≥ 120% blue (ahead); stock indicators (headcounts, success rates, standards, satisfaction): completion < 80% yellow, < 60% red, not pro-rated.',
    },
  },
  check({ form, settings }) {
    const tp = form.computed.timeProgress;
    const out: Report[] = [];
    for (const d of deviations(form, settings)) {
      const ind = d.indicator;
      const cell = ind.rate.value !== null ? ind.rate.cell : ind.actual.cell;
      const light = msg(d.light === 'red' ? 'lightRed' : d.light === 'yellow' ? 'lightYellow' : 'lightBlue', {});
      const common = { name: ind.name, rate: pct(d.completion), light: light.zh, lightEn: light.en };
      const severity = d.light === 'red' ? 'error' : d.light === 'yellow' ? 'warning' : 'info';
      if (ind.kind === 'flow') {
        out.push({
          cell,
          severity,
          light: d.light,
          message: msg(d.light === 'blue' ? 'overAchievement' : 'deviationFlow', { ...common, tp: pct(tp!), ratio: pct(d.ratio) }),
          arithmetic: `${pct(d.completion)} ÷ ${pct(tp!)} = ${pct(d.ratio)}`,
          expected: tp,
          actual: rate4(d.completion),
        });
      } else {
        const threshold = d.light === 'red' ? settings.redBelow : settings.yellowBelow;
        out.push({
          cell,
          severity,
          light: d.light,
          message: msg('deviationStock', { ...common, threshold: pct(threshold, 0) }),
          arithmetic: `${pct(d.completion)} < ${pct(threshold, 0)}`,
          expected: threshold,
          actual: rate4(d.completion),
        });
      }
    }
    return out;
  },
};
