/** Sheets that are unusual as a whole, and numbers that cannot be right. */
import { validateGrid } from '../../src/core';
import { CONSISTENT, validateEdited } from '../helpers/forms';
import { gridFromRows, seedRowsOf } from '../helpers/grid';

const list = (rows: string[][]) => validateGrid(gridFromRows('s', rows)).findings.map((f) => `${f.rule} ${f.cell}`);

describe('sheet structure', () => {
  it('two forms on one sheet: the first is checked as if alone, the second is named', () => {
    const form2 = seedRowsOf('form2');
    const both = [...CONSISTENT, [], [], ...form2];
    const r = validateGrid(gridFromRows('两张', both));
    const second = r.findings.find((f) => f.rule === 'form/structure')!;
    // the second form's 一、基本情况 heading is at row 20 + 2 + 5 = 27
    expect(second.cell).toBe('A27');
    expect(second.message.zh).toContain('第二张附件1');
    expect(r.findings.filter((f) => f.rule !== 'form/structure').map((f) => `${f.rule} ${f.cell}`)).toEqual(list(CONSISTENT));
    expect(r.form!.indicators).toHaveLength(6);
  });

  it('a section twice: the repeat is named and only the first is read', () => {
    const rows = CONSISTENT.map((r) => [...r]);
    rows.splice(19, 0, ['四、年度绩效指标完成情况', '一级指标', '二级指标', '三级指标', '预期指标值', '指标完成值', '指标完成率'], ['', '产出指标', '数量指标', '重复指标', '10人', '1人', '10%']);
    const r = validateGrid(gridFromRows('重复', rows));
    expect(r.findings.find((f) => f.rule === 'form/structure')).toMatchObject({ cell: 'A20' });
    expect(r.form!.indicators.map((i) => i.name)).not.toContain('重复指标');
  });

  it('a cut used range is reported as information', () => {
    const g = { ...gridFromRows('大表', CONSISTENT), truncatedRows: 1048556 };
    const f = validateGrid(g).findings.find((x) => x.rule === 'form/structure')!;
    expect(f).toMatchObject({ severity: 'info', cell: 'A20' });
    expect(f.message.zh).toContain('1048556');
  });
});

describe('numbers that cannot be right', () => {
  it('预算数 = 0 says the rate cannot be computed', () => {
    const r = validateEdited((rows) => (rows[7][2] = '0'));
    expect(r.findings.find((f) => f.rule === 'budget/rate-mismatch')).toMatchObject({ cell: 'C8', message: { zh: '预算数为 0，无法计算预算执行率（执行数 780）。' } });
  });

  it('a negative amount is named with its cell', () => {
    const r = validateEdited((rows) => (rows[7][6] = '-780'));
    expect(r.findings.find((f) => f.rule === 'field/not-a-number')).toMatchObject({ cell: 'G8', message: { zh: '执行数不能为负数，G8 中是“-780”。' } });
  });

  it('a rate of 1000% or more is questioned', () => {
    const r = validateEdited((rows) => (rows[13][6] = '9500%'));
    expect(r.findings.find((f) => f.rule === 'field/not-a-number')).toMatchObject({ cell: 'G14' });
  });
});
