import { cellsOf, validateEdited } from '../../../test/helpers/forms';

const spend = (executed: string, rate: string) => (rows: string[][]) => {
  rows[7][6] = executed;
  rows[7][7] = rate;
};

describe('budget/behind-schedule', () => {
  it('yellow below 80% of 时间进度, as a warning', () => {
    const r = validateEdited(spend('500', '50%'));
    const f = r.findings.find((x) => x.rule === 'budget/behind-schedule')!;
    expect(f).toMatchObject({ cell: 'H8', severity: 'warning', light: 'yellow' });
    expect(f.arithmetic).toContain('50.0% ÷ 75.0% = 66.7%');
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
