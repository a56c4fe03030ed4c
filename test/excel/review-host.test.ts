/** 生成审核行 through the Excel host: the active 附件1 becomes its 附件2 row, appended to this workbook. */
import path from 'path';
import { type ExcelSim, findSheet, installExcelSim, workbookFromGrids } from '../../src/excel-sim';
import { readSeed, seedRows } from '../../src/node/seed';
import { gridFromRows } from '../helpers/grid';
import { workbookFromXlsxFile } from '../../src/excel-sim/exceljs';
import { createExcelHost } from '../../src/excel/host';
import { DEFAULT_RUBRIC } from '../../src/review/rubric';

const SEED_ALL = path.join(__dirname, '../../test/fixtures/xlsx/seed-all.xlsx');

let sim: ExcelSim | undefined;
afterEach(() => sim?.uninstall());

describe('excel host: review row', () => {
  it('builds form 2’s row in one sync (542 / 433 / 433, 79.9% computed, 81% stated kept) and appends it to the 附件2 sheet', async () => {
    const model = await workbookFromXlsxFile(SEED_ALL, { active: '城乡居民养老' });
    sim = installExcelSim(model);
    const host = createExcelHost();
    const row = await host.buildReviewRow!({});
    expect(sim.stats.syncs).toBe(1);
    expect(row).toMatchObject({ budget: 542, available: 433, executed: 433, department: '塔什库尔干县社会保险管理局' });
    expect(row.executionRate).toMatchObject({ source: 'computed', stated: null });
    expect(row.executionRate.value).toBeCloseTo(433 / 542, 6);
    expect(row.overallRate).toMatchObject({ value: 0.81, source: 'stated', disagree: true });
    expect(row.total).toBe(row.scores.budget.value + row.scores.goal.value + row.scores.deviation.value + row.scores.timely.value);
    expect(row.scores.deviation.value).toBe(25);

    const result = await host.appendReviewRow!(row, { kind: 'workbook' });
    expect(result.seq).toBeGreaterThan(0);
    const annex = findSheet(model, '附件2')!;
    const found: string[] = [];
    for (const [key, cell] of annex.cells) if (cell.value === '塔什库尔干县城乡居民养老保险基金支出') found.push(key);
    expect(found).toHaveLength(1);
  });

  it('uses the rubric saved with the workbook (a 10-point penalty gives 20 for the empty section 五)', async () => {
    const model = await workbookFromXlsxFile(SEED_ALL, { active: '城乡居民养老' });
    sim = installExcelSim(model);
    const host = createExcelHost();
    await host.saveSettings({ engine: {}, rubric: { ...DEFAULT_RUBRIC, deviation: { ...DEFAULT_RUBRIC.deviation, penalty: 10 } } });
    const row = await host.buildReviewRow!({});
    expect(row.scores.deviation.value).toBe(20);
  });

  it('a sheet with two forms: validated and marked in two syncs, one row per form in one sync (issue 11)', async () => {
    const rows = [...seedRows(readSeed('form2.tsv')), [], ...seedRows(readSeed('form3.tsv'))];
    const model = workbookFromGrids([{ ...gridFromRows('两张表', rows), top: 0, left: 0 }]);
    sim = installExcelSim(model);
    const host = createExcelHost();
    const out = await host.validateAndMark({});
    expect(sim.stats.syncs).toBe(2);
    expect(out.result.forms).toHaveLength(2);
    // form 3's red 37% at H8 is H40 here, and it is marked
    expect(out.result.findings.find((f) => f.rule === 'budget/behind-schedule')).toMatchObject({ cell: 'H40', form: 1 });
    expect(findSheet(model, '两张表')!.cells.get('39,7')?.fill).toBeDefined();
    sim.reset();
    const built = await host.buildReviewRows!({});
    expect(sim.stats.syncs).toBe(1);
    expect(built.map((r) => [r.project, r.budget, r.source?.form])).toEqual([
      ['塔什库尔干县城乡居民养老保险基金支出', 542, 0],
      ['塔什库尔干县职工基本医疗保险(含生育保险)基金支出', 3488, 1],
    ]);
  });

  it('a sheet that is not a 附件1 gives a message naming it', async () => {
    const model = await workbookFromXlsxFile(SEED_ALL, { active: '附件2' });
    sim = installExcelSim(model);
    await expect(createExcelHost().buildReviewRow!({})).rejects.toThrow(/附件2/);
  });
});
