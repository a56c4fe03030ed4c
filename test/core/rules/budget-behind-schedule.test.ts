import { cellsOf, validateEdited } from '../../helpers/forms';
import { gridFromRows, seedGrid, seedRowsOf } from '../../helpers/grid';
import { validateGrid } from '../../../src/core/validate';

const spend = (executed: string, rate: string) => (rows: string[][]) => {
  rows[7][6] = executed;
  rows[7][7] = rate;
};

describe('budget/behind-schedule', () => {
  it('yellow below 80% of 时间进度, as a warning', () => {
    const r = validateEdited(spend('500', '50%'));
    const f = r.findings.find((x) => x.rule === 'budget/behind-schedule')!;
    expect(f).toMatchObject({ cell: 'H8', severity: 'warning', light: 'yellow' });
    expect(f.arithmetic?.zh).toContain('50.0% ÷ 75.0% = 66.7%');
    expect(f.arithmetic?.en).toMatch(/^50\.0% ÷ 75\.0% = 66\.7% \(time progress \d+ ÷ \d+ = 75\.0%\)$/);
  });

  it('red below 60%, as an error', () => {
    expect(validateEdited(spend('400', '40%')).findings.find((x) => x.rule === 'budget/behind-schedule')).toMatchObject({ severity: 'error', light: 'red' });
  });

  it('thresholds are settings; a re-graded rule keeps the user severity', () => {
    expect(cellsOf(validateEdited(spend('500', '50%'), { yellowBelow: 0.6 }), 'budget/behind-schedule')).toEqual([]);
    const r = validateEdited(spend('400', '40%'), { rules: { 'budget/behind-schedule': { severity: 'info' } } });
    expect(r.findings.find((x) => x.rule === 'budget/behind-schedule')!.severity).toBe('info');
    expect(cellsOf(validateEdited(spend('400', '40%'), { rules: { 'budget/behind-schedule': { enabled: false } } }), 'budget/behind-schedule')).toEqual([]);
  });
});

describe('budget/behind-schedule: honest lights (issue 11)', () => {
  it('a stated 预算执行率 far above 执行数 ÷ 预算数 gives the light of the recomputed rate, and says so', () => {
    // seed form 1: 14158 budget; 执行数 10934 → 7000 while the stated 77% stays: 49.4% of budget, yellow
    const rows = seedRowsOf('form1');
    rows[7][6] = '7000';
    const r = validateGrid(gridFromRows('机关事业单位养老', rows));
    expect(r.findings.find((f) => f.rule === 'budget/rate-mismatch')).toMatchObject({ cell: 'I9' });
    const f = r.findings.find((x) => x.rule === 'budget/behind-schedule')!;
    expect(f).toMatchObject({ cell: 'I9', light: 'yellow', severity: 'warning', actual: 0.4944 });
    expect(f.message.zh).toBe('预算执行率 49.4% 仅为时间进度 75.0% 的 65.9%（黄灯）。填报的预算执行率为 77%，与执行数 ÷ 预算数不符，灯色按重算值 49.4% 判定。');
    expect(f.message.en).toContain('the light uses the recomputed 49.4%');
  });

  it('the seed form 1 rate (77% = 10934 ÷ 14158) agrees and shows green: no finding', () => {
    expect(validateGrid(seedGrid('form1')).findings.some((f) => f.rule === 'budget/behind-schedule')).toBe(false);
  });
});
