import { seedGrid, seedRowsOf, gridFromRows } from '../helpers/grid';
import { validateGrid } from '../../src/core/validate';
import { isDateFormat, parsePeriodCell, parsePeriodText, serialToYmd } from '../../src/core/period';
import { timeProgress } from '../../src/core/recompute';

/** End month (and year) of a 监控时点 as the engine reads it. */
const end = (s: string) => {
  const p = parsePeriodText(s);
  return p && [p.end.y, p.end.m, p.end.d];
};

describe('one period parser for 监控时点 and 项目周期', () => {
  it.each([
    // months
    ['2021年9月', [2021, 9, null]],
    ['2021年09月', [2021, 9, null]],
    ['9月', [null, 9, null]],
    ['9月份', [null, 9, null]],
    ['2021年九月', [2021, 9, null]],
    ['2021年十二月', [2021, 12, null]],
    // ranges of months
    ['2021年1-9月', [2021, 9, null]],
    ['1至9月', [null, 9, null]],
    ['1—9月', [null, 9, null]],
    ['1~9月', [null, 9, null]],
    ['1～9月', [null, 9, null]],
    ['1月-9月', [null, 9, null]],
    ['2021年1月至9月', [2021, 9, null]],
    ['一至九月', [null, 9, null]],
    ['2021年前9个月', [2021, 9, null]],
    // quarters
    ['2021年第三季度', [2021, 9, null]],
    ['三季度', [null, 9, null]],
    ['第3季度', [null, 9, null]],
    ['Q3', [null, 9, null]],
    ['2021Q3', [2021, 9, null]],
    ['2021年q2', [2021, 6, null]],
    // half-years and others
    ['上半年', [null, 6, null]],
    ['2021年下半年', [2021, 12, null]],
    ['前三季度', [null, 9, null]],
    ['2021年前三季度', [2021, 9, null]],
    ['全年', [null, 12, null]],
    ['2021年度', [2021, 12, null]],
    // cut-off dates
    ['截至2021年9月30日', [2021, 9, 30]],
    ['截止到2021年9月底', [2021, 9, null]],
    ['2021年9月30日', [2021, 9, 30]],
    // numeric forms
    ['2021.9', [2021, 9, null]],
    ['2021.09.30', [2021, 9, 30]],
    ['2021-09', [2021, 9, null]],
    ['2021/9/30', [2021, 9, 30]],
    ['2021-09-30', [2021, 9, 30]],
    // full-width digits and spaces
    ['２０２１年１－９月', [2021, 9, null]],
    ['２０２１．９', [2021, 9, null]],
    [' 2021 年 9 月 ', [2021, 9, null]],
  ])('%s ends in %j', (text, expected) => {
    expect(end(text)).toEqual(expected);
  });

  it.each(['待定', '2021年13月', '9-1月', '上个月', '2021.9.45', 'Q5'])('%s is not read as a period', (text) => {
    expect(parsePeriodText(text)).toBeNull();
  });

  it('reads a 项目周期 as a start and an end', () => {
    expect(parsePeriodText('2020.01.01-2020.12.31')).toMatchObject({ start: { y: 2020, m: 1, d: 1 }, end: { y: 2020, m: 12, d: 31 } });
    expect(parsePeriodText('2020年7月至2021年6月')).toMatchObject({ start: { y: 2020, m: 7 }, end: { y: 2021, m: 6 } });
    expect(parsePeriodText('2020-2022年')).toMatchObject({ start: { y: 2020, m: 1 }, end: { y: 2022, m: 12 } });
    expect(parsePeriodText('2021年')).toMatchObject({ start: { y: 2021, m: 1 }, end: { y: 2021, m: 12 }, kind: 'year' });
  });

  it('reads an Excel date serial from its value and date format, whatever the display text', () => {
    expect(serialToYmd(44469)).toEqual({ y: 2021, m: 9, d: 30 });
    expect(serialToYmd(44104)).toEqual({ y: 2020, m: 9, d: 30 });
    expect(serialToYmd(44197)).toEqual({ y: 2021, m: 1, d: 1 });
    expect(serialToYmd(1)).toEqual({ y: 1900, m: 1, d: 1 });
    expect(serialToYmd(61)).toEqual({ y: 1900, m: 3, d: 1 });
    // a US-locale display text is never parsed: the value and the format decide
    for (const format of ['m/d/yyyy', 'yyyy/m/d', 'yyyy"年"m"月"d"日"', '[$-804]yyyy"年"m"月"', '[DBNum1][$-804]yyyy"年"m"月"d"日"', 'mmm-yy', 'yyyy-mm-dd', 'dd.mm.yyyy', 'mm-dd-yy']) {
      expect(parsePeriodCell('9/30/2020', 44104, format)?.end).toMatchObject({ y: 2020, m: 9 });
    }
    // a format without a day stands for the month
    expect(parsePeriodCell('2020年9月', 44104, 'yyyy"年"m"月"')?.end).toEqual({ y: 2020, m: 9, d: null });
    expect(parsePeriodCell('2020/9/30', 44104, 'yyyy/m/d')?.end).toEqual({ y: 2020, m: 9, d: 30 });
    // not a date format: the number is not a date
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('[h]:mm:ss')).toBe(false);
    expect(isDateFormat('"月"0')).toBe(false);
    expect(parsePeriodCell('44104', 44104, 'General')).toBeNull();
  });

  it('a number 2020.1 is unreadable (it may be 2020.10 with Excel’s trailing zero dropped); as text it is January', () => {
    expect(parsePeriodCell('2020.1', 2020.1, 'General')).toBeNull();
    expect(parsePeriodCell('2020.1', '2020.1', 'General')?.end).toEqual({ y: 2020, m: 1, d: null });
    expect(parsePeriodCell('2020.9', 2020.9, 'General')?.end).toEqual({ y: 2020, m: 9, d: null });
  });

  it('time progress from every way of writing September of a calendar-year project is 9/12', () => {
    for (const mp of ['2020年9月', '2020年1-9月', '1至9月', '第三季度', 'Q3', '前三季度', '截至2020年9月30日', '2020.9', '2020-09', '2020/9/30', '２０２０年９月']) {
      expect(timeProgress('2020.01.01-2020.12.31', mp, 'month')).toEqual({ value: 0.75, arithmetic: '9 ÷ 12 = 75.0%' });
    }
    expect(timeProgress('2020.01.01-2020.12.31', '上半年', 'month').value).toBe(0.5);
    expect(timeProgress('2020.01.01-2020.12.31', '全年', 'month').value).toBe(1);
    expect(timeProgress('2020年7月至2021年6月', '2020年12月', 'month').value).toBe(0.5);
    // a 监控时点 without a year takes the project's
    expect(timeProgress('2020.01.01-2020.12.31', '1-9月', 'day').arithmetic).toBe('274 ÷ 366 = 74.9%');
  });
});

describe('监控时点 on seed form 3 (37% executed against 时间进度)', () => {
  const withPoint = (mp: string | number, format?: string) => {
    const rows = seedRowsOf('form3');
    rows[5][5] = typeof mp === 'string' ? mp : '';
    const grid = gridFromRows('职工基本医疗', rows);
    if (typeof mp === 'number') {
      grid.values[5][5] = mp;
      grid.formats![5][5] = format ?? 'General';
      grid.text![5][5] = '9/30/2020';
    }
    return validateGrid(grid);
  };

  it.each(['2020年1-9月', '2020年第三季度', 'Q3', '前三季度', '截至2020年9月30日', '2020/9/30'])('%s gives 时间进度 75% and keeps the red light', (mp) => {
    const r = withPoint(mp);
    expect(r.form!.computed.timeProgress).toBe(0.75);
    expect(r.findings.find((f) => f.rule === 'budget/behind-schedule')).toMatchObject({ light: 'red', cell: 'H8' });
    expect(r.findings.some((f) => f.rule === 'field/unreadable-period')).toBe(false);
  });

  it('a date serial formatted as a date is read from its value', () => {
    const r = withPoint(44104, 'm/d/yyyy');
    expect(r.form!.computed.timeProgress).toBe(0.75);
    expect(r.form!.computed.timeProgressBasis).toMatchObject({ monitorPoint: { text: '9/30/2020', used: '2020年9月30日' } });
    // the 监控时点 is named from the date, not the US display text: the 附件2 key does not depend on the locale
    expect(r.form!.monitorPoint).toMatchObject({ value: '2020年9月30日', text: '9/30/2020', cell: 'F6' });
    expect(withPoint(44104, 'yyyy"年"m"月"').form!.monitorPoint.value).toBe('2020年9月');
  });

  it('the period used and the text it came from are part of the result', () => {
    expect(withPoint('2020年1-9月').form!.computed.timeProgressBasis).toEqual({
      monitorPoint: { text: '2020年1-9月', used: '2020年9月' },
      period: { text: '2020.01.01-2020.12.31', start: '2020年1月1日', end: '2020年12月31日', assumed: false },
    });
  });

  it('an unreadable 监控时点 is an error at its cell, and no 时间进度 is made up', () => {
    const r = withPoint('年中');
    expect(r.form!.computed.timeProgress).toBeNull();
    const f = r.findings.find((x) => x.rule === 'field/unreadable-period')!;
    expect(f).toMatchObject({ cell: 'F6', severity: 'error', section: 'basic', actual: '年中' });
    expect(f.message.zh).toContain('无法识别的监控时点“年中”');
    expect(f.message.en).toContain('Unreadable monitoring point "年中"');
    expect(r.findings.some((x) => x.rule === 'budget/behind-schedule')).toBe(false);
  });

  it('a 监控时点 typed as the number 2020.10 (shown 2020.1) is reported, not read as January', () => {
    const grid = gridFromRows('职工基本医疗', seedRowsOf('form3'));
    grid.values[5][5] = 2020.1;
    grid.text![5][5] = '2020.1';
    const r = validateGrid(grid);
    expect(r.form!.computed.timeProgress).toBeNull();
    expect(r.findings.find((x) => x.rule === 'field/unreadable-period')).toMatchObject({ cell: 'F6', actual: '2020.1' });
  });

  it('an unreadable 项目周期 is a warning; the calendar year of the 监控时点 is used', () => {
    const rows = seedRowsOf('form3');
    rows[4][5] = '长期';
    const r = validateGrid(gridFromRows('职工基本医疗', rows));
    expect(r.findings.find((x) => x.rule === 'field/unreadable-period')).toMatchObject({ cell: 'F5', severity: 'warning' });
    expect(r.form!.computed.timeProgress).toBe(0.75);
    expect(r.form!.computed.timeProgressBasis!.period).toMatchObject({ assumed: true, start: '2020年1月1日' });
  });

  it('the seed itself has no unreadable period', () => {
    for (const f of ['form1', 'form2', 'form3', 'form4'] as const) {
      expect(validateGrid(seedGrid(f)).findings.filter((x) => x.rule === 'field/unreadable-period')).toEqual([]);
    }
  });
});
