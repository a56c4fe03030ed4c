/**
 * The reader is bounded by what the file holds, not by the addresses it names: hostile workbooks
 * that made the old reader take 1.4 GB or abort with out-of-memory are read as small grids, and a
 * workbook that inflates beyond the cap gives a form/structure finding instead of a crash.
 */
import ExcelJS from 'exceljs';
import { type Grid, validateGrid } from '../../src/core';
import { addSeedSheet } from '../../src/node/seed';
import { DEFAULT_LIMITS, readGrids, readSheets, XlsxError } from '../../src/reader';
import { CONSISTENT } from '../helpers/forms';
import { gridFromRows } from '../helpers/grid';

const cellsHeld = (g: Grid) => g.values.reduce((n, r) => n + r.length, 0);
const bytes = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer());
const tsv = CONSISTENT.map((r) => r.join('\t')).join('\n');

describe('hostile addresses', () => {
  it('a 7 KB workbook with one cell at XFD1048576 is read as 20,000 empty rows holding no cell, and says what it dropped', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('远').getCell('XFD1048576').value = 1;
    const data = await bytes(wb);
    expect(data.length).toBeLessThan(8 * 1024);
    const [g] = readGrids(data);
    expect(g.values.length).toBe(DEFAULT_LIMITS.maxRows);
    expect(cellsHeld(g)).toBe(0);
    expect(g.truncatedRows).toBe(1048576 - DEFAULT_LIMITS.maxRows);
    expect(validateGrid(g).recognized).toBe(false);
  });

  it('a form with a stray keystroke at XFD1048576 is still checked, with the cut reported at the last row read', async () => {
    const wb = new ExcelJS.Workbook();
    addSeedSheet(wb, '表', tsv).getCell('XFD1048576').value = 'x';
    const [g] = readGrids(await bytes(wb));
    expect(g.values.slice(CONSISTENT.length).every((row) => row.length === 0)).toBe(true);
    const r = validateGrid(g);
    expect(r.recognized).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'form/structure').map((f) => f.cell)).toEqual([`A${DEFAULT_LIMITS.maxRows}`]);
    const alone = validateGrid(gridFromRows('表', CONSISTENT)).findings.map((f) => `${f.rule} ${f.cell}`);
    expect(r.findings.filter((f) => f.rule !== 'form/structure').map((f) => `${f.rule} ${f.cell}`)).toEqual(alone);
  });

  it('ten sheets each with one cell at GR20000 are read one at a time, each holding one row of 200 cells', async () => {
    const wb = new ExcelJS.Workbook();
    for (let i = 0; i < 10; i++) wb.addWorksheet(`S${i}`).getCell('GR20000').value = i;
    const sheets = readSheets(await bytes(wb));
    let n = 0;
    for (const g of sheets) {
      expect(g.values.length).toBe(20000);
      expect(g.values[19999]).toHaveLength(200);
      expect(g.values[19999][199]).toBe(n);
      expect(cellsHeld(g)).toBe(200);
      expect(g.truncatedRows).toBeUndefined();
      n++;
    }
    expect(n).toBe(10);
  });
});

describe('the cell cap', () => {
  it('once a sheet holds maxCells cells its further rows are counted, not kept, and the engine says so', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = addSeedSheet(wb, '宽表', tsv);
    for (let r = 30; r <= 400; r++) ws.getRow(r).values = Array.from({ length: 10 }, (_, c) => r * 10 + c);
    const [g] = readGrids(await bytes(wb), { maxCells: 1000 });
    expect(cellsHeld(g)).toBeGreaterThanOrEqual(1000);
    expect(cellsHeld(g)).toBeLessThan(1010);
    expect(g.values.length + g.truncatedRows!).toBe(400);
    const r = validateGrid(g);
    expect(r.recognized).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'form/structure').map((f) => f.cell)).toEqual([`A${g.values.length}`]);
  });
});

describe('the inflate cap', () => {
  it('a sheet that inflates beyond the cap is cut there: the form above the cut is checked and a form/structure finding says rows were not read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = addSeedSheet(wb, '长表', tsv);
    for (let r = 30; r < 3000; r++) ws.getRow(r).values = [r, r * 2, r * 3, r * 4];
    const data = await bytes(wb);
    const whole = readGrids(data)[0];
    expect(whole.values.length).toBe(2999);
    expect(whole.truncatedRows).toBeUndefined();
    const [g] = readGrids(data, { maxInflatedBytes: 60 * 1024 });
    expect(g.values.length).toBeLessThan(2999);
    expect(g.values.length).toBeGreaterThan(CONSISTENT.length);
    expect(g.truncatedRows).toBe(2999 - g.values.length);
    const r = validateGrid(g);
    expect(r.recognized).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'form/structure').map((f) => f.message.zh)).toEqual([
      `工作表的已用区域过大，只读取了前 ${g.values.length} 行（另有 ${2999 - g.values.length} 行未读取，至 A${g.values.length}）。`,
    ]);
  });

  it('shared parts beyond the cap make the workbook unreadable with a message naming the part, not a crash', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('字');
    for (let r = 1; r <= 2000; r++) ws.getCell(r, 1).value = `各不相同的文字 ${r}`;
    expect(() => readGrids(Uint8Array.from(Buffer.from('PK\u0003\u0004 not really a zip')))).toThrow(XlsxError);
    const data = await bytes(wb);
    expect(() => readGrids(data, { maxInflatedBytes: 20 * 1024 })).toThrow(/sharedStrings\.xml inflates beyond the reading cap/);
  });
});
