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

describe('jixiao validate output forms and start-up', () => {
  it('--jsonl prints one object per file per line, the same objects --json prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', 'form1.xlsx'), join(dir, 'a.xlsx'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', 'form2.xlsx'), join(dir, 'b.xlsx'));
    writeFileSync(join(dir, 'c.xlsx'), 'not a workbook');
    const json = jixiao('validate', dir, '--json');
    const jsonl = jixiao('validate', dir, '--jsonl');
    expect(jsonl.code).toBe(2);
    expect(json.code).toBe(2);
    const lines = jsonl.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l))).toEqual(JSON.parse(json.out).files);
    expect(JSON.parse(lines[2])).toMatchObject({ file: join(dir, 'c.xlsx'), sheets: [] });
    expect(jixiao('validate', dir, '--json', '--jsonl').code).toBe(2);
  });

  it('run as the installed command does (bin/jixiao.js by its #! line, with the node flags there), it prints what `node bin/jixiao.js` prints', () => {
    const bin = join(ROOT, 'bin', 'jixiao.js');
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toMatch(/^#!\/usr\/bin\/env -S node --max-semi-space-size=\d+ --expose-gc$/);
    const form = join(ROOT, 'test', 'fixtures', 'xlsx', 'form1.xlsx');
    const direct = spawnSync(bin, ['validate', form, '--json'], { encoding: 'utf8', cwd: ROOT });
    expect(direct.stderr).toBe('');
    expect(direct.status).toBe(1);
    expect(direct.stdout).toBe(jixiao('validate', form, '--json').out);
  });

  it('--json with no readable file is still a JSON document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    writeFileSync(join(dir, 'x.xlsx'), 'not a workbook');
    const r = jixiao('validate', dir, '--json');
    expect(JSON.parse(r.out)).toEqual({ files: [{ file: join(dir, 'x.xlsx'), error: expect.stringContaining('x.xlsx'), sheets: [] }] });
  });

  it('validate loads neither the writer (exceljs) nor the server (fastify, SQLite, selfsigned); --write-marked loads exceljs', () => {
    const loaded = (...args: string[]) => {
      const script = `const { main } = require('./build/src/cli/main.js');
        const out = process.stdout.write.bind(process.stdout);
        process.stdout.write = () => true;
        main(${JSON.stringify(args)}).then(() => out(JSON.stringify(Object.keys(require.cache).map((k) => /node_modules\\/([^/]+)\\//.exec(k)?.[1]).filter((m) => m && /^(exceljs|fastify|better-sqlite3|selfsigned|tsx)$/.test(m)).filter((m, i, a) => a.indexOf(m) === i))));`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: ROOT });
      return JSON.parse(r.stdout) as string[];
    };
    expect(loaded('validate', SAMPLE, '--json')).toEqual([]);
    expect(loaded('validate', SAMPLE, '--write-marked', mkdtempSync(join(tmpdir(), 'jixiao-')))).toEqual(['exceljs']);
  });
});

describe('jixiao validate streams its output', () => {
  it('--json and the table write each file as soon as it is read, not all at the end', async () => {
    const { runValidate } = await import('../src/cli/validate');
    const { Writable } = await import('node:stream');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    for (const n of [1, 2, 3]) copyFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', `form${n}.xlsx`), join(dir, `${n}.xlsx`));
    for (const opts of [{ json: true }, {}]) {
      const chunks: string[] = [];
      const out = new Writable({ write(c: Buffer, _e, cb) { chunks.push(String(c)); cb(); } });
      const err = new Writable({ write(_c, _e, cb) { cb(); } });
      await runValidate([dir], opts, out, err);
      // one write per file, each holding that file alone, then the closing write
      expect(chunks).toHaveLength(4);
      chunks.slice(0, 3).forEach((c, i) => {
        expect(c).toContain(join(dir, `${i + 1}.xlsx`));
        expect(c).not.toContain(join(dir, `${i + 2}.xlsx`));
      });
    }
  });

  it('waits for a slow reader (a pipe) instead of queueing every file\'s output in memory', async () => {
    const { runValidate } = await import('../src/cli/validate');
    const { Writable } = await import('node:stream');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    for (const n of [1, 2, 3, 4]) copyFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', `form${n}.xlsx`), join(dir, `${n}.xlsx`));
    for (const opts of [{ json: true }, { jsonl: true }, {}]) {
      // a reader that takes a while for each chunk; what waits behind the chunk being taken is queued in memory
      let queuedBehind = 0;
      let files = 0;
      const out = new Writable({
        highWaterMark: 1024,
        write(c: Buffer, _e, cb) {
          queuedBehind = Math.max(queuedBehind, this.writableLength - c.length);
          if (String(c).includes(dir)) files++;
          setTimeout(cb, 20);
        },
      });
      const err = new Writable({ write(_c, _e, cb) { cb(); } });
      await runValidate([dir], opts, out, err);
      await new Promise<void>((resolve) => out.end(resolve));
      expect(files).toBe(4);
      expect(queuedBehind).toBe(0);
    }
  });
});
