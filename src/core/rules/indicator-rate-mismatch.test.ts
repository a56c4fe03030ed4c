import { cellsOf, validateEdited } from '../../../test/helpers/forms';

describe('indicator/rate-mismatch', () => {
  it('positive number: 完成值 ÷ 预期值 (950 ÷ 1000 = 95%), stated 90% is wrong', () => {
    const r = validateEdited((rows) => (rows[13][6] = '90%'));
    const f = r.findings.find((x) => x.rule === 'indicator/rate-mismatch')!;
    expect(f).toMatchObject({ cell: 'G14', severity: 'error', expected: 0.95, actual: 0.9 });
    expect(f.arithmetic).toBe('950 ÷ 1000 = 95.0%');
    expect(f.fix!.value).toBe(0.95);
  });

  it('a met ≥ target accepts both 完成值 ÷ 预期值 and 100%', () => {
    expect(cellsOf(validateEdited((rows) => (rows[18][6] = '100%')), 'indicator/rate-mismatch')).toEqual([]);
    expect(cellsOf(validateEdited((rows) => (rows[18][6] = '102%')), 'indicator/rate-mismatch')).toEqual([]);
    expect(cellsOf(validateEdited((rows) => (rows[18][6] = '110%')), 'indicator/rate-mismatch')).toEqual(['G19']);
  });

  it('reverse target (≤0.1%) not met: 预期值 ÷ 完成值', () => {
    const r = validateEdited((rows) => (rows[17][5] = '0.2%'));
    const f = r.findings.find((x) => x.rule === 'indicator/rate-mismatch')!;
    expect(f).toMatchObject({ cell: 'G18', expected: 0.5, actual: 1 });
  });

  it('a band: inside is 100%, outside reports the distance', () => {
    const inside = validateEdited((rows) => (rows[14][4] = '95%≤x≤105%'));
    expect(cellsOf(inside, 'indicator/rate-mismatch')).toEqual(['G15']);
    expect(inside.findings.find((f) => f.rule === 'indicator/rate-mismatch')!.arithmetic).toContain('低于');
  });
});
