import { validateEdited } from '../../../test/helpers/forms';

describe('indicator/deviation', () => {
  it('a stock below 80% of its target is yellow, below 60% red — not pro-rated by 时间进度', () => {
    const y = validateEdited((rows) => {
      rows[13][5] = '700人';
      rows[13][6] = '70%';
    });
    expect(y.findings.find((f) => f.rule === 'indicator/deviation')).toMatchObject({ cell: 'G14', light: 'yellow', severity: 'warning' });
    const red = validateEdited((rows) => {
      rows[13][5] = '500人';
      rows[13][6] = '50%';
    });
    expect(red.findings.find((f) => f.rule === 'indicator/deviation')).toMatchObject({ cell: 'G14', light: 'red', severity: 'error' });
  });

  it('a flow (预算执行率) is compared with 时间进度', () => {
    const r = validateEdited((rows) => {
      rows[14][5] = '30%';
      rows[14][6] = '40%';
    });
    const f = r.findings.find((x) => x.rule === 'indicator/deviation' && x.cell === 'G15')!;
    expect(f).toMatchObject({ light: 'red' });
    expect(f.arithmetic).toBe('40.0% ÷ 75.0% = 53.3%');
  });

  it('a flow far ahead of 时间进度 is blue information', () => {
    const r = validateEdited(() => undefined);
    expect(r.findings.find((x) => x.rule === 'indicator/deviation')).toMatchObject({ cell: 'G15', light: 'blue', severity: 'info' });
  });
});
