import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { addSeedSheet, readSeed, seedRows } from '../../src/node/seed';
import { sheetToGrid } from '../../src/node/xlsx';
import { runReview, serverOutcome } from '../../src/cli/review';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const SEED_ALL = join(ROOT, 'test', 'fixtures', 'xlsx', 'seed-all.xlsx');
const FORMS = [1, 2, 3, 4].map((n) => join(ROOT, 'test', 'fixtures', 'xlsx', `form${n}.xlsx`));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-review-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sink() {
  const chunks: string[] = [];
  return { stream: { write: (s: string) => (chunks.push(s), true), isTTY: false } as unknown as NodeJS.WritableStream & { isTTY?: boolean }, text: () => chunks.join('') };
}

async function sheetText(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('附件2')!;
  return { ws, text: sheetToGrid(ws).text! };
}

describe('jixiao review', () => {
  it('reproduces the seed 附件2 from seed-all.xlsx, cell by cell', async () => {
    const out = join(dir, '附件2.xlsx');
    const r = await run(process.execPath, [join(ROOT, 'bin', 'jixiao.js'), 'review', SEED_ALL, '--out', out, '--timely', '9'], { cwd: ROOT });
    expect(r.stdout).toContain('4 行');
    const { ws, text } = await sheetText(out);
    const seed = seedRows(readSeed('annex2.tsv'));
    expect(text.length).toBe(seed.length);
    // Documented differences from the seed: 序号 is filled 1..4 (the seed leaves it blank); the
    // project names are the 附件1's (the seed abbreviates two); 监控时点 is filled from the forms
    // (the seed shows the blank template "监控时点:        年    月").
    const differences: Record<string, [string, string]> = {
      A4: [seed[3][0], '监控时点: 2020年9月'],
      A7: ['', '1'],
      A8: ['', '2'],
      A9: ['', '3'],
      A10: ['', '4'],
      C9: ['塔什库尔干县职工基本医疗保险(含生育)', '塔什库尔干县职工基本医疗保险(含生育保险)基金支出'],
      C10: ['塔什库尔干县城乡居民基本医疗保险基金', '塔什库尔干县城乡居民基本医疗保险基金支出'],
    };
    let compared = 0;
    seed.forEach((fields, r) => {
      for (let c = 0; c < 13; c++) {
        const addr = `${String.fromCharCode(65 + c)}${r + 1}`;
        const ours = text[r]?.[c] ?? '';
        const theirs = fields[c] ?? '';
        if (differences[addr]) {
          expect([addr, theirs, ours]).toEqual([addr, ...differences[addr]]);
        } else {
          expect([addr, ours]).toEqual([addr, theirs]);
        }
        compared++;
      }
    });
    expect(compared).toBe(12 * 13);
    // the seed's layout: title across the table, the two-row header with its merged groups
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    expect(merges).toEqual(expect.arrayContaining(['A2:M2', 'A5:A6', 'B5:B6', 'C5:C6', 'D5:F5', 'G5:G6', 'H5:H6', 'I5:L5', 'M5:M6']));
    expect(ws.getCell('G7').numFmt).toBe('0%');
    expect(ws.getCell('D7').value).toBe(14158);
  });

  it('orders rows by file then sheet, numbers them consecutively and fills 业务处室', async () => {
    const out = join(dir, 'batch.xlsx');
    const o = sink();
    const e = sink();
    const code = await runReview([FORMS[3], FORMS[0], FORMS[1]], { out, timely: '9', office: '社会保障科' }, { out: o.stream, err: e.stream });
    expect(code).toBe(0);
    const { text } = await sheetText(out);
    expect(text[2][0]).toBe('业务处室: 社会保障科');
    expect(text.slice(6, 9).map((r) => [r[0], r[2], r[12]])).toEqual([
      ['1', '塔什库尔干县城乡居民基本医疗保险基金支出', '94'],
      ['2', '塔什库尔干县机关事业单位养老保险(改革)基金支出', '99'],
      ['3', '塔什库尔干县城乡居民养老保险基金支出', '94'],
    ]);
    expect(text[9][0]).toBe('处室领导:');
    expect(text[10][0]).toBe('经办人:');
  });

  it('a sheet with two forms gives two rows, each with its own numbers (issue 11)', async () => {
    // seed forms 4 and 1 stacked on one sheet, as a county might send them
    const wb = new ExcelJS.Workbook();
    addSeedSheet(wb, '两张表', `${readSeed('form4.tsv').replace(/\n+$/, '')}\n\n${readSeed('form1.tsv')}`);
    const both = join(dir, '两张表.xlsx');
    await wb.xlsx.writeFile(both);
    const out = join(dir, 'two-forms.xlsx');
    const code = await runReview([both], { out, timely: '9' }, { out: sink().stream, err: sink().stream });
    expect(code).toBe(0);
    const { text } = await sheetText(out);
    // the same rows as the two forms in separate files give
    expect(text.slice(6, 8).map((r) => [r[0], r[2], r[12]])).toEqual([
      ['1', '塔什库尔干县城乡居民基本医疗保险基金支出', '94'],
      ['2', '塔什库尔干县机关事业单位养老保险(改革)基金支出', '99'],
    ]);
  });

  it('keeps one row per key: the same project twice gives one row, the later one', async () => {
    const copy = join(dir, 'z-form1-again.xlsx');
    copyFileSync(FORMS[0], copy);
    const out = join(dir, 'dedup.xlsx');
    const e = sink();
    const code = await runReview([FORMS[0], FORMS[1], copy], { out }, { out: sink().stream, err: e.stream });
    expect(code).toBe(0);
    expect(e.text()).toContain('同一项目');
    const { text } = await sheetText(out);
    expect(text.slice(6, 8).map((r) => r[0])).toEqual(['1', '2']);
    expect(text[8][0]).toBe('处室领导:');
  });

  it('exits 2 naming an unreadable file, and still writes the rows of the others', async () => {
    const bad = join(dir, 'broken.xlsx');
    writeFileSync(bad, 'not a workbook');
    const out = join(dir, 'partial.xlsx');
    const e = sink();
    const code = await runReview([bad, FORMS[0]], { out }, { out: sink().stream, err: e.stream });
    expect(code).toBe(2);
    expect(e.text()).toContain(bad);
    const { text } = await sheetText(out);
    expect(text[6][2]).toBe('塔什库尔干县机关事业单位养老保险(改革)基金支出');
  });

  it('refuses bad usage with a message', async () => {
    const e = sink();
    expect(await runReview([FORMS[0]], {}, { out: sink().stream, err: e.stream })).toBe(2);
    expect(e.text()).toContain('--out');
    const e2 = sink();
    expect(await runReview([FORMS[0]], { out: join(dir, 'x.xlsx'), timely: '11' }, { out: sink().stream, err: e2.stream })).toBe(2);
    expect(e2.text()).toContain('--timely');
    const e3 = sink();
    expect(await runReview([FORMS[0]], { server: 'https://127.0.0.1:1' }, { out: sink().stream, err: e3.stream })).toBe(2);
    expect(e3.text()).toContain('--token');
    // the token is never sent in clear text to another machine: the same rule as the pane's
    const e4 = sink();
    const out4 = sink();
    expect(await runReview([FORMS[0]], { server: 'http://review.example.cn', token: 'a-token-of-the-office' }, { out: out4.stream, err: e4.stream })).toBe(2);
    expect(e4.text()).toContain('必须以 https:// 开头');
    expect(out4.text()).toBe('');
  });

  it('shows progress only on a terminal', async () => {
    const e = sink();
    (e.stream as { isTTY?: boolean }).isTTY = true;
    await runReview([FORMS[0], FORMS[1]], { out: join(dir, 'tty.xlsx') }, { out: sink().stream, err: e.stream });
    expect(e.text()).toContain('[2/2]');
    const quiet = sink();
    await runReview([FORMS[0], FORMS[1]], { out: join(dir, 'quiet.xlsx') }, { out: sink().stream, err: quiet.stream });
    expect(quiet.text()).toBe('');
  });

  it('writes a Graph-ready workbook: the rows in an Excel table named 附件2 with one header row', async () => {
    const out = join(dir, 'graph.xlsx');
    const code = await runReview([SEED_ALL], { out, timely: '9', graphTable: true }, { out: sink().stream, err: sink().stream });
    expect(code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('附件2')!;
    const table = ws.getTable('附件2') as unknown as { table: { ref: string; tableRef?: string; columns: { name: string }[] } };
    expect(table.table.columns.map((c) => c.name)).toEqual(['序号', '部门单位名称', '项目名称', '调整后预算总数', '到位资金总数', '执行资金总数', '预算执行率', '绩效目标总体完成率', '预算执行情况(30分)', '绩效目标完成情况(30分)', '目标偏离及应对情况(30分)', '按时报送(10分)', '总分']);
    const text = sheetToGrid(ws).text!;
    expect(text[1][0]).toBe('塔什库尔干县社保基金支出绩效监控审核表');
    expect(text.slice(5, 9).map((r) => [r[0], r[6], r[12]])).toEqual([['1', '77%', '99'], ['2', '80%', '94'], ['3', '37%', '94'], ['4', '27%', '94']]);
    // nothing below the table for Graph's adds to move: the footer is above it, beside 业务处室 / 监控时点
    expect(text.slice(9).flat().filter((v) => v !== '')).toEqual([]);
    expect([text[2][8], text[3][8]]).toEqual(['处室领导:', '经办人:']);
  });
});

describe('what review --server says it did', () => {
  const server = 'https://review.example:3000';

  it('says "updated" when every row was an update, not "appended 4 of 4"', () => {
    const text = serverOutcome(server, { appended: 0, updated: 4, failed: 0 });
    expect(text).toBe(`已更新 ${server} 上的 4 行 / 4 rows updated on ${server}`);
    expect(text).not.toMatch(/appended|追加/);
  });

  it('counts appended and updated rows apart, in correct English for one row', () => {
    expect(serverOutcome(server, { appended: 2, updated: 2, failed: 0 })).toBe(`已写入 ${server}：追加 2 行，更新 2 行 / written to ${server}: 2 rows appended, 2 updated`);
    expect(serverOutcome(server, { appended: 1, updated: 0, failed: 0 })).toBe(`已追加 1 行到 ${server} / 1 row appended to ${server}`);
  });

  it('names the rows that were not written', () => {
    expect(serverOutcome(server, { appended: 3, updated: 0, failed: 1 })).toBe(`已追加 3 行到 ${server} / 3 rows appended to ${server}; 1 行未能写入 / 1 row was not written`);
    expect(serverOutcome(server, { appended: 0, updated: 0, failed: 2 })).toBe(`未写入 ${server} 任何行 / no row written to ${server}; 2 行未能写入 / 2 rows were not written`);
  });
});
