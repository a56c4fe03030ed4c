/**
 * 审核一批, platform-neutral half: the twelve workbooks of the e2e test read with the shared reader,
 * each failing file with its own message, the rest reviewed; cancel; and the findings report opened
 * with exceljs and checked cell by cell.
 */
import ExcelJS from 'exceljs';
import { validateGrid } from '../../src/core';
import { sheetToGrid } from '../../src/node/xlsx';
import { twelveWorkbooks, type NamedBytes } from '../helpers/batch-files';
import { batchTotals, reviewBatch, reviewWorkbook, type BatchFile } from '../../src/review/batch';
import { findingsReportXlsx, reportRows } from '../../src/review/findings-report';

let twelve: NamedBytes[];
let files: BatchFile[];

beforeAll(async () => {
  twelve = await twelveWorkbooks();
  files = twelve.map((f) => reviewWorkbook(f.name, f.bytes));
});

const byName = (name: string) => files.find((f) => f.name === name)!;

describe('reviewWorkbook', () => {
  it('gives encrypted, .xls, broken zip, web page and non-form files each their own message, in both languages', () => {
    const problems = Object.fromEntries(files.filter((f) => f.problem).map((f) => [f.name, [f.problem!.kind, f.problem!.message.zh, f.problem!.message.en]]));
    expect(problems).toEqual({
      '08-not-a-form.xlsx': ['not-a-form', '不是附件1：1 个工作表中没有可识别的绩效监控情况表', 'not a 附件1: none of its 1 sheet is a recognisable performance-monitoring form'],
      '09-broken.xlsx': ['broken-zip', expect.stringContaining('文件已损坏'), expect.stringContaining('damaged')],
      '10-encrypted.xlsx': ['encrypted', '已加密的工作簿，请先取消密码再校验', 'encrypted workbook: remove the password'],
      '11-legacy.xls': ['xls', '旧版 .xls 文件，请在 Excel 中另存为 .xlsx', 'legacy .xls: save as .xlsx'],
      '12-web-page.xlsx': ['text', expect.stringContaining('网页或 XML'), expect.stringContaining('web page')],
    });
    // the non-form still lists its sheet and why it is not a 附件1
    const list = byName('08-not-a-form.xlsx');
    expect(list.sheets.map((s) => [s.recognized, s.row])).toEqual([[false, undefined]]);
    expect(list.sheets[0].reason?.zh).toContain('一、基本情况');
  });

  it('reviews every sheet of the readable files with the engine and proposes a row per form', async () => {
    // the same workbooks read independently by exceljs give the same findings
    for (const name of ['form1.xlsx', 'form2.xlsx', '02-wrong-rate.xlsx', '07-two-forms.xlsx']) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(twelve.find((f) => f.name === name)!.bytes as unknown as ArrayBuffer);
      const expected = workbook.worksheets.map((ws) => validateGrid(sheetToGrid(ws)));
      const got = byName(name).sheets;
      expect(got.map((s) => [s.sheet, s.findings.map((f) => `${f.cell} ${f.rule}`)])).toEqual(expected.map((r) => [r.sheet, r.findings.map((f) => `${f.cell} ${f.rule}`)]));
    }
    const wrong = byName('02-wrong-rate.xlsx');
    expect(wrong.counts.error).toBe(1);
    expect(wrong.sheets[0].findings.find((f) => f.severity === 'error')).toMatchObject({ rule: 'budget/rate-mismatch', cell: 'H8' });
    expect(byName('01-clean.xlsx').counts.error).toBe(0);
    const two = byName('07-two-forms.xlsx');
    expect(two.sheets.map((s) => s.row?.project)).toEqual(['甲县养老保险基金支出', '乙县医疗保险基金支出']);
    const f2 = byName('form2.xlsx').sheets[0].row!;
    expect([f2.budget, f2.available, f2.executed, f2.source]).toEqual([542, 433, 433, { file: 'form2.xlsx', sheet: '城乡居民养老' }]);
    expect(batchTotals(files)).toMatchObject({ files: 12, failed: 4, forms: 8 });
  });
});

describe('reviewBatch', () => {
  it('reports k / n after every file and goes on past a failing one', async () => {
    const seen: string[] = [];
    const out = await reviewBatch(
      twelve.map((f) => ({ name: f.name, bytes: async () => f.bytes })),
      { onProgress: (p) => seen.push(`${p.done}/${p.total}`) },
    );
    expect(seen).toEqual(['0/12', ...twelve.map((_, i) => `${i + 1}/12`)]);
    expect(out.cancelled).toBe(false);
    expect(out.files.map((f) => f.name)).toEqual(twelve.map((f) => f.name));
  });

  it('a file whose bytes cannot be had is reported, not thrown', async () => {
    const out = await reviewBatch([
      { name: 'gone.xlsx', bytes: () => Promise.reject(new Error('NotReadableError: the file was moved')) },
      { name: 'form1.xlsx', bytes: async () => twelve[2].bytes },
    ]);
    expect(out.files[0].problem).toEqual({ kind: 'unreadable', message: { zh: '无法读取：NotReadableError: the file was moved', en: 'cannot be read: NotReadableError: the file was moved' } });
    expect(out.files[1].sheets[0].recognized).toBe(true);
  });

  it('cancel stops before the next file and keeps what was done', async () => {
    const ac = new AbortController();
    const out = await reviewBatch(
      twelve.map((f) => ({ name: f.name, bytes: async () => f.bytes })),
      { signal: ac.signal, onProgress: (p) => p.done === 3 && ac.abort() },
    );
    expect(out.cancelled).toBe(true);
    expect(out.files.map((f) => f.name)).toEqual(twelve.slice(0, 3).map((f) => f.name));
  });
});

describe('findings report', () => {
  const values = (ws: ExcelJS.Worksheet) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const out: unknown[] = [];
      for (let c = 1; c <= 7; c++) {
        const v = row.getCell(c).value;
        out.push(v === null || v === undefined ? null : v);
      }
      rows[r - 1] = out;
    });
    return rows;
  };

  it('opens in exceljs with a summary and one row per finding, cell by cell', async () => {
    const report = files.map((f) => ({ file: f.name, problem: f.problem?.kind === 'not-a-form' ? undefined : f.problem?.message, sheets: f.sheets }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(findingsReportXlsx(report, 'zh')) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题清单']);
    const summary = values(wb.getWorksheet('汇总')!);
    const findings = values(wb.getWorksheet('问题清单')!);

    expect(summary[0]).toEqual(['文件', '工作表', '附件1', '错误', '警告', '提示', '说明']);
    expect(summary[1]).toEqual(['01-clean.xlsx', '附件10', '是', 0, 0, 1, null]);
    expect(summary[2]).toEqual(['02-wrong-rate.xlsx', '附件10', '是', 1, 0, 1, null]);
    const f2 = byName('form2.xlsx').counts;
    expect(summary[4]).toEqual(['form2.xlsx', '城乡居民养老', '是', f2.error, f2.warning, f2.info, null]);
    expect(summary[7]).toEqual(['07-two-forms.xlsx', '甲0', '是', 0, 0, 1, null]);
    expect(summary[8]).toEqual(['07-two-forms.xlsx', '乙1', '是', 1, 0, 1, null]);
    expect(summary[9]).toEqual(['08-not-a-form.xlsx', '名单0', '否', 0, 1, 0, byName('08-not-a-form.xlsx').sheets[0].reason!.zh]);
    expect(summary[10]).toEqual(['09-broken.xlsx', null, '无法读取', null, null, null, byName('09-broken.xlsx').problem!.message.zh]);
    expect(summary[11][6]).toBe('已加密的工作簿，请先取消密码再校验');
    expect(summary[12][6]).toBe('旧版 .xls 文件，请在 Excel 中另存为 .xlsx');
    const all = files.flatMap((f) => f.sheets.flatMap((s) => s.findings));
    const total = { error: 0, warning: 0, info: 0 };
    for (const x of all) total[x.severity]++;
    expect(summary[14]).toEqual(['合计', null, null, total.error, total.warning, total.info, '12 个文件，8 张附件1']);
    expect(summary).toHaveLength(15);

    expect(findings[0]).toEqual(['文件', '工作表', '单元格', '规则', '级别', '说明', '算式']);
    expect(findings).toHaveLength(all.length + 1);
    // every finding, in file and sheet order, exactly as the engine gave it
    let i = 1;
    for (const f of files) {
      for (const s of f.sheets) {
        for (const x of s.findings) {
          expect(findings[i++]).toEqual([f.name, s.sheet, x.cell, x.rule, { error: '错误', warning: '警告', info: '提示' }[x.severity], x.message.zh, x.arithmetic?.zh ?? null]);
        }
      }
    }
    expect(findings[2]).toEqual(['02-wrong-rate.xlsx', '附件10', 'H8', 'budget/rate-mismatch', '错误', expect.stringContaining('90%'), expect.stringContaining('780 ÷ 1000')]);
  });

  it('keeps text that looks like a formula as text, drops characters XML cannot hold, and speaks English on request', async () => {
    const finding = { rule: 'x/y', severity: 'warning' as const, sheet: 'S', cell: 'B2', section: 'form' as const, message: { zh: '=1+1', en: '=HYPERLINK("http://x")\u0007' } };
    const bytes = findingsReportXlsx([{ file: '@evil.xlsx', sheets: [{ sheet: 'S', recognized: true, findings: [finding] }] }], 'en');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Findings']);
    const row = wb.getWorksheet('Findings')!.getRow(2);
    expect([1, 2, 3, 4, 5, 6].map((c) => row.getCell(c).value)).toEqual(['@evil.xlsx', 'S', 'B2', 'x/y', 'Warning', '=HYPERLINK("http://x")']);
    expect(row.getCell(6).type).toBe(ExcelJS.ValueType.String);
    expect(reportRows([], 'en').summary).toEqual([['File', 'Sheet', '附件1', 'Errors', 'Warnings', 'Info', 'Note'], ['Total', null, null, 0, 0, 0, '0 files, 0 forms']]);
  });
});
