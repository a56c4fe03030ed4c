import { msg, neutral, noteParams } from '../messages';
import { pct, rate4 } from '../parse';
import { shown } from '../compare';
import type { Report, Rule } from '../types';
import { deviations } from '../recompute';

export const indicatorDeviation: Rule = {
  meta: {
    id: 'indicator/deviation',
    severity: 'warning',
    section: 'indicators',
    fixable: false,
    docs: {
      zh: '累计性（流量）指标（赔付、支付、发放金额、拨付、报销、结算、补贴发放、预算执行率、人次等）：完成率 ÷ 时间进度 < 80% 黄灯、< 60% 红灯、≥ 120% 蓝灯（超进度）；存量指标（人数、各类比率、标准、时效、满意度等，以及定性或时限目标）：完成率 < 80% 黄灯、< 60% 红灯，不按时间进度折算。词表见 src/core/lexicon.ts，可在设置中修改；不在词表中的名称按流量处理（只会使灯色更宽松，不会误报红灯），并在说明中注明。完成率与重算值不符时按重算值定灯，并注明。',
      en: 'Flow indicators (赔付, 支付, 发放金额, 拨付, 报销, 结算, 补贴发放, budget execution, 人次 …): completion ÷ time progress < 80% yellow, < 60% red, ≥ 120% blue (ahead); stock indicators (headcounts, rates, standards, timeliness, satisfaction, and qualitative or deadline targets): completion < 80% yellow, < 60% red, not pro-rated. The lexicon is in src/core/lexicon.ts and editable in settings; a name it does not know is taken as a flow (which can only make a light milder, never a false red), and the message says so. When the stated rate disagrees with the recomputed one, the light uses the recomputed value and says so.',
    },
  },
  check({ form, settings }) {
    const tp = form.computed.timeProgress;
    const out: Report[] = [];
    for (const d of deviations(form)) {
      const ind = d.indicator;
      const cell = ind.rate.value !== null ? ind.rate.cell : ind.actual.cell;
      const light = msg(d.light === 'red' ? 'lightRed' : d.light === 'yellow' ? 'lightYellow' : 'lightBlue', {});
      const stated = ind.rate.value;
      // the light came from the recomputed rate because the stated one is wrong: say so
      const recomputed = ind.computed?.completionSource === 'computed' && stated !== null &&
        ind.computed.achievement === undefined && Math.abs(stated - d.completion) > 1e-9;
      const note = noteParams(
        recomputed && msg('recomputedIndicatorNote', { stated: shown(ind.rate), rate: pct(d.completion) }),
        ind.kind === 'flow' && ind.kindSource === 'assumed' && msg('kindAssumedNote', { name: ind.name }),
      );
      const common = { name: ind.name, rate: pct(d.completion), light: light.zh, lightEn: light.en, ...note };
      const severity = d.light === 'red' ? 'error' : d.light === 'yellow' ? 'warning' : 'info';
      if (ind.kind === 'flow') {
        out.push({
          cell,
          severity,
          light: d.light,
          message: msg(d.light === 'blue' ? 'overAchievement' : 'deviationFlow', { ...common, tp: pct(tp!), ratio: pct(d.ratio) }),
          arithmetic: neutral(`${pct(d.completion)} ÷ ${pct(tp!)} = ${pct(d.ratio)}`),
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
          arithmetic: neutral(`${pct(d.completion)} < ${pct(threshold, 0)}`),
          expected: threshold,
          actual: rate4(d.completion),
        });
      }
    }
    return out;
  },
};
