/**
 * 审核一批 end to end in Debian Chromium: the demo host (the real built pane in its iframe over the
 * in-memory Excel, and its review server), twelve workbooks dropped on the batch view — clean,
 * wrong, the four seed forms, two forms in one workbook, not a form, a broken zip, an encrypted
 * workbook, a legacy .xls and a web page — every count and proposed row checked against the engine,
 * rows appended to this workbook's 附件2 and to the review server (then again: updates), the
 * findings exported and opened with exceljs, and a working cancel.
 */
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, type DemoProcess, startDemoProcess, stopDemoProcess } from '../helpers/demo-process';
import ExcelJS from 'exceljs';
import type { DemoBridge } from '../../src/demo/office-sim';
import { reviewWorkbook, type BatchFile } from '../../src/review/batch';
import { keyString } from '../../src/review/build';
import { reportRows } from '../../src/review/findings-report';
import type { ReviewRow } from '../../src/review/types';
import { seedSizedBatch, twelveWorkbooks, type NamedBytes } from '../helpers/batch-files';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');

jest.setTimeout(300_000);

let demo: DemoProcess & { token: string };
let ctx: BrowserContext;
let page: Page;
let pane: Frame;
let profile: string;
let dataDir: string;
let twelve: NamedBytes[];
let expected: BatchFile[];

/** Drop files on the batch view's drop zone as the browser does: a DataTransfer of File objects. */
async function drop(files: NamedBytes[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') }));
  const zone = pane.getByTestId('batch-drop');
  const dt = await pane.evaluateHandle((list) => {
    const d = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      d.items.add(new File([bytes], f.name));
    }
    return d;
  }, payload);
  await zone.dispatchEvent('dragover', { dataTransfer: dt });
  await zone.dispatchEvent('drop', { dataTransfer: dt });
}

/** The data rows of the 附件2 sheet in the page's workbook (a project and a number in 预算; the seed leaves 序号 blank): [序号, 部门, 项目, 预算, 到位, 执行, 执行率, 完成率, four scores, 总分]. */
function annex2Rows(): Promise<unknown[][]> {
  return page.evaluate(() => {
    const s = (window as unknown as { jixiaoDemo: DemoBridge }).jixiaoDemo.model.sheets.find((x) => x.name === '附件2')!;
    const rows = new Map<number, unknown[]>();
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(',').map(Number);
      if (col > 12) continue;
      if (!rows.has(r)) rows.set(r, new Array(13).fill(null));
      rows.get(r)![col] = c.value;
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v).filter((v) => typeof v[2] === 'string' && v[2] !== '' && typeof v[3] === 'number');
  });
}

const fileItem = (name: string) => pane.locator(`li[data-file="${name}"]`);

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  twelve = await twelveWorkbooks();
  expected = twelve.map((f) => reviewWorkbook(f.name, f.bytes));
  dataDir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-batch-data-'));
  profile = mkdtempSync(join(tmpdir(), 'jixiao-e2e-batch-chromium-'));
  const started = await startDemoProcess(dataDir);
  demo = { ...started, token: /令牌 \/ token: (\S+)/.exec(started.output.join('\n'))?.[1] ?? '' };
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    viewport: { width: 1440, height: 1000 },
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(demo.url);
  await page.waitForSelector('#pane');
  pane = (await (await page.$('#pane'))!.contentFrame())!;
  await pane.getByRole('tab', { name: '审核行' }).click({ timeout: 60_000 });
  await pane.getByRole('button', { name: '审核一批…' }).click();
  await pane.getByRole('button', { name: '选择文件…' }).waitFor();
});

afterAll(async () => {
  await ctx?.close();
  await stopDemoProcess(demo);
  for (const d of [profile, dataDir]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('审核一批 in the demo', () => {
  it('lists the twelve dropped workbooks: each failing file with its own message, every sheet with the engine’s counts and scores', async () => {
    await drop(twelve);
    await pane.getByText('已读取 12 个文件：8 张附件1，4 个文件无法读取').waitFor();
    const bar = pane.getByRole('progressbar');
    expect([await bar.getAttribute('aria-valuenow'), await bar.getAttribute('aria-valuemax'), await bar.getAttribute('aria-valuetext')]).toEqual(['12', '12', '12 / 12']);
    expect(await pane.getByText('已读取 12 / 12', { exact: true }).count()).toBe(1);

    const names = await pane.locator('li[data-file]').evaluateAll((els) => els.map((e) => e.getAttribute('data-file')));
    expect(names).toEqual(twelve.map((f) => f.name));
    expect(await fileItem('09-broken.xlsx').innerText()).toContain('文件已损坏（压缩包无法读取），可能没有下载或复制完整');
    expect(await fileItem('10-encrypted.xlsx').innerText()).toContain('已加密的工作簿，请先取消密码再校验');
    expect(await fileItem('11-legacy.xls').innerText()).toContain('旧版 .xls 文件，请在 Excel 中另存为 .xlsx');
    expect(await fileItem('12-web-page.xlsx').innerText()).toContain('这是网页或 XML 文本');
    const notForm = await fileItem('08-not-a-form.xlsx').innerText();
    expect(notForm).toContain('不是附件1：1 个工作表中没有可识别的绩效监控情况表');
    expect(notForm).toContain('工作表“名单0”：不是附件1');

    for (const f of expected) {
      const sheets = fileItem(f.name).locator('[data-sheet]');
      expect(await sheets.evaluateAll((els) => els.map((e) => e.getAttribute('data-sheet')))).toEqual(f.sheets.map((s) => s.sheet));
      for (const [i, s] of f.sheets.entries()) {
        const el = sheets.nth(i);
        expect(await el.locator('[data-counts]').innerText()).toBe(`${s.counts.error} 个错误 · ${s.counts.warning} 个警告 · ${s.counts.info} 个提示`);
        if (s.row) {
          const sc = s.row.scores;
          expect(await el.locator('[data-scores]').innerText()).toBe(
            `建议得分：预算执行 ${sc.budget.value} · 目标完成 ${sc.goal.value} · 偏差说明 ${sc.deviation.value} · 按时报送 ${sc.timely.value}；总分 ${s.row.total}`,
          );
        }
      }
    }
    // the list as the reviewer sees it (docs/screenshot-batch.png is this picture)
    await page.setViewportSize({ width: 1440, height: 1300 });
    await pane.getByRole('heading', { name: '审核一批' }).scrollIntoViewIfNeeded();
    await pane.evaluate(() => document.getElementById('batch-heading')?.scrollIntoView({ block: 'start' }));
    await page.locator('#pane').screenshot({ path: join(ARTIFACTS, 'batch-list.png') });
    await page.setViewportSize({ width: 1440, height: 1000 });
    // form 2's findings, read-only
    await fileItem('form2.xlsx').getByRole('button', { name: /查看问题（\d+）/ }).click();
    const list = await fileItem('form2.xlsx').innerText();
    expect(list).toContain('只读');
    expect(list).toContain('H8 · 错误 · 预算执行率为空，按计算应为 79.9%。（433 ÷ 542 = 79.9%）');
  });

  let selectedRows: ReviewRow[];

  it('appends the selected rows, with an edited score, to this workbook’s 附件2: new keys appended, known keys updated', async () => {
    // deselect the second form of 07-two-forms, and give 01-clean 8 points for 按时报送
    const two = fileItem('07-two-forms.xlsx');
    await two.getByRole('checkbox', { name: '追加此行：乙县医疗保险基金支出' }).uncheck();
    const clean = fileItem('01-clean.xlsx');
    await clean.getByRole('button', { name: '修改得分' }).click();
    await clean.getByRole('spinbutton', { name: /按时报送（满分 10）/ }).fill('8');
    const cleanRow = expected[0].sheets[0].row!;
    expect(await clean.locator('[data-scores]').innerText()).toContain(`总分 ${cleanRow.total + 8}`);

    selectedRows = expected.flatMap((f) => f.sheets.flatMap((s) => (s.row && s.row.project !== '乙县医疗保险基金支出' ? [s.row] : [])));
    selectedRows[0] = { ...cleanRow, scores: { ...cleanRow.scores, timely: { ...cleanRow.scores.timely, value: 8 } }, total: cleanRow.total + 8 };
    expect(selectedRows).toHaveLength(7);

    const before = await annex2Rows();
    const known = new Set(before.map((r) => keyString({ department: String(r[1]), project: String(r[2]), monitorPoint: '' })));
    const updates = selectedRows.filter((r) => known.has(keyString({ ...r.key, monitorPoint: '' }))).length;
    expect(updates).toBe(2); // the seed 附件2 holds forms 1 and 2 under the same names

    await pane.getByRole('button', { name: '追加所选 7 行' }).click();
    await pane.getByText(`已写入 7 行：追加 ${7 - updates} 行，更新 ${updates} 行`).waitFor();

    const after = await annex2Rows();
    expect(after).toHaveLength(before.length + 7 - updates);
    expect(after.map((r) => r[0])).toEqual(after.map((_, i) => i + 1)); // 序号 consecutive
    for (const r of selectedRows) {
      const found = after.filter((x) => x[2] === r.project);
      expect(found).toHaveLength(1);
      expect(found[0].slice(1, 6)).toEqual([r.department, r.project, r.budget, r.available, r.executed]);
      expect(found[0].slice(8, 13)).toEqual([r.scores.budget.value, r.scores.goal.value, r.scores.deviation.value, r.scores.timely.value, r.total]);
    }
    expect(after.some((x) => x[2] === '乙县医疗保险基金支出')).toBe(false);
    // the destination's sentence says the verb once
    const form2 = await fileItem('form2.xlsx').innerText();
    expect(form2).toMatch(/已更新本工作簿“附件2”工作表第 \d+ 行（序号 2）/);
    expect(form2).not.toMatch(/已更新\s*[：:]?\s*已更新/);
  });

  it('appends the same rows to the review server, then again as updates', async () => {
    await pane.getByRole('radio', { name: '审核服务器' }).check();
    await pane.getByRole('textbox', { name: /服务器地址/ }).fill(demo.url.replace(/\/$/, ''));
    const token = pane.locator('[data-testid="batch"] input[type="password"]');
    if (!(await token.inputValue())) await token.fill(demo.token);
    await pane.getByRole('button', { name: '追加所选 7 行' }).click();
    await pane.getByText('已追加 7 行。').waitFor();
    const rows = await page.evaluate(async (t) => {
      const r = await fetch('/api/review-rows', { headers: { Authorization: `Bearer ${t}` } });
      return ((await r.json()) as { rows: { project: string; department: string; budget: number; available: number; executed: number; total: number }[] }).rows;
    }, demo.token);
    expect(rows.map((r) => [r.department, r.project, r.budget, r.available, r.executed, r.total]).sort()).toEqual(
      selectedRows.map((r) => [r.department, r.project, r.budget, r.available, r.executed, r.total]).sort(),
    );
    await pane.getByRole('button', { name: '追加所选 7 行' }).click();
    await pane.getByText(/^已更新 7 行（/).waitFor();
  });

  it('exports the findings as an .xlsx that exceljs opens, cell by cell as the engine found them', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), pane.getByRole('button', { name: '导出问题清单（.xlsx）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^问题清单-\d{8}\.xlsx$/);
    const file = join(dataDir, 'report.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const want = reportRows(
      expected.map((f) => ({ file: f.name, ...(f.problem && f.problem.kind !== 'not-a-form' ? { problem: f.problem.message } : {}), sheets: f.sheets })),
      'zh',
    );
    const got = (name: string) => {
      const rows: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row, r) => (rows[r - 1] = [1, 2, 3, 4, 5, 6, 7].map((c) => row.getCell(c).value ?? null)));
      return rows;
    };
    expect(got('汇总')).toEqual(want.summary);
    expect(got('问题清单')).toEqual(want.findings);
    expect(want.findings.length).toBeGreaterThan(100);
  });

  it('writes the findings into this workbook as two new sheets (the Excel for Mac path), cell by cell as the .xlsx report', async () => {
    await pane.getByRole('button', { name: '写入本工作簿（新工作表）' }).click();
    const want = reportRows(
      expected.map((f) => ({ file: f.name, ...(f.problem && f.problem.kind !== 'not-a-form' ? { problem: f.problem.message } : {}), sheets: f.sheets })),
      'zh',
    );
    await pane.getByText(`已在本工作簿新建工作表 “汇总”、“问题清单”（${want.findings.length - 1} 个问题）。`).waitFor();
    const sheet = (name: string) =>
      page.evaluate((n) => {
        const s = (window as unknown as { jixiaoDemo: DemoBridge }).jixiaoDemo.model.sheets.find((x) => x.name === n)!;
        const rows: unknown[][] = [];
        for (const [k, c] of s.cells) {
          const [r, col] = k.split(',').map(Number);
          if (c.value === null || c.value === '') continue;
          while (rows.length <= r) rows.push([null, null, null, null, null, null, null]);
          rows[r][col] = c.value;
        }
        return { rows, active: (window as unknown as { jixiaoDemo: DemoBridge }).jixiaoDemo.model.active };
      }, name);
    const summary = await sheet('汇总');
    expect(summary.active).toBe('汇总');
    expect(summary.rows).toEqual(want.summary);
    expect((await sheet('问题清单')).rows).toEqual(want.findings);
  });

  it('cancel stops the reading between files and says how far it got; closing the view drops the list', async () => {
    await drop(seedSizedBatch(50));
    await pane.getByText(/^正在读取 [1-9]\d* \/ 50$/).waitFor();
    await pane.getByRole('button', { name: '取消' }).click();
    const status = pane.getByText(/^已取消：已读取 \d+ \/ 50 个文件，其余未读取。$/);
    await status.waitFor();
    const k = Number(/已读取 (\d+) \//.exec(await status.innerText())![1]);
    expect(k).toBeLessThan(50);
    expect(await pane.locator('li[data-file]').count()).toBe(k);
    await pane.getByRole('button', { name: '关闭批量审核' }).click();
    await pane.getByRole('button', { name: '审核一批…' }).click();
    await pane.getByRole('button', { name: '选择文件…' }).waitFor();
    expect(await pane.locator('li[data-file]').count()).toBe(0);
  });
});
