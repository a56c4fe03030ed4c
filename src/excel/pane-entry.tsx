/**
 * Entry of the task pane. In Office it waits for Office.onReady and gives the pane the Excel host;
 * a page without Office (the demo page, browser tests) can provide its own PaneHost as
 * `window.jixiaoPaneHost` (a PaneHost or a promise of one) before this script runs.
 * It lives in src/excel/ because it touches the `Office` global and picks the Excel host; the pane
 * itself (src/taskpane/) knows only its host contract (src/host/).
 *
 * The engine, the Excel module and the review code are not part of the first screen's JavaScript:
 * they load on the pane's first call to its host (the first 校验, or loading the settings just after
 * the first paint) or when the browser is idle after the first paint, whichever comes first.
 */
import { createRoot } from 'react-dom/client';
import { App, type View } from '../taskpane/App';
import type { PaneHost } from '../host';
import { type MsgKey, type Params, translate } from '../taskpane/i18n';
import type { OfficeThemeInfo } from '../taskpane/theme';

declare global {
  interface Window {
    jixiaoPaneHost?: PaneHost | Promise<PaneHost>;
    /** set by legacy.js on an Office too old to run the pane; it has shown its own message */
    jixiaoUnsupported?: boolean;
  }
}

/** `taskpane.html?view=review` — the ribbon's 生成审核行 opens the pane on the review view. */
function viewFromUrl(): View {
  const v = new URLSearchParams(window.location.search).get('view');
  return v === 'review' || v === 'settings' ? v : 'validate';
}

function rootElement(): HTMLElement {
  return document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
}

function render(host: PaneHost, officeTheme?: OfficeThemeInfo): void {
  createRoot(rootElement()).render(<App host={host} officeTheme={officeTheme} initialView={viewFromUrl()} />);
}

/** The Excel host, its module (engine, Excel, review) fetched on first use or when idle after the first paint. */
function lazyExcelHost(): PaneHost {
  let loaded: Promise<PaneHost> | undefined;
  const load = () => (loaded ??= import(/* webpackChunkName: "excel-host" */ './host').then((m) => m.createExcelHost()));
  const host: PaneHost = {
    validateAndMark: (settings) => load().then((h) => h.validateAndMark(settings)),
    clearMarks: () => load().then((h) => h.clearMarks()),
    applyFix: (finding) => load().then((h) => h.applyFix(finding)),
    selectCell: (sheet, cell) => load().then((h) => h.selectCell(sheet, cell)),
    loadSettings: () => load().then((h) => h.loadSettings()),
    saveSettings: (settings) => load().then((h) => h.saveSettings(settings)),
    buildReviewRow: (settings) => load().then((h) => h.buildReviewRow!(settings)),
    buildReviewRows: (settings) => load().then((h) => h.buildReviewRows!(settings)),
    appendReviewRow: (row, destination, onProgress) => load().then((h) => h.appendReviewRow!(row, destination, onProgress)),
    appendReviewRows: (rows, destination) => load().then((h) => h.appendReviewRows!(rows, destination)),
    addReportSheets: (tables) => load().then((h) => h.addReportSheets!(tables)),
    testGraphConnection: (destination) => load().then((h) => h.testGraphConnection!(destination)),
  };
  const idle = (cb: () => void) => (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(cb, { timeout: 2000 }) : window.setTimeout(cb, 200));
  window.setTimeout(() => idle(() => void load()), 0);
  return host;
}

/** A plain message in both languages in place of the pane (replaces the page's "loading" text). */
function say(key: MsgKey, params?: Params): void {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `${translate('zh', key, params)} / ${translate('en', key, params)}`;
  rootElement().replaceChildren(p);
}

function officeTheme(): OfficeThemeInfo | undefined {
  try {
    const theme = Office.context?.officeTheme as (Office.OfficeTheme & { isDarkTheme?: boolean }) | undefined;
    return theme ? { bodyBackgroundColor: theme.bodyBackgroundColor, isDarkTheme: theme.isDarkTheme } : undefined;
  } catch {
    return undefined; // officeTheme is not available in every host; the light theme is used
  }
}

if (window.jixiaoUnsupported) {
  // legacy.js replaced the pane with "please update Office": mount nothing
} else if (window.jixiaoPaneHost) {
  Promise.resolve(window.jixiaoPaneHost).then(
    (host) => render(host),
    (err: unknown) => say('startFailed', { detail: err instanceof Error ? err.message : String(err) }),
  );
} else if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady(() => render(lazyExcelHost(), officeTheme()));
} else {
  // Office.js did not load (offline, or the page was opened outside Office)
  say('officeMissing');
}
