/**
 * The demo page: loads the workbook the demo server read (/model.json), draws the active sheet with
 * sheet tabs, and opens the built task pane (/taskpane.html) in an iframe. The pane's frame installs
 * the in-memory Excel over this same workbook (office-sim.ts) and calls `changed` after every
 * Excel.run, so marks, notes, fixes and the 附件2 sheet show here as the pane writes them.
 */
import type { SimWorkbook } from '../excel-sim/model';
import { renderSheet } from './grid';
import { workbookFromJson, type WorkbookJson } from './model-json';
import type { DemoBridge } from './office-sim';

/** What the demo server tells the page (GET /demo-info.json). */
export interface DemoInfo {
  file: string;
  /** the review server destination: this page's origin (the demo forwards /api/ to `jixiao serve`) */
  reviewServer?: { url: string; token: string };
  /** the Graph destination, served by the demo's Graph double (src/review/graph-double.ts) */
  graph?: { link: string; table: string; clientId: string };
}

const $ = (id: string) => document.getElementById(id) as HTMLElement;

function drawTabs(model: SimWorkbook, onPick: (name: string) => void): void {
  const tabs = $('tabs');
  tabs.replaceChildren();
  for (const s of model.sheets) {
    if (s.visibility !== 'Visible') continue;
    const b = document.createElement('button');
    b.type = 'button';
    b.role = 'tab';
    b.textContent = s.name;
    b.setAttribute('aria-selected', String(s.name === model.active));
    b.addEventListener('click', () => onPick(s.name));
    tabs.appendChild(b);
  }
}

async function main(): Promise<void> {
  const [wbJson, info] = await Promise.all([
    fetch('/model.json').then((r) => {
      if (!r.ok) throw new Error(`/model.json: HTTP ${r.status}`);
      return r.json() as Promise<WorkbookJson>;
    }),
    fetch('/demo-info.json').then((r) => r.json() as Promise<DemoInfo>),
  ]);
  const model = workbookFromJson(wbJson);
  let lastSyncs = 0;
  let lastSelection = '';

  const draw = (stats?: { syncs: number; runs: number }) => {
    let sheet = model.sheets.find((s) => s.name === model.active);
    if (!sheet) {
      sheet = model.sheets[0];
      model.active = sheet.name;
    }
    renderSheet($('grid') as HTMLTableElement, sheet, model.selection);
    drawTabs(model, (name) => {
      model.active = name;
      model.selection = { sheet: name, address: 'A1' };
      draw();
      $('scroll').scrollTo(0, 0);
    });
    const sel = `${model.selection.sheet}!${model.selection.address}`;
    if (sel !== lastSelection) {
      lastSelection = sel;
      document.querySelector('#grid td.selected')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    if (stats) {
      $('status').textContent =
        `Excel.run: ${stats.runs} · context.sync: ${stats.syncs}（上一次操作 / last operation: ${stats.syncs - lastSyncs}）· ` +
        `当前工作表 / active sheet: ${model.active}`;
      lastSyncs = stats.syncs;
    } else {
      $('status').textContent = `当前工作表 / active sheet: ${model.active}`;
    }
  };

  const bridge: DemoBridge = { model, changed: (stats) => draw(stats) };
  window.jixiaoDemo = bridge;
  $('file').textContent = `工作簿 / workbook: ${info.file}`;
  if (info.reviewServer) {
    const s = $('server');
    s.append('审核服务器目标 / review-server destination: ');
    const url = document.createElement('code');
    url.textContent = info.reviewServer.url;
    const tok = document.createElement('code');
    tok.textContent = info.reviewServer.token;
    s.append(url, ' 令牌 / token: ', tok);
    try {
      // the pane keeps the review server's token in this computer's storage, keyed by URL (token-store.ts)
      localStorage.setItem(`jixiao-check.token:${info.reviewServer.url}`, info.reviewServer.token);
    } catch {
      // storage disabled: type the token shown above
    }
  }
  if (info.graph) {
    const g = $('graph');
    const code = (t: string) => {
      const c = document.createElement('code');
      c.textContent = t;
      return c;
    };
    g.append('Graph 目标（本地替身，不是 Microsoft Graph）/ Graph destination (a local double, not Microsoft Graph): ', code(info.graph.link), ' 表 / table: ', code(info.graph.table), ' 应用 ID / client id: ', code(info.graph.clientId));
  }
  draw();
  ($('pane') as HTMLIFrameElement).src = '/taskpane.html';
}

main().catch((e: unknown) => {
  const st = document.getElementById('status');
  if (st) {
    st.setAttribute('role', 'alert');
    st.textContent = `演示页面无法加载 / the demo page could not load: ${e instanceof Error ? e.message : String(e)}`;
  }
});
