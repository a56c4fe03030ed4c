/**
 * End to end in Debian Chromium (playwright-core, /usr/bin/chromium): the demo host on the bundled
 * sample, the real built task pane in its iframe, the in-memory Excel underneath. No network.
 * Screenshots go to test-artifacts/ (gitignored).
 */
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, type DemoProcess, startDemoProcess, stopDemoProcess } from '../helpers/demo-process';
import { MARK_COLORS } from '../../src/core';
import type { DemoBridge } from '../../src/demo/office-sim';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const FORM2 = '城乡居民养老';

jest.setTimeout(300_000);

interface CellLook {
  value: unknown;
  format?: string;
  fill?: string;
  note?: string;
  comment?: string;
  style?: Record<string, unknown>;
}

let demo: DemoProcess;
let ctx: BrowserContext;
let page: Page;
let pane: Frame;
let profile: string;
let dataDir: string;

/** Every cell of a sheet in the page's workbook (the model the pane writes through the simulated API). */
function sheetCells(sheet: string): Promise<Record<string, CellLook>> {
  return page.evaluate((name) => {
    const s = (window as unknown as { jixiaoDemo: DemoBridge }).jixiaoDemo.model.sheets.find((x) => x.name === name)!;
    return Object.fromEntries([...s.cells].map(([k, c]) => [k, JSON.parse(JSON.stringify(c)) as CellLook]));
  }, sheet);
}

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** The rendered grid cell's background colour and note marker. */
function gridCell(a1: string) {
  return page.$eval(`#grid td[data-cell="${a1}"]`, (td) => ({
    text: td.textContent ?? '',
    background: getComputedStyle(td).backgroundColor,
    title: (td as HTMLElement).title,
    hasNote: td.classList.contains('has-note'),
  }));
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-data-'));
  profile = mkdtempSync(join(tmpdir(), 'jixiao-e2e-chromium-'));
  demo = await startDemoProcess(dataDir);
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ignoreHTTPSErrors: true, // the review server's self-signed certificate
    viewport: { width: 1440, height: 900 },
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(demo.url);
  await page.waitForSelector('#pane');
  const f = await (await page.$('#pane'))!.contentFrame();
  pane = f!;
  await pane.getByRole('button', { name: '校验', exact: true }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await ctx?.close();
  await stopDemoProcess(demo);
  for (const d of [profile, dataDir]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('demo host: seed form 2 end to end', () => {
  let original: Record<string, CellLook>;

  it('shows the sample with its sheet tabs and says it is a demonstration host', async () => {
    expect(await page.locator('#banner').innerText()).toContain('开发与演示宿主');
    const tabs = await page.locator('#tabs button').allTextContents();
    expect(tabs).toEqual(['机关事业单位养老', FORM2, '职工基本医疗', '城乡居民医疗', '附件2']);
    await page.getByRole('tab', { name: FORM2 }).click();
    await page.waitForSelector(`#grid[data-sheet="${FORM2}"]`);
    expect((await gridCell('C8')).text).toBe('542');
    original = await sheetCells(FORM2);
  });

  it('校验 lists the expected findings and marks their cells in the grid', async () => {
    await pane.getByRole('button', { name: '校验', exact: true }).click();
    await pane.getByRole('heading', { name: /问题清单（\d+）/ }).waitFor();
    const text = await pane.locator('body').innerText();
    expect(text).toContain('工作表：城乡居民养老');
    expect(text).toMatch(/field\/missing/);
    expect(text).toContain('433 ÷ 542 = 79.9%');
    expect(text).toMatch(/overall\/rate-mismatch/);
    expect(text).toMatch(/86\.3%/);
    expect(text).toMatch(/81%/);
    expect(text).toMatch(/deviation\/unexplained/);
    await pane.getByRole('button', { name: '将 H8 修正为 79.9%' }).waitFor();
    // two round trips: one to read, one to mark
    expect(text).toMatch(/Excel 往返 2 次/);

    for (const [a1, severity] of [['H8', 'error'], ['G12', 'error'], ['B31', 'warning']] as const) {
      const c = await gridCell(a1);
      expect({ a1, background: c.background, hasNote: c.hasNote }).toEqual({ a1, background: hexToRgb(MARK_COLORS[severity]), hasNote: true });
      expect(c.title.length).toBeGreaterThan(4);
    }
    await shot('1-validated');
    // the pane with its results, tall enough to show the summary and the budget finding with its 修正 button
    await page.setViewportSize({ width: 1440, height: 1500 });
    await page.locator('#pane').screenshot({ path: join(ARTIFACTS, 'pane-with-results.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('修正 writes 79.9% into H8 in percent format', async () => {
    await pane.getByRole('button', { name: '将 H8 修正为 79.9%' }).click();
    await page.waitForFunction(() => document.querySelector('#grid td[data-cell="H8"]')?.textContent === '79.9%');
    const h8 = (await sheetCells(FORM2))['7,7'];
    expect(h8.value as number).toBeCloseTo(433 / 542, 6);
    expect(h8.format).toMatch(/%$/);
    await shot('2-fixed');
  });

  it('清除标记 restores every cell’s fill and notes exactly', async () => {
    await pane.getByRole('button', { name: '清除标记' }).click();
    await pane.getByText(/已清除 \d+ 个单元格的标记/).waitFor();
    const now = await sheetCells(FORM2);
    const look = (cells: Record<string, CellLook>, skip: string) =>
      Object.fromEntries(
        Object.entries(cells)
          .filter(([k, c]) => k !== skip && (c.value !== null || c.fill || c.note || c.comment || c.format))
          .map(([k, c]) => [k, { value: c.value, format: c.format, fill: c.fill, note: c.note, comment: c.comment }]),
      );
    // H8 now holds the fix (its value and format are the point of 修正); every other cell is as it was
    expect(look(now, '7,7')).toEqual(look(original, '7,7'));
    expect([now['7,7'].fill, now['7,7'].note]).toEqual([original['7,7']?.fill, original['7,7']?.note]);
    const h8 = await gridCell('H8');
    expect(h8.hasNote).toBe(false);
    expect(h8.background).toBe('rgba(0, 0, 0, 0)');
    await shot('3-cleared');
  });

  it('生成审核行 writes 542 / 433 / 433 / 79.9% / 81% into the 附件2 sheet of this workbook, updating the project’s row', async () => {
    const before = await sheetCells('附件2');
    await pane.getByRole('tab', { name: '审核行' }).click();
    await pane.getByRole('button', { name: '生成审核行' }).click();
    await pane.getByRole('button', { name: '追加' }).click();
    // the sample's 附件2 already holds this project (the seed's row 2): the same key updates it, no duplicate (design §6)
    await pane.getByText(/已更新.*（序号 2）/).waitFor();
    await page.getByRole('tab', { name: '附件2' }).click();
    await page.waitForSelector('#grid[data-sheet="附件2"]');
    const after = await sheetCells('附件2');
    const rowsOf = (cells: Record<string, CellLook>) => {
      const rows = new Map<number, Map<number, CellLook>>();
      for (const [k, c] of Object.entries(cells)) {
        const [r, col] = k.split(',').map(Number);
        if (!rows.has(r)) rows.set(r, new Map());
        rows.get(r)!.set(col, c);
      }
      return rows;
    };
    const changed = [...rowsOf(after)].filter(([r, cols]) => JSON.stringify([...cols]) !== JSON.stringify([...(rowsOf(before).get(r) ?? [])]));
    const form2 = changed.find(([, cols]) => String(cols.get(2)?.value ?? '').includes('城乡居民养老'));
    expect(form2).toBeDefined();
    const [row, cols] = form2!;
    await shot('4-annex2');
    const projectRows = [...rowsOf(after)].filter(([, c]) => String(c.get(2)?.value ?? '').includes('城乡居民养老'));
    expect(projectRows.map(([r]) => r)).toEqual([row]);
    expect(cols.get(0)?.value).toBe(2);
    expect([3, 4, 5].map((c) => cols.get(c)?.value)).toEqual([542, 433, 433]);
    // 预算执行率 433 ÷ 542 (the value 修正 wrote, shown in the form's own 0.0% or the 附件2's 0%); 总体完成率 as stated, 81%
    expect(cols.get(6)?.value as number).toBeCloseTo(433 / 542, 3);
    expect(cols.get(7)?.value as number).toBeCloseTo(0.81, 6);
    const shown = await Promise.all([6, 7].map(async (c) => (await gridCell(`${String.fromCharCode(65 + c)}${row + 1}`)).text));
    expect(shown[0]).toMatch(/^(80|79\.9)%$/);
    expect(shown[1]).toBe('81%');
  });

  it('the review-server destination appends the same row to the `jixiao serve` the demo started', async () => {
    const origin = demo.url.replace(/\/$/, '');
    await pane.getByRole('radio', { name: '审核服务器' }).check();
    await pane.getByRole('textbox', { name: /服务器地址/ }).fill(origin);
    // the demo page put the token for its own review server in this computer's storage
    await pane.waitForFunction(() => [...document.querySelectorAll('input[type="password"]')].some((i) => (i as HTMLInputElement).value.length >= 16));
    await pane.getByRole('button', { name: '追加' }).click();
    await pane.getByText(/审核服务器上附件2的第 \d+ 行/).waitFor();
    const token = /令牌 \/ token: (\S+)/.exec(demo.output.join('\n'))?.[1] ?? '';
    const rows = await page.evaluate(
      async ({ t }) => {
        const r = await fetch('/api/review-rows', { headers: { Authorization: `Bearer ${t}` } });
        return (await r.json()) as { rows: { project: string; budget: number; available: number; executed: number }[] };
      },
      { t: token },
    );
    expect(rows.rows.map((r) => [r.budget, r.available, r.executed, r.project.includes('城乡居民养老')])).toEqual([[542, 433, 433, true]]);
    await page.locator('#pane').screenshot({ path: join(ARTIFACTS, '5-review-server.png') });
  });
});
