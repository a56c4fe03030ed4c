/**
 * Checks a review row received from outside (the review server's POST body, a pasted row):
 * the key present, numbers where numbers belong, scores within their maxima. Returns a clean row
 * (总分 recomputed as the sum) or the problems in words. Pure and browser-safe.
 */
import { type Localized, type Params, localize, sameInBoth } from '../core';
import { REVIEW_MESSAGES } from './messages';

const say = (key: keyof typeof REVIEW_MESSAGES, params?: Params): Localized => localize(REVIEW_MESSAGES, key, params);
import { totalOf } from './build';
import type { RateChoice, ReviewRow, Score, ScoreKey } from './types';

export type RowCheck = { ok: true; row: ReviewRow } | { ok: false; errors: Localized[] };

const MAX_TEXT = 1000;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkReviewRow(input: unknown): RowCheck {
  const errors: Localized[] = [];
  if (!isObj(input)) return { ok: false, errors: [say('rowNotObject')] };
  const text = (path: string, v: unknown, required: boolean): string => {
    if (typeof v === 'string' && v.trim() && v.length <= MAX_TEXT) return v.trim();
    if (!required && (v === undefined || v === null || v === '')) return '';
    errors.push(
      typeof v === 'string' && v.length > MAX_TEXT
        ? say('rowTextTooLong', { path, max: MAX_TEXT })
        : say('rowTextMissing', { path }),
    );
    return '';
  };
  const numOrNull = (path: string, v: unknown): number | null => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    errors.push(say('rowNotNumber', { path, got: JSON.stringify(v) ?? String(v) }));
    return null;
  };
  const localized = (v: unknown): Localized => {
    if (isObj(v) && typeof v.zh === 'string' && typeof v.en === 'string') return { zh: v.zh.slice(0, MAX_TEXT), en: v.en.slice(0, MAX_TEXT) };
    return sameInBoth('');
  };
  const key = isObj(input.key) ? input.key : {};
  if (!isObj(input.key)) errors.push(say('rowKeyMissing'));
  const department = text('key.department（部门单位名称）', key.department, true);
  const project = text('key.project（项目名称）', key.project, true);
  const monitorPoint = text('key.monitorPoint（监控时点）', key.monitorPoint, true);
  const rate = (name: string, v: unknown): RateChoice => {
    if (!isObj(v)) {
      if (v !== undefined && v !== null) errors.push(say('rowNotAnObject', { path: name }));
      return { value: null, source: 'stated', stated: null, computed: null, disagree: false };
    }
    const source = v.source === 'computed' ? 'computed' : 'stated';
    const r: RateChoice = {
      value: numOrNull(`${name}.value`, v.value),
      source,
      stated: numOrNull(`${name}.stated`, v.stated),
      computed: numOrNull(`${name}.computed`, v.computed),
      disagree: v.disagree === true,
    };
    if (isObj(v.evidence)) r.evidence = localized(v.evidence);
    if (typeof v.format === 'string' && /^[0#.,%]+$/.test(v.format)) r.format = v.format;
    return r;
  };
  const scoresIn = isObj(input.scores) ? input.scores : null;
  if (!scoresIn) errors.push(say('rowScoresMissing'));
  const defaults: Record<ScoreKey, number> = { budget: 30, goal: 30, deviation: 30, timely: 10 };
  const scores = {} as Record<ScoreKey, Score>;
  for (const k of ['budget', 'goal', 'deviation', 'timely'] as const) {
    const s = scoresIn && isObj(scoresIn[k]) ? scoresIn[k] : null;
    if (scoresIn && !s) errors.push(say('rowScoreMissing', { key: k }));
    const max = s && typeof s.max === 'number' && Number.isFinite(s.max) && s.max >= 0 && s.max <= 100 ? s.max : defaults[k];
    const value = numOrNull(`scores.${k}.value`, s?.value) ?? 0;
    if (value < 0 || value > max) errors.push(say('rowScoreOutside', { key: k, value, max }));
    const proposed = numOrNull(`scores.${k}.proposed`, s?.proposed) ?? value;
    scores[k] = { value, proposed, max, evidence: localized(s?.evidence) };
  }
  if (errors.length) return { ok: false, errors };
  const row: ReviewRow = {
    key: { department, project, monitorPoint },
    department: typeof input.department === 'string' && input.department.trim() ? input.department.trim().slice(0, MAX_TEXT) : department,
    project: typeof input.project === 'string' && input.project.trim() ? input.project.trim().slice(0, MAX_TEXT) : project,
    budget: numOrNull('budget', input.budget),
    available: numOrNull('available', input.available),
    executed: numOrNull('executed', input.executed),
    executionRate: rate('executionRate', input.executionRate),
    overallRate: rate('overallRate', input.overallRate),
    scores,
    total: totalOf(scores),
    amountUnit: typeof input.amountUnit === 'string' ? input.amountUnit.slice(0, 10) : '万元',
  };
  if (isObj(input.source) && typeof input.source.sheet === 'string') {
    row.source = { sheet: input.source.sheet.slice(0, 200), ...(typeof input.source.file === 'string' ? { file: input.source.file.slice(0, 500) } : {}) };
  }
  if (typeof input.formTitle === 'string') row.formTitle = input.formTitle.slice(0, 200);
  if (errors.length) return { ok: false, errors };
  return { ok: true, row };
}
