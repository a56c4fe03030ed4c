/**
 * The whole picture on the seed: for each of the four 附件1 forms, the complete list of findings
 * (rule + cell) and the recognised and recomputed values. Read from the real workbooks built from the seed.
 */
import { join } from 'node:path';
import { type SheetResult, summarizeForm, validateGrid } from '../../src/core';
import { readWorkbookFile } from '../../src/node/xlsx';

const FIX = join(__dirname, '..', 'fixtures', 'xlsx');

async function validateForm(n: number): Promise<SheetResult> {
  const { grids } = await readWorkbookFile(join(FIX, `form${n}.xlsx`));
  expect(grids).toHaveLength(1);
  return validateGrid(grids[0]);
}

// Issue 11 (periods, flow/stock lexicon, honest lights, formulas, several forms per sheet, message
// digits, unreadable targets) changes none of the seed's findings: every rule, cell, severity,
// message, arithmetic and fix below is as before. Its 监控时点 (2020年9月) and 项目周期
// (2020.01.01-2020.12.31) read as before; every indicator keeps its class (execution rates are
// flows, the rest stocks or achievement-judged); no stated rate that sets a light is contradicted
// by its recomputation; there are no formulas; each sheet holds one form; every mismatch message
// already differs at one decimal; no target mixes digits and comparison signs unreadably beyond
// the malformed bands already reported.
const list = (r: SheetResult) => r.findings.map((f) => `${f.rule} ${f.cell}`);
const r4 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10000) / 10000);

// The quality, satisfaction and qualitative rows of every form: actual repeats the target (or is an
// inequality) and the rate is the 75% time progress instead of 100%.
describe('seed form 1 (机关事业单位养老保险)', () => {
  let r: SheetResult;
  beforeAll(async () => {
    r = await validateForm(1);
  });

  it('recognises the budget section: 14158 / 10934 / 10934, 77% stated and 77.2% computed, 时间进度 75%', () => {
    const s = summarizeForm(r.form!);
    expect(s).toMatchObject({
      department: '塔什库尔干县社会保险管理局',
      project: '塔什库尔干县机关事业单位养老保险(改革)基金支出',
      period: '2020.01.01-2020.12.31',
      monitorPoint: '2020年9月',
      amountUnit: '万元',
      budget: 14158,
      available: 10934,
      executed: 10934,
      executionRateStated: 0.77,
      executionRate: 0.7723,
      timeProgress: 0.75,
      overallRateStated: 0.8,
      overallRate: 0.7955,
    });
    // the rate sits on the 其中 row, one column right of its header
    expect(r.form!.executionRate.cell).toBe('I9');
  });

  it('reads every indicator: target, actual, stated and computed rate', () => {
    const rows = r.form!.indicators.map((i) => [i.name, i.target.value, i.actual.value, r4(i.rate.value), r4(i.computed!.rate)]);
    expect(rows).toEqual([
      ['参保缴费人数', '2834人', '2977人', 1.05, 1.0505],
      ['保障退休待遇人数', '1660人', '1539人', 0.93, 0.9271],
      ['基本养老保险收入预算执行率', '105%≤≥95%', '10625', 0.75, null],
      ['基本养老保险支出预算执行率', '105%≤≥95%', '10934', 0.77, null],
      ['养老保险待遇首次发放成功率', '≥95%', '≥95%', 0.75, 1],
      ['养老金首次转移成功率', '≥95%', '≥95%', 0.75, 1],
      ['养老金发放时效', '每月25日前', '按时发放', 0.75, 1],
      ['基金使用符合政策规定', '100%', '100%', 0.75, 1],
      ['让离退休人员安享晚年', '充分发挥社会保险的职能作用', '充分发挥社会保险的职能作用', 0.75, 1],
      ['离退休人员上访率', '上访率控制在0.1%以内, 维护社会稳定, 长治久安', '上访率控制在0.1%以内, 维护社会稳定, 长治久安', 0.75, 1],
      ['离休退休人员满意度', '≥95%', '≥95%', 0.75, 1],
    ]);
    expect(r.form!.indicators.map((i) => i.kind)).toEqual(['stock', 'stock', 'flow', 'flow', 'stock', 'stock', 'stock', 'stock', 'stock', 'stock', 'stock']);
  });

  it('reports exactly: malformed targets, unit mismatches, qualitative rows given 75%, and the shifted layout', () => {
    expect(list(r)).toEqual([
      'indicator/malformed-target F16',
      'indicator/malformed-target F17',
      'indicator/unit-mismatch G16',
      'indicator/unit-mismatch G17',
      'indicator/not-a-measurement F18',
      'indicator/not-a-measurement F19',
      'indicator/not-a-measurement G22',
      'indicator/not-a-measurement F23',
      'indicator/not-a-measurement F24',
      'indicator/prorated-qualitative G18',
      'indicator/prorated-qualitative G19',
      'indicator/prorated-qualitative G20',
      'indicator/prorated-qualitative G21',
      'indicator/prorated-qualitative H22',
      'indicator/prorated-qualitative G23',
      'indicator/prorated-qualitative G24',
      'layout/shifted I9',
      'layout/shifted E18',
      'layout/shifted E19',
      'layout/shifted E20',
      'layout/shifted E21',
      'layout/shifted E23',
      'layout/shifted E24',
    ]);
  });

  it('does not contradict the arithmetic: 77% = 10934 ÷ 14158 and 80% ≈ the 79.5% mean are accepted', () => {
    expect(list(r)).not.toContain('budget/rate-mismatch I9');
    expect(r.findings.some((f) => f.rule === 'budget/rate-mismatch' || f.rule === 'overall/rate-mismatch')).toBe(false);
    expect(r.findings.some((f) => f.rule === 'indicator/rate-mismatch')).toBe(false);
  });

  it('offers the likely reading of 105%≤≥95% and 100% for the qualitative rows', () => {
    const malformed = r.findings.find((f) => f.cell === 'F16')!;
    expect(malformed.fix?.display).toBe('95%≤x≤105%');
    expect(malformed.severity).toBe('error');
    const prorated = r.findings.find((f) => f.rule === 'indicator/prorated-qualitative' && f.cell === 'G20')!;
    expect(prorated.fix).toMatchObject({ cell: 'G20', value: 1 });
    expect(prorated.message.zh).toContain('养老金发放时效');
    expect(prorated.arithmetic?.zh).toContain('按时发放');
    // the arithmetic speaks the pane's language: no Chinese words in the English text but the form's own
    expect(prorated.arithmetic?.en).toBe('"按时发放" → met = 100%; time progress 9 ÷ 12 = 75.0%');
  });
});

describe('seed form 2 (城乡居民养老保险)', () => {
  let r: SheetResult;
  beforeAll(async () => {
    r = await validateForm(2);
  });

  it('recognises 542 / 433 / 433, no stated 预算执行率 (computed 79.9%), 总体完成率 81% vs mean 86.3%', () => {
    expect(summarizeForm(r.form!)).toMatchObject({
      budget: 542,
      available: 433,
      executed: 433,
      executionRateStated: null,
      executionRate: 0.7989,
      timeProgress: 0.75,
      overallRateStated: 0.81,
      overallRate: 0.8632,
    });
    expect(r.form!.computed.overallCount).toBe(15);
  });

  it('reads every indicator, including the compound and the two without a rate', () => {
    const rows = r.form!.indicators.map((i) => [i.name, i.target.value, i.actual.value, r4(i.rate.value), r4(i.computed!.rate)]);
    expect(rows).toEqual([
      ['个人缴费人数', '16525人', '18007人', 1.09, 1.0897],
      ['财政缴费补贴人数', '16804人', '8791人', 0.5231, 0.5231],
      ['重度残疾等困难人员代缴人数', '10517人', '10141人', 0.9642, 0.9642],
      ['个人缴费人均缴费标准', '124.07', '161.46', 1.3, 1.3014],
      ['财政补贴标准(省级、县级)', '50、6.17', '52、15', null, null],
      ['重度残疾等困难人员代缴标准', '100', '100', null, 1],
      ['其他代缴标准', '46.98', '50', 1.06, 1.0643],
      ['保障退休待遇人数', '2827人', '2672人', 0.95, 0.9452],
      ['基本养老保险预算执行率', '105%≤95%', '884', 1.01, null],
      ['基本养老支出预算执行率', '105%≤95%', '433', 0.8, null],
      ['养老保险待遇首次发放成功率', '≥95%', '≥95%', 0.75, 1],
      ['养老金首次转移成功率', '≥95%', '≥95%', 0.75, 1],
      ['养老金发放时效', '每月25日前', '按时发放', 0.75, 1],
      ['基金使用符合政策规定', '100%', '100%', 0.75, 1],
      ['让退休人员安享晚年', '充分发挥社会保险的职能作用', '充分发挥社会保险的职能作用', 0.75, 1],
      ['退休人员上访率', '上访率控制在0.1%以内,维护社会稳定,长治久安', '上访率控制在0.1%以内,维护社会稳定,长治久安', 0.75, 1],
      ['退休人员满意度', '≥95%', '≥95%', 0.75, 1],
    ]);
  });

  it('reports exactly the expected findings', () => {
    expect(list(r)).toEqual([
      'field/missing H8',
      'field/missing G18',
      'field/missing G19',
      'indicator/malformed-target E22',
      'indicator/malformed-target E23',
      'indicator/unit-mismatch F22',
      'indicator/unit-mismatch F23',
      'indicator/not-a-measurement E24',
      'indicator/not-a-measurement E25',
      'indicator/not-a-measurement F28',
      'indicator/not-a-measurement E29',
      'indicator/not-a-measurement E30',
      'indicator/prorated-qualitative F24',
      'indicator/prorated-qualitative F25',
      'indicator/prorated-qualitative F26',
      'indicator/prorated-qualitative F27',
      'indicator/prorated-qualitative G28',
      'indicator/prorated-qualitative F29',
      'indicator/prorated-qualitative F30',
      'indicator/deviation G15',
      'indicator/deviation G22',
      'overall/rate-mismatch G12',
      'deviation/unexplained B31',
      'layout/shifted D24',
      'layout/shifted D25',
      'layout/shifted D26',
      'layout/shifted D27',
      'layout/shifted D29',
      'layout/shifted D30',
    ]);
  });

  it('the missing 预算执行率 at H8 gets 433 ÷ 542 = 79.9% as its fix', () => {
    const f = r.findings.find((x) => x.cell === 'H8')!;
    expect(f).toMatchObject({ rule: 'field/missing', severity: 'error', expected: 0.7989, arithmetic: { zh: '433 ÷ 542 = 79.9%', en: '433 ÷ 542 = 79.9%' } });
    expect(f.fix).toMatchObject({ cell: 'H8', format: '0.0%', display: '79.9%' });
    expect(f.fix!.value).toBeCloseTo(433 / 542, 6);
  });

  it('81% stated against the 86.3% mean is an error with the mean as fix; 109.00% = 18007 ÷ 16525 is accepted', () => {
    const f = r.findings.find((x) => x.rule === 'overall/rate-mismatch')!;
    expect(f).toMatchObject({ cell: 'G12', severity: 'error', actual: 0.81, expected: 0.8632 });
    expect(f.arithmetic?.zh).toMatch(/÷ 15 = 86\.3%$/);
    expect(r.findings.some((x) => x.rule === 'indicator/rate-mismatch')).toBe(false);
  });

  it('section 五 is empty while 财政缴费补贴人数 is at 52.31% (red)', () => {
    const red = r.findings.find((x) => x.rule === 'indicator/deviation' && x.cell === 'G15')!;
    expect(red).toMatchObject({ severity: 'error', light: 'red' });
    const unexplained = r.findings.find((x) => x.rule === 'deviation/unexplained')!;
    expect(unexplained.message.zh).toContain('财政缴费补贴人数 52.3%');
    // 101% ÷ 75% is ahead of schedule: blue, information only
    expect(r.findings.find((x) => x.cell === 'G22' && x.rule === 'indicator/deviation')).toMatchObject({ severity: 'info', light: 'blue' });
  });
});

describe('seed form 3 (职工基本医疗保险)', () => {
  let r: SheetResult;
  beforeAll(async () => {
    r = await validateForm(3);
  });

  it('recognises 3488 / 1280 / 1280, 37% (36.7%), 70% (mean 69.8%)', () => {
    expect(summarizeForm(r.form!)).toMatchObject({
      budget: 3488,
      available: 1280,
      executed: 1280,
      executionRateStated: 0.37,
      executionRate: 0.367,
      timeProgress: 0.75,
      overallRateStated: 0.7,
      overallRate: 0.6982,
    });
    const rows = r.form!.indicators.map((i) => [i.name, r4(i.rate.value), r4(i.computed!.rate)]);
    expect(rows).toEqual([
      ['参保缴费人数', 0.75, 0.75],
      ['保障退休待遇人数', 0.75, 0.7499],
      ['职工基本医疗收入预算执行率', 0.56, null],
      ['职工基本医疗支出预算执行率', 0.37, null],
      ['职工基本医疗保险待遇首次发放', 0.75, 1],
      ['职工基本医疗首次转移成功率', 0.75, 1],
      ['职工基本医疗发放时效', 0.75, 1],
      ['基金使用符合政策规定', 0.75, 1],
      ['参保人员及时报销', 0.75, 1],
      ['职工上访率', 0.75, 1],
      ['职工满意度', 0.75, 1],
    ]);
  });

  it('reports exactly the expected findings', () => {
    expect(list(r)).toEqual([
      'budget/behind-schedule H8',
      'indicator/malformed-target F16',
      'indicator/malformed-target F17',
      'indicator/unit-mismatch G16',
      'indicator/unit-mismatch G17',
      'indicator/not-a-measurement G18',
      'indicator/not-a-measurement G19',
      'indicator/not-a-measurement F22',
      'indicator/not-a-measurement F23',
      'indicator/not-a-measurement E24',
      'indicator/prorated-qualitative H18',
      'indicator/prorated-qualitative H19',
      'indicator/prorated-qualitative H20',
      'indicator/prorated-qualitative F21',
      'indicator/prorated-qualitative G22',
      'indicator/prorated-qualitative G23',
      'indicator/prorated-qualitative F24',
      'indicator/deviation H14',
      'indicator/deviation H15',
      'indicator/deviation H16',
      'indicator/deviation H17',
      'deviation/explanation-mismatch B25',
      'layout/shifted D21',
      'layout/shifted E22',
      'layout/shifted E23',
      'layout/shifted D24',
    ]);
  });

  it('37% against 75% time progress is red; section 五 names 领取待遇人数, which the form does not have', () => {
    expect(r.findings[0]).toMatchObject({ rule: 'budget/behind-schedule', severity: 'error', light: 'red' });
    expect(r.findings[0].arithmetic?.zh).toContain('37.0% ÷ 75.0% = 49.3%');
    const m = r.findings.find((f) => f.rule === 'deviation/explanation-mismatch')!;
    expect(m.actual).toBe('领取待遇人数');
    expect(m.expected).toBe('职工基本医疗支出预算执行率');
    // the 56% income execution is 74.7% of time progress: yellow; 37% is red
    expect(r.findings.filter((f) => f.rule === 'indicator/deviation').map((f) => f.light)).toEqual(['yellow', 'yellow', 'yellow', 'red']);
  });
});

describe('seed form 4 (城乡居民基本医疗保险)', () => {
  let r: SheetResult;
  beforeAll(async () => {
    r = await validateForm(4);
  });

  it('recognises 2157 / 587 / 587 and the 27% found on the 其中 row with no 预算执行率 header', () => {
    expect(summarizeForm(r.form!)).toMatchObject({
      budget: 2157,
      available: 587,
      executed: 587,
      executionRateStated: 0.27,
      executionRate: 0.2721,
      timeProgress: 0.75,
      overallRateStated: 0.64,
      overallRate: 0.6411,
    });
    expect(r.form!.executionRate).toMatchObject({ cell: 'G9', shifted: true, expectedCell: 'H8' });
    // no 指标完成率 header: the rates are read from the column after 指标完成值
    expect(r.form!.indicators.map((i) => i.rate.cell)).toEqual(['H14', 'H15', 'H16', 'H17', 'H18', 'H19', 'H20', 'H21', 'H22']);
  });

  it('reports exactly the expected findings', () => {
    expect(list(r)).toEqual([
      'budget/behind-schedule G9',
      'indicator/malformed-target F15',
      'indicator/malformed-target F16',
      'indicator/unit-mismatch G15',
      'indicator/unit-mismatch G16',
      'indicator/not-a-measurement G17',
      'indicator/not-a-measurement G20',
      'indicator/not-a-measurement G21',
      'indicator/not-a-measurement G22',
      'indicator/prorated-qualitative H17',
      'indicator/prorated-qualitative H18',
      'indicator/prorated-qualitative H19',
      'indicator/prorated-qualitative H20',
      'indicator/prorated-qualitative H21',
      'indicator/prorated-qualitative H22',
      'indicator/deviation H14',
      'indicator/deviation H15',
      'indicator/deviation H16',
      'deviation/explanation-mismatch B23',
      'layout/shifted H7',
      'layout/shifted G9',
      'layout/shifted H13',
    ]);
  });

  it('27% against 75% is red, and section 五 names 领取待遇人数 which is not on the form', () => {
    expect(r.findings[0]).toMatchObject({ rule: 'budget/behind-schedule', severity: 'error', light: 'red', cell: 'G9' });
    const m = r.findings.find((f) => f.rule === 'deviation/explanation-mismatch')!;
    expect(m.message.zh).toContain('领取待遇人数');
    expect(m.message.en).toContain('not an indicator on this form');
  });
});

describe('the combined seed workbook', () => {
  it('recognises the four forms on four sheets and says why the 附件2 sheet is not a 附件1', async () => {
    const { grids } = await readWorkbookFile(join(FIX, 'seed-all.xlsx'));
    const results = grids.map((g) => validateGrid(g));
    expect(results.map((x) => [x.sheet, x.recognized])).toEqual([
      ['机关事业单位养老', true],
      ['城乡居民养老', true],
      ['职工基本医疗', true],
      ['城乡居民医疗', true],
      ['附件2', false],
    ]);
    const annex = results[4];
    expect(annex.findings).toHaveLength(1);
    expect(annex.findings[0]).toMatchObject({ rule: 'form/not-recognized', cell: 'A1' });
    expect(annex.missing).toEqual(expect.arrayContaining(['二、预算执行情况', '四、年度绩效指标完成情况']));
    expect(annex.reason!.zh).toContain('附件2');
    expect(annex.reason!.zh).toContain('四、年度绩效指标完成情况');
    // the same forms give the same findings whether alone or together
    for (let i = 0; i < 4; i++) expect(list(results[i])).toEqual(list(await validateForm(i + 1)));
  });
});
