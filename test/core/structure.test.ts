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

describe('every finding stays on the sheet', () => {
  const inside = (r: ReturnType<typeof validateGrid>, rows: number, cols: number) =>
    r.findings.every((f) => {
      const m = /^([A-Z]+)(\d+)$/.exec(f.cell)!;
      const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return Number(m[2]) >= 1 && Number(m[2]) <= rows && col >= 1 && col <= cols;
    });

  it('sections out of order (四 above 二) give findings on cells of the used range', () => {
    const r = validateGrid(gridFromRows('乱序', [['四、年度绩效指标完成情况'], ['二、预算执行情况']]));
    expect(r.recognized).toBe(true);
    expect(inside(r, 2, 1)).toBe(true);
  });

  it('a label in the last column: the missing value is marked inside the used range', () => {
    const r = validateGrid(gridFromRows('边缘', [['二、预算执行情况'], ['', '预算数:', '100'], ['四、年度绩效指标完成情况']]));
    expect(inside(r, 3, 3)).toBe(true);
  });

  it('extreme numbers never produce Infinity: the rate is reported as not computable', () => {
    const g = gridFromRows('极值', CONSISTENT);
    g.values[7][2] = 1e-300;
    g.text![7][2] = '1E-300';
    const r = validateGrid(g);
    expect(JSON.stringify(r.findings)).not.toMatch(/Infinity|NaN/);
    expect(r.form!.computed.executionRate).toBeNull();
  });
});

describe('Excel error values in a form', () => {
  it('an error value as 指标完成值 is named with its cell', () => {
    const r = validateEdited((rows) => (rows[13][5] = '#DIV/0!'));
    expect(r.findings.find((f) => f.rule === 'field/not-a-number')).toMatchObject({
      cell: 'F14',
      message: { zh: '指标完成值（F14）是 Excel 错误值“#DIV/0!”，无法读取；请检查该单元格的公式。' },
    });
  });
});
