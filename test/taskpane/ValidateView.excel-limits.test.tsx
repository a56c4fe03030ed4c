/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The pane with the real Excel module on the simulator's host profiles: what it shows when Excel's
// limits make the host read in parts or mark differently (docs/excel-limits.md).
import '../helpers/jsdom-setup';
import path from 'node:path';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { type ExcelSim, applyProfile, cellFor, findSheet, installExcelSim } from '../../src/excel-sim';
import { workbookFromXlsxFile } from '../../src/excel-sim/exceljs';
import { createExcelHost } from '../../src/excel/host';
import { App } from '../../src/taskpane/App';
import type { PaneHost, ReadProgress, ValidateOutcome } from '../../src/host';
import { renderPane } from '../helpers/render-pane';

const FORM2 = path.join(__dirname, '../../test/fixtures/xlsx/form2.xlsx');

let sim: ExcelSim | undefined;
afterEach(() => {
  sim?.uninstall();
  sim = undefined;
});

async function clickValidate() {
  const button = await screen.findByRole('button', { name: /^(校验|Validate)$/ });
  await waitFor(() => expect(button).toBeEnabled());
  fireEvent.click(button);
}

test('a long read shows its progress line while it runs', async () => {
  const real = createExcelHost();
  let finish: (o: ValidateOutcome) => void = () => undefined;
  let report: (p: ReadProgress) => void = () => undefined;
  const host: PaneHost = {
    ...real,
    loadSettings: async () => ({ engine: {} }),
    validateAndMark: (_s, opts) => {
      report = (p) => opts?.onProgress?.(p);
      return new Promise<ValidateOutcome>((resolve) => {
        finish = resolve;
      });
    },
  };
  renderPane(<App host={host} />);
  await clickValidate();
  report({ done: 2, total: 5, rows: 20000 });
  expect(await screen.findByText('正在分段读取工作表：第 2/5 段（共 20000 行）…')).toBeInTheDocument();
  finish({ result: { sheet: 'x', recognized: false, findings: [], reason: { zh: '不是附件1', en: 'not a form' } }, marked: 0, markMode: 'fill', syncs: 6 } as unknown as ValidateOutcome);
  await waitFor(() => expect(screen.queryByText(/正在分段读取/)).not.toBeInTheDocument());
});

test('on Excel on the web with a gradient cell and a user\'s comment, the pane says what was done instead', async () => {
  const model = applyProfile(await workbookFromXlsxFile(FORM2), 'web');
  const sheet = findSheet(model, model.active)!;
  Object.assign(cellFor(sheet, 7, 7), { fill: '#4472C4', fillPattern: 'LinearGradient' }); // H8
  cellFor(sheet, 11, 6).comment = '请核对'; // G12
  sim = installExcelSim(model);
  renderPane(<App host={createExcelHost()} />);
  await clickValidate();
  expect(await screen.findByText('1 个单元格为渐变填充，Excel 不允许加载项恢复渐变，因此未改动其底色（说明仍已添加）。')).toBeInTheDocument();
  expect(screen.getByText('1 个单元格已有他人的批注或备注，未添加说明，只加了底色。')).toBeInTheDocument();
});
