/**
 * The scoring rubric of the 附件2 review row (design §6), kept as plain JSON so it can be edited in
 * settings. DEFAULT_RUBRIC reproduces the seed's 附件2.
 */
import type { Localized } from '../core';
import { type Params, localize } from '../core';
import { REVIEW_MESSAGES } from './messages';

const say = (key: keyof typeof REVIEW_MESSAGES, params?: Params): Localized => localize(REVIEW_MESSAGES, key, params);

export interface ThresholdRule {
  /** the full score of the column */
  max: number;
  /** the rate at or above which the full score is given; below it the score is max × rate ÷ fullAt */
  fullAt: number;
}

export interface Rubric {
  version: 1;
  /** 预算执行情况: on 执行数 ÷ 到位数 (到位资金执行率) */
  budget: ThresholdRule;
  /** 绩效目标完成情况: on 总体完成率 */
  goal: ThresholdRule;
  /** 目标偏离及应对情况: max, minus `penalty` once when any enabled condition holds */
  deviation: {
    max: number;
    penalty: number;
    /** section 五 (偏差和采取的措施) is empty */
    whenExplanationEmpty: boolean;
    /** 总体完成率 < 时间进度 */
    whenBelowTimeProgress: boolean;
  };
  /** 按时报送: entered by the reviewer; `default` is used when none is given */
  timely: { max: number; default: number };
  /** decimals scores are rounded to */
  decimals: number;
}

export const DEFAULT_RUBRIC: Rubric = {
  version: 1,
  budget: { max: 30, fullAt: 1 },
  goal: { max: 30, fullAt: 0.6 },
  deviation: { max: 30, penalty: 5, whenExplanationEmpty: true, whenBelowTimeProgress: true },
  timely: { max: 10, default: 0 },
  decimals: 1,
};

export type RubricCheck = { ok: true; rubric: Rubric } | { ok: false; errors: Localized[] };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Check a rubric read from settings. Missing parts take the defaults; every wrong value gets a
 * message naming its path, e.g. `goal.fullAt 必须是 0 到 10 之间的数`.
 */
export function validateRubric(input: unknown): RubricCheck {
  const errors: Localized[] = [];
  if (!isObj(input)) {
    return { ok: false, errors: [say('rubricNotObject')] };
  }
  const num = (path: string, v: unknown, dflt: number, min: number, max: number): number => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      errors.push(say('rubricNumber', { path, min, max, got: JSON.stringify(v) ?? String(v) }));
      return dflt;
    }
    return v;
  };
  const bool = (path: string, v: unknown, dflt: boolean): boolean => {
    if (v === undefined) return dflt;
    if (typeof v !== 'boolean') {
      errors.push(say('rubricBoolean', { path, got: JSON.stringify(v) ?? String(v) }));
      return dflt;
    }
    return v;
  };
  const part = (name: string): Record<string, unknown> => {
    const v = input[name];
    if (v === undefined) return {};
    if (!isObj(v)) {
      errors.push(say('rubricSection', { path: name }));
      return {};
    }
    return v;
  };
  if (input.version !== undefined && input.version !== 1) {
    errors.push(say('rubricVersion', { got: JSON.stringify(input.version) ?? String(input.version) }));
  }
  const known = new Set(['version', 'budget', 'goal', 'deviation', 'timely', 'decimals']);
  for (const k of Object.keys(input)) {
    if (!known.has(k)) errors.push(say('rubricUnknown', { path: k }));
  }
  const d = DEFAULT_RUBRIC;
  const b = part('budget');
  const g = part('goal');
  const dv = part('deviation');
  const t = part('timely');
  const rubric: Rubric = {
    version: 1,
    budget: { max: num('budget.max', b.max, d.budget.max, 0, 100), fullAt: num('budget.fullAt', b.fullAt, d.budget.fullAt, 0.01, 10) },
    goal: { max: num('goal.max', g.max, d.goal.max, 0, 100), fullAt: num('goal.fullAt', g.fullAt, d.goal.fullAt, 0.01, 10) },
    deviation: {
      max: num('deviation.max', dv.max, d.deviation.max, 0, 100),
      penalty: num('deviation.penalty', dv.penalty, d.deviation.penalty, 0, 100),
      whenExplanationEmpty: bool('deviation.whenExplanationEmpty', dv.whenExplanationEmpty, d.deviation.whenExplanationEmpty),
      whenBelowTimeProgress: bool('deviation.whenBelowTimeProgress', dv.whenBelowTimeProgress, d.deviation.whenBelowTimeProgress),
    },
    timely: { max: num('timely.max', t.max, d.timely.max, 0, 100), default: num('timely.default', t.default, d.timely.default, 0, 100) },
    decimals: num('decimals', input.decimals, d.decimals, 0, 4),
  };
  if (!Number.isInteger(rubric.decimals)) errors.push(say('rubricDecimals'));
  if (rubric.deviation.penalty > rubric.deviation.max) {
    errors.push(say('rubricPenalty'));
  }
  if (rubric.timely.default > rubric.timely.max) {
    errors.push(say('rubricTimely'));
  }
  return errors.length ? { ok: false, errors } : { ok: true, rubric };
}
