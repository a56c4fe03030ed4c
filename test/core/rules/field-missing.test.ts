import { cellsOf, validateEdited } from '../../helpers/forms';

describe('field/missing', () => {
  it('an empty name or amount is reported where the value belongs, in its section', () => {
    const r = validateEdited((rows) => {
      rows[4][2] = '';
      rows[7][2] = '';
    });
    const found = r.findings.filter((f) => f.rule === 'field/missing');
    expect(found.map((f) => [f.cell, f.section, f.message.zh])).toEqual([
      ['C5', 'basic', '部门单位名称为空。'],
      ['C8', 'budget', '预算数为空。'],
    ]);
    expect(found[1].message.en).toBe('The budget (预算数) is empty.');
    expect(found.every((f) => f.fix === undefined)).toBe(true);
  });

  it('an empty 预算执行率 gets 执行数 ÷ 预算数 as its value, with the arithmetic', () => {
    const f = validateEdited((rows) => (rows[7][7] = '')).findings.find((x) => x.rule === 'field/missing')!;
    expect(f).toMatchObject({ cell: 'H8', severity: 'error', expected: 0.78, actual: null, arithmetic: { zh: '780 ÷ 1000 = 78.0%', en: '780 ÷ 1000 = 78.0%' } });
    expect(f.fix).toMatchObject({ cell: 'H8', value: 0.78, display: '78%' });
    expect(f.message.zh).toBe('预算执行率为空，按计算应为 78.0%。');
  });

  it('an empty 指标完成率 beside a target and an actual gets the recomputed rate', () => {
    const f = validateEdited((rows) => (rows[13][6] = '')).findings.find((x) => x.rule === 'field/missing')!;
    expect(f).toMatchObject({ cell: 'G14', section: 'indicators', expected: 0.95, related: ['E14', 'F14'], arithmetic: { zh: '950 ÷ 1000 = 95.0%' } });
    expect(f.fix).toMatchObject({ value: 0.95 });
  });

  it('an empty 总体完成率 gets the mean of the indicator rates', () => {
    const f = validateEdited((rows) => (rows[11][6] = '')).findings.find((x) => x.rule === 'field/missing')!;
    expect(f).toMatchObject({ cell: 'G12', section: 'goal', arithmetic: { zh: '(95% + 104% + 101% + 100% + 100% + 102%) ÷ 6 = 100.3%' } });
  });

  it('an indicator without target and actual is not asked for a rate; a complete form has nothing missing', () => {
    expect(cellsOf(validateEdited((rows) => rows[13].splice(4, 3, '', '', '')), 'field/missing')).toEqual([]);
    expect(cellsOf(validateEdited(() => undefined), 'field/missing')).toEqual([]);
  });
});
