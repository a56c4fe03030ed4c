/**
 * End to end in Debian Chromium (playwright-core): the demo offers the Microsoft Graph destination
 * against the strict Graph double it serves (src/review/graph-double.ts — not Microsoft Graph). The
 * real built pane tests the connection, appends form 1's row, and updates it after a co-author added a
 * row and sorted the table — once between appends, once between the pane's read and its write.
 */
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, type DemoProcess, startDemoProcess, stopDemoProcess } from '../helpers/demo-process';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');


jest.setTimeout(300_000);

let demo: DemoProcess;
/** what the demo page shows for the Graph destination: link, table, client id */
let shown: { link: string; table: string; clientId: string };
let ctx: BrowserContext;
let page: Page;
let pane: Frame;
let profile: string;
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-graph-data-'));
  profile = mkdtempSync(join(tmpdir(), 'jixiao-e2e-graph-chromium-'));
  demo = await startDemoProcess(dataDir);
  ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 } });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(demo.url);
  pane = (await (await page.waitForSelector('#pane')).contentFrame())!;
  await pane.getByRole('button', { name: '校验', exact: true }).waitFor({ timeout: 60_000 });
  const codes = await page.locator('#graph code').allTextContents();
  shown = { link: codes[0], table: codes[1], clientId: codes[2] };
});

afterAll(async () => {
  await ctx?.close();
  await stopDemoProcess(demo);
  for (const d of [profile, dataDir]) if (d) rmSync(d, { recursive: true, force: true });
});

interface Cell {
  values: unknown[][];
  numberFormat?: string[][];
}

/** A co-author working on the same table through Graph's documented calls, from the page's origin. */
function coAuthor(action: 'add' | 'sort' | 'rows' | 'row1'): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ action, link }) => {
      const token = ((await (await fetch('/graph-demo/token?scopes=Files.ReadWrite.All')).json()) as { accessToken: string }).accessToken;
      const h = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const share = `u!${btoa(String.fromCharCode(...new TextEncoder().encode(link))).replace(/=+$/, '').replace(/\//g, '_').replace(/\+/g, '-')}`;
      const item = (await (await fetch(`/graph/v1.0/shares/${share}/driveItem`, { headers: { ...h, Prefer: 'redeemSharingLink' } })).json()) as { id: string; parentReference: { driveId: string } };
      const wb = `/graph/v1.0/drives/${item.parentReference.driveId}/items/${item.id}/workbook`;
      const table = `${wb}/tables/${encodeURIComponent('附件2')}`;
      const r =
        action === 'add'
          ? await fetch(`${table}/rows/add`, { method: 'POST', headers: h, body: JSON.stringify({ index: null, values: [[2, "'社会保障科", "'另一处室的项目", 100, 90, 80, 0.8, 0.9, 30, 30, 30, 10, 100]] }) })
          : action === 'sort'
            ? await fetch(`${table}/sort/apply`, { method: 'POST', headers: h, body: JSON.stringify({ fields: [{ key: 0, ascending: false }] }) })
            : action === 'rows'
              ? await fetch(`${table}/rows`, { headers: h })
              : await fetch(`${wb}/worksheets/${encodeURIComponent('附件2')}/range(address='A6:M6')`, { headers: h });
      return { status: r.status, body: r.status === 200 || r.status === 201 ? await r.json() : null };
    },
    { action, link: shown.link },
  );
}

const tableRows = async () => ((await coAuthor('rows')).body as { value: Cell[] }).value.map((r) => r.values[0]);

describe('demo host: the Microsoft Graph destination against the served Graph double', () => {
  it('tests the connection, appends form 1’s row, and updates it in place after a co-author added and sorted', async () => {
    await pane.getByRole('tab', { name: '审核行' }).click();
    await pane.getByRole('button', { name: '生成审核行' }).click();
    await pane.getByRole('radio', { name: 'Microsoft 365 工作簿（Graph）' }).check();
    await pane.getByRole('textbox', { name: '附件2 共享工作簿链接' }).fill(shown.link);
    await pane.getByRole('textbox', { name: '应用（客户端）ID' }).fill(shown.clientId);
    await pane.getByRole('button', { name: '测试连接' }).click();
    await pane.getByText('已打开工作簿：表“附件2”的列与附件2 一致，已有 0 行').waitFor();

    await pane.getByRole('button', { name: '追加' }).click();
    await pane.getByText('已追加到共享工作簿（Microsoft Graph）的表“附件2”（序号 1）。').waitFor();
    const first = await tableRows();
    expect(first).toHaveLength(1);
    // the sample opens on form 1 (机关事业单位养老): 14158 / 10934 / 10934 万元
    expect(first[0].slice(0, 6)).toEqual([1, '塔什库尔干县社会保险管理局', '塔什库尔干县机关事业单位养老保险(改革)基金支出', 14158, 10934, 10934]);
    // text went in as text, the rates with the 附件2's percent format
    const formats = ((await coAuthor('row1')).body as Cell).numberFormat![0];
    expect(formats[1]).toBe('@');
    expect(formats[7]).toMatch(/%$/);

    // a co-author appends a row and sorts the table: our row is no longer first
    expect((await coAuthor('add')).status).toBe(201);
    expect((await coAuthor('sort')).status).toBe(204);
    const sorted = await tableRows();
    expect(sorted.map((r) => r[0])).toEqual([2, 1]);
    const theirs = sorted[0];
    // and sorts again between the pane's next read and its write
    await page.evaluate(() => fetch('/graph-demo/co-author-sort', { method: 'POST' }).then((r) => r.status));

    await pane.getByRole('spinbutton', { name: '按时报送（10分）' }).fill('10');
    await pane.getByRole('button', { name: '追加' }).click();
    await pane.getByText('已更新共享工作簿（Microsoft Graph）表“附件2”中的行（序号 1）。').waitFor();
    const after = await tableRows();
    expect(after).toHaveLength(2);
    // the co-author's second sort did happen, between the pane's read and its write
    expect(after.map((r) => r[0])).toEqual([1, 2]);
    const ours = after.filter((r) => String(r[2]).includes('机关事业单位养老'));
    expect(ours).toHaveLength(1);
    expect([ours[0][0], ours[0][11], ours[0][12]]).toEqual([1, 10, Number(first[0][12]) - Number(first[0][11]) + 10]);
    expect(after.find((r) => r[2] === '另一处室的项目')).toEqual(theirs);
    await page.locator('#pane').screenshot({ path: join(ARTIFACTS, '6-graph.png') });
  });
});
