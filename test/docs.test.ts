import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/core';
import { renderRulesDoc } from '../scripts/rules-doc';

describe('docs/rules.md', () => {
  it('is up to date with the rule modules (run `npm run docs:rules`)', () => {
    expect(readFileSync(join(__dirname, '..', 'docs', 'rules.md'), 'utf8')).toBe(renderRulesDoc());
  });

  it('lists every rule id of design §4 exactly once', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'form/not-recognized', 'field/missing', 'budget/rate-mismatch', 'budget/over-execution', 'budget/behind-schedule',
      'indicator/rate-mismatch', 'indicator/malformed-target', 'indicator/unit-mismatch', 'indicator/not-a-measurement',
      'indicator/prorated-qualitative', 'indicator/deviation', 'overall/rate-mismatch', 'deviation/unexplained',
      'deviation/explanation-mismatch', 'layout/shifted',
    ]) expect(ids).toContain(id);
  });
});
