import { localize, sameInBoth } from '../lang';
import { RULE_TEXT } from '../messages';
import { normalize, pct } from '../parse';
import type { Report, Rule } from '../types';
import { deviations } from '../recompute';

/** Words an indicator name ends with, used to find the names an explanation mentions. */
const SUFFIX = /(人数|人次|户数|成功率|执行率|覆盖率|发放率|到位率|满意度|标准|金额)/g;
/**
 * The characters just before a suffix that can belong to the name: the run at the end of the text
 * with no clause boundary, no function word that never starts an indicator name, and no digit or
 * `%` (a figure ends the name too).
 */
const NAME_START = /[^,.;:!?()、。，；：！？（）\s为是比与和及的对在了由因将把从向较\d%]*$/;
const PREFIX = /^(确保|保证|主要|其中|由于|因为|后期|今后|下一步|精准|统计|实际|预计|预期|计划|目标|全年|年度|本年|当前|目前|截至)+/;
const GENERIC = new Set(['人数', '人次', '户数', '完成率', '总体完成率', '执行率', '标准', '金额', '满意度', '成功率']);

/** Indicator-like names an explanation text mentions: `主要为领取待遇人数比预计人数低` → [领取待遇人数]. */
export function mentionedNames(text: string): string[] {
  const s = normalize(text);
  const out: string[] = [];
  for (const m of s.matchAll(SUFFIX)) {
    // a name is at most 16 characters, suffix included: its start is looked for in the 16 before its end
    const end = m.index! + m[0].length;
    const lead = NAME_START.exec(s.slice(Math.max(0, end - 16), m.index))![0];
    const name = (lead + m[0]).replace(PREFIX, '');
    if (name.length < 3 || GENERIC.has(name)) continue;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

const TEXT = RULE_TEXT['deviation/explanation-mismatch'];

export const deviationExplanationMismatch: Rule = {
  meta: {
    id: 'deviation/explanation-mismatch',
    severity: 'warning',
    section: 'deviation',
    fixable: false,
    docs: TEXT.docs,
    messages: TEXT,
  },
  check({ form }) {
    const text = form.deviationText.value;
    if (!text) return [];
    const named = mentionedNames(text);
    if (named.length === 0) return [];
    const names = form.indicators.map((i) => normalize(i.name));
    const onForm = (n: string) => names.some((x) => x.includes(n) || n.includes(x));
    const devs = deviations(form).filter((d) => d.light !== 'blue').sort((a, b) => a.ratio - b.ratio);
    const largest = devs[0];
    const largestHint = largest
      ? localize(TEXT, 'largestHint', { name: largest.indicator.name, rate: pct(largest.completion) })
      : sameInBoth('');
    const out: Report[] = [];
    for (const n of named.filter((x) => !onForm(x))) {
      out.push({
        cell: form.deviationText.cell,
        message: localize(TEXT, 'explanationUnknown', { named: n, largest: largestHint }),
        actual: n,
        expected: largest?.indicator.name ?? null,
        related: largest ? [largest.indicator.rate.cell] : undefined,
      });
    }
    const known = named.filter(onForm);
    if (out.length === 0 && largest && known.length > 0) {
      const largestName = normalize(largest.indicator.name);
      const mentionsLargest = known.some((n) => largestName.includes(n) || n.includes(largestName));
      if (!mentionsLargest) {
        out.push({
          cell: form.deviationText.cell,
          message: localize(TEXT, 'explanationNotLargest', { named: known.join('、'), largest: largest.indicator.name, rate: pct(largest.completion) }),
          actual: known.join('、'),
          expected: largest.indicator.name,
          related: [largest.indicator.rate.cell],
        });
      }
    }
    return out;
  },
};
