/**
 * The accessibility gate (issue 17), in Debian Chromium on the demo host like demo.test.ts:
 * - axe-core (the npm package, its source read from node_modules and run inside the pane's frame) in
 *   every state of the pane — first screen, after 校验, 审核行 with its row, 设置 — in 简体中文 and
 *   English, in Office's light and dark themes: no violation but the documented exceptions below;
 * - a keyboard journey 校验 → 修正 → 清除标记 → 生成审核行 → 追加 without a mouse, checking where
 *   focus lands after each step, and the number of Tab stops after 校验 on seed form 1;
 * - reflow: the pane 320 px wide at 200 % and 400 % zoom (a 160 and an 80 CSS px viewport), where no
 *   element's content may be wider than the element (no horizontal scroll, nothing clipped);
 * - 审核一批 (issue 14) through the same three: its states — empty, four files listed (one not a form,
 *   one broken zip), findings opened, scores being edited, after the append, the report written into
 *   the workbook — in axe (zh light, en dark) and at 320 px on 100, 200 and 400 %, and a keyboard
 *   journey from the file picker to 追加所选.
 * Screenshots go to test-artifacts/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, type DemoProcess, startDemoProcess, stopDemoProcess } from '../helpers/demo-process';
import { type NamedBytes, twelveWorkbooks } from '../helpers/batch-files';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const FORM1 = '机关事业单位养老';
const FORM2 = '城乡居民养老';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

jest.setTimeout(600_000);

/**
 * Violations allowed, each with its reason. Nothing else may be reported.
 * A node is excused only when the rule matches and `matches` holds for its HTML.
 */
export const AXE_EXCEPTIONS: readonly { rule: string; matches: (html: string) => boolean; reason: string }[] = [
  {
    rule: 'aria-hidden-focus',
    matches: (html) => html.includes('data-tabster-dummy'),
    reason:
      'Fluent UI v9 TabList moves focus with tabster, which puts two focusable, aria-hidden <i data-tabster-dummy> ' +
      'elements around the tabs. They are never a stop: focusing one sends focus on at once, and they are hidden so ' +
      'screen readers do not read them. Fluent creates tabster with controlTab: false (the only mode in which these ' +
      'dummies exist) and offers no setting to change it, up to the newest release (@fluentui/react-components ' +
      '9.74.11, @fluentui/react-tabster 9.26.19, tabster 8.8.1); the maintainers closed the report as by design ' +
      '(microsoft/fluentui#27517, tabster#288), and Accessibility Insights suppresses it as a false positive.',
  },
];

/** The WCAG 2.0–2.2 A/AA rules and axe's best practices, plus label-in-name (tagged experimental in axe). */
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  rules: { 'label-content-name-mismatch': { enabled: true } },
  resultTypes: ['violations'],
};

interface AxeNode {
  html: string;
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  help: string;
  nodes: AxeNode[];
}

let demo: DemoProcess;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let profileData: string;

/** The pane's frame, after the pane has started (its 校验 / Validate button is there). */
async function paneFrame(): Promise<Frame> {
  const f = (await (await page.$('#pane'))!.contentFrame())!;
  const validate = f.getByRole('button', { name: /^(校验|Validate)$/ });
  await validate.waitFor({ timeout: 120_000 });
  // enabled once the settings saved in the workbook are read
  await f.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => /^(校验|Validate)$/.test(b.textContent ?? '') && !b.disabled));
  return f;
}

/** A fresh demo page (the sample workbook as shipped) on a sheet, the pane in a theme. */
async function openPane(sheet: string, theme: 'light' | 'dark' = 'light'): Promise<Frame> {
  await page.goto(demo.url);
  await page.waitForSelector('#pane');
  await page.getByRole('tab', { name: sheet }).click();
  await page.waitForSelector(`#grid[data-sheet="${sheet}"]`);
  if (theme === 'dark') await page.evaluate(() => ((document.getElementById('pane') as HTMLIFrameElement).src = '/taskpane.html?theme=dark'));
  const pane = await paneFrame();
  if (theme === 'dark') await pane.waitForFunction(() => location.search.includes('theme=dark'));
  return pane;
}

async function switchToEnglish(pane: Frame): Promise<void> {
  await pane.getByRole('button', { name: 'English' }).click();
  await pane.getByRole('button', { name: 'Validate' }).waitFor();
}

/** The batch's texts in the pane's two languages (src/taskpane/batch-i18n.ts). */
const BATCH = {
  zh: { tab: '审核行', open: '审核一批…', pick: '选择文件…', done: /^已读取 4 个文件：/, show: /^查看问题（\d+）$/, edit: '修改得分', append: '追加所选 3 行', appended: /^已写入 3 行：/, sheets: '写入本工作簿（新工作表）', added: /^已在本工作簿新建工作表/ },
  en: { tab: 'Review row', open: 'Review a batch…', pick: 'Choose files…', done: /^4 files read: /, show: /^Show findings \(\d+\)$/, edit: 'Edit scores', append: 'Append the 3 selected rows', appended: /^3 rows written: /, sheets: 'Write into this workbook (new sheets)', added: /^Sheets .* added to this workbook/ },
} as const;

let batchFiles: NamedBytes[] | undefined;
/** Four of the twelve batch workbooks: seed form 2, a workbook with two forms, one not a form, a broken zip (a failed file): 3 rows. */
async function fourWorkbooks(): Promise<NamedBytes[]> {
  batchFiles ??= (await twelveWorkbooks()).filter((f) => ['form2.xlsx', '07-two-forms.xlsx', '08-not-a-form.xlsx', '09-broken.xlsx'].includes(f.name));
  return batchFiles;
}

/** Open 审核一批 in the 审核行 view. */
async function openBatch(pane: Frame, lang: 'zh' | 'en'): Promise<void> {
  const t = BATCH[lang];
  await pane.getByRole('tab', { name: t.tab }).click();
  await pane.getByRole('button', { name: t.open }).click();
  await pane.getByRole('button', { name: t.pick }).waitFor();
}

/** Drop files on the batch's drop area as the browser does (a DataTransfer of File objects) and wait for the list. */
async function dropFiles(pane: Frame, lang: 'zh' | 'en', files: NamedBytes[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') }));
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
  const zone = pane.getByTestId('batch-drop');
  await zone.dispatchEvent('dragover', { dataTransfer: dt });
  await zone.dispatchEvent('drop', { dataTransfer: dt });
  await pane.getByText(BATCH[lang].done).waitFor();
}

/**
 * The batch list through its states — files listed (a failed file among them), findings opened,
 * scores being edited, after the append, after the report went into the workbook — calling
 * `check(state)` in each.
 */
async function batchStates(pane: Frame, lang: 'zh' | 'en', check: (state: string) => Promise<void>): Promise<void> {
  const t = BATCH[lang];
  await openBatch(pane, lang);
  await check('batch: empty');
  await dropFiles(pane, lang, await fourWorkbooks());
  await check('batch: files listed');
  await pane.getByRole('button', { name: t.show }).first().click();
  await check('batch: findings opened');
  await pane.getByRole('button', { name: t.edit }).first().click();
  await check('batch: editing scores');
  await pane.getByRole('button', { name: t.append }).click();
  await pane.getByText(t.appended).waitFor();
  await check('batch: after append');
  await pane.getByRole('button', { name: t.sheets }).click();
  await pane.getByText(t.added).waitFor();
  await check('batch: report in the workbook');
}

/** Run axe in the frame; the violations left after the exceptions, as readable lines. */
async function axe(pane: Frame, state: string): Promise<string[]> {
  const found = await axeOnce(pane, state);
  if (found.length === 0) return found;
  // A state is judged as the user sees it once it has settled: a list that has just rendered can be
  // measured mid-layout (a clean-clone CI once saw two buttons of the fresh batch list fail contrast
  // that passed everywhere else). What is still there half a second later is a violation.
  await pane.waitForTimeout(500);
  return axeOnce(pane, state);
}

async function axeOnce(pane: Frame, state: string): Promise<string[]> {
  if (!(await pane.evaluate(() => 'axe' in window))) await pane.evaluate(AXE_SOURCE);
  const violations = await pane.evaluate(async (options) => {
    const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, options);
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ html: n.html, target: n.target, failureSummary: n.failureSummary })) }));
  }, AXE_OPTIONS);
  const left: string[] = [];
  for (const v of violations) {
    for (const n of v.nodes) {
      if (AXE_EXCEPTIONS.some((e) => e.rule === v.id && e.matches(n.html))) continue;
      left.push(`${state}: ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.html.slice(0, 160)}`);
    }
  }
  return left;
}

/** What has focus in the pane: tag, role, accessible-ish name, and the finding key of a finding's cell button. */
function focused(pane: Frame) {
  return pane.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', text: '', label: '', finding: '', role: '' };
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.textContent ?? '').trim(),
      label: el.getAttribute('aria-label') ?? '',
      finding: el.dataset.finding ?? '',
      role: el.getAttribute('role') ?? '',
    };
  });
}

async function press(pane: Frame, key: string): Promise<void> {
  await page.keyboard.press(key);
  // let React and tabster settle
  await pane.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

/** Tab (or Shift+Tab) until `want` holds for the focused element; fails after `max` presses. */
async function tabTo(pane: Frame, want: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40, key = 'Tab'): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await press(pane, key);
    if (want(await focused(pane))) return i;
  }
  throw new Error(`${key} ×${max} never reached the element; focus is on ${JSON.stringify(await focused(pane))}`);
}

/** Put keyboard focus at the start of the pane's document, as when the user moves into the pane. */
async function enterPane(pane: Frame): Promise<void> {
  await (await page.$('#pane'))!.focus();
  // focus the top of the document (and so the start of sequential navigation) without adding a stop
  await pane.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  profileData = mkdtempSync(join(tmpdir(), 'jixiao-a11y-data-'));
  demo = await startDemoProcess(profileData);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  // reduced motion: Fluent's colour transitions finish at once, so axe measures contrast on the
  // final colours, not half-way through a theme change (a flaky color-contrast otherwise)
  ctx = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1440, height: 1000 }, reducedMotion: 'reduce' });
  page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await stopDemoProcess(demo);
  if (profileData) rmSync(profileData, { recursive: true, force: true });
});

describe('axe-core in every pane state, both languages, both themes', () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${lang}, ${theme}: first screen, after 校验, 审核行, after 追加, 设置`, async () => {
        const pane = await openPane(FORM2, theme);
        if (lang === 'en') await switchToEnglish(pane);
        const problems: string[] = [];
        problems.push(...(await axe(pane, 'first screen')));

        await pane.getByRole('button', { name: lang === 'zh' ? '校验' : 'Validate', exact: true }).click();
        await pane.getByRole('heading', { name: lang === 'zh' ? /问题清单/ : /Findings/ }).waitFor();
        problems.push(...(await axe(pane, 'after 校验')));

        await pane.getByRole('tab', { name: lang === 'zh' ? '审核行' : 'Review row' }).click();
        await pane.getByRole('button', { name: lang === 'zh' ? '生成审核行' : 'Build review row' }).click();
        await pane.getByRole('heading', { name: lang === 'zh' ? '得分' : 'Scores', exact: true }).waitFor();
        problems.push(...(await axe(pane, '审核行')));
        await pane.getByRole('button', { name: lang === 'zh' ? '追加' : 'Append', exact: true }).click();
        await pane.getByRole('status').filter({ hasText: lang === 'zh' ? /（序号 2）。$/ : /\(No\. 2\)/ }).waitFor();
        problems.push(...(await axe(pane, 'after 追加')));

        await pane.getByRole('tab', { name: lang === 'zh' ? '设置' : 'Settings' }).click();
        await pane.getByRole('heading', { name: lang === 'zh' ? '规则' : 'Rules', exact: true }).waitFor();
        problems.push(...(await axe(pane, '设置')));
        await page.locator('#pane').screenshot({ path: join(ARTIFACTS, `a11y-${lang}-${theme}-settings.png`) });
        expect(problems).toEqual([]);
      });
    }
  }

  for (const [lang, theme] of [['zh', 'light'], ['en', 'dark']] as const) {
    it(`${lang}, ${theme}: 审核一批 — empty, files listed with a failed one, findings opened, scores edited, after append, report in the workbook`, async () => {
      const pane = await openPane(FORM2, theme);
      if (lang === 'en') await switchToEnglish(pane);
      const problems: string[] = [];
      await batchStates(pane, lang, async (state) => {
        problems.push(...(await axe(pane, state)));
      });
      await page.locator('#pane').screenshot({ path: join(ARTIFACTS, `a11y-${lang}-${theme}-batch.png`) });
      expect(problems).toEqual([]);
    });
  }

  it('the exception is still needed, and excuses only the tab list’s tabster dummies', async () => {
    const pane = await openPane(FORM2);
    await pane.evaluate(AXE_SOURCE);
    const raw = await pane.evaluate(async (options) => {
      const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> } };
      return (await w.axe.run(document, options)).violations.map((v) => ({ id: v.id, htmls: v.nodes.map((n) => n.html) }));
    }, AXE_OPTIONS);
    // every excused node is a tabster dummy inside the tab list
    const excused = raw.filter((v) => AXE_EXCEPTIONS.some((e) => e.rule === v.id));
    const nodes = excused.flatMap((v) => v.htmls);
    // when a Fluent release stops making them, this fails: drop the exception then
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.filter((h) => !h.includes('data-tabster-dummy'))).toEqual([]);
  });
});

describe('keyboard only', () => {
  it('after 校验 on seed form 1 the pane has at most 15 Tab stops', async () => {
    const pane = await openPane(FORM1);
    await pane.getByRole('button', { name: '校验', exact: true }).click();
    await pane.getByRole('heading', { name: /问题清单（\d+）/ }).waitFor();
    const findings = await pane.locator('[data-finding]').count();
    expect(findings).toBeGreaterThan(0);
    await enterPane(pane);
    const stops: string[] = [];
    for (let i = 0; i < 80; i++) {
      await press(pane, 'Tab');
      const f = await focused(pane);
      if (f.tag === 'body') break;
      const id = `${f.tag}|${f.role}|${f.label}|${f.text}|${f.finding}`;
      if (stops.includes(id)) break;
      stops.push(id);
    }
    console.log(`Tab stops after 校验 on seed form 1 (${findings} findings): ${stops.length}\n  ${stops.join('\n  ')}`);
    expect(stops.length).toBeGreaterThan(4);
    expect(stops.length).toBeLessThanOrEqual(15);
  });

  it('校验 → 修正 → 清除标记 → 生成审核行 → 追加 without a mouse; focus lands where the user can go on', async () => {
    const pane = await openPane(FORM2);
    await enterPane(pane);

    // 校验: focus stays on the button while it works and after
    await tabTo(pane, (f) => f.tag === 'button' && f.text === '校验');
    await press(pane, 'Enter');
    await pane.getByRole('heading', { name: /问题清单（\d+）/ }).waitFor();
    await pane.getByRole('status').filter({ hasText: /校验完成：错误 \d+ 个/ }).waitFor();
    expect(await focused(pane)).toMatchObject({ tag: 'button', text: '校验' });

    // into the list (one stop), down to the finding with the H8 fix, Tab to its fix, Enter
    await tabTo(pane, (f) => f.finding !== '', 3);
    const order = await pane.locator('[data-finding]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.finding!));
    const h8 = order.find((k) => k.endsWith('!H8#field/missing'))!;
    expect(h8).toBeDefined();
    for (let i = 0; i < order.length && (await focused(pane)).finding !== h8; i++) await press(pane, 'ArrowDown');
    expect((await focused(pane)).finding).toBe(h8);
    await tabTo(pane, (f) => f.text === '将 H8 修正为 79.9%', 8);
    await press(pane, 'Enter');
    await pane.getByRole('status').filter({ hasText: /^已将 H8 修正为 79\.9%，并重新校验。/ }).waitFor();
    // focus on the next finding after H8's that survived the re-check
    await pane.waitForFunction(() => document.activeElement?.hasAttribute('data-finding'));
    const now = await pane.locator('[data-finding]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.finding!));
    expect(now).not.toContain(h8);
    const next = order.slice(order.indexOf(h8) + 1).find((k) => now.includes(k));
    expect(next).toBeDefined();
    expect((await focused(pane)).finding).toBe(next);

    // 清除标记: back up to it, press, focus stays, the result is announced
    await tabTo(pane, (f) => f.text === '清除标记', 5, 'Shift+Tab');
    await press(pane, 'Enter');
    await pane.getByRole('status').filter({ hasText: /^已清除 \d+ 个单元格的标记/ }).waitFor();
    expect(await focused(pane)).toMatchObject({ tag: 'button', text: '清除标记' });

    // to the tab list, → to 审核行, Enter; Tab into the panel: 生成审核行
    await tabTo(pane, (f) => f.role === 'tab', 5, 'Shift+Tab');
    await press(pane, 'ArrowRight');
    expect(await focused(pane)).toMatchObject({ role: 'tab', id: 'tab-review' });
    await press(pane, 'Enter');
    // the review view is loaded when first opened
    await pane.getByRole('button', { name: '生成审核行' }).waitFor();
    expect(await focused(pane)).toMatchObject({ role: 'tab', id: 'tab-review' });
    await tabTo(pane, (f) => f.text === '生成审核行', 6);
    await press(pane, 'Enter');
    await pane.getByRole('heading', { name: '得分' }).waitFor();
    await pane.getByRole('status').filter({ hasText: /^已生成审核行，总分 [\d.]+。/ }).waitFor();
    expect(await focused(pane)).toMatchObject({ tag: 'button', text: '生成审核行' });

    // on to 追加, Enter: the message once, focus still on 追加
    await tabTo(pane, (f) => f.text === '追加', 20);
    await press(pane, 'Enter');
    const done = pane.getByRole('status').filter({ hasText: /（序号 2）/ });
    await done.waitFor();
    const message = (await done.innerText()).trim();
    expect(message).toMatch(/^已更新本工作簿“附件2”工作表第 \d+ 行（序号 2）。$/);
    expect(message.match(/序号/g)).toHaveLength(1);
    expect(await focused(pane)).toMatchObject({ tag: 'button', text: '追加' });
  });
});

describe('keyboard only: 审核一批', () => {
  it('the picker opens from 选择文件…, findings open, a row is left out, 追加所选 — focus stays where the user can go on', async () => {
    const pane = await openPane(FORM2);
    await enterPane(pane);
    await tabTo(pane, (f) => f.role === 'tab', 10);
    while ((await focused(pane)).id !== 'tab-review') await press(pane, 'ArrowRight');
    await press(pane, 'Enter');
    await pane.getByRole('button', { name: '审核一批…' }).waitFor();
    await tabTo(pane, (f) => f.text === '审核一批…', 8);
    await press(pane, 'Enter');
    await pane.getByRole('button', { name: '选择文件…' }).waitFor();

    // 选择文件… opens the browser's file picker (the input itself is not a stop). The wait starts
    // before the Tabs: Playwright turns file-chooser interception on asynchronously, and on a busy
    // machine an Enter right after the wait began could reach Chromium first (puppeteer/puppeteer#6040).
    const chooserShown = page.waitForEvent('filechooser');
    await tabTo(pane, (f) => f.text === '选择文件…', 8);
    const files = await fourWorkbooks();
    const [chooser] = await Promise.all([chooserShown, press(pane, 'Enter')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(files.map((f) => ({ name: f.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(f.bytes) })));
    await pane.getByText(/^已读取 4 个文件：/).waitFor();
    expect(await focused(pane)).toMatchObject({ tag: 'button', text: '选择文件…' });

    // the first 查看问题: Enter opens the findings, focus stays on the button, which now says 收起问题
    await tabTo(pane, (f) => /^查看问题（\d+）$/.test(f.text), 20);
    await press(pane, 'Enter');
    expect(await focused(pane)).toMatchObject({ tag: 'button', text: '收起问题' });
    expect(await pane.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('true');
    await pane.getByText('只读：这些单元格在收到的文件中，不在本工作簿。').waitFor();

    // back to the row's check box (above), Space leaves the row out
    await tabTo(pane, (f) => f.tag === 'input', 5, 'Shift+Tab');
    expect(await pane.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('checkbox');
    await press(pane, 'Space');
    expect(await pane.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(false);

    // on to 追加所选 2 行: Enter writes them, the result is announced, focus stays on the button
    await tabTo(pane, (f) => f.text === '追加所选 2 行', 40);
    await press(pane, 'Enter');
    await pane.getByRole('status').filter({ hasText: /^(已写入 2 行：|已追加 2 行。|已更新 2 行)/ }).waitFor();
    expect(await focused(pane)).toMatchObject({ tag: 'button', text: '追加所选 2 行' });
  });
});

describe('reflow: a 320 px pane at 100 %, 200 % and 400 % zoom', () => {
  /** Elements whose content is wider than they are (form fields scrolling their own text aside). */
  function overflowing(pane: Frame) {
    return pane.evaluate(() => {
      const out: string[] = [];
      const doc = document.scrollingElement ?? document.documentElement;
      if (doc.scrollWidth > doc.clientWidth) out.push(`the page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        if (el.closest('[data-tabster-dummy], [hidden], script, style')) continue;
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
          // the field's box must fit its parent; its own text may scroll inside it
          const parent = el.parentElement!;
          if (el.getBoundingClientRect().right > parent.getBoundingClientRect().right + 1) out.push(`${el.tagName.toLowerCase()} wider than its parent`);
          continue;
        }
        if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
          const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
          out.push(`${el.tagName.toLowerCase()}.${cls} "${(el.textContent ?? '').trim().slice(0, 40)}": ${el.scrollWidth} > ${el.clientWidth}`);
        }
      }
      return out;
    });
  }

  for (const zoom of [100, 200, 400] as const) {
    for (const lang of ['zh', 'en'] as const) {
      if (zoom === 100 && lang === 'en') continue;
      it(`${zoom} % (${320 / (zoom / 100)} CSS px), ${lang}: first screen, after 校验, 审核行, after 追加, 设置`, async () => {
        const pane = await openPane(FORM2);
        if (lang === 'en') await switchToEnglish(pane);
        // zoom divides the CSS pixels: a 320 px pane at 200 % lays out 160 CSS px
        const width = 320 / (zoom / 100);
        await page.evaluate((w) => {
          const frame = document.getElementById('pane') as HTMLIFrameElement;
          frame.style.width = `${w}px`;
          frame.style.flex = 'none';
        }, width);
        await pane.waitForFunction((w) => window.innerWidth === w, width);
        // no 8 px browser margin framing the pane
        expect(await pane.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
        const problems: string[] = [];
        const check = async (state: string) => {
          for (const p of await overflowing(pane)) problems.push(`${state}: ${p}`);
        };
        await check('first screen');
        await pane.getByRole('button', { name: lang === 'zh' ? '校验' : 'Validate', exact: true }).click();
        await pane.getByRole('heading', { name: lang === 'zh' ? /问题清单/ : /Findings/ }).waitFor();
        await check('after 校验');
        if (zoom === 100) {
          // the README's picture: the pane 320 px wide after 校验 on seed form 2
          await page.setViewportSize({ width: 1440, height: 1500 });
          await page.locator('#pane').screenshot({ path: join(ARTIFACTS, 'pane-320.png') });
          await page.setViewportSize({ width: 1440, height: 1000 });
        }
        await pane.getByRole('tab', { name: lang === 'zh' ? '审核行' : 'Review row' }).click();
        await pane.getByRole('button', { name: lang === 'zh' ? '生成审核行' : 'Build review row' }).click();
        await pane.getByRole('heading', { name: lang === 'zh' ? '得分' : 'Scores', exact: true }).waitFor();
        await check('审核行');
        await pane.getByRole('button', { name: lang === 'zh' ? '追加' : 'Append', exact: true }).click();
        await pane.getByRole('status').filter({ hasText: lang === 'zh' ? /（序号 2）。$/ : /\(No\. 2\)/ }).waitFor();
        await check('after 追加');
        await pane.getByRole('tab', { name: lang === 'zh' ? '设置' : 'Settings' }).click();
        await pane.getByRole('heading', { name: lang === 'zh' ? '规则' : 'Rules', exact: true }).waitFor();
        await check('设置');
        await page.locator('#pane').screenshot({ path: join(ARTIFACTS, `reflow-${zoom}-${lang}.png`) });
        expect(problems).toEqual([]);
      });
    }
  }

  for (const [zoom, lang] of [[100, 'zh'], [200, 'zh'], [400, 'zh'], [400, 'en']] as const) {
    it(`${zoom} % (${320 / (zoom / 100)} CSS px), ${lang}: 审核一批 in every state`, async () => {
      const pane = await openPane(FORM2);
      if (lang === 'en') await switchToEnglish(pane);
      const width = 320 / (zoom / 100);
      await page.evaluate((w) => {
        const frame = document.getElementById('pane') as HTMLIFrameElement;
        frame.style.width = `${w}px`;
        frame.style.flex = 'none';
      }, width);
      await pane.waitForFunction((w) => window.innerWidth === w, width);
      const problems: string[] = [];
      await batchStates(pane, lang, async (state) => {
        for (const p of await overflowing(pane)) problems.push(`${state}: ${p}`);
      });
      await page.locator('#pane').screenshot({ path: join(ARTIFACTS, `reflow-${zoom}-${lang}-batch.png`) });
      expect(problems).toEqual([]);
    });
  }
});
