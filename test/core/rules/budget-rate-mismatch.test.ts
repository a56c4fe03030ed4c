import { cellsOf, validateEdited } from '../../helpers/forms';

describe('budget/rate-mismatch', () => {
  it('flags a stated 预算执行率 that is not 执行数 ÷ 预算数, with the arithmetic and the fix', () => {
    const r = validateEdited((rows) => (rows[7][7] = '70%'));
    const f = r.findings.find((x) => x.rule === 'budget/rate-mismatch')!;
    expect(f).toMatchObject({ cell: 'H8', severity: 'error', expected: 0.78, actual: 0.7, arithmetic: { zh: '780 ÷ 1000 = 78.0%', en: '780 ÷ 1000 = 78.0%' } });
    expect(f.fix).toMatchObject({ cell: 'H8', value: 0.78, display: '78%' });
  });

  it('honours the precision shown: 78.04% passes (0.1 point floor), 77.5% does not', () => {
    expect(cellsOf(validateEdited((rows) => (rows[7][7] = '78.04%')), 'budget/rate-mismatch')).toEqual([]);
    expect(cellsOf(validateEdited((rows) => (rows[7][7] = '77.5%')), 'budget/rate-mismatch')).toEqual(['H8']);
  });

  it('the floor is a setting', () => {
    expect(cellsOf(validateEdited((rows) => (rows[7][7] = '77.5%'), { minTolerancePoints: 1 }), 'budget/rate-mismatch')).toEqual([]);
  });
});
