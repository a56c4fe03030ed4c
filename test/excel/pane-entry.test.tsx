/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The entry: Office.onReady → the Excel host and Office's theme; a page's own PaneHost; no Office at all.
import '../helpers/jsdom-setup';
import { screen, waitFor } from '@testing-library/react';
import { webDarkTheme } from '@fluentui/react-components';
import type { PaneHost } from '../../src/host';
import { fakeHost } from '../helpers/fake-host';

const excelHost = fakeHost({ name: 'S', top: 0, left: 0, values: [] });
jest.mock('../../src/excel/host', () => ({ createExcelHost: () => excelHost }));

const g = globalThis as unknown as { Office?: unknown };

beforeEach(() => {
  document.body.innerHTML = '<div id="root"><p>正在加载… Loading…</p></div>';
  delete g.Office;
  delete window.jixiaoPaneHost;
  delete window.jixiaoUnsupported;
  window.history.replaceState(null, '', '/taskpane.html');
  excelHost.calls.length = 0;
});

/** Let the entry's promises (host, onReady, loadSettings) and React's rendering run. */
const settle = () => new Promise((r) => setTimeout(r, 50));

type Act = (fn: () => Promise<void>) => Promise<void>;

/**
 * Run the entry in a fresh module registry (it starts on import) and return that registry's
 * React `act`, so updates of the pane it renders are awaited inside act.
 */
async function start(): Promise<Act> {
  let isolatedAct: Act = async (fn) => fn();
  await jest.isolateModulesAsync(async () => {
    const react = await import('react');
    isolatedAct = react.act as unknown as Act;
    await isolatedAct(async () => {
      await import('../../src/excel/pane-entry');
      await settle();
    });
  });
  return isolatedAct;
}

test('in Office: waits for onReady, then renders the pane over the Excel host with Office\'s dark theme', async () => {
  let ready: () => void = () => undefined;
  g.Office = {
    onReady: (cb: () => void) => new Promise<void>((r) => (ready = () => { cb(); r(); })),
    context: { officeTheme: { bodyBackgroundColor: '#262626' } },
  };
  const act = await start();
  expect(screen.getByText('正在加载… Loading…')).toBeInTheDocument();
  expect(excelHost.calls).toHaveLength(0);
  await act(async () => {
    ready();
    await settle();
  });
  expect(await screen.findByRole('button', { name: '校验' })).toBeInTheDocument();
  expect(screen.queryByText('正在加载… Loading…')).toBeNull();
  await waitFor(() => expect(excelHost.calls.map((c) => c.method)).toContain('loadSettings'));
  // Fluent's dark theme tokens are in force
  const rules = Array.from(document.styleSheets).flatMap((sheet) => Array.from(sheet.cssRules).map((r) => r.cssText)).join('\n');
  expect(rules).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`);
});

test('a page without Office can provide its own PaneHost', async () => {
  const own = fakeHost({ name: 'S', top: 0, left: 0, values: [] });
  window.jixiaoPaneHost = Promise.resolve<PaneHost>(own);
  await start();
  expect(await screen.findByRole('button', { name: '校验' })).toBeInTheDocument();
  await waitFor(() => expect(own.calls.map((c) => c.method)).toContain('loadSettings'));
  expect(excelHost.calls).toHaveLength(0);
});

test('without Office.js the page says so instead of staying blank', async () => {
  await start();
  expect(screen.getByRole('alert')).toHaveTextContent('未能加载 Office.js：请在 Excel 中打开此加载项，并检查网络连接。 / Office.js did not load');
  expect(screen.queryByText('正在加载… Loading…')).toBeNull();
});

test('a host page whose PaneHost fails to start gets the reason', async () => {
  window.jixiaoPaneHost = Promise.reject(new Error('demo workbook missing'));
  await start();
  expect(await screen.findByRole('alert')).toHaveTextContent('无法启动面板：demo workbook missing / The pane could not start: demo workbook missing');
});

test('the ribbon’s 生成审核行 opens the pane on the review view (taskpane.html?view=review)', async () => {
  window.history.replaceState(null, '', '/taskpane.html?view=review');
  window.jixiaoPaneHost = fakeHost({ name: 'S', top: 0, left: 0, values: [] });
  await start();
  expect(await screen.findByRole('tab', { name: '审核行', selected: true })).toBeInTheDocument();
});

test('on an Office too old for the pane, legacy.js has shown its message and nothing is mounted', async () => {
  document.body.innerHTML = '<div id="root"><p>请更新 Office</p></div>';
  window.jixiaoUnsupported = true;
  window.jixiaoPaneHost = fakeHost({ name: 'S', top: 0, left: 0, values: [] });
  await start();
  expect(screen.getByText('请更新 Office')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: '校验' })).toBeNull();
});
