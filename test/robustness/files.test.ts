/**
 * Nothing lost, nothing forged (issue 9, the CLI's half): what the CLI does with a user's files.
 * Each block is one promise of docs/SECURITY.md § 命令行与你的文件 / The CLI and your files:
 *   1. `review --out` never writes over an input (same path, a symlinked folder, a hard link);
 *   2. `--write-marked` never writes over an input, never writes two copies on one name, and every
 *      file is written through a temporary file renamed into place;
 *   3. walking a folder ends on symlink loops, reads each file once, and does not leave the folders
 *      given unless `--follow-links`;
 *   4./5. broken and foreign files (missing parts, encrypted, legacy .xls) exit 2 with the reason,
 *      and `review` writes no empty 附件2 (the exact messages are in catalogue.test.ts);
 *   6. cell text reaches the terminal with control characters and bidi overrides escaped;
 *  14. text cells in every .xlsx the tool writes are marked as text.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { runReview, type ReviewOptions } from '../../src/cli/review';
import { runValidate, type ValidateOptions } from '../../src/cli/validate';
import { validateGrid } from '../../src/core';
import { addSeedSheet } from '../../src/node/seed';
import { readWorkbookFile } from '../../src/node/xlsx';
import { annex2Xlsx } from '../../src/review/annex2-xlsx';
import { buildReviewRow } from '../../src/review/build';
import { CONSISTENT } from '../helpers/forms';

const ROOT = join(__dirname, '..', '..');
const FORM1 = join(ROOT, 'test', 'fixtures', 'xlsx', 'form1.xlsx');
const FORM2 = join(ROOT, 'test', 'fixtures', 'xlsx', 'form2.xlsx');

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** a fresh folder for one test */
const fresh = (name: string) => {
  const d = join(dir, `${++n}-${name}`);
  mkdirSync(d, { recursive: true });
  return d;
};

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

function sink() {
  const chunks: string[] = [];
  return { stream: { write: (s: string) => (chunks.push(s), true), isTTY: false } as unknown as NodeJS.WritableStream & { isTTY?: boolean }, text: () => chunks.join('') };
}

async function review(paths: string[], opts: ReviewOptions) {
  const out = sink();
  const err = sink();
  const code = await runReview(paths, opts, { out: out.stream, err: err.stream });
  return { code, out: out.text(), err: err.text() };
}

async function validate(paths: string[], opts: ValidateOptions = {}) {
  const out = sink();
  const err = sink();
  const code = await runValidate(paths, opts, out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}

function jixiao(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'jixiao.js'), ...args], { encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** CONSISTENT as an .xlsx, with cells changed by `edit`. */
async function formBytes(edit: (ws: ExcelJS.Worksheet) => void = () => undefined): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = addSeedSheet(wb, '测试', CONSISTENT.map((r) => r.join('\t')).join('\n'));
  edit(ws);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Rewrite parts of an .xlsx: `parts` maps a part name to its new text, or null to remove it. */
function withParts(bytes: Uint8Array, parts: Record<string, ((xml: string) => string) | null>): Uint8Array {
  const z = unzipSync(bytes);
  for (const [name, change] of Object.entries(parts)) {
    if (!(name in z)) throw new Error(`no part ${name}`);
    if (change === null) delete z[name];
    else z[name] = strToU8(change(strFromU8(z[name])));
  }
  return zipSync(z);
}

async function cellOf(file: string, sheet: string, address: string): Promise<ExcelJS.Cell> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.getWorksheet(sheet)!.getCell(address);
}

describe('1. review --out never writes over an input', () => {
  it('`review a.xlsx --out a.xlsx` exits 2 naming both, reads nothing, and the form is unchanged', async () => {
    const d = fresh('same');
    const a = join(d, 'a.xlsx');
    copyFileSync(FORM1, a);
    const before = sha(a);
    const r = await review([a], { out: a });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`输出文件 ${a} 就是输入文件 ${a}`);
    expect(r.out).toBe('');
    expect(sha(a)).toBe(before);
  });

  it('through a symlinked folder, and through a hard link: exit 2, the form unchanged', async () => {
    const d = fresh('linked');
    const a = join(d, 'a.xlsx');
    copyFileSync(FORM1, a);
    const before = sha(a);
    const link = join(dir, `${n}-link`);
    symlinkSync(d, link);
    const viaLink = await review([a], { out: join(link, 'a.xlsx') });
    expect(viaLink.code).toBe(2);
    expect(viaLink.err).toContain(`输出文件 ${join(link, 'a.xlsx')} 就是输入文件 ${a}`);
    const hard = join(d, 'same-file.xlsx');
    linkSync(a, hard);
    const viaHardLink = await review([d], { out: hard });
    expect(viaHardLink.code).toBe(2);
    expect(viaHardLink.err).toContain(`输出文件 ${hard} 就是输入文件`);
    expect(sha(a)).toBe(before);
  });

  it('a folder whose files include the output: exit 2 before anything is written', async () => {
    const d = fresh('inside');
    copyFileSync(FORM1, join(d, 'form1.xlsx'));
    copyFileSync(FORM2, join(d, 'form2.xlsx'));
    const before = sha(join(d, 'form2.xlsx'));
    const r = await review([d], { out: join(d, 'form2.xlsx') });
    expect(r.code).toBe(2);
    expect(sha(join(d, 'form2.xlsx'))).toBe(before);
  });
});

describe('2. --write-marked never writes over an input; every write goes through a renamed temporary file', () => {
  it('`validate ./a.xlsx --write-marked .` exits 2 and leaves the form as it was', () => {
    const d = fresh('dot');
    copyFileSync(FORM1, join(d, 'a.xlsx'));
    const before = sha(join(d, 'a.xlsx'));
    const r = jixiao(d, 'validate', './a.xlsx', '--write-marked', '.');
    expect(r.code).toBe(2);
    expect(r.err).toContain('标记副本 a.xlsx 会覆盖输入文件 ./a.xlsx');
    expect(sha(join(d, 'a.xlsx'))).toBe(before);
  });

  it('the absolute folder, or a symlink to it: exit 2, the form unchanged', async () => {
    const d = fresh('abs');
    const a = join(d, 'a.xlsx');
    copyFileSync(FORM1, a);
    const before = sha(a);
    expect((await validate([a], { writeMarked: d })).code).toBe(2);
    const link = join(dir, `${n}-link`);
    symlinkSync(d, link);
    const r = await validate([a], { writeMarked: link });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`会覆盖输入文件 ${a}`);
    expect(sha(a)).toBe(before);
  });

  it('d1/x.xlsx and d2/x.xlsx into one folder: exit 2 naming both, nothing written', async () => {
    const d = fresh('collide');
    mkdirSync(join(d, 'd1'));
    mkdirSync(join(d, 'd2'));
    copyFileSync(FORM1, join(d, 'd1', 'x.xlsx'));
    copyFileSync(FORM2, join(d, 'd2', 'x.xlsx'));
    const target = join(d, 'marked');
    const r = await validate([join(d, 'd1', 'x.xlsx'), join(d, 'd2', 'x.xlsx')], { writeMarked: target });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(d, 'd1', 'x.xlsx')} 与 ${join(d, 'd2', 'x.xlsx')} 同名`);
    expect(existsSync(join(target, 'x.xlsx'))).toBe(false);
    // names that differ only in case are one file on Windows, macOS and a mounted office share
    copyFileSync(FORM2, join(d, 'd2', 'X.xlsx'));
    const cased = await validate([join(d, 'd1', 'x.xlsx'), join(d, 'd2', 'X.xlsx')], { writeMarked: target });
    expect(cased.code).toBe(2);
    expect(cased.err).toContain(`${join(d, 'd1', 'x.xlsx')} 与 ${join(d, 'd2', 'X.xlsx')} 同名`);
  });

  it('an existing copy is replaced by rename, not rewritten in place: another hard link to it keeps the old bytes, no temporary file is left', async () => {
    const d = fresh('rename');
    const a = join(d, 'in', 'form1.xlsx');
    mkdirSync(join(d, 'in'));
    mkdirSync(join(d, 'marked'));
    copyFileSync(FORM1, a);
    // a previous copy that the user also keeps under another name (a hard link)
    const kept = join(d, 'kept.xlsx');
    writeFileSync(kept, 'the previous marked copy');
    linkSync(kept, join(d, 'marked', 'form1.xlsx'));
    expect((await validate([a], { writeMarked: join(d, 'marked') })).code).toBe(1);
    expect(readFileSync(kept, 'utf8')).toBe('the previous marked copy');
    expect(readFileSync(join(d, 'marked', 'form1.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(join(d, 'marked'))).toEqual(['form1.xlsx']);
  });

  it('review --out replaces an existing 附件2 by rename as well', async () => {
    const d = fresh('rename-out');
    const kept = join(d, 'kept.xlsx');
    writeFileSync(kept, 'last week’s 附件2');
    linkSync(kept, join(d, '附件2.xlsx'));
    expect((await review([FORM1], { out: join(d, '附件2.xlsx') })).code).toBe(0);
    expect(readFileSync(kept, 'utf8')).toBe('last week’s 附件2');
    expect(readdirSync(d).sort()).toEqual(['kept.xlsx', '附件2.xlsx']);
  });
});

describe('3. walking a folder', () => {
  it('ends on directory-symlink loops and reads each workbook once', async () => {
    const d = fresh('loop');
    mkdirSync(join(d, 'a', 'b'), { recursive: true });
    copyFileSync(FORM1, join(d, 'a', 'form1.xlsx'));
    symlinkSync(join(d, 'a'), join(d, 'a', 'b', 'up')); // b/up → a: a loop
    symlinkSync(d, join(d, 'a', 'b', 'root')); // and back to the root
    const r = await validate([d], { json: true });
    const files = (JSON.parse(r.out) as { files: { file: string }[] }).files.map((f) => f.file);
    expect(files).toEqual([join(d, 'a', 'form1.xlsx')]);
  });

  it('does not follow a link out of the folders given, says so, and follows it with --follow-links', async () => {
    const d = fresh('out');
    const elsewhere = fresh('elsewhere');
    copyFileSync(FORM1, join(d, 'form1.xlsx'));
    copyFileSync(FORM2, join(elsewhere, 'form2.xlsx'));
    symlinkSync(elsewhere, join(d, 'other'));
    const r = await validate([d], { json: true });
    expect((JSON.parse(r.out) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual([join(d, 'form1.xlsx')]);
    expect(r.err).toContain(`跳过指向所给文件夹以外的链接 ${join(d, 'other')} → ${elsewhere}`);
    const followed = await validate([d], { json: true, followLinks: true });
    expect((JSON.parse(followed.out) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual([join(d, 'form1.xlsx'), join(d, 'other', 'form2.xlsx')]);
  });
});

describe('4./5. broken and foreign files', () => {
  it('a package without xl/workbook.xml: validate exits 2 naming the part; review writes no 附件2', async () => {
    const d = fresh('no-workbook');
    const f = join(d, 'f.xlsx');
    writeFileSync(f, withParts(await formBytes(), { 'xl/workbook.xml': null }));
    const v = await validate([f]);
    expect(v.code).toBe(2);
    expect(v.err).toContain('缺少工作簿部件 xl/workbook.xml');
    const out = join(d, '附件2.xlsx');
    const r = await review([f], { out });
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a package without its sheet part: exit 2 naming the part; review writes no 附件2', async () => {
    const d = fresh('no-sheet');
    const f = join(d, 'f.xlsx');
    writeFileSync(f, withParts(await formBytes(), { 'xl/worksheets/sheet1.xml': null }));
    const v = await validate([f]);
    expect(v.code).toBe(2);
    expect(v.err).toContain('缺少工作表部件 xl/worksheets/sheet1.xml');
    const out = join(d, '附件2.xlsx');
    expect((await review([f], { out })).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a legacy .xls renamed to .xlsx (seed form 1 saved as Excel 97 by LibreOffice): exit 2 with what to do', async () => {
    const d = fresh('xls');
    const f = join(d, 'form1.xlsx');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'foreign', 'form1.xls'), f);
    const v = await validate([f]);
    expect(v.code).toBe(2);
    expect(v.err).toContain(`无法读取 ${f}：旧版 .xls 文件，请在 Excel 中另存为 .xlsx / cannot read ${f}: legacy .xls: save as .xlsx`);
  });
});

/** Control characters as Excel stores them in a cell (`_xHHHH_`), and raw bidi / C1 characters. */
const HOSTILE = '_x001B_]0;pwned_x0007__x001B_[2J_x001B_[31m\u202Egnp.exe\u009B31m';
const SHOWN = '\\x1B]0;pwned\\x07\\x1B[2J\\x1B[31m\\u202Egnp.exe\\x9B31m';
// eslint-disable-next-line no-control-regex -- the characters that must never reach the terminal raw
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('6. cell text reaches the terminal escaped', () => {
  let file: string;
  beforeAll(async () => {
    const d = fresh('escape');
    // 预算数 C8 holds the hostile text, so the finding quotes it
    file = join(d, 'f.xlsx');
    writeFileSync(file, withParts(await formBytes((ws) => (ws.getCell('C8').value = 'HOSTILE')), { 'xl/sharedStrings.xml': (x) => x.replace('HOSTILE', HOSTILE) }));
  });

  it('the table, in Chinese and in English', async () => {
    for (const lang of ['zh', 'en']) {
      const r = await validate([file], { lang });
      expect(r.out).not.toMatch(RAW);
      expect(r.out.replace(/\s*│\s*/g, '').replace(/\n/g, '')).toContain(SHOWN);
    }
  });

  it('--json: the value is intact, and no raw C1 or bidi character reaches the terminal', async () => {
    const r = await validate([file], { json: true });
    expect(r.out).not.toMatch(RAW);
    const j = JSON.parse(r.out) as { files: { sheets: { findings: { cell: string; message: string }[] }[] }[] };
    const c8 = j.files[0].sheets[0].findings.find((f) => f.cell === 'C8')!;
    expect(c8.message).toContain('\u001B]0;pwned\u0007');
  });

  it('a file name with control characters, on stderr and in the table', async () => {
    const d = fresh('name');
    const f = join(d, 'a\u001B[31m.xlsx');
    writeFileSync(f, 'not a workbook');
    const r = await validate([d]);
    expect(r.err).not.toMatch(RAW);
    expect(r.err).toContain('a\\x1B[31m.xlsx');
    copyFileSync(FORM1, f);
    const ok = await validate([d]);
    expect(ok.out).not.toMatch(RAW);
  });

  it('a usage error quoting an argument', () => {
    const r = jixiao(dir, 'validate', '--x\u001B[2J');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--x\\x1B[2J'");
    expect(r.err).not.toMatch(RAW);
  });

  it('review: the project name in stderr notices is escaped', async () => {
    const d = fresh('review-escape');
    const bytes = withParts(await formBytes((ws) => (ws.getCell('C6').value = 'HOSTILE')), { 'xl/sharedStrings.xml': (x) => x.replace('HOSTILE', HOSTILE) });
    writeFileSync(join(d, 'a.xlsx'), bytes);
    writeFileSync(join(d, 'b.xlsx'), bytes);
    const r = await review([d], { out: join(dir, `${n}-附件2.xlsx`) });
    expect(r.err).toContain('同一项目');
    expect(r.err).not.toMatch(RAW);
  });
});

describe('14. text cells in every written .xlsx are marked as text', () => {
  const FORMULA = '=HYPERLINK("http://example.invalid/","点击")';
  let form: string;
  beforeAll(async () => {
    const d = fresh('formula-text');
    form = join(d, 'form.xlsx');
    // 项目名称 C6 is text that looks like a formula (typed with a leading ' in Excel)
    writeFileSync(form, await formBytes((ws) => (ws.getCell('C6').value = FORMULA)));
  });

  it('review --out: the project name stays a string, with the Text format; so do the other text cells', async () => {
    const out = join(dir, `${++n}-附件2.xlsx`);
    expect((await review([form], { out })).code).toBe(0);
    const cell = await cellOf(out, '附件2', 'C7');
    expect(cell.value).toBe(FORMULA);
    expect(cell.numFmt).toBe('@');
    expect((await cellOf(out, '附件2', 'B7')).numFmt).toBe('@');
    expect((await cellOf(out, '附件2', 'A2')).numFmt).toBe('@');
    // numbers keep their number formats
    expect((await cellOf(out, '附件2', 'G7')).numFmt).toMatch(/%$/);
  });

  it('review --graph-table: the same inside the Excel table', async () => {
    const out = join(dir, `${++n}-graph.xlsx`);
    expect((await review([form], { out, graphTable: true })).code).toBe(0);
    const cell = await cellOf(out, '附件2', 'C6');
    expect(cell.value).toBe(FORMULA);
    expect(cell.numFmt).toBe('@');
  });

  it('the review server’s /api/annex2.xlsx (the same writer, bytes)', async () => {
    const { grids } = await readWorkbookFile(form);
    const bytes = await annex2Xlsx([buildReviewRow(validateGrid(grids[0]), { file: form })]);
    const served = new ExcelJS.Workbook();
    await served.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = served.getWorksheet('附件2')!.getCell('C7');
    expect(cell.value).toBe(FORMULA);
    expect(cell.numFmt).toBe('@');
  });

  it('--write-marked: a text cell that Excel would re-read as a formula keeps being text in the copy', async () => {
    const d = fresh('marked-text');
    expect((await validate([form], { writeMarked: d })).code).toBeLessThan(2);
    const cell = await cellOf(join(d, 'form.xlsx'), '测试', 'C6');
    expect(cell.value).toBe(FORMULA);
    expect(cell.numFmt).toBe('@');
    // a plain text cell keeps its General format
    expect((await cellOf(join(d, 'form.xlsx'), '测试', 'C5')).numFmt ?? 'General').toMatch(/^(General)?$/);
  });
});
