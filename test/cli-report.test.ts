/** `jixiao validate … --report findings.xlsx`: the batch findings report from the command line, as the pane exports it. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const ROOT = join(__dirname, '..');
const FIX = join(ROOT, 'test', 'fixtures', 'xlsx');

function jixiao(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'jixiao.js'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row, r) => {
    rows[r - 1] = [1, 2, 3, 4, 5, 6, 7].map((c) => row.getCell(c).value ?? null);
  });
  return rows;
}

describe('jixiao validate --report', () => {
  it('writes the summary and one row per finding, the same findings as --json, and names an unreadable file', async () => {
    const d = mkdtempSync(join(tmpdir(), 'jixiao-report-'));
    const inputs = join(d, 'in');
    mkdirSync(inputs);
    copyFileSync(join(FIX, 'form1.xlsx'), join(inputs, 'a-form1.xlsx'));
    copyFileSync(join(FIX, 'form2.xlsx'), join(inputs, 'b-form2.xlsx'));
    writeFileSync(join(inputs, 'c-broken.xlsx'), 'PK\u0003\u0004 not really');
    const out = join(d, 'findings.xlsx');
    const r = jixiao('validate', inputs, '--report', out);
    expect(r.code).toBe(2); // an unreadable input
    expect(r.err).toContain(`问题清单已写到 ${out}`);
    // written by rename: no temporary file left beside it
    expect(readdirSync(d).sort()).toEqual(['findings.xlsx', 'in']);

    const json = JSON.parse(jixiao('validate', inputs, '--json').out) as {
      files: { file: string; error?: string; sheets: { sheet: string; findings: { cell: string; rule: string; severity: string; message: string; arithmetic?: string }[] }[] }[];
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题清单']);
    const summary = rowsOf(wb.getWorksheet('汇总')!);
    const findings = rowsOf(wb.getWorksheet('问题清单')!);
    const label: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
    const count = (fs: { severity: string }[], s: string) => fs.filter((f) => f.severity === s).length;

    const [a, b, c] = json.files;
    expect(summary).toEqual([
      ['文件', '工作表', '附件1', '错误', '警告', '提示', '说明'],
      [a.file, '机关事业单位养老', '是', count(a.sheets[0].findings, 'error'), count(a.sheets[0].findings, 'warning'), count(a.sheets[0].findings, 'info'), null],
      [b.file, '城乡居民养老', '是', count(b.sheets[0].findings, 'error'), count(b.sheets[0].findings, 'warning'), count(b.sheets[0].findings, 'info'), null],
      [c.file, null, '无法读取', null, null, null, c.error],
      ['合计', null, null, ...['error', 'warning', 'info'].map((s) => count([...a.sheets[0].findings, ...b.sheets[0].findings], s)), '3 个文件，2 张附件1'],
    ]);
    expect(c.error).toContain('c-broken.xlsx');
    const expected = [a, b].flatMap((f) => f.sheets.flatMap((s) => s.findings.map((x) => [f.file, s.sheet, x.cell, x.rule, label[x.severity], x.message, x.arithmetic ?? null])));
    expect(findings).toEqual([['文件', '工作表', '单元格', '规则', '级别', '说明', '算式'], ...expected]);
    expect(expected.length).toBeGreaterThan(40);
    expect(findings).toContainEqual([b.file, '城乡居民养老', 'H8', 'field/missing', '错误', '预算执行率为空，按计算应为 79.9%。', '433 ÷ 542 = 79.9%']);
  });

  it('refuses to write the report over an input, and reads nothing', () => {
    const d = mkdtempSync(join(tmpdir(), 'jixiao-report-'));
    const a = join(d, 'a.xlsx');
    copyFileSync(join(FIX, 'form1.xlsx'), a);
    const r = jixiao('validate', a, '--report', a);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--report:');
    expect(r.err).toContain(a);
    expect(existsSync(a)).toBe(true);
    expect(r.out).toBe('');
  });

  it.each([['a.xlsx'], ['A.XLSX']])('refuses a report that a marked copy would land on (%s), naming both, and writes nothing', (name) => {
    const d = mkdtempSync(join(tmpdir(), 'jixiao-report-'));
    const a = join(d, 'a.xlsx');
    copyFileSync(join(FIX, 'form1.xlsx'), a);
    const marked = join(d, 'marked');
    mkdirSync(marked);
    const report = join(marked, name);
    const r = jixiao('validate', a, '--write-marked', marked, '--report', report);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${a} 的标记副本 ${join(marked, 'a.xlsx')} 会与问题清单 --report ${report} 写到同一个文件`);
    expect(r.err).toContain('would be the same file');
    expect(r.out).toBe('');
    expect(readdirSync(marked)).toEqual([]);
  });
});
