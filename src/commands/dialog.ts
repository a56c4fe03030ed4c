/**
 * dialog.html: the small window the 校验 ribbon button opens with its summary. Plain DOM (no React,
 * no Fluent) so it opens at once; every text goes in as a text node, never as HTML.
 */
import { decodeSummary, summaryText, type SummaryText } from './summary';

const TONE_COLOURS: Record<SummaryText['tone'], string> = {
  ok: '#107c10',
  problems: '#c50f1f',
  'not-recognized': '#8a5a00',
  error: '#c50f1f',
};

/** Office.js initialises in the background; the text is shown without waiting for it. */
const officeReady: Promise<unknown> = typeof Office !== 'undefined' ? Office.onReady() : Promise.resolve();

function closeDialog(): void {
  void officeReady.then(() => {
    if (typeof Office !== 'undefined' && Office.context && Office.context.ui) Office.context.ui.messageParent('close');
    else window.close();
  });
}

export function renderSummary(root: HTMLElement, fragment: string): SummaryText {
  const summary = decodeSummary(fragment);
  const text: SummaryText = summary
    ? summaryText(summary)
    : {
        tone: 'error',
        title: '没有可显示的校验结果 / No result to show',
        lines: ['请在“开始”选项卡点击“校验”。', 'Select Validate on the Home tab.'],
        close: '关闭 / Close',
      };
  document.documentElement.lang = summary?.lang === 'en' ? 'en' : 'zh-CN';
  document.title = text.title;
  while (root.firstChild) root.removeChild(root.firstChild);
  root.style.fontFamily = '"Microsoft YaHei", "PingFang SC", "Segoe UI", sans-serif';
  root.style.padding = '12px 16px';
  root.style.lineHeight = '1.6';
  const h = document.createElement('h1');
  h.textContent = text.title;
  h.style.fontSize = '18px';
  h.style.margin = '0 0 8px';
  h.style.color = TONE_COLOURS[text.tone];
  root.appendChild(h);
  const body = document.createElement('div');
  body.setAttribute('role', text.tone === 'error' ? 'alert' : 'status');
  for (const line of text.lines) {
    const p = document.createElement('p');
    p.textContent = line;
    p.style.margin = '0 0 6px';
    body.appendChild(p);
  }
  root.appendChild(body);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = text.close;
  button.style.marginTop = '8px';
  button.style.padding = '4px 20px';
  button.addEventListener('click', closeDialog);
  root.appendChild(button);
  button.focus();
  return text;
}

function start(): void {
  if (window.jixiaoUnsupported) return; // legacy.js has shown its message
  const root = document.getElementById('root');
  if (!root) return;
  renderSummary(root, window.location.hash);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDialog();
  });
}

start();
