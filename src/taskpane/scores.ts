/**
 * The reviewer's score fields, shared by 审核行 (ReviewView) and 审核一批 (BatchView): the order they
 * are shown in, the text a field starts with, what a typed text means, and the row as it will be
 * appended — 总分 summed by the review module (setScore), as the CLI does.
 */
import { setScore } from '../review/build';
import type { ReviewRow, ScoreKey } from '../review/types';

export const SCORE_ORDER: readonly ScoreKey[] = ['budget', 'goal', 'deviation', 'timely'];

export type ScoreTexts = Record<ScoreKey, string>;

/** A typed score: a number from 0 to its maximum, else null (the field is shown in error). */
export function parseScore(s: string, max: number): number | null {
  const t = s.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 && n <= max ? n : null;
}

/** The row as it will be appended: the typed scores and 总分; null while a score is not valid. */
export function finalRow(row: ReviewRow, texts: ScoreTexts): ReviewRow | null {
  let out = row;
  for (const k of SCORE_ORDER) {
    const v = parseScore(texts[k], row.scores[k].max);
    if (v === null) return null;
    out = setScore(out, k, v);
  }
  return out;
}

/** The fields' starting texts: the proposed scores. */
export const scoreTexts = (r: ReviewRow): ScoreTexts => ({
  budget: String(r.scores.budget.value),
  goal: String(r.scores.goal.value),
  deviation: String(r.scores.deviation.value),
  timely: String(r.scores.timely.value),
});
