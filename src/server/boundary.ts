/**
 * What the review server checks at its boundary before a posted row reaches the register:
 * no control characters in any string (they could forge keys or reach terminals and logs), the
 * score maxima and the total as the server's rubric makes them, and the shown 部门单位名称 / 项目名称
 * equal to the key's. Each problem names the field.
 */
import type { Localized } from '../core';
import type { Rubric } from '../review/rubric';
import type { ScoreKey } from '../review/types';
import { localize } from '../core';
import { SERVER_MESSAGES } from './messages';

/**
 * C0 controls except tab, line feed and carriage return (a cell's Alt+Enter line break is text),
 * DEL, C1 controls, and the Unicode line/paragraph separators and bidi overrides.
 */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export interface FieldProblem {
  field: string;
  text: Localized;
}

/** The first string (or object key) holding a control character, by its path, e.g. `key.project`. */
export function findControl(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return FORBIDDEN_CONTROL.test(value) ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findControl(v, `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (FORBIDDEN_CONTROL.test(k)) return p;
      const hit = findControl(v, p);
      if (hit) return hit;
    }
  }
  return null;
}

export function controlProblem(field: string): FieldProblem {
  return {
    field,
    text: localize(SERVER_MESSAGES, 'controlCharacter', { field }),
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SCORE_KEYS: ScoreKey[] = ['budget', 'goal', 'deviation', 'timely'];
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * The server scores: each score's maximum is the rubric's, the total the sum of the four values, and
 * the shown department/project equal to the key's. Returns the problems
 * (empty when the row agrees). Fields absent from the row are filled by checkReviewRow afterwards.
 */
export function scoreProblems(row: unknown, rubric: Rubric): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isObj(row)) return out;
  const scores = isObj(row.scores) ? row.scores : null;
  let sum = 0;
  let summable = Boolean(scores);
  for (const k of SCORE_KEYS) {
    const s = scores && isObj(scores[k]) ? scores[k] : null;
    const max = rubric[k].max;
    if (!s) {
      summable = false;
      continue;
    }
    if (s.max !== undefined && s.max !== max) {
      out.push({
        field: `scores.${k}.max`,
        text: localize(SERVER_MESSAGES, 'maxDiffers', { key: k, given: JSON.stringify(s.max), max }),
      });
    }
    // a value outside 0..max is refused by checkReviewRow (400), against the rubric's maximum set here
    if (typeof s.value === 'number' && Number.isFinite(s.value)) sum += s.value;
    else summable = false;
  }
  if (row.total !== undefined && row.total !== null && summable && (typeof row.total !== 'number' || Math.abs(row.total - round4(sum)) > 1e-6)) {
    out.push({
      field: 'total',
      text: localize(SERVER_MESSAGES, 'totalDiffers', { given: JSON.stringify(row.total), sum: round4(sum) }),
    });
  }
  // (a missing or malformed key is refused by checkReviewRow with 400)
  const key = isObj(row.key) ? row.key : {};
  for (const f of ['department', 'project'] as const) {
    const shown = row[f];
    const keyed = key[f];
    if (shown === undefined || shown === null || shown === '' || typeof keyed !== 'string' || !keyed.trim()) continue;
    if (typeof shown !== 'string' || shown.trim() !== keyed.trim()) {
      out.push({
        field: f,
        text: localize(SERVER_MESSAGES, 'nameDiffers', { field: f, shown: JSON.stringify(shown), key: JSON.stringify(key[f]) }),
      });
    }
  }
  return out;
}
