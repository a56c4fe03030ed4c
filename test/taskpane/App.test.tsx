/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The pane against a host that validates the real seed form 2 (test/fixtures/xlsx/form2.xlsx) with the real engine.
import '../helpers/jsdom-setup';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { type Grid, validateGrid } from '../../src/core';
import { CONSISTENT } from '../helpers/forms';
import { gridFromRows } from '../helpers/grid';
import { RULES } from '../../src/core/rules';
import { parseSettings } from '../../src/excel/store';
import { App } from '../../src/taskpane/App';
import { RULE_TITLES } from '../../src/taskpane/i18n';
import { renderPane, tab } from '../helpers/render-pane';
import { type FakeHost, clone, fakeHost, hostError, readSeedGrid, setCell } from '../helpers/fake-host';

let seed: Grid;
beforeAll(async () => {
  seed = await readSeedGrid('form2.xlsx');
});

const fresh = (): Grid => clone(seed);

async function renderReady(host: FakeHost, props: Partial<Parameters<typeof App>[0]> = {}) {
  renderPane(<App host={host} {...props} />);
  const button = await screen.findByRole('button', { name: /^(校验|Validate)$/ });
  await waitFor(() => expect(button).toBeEnabled());
  return button;
}

async function validate(host: FakeHost) {
  const button = await renderReady(host);
  fireEvent.click(button);
  await screen.findByRole('heading', { name: /问题清单|Findings/ });
}

/** The list item of the finding about a cell, found through its cell button. */
function findingItem(cell: string, name: RegExp | string): HTMLElement {
  const items = screen.getAllByRole('button', { name: `选中单元格 ${cell}` }).map((b) => b.closest('li')!);
  const hit = items.find((li) => (typeof name === 'string' ? li.textContent!.includes(name) : name.test(li.textContent!)));
  if (!hit) throw new Error(`no finding at ${cell} matching ${name}`);
  return hit;
}

describe('validating seed form 2', () => {
  test('lists its findings, grouped by section, with cell, message and arithmetic', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    expect(host.calls.filter((c) => c.method === 'validateAndMark')).toHaveLength(1);

    // 预算执行率 missing: H8 should be 79.9%
    const h8 = findingItem('H8', '预算执行率为空');
    expect(h8).toHaveTextContent('79.9%');
    expect(h8).toHaveTextContent('433 ÷ 542 = 79.9%');
    expect(within(h8).getByRole('button', { name: '将 H8 修正为 79.9%' })).toBeInTheDocument();

    // 总体完成率 81% vs the mean 86.3%
    const g12 = findingItem('G12', '总体完成率填报为 81%');
    expect(g12).toHaveTextContent('86.3%');

    // section 五 empty while 财政缴费补贴人数 is at 52.31%
    const b31 = findingItem('B31', '“五、偏差和采取的措施”未填写');
    expect(b31).toHaveTextContent('财政缴费补贴人数 52.3%');

    // grouped under section headings
    const budget = screen.getByRole('heading', { name: '二、预算执行情况' }).closest('section')!;
    expect(within(budget).getByRole('button', { name: '选中单元格 H8' })).toBeInTheDocument();
    const deviation = screen.getByRole('heading', { name: '五、偏差和采取的措施' }).closest('section')!;
    expect(within(deviation).getByRole('button', { name: '选中单元格 B31' })).toBeInTheDocument();
    expect(within(deviation).queryByRole('button', { name: '选中单元格 H8' })).toBeNull();
  });

  test('summarises: counts by severity, the two lights, time progress and the status line', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    const summary = screen.getByRole('heading', { name: '校验结果' }).closest('section')!;
    const counts = within(summary).getByRole('list', { name: '按严重程度计数' });
    const { findings } = validateGrid(fresh(), {});
    const n = (s: string) => findings.filter((f) => f.severity === s).length;
    expect(n('error')).toBeGreaterThan(0);
    expect(counts).toHaveTextContent(`错误 ${n('error')}`);
    expect(counts).toHaveTextContent(`警告 ${n('warning')}`);
    expect(counts).toHaveTextContent(`提示 ${n('info')}`);
    // 79.9% ÷ 75% is on schedule; 财政缴费补贴人数 at 52.31% of its target is red
    expect(summary).toHaveTextContent('预算执行：绿灯');
    expect(summary).toHaveTextContent('绩效指标：红灯');
    expect(summary).toHaveTextContent('时间进度：75.0%（9 ÷ 12 = 75.0%）');
    // issue 11: and what it was read from
    expect(summary).toHaveTextContent('依据：监控时点“2020年9月”（截至 2020年9月），项目周期 2020年1月1日 至 2020年12月31日');
    expect(summary).toHaveTextContent(/已标记 \d+ 个单元格 · 标记方式：填充色 \+ 批注 · Excel 往返 2 次/);
  });

  test('a sheet with two forms: findings are grouped by form, then by section (issue 11)', async () => {
    const form3 = await readSeedGrid('form3.xlsx');
    const top = fresh();
    // seed form 3 below seed form 2, one blank row between
    const gap = top.values.length + 1;
    const both: Grid = {
      ...top,
      values: [...top.values, [], ...form3.values],
      text: [...(top.text ?? []), [], ...(form3.text ?? [])],
      formats: [...(top.formats ?? []), [], ...(form3.formats ?? [])],
      merges: [...(top.merges ?? []), ...(form3.merges ?? []).map((m) => ({ ...m, top: m.top + gap, bottom: m.bottom + gap }))],
    };
    await validate(fakeHost(both));
    const first = screen.getByRole('heading', { name: '第 1 张附件1：塔什库尔干县城乡居民养老保险基金支出' });
    const second = screen.getByRole('heading', { name: '第 2 张附件1：塔什库尔干县职工基本医疗保险(含生育保险)基金支出' });
    // every finding of form 3 (its 37% at H8, now H40) comes after the second heading
    const h40 = screen.getAllByRole('button', { name: '选中单元格 H40' })[0];
    expect(second.compareDocumentPosition(h40) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const h8 = screen.getAllByRole('button', { name: '选中单元格 H8' })[0];
    expect(second.compareDocumentPosition(h8) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  });

  test('clicking a cell selects it in the sheet', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    fireEvent.click(screen.getAllByRole('button', { name: '选中单元格 G12' })[0]);
    await waitFor(() => expect(host.calls.some((c) => c.method === 'selectCell')).toBe(true));
    expect(host.calls.find((c) => c.method === 'selectCell')!.args).toEqual(['城乡居民养老', 'G12']);
    // a finding's related cells are reachable too: G18's missing rate is about target E18 and actual F18
    const g18 = findingItem('G18', '财政补贴标准(省级、县级)');
    expect(g18).toHaveTextContent('相关单元格：');
    fireEvent.click(within(g18).getByRole('button', { name: '选中单元格 F18' }));
    await waitFor(() => expect(host.calls.filter((c) => c.method === 'selectCell')).toHaveLength(2));
    expect(host.calls.filter((c) => c.method === 'selectCell')[1].args).toEqual(['城乡居民养老', 'F18']);
  });

  test('修正 writes the fix for the right cell and value, then validates again', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    fireEvent.click(screen.getByRole('button', { name: '将 H8 修正为 79.9%' }));
    await screen.findByText(/^已将 H8 修正为 79\.9%，并重新校验。错误 \d+ 个/);
    const fix = host.calls.find((c) => c.method === 'applyFix')!;
    const finding = fix.args[0] as { rule: string; cell: string; fix: { cell: string; value: number } };
    expect(finding.rule).toBe('field/missing');
    expect(finding.cell).toBe('H8');
    expect(finding.fix.cell).toBe('H8');
    expect(finding.fix.value).toBeCloseTo(433 / 542, 5);
    // validated again: the host's sheet now holds the value, so the finding is gone
    expect(host.calls.filter((c) => c.method === 'validateAndMark')).toHaveLength(2);
    await waitFor(() => expect(screen.queryByRole('button', { name: '将 H8 修正为 79.9%' })).toBeNull());
    expect(screen.queryByText(/预算执行率为空/)).toBeNull();
  });

  test('清除标记 clears through the host and says how many cells', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
    expect(await screen.findByText(/^已清除 \d+ 个单元格的标记/)).toBeInTheDocument();
    expect(host.calls.filter((c) => c.method === 'clearMarks')).toHaveLength(1);
    // the counts and findings described the marks just removed: they are gone too
    expect(screen.queryByRole('heading', { name: /问题清单/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: '校验结果' })).toBeNull();
    expect(screen.queryByRole('button', { name: '将 H8 修正为 79.9%' })).toBeNull();
    expect(screen.queryByText(/^\d+ 个错误$/)).toBeNull();
    // validating again shows them again
    fireEvent.click(screen.getByRole('button', { name: '校验' }));
    expect(await screen.findByRole('button', { name: '将 H8 修正为 79.9%' })).toBeInTheDocument();
  });

  test('预算执行率 says whether it is the stated figure or the computed one, with the other beside it', async () => {
    // form 1 states 77% (H8); 执行数 ÷ 预算数 is 77.23% — within tolerance, so the stated figure is used
    const host = fakeHost(await readSeedGrid('form1.xlsx'));
    await validate(host);
    const summary = screen.getByRole('heading', { name: '校验结果' }).closest('section')!;
    expect(summary).toHaveTextContent('预算执行率 77.0%（填报值，计算值为 77.23%）');
    cleanup();
    // form 2 leaves H8 empty: the computed figure, and nothing stated
    await validate(fakeHost(fresh()));
    expect(screen.getByRole('heading', { name: '校验结果' }).closest('section')).toHaveTextContent('预算执行率 79.89%（计算值：执行数 ÷ 预算数；填报值为 —）');
  });

  test('a sheet that is not a 附件1 says so, with the reason', async () => {
    const host = fakeHost({ name: 'Sheet1', top: 0, left: 0, values: [['hello', 1, 2]] });
    await validate(host);
    expect(screen.getByText('当前工作表不是附件1')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '校验结果' }).closest('section')).toHaveTextContent('Sheet1');
  });
});

describe('errors', () => {
  test('a rejected validation shows an error MessageBar with the message and what to do', async () => {
    const host = fakeHost(fresh());
    host.failures.validateAndMark = hostError('The cell or sheet is protected.', { code: 'AccessDenied' });
    const button = await renderReady(host);
    fireEvent.click(button);
    const bar = await screen.findByRole('group', { name: '校验失败' });
    expect(bar).toHaveTextContent('The cell or sheet is protected.');
    expect(bar).toHaveTextContent('工作表或工作簿受保护：请在“审阅”中撤消保护后重试。');
    // dismissable, and the pane still works
    fireEvent.click(within(bar).getByRole('button', { name: '关闭' }));
    expect(screen.queryByRole('group', { name: '校验失败' })).toBeNull();
    delete host.failures.validateAndMark;
    fireEvent.click(button);
    expect(await screen.findByRole('heading', { name: /问题清单/ })).toBeInTheDocument();
  });

  test('a host error that carries both languages is shown in the pane\'s language, without advice twice', async () => {
    const host = fakeHost(fresh());
    host.failures.validateAndMark = Object.assign(new Error('zh / en'), {
      zh: '工作表“城乡居民养老”受保护，本次未做任何更改。请取消保护后重试。',
      en: 'Sheet "城乡居民养老" is protected; nothing was changed. Unprotect it and try again.',
      officeCode: 'AccessDenied',
    });
    fireEvent.click(await renderReady(host));
    const bar = await screen.findByRole('group', { name: '校验失败' });
    expect(bar).toHaveTextContent('工作表“城乡居民养老”受保护，本次未做任何更改。请取消保护后重试。');
    expect(bar).not.toHaveTextContent('Unprotect');
    expect(bar).not.toHaveTextContent('请在“审阅”中撤消保护');
    fireEvent.click(screen.getByRole('button', { name: 'English', description: '切换到英文界面' }));
    const en = screen.getByRole('group', { name: 'Validation failed' });
    expect(en).toHaveTextContent('Sheet "城乡居民养老" is protected; nothing was changed. Unprotect it and try again.');
    await waitFor(() => expect(host.saved.at(-1)?.lang).toBe('en'));
  });

  test('a rejected fix shows its own MessageBar and does not re-validate', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    host.failures.applyFix = hostError('Excel is in cell-editing mode.', { code: 'InvalidOperationInCellEditMode' });
    fireEvent.click(screen.getByRole('button', { name: '将 H8 修正为 79.9%' }));
    const bar = await screen.findByRole('group', { name: '修正失败' });
    expect(bar).toHaveTextContent('Excel is in cell-editing mode.');
    expect(bar).toHaveTextContent('请按 Enter 或 Esc 结束编辑后重试');
    expect(host.calls.filter((c) => c.method === 'validateAndMark')).toHaveLength(1);
  });

  test('rejections of clear, select and settings load are shown too', async () => {
    const host = fakeHost(fresh());
    host.failures.loadSettings = new Error('settings storage unavailable');
    await validate(host);
    expect(await screen.findByRole('group', { name: '读取设置失败，已使用默认设置' })).toHaveTextContent('settings storage unavailable');
    host.failures.clearMarks = new Error('clear exploded');
    host.failures.selectCell = new Error('select exploded');
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
    fireEvent.click(screen.getAllByRole('button', { name: '选中单元格 H8' })[0]);
    expect(await screen.findByRole('group', { name: '清除标记失败' })).toHaveTextContent('clear exploded');
    expect(await screen.findByRole('group', { name: '无法选中单元格' })).toHaveTextContent('select exploded');
  });
});

test('cell text is rendered as text, never as HTML', async () => {
  const grid = fresh();
  const evil = '<img src=x onerror=alert(1)>';
  setCell(grid, 'D15', evil); // the name of 财政缴费补贴人数, which is at 52.31%
  setCell(grid, 'C5', evil); // 部门单位名称
  const host = fakeHost(grid);
  await validate(host);
  const shown = screen.getAllByText((_, el) => el?.tagName === 'P' && el.textContent!.includes(evil));
  expect(shown.length).toBeGreaterThan(0);
  expect(document.querySelector('img')).toBeNull();
  expect(document.body.innerHTML).toContain('&lt;img src=x onerror=alert(1)&gt;');
});

describe('language', () => {
  test('zh-CN by default; the switch turns every label and the findings into English and is remembered', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    expect(tab('校验')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'English', description: '切换到英文界面' }));
    expect(screen.getByRole('button', { name: 'Validate' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Clear marks' })).toBeInTheDocument();
    expect(tab('Settings')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '2. Budget execution' })).toBeInTheDocument();
    expect(screen.getByText('The budget execution rate (预算执行率) is empty; by the numbers it is 79.9%.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Fix H8 to 79.9%' })).toBeInTheDocument();
    expect(screen.queryByText('校验结果')).toBeNull();
    await waitFor(() => expect(host.saved.at(-1)?.lang).toBe('en'));
    fireEvent.click(screen.getByRole('button', { name: '中文', description: 'Switch the pane to Chinese' }));
    expect(screen.getByRole('button', { name: '校验' })).toBeInTheDocument();
    await waitFor(() => expect(host.saved.at(-1)?.lang).toBe('zh'));
  });

  test('English counts agree with their numbers: "1 error", "3 warnings" — never "error(s)"', async () => {
    const grid = fresh();
    const host = fakeHost(grid, { stored: { engine: {}, lang: 'en' } });
    const button = await renderReady(host);
    fireEvent.click(button);
    const c = { error: 0, warning: 0, info: 0 };
    for (const f of validateGrid(grid).findings) c[f.severity]++;
    const word = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;
    const said = `Validated: ${word(c.error, 'error', 'errors')}, ${word(c.warning, 'warning', 'warnings')}, ${c.info} info.`;
    const status = () => screen.getAllByRole('status').find((s) => s.tagName === 'P')!;
    await waitFor(() => expect(status()).toHaveTextContent(said));
    expect(document.body.textContent).not.toMatch(/\(s\)/);
  });

  test('a workbook saved in English opens in English', async () => {
    const host = fakeHost(fresh(), { stored: { engine: {}, lang: 'en' } });
    await renderReady(host);
    expect(screen.getByRole('button', { name: 'Validate' })).toBeInTheDocument();
    expect(document.querySelector('[lang="en"]')).not.toBeNull();
  });
});

describe('settings', () => {
  test('load lazily, save with the workbook, and apply to the next validation', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    expect(screen.getByText(/“五、偏差和采取的措施”未填写/)).toBeInTheDocument();

    fireEvent.click(tab('设置'));
    const toggle = await screen.findByRole('switch', { name: '有偏差但未说明' });
    expect(toggle).toBeChecked();
    fireEvent.click(toggle);
    const severity = screen.getByRole('combobox', { name: '预算执行率计算不符 · 严重程度' });
    fireEvent.change(severity, { target: { value: 'warning' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: '黄灯：低于进度（或目标）的百分比' }), { target: { value: '90' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('设置已保存到工作簿；重新校验后生效。')).toBeInTheDocument();

    const saved = host.saved.at(-1)!;
    expect(saved.engine.rules?.['deviation/unexplained']).toEqual({ enabled: false });
    expect(saved.engine.rules?.['budget/rate-mismatch']).toEqual({ severity: 'warning' });
    expect(saved.engine.yellowBelow).toBeCloseTo(0.9);
    expect(saved.engine.redBelow).toBeCloseTo(0.6);

    fireEvent.click(tab('校验'));
    fireEvent.click(screen.getByRole('button', { name: '校验' }));
    await waitFor(() => expect(host.calls.filter((c) => c.method === 'validateAndMark')).toHaveLength(2));
    expect(host.calls.filter((c) => c.method === 'validateAndMark')[1].args[0]).toEqual(saved.engine);
    await waitFor(() => expect(screen.queryByText(/“五、偏差和采取的措施”未填写/)).toBeNull());
  });

  test('the flow/stock lexicon is edited in settings and classes the next validation (issue 11)', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    const summary = () => screen.getByRole('heading', { name: '校验结果' }).closest('section')!;
    // 财政缴费补贴人数 at 52.31% is a headcount (a stock): red
    expect(summary()).toHaveTextContent('绩效指标：红灯');
    fireEvent.click(tab('设置'));
    const flow = await screen.findByRole('textbox', { name: '流量词' });
    expect((flow as HTMLTextAreaElement).value).toContain('赔付');
    fireEvent.change(flow, { target: { value: `${(flow as HTMLTextAreaElement).value}、补贴人数` } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('设置已保存到工作簿；重新校验后生效。')).toBeInTheDocument();
    expect(host.saved.at(-1)!.engine.kindLexicon!.flow).toContain('补贴人数');

    fireEvent.click(tab('校验'));
    fireEvent.click(screen.getByRole('button', { name: '校验' }));
    // now a flow: 52.31% ÷ 75% = 69.7%, yellow
    await waitFor(() => expect(summary()).toHaveTextContent('绩效指标：黄灯'));
  });

  test('the 附件2 rubric is edited as JSON, checked, and saved with the workbook', async () => {
    const host = fakeHost(fresh());
    await renderReady(host);
    fireEvent.click(tab('设置'));
    const box = await screen.findByRole('textbox', { name: '评分规则 JSON' });
    const rubric = JSON.parse((box as HTMLTextAreaElement).value);
    expect(rubric.deviation).toMatchObject({ max: 30, penalty: 5 });

    fireEvent.change(box, { target: { value: '{ "goal": ' } });
    fireEvent.click(screen.getByRole('button', { name: '保存评分规则' }));
    expect(await screen.findByText(/不是有效的 JSON/)).toBeInTheDocument();
    fireEvent.change(box, { target: { value: JSON.stringify({ ...rubric, goal: { ...rubric.goal, fullAt: 'high' } }) } });
    fireEvent.click(screen.getByRole('button', { name: '保存评分规则' }));
    expect(await screen.findByText(/goal\.fullAt/)).toBeInTheDocument();
    expect(host.saved).toHaveLength(0);

    fireEvent.change(box, { target: { value: JSON.stringify({ ...rubric, deviation: { ...rubric.deviation, penalty: 10 } }) } });
    fireEvent.click(screen.getByRole('button', { name: '保存评分规则' }));
    expect(await screen.findByText('评分规则已保存到工作簿；下次生成审核行时生效。')).toBeInTheDocument();
    expect(host.saved.at(-1)!.rubric!.deviation.penalty).toBe(10);
  });

  test('a red threshold above the yellow one is refused before anything is saved', async () => {
    const host = fakeHost(fresh());
    await renderReady(host);
    fireEvent.click(tab('设置'));
    const red = await screen.findByRole('spinbutton', { name: '红灯：低于进度（或目标）的百分比' });
    fireEvent.change(red, { target: { value: '85' } });
    expect(screen.getByText('红灯阈值必须低于黄灯阈值。')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('请先更正标红的输入项。')).toBeInTheDocument();
    expect(host.saved).toHaveLength(0);
  });

  test('saved settings are shown when the view opens, and a failed save is reported', async () => {
    const host = fakeHost(fresh(), { stored: { engine: { rules: { 'layout/shifted': { enabled: false } }, timeProgressMode: 'day' } } });
    await renderReady(host);
    fireEvent.click(tab('设置'));
    expect(await screen.findByRole('switch', { name: '数值位置错位' })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: '按日' })).toBeChecked();
    host.failures.saveSettings = hostError('The workbook is read-only.');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    });
    const bar = await screen.findByRole('group', { name: '保存设置失败' });
    expect(bar).toHaveTextContent('The workbook is read-only.');
    expect(screen.queryByText('设置已保存到工作簿；重新校验后生效。')).toBeNull();
  });
});

test('damaged saved settings are named in a warning, the defaults are used, and the undamaged parts are kept', async () => {
  const host = fakeHost(fresh());
  // as the Excel host reads them from the workbook: rules that are not an object, a valid language
  host.loadSettings = async () => parseSettings(JSON.stringify({ engine: 'yellowBelow=0.9', lang: 'en' }));
  renderPane(<App host={host} />);
  const bar = await screen.findByRole('group', { name: 'Saved settings damaged' });
  expect(bar).toHaveTextContent('The settings saved in this workbook (rules and thresholds) are damaged; defaults are used instead.');
  fireEvent.click(screen.getByRole('button', { name: 'Validate' }));
  await waitFor(() => expect(host.calls.filter((c) => c.method === 'validateAndMark')).toHaveLength(1));
  expect(host.calls.find((c) => c.method === 'validateAndMark')!.args[0]).toEqual({});
  fireEvent.click(within(bar).getByRole('button', { name: 'Dismiss' }));
  expect(screen.queryByRole('group', { name: 'Saved settings damaged' })).toBeNull();
});

test('switching language while the saved settings are still being read does not overwrite them', async () => {
  const host = fakeHost(clone(seed), { stored: { engine: { yellowBelow: 0.9 }, lang: 'zh' } });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const load = host.loadSettings.bind(host);
  host.loadSettings = async () => {
    await gate;
    return load();
  };
  renderPane(<App host={host} />);
  fireEvent.click(screen.getByRole('button', { name: 'English', description: '切换到英文界面' }));
  expect(screen.getByRole('button', { name: 'Validate' })).toBeDisabled();
  await act(async () => release());
  await waitFor(() => expect(screen.getByRole('button', { name: /^(校验|Validate)$/ })).toBeEnabled());
  expect(host.saved).toHaveLength(0);
  fireEvent.click(screen.getByRole('button', { name: /^(校验|Validate)$/ }));
  await waitFor(() => expect(host.calls.filter((c) => c.method === 'validateAndMark')).toHaveLength(1));
  expect(host.calls.find((c) => c.method === 'validateAndMark')!.args[0]).toEqual({ yellowBelow: 0.9 });
});

describe('for the keyboard and the screen reader (issue 17)', () => {
  const status = () => screen.getAllByRole('status').find((s) => s.tagName === 'P')!;
  const findingButtons = () => [...document.querySelectorAll<HTMLButtonElement>('[data-finding]')];

  test('the findings are one Tab stop; arrows move between them and PageDown jumps to the next group', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    const cells = findingButtons();
    expect(cells.length).toBeGreaterThan(3);
    // one finding's cell in the Tab order, with its own fix and related cells; the others' only by moving there
    expect(cells.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    const list = screen.getByRole('heading', { name: /问题清单/ }).closest('section')!;
    const tabbable = [...list.querySelectorAll<HTMLElement>('button')].filter((b) => b.tabIndex === 0);
    expect(tabbable.every((b) => b.closest('li') === cells[0].closest('li'))).toBe(true);

    act(() => cells[0].focus());
    fireEvent.keyDown(cells[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cells[1]);
    expect(cells[1].tabIndex).toBe(0);
    expect(cells[0].tabIndex).toBe(-1);
    fireEvent.keyDown(cells[1], { key: 'End' });
    expect(document.activeElement).toBe(cells.at(-1));
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(cells[0]);
    // PageDown: the first finding of the next section
    const sectionOf = (el: Element) => el.closest('section')!;
    fireEvent.keyDown(cells[0], { key: 'PageDown' });
    const landed = document.activeElement!;
    expect(sectionOf(landed)).not.toBe(sectionOf(cells[0]));
    expect(sectionOf(landed).querySelector('[data-finding]')).toBe(landed);
    // Enter (a click on the button) selects the cell
    fireEvent.click(landed);
    await waitFor(() => expect(host.calls.some((c) => c.method === 'selectCell')).toBe(true));
  });

  test('after 修正 focus moves to the next finding, not to the page', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    const fix = screen.getByRole('button', { name: '将 H8 修正为 79.9%' });
    const li = fix.closest('li')!;
    const cells = findingButtons();
    const next = cells[cells.indexOf(li.querySelector('[data-finding]')!) + 1];
    const nextKey = next.dataset.finding;
    fireEvent.click(fix);
    await screen.findByText(/^已将 H8 修正为 79\.9%/);
    await waitFor(() => expect((document.activeElement as HTMLElement).dataset.finding).toBe(nextKey));
    // the same finding's element survived the re-check (keyed by rule and cell, not position)
    expect(document.activeElement).toBe(next);
  });

  test('after the last 修正 focus moves to the result summary', async () => {
    const rows = CONSISTENT.map((r) => [...r]);
    rows[7][7] = ''; // 预算执行率 left empty: the one finding, with its fix
    const host = fakeHost(gridFromRows('测试', rows), { stored: { engine: { rules: { 'indicator/deviation': { enabled: false } } } } });
    await validate(host);
    expect(findingButtons()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /^将 H8 修正为/ }));
    await screen.findByText('未发现问题。');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: '校验结果' })));
  });

  test('the live region says busy, then the result, and says when a re-run found the same', async () => {
    const host = fakeHost(fresh());
    let release: () => void = () => undefined;
    const validateAndMark = host.validateAndMark.bind(host);
    host.validateAndMark = async (s) => {
      await new Promise<void>((r) => (release = r));
      return validateAndMark(s);
    };
    const button = await renderReady(host);
    fireEvent.click(button);
    await waitFor(() => expect(status()).toHaveTextContent('正在校验…'));
    // busy, the button keeps focus: focusable, marked unavailable
    expect(button).toHaveAttribute('aria-disabled', 'true');
    await act(async () => release());
    await waitFor(() => expect(status()).toHaveTextContent(/^校验完成：错误 \d+ 个，警告 \d+ 个，提示 \d+ 个。$/));
    fireEvent.click(button);
    await waitFor(() => expect(status()).toHaveTextContent('正在校验…'));
    await act(async () => release());
    await waitFor(() => expect(status()).toHaveTextContent(/^结果未变：错误 \d+ 个/));
  });

  test('every visible label is inside its accessible name; rule ids are not read in the Chinese UI', async () => {
    const host = fakeHost(fresh());
    await validate(host);
    for (const b of screen.getAllByRole('button')) {
      const shown = (b.textContent ?? '').trim();
      const name = b.getAttribute('aria-label') ?? shown;
      expect({ shown, inName: name.includes(shown) }).toEqual({ shown, inName: true });
    }
    const rule = screen.getAllByText(/field\/missing/)[0];
    expect(rule.closest('[aria-hidden="true"]')).not.toBeNull();
  });

  test('a tab names only a panel that is there; every rule has a title in both languages', async () => {
    await renderReady(fakeHost(fresh()));
    expect(tab('审核行')).not.toHaveAttribute('aria-controls');
    expect(tab('设置')).not.toHaveAttribute('aria-controls');
    fireEvent.click(tab('设置'));
    await screen.findByRole('heading', { name: '规则' });
    expect(document.getElementById(tab('设置').getAttribute('aria-controls')!)).toHaveAttribute('role', 'tabpanel');
    expect(document.getElementById(tab('校验').getAttribute('aria-controls')!)).toHaveAttribute('role', 'tabpanel');
    // so no raw rule id stands in for a title (form/structure had none)
    expect(RULES.map((r) => r.meta.id).filter((id) => !RULE_TITLES[id]?.zh || !RULE_TITLES[id]?.en)).toEqual([]);
    expect(screen.getByRole('switch', { name: '工作表结构异常' })).toBeInTheDocument();
  });
});
