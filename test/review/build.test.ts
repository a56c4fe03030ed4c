import { join } from 'node:path';
import { formatValue, validateGrid, type SheetResult } from '../../src/core';
import { readWorkbookFile } from '../../src/node/xlsx';
import { seedRows, readSeed } from '../../src/node/seed';
import { pctShort } from '../../src/core/parse';
import { buildReviewRow, buildReviewRows, proposeScores, ReviewRowError, setScore, switchRate, keyString } from '../../src/review/build';
import { annex2Plan, findAnnex2, monitorPointText, rowCells } from '../../src/review/layout';
import { DEFAULT_RUBRIC, validateRubric } from '../../src/review/rubric';
import type { ReviewRow } from '../../src/review/types';
import { gridFromRows } from '../helpers/grid';

const SEED_ALL = join(__dirname, '..', '..', 'test', 'fixtures', 'xlsx', 'seed-all.xlsx');

let results: SheetResult[];
let rows: ReviewRow[];

beforeAll(async () => {
  const { grids } = await readWorkbookFile(SEED_ALL);
  results = grids.map((g) => validateGrid(g));
  rows = results.filter((r) => r.recognized).map((r) => buildReviewRow(r, { timely: 9 }));
});

/** How a plan value shows in Excel. */
const shown = (v: string | number | null, fmt: string) => (v === null ? '' : typeof v === 'number' ? formatValue(v, fmt || 'General') : v);

describe('buildReviewRow on the four seed forms (按时报送 = 9)', () => {
  it('reproduces the data columns and scores of the seed 附件2', () => {
    expect(rows).toHaveLength(4);
    const got = rows.map((r) => {
      const c = rowCells(r, 0);
      return c.values.slice(3).map((v, i) => shown(v, c.formats[i + 3]));
    });
    expect(got).toEqual([
      ['14158', '10934', '10934', '77%', '80%', '30', '30', '30', '9', '99'],
      ['542', '433', '433', '80%', '81%', '30', '30', '25', '9', '94'],
      ['3488', '1280', '1280', '37%', '70%', '30', '30', '25', '9', '94'],
      ['2157', '587', '587', '27%', '64%', '30', '30', '25', '9', '94'],
    ]);
  });

  it('matches every seed 附件2 data row cell by cell, except 序号 and the two abbreviated project names', () => {
    // The seed's 附件2 leaves 序号 blank and shortens two project names (…(含生育) and …基金);
    // our rows carry 序号 1..4 and the names exactly as the 附件1 states them.
    const seed = seedRows(readSeed('annex2.tsv')).slice(6, 10);
    const plan = annex2Plan(rows);
    seed.forEach((seedRow, i) => {
      const ours = plan.values[6 + i].map((v, c) => shown(v, plan.formats[6 + i][c]));
      expect(ours[0]).toBe(String(i + 1));
      expect(seedRow[0]).toBe('');
      if (i === 2) {
        expect(seedRow[2]).toBe('塔什库尔干县职工基本医疗保险(含生育)');
        expect(ours[2]).toBe('塔什库尔干县职工基本医疗保险(含生育保险)基金支出');
      } else if (i === 3) {
        expect(seedRow[2]).toBe('塔什库尔干县城乡居民基本医疗保险基金');
        expect(ours[2]).toBe('塔什库尔干县城乡居民基本医疗保险基金支出');
      } else {
        expect(ours[2]).toBe(seedRow[2]);
      }
      expect(ours[1]).toBe(seedRow[1]);
      expect(ours.slice(3)).toEqual(seedRow.slice(3));
    });
  });

  it('keeps form 2’s stated 总体完成率 81% against the recomputed 86.3% and lets the reviewer switch', () => {
    const r = rows[1];
    expect(r.overallRate).toMatchObject({ value: 0.81, source: 'stated', stated: 0.81, disagree: true });
    expect(r.overallRate.computed).toBeCloseTo(0.8632, 3);
    expect(r.overallRate.evidence?.zh).toContain('86.3%');
    const switched = switchRate(r, 'overallRate', 'computed');
    expect(switched.overallRate.value).toBeCloseTo(0.8632, 3);
    expect(switched.overallRate.source).toBe('computed');
    expect(switched.total).toBe(switched.scores.budget.value + switched.scores.goal.value + switched.scores.deviation.value + switched.scores.timely.value);
    expect(switchRate(switched, 'overallRate', 'stated').overallRate.value).toBe(0.81);
  });

  it('fills form 2’s missing 预算执行率 with the recomputed 433 ÷ 542', () => {
    const r = rows[1].executionRate;
    expect(r.stated).toBeNull();
    expect(r.source).toBe('computed');
    expect(r.value).toBeCloseTo(433 / 542, 6);
    expect(r.evidence?.zh).toContain('433 ÷ 542 = 79.9%');
  });

  it('uses a stated rate that agrees within the shown precision (form 1: 77% for 77.2%)', () => {
    expect(rows[0].executionRate).toMatchObject({ value: 0.77, source: 'stated', disagree: false });
  });

  it('gives every score its evidence in words, in both languages', () => {
    const r = rows[1];
    expect(r.scores.budget.evidence.zh).toBe('执行数 ÷ 到位数 = 433 ÷ 433 = 100%，达到 100%，得 30 分');
    expect(r.scores.budget.evidence.en).toContain('433 ÷ 433 = 100%');
    expect(r.scores.goal.evidence.zh).toContain('总体完成率 81% ≥ 60%');
    expect(r.scores.deviation.evidence.zh).toContain('第五部分（偏差和采取的措施）未填写');
    expect(r.scores.deviation.evidence.zh).toContain('30 − 5 = 25');
    expect(rows[2].scores.deviation.evidence.zh).toContain('总体完成率 70% < 时间进度 75%');
    expect(rows[0].scores.deviation.evidence.zh).toContain('总体完成率 80% ≥ 时间进度 75%');
    expect(r.scores.timely.evidence.zh).toContain('9');
    for (const row of rows) for (const s of Object.values(row.scores)) expect(s.evidence.en.length).toBeGreaterThan(10);
  });

  it('keys rows by (部门单位名称, 项目名称, 监控时点) and records the source sheet', () => {
    expect(rows[0].key).toEqual({ department: '塔什库尔干县社会保险管理局', project: '塔什库尔干县机关事业单位养老保险(改革)基金支出', monitorPoint: '2020年9月' });
    expect(rows[3].source).toEqual({ sheet: '城乡居民医疗' });
    expect(keyString({ ...rows[0].key, department: ' 塔什库尔干县社会保险管理局 ' })).toBe(keyString(rows[0].key));
  });
});

describe('scores', () => {
  it('gives 按时报送 0 when the reviewer gives none, and 总分 follows', () => {
    const r = buildReviewRow(results[0]);
    expect(r.scores.timely.value).toBe(0);
    expect(r.scores.timely.evidence.zh).toContain('未填写');
    expect(r.total).toBe(90);
  });

  it('keeps 总分 the sum when the reviewer edits a score, clamped to the column maximum', () => {
    let r = setScore(rows[0], 'deviation', 20);
    expect(r.total).toBe(89);
    r = setScore(r, 'timely', 15);
    expect(r.scores.timely.value).toBe(10);
    expect(r.total).toBe(90);
    expect(r.scores.deviation.proposed).toBe(30);
  });

  it('scores proportionally below the thresholds', () => {
    const base = rows[0];
    const low = { ...base, overallRate: { ...base.overallRate, value: 0.45 }, basis: { ...base.basis!, executed: 300, available: 400 } };
    const p = proposeScores(low, DEFAULT_RUBRIC, 9);
    expect(p.budget.value).toBe(22.5);
    expect(p.budget.evidence.zh).toContain('按比例 30 × 75% ÷ 100% = 22.5');
    expect(p.goal.value).toBe(22.5);
    expect(p.deviation.value).toBe(25);
  });

  it('refuses a sheet that is not a 附件1 with the reason', () => {
    const annex = results.find((r) => !r.recognized)!;
    expect(() => buildReviewRow(annex)).toThrow(ReviewRowError);
    expect(() => buildReviewRow(annex)).toThrow(/附件2/);
  });

  it('formats evidence percentages without a trailing .0', () => {
    expect(pctShort(1)).toBe('100%');
    expect(pctShort(0.7723)).toBe('77.2%');
  });
});

describe('rubric configuration', () => {
  it('accepts the default and partial rubrics', () => {
    expect(validateRubric(DEFAULT_RUBRIC)).toEqual({ ok: true, rubric: DEFAULT_RUBRIC });
    const r = validateRubric({ goal: { fullAt: 0.8 } });
    expect(r.ok && r.rubric.goal).toEqual({ max: 30, fullAt: 0.8 });
  });

  it('names every wrong entry', () => {
    const r = validateRubric({ budget: { max: 'thirty' }, deviation: { penalty: 50 }, extra: 1 });
    expect(r.ok).toBe(false);
    const zh = !r.ok ? r.errors.map((e) => e.zh).join('\n') : '';
    expect(zh).toContain('budget.max');
    expect(zh).toContain('deviation.penalty');
    expect(zh).toContain('extra');
    expect(validateRubric('[]').ok).toBe(false);
  });

  it('changes the proposal when configured', () => {
    const check = validateRubric({ deviation: { penalty: 10 } });
    if (!check.ok) throw new Error('rubric');
    const r = buildReviewRow(results[1], { timely: 9, rubric: check.rubric });
    expect(r.scores.deviation.value).toBe(20);
    expect(r.total).toBe(89);
  });
});

describe('layout', () => {
  it('finds rows by key in a written plan', () => {
    const plan = annex2Plan(rows, { office: '社保科' });
    const found = findAnnex2(plan.values)!;
    expect(found.headerRow).toBe(4);
    expect(found.firstDataRow).toBe(6);
    expect(found.footerRow).toBe(10);
    expect(found.rows.map((r) => r.keyString)).toEqual(rows.map((r) => keyString(r.key)));
    expect(plan.values[2][0]).toBe('业务处室: 社保科');
    expect(plan.values[3][0]).toBe('监控时点: 2020年9月');
    expect(plan.values[1][0]).toBe('塔什库尔干县社保基金支出绩效监控审核表');
  });

  it('leaves 监控时点 as the seed’s blank template when the rows do not share one', () => {
    expect(monitorPointText(null)).toBe(seedRows(readSeed('annex2.tsv'))[3][0]);
    const mixed = [rows[0], { ...rows[1], key: { ...rows[1].key, monitorPoint: '2020年6月' } }];
    expect(annex2Plan(mixed).values[3][0]).toBe(monitorPointText(null));
  });
});

describe('amounts in another 金额单位', () => {
  it('converts a form in 元 to the 附件2’s 万元', async () => {
    const { grids } = await readWorkbookFile(SEED_ALL);
    const g = grids[0];
    const values = g.values.map((r) => [...r]);
    const text = g.text!.map((r) => [...r]);
    for (let r = 0; r < values.length; r++) {
      for (let c = 0; c < values[r].length; c++) {
        const v = values[r][c];
        if (typeof v === 'string' && /金额单位/.test(v)) {
          values[r][c] = v.replace('万元', '元');
          text[r][c] = String(values[r][c]);
        }
      }
    }
    // 预算数 / 到位数 / 执行数 (C8, E8, G8) in 元
    for (const c of [2, 4, 6]) {
      values[7][c] = (values[7][c] as number) * 10000;
      text[7][c] = String(values[7][c]);
    }
    const result = validateGrid({ ...g, values, text });
    expect(result.form?.amountUnit).toBe('元');
    const row = buildReviewRow(result, { timely: 9 });
    expect([row.budget, row.available, row.executed, row.amountUnit]).toEqual([14158, 10934, 10934, '元']);
    expect(row.total).toBe(99);
  });
});


describe('issue 11: the 附件2 row of a form written with a range period, and of every form on a sheet', () => {
  it('监控时点 2020年1-9月 gives 时间进度 75% and the deduction for 总体完成率 70% below it (seed form 3)', () => {
    const rows = seedRows(readSeed('form3.tsv'));
    rows[5][5] = '2020年1-9月';
    const row = buildReviewRow(validateGrid(gridFromRows('职工基本医疗', rows)), { timely: 9 });
    expect(row.basis!.timeProgress).toBe(0.75);
    expect(row.scores.deviation.value).toBe(25);
    expect(row.scores.deviation.evidence.zh).toContain('总体完成率 70% < 时间进度 75%');
    expect(row.key.monitorPoint).toBe('2020年1-9月');
  });

  it('buildReviewRows gives one row per form; buildReviewRow keeps giving the first', () => {
    const rows = [...seedRows(readSeed('form1.tsv')), [], ...seedRows(readSeed('form4.tsv'))];
    const result = validateGrid(gridFromRows('两张', rows));
    const both = buildReviewRows(result, { timely: 9 });
    expect(both.map((r) => [r.project, r.total, r.source])).toEqual([
      ['塔什库尔干县机关事业单位养老保险(改革)基金支出', 99, { sheet: '两张', form: 0 }],
      ['塔什库尔干县城乡居民基本医疗保险基金支出', 94, { sheet: '两张', form: 1 }],
    ]);
    expect(buildReviewRow(result, { timely: 9 }).project).toBe(both[0].project);
    expect(buildReviewRow(result, { timely: 9, formIndex: 1 }).project).toBe(both[1].project);
  });
});
