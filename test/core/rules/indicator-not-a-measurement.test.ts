import { cellsOf, validateEdited } from '../../helpers/forms';
import { notAMeasurement } from '../../../src/core/rules/indicator-not-a-measurement';

describe('indicator/not-a-measurement', () => {
  it('an actual that is an inequality, or repeats the target text', () => {
    expect(cellsOf(validateEdited((rows) => (rows[15][5] = '≥98%')), 'indicator/not-a-measurement')).toEqual(['F16']);
    expect(cellsOf(validateEdited((rows) => (rows[16][5] = '每月25日前')), 'indicator/not-a-measurement')).toEqual(['F17']);
    // a measured number equal to its target is a result, not a repetition
    expect(cellsOf(validateEdited((rows) => (rows[13][5] = '1000人')), 'indicator/not-a-measurement')).toEqual([]);
  });

  it('names the indicator and why, and the rate is taken as met', () => {
    const r = validateEdited((rows) => (rows[15][5] = '≥99%'));
    const f = r.findings.find((x) => x.rule === 'indicator/not-a-measurement')!;
    expect(f).toMatchObject({ cell: 'F16', actual: '≥99%', related: ['E16'] });
    expect(f.message.en).toBe('Indicator "待遇发放准确率": the actual is an inequality (≥99%); enter the value actually reached.');
    expect(r.form!.indicators[2].computed!.arithmetic).toEqual({
      zh: '完成值是不等式（≥99%）→ 视为达成 = 100%',
      en: 'the actual is an inequality (≥99%) → taken as met = 100%',
    });
  });

  it('decides from the read alone', () => {
    const r = validateEdited((rows) => (rows[16][5] = '每月25日前'));
    expect(r.form!.indicators.map(notAMeasurement)).toEqual([null, null, null, 'repeat', null, null]);
  });
});
