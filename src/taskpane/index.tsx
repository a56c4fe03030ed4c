/**
 * Entry of the task pane. In Office it waits for Office.onReady and gives the pane the Excel host;
 * a page without Office (the demo page, browser tests) can provide its own PaneHost as
 * `window.jixiaoPaneHost` (a PaneHost or a promise of one) before this script runs.
 * This is the only pane file that touches the `Office` global.
 */
import { createRoot } from 'react-dom/client';
import { createExcelHost } from '../excel/host';
import { App, type View } from './App';
import type { PaneHost } from './host';
import { type MsgKey, type Params, translate } from './i18n';
import type { OfficeThemeInfo } from './theme';

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
  void Office.onReady(() => render(createExcelHost(), officeTheme()));
} else {
  // Office.js did not load (offline, or the page was opened outside Office)
  say('officeMissing');
}
