/**
 * The twelve ways real Excel breaks or degrades the add-in (issue 10), one describe each, on the
 * host profile where it bites. Every test here failed on the code before issue 10: the simulator
 * now enforces the limit (docs/excel-limits.md) and the add-in lives within it.
 */
import path from 'node:path';
import { MARK_COLORS, NOTE_PREFIX, fromA1, validateGrid } from '../src/core';
import {
  type ExcelSim,
  type ProfileId,
  type SimSheet,
  type SimWorkbook,
  WEB_PAYLOAD_CAP,
  applyProfile,
  cellFor,
  findSheet,
  getCell,
  installExcelSim,
  newSession,
  sheetToGrid,
} from '../src/excel-sim';
import { workbookFromXlsxFile } from '../src/excel-sim/exceljs';
import { appendToAnnex2Sheet } from '../src/excel/annex2';
import { createExcelHost, toHostError } from '../src/excel/host';
import { EXCEL_MESSAGES, ExcelHostError } from '../src/excel/messages';
import { validateFromRibbon } from '../src/commands/ribbon';
import { buildReviewRow } from '../src/review/build';
import type { ReviewRow } from '../src/review/types';
import type { HostLimits } from '../src/excel-sim/model';

const XLSX = path.join(__dirname, 'fixtures', 'xlsx');

let sim: ExcelSim | undefined;
afterEach(() => {
  sim?.uninstall();
  sim = undefined;
});

async function open(file: string, id: ProfileId, extra: Partial<HostLimits> = {}, active?: string): Promise<{ model: SimWorkbook; sheet: SimSheet }> {
  const model = applyProfile(await workbookFromXlsxFile(path.join(XLSX, file), { active }), id, extra);
  sim = installExcelSim(model);
  return { model, sheet: findSheet(model, model.active)! };
}

function at(sheet: SimSheet, a1: string) {
  const { row, col } = fromA1(a1);
  return cellFor(sheet, row, col);
}

function looks(sheet: SimSheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, c] of sheet.cells) {
    const look = { value: c.value, format: c.format, fill: c.fill, pattern: c.fillPattern, tint: c.fillTint, pc: c.patternColor, note: c.note, comment: c.comment };
    if (Object.values(look).some((v) => v !== undefined && v !== null)) out[k] = look;
  }
  return out;
}

const ours = (sheet: SimSheet) => [...sheet.cells.values()].filter((c) => c.note?.startsWith(NOTE_PREFIX) || c.comment?.startsWith(NOTE_PREFIX));
const noticeText = (n?: { en: string }[]) => (n ?? []).map((x) => x.en).join(' | ');
const ruleCells = (fs: readonly { rule: string; cell: string }[]) => fs.map((f) => `${f.rule}@${f.cell}`).sort();

describe('1. payload: Excel on the web caps a request and a response at 5 MB', () => {
  test('a used range inflated by formatting (8,000 × 40) validates and builds its row, each sync under the cap', async () => {
    const { model, sheet } = await open('form2.xlsx', 'web');
    at(sheet, 'AN8000').format = '0.00'; // a stray format far away: the used range is now 8,000 × 40
    const out = await createExcelHost().validateAndMark({});
    expect(out.result.recognized).toBe(true);
    expect(out.marked).toBeGreaterThan(0);
    expect(Math.max(...sim!.stats.payloads.map((p) => p.response))).toBeLessThan(WEB_PAYLOAD_CAP);
    const row = await createExcelHost().buildReviewRow!({});
    expect(row.budget).toBe(542);
    expect(Math.max(...sim!.stats.payloads.map((p) => p.response))).toBeLessThan(WEB_PAYLOAD_CAP);
    expect(findSheet(model, model.active)).toBe(sheet);
  });
});

describe('2. a cell holds a note or a threaded comment, never both', () => {
  test('Microsoft 365: a user\'s threaded comment on H8 is left alone; H8 gets the fill only and the pane says so', async () => {
    const { sheet } = await open('form2.xlsx', 'win365');
    at(sheet, 'H8').comment = '请核对执行率';
    const out = await createExcelHost().validateAndMark({});
    expect(out.markMode).toBe('notes');
    expect(at(sheet, 'H8')).toMatchObject({ comment: '请核对执行率', fill: MARK_COLORS.error });
    expect(at(sheet, 'H8').note).toBeUndefined();
    expect(noticeText(out.notices)).toMatch(/(?:^| )1 cell already carries someone's comment/);
    expect(ours(sheet)).toHaveLength(out.marked - 1);
  });

  test('Office 2021: a user\'s 批注 (note) it cannot see makes comments.add fail; the batch is undone and written once more as fill only', async () => {
    const { sheet } = await open('form2.xlsx', 'ltsc2021');
    at(sheet, 'H8').note = '原有批注';
    const before = looks(sheet);
    const out = await createExcelHost().validateAndMark({});
    expect(out.markMode).toBe('fill');
    expect(noticeText(out.notices)).toMatch(/marked with fill only/);
    expect(at(sheet, 'H8')).toMatchObject({ note: '原有批注', fill: MARK_COLORS.error });
    expect(ours(sheet)).toEqual([]);
    await createExcelHost().clearMarks();
    expect(looks(sheet)).toEqual(before);
  });
});

describe('3. hosts mix: marks made on one host are found and cleared on another', () => {
  test('comments written on Office 2021 are cleared on Microsoft 365, and a second 校验 there does not double them', async () => {
    const { model, sheet } = await open('form2.xlsx', 'ltsc2021');
    const before = looks(sheet);
    const first = await createExcelHost().validateAndMark({});
    expect(first.markMode).toBe('comments');
    applyProfile(model, 'win365');
    const second = await createExcelHost().validateAndMark({});
    expect(second.markMode).toBe('notes');
    expect(ours(sheet)).toHaveLength(second.marked);
    expect([...sheet.cells.values()].filter((c) => c.comment?.startsWith(NOTE_PREFIX))).toEqual([]);
    await createExcelHost().clearMarks();
    expect(looks(sheet)).toEqual(before);
  });

  test('notes written on Microsoft 365 cannot be removed on Office 2021: 清除标记 restores the fills and says where to clear the notes', async () => {
    const { model, sheet } = await open('form2.xlsx', 'win365');
    await createExcelHost().validateAndMark({});
    applyProfile(model, 'ltsc2021');
    const out = await createExcelHost().clearMarks();
    expect(noticeText(out.notices)).toMatch(/Clear marks in Microsoft 365 or Excel on the web/);
    expect([...sheet.cells.values()].filter((c) => Object.values(MARK_COLORS).includes(c.fill ?? ''))).toEqual([]);
  });
});

describe('4. claimed but not implemented', () => {
  test('notes that fail to load (NotImplemented) on the web: 校验 still marks, with fill only, and says so', async () => {
    const { sheet } = await open('form2.xlsx', 'web', { notImplemented: ['notes.load'] });
    const out = await createExcelHost().validateAndMark({});
    expect(out.markMode).toBe('fill');
    expect(noticeText(out.notices)).toMatch(/could not read notes \(NotImplemented\)/);
    for (const f of out.result.findings) expect(Object.values(MARK_COLORS)).toContain(at(sheet, f.cell).fill);
    expect(ours(sheet)).toEqual([]);
  });

  test('comments.add that throws NotImplemented on Office 2024: retried once as fill only', async () => {
    const { sheet } = await open('form3.xlsx', 'ltsc2024', { notImplemented: ['comments.add'] });
    const out = await createExcelHost().validateAndMark({});
    expect(out.markMode).toBe('fill');
    expect(noticeText(out.notices)).toMatch(/NotImplemented/);
    expect(ours(sheet)).toEqual([]);
    expect(out.marked).toBeGreaterThan(0);
  });
});

describe('5. sheet names with a comma', () => {
  test('a sheet named 附件1,2020年9月 validates with its merged areas on a 1.13+ host', async () => {
    const plain = await open('form2.xlsx', 'win365');
    const expected = await createExcelHost().validateAndMark({});
    sim!.uninstall();
    const { model, sheet } = await open('form2.xlsx', 'win365');
    sheet.name = '附件1,2020年9月';
    model.active = sheet.name;
    const out = await createExcelHost().validateAndMark({});
    expect(ruleCells(out.result.findings)).toEqual(ruleCells(expected.result.findings));
    expect(plain.sheet.merges).toHaveLength(1);
  });
});

describe('6. more than 512 merged areas', () => {
  test('a sheet with 600 merged areas below the form still validates, its merges read in blocks', async () => {
    const { sheet } = await open('form2.xlsx', 'web');
    for (let i = 0; i < 600; i++) {
      const r = 40 + i;
      cellFor(sheet, r, 0).value = `附注 ${i}`;
      sheet.merges.push({ top: r, left: 0, bottom: r, right: 1 });
    }
    const out = await createExcelHost().validateAndMark({});
    expect(out.result.recognized).toBe(true);
    const engine = validateGrid(sheetToGrid(sheet), {});
    expect(ruleCells(out.result.findings)).toEqual(ruleCells(engine.findings));
  });
});

describe('7. sheet ids change between sessions', () => {
  test('a new id: 清除标记 still finds the record (by the sheet\'s name) and restores every fill', async () => {
    const { model, sheet } = await open('form2.xlsx', 'win365');
    at(sheet, 'H8').fill = '#00B0F0';
    const before = looks(sheet);
    await createExcelHost().validateAndMark({});
    newSession(model);
    await createExcelHost().clearMarks();
    expect(looks(sheet)).toEqual(before);
    expect([...model.settings.keys()].filter((k) => k.startsWith('jixiao.marks:'))).toEqual([]);
  });

  test('an id reused by another sheet: its fills are never touched, and the marked sheet still restores its own', async () => {
    const { model } = await open('seed-all.xlsx', 'win365', {}, '城乡居民养老');
    const marked = findSheet(model, '城乡居民养老')!;
    const other = findSheet(model, '城乡居民医疗')!;
    const markedBefore = looks(marked);
    at(other, 'H8').fill = '#FFFF00';
    at(other, 'G12').fill = '#92D050';
    const otherBefore = looks(other);
    await createExcelHost().validateAndMark({});
    newSession(model, true); // ids handed out again in reverse: 城乡居民医疗 now has 城乡居民养老's old id
    expect(other.id).not.toBe(marked.id);
    model.active = other.name;
    await createExcelHost().clearMarks();
    expect(looks(other)).toEqual(otherBefore);
    model.active = marked.name;
    await createExcelHost().clearMarks();
    expect(looks(marked)).toEqual(markedBefore);
  });
});

describe('8. gradient and theme fills', () => {
  test('a gradient fill is left untouched (the note still says it) and the pane says so; 清除标记 works', async () => {
    const { sheet } = await open('form2.xlsx', 'win365');
    Object.assign(at(sheet, 'H8'), { fill: '#4472C4', fillPattern: 'LinearGradient' });
    const before = looks(sheet);
    const out = await createExcelHost().validateAndMark({});
    expect(at(sheet, 'H8')).toMatchObject({ fill: '#4472C4', fillPattern: 'LinearGradient' });
    expect(at(sheet, 'H8').note?.startsWith(NOTE_PREFIX)).toBe(true);
    expect(noticeText(out.notices)).toMatch(/(?:^| )1 cell has a gradient fill/);
    await createExcelHost().clearMarks();
    expect(looks(sheet)).toEqual(before);
  });

  test('a theme tint and a pattern colour are restored exactly', async () => {
    const { sheet } = await open('form2.xlsx', 'ltsc2024');
    const cells = (await (async () => {
      const r = validateGrid(sheetToGrid(sheet), {});
      return [...new Set(r.findings.map((f) => f.cell))];
    })()).slice(0, 2);
    Object.assign(at(sheet, cells[0]), { fill: '#FFC000', fillTint: 0.6 });
    Object.assign(at(sheet, cells[1]), { fill: '#FFFFFF', fillPattern: 'Gray50', patternColor: '#FF0000', patternTint: -0.25 });
    const before = looks(sheet);
    await createExcelHost().validateAndMark({});
    expect(at(sheet, cells[0]).fillTint).toBeUndefined();
    await createExcelHost().clearMarks();
    expect(looks(sheet)).toEqual(before);
    expect(at(sheet, cells[1]).patternTint).toBe(-0.25);
  });
});

describe('9. dates come from the value and the number format, not the locale\'s text', () => {
  test.each([
    ['yyyy"年"m"月"', 'Sep-20'],
    ['m/d/yyyy', '9/30/2020'],
  ])('监控时点 as a date serial formatted %s shows as %s on an English machine; 时间进度 is still 9 ÷ 12', async (format, shown) => {
    const { sheet } = await open('form2.xlsx', 'mac365', { locale: 'en-US' });
    Object.assign(at(sheet, 'F6'), { value: 44104, format }); // 2020-09-30
    let text = '';
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getActiveWorksheet().getRange('F6');
      r.load('text');
      await context.sync();
      text = r.text[0][0];
    });
    expect(text).toBe(shown);
    const out = await createExcelHost().validateAndMark({});
    expect(out.result.form?.computed.timeProgress).toBeCloseTo(0.75, 6);
  });
});

describe('10. text written to 附件2 never becomes a formula or a number', () => {
  test('a project name starting with = or -, and a number-like name, stay text', async () => {
    const { grids } = await import('../src/node/xlsx').then((m) => m.readWorkbookFile(path.join(XLSX, 'form2.xlsx')));
    const base = buildReviewRow(validateGrid(grids[0], {}), { timely: 9 });
    const tricky: ReviewRow[] = ['=HYPERLINK("http://example.invalid","点击")', '-养老保险', '001'].map((project, i) => ({
      ...base,
      project,
      department: i === 2 ? '2020-09' : base.department,
      key: { ...base.key, project },
    }));
    const { model } = await open('form1.xlsx', 'web');
    for (const r of tricky) await appendToAnnex2Sheet(r);
    const annex = findSheet(model, '附件2')!;
    const values = [...annex.cells.values()];
    for (const r of tricky) expect(values.filter((c) => c.value === r.project && !c.formula)).toHaveLength(1);
    expect(values.filter((c) => c.value === '2020-09')).toHaveLength(1);
    expect(values.filter((c) => c.formula)).toEqual([]);
  });
});

describe('11. the 附件2 footer moves with its merges and a SUM under the table', () => {
  test('a third row is inserted: the footer, its merge and SUM(D7:D8) move down and the SUM takes in the new row', async () => {
    const { grids } = await import('../src/node/xlsx').then((m) => m.readWorkbookFile(path.join(XLSX, 'seed-all.xlsx')));
    const rows = grids.map((g) => validateGrid(g, {})).filter((r) => r.recognized).map((r) => buildReviewRow(r, { timely: 9 }));
    const { model } = await open('form1.xlsx', 'win365');
    await appendToAnnex2Sheet(rows[0]);
    await appendToAnnex2Sheet(rows[1]);
    const annex = findSheet(model, '附件2')!;
    // rows 7 and 8 hold the data; the footer (处室领导) is row 9: give it a total and a merge
    expect(getCell(annex, 8, 0)?.value).toBe('处室领导:');
    Object.assign(cellFor(annex, 8, 3), { formula: '=SUM(D7:D8)', value: 0 });
    annex.merges.push({ top: 8, left: 4, bottom: 8, right: 6 });
    await appendToAnnex2Sheet(rows[2]);
    expect(getCell(annex, 9, 0)?.value).toBe('处室领导:');
    expect(getCell(annex, 9, 3)?.formula).toBe('=SUM(D7:D9)');
    expect(annex.merges).toContainEqual({ top: 9, left: 4, bottom: 9, right: 6 });
    expect([6, 7, 8].map((r) => getCell(annex, r, 0)?.value)).toEqual([1, 2, 3]);
    expect(getCell(annex, 8, 2)?.value).toBe(rows[2].project);
  });
});

describe('12. round trips and messages', () => {
  test('the ribbon\'s 校验 takes 2 syncs, settings included', async () => {
    const { model } = await open('form2.xlsx', 'web');
    model.settings.set('jixiao.settings', JSON.stringify({ engine: {}, lang: 'en' }));
    const summary = await validateFromRibbon({ host: createExcelHost(), showSummary: async () => undefined, complete: () => undefined });
    expect(summary.kind).toBe('result');
    expect(sim!.stats.syncs).toBe(2);
  });

  test('a read-only workbook (Viewing mode) gets its own message, not "protected"', async () => {
    const { sheet } = await open('form2.xlsx', 'web');
    sheet.readOnly = true;
    const err = await createExcelHost().validateAndMark({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelHostError);
    expect((err as ExcelHostError).id).toBe('readOnly');
    expect((err as ExcelHostError).message).toMatch(/查看[\s\S]*Viewing mode/);
    sheet.readOnly = false;
    expect(ours(sheet)).toEqual([]);
  });

  test.each([
    ['RequestPayloadSizeLimitExceeded', 'payloadTooLarge'],
    ['ResponsePayloadSizeLimitExceeded', 'payloadTooLarge'],
    ['NotImplemented', 'notImplemented'],
    ['AccessDenied', 'protected'],
    ['InvalidOperationInCellEditMode', 'editMode'],
    ['ApiNotFound', 'apiMissing'],
  ])('%s has its own message in both languages (%s)', (code, id) => {
    const e = toHostError(Object.assign(new Error('x'), { code }), 'validate', '表一');
    expect(e.id).toBe(id);
    expect(e.zh).not.toBe(e.en);
    expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(EXCEL_MESSAGES[e.id].en.length).toBeGreaterThan(40);
  });
});
