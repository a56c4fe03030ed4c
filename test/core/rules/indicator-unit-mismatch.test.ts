import { cellsOf, validateEdited } from '../../helpers/forms';
import { unitMismatch } from '../../../src/core/rules/indicator-unit-mismatch';

describe('indicator/unit-mismatch', () => {
  it('a rate target with an amount as actual', () => {
    const r = validateEdited((rows) => (rows[14][5] = '780'));
    expect(cellsOf(r, 'indicator/unit-mismatch')).toEqual(['F15']);
  });

  it('says which is the rate and which the amount, in both languages', () => {
    const f = validateEdited((rows) => (rows[14][5] = '780')).findings.find((x) => x.rule === 'indicator/unit-mismatch')!;
    expect(f.message.zh).toBe('指标“基金支出预算执行率”的预期值是比率（≥75%），完成值却是金额或数量（780），两者无法比较。');
    expect(f.message.en).toBe('Indicator "基金支出预算执行率" has a rate target (≥75%) but an amount actual (780); they cannot be compared.');
    // and no rate is recomputed from the two
    expect(cellsOf(validateEdited((rows) => (rows[14][5] = '780')), 'indicator/rate-mismatch')).toEqual([]);
  });

  it('an amount target with a rate as actual, and two different units', () => {
    expect(cellsOf(validateEdited((rows) => (rows[13][5] = '95%')), 'indicator/unit-mismatch')).toEqual(['F14']);
    expect(cellsOf(validateEdited((rows) => (rows[13][5] = '950户')), 'indicator/unit-mismatch')).toEqual(['F14']);
  });

  it('decides from the read alone: the same units, or a rate against a rate, are comparable', () => {
    const r = validateEdited(() => undefined);
    expect(cellsOf(r, 'indicator/unit-mismatch')).toEqual([]);
    expect(r.form!.indicators.map(unitMismatch)).toEqual([false, false, false, false, false, false]);
  });
});
