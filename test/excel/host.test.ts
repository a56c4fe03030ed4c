import path from 'path';
import { MARK_COLORS, NOTE_PREFIX, type Finding, fromA1, marksFor, validateGrid } from '../../src/core';
import { readWorkbookFile } from '../../src/node/xlsx';
import {
  type ExcelSim,
  type SimCell,
  type SimSheet,
  type SimWorkbook,
  cellFor,
  cloneWorkbook,
  findSheet,
  getCell,
  installExcelSim,
  sheetToGrid,
} from '../../src/excel-sim';
import { workbookFromXlsxFile } from '../../src/excel-sim/exceljs';
import { createExcelHost } from '../../src/excel/host';
import { longSheetWorkbook } from '../helpers/long-sheet';
import { MARKS_KEY_PREFIX, SETTINGS_KEY } from '../../src/excel/store';
import { READ_BUDGET } from '../../src/excel/host';

const FIXTURES = path.join(__dirname, '../../test/fixtures/xlsx');

let sim: ExcelSim | undefined;
afterEach(() => sim?.uninstall());

async function open(file: string, opts: { excelApiMinor?: number; active?: string } = {}): Promise<SimWorkbook> {
  const model = await workbookFromXlsxFile(path.join(FIXTURES, file), opts);
  sim = installExcelSim(model);
  return model;
}

function cellAt(sheet: SimSheet, a1: string) {
  const { row, col } = fromA1(a1);
  return getCell(sheet, row, col);
}

/** fill and note of every cell, for before/after comparisons */
type Look = { fill?: string; fillPattern?: string; note?: string; comment?: string; format?: string; value: unknown };
function looks(sheet: SimSheet): Record<string, Look> {
  const out: Record<string, Look> = {};
  for (const [k, c] of sheet.cells) {
    if (c.value === null && !c.fill && !c.note && !c.comment && !c.format) continue;
    out[k] = { fill: c.fill, fillPattern: c.fillPattern, note: c.note, comment: c.comment, format: c.format, value: c.value };
  }
  return out;
}

function ruleCells(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule}@${f.cell}`).sort();
}

describe('validate and mark: one sync to read, one to mark', () => {
  test.each(['form1.xlsx', 'form2.xlsx', 'form3.xlsx', 'form4.xlsx'])('%s: 2 syncs, marks match the engine findings', async (file) => {
    const model = await open(file);
    const host = createExcelHost();
    const out = await host.validateAndMark({});
    expect(out.syncs).toBe(2);
    expect(sim!.stats.syncs).toBe(2);
    expect(sim!.stats.implicitSyncs).toBe(0);
    expect(out.markMode).toBe('notes');

    // the same findings the CLI gets from the same file
    const { grids } = await readWorkbookFile(path.join(FIXTURES, file));
    const expected = validateGrid(grids[0], {});
    expect(out.result.recognized).toBe(true);
    expect(ruleCells(out.result.findings)).toEqual(ruleCells(expected.findings));

    const marks = marksFor(expected.findings, 'zh');
    expect(out.marked).toBe(marks.length);
    expect(marks.length).toBeGreaterThan(0);
    const sheet = findSheet(model, model.active)!;
    for (const m of marks) {
      const c = cellAt(sheet, m.cell);
      expect([m.cell, c?.fill]).toEqual([m.cell, MARK_COLORS[m.severity]]);
      expect(c?.note).toBe(m.note);
    }
  });

  test('seed form 2 gets its 预算执行率 mark on H8 in red with the message', async () => {
    const model = await open('form2.xlsx');
    await createExcelHost().validateAndMark({});
    const h8 = cellAt(findSheet(model, model.active)!, 'H8')!;
    expect(h8.fill).toBe(MARK_COLORS.error);
    expect(h8.note?.startsWith(NOTE_PREFIX)).toBe(true);
    expect(h8.note).toContain('79.9%');
  });

  test('a generated 5,000-row sheet reads in windows, every response within the read budget', async () => {
    // a long appendix below the form: 5,000 rows in all, some hidden, some merged
    sim = installExcelSim(await longSheetWorkbook());
    const progress: number[] = [];
    const out = await createExcelHost().validateAndMark({}, { onProgress: (p) => progress.push(p.done) });
    expect(out.syncs).toBe(sim!.stats.syncs);
    expect(out.syncs).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toBe(out.syncs - 2);
    for (const p of sim!.stats.payloads) expect(p.response).toBeLessThan(2 * READ_BUDGET);
    expect(out.marked).toBe(new Set(out.result.findings.map((f) => f.cell)).size);
    expect(out.marked).toBeGreaterThan(0);
    sim!.reset();
    await createExcelHost().clearMarks();
    expect(sim!.stats.syncs).toBe(3);
  });

  test('a form whose used range starts at C4 (merged cells included) is read at its offset and marked in place', async () => {
    const model = await open('form2.xlsx');
    const sheet = findSheet(model, model.active)!;
    const plain = await createExcelHost().validateAndMark({});
    await createExcelHost().clearMarks();
    // move everything 3 rows down and 2 columns right
    const moved = new Map<string, SimCell>();
    for (const [k, c] of sheet.cells) {
      const [r, col] = k.split(',').map(Number);
      moved.set(`${r + 3},${col + 2}`, c);
    }
    sheet.cells = moved;
    sheet.merges = sheet.merges.map((m) => ({ top: m.top + 3, left: m.left + 2, bottom: m.bottom + 3, right: m.right + 2 }));
    sim!.reset();
    const out = await createExcelHost().validateAndMark({});
    expect(out.syncs).toBe(2);
    const shift = (a: string) => {
      const { row, col } = fromA1(a);
      return `${String.fromCharCode(65 + col + 2)}${row + 4}`;
    };
    expect(ruleCells(out.result.findings)).toEqual(ruleCells(plain.result.findings.map((f) => ({ ...f, cell: shift(f.cell) }))));
    expect(cellAt(sheet, 'J11')!.fill).toBe(MARK_COLORS.error); // H8 moved
    expect(cellAt(sheet, 'H8')?.fill).toBeUndefined();
  });

  test('hidden rows reach the engine', async () => {
    const model = await open('form2.xlsx');
    const sheet = findSheet(model, model.active)!;
    const shown = await createExcelHost().validateAndMark({});
    await createExcelHost().clearMarks();
    sheet.hiddenRows.add(23); // row 24: an indicator row with findings
    const hidden = await createExcelHost().validateAndMark({});
    expect(ruleCells(hidden.result.findings)).toEqual(ruleCells(validateGrid(sheetToGrid(sheet), {}).findings));
    expect(ruleCells(hidden.result.findings)).not.toEqual(ruleCells(shown.result.findings));
  });

  test('each seed sheet of the combined workbook reads and marks in 2 syncs', async () => {
    const model = await open('seed-all.xlsx');
    for (const name of ['机关事业单位养老', '城乡居民养老', '职工基本医疗', '城乡居民医疗']) {
      model.active = name;
      sim!.reset();
      const out = await createExcelHost().validateAndMark({});
      expect([name, out.result.recognized, out.syncs, sim!.stats.syncs]).toEqual([name, true, 2, 2]);
    }
  });
});

describe('clear marks', () => {
  test('restores every previous fill and note, removes only our notes — also after re-validating and after save/reopen', async () => {
    const model = await open('form2.xlsx');
    const sheet = findSheet(model, model.active)!;
    // the user's own formatting and notes, on cells the add-in will mark and on others
    cellFor(sheet, 7, 7).fill = '#00B050'; // H8 (marked)
    cellFor(sheet, 7, 7).note = '请核对执行率';
    cellFor(sheet, 11, 6).fill = '#FFFF00'; // G12 (marked), a patterned fill
    cellFor(sheet, 11, 6).fillPattern = 'Gray50';
    cellFor(sheet, 18, 6).fill = '#FFFFFF'; // G19 (marked), an explicit white fill is not "no fill"
    cellFor(sheet, 0, 0).note = '标题批注'; // A1 (not marked)
    cellFor(sheet, 2, 1).fill = '#D9D9D9'; // B3 (not marked)
    const before = looks(sheet);

    const host = createExcelHost();
    const first = await host.validateAndMark({});
    // the sheet has a note of the user's: one extra read finds which cells they are on
    expect(first.syncs).toBe(3);
    const h8 = cellAt(sheet, 'H8')!;
    expect(h8.fill).toBe(MARK_COLORS.error);
    expect(h8.note?.startsWith(NOTE_PREFIX)).toBe(true);
    expect(h8.note).toContain('请核对执行率');
    expect(cellAt(sheet, 'A1')!.note).toBe('标题批注');
    expect(cellAt(sheet, 'B3')!.fill).toBe('#D9D9D9');
    expect(cellAt(sheet, 'G12')).toMatchObject({ fill: MARK_COLORS.error });
    expect(cellAt(sheet, 'G12')!.fillPattern).toBeUndefined();

    // re-validate: old marks are cleared first, previous fills are still the user's
    await host.validateAndMark({});
    expect(cellAt(sheet, 'H8')!.note!.split(NOTE_PREFIX).length).toBe(2);

    // save and reopen: the record lives in the workbook's settings
    sim!.uninstall();
    const reopened = cloneWorkbook(model);
    sim = installExcelSim(reopened);
    expect([...reopened.settings.keys()].some((k) => k.startsWith(MARKS_KEY_PREFIX))).toBe(true);

    const { cleared } = await createExcelHost().clearMarks();
    expect(cleared).toBe(first.marked);
    expect(looks(findSheet(reopened, reopened.active)!)).toEqual(before);
    expect([...reopened.settings.keys()].some((k) => k.startsWith(MARKS_KEY_PREFIX))).toBe(false);
  });

  test('clearing twice is harmless and leaves nothing of ours', async () => {
    const model = await open('form3.xlsx');
    const sheet = findSheet(model, model.active)!;
    const before = looks(sheet);
    const host = createExcelHost();
    await host.validateAndMark({});
    await host.clearMarks();
    expect(await host.clearMarks()).toEqual({ cleared: 0 });
    expect(looks(sheet)).toEqual(before);
  });

  test.each([
    [10, 'comments'],
    [9, 'fill'],
  ] as const)('ExcelApi 1.%i: marks with %s and clears them again', async (minor, mode) => {
    const model = await open('form2.xlsx', { excelApiMinor: minor });
    const sheet = findSheet(model, model.active)!;
    cellFor(sheet, 11, 6).fill = '#FFFF00';
    const before = looks(sheet);
    const out = await createExcelHost().validateAndMark({});
    expect(out.markMode).toBe(mode);
    expect(out.syncs).toBe(2);
    const h8 = cellAt(sheet, 'H8')!;
    expect(h8.fill).toBe(MARK_COLORS.error);
    expect(h8.note).toBeUndefined();
    if (mode === 'comments') expect(h8.comment?.startsWith(NOTE_PREFIX)).toBe(true);
    else expect(h8.comment).toBeUndefined();
    await createExcelHost().clearMarks();
    expect(looks(sheet)).toEqual(before);
  });
});

describe('fix', () => {
  const h8Finding = async (): Promise<Finding> => {
    const out = await createExcelHost().validateAndMark({});
    const f = out.result.findings.find((x) => x.cell === 'H8' && x.fix);
    expect(f).toBeDefined();
    return f!;
  };

  test('form 2: the missing 预算执行率 at H8 gets 0.7989 shown as 79.9%', async () => {
    const model = await open('form2.xlsx');
    const f = await h8Finding();
    sim!.reset();
    await createExcelHost().applyFix(f);
    expect(sim!.stats.syncs).toBe(2);
    const h8 = cellAt(findSheet(model, model.active)!, 'H8')!;
    expect(h8.value).toBeCloseTo(0.7989, 4);
    expect(h8.format).toBe('0.0%');
    // what the user sees, read back through the API
    const text = await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getActiveWorksheet().getRange('H8');
      r.load('text');
      await context.sync();
      return r.text[0][0];
    });
    expect(text).toBe('79.9%');
  });

  test("keeps the cell's own percent format", async () => {
    const model = await open('form2.xlsx');
    cellFor(findSheet(model, model.active)!, 7, 7).format = '0.00%';
    const f = await h8Finding();
    await createExcelHost().applyFix(f);
    const h8 = cellAt(findSheet(model, model.active)!, 'H8')!;
    expect(h8.format).toBe('0.00%');
    expect(h8.value).toBeCloseTo(0.7989, 4);
  });

  test('a formula cell is fixed with the corrected formula, never a constant (issue 11)', async () => {
    const model = await open('form3.xlsx');
    // seed form 3's 37% at H8 becomes =G8/E8 (executed ÷ available), cached as 100%
    const h8 = cellFor(findSheet(model, model.active)!, 7, 7);
    h8.formula = '=G8/E8';
    h8.value = 1;
    const out = await createExcelHost().validateAndMark({});
    const f = out.result.findings.find((x) => x.rule === 'budget/rate-mismatch' && x.cell === 'H8')!;
    expect(f.fix).toMatchObject({ formula: '=G8/C8' });
    await createExcelHost().applyFix(f);
    expect(cellAt(findSheet(model, model.active)!, 'H8')!.formula).toBe('=G8/C8');
  });

  test('a finding without a fix value is refused with a message naming the cell', async () => {
    await open('form2.xlsx');
    const out = await createExcelHost().validateAndMark({});
    const noFix = out.result.findings.find((x) => !x.fix)!;
    await expect(createExcelHost().applyFix(noFix)).rejects.toThrow(new RegExp(`${noFix.cell}.*\\n.*${noFix.cell}`));
  });
});

describe('errors: clear message, nothing half-written', () => {
  test('a protected sheet: validate says so (zh, then en) and writes nothing', async () => {
    const model = await open('form2.xlsx');
    const sheet = findSheet(model, model.active)!;
    sheet.protected = true;
    const before = looks(sheet);
    const err = (await createExcelHost().validateAndMark({}).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/^工作表“城乡居民养老”受保护.*撤销工作表保护.*\nSheet "城乡居民养老" is protected.*Unprotect/s);
    expect(looks(sheet)).toEqual(before);
    expect(model.settings.size).toBe(0);
    await expect(createExcelHost().applyFix({ ...(await fixOf(model)), sheet: sheet.name })).rejects.toThrow(/受保护/);
    expect(looks(sheet)).toEqual(before);
  });

  test('the sheet gets protected between the read and the write: the protection message, the sheet untouched, clear still works', async () => {
    const model = await open('form2.xlsx');
    const sheet = findSheet(model, model.active)!;
    const before = looks(sheet);
    sim!.stats.onSync = (n) => {
      if (n === 2) sheet.protected = true;
    };
    await expect(createExcelHost().validateAndMark({})).rejects.toThrow(/受保护[\s\S]*protected/);
    expect(looks(sheet)).toEqual(before);
    sim!.stats.onSync = undefined;
    sheet.protected = false;
    await createExcelHost().clearMarks();
    expect(looks(sheet)).toEqual(before);
    expect(model.settings.size).toBe(0);
  });

  test('re-validating on a sheet protected in the meantime keeps every old mark restorable', async () => {
    const model = await open('form2.xlsx');
    const sheet = findSheet(model, model.active)!;
    cellFor(sheet, 7, 7).fill = '#00B050';
    const before = looks(sheet);
    await createExcelHost().validateAndMark({});
    expect(cellAt(sheet, 'H8')!.fill).toBe(MARK_COLORS.error);
    // the user types the rate into H8 by hand: its finding goes away on the next run
    cellFor(sheet, 7, 7).value = 0.7989;
    sim!.stats.onSync = (n) => {
      if (n === 4) sheet.protected = true;
    };
    await expect(createExcelHost().validateAndMark({})).rejects.toThrow(/受保护/);
    sim!.stats.onSync = undefined;
    sheet.protected = false;
    await createExcelHost().clearMarks();
    expect(looks(sheet)).toEqual({ ...before, '7,7': { ...before['7,7'], value: 0.7989 } });
  });

  test('a write batch that fails part-way is undone, then written once more as fill only', async () => {
    const model = await open('form2.xlsx');
    const sheet = findSheet(model, model.active)!;
    const before = looks(sheet);
    // someone adds a note to H8 while we validate: our note.add there fails after the fills were written
    sim!.stats.onSync = (n) => {
      if (n === 2) cellFor(sheet, 7, 7).note = '刚加的批注';
    };
    const out = await createExcelHost().validateAndMark({});
    sim!.stats.onSync = undefined;
    expect(out.markMode).toBe('fill');
    expect(out.notices?.map((n) => n.en).join(' ')).toMatch(/fill only/);
    expect(cellAt(sheet, 'H8')!.note).toBe('刚加的批注');
    expect(cellAt(sheet, 'H8')!.fill).toBe(MARK_COLORS.error);
    expect([...sheet.cells.values()].filter((c) => c.note?.startsWith(NOTE_PREFIX))).toEqual([]);
    await createExcelHost().clearMarks();
    const after = looks(sheet);
    expect(after['7,7'].note).toBe('刚加的批注');
    delete after['7,7'];
    const expected = { ...before };
    delete expected['7,7'];
    expect(after).toEqual(expected);
  });

  test('a renamed sheet: fix and select say which sheet is missing', async () => {
    const model = await open('form2.xlsx');
    const f = await fixOf(model);
    findSheet(model, model.active)!.name = '改名了';
    model.active = '改名了';
    await expect(createExcelHost().applyFix(f)).rejects.toThrow(/找不到工作表“城乡居民养老”[\s\S]*Sheet "城乡居民养老" was not found/);
    await expect(createExcelHost().selectCell('城乡居民养老', 'H8')).rejects.toThrow(/找不到工作表/);
  });
});

async function fixOf(model: SimWorkbook): Promise<Finding> {
  const { grids } = await readWorkbookFile(path.join(FIXTURES, 'form2.xlsx'));
  const f = validateGrid(grids[0], {}).findings.find((x) => x.cell === 'H8' && x.fix)!;
  return { ...f, sheet: model.active };
}

describe('select and settings', () => {
  test('selectCell activates the sheet and selects the cell in one sync', async () => {
    const model = await open('seed-all.xlsx');
    await createExcelHost().selectCell('职工基本医疗', 'G12');
    expect(sim!.stats.syncs).toBe(1);
    expect(model.active).toBe('职工基本医疗');
    expect(model.selection).toEqual({ sheet: '职工基本医疗', address: 'G12' });
  });

  test('settings are saved with the workbook and read back', async () => {
    const model = await open('form1.xlsx');
    const host = createExcelHost();
    expect(await host.loadSettings()).toEqual({ engine: {} });
    const s = { engine: { yellowBelow: 0.7, rules: { 'layout/shifted': { enabled: false } } }, lang: 'en' as const };
    await host.saveSettings(s);
    expect(model.settings.has(SETTINGS_KEY)).toBe(true);
    sim!.uninstall();
    sim = installExcelSim(cloneWorkbook(model));
    expect(await createExcelHost().loadSettings()).toEqual(s);
    // and they take effect: the switched-off rule reports nothing
    const out = await createExcelHost().validateAndMark(s.engine);
    expect(out.result.findings.some((f) => f.rule === 'layout/shifted')).toBe(false);
  });
});
