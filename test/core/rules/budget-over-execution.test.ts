import { cellsOf, validateEdited } from '../../helpers/forms';

describe('budget/over-execution', () => {
  it('flags 执行数 above 到位数 at the 执行数 cell', () => {
    const r = validateEdited((rows) => {
      rows[7][6] = '900';
      rows[7][7] = '90%';
    });
    expect(cellsOf(r, 'budget/over-execution')).toEqual(['G8']);
    expect(r.findings.find((f) => f.rule === 'budget/over-execution')!.message.zh).toContain('900');
  });

  it('flags 到位数 above 预算数 at the 到位数 cell', () => {
    expect(cellsOf(validateEdited((rows) => (rows[7][4] = '1200')), 'budget/over-execution')).toEqual(['E8']);
  });

  it('is silent when 执行数 ≤ 到位数 ≤ 预算数', () => {
    expect(cellsOf(validateEdited(() => undefined), 'budget/over-execution')).toEqual([]);
  });
});
