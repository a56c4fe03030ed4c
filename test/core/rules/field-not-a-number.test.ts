import { cellsOf, validateEdited } from '../../helpers/forms';

describe('field/not-a-number', () => {
  it('text where an amount belongs is named with its cell', () => {
    const r = validateEdited((rows) => (rows[7][2] = '约一千'));
    expect(r.findings.find((f) => f.rule === 'field/not-a-number')).toMatchObject({
      cell: 'C8',
      actual: '约一千',
      message: { zh: '预算数应为数字，C8 中是“约一千”。', en: 'The budget (预算数) should be a number; C8 holds "约一千".' },
    });
  });

  it('a negative amount is named with its cell', () => {
    const r = validateEdited((rows) => (rows[7][6] = '-780'));
    expect(r.findings.find((f) => f.rule === 'field/not-a-number')).toMatchObject({ cell: 'G8', message: { zh: '执行数不能为负数，G8 中是“-780”。' } });
  });

  it('a rate of 1000% or more is questioned', () => {
    const r = validateEdited((rows) => (rows[13][6] = '9500%'));
    expect(r.findings.find((f) => f.rule === 'field/not-a-number')).toMatchObject({ cell: 'G14' });
  });

  it('an error value as 指标完成值 is named with its cell', () => {
    const r = validateEdited((rows) => (rows[13][5] = '#DIV/0!'));
    expect(r.findings.find((f) => f.rule === 'field/not-a-number')).toMatchObject({
      cell: 'F14',
      message: { zh: '指标完成值（F14）是 Excel 错误值“#DIV/0!”，无法读取；请检查该单元格的公式。' },
    });
  });

  it('numbers where numbers belong give nothing', () => {
    expect(cellsOf(validateEdited(() => undefined), 'field/not-a-number')).toEqual([]);
  });
});
