/**
 * The flow/stock lexicon of indicator names (design §3), used by `indicator/deviation`.
 *
 * Why two classes. A **flow** accumulates over the year: money paid out, claims settled, visits.
 * At the 监控时点 only part of the year's target can have happened, so a flow's completion is
 * compared with 时间进度 (65% paid at 75% of the year is 87% of schedule). A **stock** is a level
 * that is either reached or not whenever it is measured: a headcount insured, a rate, a standard,
 * satisfaction. It is compared with its annual target as it stands.
 *
 * How a name is classed. Every word of both lists found in the name is a candidate; the word that
 * ends last wins, and of two ending at the same place the longer — a Chinese compound names its
 * head last (`补贴发放人数` is a headcount, `养老金发放时效` a timeliness, `基金支出预算执行率` an
 * execution rate, `待遇首次发放成功率` a rate). An indicator whose target is qualitative or a
 * deadline is judged by 达成 / 未达成, never against time, and is a stock whatever its name.
 *
 * A name no word matches is classed as a **flow**: completion ÷ 时间进度 is never below the
 * completion itself while 时间进度 ≤ 100%, so the assumption can make a light milder, never
 * redder. The deviation finding says that the class was assumed.
 *
 * The lists are settings (`kindLexicon`): an office adds its own words in the pane's settings.
 */
import { normalize, type ParsedTarget } from './parse';
import type { IndicatorKind, KindLexicon } from './types';

export const DEFAULT_KIND_LEXICON: KindLexicon = {
  flow: [
    // money paid out or received over the year
    '赔付', '支付', '发放金额', '拨付', '报销', '结算', '补贴发放', '支出金额', '支付金额', '报销金额',
    '收入金额', '拨付金额', '资金支出', '基金支出', '支出额', '收入额', '征缴', '清算',
    // execution of the year's budget
    '预算执行率', '执行进度', '拨付率', '支付进度', '支出进度',
    // counts that accumulate
    '人次', '累计', '新增',
  ],
  stock: [
    // headcounts and coverage
    '人数', '户数', '参保人', '覆盖面', '覆盖率',
    // rates and levels
    '率', '比例', '占比', '标准', '水平', '成功率', '准确率', '合格率', '知晓率', '上访率',
    // timeliness and compliance, met or not whenever measured
    '时效', '及时', '按时', '首次发放', '符合', '规定', '合规', '政策',
    // satisfaction
    '满意度', '满意',
  ],
};

export interface Classification {
  kind: IndicatorKind;
  /** how the class was decided */
  source: 'lexicon' | 'target' | 'assumed';
  /** the lexicon word that decided it */
  word?: string;
}

const normalizedLists = new WeakMap<readonly string[], [string, string][]>();

/** Each word with its normalised form, computed once per list. */
function normalizedWords(words: readonly string[]): [string, string][] {
  let out = normalizedLists.get(words);
  if (!out) {
    out = words.map((w) => [w, normalize(w)]);
    normalizedLists.set(words, out);
  }
  return out;
}

/** Class of an indicator from its name (and target: a qualitative or deadline target is a stock). */
export function classifyName(name: string, lexicon: KindLexicon = DEFAULT_KIND_LEXICON, target?: ParsedTarget): Classification {
  if (target && (target.kind === 'qualitative' || target.kind === 'deadline')) return { kind: 'stock', source: 'target' };
  // names repeat (the same form validated again, a batch of one template): classify each once per lexicon
  let cache = classified.get(lexicon);
  if (!cache) {
    cache = new Map();
    classified.set(lexicon, cache);
  }
  const hit = cache.get(name);
  if (hit) return hit;
  const out = classifyUncached(name, lexicon);
  if (cache.size > 5000) cache.clear();
  cache.set(name, out);
  return out;
}

const classified = new WeakMap<KindLexicon, Map<string, Classification>>();

function classifyUncached(name: string, lexicon: KindLexicon): Classification {
  const n = normalize(name);
  let best: { kind: IndicatorKind; word: string; end: number } | null = null;
  const consider = (kind: IndicatorKind, words: readonly string[]) => {
    for (const [w, word] of normalizedWords(words)) {
      if (!word) continue;
      const at = n.lastIndexOf(word);
      if (at < 0) continue;
      const end = at + word.length;
      if (!best || end > best.end || (end === best.end && word.length > best.word.length)) best = { kind, word: w, end };
    }
  };
  consider('flow', lexicon.flow);
  consider('stock', lexicon.stock);
  const found = best as { kind: IndicatorKind; word: string; end: number } | null;
  if (found) return { kind: found.kind, source: 'lexicon', word: found.word };
  return { kind: 'flow', source: 'assumed' };
}
