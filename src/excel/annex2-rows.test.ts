/**
 * 审核一批 into this workbook's 附件2: many rows in one read and one write, placed exactly as one
 * append after the other would place them (compared cell by cell on the Excel simulator), and
 * nothing written when one row is refused.
 */
import path from 'path';
import { validateGrid } from '../core';
import { cloneWorkbook, type ExcelSim, findSheet, installExcelSim, sheetToGrid, type SimWorkbook } from '../excel-sim';
import { workbookFromXlsxFile } from '../excel-sim/exceljs';
import { readWorkbookFile } from '../node/xlsx';
import { buildReviewRow, setScore } from '../review/build';
import type { ReviewRow } from '../review/types';
import { gridFromRows } from '../../test/helpers/grid';
import { CONSISTENT } from '../../test/helpers/forms';
import { Annex2SheetError, appendRowsToAnnex2Sheet, appendToAnnex2Sheet } from './annex2';

const FIXTURES = path.join(__dirname, '../../test/fixtures/xlsx');
const SAMPLE = path.join(__dirname, '../../samples/塔什库尔干县-绩效监控-2020年9月.xlsx');

let sim: ExcelSim | undefined;
let seedRows: ReviewRow[];
let batch: ReviewRow[];
afterEach(() => sim?.uninstall());

function consistentRow(project: string, edit: (rows: string[][]) => void = () => undefined): ReviewRow {
  const rows = CONSISTENT.map((r) => [...r]);
  rows[5][2] = project;
  edit(rows);
  return buildReviewRow(validateGrid(gridFromRows('附件1', rows)), { timely: 8 });
}

beforeAll(async () => {
  const { grids } = await readWorkbookFile(path.join(FIXTURES, 'seed-all.xlsx'));
  seedRows = grids.map((g) => validateGrid(g)).filter((r) => r.recognized).map((r) => buildReviewRow(r, { timely: 9 }));
  // the four seed forms, two new projects, and the first new project again with another score (an update within the batch)
  const a = consistentRow('测试县城乡居民养老保险基金支出');
  batch = [...seedRows, a, consistentRow('测试县工伤保险基金支出'), setScore(a, 'timely', 10)];
});

function cells(model: SimWorkbook, name = '附件2') {
  const g = sheetToGrid(findSheet(model, name)!);
  return { top: g.top, left: g.left, values: g.values, formats: g.formats, merges: findSheet(model, name)!.merges };
}

/** The same rows appended one by one on a copy of the workbook. */
async function oneByOne(model: SimWorkbook, rows: ReviewRow[]) {
  const copy = cloneWorkbook(model);
  const s = installExcelSim(copy);
  try {
    const results = [];
    for (const r of rows) results.push(await appendToAnnex2Sheet(r));
    return { copy, results: results.map((r) => [r.seq, r.sheetRow, r.updated]) };
  } finally {
    s.uninstall();
  }
}

describe('appendRowsToAnnex2Sheet', () => {
  it.each([
    ['the sample, whose 附件2 holds the seed rows', SAMPLE],
    ['a workbook without a 附件2 sheet', path.join(FIXTURES, 'form1.xlsx')],
  ])('on %s: two syncs for seven rows, the sheet as seven single appends leave it', async (_what, file) => {
    const model = await workbookFromXlsxFile(file);
    const expected = await oneByOne(model, batch);
    sim = installExcelSim(model);
    const out = await appendRowsToAnnex2Sheet(batch);
    expect(out.syncs).toBe(2);
    expect(sim.stats.syncs).toBe(2);
    expect(out.results.map((r) => [r.seq, r.sheetRow, r.updated])).toEqual(expected.results);
    expect(cells(model)).toEqual(cells(expected.copy));
    // the last row updated the one appended two rows before it
    expect(out.results[6].updated).toBe(true);
    expect(out.results[6].seq).toBe(out.results[4].seq);
    expect(out.results[6].where.zh).toMatch(/^已更新本工作簿“附件2”工作表第 \d+ 行/);
  });

  it('refuses the whole batch, writing nothing, when one row is for another 监控时点', async () => {
    const model = await workbookFromXlsxFile(SAMPLE);
    sim = installExcelSim(model);
    await appendRowsToAnnex2Sheet([seedRows[0]]); // the sheet is now for 2020年9月
    const before = cells(model);
    const other = consistentRow('测试县失业保险基金支出', (r) => (r[5][5] = '2020年6月'));
    await expect(appendRowsToAnnex2Sheet([batch[4], other])).rejects.toThrow(Annex2SheetError);
    await expect(appendRowsToAnnex2Sheet([batch[4], other])).rejects.toThrow(/测试县失业保险基金支出）是 2020年6月/);
    expect(cells(model)).toEqual(before);
  });
});
