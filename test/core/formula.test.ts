import { evaluateFormula, fillFormulas } from '../../src/core/formula';
import { fromA1 } from '../../src/core/grid';

/** Cells of a small sheet by A1 address. */
const sheet = (cells: Record<string, number | string>) => (row: number, col: number) => {
  for (const [a, v] of Object.entries(cells)) {
    const p = fromA1(a);
    if (p.row === row && p.col === col) return typeof v === 'number' ? v : 'text';
  }
  return null;
};

describe('evaluating the simple arithmetic of a form', () => {
  const s = sheet({ C8: 542, G8: 433, E8: 433, G14: 1.09, G15: 0.5231, G16: 0.9642, D3: '备注' });
  it.each([
    ['=G8/C8', 433 / 542],
    ['=G8/C8*100', (433 / 542) * 100],
    ['=(G8+E8)/(C8*2)', 866 / 1084],
    ['=-G8+1000', 567],
    ['=ROUND(G8/C8,4)', 0.7989],
    ['=ROUND(2.5,0)', 3],
    ['=ROUND(-2.5,0)', -3],
    ['=SUM(G14:G16)', 1.09 + 0.5231 + 0.9642],
    ['=AVERAGE(G14:G16)', (1.09 + 0.5231 + 0.9642) / 3],
    ['=AVERAGE(G14,G15,G16)', (1.09 + 0.5231 + 0.9642) / 3],
    ['=SUM(G14:G16,C8)', 1.09 + 0.5231 + 0.9642 + 542],
    ['=$G$8/$C$8', 433 / 542],
    ['=50%', 0.5],
    ['= G8 / C8 ', 433 / 542],
    ['=sum(G14:G15)', 1.09 + 0.5231],
    // an empty cell is 0 in arithmetic; text in a range is skipped, as in Excel
    ['=G8+Z99', 433],
    ['=SUM(C3:D3)', 0],
  ])('%s', (f, v) => {
    expect(evaluateFormula(f, s)).toBeCloseTo(v, 10);
  });

  it.each(['=VLOOKUP(A1,B:C,2)', '=Sheet2!A1', '=D3*2', '=G8/Z99', '=IF(G8>0,1,0)', '=G8/', '=AVERAGE(Z1:Z3)', '="a"', '=预算'])('%s is left unevaluated', (f) => {
    expect(evaluateFormula(f, s)).toBeNull();
  });

  it('fills formulas without a cached value, follows chains, stops at circles, and keeps the input unchanged', () => {
    const grid = {
      name: 's', top: 0, left: 0,
      values: [[542, 433, null, null, null, 7]],
      formulas: [['', '', '=B1/A1', '=ROUND(C1*100,1)', '=E1+1', '=F1*2']],
      formats: [['General', 'General', '0.0%', 'General', 'General', 'General']],
      text: [['542', '433', '', '', '', '7']],
    };
    const { grid: out, cells } = fillFormulas(grid);
    expect(out.values[0][2]).toBeCloseTo(433 / 542, 12);
    expect(out.text![0][2]).toBe('79.9%');
    expect(out.values[0][3]).toBe(79.9);
    expect(out.values[0][4]).toBeNull();
    // F1 has a cached value: it is used, not re-evaluated
    expect(out.values[0][5]).toBe(7);
    expect(cells.map((c) => [c.cell, c.value === null ? null : Math.round(c.value * 1000) / 1000])).toEqual([['C1', 0.799], ['D1', 79.9], ['E1', null]]);
    expect(grid.values[0][2]).toBeNull();
  });
});
