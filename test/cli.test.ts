/** The `jixiao validate` command as a user runs it. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { NOTE_PREFIX } from '../src/core';
import { addSeedSheet, readSeed } from '../src/node/seed';

const ROOT = join(__dirname, '..');
const SAMPLE = join(ROOT, 'samples', '塔什库尔干县-绩效监控-2020年9月.xlsx');

function jixiao(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'jixiao.js'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('jixiao validate', () => {
  it('prints a table per sheet with the seed findings, a summary, and exits 1 on errors', () => {
    const r = jixiao('validate', SAMPLE);
    expect(r.code).toBe(1);
    expect(r.out).toContain('城乡居民养老');
    expect(r.out).toMatch(/H8 .*错误.*field\/missing/);
    expect(r.out).toContain('预算执行率为空，按计算应为 79.9%');
    expect(r.out).toContain('433 ÷ 542 = 79.9%');
    expect(r.out).toContain('不是附件1');
    expect(r.out).toMatch(/合计：1 个文件，5 个工作表（4 张附件1）/);
  });

  it('--json prints the documented shape; amounts in the sheet unit, rates as fractions', () => {
    const r = jixiao('validate', SAMPLE, '--json');
    const j = JSON.parse(r.out);
    expect(j.files).toHaveLength(1);
    expect(j.files[0].file).toBe(SAMPLE);
    const [f1, f2, , , annex] = j.files[0].sheets;
    expect(f1).toMatchObject({ sheet: '机关事业单位养老', recognized: true, form: { budget: 14158, available: 10934, executed: 10934, executionRate: 0.7723, timeProgress: 0.75 } });
    // issue 11: the period used for 时间进度 and the text it came from
    expect(f1.form.timeProgressBasis).toEqual({
      monitorPoint: { text: '2020年9月', used: '2020年9月' },
      period: { text: '2020.01.01-2020.12.31', start: '2020年1月1日', end: '2020年12月31日', assumed: false },
    });
    expect(f2.findings[0]).toEqual(expect.objectContaining({ rule: 'field/missing', severity: 'error', cell: 'H8', message: '预算执行率为空，按计算应为 79.9%。', expected: 0.7989, actual: null }));
    expect(annex).toMatchObject({ sheet: '附件2', recognized: false, findings: [{ rule: 'form/not-recognized' }] });
    expect(typeof annex.reason).toBe('string');
  });

  it('a sheet with two forms: --json lists both forms and tags each finding with its form (issue 11)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const wb = new ExcelJS.Workbook();
    addSeedSheet(wb, '两张表', `${readSeed('form2.tsv').replace(/\n+$/, '')}\n\n${readSeed('form3.tsv')}`);
    const file = join(dir, '两张表.xlsx');
    await wb.xlsx.writeFile(file);
    const j = JSON.parse(jixiao('validate', file, '--json').out);
    const sheet = j.files[0].sheets[0];
    expect(sheet.forms.map((f: { budget: number }) => f.budget)).toEqual([542, 3488]);
    expect(sheet.findings.find((f: { rule: string }) => f.rule === 'budget/behind-schedule')).toMatchObject({ cell: 'H40', form: 1, formLabel: '塔什库尔干县职工基本医疗保险(含生育保险)基金支出' });
    const human = jixiao('validate', file).out;
    expect(human).toContain('第 2 张附件1：塔什库尔干县职工基本医疗保险(含生育保险)基金支出');
    expect(human).toContain('（2 张附件1）');
  });

  it('--lang en prints English', () => {
    const r = jixiao('validate', SAMPLE, '--lang', 'en', '--json');
    const j = JSON.parse(r.out);
    expect(j.files[0].sheets[1].findings[0].message).toBe('The budget execution rate (预算执行率) is empty; by the numbers it is 79.9%.');
  });

  it('an unreadable file exits 2 with a message naming it; so does a missing path and bad usage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const bad = join(dir, '坏文件.xlsx');
    writeFileSync(bad, 'this is not a workbook');
    const r = jixiao('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(bad);
    const missing = jixiao('validate', join(dir, 'nope.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.xlsx');
    expect(jixiao('validate').code).toBe(2);
    expect(jixiao('validate', SAMPLE, '--bogus').code).toBe(2);
    expect(jixiao('validate', SAMPLE, '--lang', 'fr').code).toBe(2);
  });

  it('validates every workbook in a folder, and exits 0 when there is no error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', 'form1.xlsx'), join(dir, 'a.xlsx'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', 'form2.xlsx'), join(dir, 'b.xlsx'));
    const r = jixiao('validate', dir, '--json');
    const j = JSON.parse(r.out);
    expect(j.files.map((f: { file: string }) => f.file)).toEqual([join(dir, 'a.xlsx'), join(dir, 'b.xlsx')]);
    // form 1 alone has errors (malformed targets) → 1
    expect(r.code).toBe(1);
  });

  it('--write-marked writes a marked copy (fill by severity + note) and leaves the input untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const input = join(dir, 'in.xlsx');
    copyFileSync(SAMPLE, input);
    const before = sha(input);
    const out = join(dir, 'marked');
    const r = jixiao('validate', input, '--write-marked', out);
    expect(r.code).toBe(1);
    expect(sha(input)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'in.xlsx'));
    const h8 = wb.getWorksheet('城乡居民养老')!.getCell('H8');
    expect((h8.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(typeof h8.note === 'string' ? h8.note : h8.note?.texts?.map((t) => t.text).join(''))).toContain(NOTE_PREFIX);
    // a cell with no finding keeps no fill
    const c8 = wb.getWorksheet('城乡居民养老')!.getCell('C8').fill as ExcelJS.FillPattern | undefined;
    expect(c8?.pattern ?? 'none').toBe('none');
  });
});
