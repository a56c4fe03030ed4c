import { cellsOf, validateEdited } from '../../helpers/forms';

describe('indicator/prorated-qualitative', () => {
  it('a qualitative indicator that is met but given the 75% time progress', () => {
    const r = validateEdited((rows) => (rows[16][6] = '75%'));
    const f = r.findings.find((x) => x.rule === 'indicator/prorated-qualitative')!;
    expect(f).toMatchObject({ cell: 'G17', expected: 1, actual: 0.75 });
    expect(f.fix).toMatchObject({ value: 1, display: '100%' });
    expect(cellsOf(r, 'indicator/rate-mismatch')).toEqual([]);
  });

  it('a quantitative indicator below target at 75% is not pro-rated', () => {
    const r = validateEdited((rows) => {
      rows[13][5] = '750人';
      rows[13][6] = '75%';
    });
    expect(cellsOf(r, 'indicator/prorated-qualitative')).toEqual([]);
  });

  it('the score for 达成 is a setting', () => {
    const r = validateEdited((rows) => (rows[16][5] = '部分按时发放'), { achievementRates: { partial: 0.6 } });
    expect(r.form!.indicators[3].computed!.rate).toBe(0.6);
  });
});
