/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// 审核一批 in the pane (jsdom): labelled file input, progress bar values, live status, the list,
// score edits that block a bad value, deselection, one append of the selected rows, an append that
// fails part-way, and closing the view dropping everything.
import '../helpers/jsdom-setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import type { Grid } from '../../src/core';
import type { ReportTable } from '../../src/review/findings-report';
import type { DestinationConfig } from '../../src/review/types';
import { encryptedWorkbook } from '../helpers/batch-files';
import { App } from '../../src/taskpane/App';
import { renderPane, tab } from '../helpers/render-pane';
import { type FakeHost, fakeHost, hostError } from '../helpers/fake-host';

// the reader decodes part names and XML with TextDecoder, which browsers have and jsdom does not expose
if (typeof globalThis.TextDecoder === 'undefined') Object.assign(globalThis, { TextDecoder: NodeTextDecoder, TextEncoder: NodeTextEncoder });

const EMPTY: Grid = { name: 'Sheet1', top: 0, left: 0, values: [] };
const FIX = join(__dirname, '..', '..', 'test', 'fixtures', 'xlsx');

/** What the file input hands over: a name and the bytes (jsdom's File has no arrayBuffer). */
function file(name: string, bytes: Uint8Array): File {
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer } as unknown as File;
}

const seed = (n: number) => new Uint8Array(readFileSync(join(FIX, `form${n}.xlsx`)));

async function openBatch(host: FakeHost): Promise<void> {
  renderPane(<App host={host} />);
  await waitFor(() => expect(screen.getByRole('button', { name: '校验' })).toBeEnabled());
  fireEvent.click(tab('审核行'));
  const open = await screen.findByRole('button', { name: '审核一批…' });
  await waitFor(() => expect(open).toBeEnabled());
  fireEvent.click(open);
  await screen.findByRole('button', { name: '选择文件…' });
}

async function pick(files: File[]): Promise<void> {
  fireEvent.change(screen.getByLabelText('要审核的工作簿'), { target: { files } });
  await screen.findByText(new RegExp(`^已读取 ${files.length} 个文件：`), undefined, { timeout: 15000 });
}

const item = (name: string) => screen.getAllByRole('listitem').find((li) => li.getAttribute('data-file') === name)!;

beforeEach(() => localStorage.clear());

test('reads the picked files, shows k / n on a labelled progress bar, lists each file, and appends the selected rows in one go', async () => {
  const host = fakeHost(EMPTY, { appendResult: () => ({ where: { zh: '已更新本工作簿“附件2”工作表第 7 行（序号 1）', en: 'updated row 7 (No. 1) of sheet "附件2" in this workbook' }, seq: 1, updated: true }) });
  await openBatch(host);
  await pick([file('form1.xlsx', seed(1)), file('form2.xlsx', seed(2)), file('locked.xlsx', encryptedWorkbook())]);

  const bar = screen.getByRole('progressbar');
  expect([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuemax'), bar.getAttribute('aria-valuetext')]).toEqual(['3', '3', '3 / 3']);
  expect(screen.getByText(/^已读取 3 个文件：2 张附件1，1 个文件无法读取；/).closest('[role="status"]')).not.toBeNull();
  expect(within(item('locked.xlsx')).getByText('已加密的工作簿，请先取消密码再校验')).toBeInTheDocument();
  expect(within(item('form2.xlsx')).getByText('7 个错误 · 15 个警告 · 7 个提示')).toBeInTheDocument();

  // form 1: out; form 2: 按时报送 edited — a bad value blocks the append, a good one is appended
  fireEvent.click(within(item('form1.xlsx')).getByRole('checkbox'));
  const f2 = within(item('form2.xlsx'));
  fireEvent.click(f2.getByRole('button', { name: '修改得分' }));
  const timely = f2.getByRole('spinbutton', { name: /按时报送（满分 10）/ });
  fireEvent.change(timely, { target: { value: '11' } });
  expect(f2.getByText('请输入 0 到 10 之间的数')).toBeInTheDocument();
  const append = screen.getByRole('button', { name: '追加所选 1 行' });
  expect(append).toBeDisabled();
  fireEvent.change(timely, { target: { value: '9' } });
  expect(f2.getByText(/总分 94$/)).toBeInTheDocument();
  await waitFor(() => expect(append).toBeEnabled());
  fireEvent.click(append);
  // one update: it says "updated 1", not "appended 0, updated 1"
  await screen.findByText(/^已更新 1 行（同一部门、项目与监控时点的行被更新，不会重复）。$/);
  expect(host.appended.map((a) => [a.row.project, a.row.scores.timely.value, a.row.total, a.destination])).toEqual([
    ['塔什库尔干县城乡居民养老保险基金支出', 9, 94, { kind: 'workbook', sheetName: '附件2' } satisfies DestinationConfig],
  ]);
  // the destination's sentence, with its verb once
  expect(f2.getByText('已更新本工作簿“附件2”工作表第 7 行（序号 1）')).toBeInTheDocument();
});

test('an append that fails part-way says which row, that the earlier rows were written and the later ones not sent', async () => {
  const host = fakeHost(EMPTY);
  await openBatch(host);
  await pick([file('form1.xlsx', seed(1)), file('form2.xlsx', seed(2)), file('form3.xlsx', seed(3))]);
  const realAppend = host.appendReviewRow!.bind(host);
  let n = 0;
  host.appendReviewRow = async (row, d) => {
    if (++n === 2) throw hostError('工作表受保护 / the sheet is protected');
    return realAppend(row, d);
  };
  fireEvent.click(screen.getByRole('button', { name: '追加所选 3 行' }));
  await screen.findByText(/^第 2 行（塔什库尔干县城乡居民养老保险基金支出）未能写入：.*之前的 1 行已写入，其后的行未发送。$/);
  expect(host.appended).toHaveLength(1);
});

test('closing the view drops the list; reopening starts empty', async () => {
  const host = fakeHost(EMPTY);
  await openBatch(host);
  await pick([file('form4.xlsx', seed(4))]);
  expect(screen.getAllByRole('listitem').filter((li) => li.hasAttribute('data-file'))).toHaveLength(1);
  fireEvent.click(screen.getByRole('button', { name: '关闭批量审核' }));
  fireEvent.click(screen.getByRole('button', { name: '审核一批…' }));
  await screen.findByRole('button', { name: '选择文件…' });
  expect(screen.queryByText('form4.xlsx')).toBeNull();
  expect(screen.queryByRole('progressbar')).toBeNull();
});

test('this workbook takes the selected rows in one call; when it refuses, the pane says no row was written', async () => {
  const host = fakeHost(EMPTY);
  const batches: number[] = [];
  host.appendReviewRows = async (rows) => {
    batches.push(rows.length);
    if (batches.length === 2) throw Object.assign(new Error('x'), { text: { zh: '工作表“附件2”受保护', en: 'sheet "附件2" is protected' } });
    return rows.map((_, i) => ({ where: { zh: `第 ${7 + i} 行`, en: `row ${7 + i}` }, seq: i + 1, updated: i === 0 }));
  };
  await openBatch(host);
  await pick([file('form1.xlsx', seed(1)), file('form2.xlsx', seed(2))]);
  fireEvent.click(screen.getByRole('button', { name: '追加所选 2 行' }));
  await screen.findByText(/^已写入 2 行：追加 1 行，更新 1 行/);
  fireEvent.click(screen.getByRole('button', { name: '追加所选 2 行' }));
  await screen.findByText('未写入任何行：工作表“附件2”受保护');
  expect(batches).toEqual([2, 2]);
  expect(host.appended).toHaveLength(0);
});

test('the findings go into this workbook as new sheets where the pane cannot download (Excel for Mac), the report’s tables in the pane’s language; a refusal is told', async () => {
  const host = fakeHost(EMPTY);
  const given: ReportTable[][] = [];
  host.addReportSheets = async (tables) => {
    given.push([...tables]);
    if (given.length === 2) throw Object.assign(new Error('x'), { text: { zh: '工作簿受保护，不能添加工作表', en: 'the workbook is protected' } });
    return { names: ['汇总 (2)', '问题清单'] };
  };
  await openBatch(host);
  await pick([file('form2.xlsx', seed(2)), file('locked.xlsx', encryptedWorkbook())]);
  expect(screen.getByText(/^Excel for Mac 中的加载项无法下载文件：/)).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: '写入本工作簿（新工作表）' }));
  await screen.findByText('已在本工作簿新建工作表 “汇总 (2)”、“问题清单”（29 个问题）。');
  // the tables are the report's, in the pane's language: 汇总 (form 2's sheet, the encrypted file, 合计) and one row per finding
  expect(given[0].map((t) => [t.name, t.rows.length])).toEqual([['汇总', 4], ['问题清单', 30]]);
  expect(given[0][0].rows[2]).toEqual(['locked.xlsx', null, '无法读取', null, null, null, '已加密的工作簿，请先取消密码再校验']);
  fireEvent.click(screen.getByRole('button', { name: '写入本工作簿（新工作表）' }));
  await screen.findByText('无法导出问题清单：工作簿受保护，不能添加工作表');
});

test('without the host member only the download is offered', async () => {
  const host = fakeHost(EMPTY);
  await openBatch(host);
  await pick([file('form2.xlsx', seed(2))]);
  expect(screen.getByRole('button', { name: '导出问题清单（.xlsx）' })).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: '写入本工作簿（新工作表）' })).toBeNull();
  expect(screen.queryByText(/^Excel for Mac/)).toBeNull();
});
