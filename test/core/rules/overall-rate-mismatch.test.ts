import { cellsOf, validateEdited } from '../../helpers/forms';

describe('overall/rate-mismatch', () => {
  it('flags a 总体完成率 that is not the mean of the stated indicator rates, offering the mean', () => {
    const r = validateEdited((rows) => (rows[11][6] = '90%'));
    const f = r.findings.find((x) => x.rule === 'overall/rate-mismatch')!;
    expect(f).toMatchObject({ cell: 'G12', severity: 'error', expected: 1.0033, actual: 0.9 });
    expect(f.arithmetic?.zh).toBe('(95% + 104% + 101% + 100% + 100% + 102%) ÷ 6 = 100.3%');
  });

  it('accepts the mean to the precision shown (100% for 100.33%)', () => {
    expect(cellsOf(validateEdited(() => undefined), 'overall/rate-mismatch')).toEqual([]);
  });
});
