/**
 * The profile matrix: every pane flow (校验, 修正, 清除标记, 生成审核行 to this workbook) on every
 * host profile of the simulator (Excel on the web with its 5 MB payload caps, Microsoft 365 on
 * Windows and Mac, Office LTSC 2024 = ExcelApi 1.17, Office LTSC 2021 = 1.14), on the seed forms,
 * and a 20,000-row used range on the web profile with the cap on. docs/excel-limits.md lists what
 * each profile enforces. `npx jest host-profiles` runs this file and host-profiles-limits.test.ts.
 */
import path from 'node:path';
import { MARK_COLORS, NOTE_PREFIX, fromA1 } from '../src/core';
import {
  type ExcelSim,
  type ProfileId,
  type SimSheet,
  type SimWorkbook,
  HOST_PROFILES,
  WEB_PAYLOAD_CAP,
  applyProfile,
  findSheet,
  getCell,
  installExcelSim,
} from '../src/excel-sim';
import { workbookFromXlsxFile } from '../src/excel-sim/exceljs';
import { createExcelHost } from '../src/excel/host';
import { longSheetWorkbook } from './helpers/long-sheet';

const XLSX = path.join(__dirname, 'fixtures', 'xlsx');

let sim: ExcelSim | undefined;
afterEach(() => {
  sim?.uninstall();
  sim = undefined;
});

async function open(file: string, id: ProfileId, opts: { active?: string } = {}): Promise<SimWorkbook> {
  const model = applyProfile(await workbookFromXlsxFile(path.join(XLSX, file), opts), id);
  sim = installExcelSim(model);
  return model;
}

/** fill, tint, pattern and note/comment of every cell that has any: the before/after picture of a sheet. */
function looks(sheet: SimSheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, c] of sheet.cells) {
    const look = { value: c.value, format: c.format, fill: c.fill, pattern: c.fillPattern, tint: c.fillTint, note: c.note, comment: c.comment };
    if (Object.values(look).some((v) => v !== undefined && v !== null)) out[k] = look;
  }
  return out;
}

function cellAt(sheet: SimSheet, a1: string) {
  const { row, col } = fromA1(a1);
  return getCell(sheet, row, col);
}

const EXPECTED_MODE: Record<ProfileId, 'notes' | 'comments'> = { web: 'notes', win365: 'notes', mac365: 'notes', ltsc2024: 'comments', ltsc2021: 'comments' };

describe.each(HOST_PROFILES.map((p) => [p.label, p.id] as const))('%s', (_label, id) => {
  test.each(['form1.xlsx', 'form2.xlsx', 'form3.xlsx', 'form4.xlsx'])('校验 %s: 2 syncs, every finding marked in the host\'s way, every payload under the web cap', async (file) => {
    const model = await open(file, id);
    const out = await createExcelHost().validateAndMark({});
    expect(out.result.recognized).toBe(true);
    expect(out.syncs).toBe(2);
    expect(sim!.stats.syncs).toBe(2);
    expect(out.markMode).toBe(EXPECTED_MODE[id]);
    expect(out.notices ?? []).toEqual([]);
    const sheet = findSheet(model, model.active)!;
    const kind = EXPECTED_MODE[id] === 'notes' ? 'note' : 'comment';
    const cells = [...new Set(out.result.findings.map((f) => f.cell))];
    expect(out.marked).toBe(cells.length);
    for (const a1 of cells) {
      const c = cellAt(sheet, a1)!;
      expect(Object.values(MARK_COLORS)).toContain(c.fill);
      expect(c[kind]?.startsWith(NOTE_PREFIX)).toBe(true);
    }
    for (const p of sim!.stats.payloads) {
      expect(p.request).toBeLessThan(WEB_PAYLOAD_CAP);
      expect(p.response).toBeLessThan(WEB_PAYLOAD_CAP);
    }
  });

  test('修正 writes the fix and keeps the number format; 清除标记 then leaves the sheet as it was except the fixed cell', async () => {
    const model = await open('form2.xlsx', id);
    const sheet = findSheet(model, model.active)!;
    const before = looks(sheet);
    const host = createExcelHost();
    const out = await host.validateAndMark({});
    const fixable = out.result.findings.find((f) => f.fix && f.cell === 'H8')!;
    expect(fixable.fix!.value).toBeCloseTo(433 / 542, 5);
    await host.applyFix(fixable);
    expect(cellAt(sheet, 'H8')!.value).toBeCloseTo(433 / 542, 5);
    const cleared = await host.clearMarks();
    expect(cleared.cleared).toBe(out.marked);
    const after = looks(sheet);
    const { row, col } = fromA1('H8');
    delete after[`${row},${col}`];
    const expected = { ...before };
    delete expected[`${row},${col}`];
    expect(after).toEqual(expected);
  });

  test('校验 twice never doubles the marks; 清除标记 restores every fill and removes every note or comment of ours', async () => {
    const model = await open('form3.xlsx', id);
    const sheet = findSheet(model, model.active)!;
    const before = looks(sheet);
    const host = createExcelHost();
    const first = await host.validateAndMark({});
    const second = await host.validateAndMark({});
    expect(second.marked).toBe(first.marked);
    const ours = [...sheet.cells.values()].filter((c) => c.note?.startsWith(NOTE_PREFIX) || c.comment?.startsWith(NOTE_PREFIX));
    expect(ours).toHaveLength(first.marked);
    await host.clearMarks();
    expect(looks(sheet)).toEqual(before);
  });

  test('生成审核行 to this workbook: form 2\'s row is appended to the 附件2 sheet, its text kept as text', async () => {
    const model = await open('seed-all.xlsx', id, { active: '城乡居民养老' });
    const host = createExcelHost();
    const row = await host.buildReviewRow!({});
    expect(row).toMatchObject({ budget: 542, available: 433, executed: 433 });
    const result = await host.appendReviewRow!(row, { kind: 'workbook' });
    expect(result.seq).toBeGreaterThan(0);
    const annex = findSheet(model, '附件2')!;
    const names = [...annex.cells.values()].filter((c) => c.value === '塔什库尔干县城乡居民养老保险基金支出');
    expect(names).toHaveLength(1);
    expect(names[0].formula).toBeUndefined();
    // appending it again updates the same row
    const again = await host.appendReviewRow!(row, { kind: 'workbook' });
    expect(again).toMatchObject({ seq: result.seq, updated: true });
    for (const p of sim!.stats.payloads) expect(p.response).toBeLessThan(WEB_PAYLOAD_CAP);
  });
  test('审核一批 to this workbook: the four seed forms\' rows in one read and one write, updates told from appends', async () => {
    const model = await open('seed-all.xlsx', id);
    const host = createExcelHost();
    const rows = [];
    for (const s of ['机关事业单位养老', '城乡居民养老', '职工基本医疗', '城乡居民医疗']) {
      model.active = s;
      rows.push(await host.buildReviewRow!({}));
    }
    sim!.reset();
    const results = await host.appendReviewRows!(rows, { kind: 'workbook' });
    expect(sim!.stats.syncs).toBe(2);
    // forms 1 and 2 carry the seed 附件2's names: updated; forms 3 and 4 spell them out: appended below
    expect(results.map((r) => [r.seq, r.updated])).toEqual([[1, true], [2, true], [5, false], [6, false]]);
    const annex = findSheet(model, '附件2')!;
    expect([6, 7, 8, 9, 10, 11].map((r) => getCell(annex, r, 0)?.value)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(getCell(annex, 10, 2)?.value).toBe(rows[2].project);
    expect(getCell(annex, 11, 2)?.value).toBe(rows[3].project);
    expect(getCell(annex, 12, 0)?.value).toBe('处室领导:');
    for (const p of sim!.stats.payloads) expect(p.request).toBeLessThan(WEB_PAYLOAD_CAP);
  });
});

describe('Excel on the web, payload cap on', () => {
  test('审核一批 of 2,000 rows to this workbook: one write of about 0.3 KB a row, under the 5 MB request cap', async () => {
    const model = applyProfile(await workbookFromXlsxFile(path.join(XLSX, 'seed-all.xlsx'), { active: '城乡居民养老' }), 'web');
    sim = installExcelSim(model);
    const host = createExcelHost();
    const base = await host.buildReviewRow!({});
    const rows = Array.from({ length: 2000 }, (_, i) => ({ ...base, project: `${base.project}（${i + 1}）`, key: { ...base.key, project: `${base.project}（${i + 1}）` } }));
    sim.reset();
    const results = await host.appendReviewRows!(rows, { kind: 'workbook' });
    expect(sim.stats.syncs).toBe(2);
    expect(results.filter((r) => !r.updated)).toHaveLength(2000);
    const write = sim.stats.payloads[1].request;
    console.log(`审核一批 to this workbook, 2,000 rows: write request ${(write / 1e6).toFixed(2)} MB (${Math.round(write / 2000)} bytes a row)`);
    expect(write).toBeLessThan(2000 * 400);
    expect(findSheet(model, '附件2')!.cells.get('2009,2')?.value).toBe(rows[1999].project);
  });

  test('a 20,000-row used range validates: read in windows with progress, every sync under 5 MB', async () => {
    const model = applyProfile(await longSheetWorkbook(20000), 'web');
    sim = installExcelSim(model);
    const progress: Array<[number, number]> = [];
    const out = await createExcelHost().validateAndMark({}, { onProgress: (p) => progress.push([p.done, p.total]) });
    expect(out.result.recognized).toBe(true);
    expect(out.marked).toBeGreaterThan(0);
    expect(out.syncs).toBe(sim.stats.syncs);
    const total = progress[0][1];
    expect(total).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toEqual([total, total]);
    expect(out.notices?.map((n) => n.en).join(' ')).toMatch(/20000 rows; it was read in/);
    expect(Math.max(...sim.stats.payloads.map((p) => p.response))).toBeLessThan(WEB_PAYLOAD_CAP);
    expect(Math.max(...sim.stats.payloads.map((p) => p.request))).toBeLessThan(WEB_PAYLOAD_CAP);
    // the appendix's merged areas (one every 700 rows) and hidden rows (every 500) were all read
    expect(out.result.findings.length).toBeGreaterThan(0);
    await createExcelHost().clearMarks();
    expect([...findSheet(model, model.active)!.cells.values()].some((c) => c.note?.startsWith(NOTE_PREFIX))).toBe(false);
  });

  test('生成审核行 on the same 20,000-row sheet stays under the cap too', async () => {
    const model = applyProfile(await longSheetWorkbook(20000), 'web');
    sim = installExcelSim(model);
    const row = await createExcelHost().buildReviewRow!({});
    expect(row.budget).toBe(542);
    expect(Math.max(...sim.stats.payloads.map((p) => p.response))).toBeLessThan(WEB_PAYLOAD_CAP);
  });
});

describe('Excel on the web, after 校验', () => {
  test('生成审核行 on the same 20,000-row sheet reads only the form\'s own rows: one sync', async () => {
    const model = applyProfile(await longSheetWorkbook(20000), 'web');
    sim = installExcelSim(model);
    const host = createExcelHost();
    const out = await host.validateAndMark({});
    sim.reset();
    const row = await host.buildReviewRow!({});
    expect(sim.stats.syncs).toBe(1);
    expect(row.budget).toBe(542);
    expect(row.key.project).toBe(out.result.form!.project.value);
    // the used range changes (a row added far below): the whole used range is read again
    findSheet(model, model.active)!.cells.set('20005,0', { value: '又一行' });
    sim.reset();
    await host.buildReviewRow!({});
    expect(sim.stats.syncs).toBeGreaterThan(1);
  });
});
