import { CONSISTENT, cellsOf, validateEdited } from '../../helpers/forms';
import { gridFromRows } from '../../helpers/grid';
import { validateGrid } from '../../../src/core/validate';

const layout = (r: ReturnType<typeof validateGrid>) => r.findings.filter((f) => f.rule === 'layout/shifted');

describe('layout/shifted', () => {
  it('a 预算执行率 on the 其中 row is read there, and the note says where it was expected', () => {
    const r = validateEdited((rows) => {
      rows[8][7] = rows[7][7];
      rows[7][7] = '';
    });
    expect(layout(r)).toMatchObject([{ cell: 'H9', severity: 'info', related: ['H8'] }]);
    expect(layout(r)[0].message.zh).toBe('“预算执行率”的值位于 H9，不在表头下方的 H8；已按 H9 读取。');
    expect(r.form!.executionRate).toMatchObject({ value: 0.78, cell: 'H9' });
    expect(cellsOf(r, 'field/missing')).toEqual([]);
  });

  it('an indicator row one column to the right is read as shifted', () => {
    const r = validateEdited((rows) => rows[13].splice(4, 0, ''));
    expect(layout(r)).toMatchObject([{ cell: 'F14', related: ['E14'] }]);
    expect(layout(r)[0].message).toEqual({
      zh: '指标“参保缴费人数”一行的数值整体向右错位 1 列；已按错位后的位置读取。',
      en: 'The values of indicator "参保缴费人数" sit 1 column to the right of the header; read as shifted.',
    });
    expect(r.form!.indicators[0].rate.value).toBe(0.95);
  });

  it('a missing header cell: the column is inferred, and said so', () => {
    const r = validateEdited((rows) => (rows[6][7] = ''));
    expect(layout(r).map((f) => f.message.zh)).toContain('表头缺少“预算执行率”，已按位置推断其所在列。');
  });

  it('a hidden row of the form is read, and said so', () => {
    const r = validateGrid(gridFromRows('测试', CONSISTENT, { hiddenRows: [14] }));
    expect(layout(r)).toMatchObject([{ cell: 'D15', message: { zh: '第 15 行已隐藏（或被筛选），其内容仍按表格数据校验。' } }]);
  });

  it('a form in its layout gives no note', () => {
    expect(layout(validateEdited(() => undefined))).toEqual([]);
  });
});
