import type { Grid } from '../../../src/core/grid';
import { fromA1 } from '../../../src/core/grid';
import { gridFromRows, seedRowsOf } from '../../helpers/grid';
import { validateGrid } from '../../../src/core/validate';

/** A seed form with formulas put into cells: `value` undefined means no cached value. */
function withFormulas(file: 'form2' | 'form3', sheet: string, cells: Record<string, { formula: string; value?: number; format?: string }>): Grid {
  const grid = gridFromRows(sheet, seedRowsOf(file));
  grid.formulas = grid.values.map((row) => row.map(() => ''));
  for (const [a, c] of Object.entries(cells)) {
    const { row, col } = fromA1(a);
    while (grid.values[row].length <= col) grid.values[row].push(null);
    grid.formulas[row][col] = c.formula;
    grid.values[row][col] = c.value ?? null;
    grid.formats![row][col] = c.format ?? '0.0%';
    grid.text![row][col] = c.value === undefined ? '' : `${(c.value * 100).toFixed(1)}%`;
  }
  return grid;
}

const of = (grid: Grid, rule: string) => validateGrid(grid).findings.filter((f) => f.rule === rule);

describe('field/formula-not-calculated and formula cells (issue 11)', () => {
  it('a simple formula without a cached value is evaluated: seed form 2 H8 =G8/C8 is 79.9%, not empty', () => {
    const grid = withFormulas('form2', '城乡居民养老', { H8: { formula: '=G8/C8' }, G19: { formula: '=F19/E19', format: '0%' } });
    const r = validateGrid(grid);
    expect(r.form!.executionRate.value).toBeCloseTo(433 / 542, 3);
    expect(r.findings.filter((f) => f.rule === 'field/missing').map((f) => f.cell)).toEqual(['G18']);
    expect(r.findings.some((f) => f.rule === 'field/formula-not-calculated')).toBe(false);
    expect(r.form!.indicators[5].rate.value).toBe(1);
  });

  it('a formula beyond simple arithmetic is reported with the formula, and is not called empty', () => {
    const grid = withFormulas('form2', '城乡居民养老', { H8: { formula: '=INDIRECT("G8")/C8' } });
    const [f] = of(grid, 'field/formula-not-calculated');
    expect(f).toMatchObject({ cell: 'H8', severity: 'warning', actual: '=INDIRECT("G8")/C8' });
    expect(f.message.zh).toBe('公式未计算：H8 的公式 =INDIRECT("G8")/C8 没有计算结果（工作簿保存前未重新计算，或由程序生成），无法校验；请在 Excel 中重新计算（F9）后保存。');
    expect(f.message.en).toContain('Formula not calculated: H8 holds =INDIRECT("G8")/C8');
    expect(of(grid, 'field/missing').map((x) => x.cell)).not.toContain('H8');
  });

  it('the cached value of a formula is used; a wrong formula gets a corrected formula, never a constant', () => {
    // seed form 3: H8 says 37%; here it is =G8/E8 (executed ÷ available = 100%), cached
    const grid = withFormulas('form3', '职工基本医疗', { H8: { formula: '=G8/E8', value: 1 } });
    const [f] = of(grid, 'budget/rate-mismatch');
    expect(f).toMatchObject({ cell: 'H8', actual: 1, expected: 0.367 });
    expect(f.fix).toMatchObject({ cell: 'H8', formula: '=G8/C8' });
    expect(f.fix!.display).toBe('=G8/C8（36.7%）');
  });

  it('a wrong formula with no formula to offer gets no fix at all', () => {
    // seed form 2, 个人缴费人数: 16525人 / 18007人 are text with a unit, so no =F14/E14 can be offered
    const grid = withFormulas('form2', '城乡居民养老', { G14: { formula: '=1.5', value: 1.5 } });
    const [f] = of(grid, 'indicator/rate-mismatch');
    expect(f.cell).toBe('G14');
    expect(f.fix).toBeUndefined();
    // the same mistake typed as a constant keeps its constant fix
    const typed = withFormulas('form2', '城乡居民养老', {});
    typed.values[13][6] = 1.5;
    typed.text![13][6] = '150.00%';
    expect(of(typed, 'indicator/rate-mismatch')[0].fix).toMatchObject({ cell: 'G14', value: 1.089682 });
    expect(of(typed, 'indicator/rate-mismatch')[0].fix!.formula).toBeUndefined();
  });

  it('the 总体完成率 as a formula gets the mean as a formula', () => {
    const grid = withFormulas('form2', '城乡居民养老', { G12: { formula: '=0.81', value: 0.81 } });
    const [f] = of(grid, 'overall/rate-mismatch');
    expect(f.fix!.formula).toBe('=AVERAGE(G14,G15,G16,G17,G20,G21,G22,G23,F24,F25,F26,F27,G28,F29,F30)');
  });
});
