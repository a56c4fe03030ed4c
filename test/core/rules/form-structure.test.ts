import { CONSISTENT } from '../../helpers/forms';
import { gridFromRows } from '../../helpers/grid';
import { validateGrid } from '../../../src/core/validate';

const structure = (r: ReturnType<typeof validateGrid>) => r.findings.filter((f) => f.rule === 'form/structure');

describe('form/structure', () => {
  it('a section twice: the repeat is named and only the first is read', () => {
    const rows = CONSISTENT.map((r) => [...r]);
    rows.splice(19, 0, ['四、年度绩效指标完成情况', '一级指标', '二级指标', '三级指标', '预期指标值', '指标完成值', '指标完成率'], ['', '产出指标', '数量指标', '重复指标', '10人', '1人', '10%']);
    const r = validateGrid(gridFromRows('重复', rows));
    expect(structure(r)).toMatchObject([{ cell: 'A20', severity: 'warning' }]);
    expect(structure(r)[0].message.zh).toBe('“四、年度绩效指标完成情况”在 A20 再次出现（第一次在 A13）；只读取了第一次出现的内容。');
    expect(r.form!.indicators.map((i) => i.name)).not.toContain('重复指标');
  });

  it('a cut used range is reported as information', () => {
    const g = { ...gridFromRows('大表', CONSISTENT), truncatedRows: 1048556 };
    const f = structure(validateGrid(g))[0];
    expect(f).toMatchObject({ severity: 'info', cell: 'A20' });
    expect(f.message.zh).toContain('1048556');
  });

  it('two forms one below the other are each checked, and are not a structure problem', () => {
    const r = validateGrid(gridFromRows('两张', [...CONSISTENT, [], ...CONSISTENT]));
    expect(r.forms).toHaveLength(2);
    expect(structure(r)).toEqual([]);
  });

  it('a form as laid out gives nothing', () => {
    expect(structure(validateGrid(gridFromRows('测试', CONSISTENT)))).toEqual([]);
  });
});
