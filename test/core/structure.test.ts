/** Sheets that are unusual as a whole, and numbers that cannot be right. */
import { validateGrid } from '../../src/core';
import { CONSISTENT, validateEdited } from '../helpers/forms';
import { gridFromRows, seedRowsOf } from '../helpers/grid';

const list = (rows: string[][]) => validateGrid(gridFromRows('s', rows)).findings.map((f) => `${f.rule} ${f.cell}`);

describe('sheet structure', () => {
  // issue 11: every form on a sheet is validated (before, only the first was, with a form/structure warning)
  it('two forms on one sheet: each is checked as if alone, and its findings name it', () => {
    const form2 = seedRowsOf('form2');
    const both = [...CONSISTENT, [], [], ...form2];
    const r = validateGrid(gridFromRows('两张', both));
    expect(r.forms!.map((f) => f.indicators.length)).toEqual([6, 17]);
    expect(r.form).toBe(r.forms![0]);
    expect(r.findings.some((f) => f.rule === 'form/structure')).toBe(false);
    const first = r.findings.filter((f) => f.form === 0);
    const second = r.findings.filter((f) => f.form === 1);
    expect(first.length + second.length).toBe(r.findings.length);
    expect(first.map((f) => `${f.rule} ${f.cell}`)).toEqual(list(CONSISTENT));
    // the second form starts 22 rows down: the same findings as seed form 2 alone, 22 rows lower
    const down = (cell: string) => cell.replace(/\d+$/, (n) => String(Number(n) + 22));
    expect(second.map((f) => `${f.rule} ${f.cell}`)).toEqual(list(form2).map((x) => { const [rule, cell] = x.split(' '); return `${rule} ${down(cell)}`; }));
    expect(second[0].formLabel).toBe('塔什库尔干县城乡居民养老保险基金支出');
    expect(first[0].formLabel).toBe('测试县城乡居民养老保险基金支出');
    // the second form's 时间进度 and amounts are its own
    expect(r.forms![1]).toMatchObject({ budget: { value: 542, cell: 'C30' }, firstRow: 22 });
  });

  it('the four seed forms stacked on one sheet give the four forms and their own findings', () => {
    const rows: string[][] = [];
    const offsets: number[] = [];
    for (const f of ['form1', 'form2', 'form3', 'form4'] as const) {
      offsets.push(rows.length);
      rows.push(...seedRowsOf(f), []);
    }
    const r = validateGrid(gridFromRows('四张', rows));
    expect(r.forms!.map((f) => f.budget.value)).toEqual([14158, 542, 3488, 2157]);
    ['form1', 'form2', 'form3', 'form4'].forEach((f, i) => {
      const down = (cell: string) => cell.replace(/\d+$/, (n) => String(Number(n) + offsets[i]));
      const alone = list(seedRowsOf(f as 'form1')).map((x) => { const [rule, cell] = x.split(' '); return `${rule} ${down(cell)}`; });
      expect(r.findings.filter((x) => x.form === i).map((x) => `${x.rule} ${x.cell}`)).toEqual(alone);
    });
  });

});

describe('numbers that cannot be right', () => {
  it('预算数 = 0 says the rate cannot be computed', () => {
    const r = validateEdited((rows) => (rows[7][2] = '0'));
    expect(r.findings.find((f) => f.rule === 'budget/rate-mismatch')).toMatchObject({ cell: 'C8', message: { zh: '预算数为 0，无法计算预算执行率（执行数 780）。' } });
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
