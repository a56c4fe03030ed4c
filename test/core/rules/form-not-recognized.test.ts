import { CONSISTENT } from '../../helpers/forms';
import { gridFromRows } from '../../helpers/grid';
import { validateGrid } from '../../../src/core/validate';

const list = [['姓名', '身份证号', '金额'], ['张三', '650000199001010000', '1200']];

describe('form/not-recognized', () => {
  it('a sheet that is no 附件1 gets one finding at its first cell, naming the missing headings', () => {
    const r = validateGrid(gridFromRows('名单', list));
    expect(r.recognized).toBe(false);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    expect(f).toMatchObject({ rule: 'form/not-recognized', severity: 'warning', cell: 'A1', section: 'form', actual: null });
    expect(f.expected).toBe('一、基本情况、二、预算执行情况、三、目标完成情况、四、年度绩效指标完成情况、五、绩效目标执行出现的偏差和采取的措施');
    expect(f.message.zh).toContain('工作表“名单”不是附件1');
    expect(f.message.en).toContain('Sheet "名单" is not a 附件1');
    expect(r.reason).toEqual(f.message);
  });

  it('the finding sits on the used range\'s first cell, wherever it starts', () => {
    const r = validateGrid({ ...gridFromRows('名单', list), top: 4, left: 2 });
    expect(r.findings[0].cell).toBe('C5');
  });

  it('switched off, it reports nothing, and the sheet still says why it is no form', () => {
    const r = validateGrid(gridFromRows('名单', list), { rules: { 'form/not-recognized': { enabled: false } } });
    expect(r.findings).toEqual([]);
    expect(r.reason?.zh).toContain('名单');
  });

  it('a form is recognised and gets no such finding', () => {
    const r = validateGrid(gridFromRows('测试', CONSISTENT));
    expect(r.findings.some((f) => f.rule === 'form/not-recognized')).toBe(false);
  });
});
