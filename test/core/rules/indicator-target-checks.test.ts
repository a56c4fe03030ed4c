import { cellsOf, validateEdited } from '../../helpers/forms';

describe('indicator/malformed-target, unit-mismatch, not-a-measurement', () => {
  it('105%≤≥95% cannot be read; the likely reading is offered', () => {
    const r = validateEdited((rows) => (rows[14][4] = '105%≤≥95%'));
    const f = r.findings.find((x) => x.rule === 'indicator/malformed-target')!;
    expect(f).toMatchObject({ cell: 'E15', expected: '95%≤x≤105%' });
    expect(f.message.en).toContain('95%≤x≤105%');
  });

  it('a rate target with an amount as actual', () => {
    const r = validateEdited((rows) => (rows[14][5] = '780'));
    expect(cellsOf(r, 'indicator/unit-mismatch')).toEqual(['F15']);
  });

  it('an actual that is an inequality, or repeats the target text', () => {
    expect(cellsOf(validateEdited((rows) => (rows[15][5] = '≥98%')), 'indicator/not-a-measurement')).toEqual(['F16']);
    expect(cellsOf(validateEdited((rows) => (rows[16][5] = '每月25日前')), 'indicator/not-a-measurement')).toEqual(['F17']);
    // a measured number equal to its target is a result, not a repetition
    expect(cellsOf(validateEdited((rows) => (rows[13][5] = '1000人')), 'indicator/not-a-measurement')).toEqual([]);
  });
});
