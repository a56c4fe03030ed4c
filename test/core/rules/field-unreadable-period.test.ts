import { cellsOf, validateEdited } from '../../helpers/forms';

describe('field/unreadable-period', () => {
  it('an unreadable 监控时点 is an error and leaves no 时间进度', () => {
    const r = validateEdited((rows) => (rows[5][5] = '三季度左右'));
    expect(r.findings.find((f) => f.rule === 'field/unreadable-period')).toMatchObject({ cell: 'F6', severity: 'error', actual: '三季度左右' });
    expect(r.form!.computed.timeProgress).toBeNull();
  });

  it('an unreadable 项目周期 is a warning: the calendar year of the 监控时点 is used', () => {
    const r = validateEdited((rows) => (rows[4][5] = '长期'));
    const f = r.findings.find((x) => x.rule === 'field/unreadable-period')!;
    expect(f).toMatchObject({ cell: 'F5', severity: 'warning' });
    expect(f.message.en).toContain('Unreadable project period "长期"');
    expect(r.form!.computed.timeProgress).toBe(0.75);
  });

  it('2020.1 may be 2020.10 with its zero dropped: reported, not guessed', () => {
    expect(cellsOf(validateEdited((rows) => (rows[5][5] = '2020.1')), 'field/unreadable-period')).toEqual(['F6']);
  });

  it('readable periods give nothing', () => {
    expect(cellsOf(validateEdited(() => undefined), 'field/unreadable-period')).toEqual([]);
    expect(cellsOf(validateEdited((rows) => (rows[5][5] = '2020年1-9月')), 'field/unreadable-period')).toEqual([]);
  });
});
