import { assessQualitative, isExcelError, normalize, parseActual, parseNumber, parseRate, parseTarget } from '../../src/core/parse';
import { marksFor } from '../../src/core/marks';
import { timeProgress } from '../../src/core/recompute';

describe('value parsers (design §2)', () => {
  it.each([
    ['10,934', 10934, false],
    ['１０９３４', 10934, false],
    ['109.00%', 1.09, true],
    ['2834人', 2834, false],
    ['124.07', 124.07, false],
    ['５２.３１％', 0.5231, true],
    [' 542 ', 542, false],
  ])('number %s', (text, value, percent) => {
    const p = parseNumber(text)!;
    expect(p.value).toBeCloseTo(value, 10);
    expect(p.percent).toBe(percent);
  });

  it('rates keep the precision shown', () => {
    expect(parseRate('109.00%', 1.09)).toEqual({ value: 1.09, decimals: 2 });
    expect(parseRate('77%', 0.77)).toEqual({ value: 0.77, decimals: 0 });
    expect(parseRate('77', 77)!.value).toBeCloseTo(0.77, 10);
  });

  it.each([
    ['≥95%', { kind: 'comparator', op: '≥', value: 0.95 }],
    ['≧95%', { kind: 'comparator', op: '≥', value: 0.95 }],
    ['>=95%', { kind: 'comparator', op: '≥', value: 0.95 }],
    ['≤0.1%', { kind: 'comparator', op: '≤', value: 0.001 }],
    ['上访率控制在0.1%以内', { kind: 'comparator', op: '≤', value: 0.001 }],
    ['上访率控制在0.1%以内, 维护社会稳定, 长治久安', { kind: 'comparator', op: '≤', value: 0.001 }],
    ['95%≤x≤105%', { kind: 'band', low: 0.95, high: 1.05 }],
    ['95%-105%', { kind: 'band', low: 0.95, high: 1.05 }],
    ['105%≤≥95%', { kind: 'malformed', likely: { low: 0.95, high: 1.05, percent: true } }],
    ['105%≤95%', { kind: 'malformed', likely: { low: 0.95, high: 1.05, percent: true } }],
    ['每月25日前', { kind: 'deadline' }],
    ['充分发挥社会保险的职能作用', { kind: 'qualitative' }],
    ['50、6.17', { kind: 'compound', parts: [50, 6.17] }],
    ['#DIV/0!', { kind: 'error', code: '#DIV/0!' }],
    ['2834人', { kind: 'number', value: 2834, unit: '人' }],
    ['', { kind: 'empty' }],
  ])('target %s', (text, expected) => {
    expect(parseTarget(text)).toMatchObject(expected);
  });

  it('actuals: inequalities are not measurements; errors and compounds are recognised', () => {
    expect(parseActual('≥95%')).toMatchObject({ kind: 'inequality', op: '≥', value: 0.95 });
    expect(parseActual('52、15')).toMatchObject({ kind: 'compound', parts: [52, 15] });
    expect(parseActual('#REF!')).toMatchObject({ kind: 'error' });
    expect(parseActual('按时发放')).toMatchObject({ kind: 'qualitative' });
    expect(isExcelError('#N/A')).toBe(true);
  });

  it('qualitative actuals read as 达成 / 部分达成 / 未达成', () => {
    expect(assessQualitative('按时发放', '每月25日前')).toBe('met');
    expect(assessQualitative('部分按时发放', '每月25日前')).toBe('partial');
    expect(assessQualitative('未按时发放', '每月25日前')).toBe('unmet');
  });
});

describe('时间进度', () => {
  it('2020年9月 of a calendar-year project is 9/12 = 75%', () => {
    expect(timeProgress('2020.01.01-2020.12.31', '2020年9月', 'month').value).toBe(0.75);
    expect(timeProgress('2020.01.01-2020.12.31', '2020年9月', 'month').arithmetic).toBe('9 ÷ 12 = 75.0%');
  });

  it('without a 项目周期 the calendar year of the 监控时点 is used; days are an option', () => {
    expect(timeProgress(null, '2020年6月', 'month').value).toBe(0.5);
    expect(timeProgress('2020.01.01-2020.12.31', '2020年9月', 'day').value).toBeCloseTo(274 / 366, 10);
  });

  it('a mid-year project counts its own months', () => {
    expect(timeProgress('2020.07.01-2021.06.30', '2020年9月', 'month').value).toBe(0.25);
  });

  it('an unreadable 监控时点 gives no 时间进度', () => {
    expect(timeProgress('2020.01.01-2020.12.31', '年中', 'month').value).toBeNull();
    // issue 11: 九月 (Chinese numerals) is now read as September
    expect(timeProgress('2020.01.01-2020.12.31', '九月', 'month').value).toBe(0.75);
  });
});

describe('normalize', () => {
  it('folds full-width digits, punctuation and spaces, and unifies comparators', () => {
    expect(normalize('预算数：１４１５８')).toBe('预算数:14158');
    expect(normalize('上访率控制在0.1%以内，维护社会稳定')).toBe('上访率控制在0.1%以内,维护社会稳定');
    expect(normalize('（含生育）')).toBe('(含生育)');
    expect(normalize('≧95％')).toBe('≥95%');
    expect(normalize('>=95%')).toBe('≥95%');
    expect(normalize('一、 基本情况')).toBe('一、基本情况');
    expect(normalize('参保缴费人数')).toBe('参保缴费人数');
  });
});

describe('marks', () => {
  it('a sheet that is not a 附件1 gets no mark, only its message', () => {
    const finding = { rule: 'form/not-recognized', severity: 'warning', sheet: 'S', cell: 'A1', section: 'form', message: { zh: '不是附件1', en: 'not a form' } } as const;
    expect(marksFor([finding])).toEqual([]);
  });
});
