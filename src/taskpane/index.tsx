/**
 * Entry of the task pane. In Office it waits for Office.onReady and gives the pane the Excel host;
 * a page without Office (the demo page, browser tests) can provide its own PaneHost as
 * `window.jixiaoPaneHost` (a PaneHost or a promise of one) before this script runs.
 * This is the only pane file that touches the `Office` global.
 */
import { createRoot } from 'react-dom/client';
import { createExcelHost } from '../excel/host';
import { App } from './App';
import type { PaneHost } from './host';
import type { OfficeThemeInfo } from './theme';

declare global {
  interface Window {
    jixiaoPaneHost?: PaneHost | Promise<PaneHost>;
  }
}

function render(host: PaneHost, officeTheme?: OfficeThemeInfo): void {
  const el = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
  createRoot(el).render(<App host={host} officeTheme={officeTheme} />);
}

function officeTheme(): OfficeThemeInfo | undefined {
  try {
    const theme = Office.context?.officeTheme as (Office.OfficeTheme & { isDarkTheme?: boolean }) | undefined;
    return theme ? { bodyBackgroundColor: theme.bodyBackgroundColor, isDarkTheme: theme.isDarkTheme } : undefined;
  } catch {
    return undefined; // officeTheme is not available in every host; the light theme is used
  }
}

if (window.jixiaoPaneHost) {
  Promise.resolve(window.jixiaoPaneHost).then(
    (host) => render(host),
    (err: unknown) => {
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = `无法启动面板 / The pane could not start: ${err instanceof Error ? err.message : String(err)}`;
      document.body.appendChild(p);
    },
  );
} else if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady(() => render(createExcelHost(), officeTheme()));
} else {
  const p = document.createElement('p');
  p.textContent = '请在 Excel 中打开此加载项。 / Open this add-in in Excel.';
  document.body.appendChild(p);
}
