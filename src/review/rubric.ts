/**
 * The scoring rubric of the 附件2 review row (design §6), kept as plain JSON so it can be edited in
 * settings. DEFAULT_RUBRIC reproduces the seed's 附件2.
 */
import type { Localized } from '../core';

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
    return { ok: false, errors: [{ zh: '评分规则必须是一个 JSON 对象', en: 'the rubric must be a JSON object' }] };
  }
  const num = (path: string, v: unknown, dflt: number, min: number, max: number): number => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      errors.push({
        zh: `评分规则 ${path} 必须是 ${min} 到 ${max} 之间的数（现为 ${JSON.stringify(v)}）`,
        en: `rubric ${path} must be a number from ${min} to ${max} (got ${JSON.stringify(v)})`,
      });
      return dflt;
    }
    return v;
  };
  const bool = (path: string, v: unknown, dflt: boolean): boolean => {
    if (v === undefined) return dflt;
    if (typeof v !== 'boolean') {
      errors.push({ zh: `评分规则 ${path} 必须是 true 或 false（现为 ${JSON.stringify(v)}）`, en: `rubric ${path} must be true or false (got ${JSON.stringify(v)})` });
      return dflt;
    }
    return v;
  };
  const part = (name: string): Record<string, unknown> => {
    const v = input[name];
    if (v === undefined) return {};
    if (!isObj(v)) {
      errors.push({ zh: `评分规则 ${name} 必须是一个对象`, en: `rubric ${name} must be an object` });
      return {};
    }
    return v;
  };
  if (input.version !== undefined && input.version !== 1) {
    errors.push({ zh: `评分规则 version 只能是 1（现为 ${JSON.stringify(input.version)}）`, en: `rubric version must be 1 (got ${JSON.stringify(input.version)})` });
  }
  const known = new Set(['version', 'budget', 'goal', 'deviation', 'timely', 'decimals']);
  for (const k of Object.keys(input)) {
    if (!known.has(k)) errors.push({ zh: `评分规则中有未知的项 ${k}`, en: `unknown rubric entry ${k}` });
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
  if (!Number.isInteger(rubric.decimals)) errors.push({ zh: '评分规则 decimals 必须是整数', en: 'rubric decimals must be a whole number' });
  if (rubric.deviation.penalty > rubric.deviation.max) {
    errors.push({ zh: '评分规则 deviation.penalty 不能大于 deviation.max', en: 'rubric deviation.penalty cannot exceed deviation.max' });
  }
  if (rubric.timely.default > rubric.timely.max) {
    errors.push({ zh: '评分规则 timely.default 不能大于 timely.max', en: 'rubric timely.default cannot exceed timely.max' });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rubric };
}
