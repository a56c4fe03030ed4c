/**
 * The pane's way to the Graph destination (destinations.ts): the client id reaches the sign-in, the
 * demo host's stand-in sign-in routes to its Graph double, and Test connection answers in words.
 * Against the strict Graph double (src/review/graph-double.ts), not Microsoft Graph.
 */
import { join } from 'node:path';
import { validateGrid } from '../../src/core';
import { readWorkbookFile } from '../../src/node/xlsx';
import { buildReviewRow } from '../../src/review/build';
import { appendToDestination, testGraphDestination } from '../../src/review/destinations';
import { GraphDouble } from '../../src/review/graph-double';
import type { ReviewRow } from '../../src/review/types';

const LINK = 'https://contoso.sharepoint.com/:x:/s/finance/Eb-test?e=1';
let g: GraphDouble;
let row: ReviewRow;
const w = globalThis as unknown as { window?: { jixiaoDemoSignIn?: unknown } };

beforeAll(async () => {
  const { grids } = await readWorkbookFile(join(__dirname, '..', '..', 'test', 'fixtures', 'xlsx', 'seed-all.xlsx'));
  row = buildReviewRow(validateGrid(grids[0]), { timely: 9 });
});
beforeEach(async () => {
  g = new GraphDouble({ shareUrl: LINK });
  await g.listen();
});
afterEach(async () => {
  delete w.window;
  await g.close();
});

it('without a client id the pane is told to give one; with one, the host’s sign-in is asked (and here, outside Office, says so)', async () => {
  await expect(appendToDestination(row, { kind: 'graph', table: '附件2', workbookUrl: LINK })).rejects.toThrow(/应用（客户端）ID/);
  const check = await testGraphDestination({ kind: 'graph', table: '附件2', workbookUrl: LINK, clientId: '11111111-2222-3333-4444-555555555555' }, { signInHost: {} });
  expect(check).toEqual({ ok: false, text: expect.objectContaining({ zh: expect.stringContaining('在 Excel 中使用加载项') }) });
});

it('the demo host’s stand-in sign-in and Graph address are used when present: test, then append', async () => {
  const asked: string[] = [];
  w.window = { jixiaoDemoSignIn: { graphBase: g.base, tokens: { getToken: async (s: string[]) => (asked.push(s.join(' ')), g.issueToken(s)) } } };
  const dest = { kind: 'graph' as const, table: '附件2', workbookUrl: LINK, clientId: '11111111-2222-3333-4444-555555555555' };
  const check = await testGraphDestination(dest);
  expect(check).toMatchObject({ ok: true, driveId: 'b!demo-drive', driveItemId: '01DEMOITEM' });
  const res = await appendToDestination(row, { ...dest, driveId: check.driveId, driveItemId: check.driveItemId });
  expect(res).toMatchObject({ seq: 1, updated: false });
  expect(g.values()).toHaveLength(1);
  expect(asked[0]).toBe('Files.ReadWrite.All');
});

it('a 21Vianet link is answered in words, before any request', async () => {
  const check = await testGraphDestination({ kind: 'graph', table: '附件2', workbookUrl: 'https://contoso.sharepoint.cn/:x:/s/f/abc', clientId: '11111111-2222-3333-4444-555555555555' }, { graphTokens: { getToken: async () => 'x' } });
  expect(check.ok).toBe(false);
  expect(check.text.zh).toContain('世纪互联');
  expect(g.log).toHaveLength(0);
});
