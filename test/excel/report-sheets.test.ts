/** 审核一批's findings report written into this workbook as new sheets (the Excel for Mac path), on the simulator. */
import path from 'path';
import { type ExcelSim, type SimSheet, WEB_PAYLOAD_CAP, applyProfile, findSheet, getCell, installExcelSim, workbookFromGrids } from '../../src/excel-sim';
import { workbookFromXlsxFile } from '../../src/excel-sim/exceljs';
import { reviewWorkbook } from '../../src/review/batch';
import { type Cell, type ReportTable, reportTables } from '../../src/review/findings-report';
import { twelveWorkbooks } from '../helpers/batch-files';
import { createExcelHost } from '../../src/excel/host';
import { uniqueSheetName } from '../../src/excel/report-sheets';

let sim: ExcelSim | undefined;
afterEach(() => {
  sim?.uninstall();
  sim = undefined;
});

/** The sheet's cells as rows (an empty cell: null), `width` columns, as many rows as `n`. */
function rowsOf(sheet: SimSheet, n: number, width: number): Cell[][] {
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: width }, (_, c) => {
      const v = getCell(sheet, r, c)?.value ?? null;
      return v === '' ? null : (v as Cell);
    }),
  );
}

describe('the findings report as sheets of this workbook', () => {
  it('the twelve workbooks’ report: two new sheets in one read and one write, cell by cell as the .xlsx report, text kept as text', async () => {
    const files = (await twelveWorkbooks()).map((f, i) => reviewWorkbook(i === 0 ? `=${f.name}` : f.name, f.bytes));
    const report = files.map((f) => ({ file: f.name, ...(f.problem && f.problem.kind !== 'not-a-form' ? { problem: f.problem.message } : {}), sheets: f.sheets }));
    const tables = reportTables(report, 'zh');
    expect(tables[1].rows.length).toBeGreaterThan(100);
    const model = await workbookFromXlsxFile(path.join(__dirname, '../../test/fixtures/xlsx/seed-all.xlsx'));
    // a sheet of that name is there already: the report's goes beside it
    model.sheets.push(workbookFromGrids([{ name: '问题清单', top: 0, left: 0, values: [['我的']] }]).sheets[0]);
    sim = installExcelSim(model);

    const out = await createExcelHost().addReportSheets!(tables);
    expect(out.names).toEqual(['汇总', '问题清单 (2)']);
    expect(sim.stats.syncs).toBe(2);
    expect(model.active).toBe('汇总');
    expect(getCell(findSheet(model, '问题清单')!, 0, 0)?.value).toBe('我的');
    for (const [i, name] of out.names.entries()) {
      const sheet = findSheet(model, name)!;
      expect(rowsOf(sheet, tables[i].rows.length + 1, 8)).toEqual([...tables[i].rows.map((r) => [...r, null]), new Array(8).fill(null)]);
      expect([...sheet.cells.values()].filter((c) => c.formula)).toEqual([]);
      expect(getCell(sheet, 0, 0)?.style?.['font.bold']).toBe(true);
    }
    // the file name that starts like a formula is text, in a Text cell
    const summary = findSheet(model, '汇总')!;
    expect(getCell(summary, 1, 0)).toMatchObject({ value: '=01-clean.xlsx', format: '@' });
    expect(typeof getCell(summary, 1, 3)?.value).toBe('number');
  });

  it('a report too large for one request is written in bands, every request under Excel on the web’s 5 MB', async () => {
    const message = '预算执行率为空，按计算应为 79.9%。'.repeat(6);
    const rows: Cell[][] = [['文件', '工作表', '单元格', '规则', '级别', '说明', '算式']];
    for (let i = 0; i < 30000; i++) rows.push([`县${i % 50}.xlsx`, '表一', `H${i % 40}`, 'field/missing', '错误', message, '433 ÷ 542 = 79.9%']);
    const tables: ReportTable[] = [{ name: '问题清单', rows, widths: [36, 20, 8, 28, 8, 80, 36] }];
    const model = applyProfile(workbookFromGrids([{ name: 'Sheet1', top: 0, left: 0, values: [['x']] }]), 'web');
    sim = installExcelSim(model);
    const out = await createExcelHost().addReportSheets!(tables);
    expect(sim.stats.syncs).toBeGreaterThan(2);
    for (const p of sim.stats.payloads) expect(p.request).toBeLessThan(WEB_PAYLOAD_CAP);
    const sheet = findSheet(model, out.names[0])!;
    expect(rowsOf(sheet, rows.length + 1, 7)).toEqual([...rows, new Array(7).fill(null)]);
  });

  it('the English report takes English names; a name in use, in any case, gets the next number', async () => {
    const model = workbookFromGrids([
      { name: 'summary', top: 0, left: 0, values: [['x']] },
      { name: 'Summary (2)', top: 0, left: 0, values: [['y']] },
    ]);
    sim = installExcelSim(model);
    const out = await createExcelHost().addReportSheets!(reportTables([], 'en'));
    expect(out.names).toEqual(['Summary (3)', 'Findings']);
    expect(model.sheets.map((s) => s.name)).toEqual(['summary', 'Summary (2)', 'Summary (3)', 'Findings']);
    expect(getCell(findSheet(model, 'Findings')!, 0, 5)?.value).toBe('Message');
    expect(uniqueSheetName('汇总', ['汇总', '汇总 (2)', 'Sheet1'])).toBe('汇总 (3)');
    // Excel's 31-character limit holds with the suffix too
    const long = 'F'.repeat(31);
    expect(uniqueSheetName(long, [])).toBe(long);
    expect(uniqueSheetName(long, [long])).toBe(`${'F'.repeat(27)} (2)`);
  });
});
