import { cellsOf, validateEdited } from '../../helpers/forms';
import { gridFromRows, seedGrid, seedRowsOf } from '../../helpers/grid';
import { validateGrid } from '../../../src/core/validate';

describe('indicator/rate-mismatch', () => {
  it('positive number: 完成值 ÷ 预期值 (950 ÷ 1000 = 95%), stated 90% is wrong', () => {
    const r = validateEdited((rows) => (rows[13][6] = '90%'));
    const f = r.findings.find((x) => x.rule === 'indicator/rate-mismatch')!;
    expect(f).toMatchObject({ cell: 'G14', severity: 'error', expected: 0.95, actual: 0.9 });
    expect(f.arithmetic?.zh).toBe('950 ÷ 1000 = 95.0%');
    expect(f.fix!.value).toBe(0.95);
  });

  it('a met ≥ target accepts both 完成值 ÷ 预期值 and 100%', () => {
    expect(cellsOf(validateEdited((rows) => (rows[18][6] = '100%')), 'indicator/rate-mismatch')).toEqual([]);
    expect(cellsOf(validateEdited((rows) => (rows[18][6] = '102%')), 'indicator/rate-mismatch')).toEqual([]);
    expect(cellsOf(validateEdited((rows) => (rows[18][6] = '110%')), 'indicator/rate-mismatch')).toEqual(['G19']);
  });

  it('reverse target (≤0.1%) not met: 预期值 ÷ 完成值', () => {
    const r = validateEdited((rows) => (rows[17][5] = '0.2%'));
    const f = r.findings.find((x) => x.rule === 'indicator/rate-mismatch')!;
    expect(f).toMatchObject({ cell: 'G18', expected: 0.5, actual: 1 });
  });

  it('a band: inside is 100%, outside reports the distance', () => {
    const inside = validateEdited((rows) => (rows[14][4] = '95%≤x≤105%'));
    expect(cellsOf(inside, 'indicator/rate-mismatch')).toEqual(['G15']);
    expect(inside.findings.find((f) => f.rule === 'indicator/rate-mismatch')!.arithmetic?.zh).toContain('低于');
    expect(inside.findings.find((f) => f.rule === 'indicator/rate-mismatch')!.arithmetic?.en).toMatch(/is (below|above) .*(short|over)$/);
  });
});

describe('indicator/rate-mismatch: digits that make the difference visible (issue 11)', () => {
  it('stated 96% against 95.49% reads 95.49%, not 95.5% (which rounds to 96%)', () => {
    // seed form 2, 其他代缴标准: target 46.98, actual 50 → 44.86, stated 106% → 96%
    const rows = seedRowsOf('form2');
    rows[19][5] = '44.86';
    rows[19][6] = '96%';
    const f = validateGrid(gridFromRows('城乡居民养老', rows)).findings.find((x) => x.rule === 'indicator/rate-mismatch')!;
    expect(f.cell).toBe('G20');
    expect(f.message.zh).toBe('指标“其他代缴标准”的完成率填报为 96%，按计算应为 95.49%。');
  });

  it('one decimal is enough when it already differs: 80% against 86.3%', () => {
    const f = validateGrid(seedGrid('form2')).findings.find((x) => x.rule === 'overall/rate-mismatch')!;
    expect(f.message.zh).toBe('总体完成率填报为 81%，各指标完成率的平均值为 86.3%。');
  });

  it('the budget rate too: 96% stated against 95.46% computed', () => {
    // seed form 3: 3488 budget; 执行数 1280 → 3329.6 (95.46%), stated 37% → 96%
    const rows = seedRowsOf('form3');
    rows[7][6] = '3329.6';
    rows[7][7] = '96%';
    const f = validateGrid(gridFromRows('职工基本医疗', rows)).findings.find((x) => x.rule === 'budget/rate-mismatch')!;
    expect(f.message.zh).toBe('预算执行率填报为 96%，按执行数 ÷ 预算数应为 95.46%。');
    expect(f.arithmetic?.zh).toBe('3329.6 ÷ 3488 = 95.46%');
  });
});
