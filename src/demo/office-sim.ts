/**
 * Loaded by the demo's taskpane.html in place of Office.js (a classic script that runs before the
 * pane's deferred bundles). It installs the in-memory Excel (src/excel-sim) as `Office` / `Excel`,
 * so the unchanged pane and Excel module run against it.
 *
 * Inside the demo page's iframe it uses the page's workbook (window.parent.jixiaoDemo.model) and
 * tells the page after every Excel.run so the grid re-renders. Opened on its own (the bench's
 * first-render measurement), it fetches /model.json and runs without a grid.
 */
import { installExcelSim, type ExcelSim } from '../excel-sim';
import type { SimWorkbook } from '../excel-sim/model';
import { workbookFromJson, type WorkbookJson } from './model-json';
import type {} from '../review/naa';

/** What the demo page offers the pane's frame. */
export interface DemoBridge {
  model: SimWorkbook;
  /** called after every Excel.run (the model may have changed) */
  changed(stats: { syncs: number; runs: number }): void;
}

declare global {
  interface Window {
    jixiaoDemo?: DemoBridge;
    jixiaoSim?: ExcelSim;
  }
}

function parentBridge(): DemoBridge | undefined {
  try {
    return window.parent !== window ? window.parent.jixiaoDemo : undefined;
  } catch {
    return undefined; // a cross-origin parent: run on our own
  }
}

const bridge = parentBridge();
const model: SimWorkbook = bridge
  ? bridge.model
  : { sheets: [], active: 'Sheet1', settings: new Map(), selection: { sheet: 'Sheet1', address: 'A1' }, excelApiMinor: 18 };

const ready: Promise<void> = bridge
  ? Promise.resolve()
  : fetch('/model.json')
      .then((r) => {
        if (!r.ok) throw new Error(`/model.json: HTTP ${r.status}`);
        return r.json() as Promise<WorkbookJson>;
      })
      .then((j) => {
        Object.assign(model, workbookFromJson(j));
      });

const sim = installExcelSim(model);

// The demo stands in for the host's sign-in too (src/review/naa.ts, DemoSignIn): tokens for the Graph
// double this demo serves at /graph/v1.0, with the scopes the pane asks for.
window.jixiaoDemoSignIn = {
  graphBase: `${location.origin}/graph/v1.0`,
  tokens: {
    getToken: async (scopes: string[]) => {
      const r = await fetch(`/graph-demo/token?scopes=${encodeURIComponent(scopes.join(' '))}`);
      if (!r.ok) throw new Error(`/graph-demo/token: HTTP ${r.status}`);
      return ((await r.json()) as { accessToken: string }).accessToken;
    },
  },
};
window.jixiaoSim = sim;

// Tell the page after every batch, whether it succeeded or not.
const run = sim.excel.run.bind(sim.excel);
sim.excel.run = async <T>(batch: Parameters<typeof run<T>>[0]): Promise<T> => {
  try {
    return await run(batch);
  } finally {
    bridge?.changed({ syncs: sim.stats.syncs, runs: sim.stats.runs });
  }
};

// Office.onReady(callback) calls back once the host is ready and also resolves with the host info.
const office = (window as unknown as { Office: { onReady: (cb?: (info: unknown) => void) => Promise<unknown> } }).Office;
const onReady = office.onReady.bind(office);
office.onReady = async (cb?: (info: unknown) => void) => {
  await ready;
  const info = await onReady();
  cb?.(info);
  return info;
};
