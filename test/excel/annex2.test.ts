/** The in-workbook 附件2 destination, on the Excel simulator with real workbooks built from the seed. */
import path from 'path';
import { formatValue, validateGrid } from '../../src/core';
import { cellFor, cloneWorkbook, type ExcelSim, findSheet, getCell, installExcelSim, sheetToGrid, type SimWorkbook, workbookFromGrids } from '../../src/excel-sim';
import { workbookFromXlsxFile } from '../../src/excel-sim/exceljs';
import { readSeed, seedRows } from '../../src/node/seed';
import { readWorkbookFile } from '../../src/node/xlsx';
import { buildReviewRow, setScore } from '../../src/review/build';
import { annex2Plan, MONITOR_BLANK, rowCells } from '../../src/review/layout';
import type { ReviewRow } from '../../src/review/types';
import { Annex2SheetError, appendRowsToAnnex2Sheet, appendToAnnex2Sheet } from '../../src/excel/annex2';

const FIXTURES = path.join(__dirname, '../../test/fixtures/xlsx');

let sim: ExcelSim | undefined;
let rows: ReviewRow[];
afterEach(() => sim?.uninstall());

beforeAll(async () => {
  const { grids } = await readWorkbookFile(path.join(FIXTURES, 'seed-all.xlsx'));
  rows = grids.map((g) => validateGrid(g)).filter((r) => r.recognized).map((r) => buildReviewRow(r, { timely: 9 }));
});

async function open(file: string): Promise<SimWorkbook> {
  const model = await workbookFromXlsxFile(path.join(FIXTURES, file));
  sim = installExcelSim(model);
  return model;
}

function text(model: SimWorkbook, name = '附件2'): string[][] {
  const sheet = findSheet(model, name)!;
  const g = sheetToGrid(sheet);
  // back to A1-based rows
  const out: string[][] = [];
  for (let r = 0; r < g.top; r++) out.push([]);
  return [...out, ...g.text!.map((r) => [...new Array<string>(g.left).fill(''), ...r])];
}

describe('the 附件2 sheet of this workbook', () => {
  it('creates the sheet in the seed layout and appends rows, two syncs each', async () => {
    const model = await open('form1.xlsx');
    const results = [];
    for (const r of rows) results.push(await appendToAnnex2Sheet(r, { office: '社保科' }));
    expect(results.map((r) => [r.seq, r.sheetRow, r.updated, r.created, r.syncs])).toEqual([
      [1, 7, false, true, 2], [2, 8, false, false, 2], [3, 9, false, false, 2], [4, 10, false, false, 2],
    ]);
    expect(results[0].where.zh).toBe('已追加到本工作簿“附件2”工作表第 7 行（序号 1）');
    // same as the .xlsx writer's layout, cell by cell
    const plan = annex2Plan(rows, { office: '社保科' });
    const got = text(model);
    const expected = plan.values.map((r, i) => r.map((v, c) => (v === null ? '' : typeof v === 'number' ? formatValue(v, plan.formats[i][c] || 'General') : v)));
    expect(got.map((r) => r.slice(0, 13))).toEqual(expected);
    expect(got[6]).toEqual(['1', '塔什库尔干县社会保险管理局', '塔什库尔干县机关事业单位养老保险(改革)基金支出', '14158', '10934', '10934', '77%', '80%', '30', '30', '30', '9', '99']);
    expect(got[9].slice(3)).toEqual(['2157', '587', '587', '27%', '64%', '30', '30', '25', '9', '94']);
    expect(got[10][0]).toBe('处室领导:');
    expect(got[11][0]).toBe('经办人:');
    expect(got[2][0]).toBe('业务处室: 社保科');
    expect(got[3][0]).toBe('监控时点: 2020年9月');
    const merges = findSheet(model, '附件2')!.merges.map((m) => [m.top, m.left, m.bottom, m.right]);
    expect(merges).toEqual(expect.arrayContaining([[1, 0, 1, 12], [4, 3, 4, 5], [4, 8, 4, 11], [4, 12, 5, 12], [4, 0, 5, 0]]));
    expect(sim!.stats.syncs).toBe(8);
  });

  it('updates the row with the same key in place', async () => {
    const model = await open('form2.xlsx');
    for (const r of rows) await appendToAnnex2Sheet(r);
    const before = text(model);
    const res = await appendToAnnex2Sheet(setScore(rows[1], 'timely', 10));
    expect(res).toMatchObject({ seq: 2, sheetRow: 8, updated: true, syncs: 2 });
    expect(res.where.zh).toContain('已更新');
    const after = text(model);
    expect(after.length).toBe(before.length);
    expect(after[7].slice(11, 13)).toEqual(['10', '95']);
    expect(after.filter((_, i) => i !== 7)).toEqual(before.filter((_, i) => i !== 7));
  });

  it('works on the seed’s own 附件2: updates the matching row, renumbers 序号, moves the footer down', async () => {
    const model = await open('seed-all.xlsx');
    const seed = seedRows(readSeed('annex2.tsv'));
    expect(text(model)[3][0]).toBe(MONITOR_BLANK);
    // form 1's name matches the seed row exactly: updated in place
    const first = await appendToAnnex2Sheet(rows[0]);
    expect(first).toMatchObject({ seq: 1, sheetRow: 7, updated: true });
    // form 3's full name differs from the seed's abbreviation: a new row, above the footer
    const third = await appendToAnnex2Sheet(rows[2]);
    expect(third).toMatchObject({ seq: 5, sheetRow: 11, updated: false });
    const got = text(model);
    expect(got.slice(6, 11).map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(got.slice(6, 10).map((r) => r.slice(1, 13))).toEqual(seed.slice(6, 10).map((r) => r.slice(1, 13)));
    expect(got[10][2]).toBe('塔什库尔干县职工基本医疗保险(含生育保险)基金支出');
    expect(got[11][0]).toBe('处室领导:');
    expect(got[12][0]).toBe('经办人:');
    expect(got[3][0]).toBe('监控时点: 2020年9月');
  });

  it('keeps what the user wrote below the footer', async () => {
    const model = await open('form1.xlsx');
    await appendToAnnex2Sheet(rows[0]);
    findSheet(model, '附件2')!.cells.set('9,1', { value: '张三' }); // B10, beside 经办人
    findSheet(model, '附件2')!.cells.set('11,0', { value: '备注：第一批' }); // A12
    await appendToAnnex2Sheet(rows[1]);
    const got = text(model);
    expect(got[8][0]).toBe('处室领导:');
    expect(got[9].slice(0, 2)).toEqual(['经办人:', '']);
    expect(got[10][1]).toBe('张三');
    expect(got[12][0]).toBe('备注：第一批');
  });

  it('writes nothing to a protected sheet, another sheet’s content, or another 监控时点', async () => {
    const seedModel = await open('seed-all.xlsx');
    findSheet(seedModel, '附件2')!.protected = true;
    const snapshot = cloneWorkbook(seedModel);
    const err = await appendToAnnex2Sheet(rows[0]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Annex2SheetError);
    expect((err as Annex2SheetError).text.zh).toContain('受保护');
    expect(seedModel.sheets.map((s) => [...s.cells])).toEqual(snapshot.sheets.map((s) => [...s.cells]));
    sim!.uninstall();

    const model = workbookFromGrids([{ name: '附件2', top: 0, left: 0, values: [['我的笔记'], ['别覆盖']] }]);
    sim = installExcelSim(model);
    const other = await appendToAnnex2Sheet(rows[0]).catch((e: unknown) => e);
    expect((other as Annex2SheetError).text.zh).toContain('不是附件2');
    expect(text(model).slice(0, 2).map((r) => r[0])).toEqual(['我的笔记', '别覆盖']);
    // the same rows into a named sheet instead
    const named = await appendToAnnex2Sheet(rows[0], { sheetName: '审核表' });
    expect(named.created).toBe(true);
    const june = { ...rows[1], key: { ...rows[1].key, monitorPoint: '2020年6月' } };
    const mp = await appendToAnnex2Sheet(june, { sheetName: '审核表' }).catch((e: unknown) => e);
    expect((mp as Annex2SheetError).text.zh).toContain('2020年6月');
    expect(text(model, '审核表')[7][0]).toBe('处室领导:');
  });

  it('a sheet name Excel refuses is reported with Excel’s reason, and nothing is added', async () => {
    const model = await open('form1.xlsx');
    const names = model.sheets.map((x) => x.name);
    const err = await appendRowsToAnnex2Sheet(rows, { sheetName: '附件2/2020年9月' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Annex2SheetError);
    expect((err as Annex2SheetError).text.zh).toContain('附件2/2020年9月');
    expect((err as Annex2SheetError).text.en).toMatch(/cannot contain/);
    expect(model.sheets.map((x) => x.name)).toEqual(names);
  });
});

/** Row `i` of a batch: one of the seed's four rows under a project name of its own (a new key). */
function another(i: number): ReviewRow {
  const base = rows[i % rows.length];
  const project = `${base.project}（第 ${i + 1} 批）`;
  return { ...base, project, key: { ...base.key, project } };
}

/** What a data row shows, cell by cell: the row's cells with their number formats, as Excel renders them. */
function shown(r: ReviewRow, seq: number): string[] {
  const c = rowCells(r, seq);
  return c.values.map((v, i) => (v === null ? '' : typeof v === 'number' ? formatValue(v, c.formats[i] || 'General') : v));
}

describe('审核一批: all rows in one read and one write', () => {
  test.each([2, 9, 120])('%i new rows, an update and a key given twice on the seed’s 附件2: 2 syncs; rows, 序号, footer, its merge and SUM checked cell by cell', async (n) => {
    const model = await open('seed-all.xlsx');
    const annex = findSheet(model, '附件2')!;
    const seed = seedRows(readSeed('annex2.tsv'));
    // the seed's data rows are 7–10, the footer (处室领导) row 11: give it a total over 预算 and a merge
    expect(getCell(annex, 10, 0)?.value).toBe('处室领导:');
    Object.assign(cellFor(annex, 10, 3), { formula: '=SUM(D7:D10)', value: 0 });
    annex.merges.push({ top: 10, left: 4, bottom: 10, right: 6 });
    const mergesAbove = annex.merges.filter((m) => m.bottom < 6);
    sim!.reset();

    const fresh = Array.from({ length: n }, (_, i) => another(i));
    // text that Excel would type into a formula or a number stays text
    fresh[0] = { ...fresh[0], project: '=HYPERLINK("http://example.invalid","点击")', department: '2020-09', key: { ...fresh[0].key, project: '=HYPERLINK("http://example.invalid","点击")', department: '2020-09' } };
    const updated = setScore(rows[0], 'timely', 7); // form 1's key is the seed's first row
    const again = setScore(fresh[1], 'timely', 5); // fresh[1] given twice: the later one is written
    const batch = [...fresh, updated, again];
    const out = await appendRowsToAnnex2Sheet(batch);

    expect(out.syncs).toBe(2);
    expect(sim!.stats.syncs).toBe(2);
    expect(out.created).toBe(false);
    // results, in the order given: n appended (序号 5 …), then the update of 序号 1, then fresh[1] again as an update
    expect(out.rows.map((r) => [r.seq, r.sheetRow, r.updated])).toEqual([
      ...fresh.map((_, i) => [5 + i, 11 + i, false]),
      [1, 7, true],
      [6, 12, true],
    ]);
    expect(out.rows[n].where.zh).toBe('已更新本工作簿“附件2”工作表第 7 行（序号 1）');
    expect(out.rows[0].where.zh).toBe('已追加到本工作簿“附件2”工作表第 11 行（序号 5）');

    const got = text(model);
    // the seed's rows 2–4 untouched, row 1 updated, the new rows below them, 序号 1 … n + 4
    expect(got[6].slice(0, 13)).toEqual(shown(updated, 1));
    expect(got.slice(7, 10).map((r) => r.slice(1, 13))).toEqual(seed.slice(7, 10).map((r) => r.slice(1, 13)));
    expect(got.slice(6, 10 + n).map((r) => r[0])).toEqual(Array.from({ length: n + 4 }, (_, i) => String(i + 1)));
    for (let i = 0; i < n; i++) expect(got[10 + i].slice(0, 13)).toEqual(shown(i === 1 ? again : fresh[i], 5 + i));
    // the footer moved down n rows with its merge; the SUM takes in the new rows
    expect(got[10 + n][0]).toBe('处室领导:');
    expect(got[11 + n][0]).toBe('经办人:');
    expect(getCell(annex, 10 + n, 3)?.formula).toBe(`=SUM(D7:D${10 + n})`);
    expect(annex.merges).toContainEqual({ top: 10 + n, left: 4, bottom: 10 + n, right: 6 });
    expect(annex.merges.filter((m) => m.bottom < 6)).toEqual(mergesAbove);
    // text kept as text
    expect(getCell(annex, 10, 2)).toMatchObject({ value: fresh[0].project, format: '@' });
    expect(getCell(annex, 10, 2)?.formula).toBeUndefined();
    expect(getCell(annex, 10, 1)).toMatchObject({ value: '2020-09', format: '@' });
    expect([...annex.cells.values()].filter((c) => c.formula).map((c) => c.formula)).toEqual([`=SUM(D7:D${10 + n})`]);
  });

  it('appending the same batch again updates every row, adds none', async () => {
    const model = await open('form1.xlsx');
    const batch = Array.from({ length: 6 }, (_, i) => another(i));
    const first = await appendRowsToAnnex2Sheet(batch, { office: '社保科' });
    expect(first.created).toBe(true);
    expect(first.rows.map((r) => [r.seq, r.sheetRow, r.updated])).toEqual(batch.map((_, i) => [i + 1, 7 + i, false]));
    // a new sheet in the seed layout, as the .xlsx writer lays it out
    const plan = annex2Plan(batch, { office: '社保科' });
    const expected = plan.values.map((r, i) => r.map((v, c) => (v === null ? '' : typeof v === 'number' ? formatValue(v, plan.formats[i][c] || 'General') : v)));
    expect(text(model).map((r) => r.slice(0, 13))).toEqual(expected);
    const before = text(model);
    sim!.reset();
    const second = await appendRowsToAnnex2Sheet(batch);
    expect(second.rows.map((r) => [r.seq, r.updated])).toEqual(batch.map((_, i) => [i + 1, true]));
    expect(sim!.stats.syncs).toBe(2);
    expect(text(model)).toEqual(before);
  });

  it('writes nothing when one row of the batch is for another 监控时点', async () => {
    const model = await open('seed-all.xlsx');
    findSheet(model, '附件2')!.cells.set('3,0', { value: '监控时点: 2020年9月' });
    const snapshot = cloneWorkbook(model);
    const june = { ...another(1), key: { ...another(1).key, monitorPoint: '2020年6月' } };
    const err = await appendRowsToAnnex2Sheet([another(0), june, another(2)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Annex2SheetError);
    expect((err as Annex2SheetError).text.zh).toBe('工作表“附件2”是监控时点 2020年9月 的附件2，而其中一行是 2020年6月；未写入任何内容。请为 2020年6月 另用一个工作表。');
    expect(model.sheets.map((s) => [...s.cells])).toEqual(snapshot.sheets.map((s) => [...s.cells]));
    // into a new sheet, rows of two 监控时点 are refused as well
    const mixed = await appendRowsToAnnex2Sheet([another(0), june], { sheetName: '新表' }).catch((e: unknown) => e);
    expect((mixed as Annex2SheetError).text.zh).toContain('不同的监控时点（2020年9月、2020年6月）');
    expect(findSheet(model, '新表')).toBeUndefined();
  });
});
