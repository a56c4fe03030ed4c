/** Recognition under the layouts real forms use: other start cells, inline values, full-width text, merges, hidden rows. */
import { fromA1, type Grid, summarizeForm, toA1, validateGrid } from '../../src/core';
import { CONSISTENT } from '../helpers/forms';
import { gridFromRows, offsetRows, seedRowsOf } from '../helpers/grid';

const list = (g: Grid) => validateGrid(g).findings.map((f) => `${f.rule} ${f.cell}`);
const moveCell = (cell: string, dr: number, dc: number) => {
  const { row, col } = fromA1(cell);
  return toA1(row + dr, col + dc);
};

describe('recogniser', () => {
  it('a form with everything consistent gives no error or warning', () => {
    const r = validateGrid(gridFromRows('一致', CONSISTENT));
    expect(r.recognized).toBe(true);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(summarizeForm(r.form!)).toMatchObject({ budget: 1000, available: 800, executed: 780, executionRate: 0.78, overallRate: 1.0033 });
  });

  it('a sheet that is not a 附件1 gets form/not-recognized naming the missing headings', () => {
    const r = validateGrid(gridFromRows('名单', [['姓名', '金额'], ['张三', '100'], ['李四', '200']]));
    expect(r.recognized).toBe(false);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0].rule).toBe('form/not-recognized');
    expect(r.findings[0].message.zh).toContain('名单');
    for (const h of ['一、基本情况', '二、预算执行情况', '三、目标完成情况', '四、年度绩效指标完成情况']) expect(r.reason!.zh).toContain(h);
    expect(r.reason!.en).toContain('missing');
  });

  it('an empty sheet is not recognised and the message names it', () => {
    const r = validateGrid({ name: '空表', top: 0, left: 0, values: [] });
    expect(r.recognized).toBe(false);
    expect(r.findings[0].cell).toBe('A1');
  });

  it('finds the form when it starts at another cell (findings move with it)', () => {
    const base = list(gridFromRows('s', seedRowsOf('form2')));
    const moved = list(gridFromRows('s', offsetRows(seedRowsOf('form2'), 3, 2)));
    expect(moved).toEqual(base.map((x) => {
      const [rule, cell] = x.split(' ');
      return `${rule} ${moveCell(cell, 3, 2)}`;
    }));
  });

  it('reads a used range that does not start at A1 (Excel gives values from its top-left)', () => {
    const g = gridFromRows('s', seedRowsOf('form3'));
    const base = list(g);
    const shifted = list({ ...g, top: 10, left: 3 });
    expect(shifted).toEqual(base.map((x) => {
      const [rule, cell] = x.split(' ');
      return `${rule} ${moveCell(cell, 10, 3)}`;
    }));
  });

  it('reads label and value from one cell, with full-width digits and colons (预算数：５４２)', () => {
    const rows = seedRowsOf('form2').map((r) => [...r]);
    // row 8: 预算数: 542 | 到位数: 433 | 执行数: 433 → one cell each, full-width
    rows[7] = ['', '预算数：５４２', '', '到位数：４３３', '', '执行数：４３３', '', ''];
    const r = validateGrid(gridFromRows('inline', rows));
    expect(summarizeForm(r.form!)).toMatchObject({ budget: 542, available: 433, executed: 433, executionRate: 0.7989 });
    expect(r.form!.budget.cell).toBe('B8');
    expect(r.findings.find((f) => f.cell === 'H8')?.fix?.display).toBe('79.9%');
  });

  it('reads values on the row below their labels', () => {
    const rows = CONSISTENT.map((r) => [...r]);
    rows.splice(7, 1, ['', '预算数', '', '到位数', '', '执行数', '', '78%'], ['', '1000', '', '800', '', '780', '', '']);
    const r = validateGrid(gridFromRows('below', rows));
    expect(summarizeForm(r.form!)).toMatchObject({ budget: 1000, available: 800, executed: 780 });
  });

  it('treats full-width text, spaces and ≧ like their half-width forms', () => {
    const toFull = (s: string) => s.replace(/[0-9%:.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/≥/g, '≧');
    // keep the typed numbers (amounts, rates) and convert every text cell
    const rows = seedRowsOf('form1').map((r) => r.map((f) => (/^[\d.]+%?$/.test(f) ? f : toFull(f))));
    const r = validateGrid(gridFromRows('全角', rows));
    const base = validateGrid(gridFromRows('半角', seedRowsOf('form1')));
    expect(r.findings.map((f) => `${f.rule} ${f.cell}`)).toEqual(base.findings.map((f) => `${f.rule} ${f.cell}`));
    expect(r.form!.indicators[0].computed!.rate).toBeCloseTo(2977 / 2834, 6);
    expect(r.form!.indicators[0].target.value).toBe('２８３４人');
  });

  it('copes with merged cells (value in the top-left)', () => {
    const g = gridFromRows('merged', seedRowsOf('form3'), {
      merges: [
        { top: 1, left: 0, bottom: 1, right: 7 }, // title
        { top: 4, left: 0, bottom: 5, right: 0 }, // 一、基本情况 over two rows
        { top: 6, left: 0, bottom: 9, right: 0 }, // 二、预算执行情况 over four rows
        { top: 11, left: 1, bottom: 11, right: 3 }, // 年度预期目标 text across three columns
        { top: 12, left: 3, bottom: 12, right: 4 }, // 三级指标 header over two columns
      ],
    });
    const base = validateGrid(gridFromRows('s', seedRowsOf('form3')));
    expect(list(g)).toEqual(base.findings.map((f) => `${f.rule} ${f.cell}`));
  });

  it('reads hidden (filtered) rows as part of the form, and says the row is hidden', () => {
    const rows = CONSISTENT.map((r) => [...r]);
    rows[13][6] = '50%'; // 参保缴费人数: 950 ÷ 1000 = 95%, stated 50%
    const r = validateGrid(gridFromRows('筛选', rows, { hiddenRows: [13] }));
    expect(r.findings.filter((f) => f.cell === 'G14').map((f) => f.rule)).toContain('indicator/rate-mismatch');
    const note = r.findings.find((f) => f.rule === 'layout/shifted' && f.message.zh.includes('第 14 行已隐藏'))!;
    expect(note).toMatchObject({ severity: 'info', cell: 'B14' });
    // the same findings as when the row is visible, plus the note
    const visible = validateGrid(gridFromRows('筛选', rows));
    expect(r.findings.filter((f) => f !== note).map((f) => `${f.rule} ${f.cell}`)).toEqual(visible.findings.map((f) => `${f.rule} ${f.cell}`));
  });

  it('a missing 预算数 label value is reported where the value belongs', () => {
    const rows = CONSISTENT.map((r) => [...r]);
    rows[7] = ['', '预算数:', '', '到位数:', '800', '执行数:', '780', '78%'];
    const r = validateGrid(gridFromRows('缺预算数', rows));
    expect(r.findings.map((f) => `${f.rule} ${f.cell}`)).toContain('field/missing C8');
  });

  it('reports text in a numeric cell with the cell and the text', () => {
    const rows = CONSISTENT.map((r) => [...r]);
    rows[7] = ['', '预算数:', '约一千', '到位数:', '800', '执行数:', '780', '78%'];
    const r = validateGrid(gridFromRows('文字', rows));
    const f = r.findings.find((x) => x.rule === 'field/not-a-number')!;
    expect(f.cell).toBe('C8');
    expect(f.message.zh).toContain('约一千');
  });
});

describe('section headings', () => {
  it.each(['二、预算执行情况', '二．预算执行情况', '（二）预算执行情况', '2、预算执行情况', '预算执行情况'])('recognises %s', (h) => {
    const rows = CONSISTENT.map((r) => [...r]);
    rows[6][0] = h;
    expect(validateGrid(gridFromRows('h', rows)).recognized).toBe(true);
  });

  it('does not take the 附件2 header 预算执行情况(单位:万元) for a section', () => {
    const rows = CONSISTENT.map((r) => [...r]);
    rows[6][0] = '预算执行情况(单位:万元)';
    const r = validateGrid(gridFromRows('h', rows));
    expect(r.recognized).toBe(false);
    expect(r.missing).toEqual(['二、预算执行情况']);
  });
});
