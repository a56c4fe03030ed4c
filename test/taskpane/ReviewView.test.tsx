/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The 审核行 view: form 2's 附件2 row (built by hand from the seed's numbers), edited and appended.
import '../helpers/jsdom-setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { type Grid, validateGrid } from '../../src/core';
import { buildReviewRows, setScore } from '../../src/review/build';
import { readSeed, seedRows } from '../../src/node/seed';
import { gridFromRows } from '../helpers/grid';
import type { ReviewRow } from '../../src/review/types';
import { App } from '../../src/taskpane/App';
import { renderPane, tab } from '../helpers/render-pane';
import { type FakeHost, type FakeHostOptions, fakeHost, form2ReviewRow, hostError } from '../helpers/fake-host';

const EMPTY: Grid = { name: '城乡居民养老', top: 0, left: 0, values: [] };

async function openReview(opts: FakeHostOptions = {}): Promise<FakeHost> {
  const host = fakeHost(EMPTY, { reviewRow: form2ReviewRow(), ...opts });
  renderPane(<App host={host} />);
  await waitFor(() => expect(screen.getByRole('button', { name: '校验' })).toBeEnabled());
  fireEvent.click(tab('审核行'));
  return host;
}

async function build(): Promise<void> {
  const button = await screen.findByRole('button', { name: '生成审核行' });
  await waitFor(() => expect(button).toBeEnabled());
  fireEvent.click(button);
  await screen.findByRole('heading', { name: '得分' });
}

const total = () => screen.getByText(/^总分：/);
const score = (label: string) => screen.getByRole('spinbutton', { name: label });
const appendedRow = (host: FakeHost): ReviewRow => host.appended.at(-1)!.row;

beforeEach(() => localStorage.clear());

test('shows the row: data columns, both rates where they disagree, each score with its evidence, 总分', async () => {
  const host = await openReview();
  await build();
  expect(host.calls.find((c) => c.method === 'buildReviewRow')).toBeDefined();
  const data = screen.getByRole('heading', { name: '数据列' }).closest('section')!;
  expect(data).toHaveTextContent('塔什库尔干县社会保险管理局');
  expect(data).toHaveTextContent('塔什库尔干县城乡居民养老保险基金支出');
  expect(data).toHaveTextContent('调整后预算总数（万元）542');
  expect(data).toHaveTextContent('到位资金总数（万元）433');
  expect(data).toHaveTextContent('执行资金总数（万元）433');
  expect(data).toHaveTextContent('预算执行率79.9%（采用计算值）');
  expect(data).toHaveTextContent('绩效目标总体完成率81%（采用填报值）');
  expect(data).toHaveTextContent('填报值与计算值不一致：填报 81%，计算 86.3%。');
  // no switch where stated and computed agree (or one is missing)
  expect(within(data).getAllByRole('button')).toHaveLength(1);

  expect(score('预算执行情况（30分）')).toHaveValue(30);
  expect(score('绩效目标完成情况（30分）')).toHaveValue(30);
  expect(score('目标偏离及应对情况（30分）')).toHaveValue(25);
  expect(score('按时报送（10分）')).toHaveValue(9);
  expect(screen.getByText(/第五部分（偏差和采取的措施）未填写：扣 5 分，30 − 5 = 25 分/)).toBeInTheDocument();
  expect(screen.getByText(/执行数 ÷ 到位数 = 433 ÷ 433 = 100%/)).toBeInTheDocument();
  expect(total()).toHaveTextContent('总分：94');
});

test('总分 is the sum after editing a score, and 追加 sends the edited row', async () => {
  const host = await openReview();
  await build();
  fireEvent.change(score('按时报送（10分）'), { target: { value: '10' } });
  fireEvent.change(score('目标偏离及应对情况（30分）'), { target: { value: '27.5' } });
  expect(total()).toHaveTextContent('总分：97.5');

  fireEvent.click(screen.getByRole('button', { name: '改用计算值 86.3%' }));
  expect(screen.getByRole('heading', { name: '数据列' }).closest('section')).toHaveTextContent('绩效目标总体完成率86.3%（采用计算值）');

  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  // the destination's sentence, once (it already names the row and its 序号)
  expect(await screen.findByText('已追加到本工作簿“附件2”工作表第 3 行（序号 2）。')).toBeInTheDocument();
  expect(host.appended).toHaveLength(1);
  const row = appendedRow(host);
  expect(row.scores.timely.value).toBe(10);
  expect(row.scores.timely.proposed).toBe(9);
  expect(row.scores.deviation.value).toBe(27.5);
  expect(row.total).toBe(97.5);
  expect(row.overallRate).toMatchObject({ source: 'computed', stated: 0.81 });
  expect(row.overallRate.value).toBeCloseTo(0.8632, 4);
  expect(row.budget).toBe(542);
  expect(host.appended[0].destination).toEqual({ kind: 'workbook', sheetName: '附件2' });
  // the destination is remembered with the workbook
  await waitFor(() => expect(host.saved.at(-1)?.destination).toEqual({ kind: 'workbook', sheetName: '附件2' }));
});

test('总分 is summed as the CLI and 审核一批 sum it: a score with three decimals is not rounded away', async () => {
  const host = await openReview();
  await build();
  const built = form2ReviewRow();
  fireEvent.change(score('目标偏离及应对情况（30分）'), { target: { value: '27.125' } });
  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  await waitFor(() => expect(host.appended).toHaveLength(1));
  const row = appendedRow(host);
  expect(row.total).toBe(built.scores.budget.value + built.scores.goal.value + 27.125 + built.scores.timely.value);
  expect(row.total).toBe(setScore(built, 'deviation', 27.125).total);
});

test('a score outside 0..max is refused and 追加 stays off', async () => {
  const host = await openReview();
  await build();
  fireEvent.change(score('按时报送（10分）'), { target: { value: '12' } });
  expect(screen.getByText('请输入 0 到 10 之间的分数。')).toBeInTheDocument();
  expect(total()).toHaveTextContent('总分：—');
  // still reachable by Tab, unavailable, and saying why
  const append = screen.getByRole('button', { name: '追加', description: '请先更正标红的得分，才能追加。' });
  expect(append).toHaveAttribute('aria-disabled', 'true');
  fireEvent.click(append);
  expect(host.appended).toHaveLength(0);
});

test('the review server needs an https address and a token; the token stays out of the workbook', async () => {
  const host = await openReview({
    appendResult: () => ({ where: { zh: '已更新审核服务器上附件2的第 7 行', en: 'updated row 7 of the 附件2 on the review server' }, seq: 7, updated: true }),
  });
  await build();
  fireEvent.click(screen.getByRole('radio', { name: '审核服务器' }));
  fireEvent.change(screen.getByRole('textbox', { name: '服务器地址（https://…）' }), { target: { value: 'http://review.example.cn' } });
  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  expect(await screen.findByText('请输入以 https:// 开头的地址（仅本机 127.0.0.1 / localhost 可用 http://）。')).toBeInTheDocument();
  expect(screen.getByText('请输入口令。')).toBeInTheDocument();
  expect(host.appended).toHaveLength(0);

  fireEvent.change(screen.getByRole('textbox', { name: '服务器地址（https://…）' }), { target: { value: 'https://review.example.cn/' } });
  fireEvent.change(screen.getByLabelText('本处室口令'), { target: { value: 's3cret' } });
  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  expect(await screen.findByText('已更新审核服务器上附件2的第 7 行。')).toBeInTheDocument();
  expect(host.appended[0].destination).toEqual({ kind: 'server', url: 'https://review.example.cn', token: 's3cret' });
  await waitFor(() => expect(host.saved).toHaveLength(1));
  expect(host.saved[0].destination).toEqual({ kind: 'server', url: 'https://review.example.cn', token: '' });
  expect(JSON.stringify(host.saved)).not.toContain('s3cret');
});

test('a remembered server destination comes back with the token kept on this computer', async () => {
  localStorage.setItem('jixiao-check.token:https://review.example.cn', 'kept-token');
  const host = await openReview({ stored: { engine: {}, destination: { kind: 'server', url: 'https://review.example.cn', token: '' } } });
  await build();
  expect(screen.getByRole('radio', { name: '审核服务器' })).toBeChecked();
  expect(screen.getByRole('textbox', { name: '服务器地址（https://…）' })).toHaveValue('https://review.example.cn');
  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  await waitFor(() => expect(host.appended).toHaveLength(1));
  expect(host.appended[0].destination).toEqual({ kind: 'server', url: 'https://review.example.cn', token: 'kept-token' });
});

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const LINK = 'https://contoso.sharepoint.com/:x:/s/finance/EXAMPLE?e=abc';

test('Microsoft Graph is configured once: link, table and client id; the ids come from the link; saved without a token', async () => {
  const host = await openReview({
    appendResult: () => ({ where: { zh: '已追加到 OneDrive 工作簿（序号 3）', en: 'appended to the OneDrive workbook (No. 3)' }, seq: 3, updated: false }),
    graphCheck: (d) => ({ ok: true, text: { zh: `已打开工作簿：表“${d.table}”的列与附件2 一致，已有 2 行`, en: 'connected' }, driveId: 'b!drive', driveItemId: '01ITEM' }),
  });
  await build();
  fireEvent.click(screen.getByRole('radio', { name: 'Microsoft 365 工作簿（Graph）' }));
  // nothing typed yet: each field says what it needs (the table name defaults to 附件2)
  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  expect(await screen.findByText('请输入以 https:// 开头的共享链接。')).toBeInTheDocument();
  expect(screen.getByText(/请输入应用（客户端）ID/)).toBeInTheDocument();
  expect(screen.getByRole('textbox', { name: '表格名称' })).toHaveValue('附件2');
  expect(host.appended).toHaveLength(0);

  fireEvent.change(screen.getByRole('textbox', { name: '附件2 共享工作簿链接' }), { target: { value: LINK } });
  fireEvent.change(screen.getByRole('textbox', { name: '应用（客户端）ID' }), { target: { value: CLIENT_ID } });
  fireEvent.click(screen.getByRole('button', { name: '测试连接' }));
  const ok = await screen.findByText('已打开工作簿：表“附件2”的列与附件2 一致，已有 2 行');
  expect(ok.closest('[role="status"]')).not.toBeNull();
  const tested = { kind: 'graph', table: '附件2', workbookUrl: LINK, clientId: CLIENT_ID, driveId: 'b!drive', driveItemId: '01ITEM' };
  // a successful test saves the settings with the workbook, the resolved ids included, no token
  await waitFor(() => expect(host.saved.at(-1)?.destination).toEqual(tested));
  expect(JSON.stringify(host.saved)).not.toMatch(/token/i);

  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  expect(await screen.findByText('已追加到 OneDrive 工作簿（序号 3）。')).toBeInTheDocument();
  expect(host.appended[0].destination).toEqual(tested);
  // the test's row count is out of date once a row was appended
  await waitFor(() => expect(screen.queryByText(/已有 2 行/)).toBeNull());
});

test('Test connection says what is wrong in words; an append shows Graph’s waits and reports a collapsed duplicate', async () => {
  const host = await openReview({
    stored: { engine: {}, destination: { kind: 'graph', table: '附件2', workbookUrl: LINK, clientId: CLIENT_ID } },
    graphCheck: () => ({ ok: false, text: { zh: '没有写入该工作簿的权限：请工作簿所有者给你“可编辑”的共享链接', en: 'no permission' } }),
    appendResult: () => ({ where: { zh: '已追加到共享工作簿（序号 1）', en: 'appended to the shared workbook (No. 1)' }, seq: 1, updated: false, duplicatesRemoved: 1 }),
    appendProgress: [{ zh: 'Microsoft Graph 繁忙，90 秒后重试（第 1 次）…', en: 'busy' }],
  });
  await build();
  expect(screen.getByRole('radio', { name: 'Microsoft 365 工作簿（Graph）' })).toBeChecked();
  expect(screen.getByRole('textbox', { name: '应用（客户端）ID' })).toHaveValue(CLIENT_ID);
  fireEvent.click(screen.getByRole('button', { name: '测试连接' }));
  expect(await screen.findByText(/没有写入该工作簿的权限/)).toBeInTheDocument();
  expect(screen.getByText('连接有问题')).toBeInTheDocument();
  expect(host.saved).toHaveLength(0);
  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  // while Graph asks to wait, the wait is shown
  expect(await screen.findByText('Microsoft Graph 繁忙，90 秒后重试（第 1 次）…')).toBeInTheDocument();
  expect(await screen.findByText('表中有 1 行与本项目重复（之前一次未确认的追加），已删除。')).toBeInTheDocument();
  expect(screen.queryByText(/90 秒后重试/)).toBeNull();
});

test('a failed append says why and what to do', async () => {
  const host = await openReview();
  await build();
  host.failures.appendReviewRow = hostError('401 Unauthorized: bad token', { status: 401 });
  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  const bar = await screen.findByRole('group', { name: '追加审核行失败，未写入任何内容' });
  expect(bar).toHaveTextContent('401 Unauthorized: bad token');
  expect(bar).toHaveTextContent('口令无效或已过期');
  expect(screen.queryByText(/^已追加到/)).toBeNull();
  expect(host.saved).toHaveLength(0);
});

test('a failed build is shown', async () => {
  const host = await openReview();
  host.failures.buildReviewRow = hostError('当前工作表不是附件1');
  fireEvent.click(await screen.findByRole('button', { name: '生成审核行' }));
  expect(await screen.findByRole('group', { name: '生成审核行失败' })).toHaveTextContent('当前工作表不是附件1');
});

test('without the review functions the view explains it is unavailable', async () => {
  await openReview({ noReview: true });
  expect(await screen.findByText('此环境不支持生成审核行。请在 Excel 中打开本加载项使用此功能。')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: '生成审核行' })).toBeNull();
});

test('in English', async () => {
  await openReview();
  fireEvent.click(screen.getByRole('button', { name: 'English', description: '切换到英文界面' }));
  const button = await screen.findByRole('button', { name: 'Build review row' });
  await waitFor(() => expect(button).toBeEnabled());
  fireEvent.click(button);
  expect(await screen.findByText('Total: 94')).toBeInTheDocument();
  expect(score('Submitted on time (10 pts)')).toHaveValue(9);
  expect(screen.getByText(/section 五 \(deviations and measures\) is empty: minus 5/)).toBeInTheDocument();
});

test('switching a disagreeing rate re-proposes the scores with the rubric and keeps the reviewer’s edits', async () => {
  const host = await openReview();
  await build();
  fireEvent.change(score('目标偏离及应对情况（30分）'), { target: { value: '28' } });
  fireEvent.click(screen.getByRole('button', { name: '改用计算值 86.3%' }));
  const data = screen.getByRole('heading', { name: '数据列' }).closest('section')!;
  expect(data).toHaveTextContent('绩效目标总体完成率86.3%（采用计算值）');
  expect(screen.getByRole('button', { name: '改用填报值 81%' })).toBeInTheDocument();
  expect(score('目标偏离及应对情况（30分）')).toHaveValue(28);
  expect(total()).toHaveTextContent('总分：97');
  expect(host.calls.filter((c) => c.method === 'buildReviewRow')).toHaveLength(1);
});

test('the live region says the row is built with its total, and why an append is refused', async () => {
  await openReview();
  await build();
  const status = screen.getByText(/^已生成审核行/);
  expect(status).toHaveAttribute('role', 'status');
  expect(status).toHaveTextContent('已生成审核行，总分 94。请核对后追加。');
  fireEvent.click(screen.getByRole('radio', { name: '审核服务器' }));
  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  expect(await screen.findByText('请先更正标红的输入项。')).toHaveAttribute('role', 'status');
});

test('a sheet with two forms: one row each, the reviewer picks the form, and 追加 sends that form’s row (issue 11)', async () => {
  // seed forms 2 and 3 stacked on one sheet, built with the real engine
  const rows = [...seedRows(readSeed('form2.tsv')), [], ...seedRows(readSeed('form3.tsv'))];
  const both = buildReviewRows(validateGrid(gridFromRows('两张表', rows)), { timely: 9 });
  expect(both.map((r) => r.budget)).toEqual([542, 3488]);
  const host = await openReview({ reviewRows: both });
  await build();
  expect(host.calls.some((c) => c.method === 'buildReviewRows')).toBe(true);
  const choice = screen.getByRole('combobox', { name: '本工作表有 2 张附件1，每张一行；选择要审核的一张' });
  const data = () => screen.getByRole('heading', { name: '数据列' }).closest('section')!;
  expect(data()).toHaveTextContent('调整后预算总数（万元）542');
  fireEvent.change(choice, { target: { value: '1' } });
  expect(data()).toHaveTextContent('塔什库尔干县职工基本医疗保险(含生育保险)基金支出');
  expect(data()).toHaveTextContent('调整后预算总数（万元）3,488');
  fireEvent.click(screen.getByRole('button', { name: '追加' }));
  await waitFor(() => expect(host.appended).toHaveLength(1));
  expect(appendedRow(host).budget).toBe(3488);
});
