/**
 * Proof of equality: every fixture, the sample, generated robustness workbooks and workbooks with the
 * features the reader handles itself (shared formulas, rich and inline text, dates, errors, merges,
 * hidden rows) go through the old reader (exceljs) and the new one (src/reader). The grids must be
 * identical, and so must the findings.
 *
 * One stated difference of shape: the old reader gives a dense rectangle (every row as wide as the
 * widest), the new one keeps rows as long as their last cell (sparse stays sparse). The comparison
 * pads rows with empty cells; an empty padded cell's number format (the old reader's row or column
 * default) is not compared, as no rule reads the format of a cell without value or formula.
 *
 * One stated difference of content: exceljs drops a formula's cached result when it is falsy (its
 * FormulaValue copies only truthy fields), so a formula showing 0, 0% or FALSE reads as empty. The new
 * reader keeps the cached value, as Excel shows it. Such cells are given the new reader's value in the old grid before comparing; everything else, findings included, must be equal.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Grid, validateGrid } from '../../src/core';
import { sheetToGrid } from '../../src/node/xlsx';
import { readGrids } from '../../src/reader';
import { formFragmentArb, randomGridArb } from '../robustness/gen/sheets';
import { xlsxFromGrids } from '../helpers/xlsx-from-grid';

const ROOT = join(__dirname, '..', '..');

/** The grid as a comparable table: rows padded to one width, empty cells' formats blanked. */
function normal(g: Grid) {
  const width = Math.max(0, ...g.values.map((r) => r.length));
  const cell = <T>(rows: T[][] | undefined, r: number, c: number, empty: T): T => rows?.[r]?.[c] ?? empty;
  const table = g.values.map((_, r) => Array.from({ length: width }, (__, c) => {
    const value = cell(g.values, r, c, null);
    const formula = cell(g.formulas, r, c, '');
    const empty = value === null && formula === '';
    return [value, cell(g.text, r, c, ''), empty ? '' : cell(g.formats, r, c, 'General'), formula];
  }));
  return { name: g.name, top: g.top, left: g.left, table, merges: g.merges ?? [], hiddenRows: g.hiddenRows ?? [], truncatedRows: g.truncatedRows };
}

const findings = (g: Grid) => validateGrid(g).findings.map((f) => [f.rule, f.severity, f.cell, f.message.zh, f.message.en]);

async function expectSame(bytes: Uint8Array): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const old = workbook.worksheets.map(sheetToGrid);
  const now = readGrids(bytes);
  expect(now.map((g) => g.name)).toEqual(old.map((g) => g.name));
  old.forEach((g, i) => {
    g.values.forEach((line, r) => line.forEach((v, c) => {
      const mine = now[i].values[r]?.[c];
      if (v === null && g.formulas?.[r]?.[c] && (mine === 0 || mine === false || mine === '')) {
        line[c] = mine;
        g.text![r][c] = now[i].text![r][c];
      }
    }));
    expect(normal(now[i])).toEqual(normal(g));
    expect(findings(now[i])).toEqual(findings(g));
  });
  return old.length;
}

describe('the new reader gives the grids and findings of the old one', () => {
  const files = [
    ...readdirSync(join(ROOT, 'test', 'fixtures', 'xlsx')).map((f) => join(ROOT, 'test', 'fixtures', 'xlsx', f)),
    ...readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.xlsx')).map((f) => join(ROOT, 'samples', f)),
  ];
  it.each(files)('%s', async (file) => {
    expect(await expectSame(new Uint8Array(readFileSync(file)))).toBeGreaterThan(0);
  });

  // far origins are kept to the first 2,000 rows and 60 columns: the old reader builds a dense
  // 20,000 × 200 rectangle for a far address, which is what the new one exists to avoid
  const near = (g: Grid): Grid => ({ ...g, top: g.top % 2000, left: g.left % 60 });

  it('40 generated robustness sheets (random cells: text, numbers, dates, booleans, formulas, errors; merges; hidden rows; origins)', async () => {
    const grids = fc.sample(randomGridArb, { seed: 12, numRuns: 40 }).map(near);
    for (let i = 0; i < grids.length; i += 8) await expectSame(await xlsxFromGrids(grids.slice(i, i + 8)));
  });

  it('40 generated form fragments in noise, with shared strings and with inline strings', async () => {
    const grids = fc.sample(formFragmentArb, { seed: 12, numRuns: 40 }).map((x) => near(x.grid));
    for (let i = 0; i < grids.length; i += 8) {
      await expectSame(await xlsxFromGrids(grids.slice(i, i + 8)));
      await expectSame(await xlsxFromGrids(grids.slice(i, i + 8), { useSharedStrings: false }));
    }
  });

  it('shared formulas, rich text, dates (1900 and 1904), booleans, errors, merged followers holding values, styled empty cells', async () => {
    for (const date1904 of [false, true]) {
      const wb = new ExcelJS.Workbook();
      if (date1904) wb.properties.date1904 = true;
      const ws = wb.addWorksheet('特征');
      ws.getCell('A1').value = { richText: [{ text: '预算', font: { bold: true } }, { text: '执行率' }] };
      for (let r = 2; r <= 6; r++) {
        ws.getCell(`B${r}`).value = r * 10;
        ws.getCell(`C${r}`).value = r * 7;
      }
      ws.getCell('D2').value = { formula: 'C2/B2', result: 0.7, shareType: 'shared', ref: 'D2:D6' } as ExcelJS.CellFormulaValue;
      for (let r = 3; r <= 6; r++) ws.getCell(`D${r}`).value = { sharedFormula: 'D2', result: 0.7 } as ExcelJS.CellSharedFormulaValue;
      ws.getCell('D2').numFmt = '0.0%';
      ws.getCell('E2').value = new Date(Date.UTC(2020, 8, 30));
      ws.getCell('E2').numFmt = 'yyyy"年"m"月"';
      ws.getCell('E3').value = new Date(Date.UTC(2021, 11, 31));
      ws.getCell('E3').numFmt = 'yyyy-mm-dd';
      ws.getCell('E4').value = 44196;
      ws.getCell('E4').numFmt = '[$-804]yyyy"年"m"月"d"日"';
      ws.getCell('F2').value = true;
      ws.getCell('F3').value = { error: '#DIV/0!' };
      ws.getCell('F4').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      ws.getCell('F5').value = { formula: '"a"&"b"', result: 'ab' };
      ws.getCell('F6').value = 1234567.891;
      ws.getCell('F6').numFmt = '#,##0.00';
      ws.getCell('H1').value = '合并';
      ws.mergeCells('H1:J2');
      ws.getCell('A8').numFmt = '0%'; // a styled empty cell
      ws.getRow(5).hidden = true;
      ws.getCell('A7').value = '  前后空格  ';
      ws.getCell('B7').value = 'a & b < c "quoted"';
      // control characters, which the file escapes as _xHHHH_, and a literal _x0041_ (its underscore escaped)
      ws.getCell('C7').value = '\u001B]0;title\u0007 and _x0041_';
      ws.getCell('D7').value = { richText: [{ text: 'bell\u0007' }, { text: ' tab\there' }] };
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      await expectSame(bytes);
      const g = readGrids(bytes)[0];
      // the shared formula's followers carry their own moved formula, as Excel shows them
      expect(g.formulas![5][3]).toBe('=C6/B6');
      expect(g.text![1][4]).toBe('2020年9月');
    }
  });
});
