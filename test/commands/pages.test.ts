/** @jest-environment jsdom */
/**
 * The pages' own scripts in a DOM: legacy.js (old Internet-Explorer-based Office gets a plain
 * "please update" page, and the 校验 button still answers), and dialog.html's rendering (cell
 * and sheet text always shown as text, never as HTML).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { renderSummary } from '../../src/commands/dialog';
import { encodeSummary } from '../../src/commands/summary';

const LEGACY = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'taskpane', 'legacy.js'), 'utf8');
const IE11 = 'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko';
const EDGE_HTML = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041';
const WEBVIEW2 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';

type W = Omit<Window, 'fetch' | 'validateSheet'> & { jixiaoUnsupported?: boolean; validateSheet?: (e: unknown) => void; Office?: unknown; fetch?: unknown };

function page(name: string, userAgent: string) {
  Object.defineProperty(window.navigator, 'userAgent', { value: userAgent, configurable: true });
  const w = window as unknown as W;
  delete w.jixiaoUnsupported;
  delete w.validateSheet;
  delete w.Office;
  w.fetch = () => undefined; // present in every supported web view
  document.body.innerHTML = name === 'taskpane' ? '<div id="root"><p>正在加载…</p></div>' : '';
  document.body.setAttribute('data-page', name);
  new Function(LEGACY)();
  return w;
}

describe('legacy.js', () => {
  it('is plain ES5, so Internet Explorer can run it', () => {
    expect(() => parse(LEGACY, { ecmaVersion: 5 })).not.toThrow();
  });

  it.each([
    ['Internet Explorer 11', IE11],
    ['EdgeHTML 18', EDGE_HTML],
  ])('replaces the pane with a plain request to update Office on %s', (_name, ua) => {
    const w = page('taskpane', ua);
    expect(w.jixiaoUnsupported).toBe(true);
    expect(document.getElementById('root')).toBeNull(); // the bundle has nothing to mount on
    const alert = document.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('请更新 Office');
    expect(alert?.textContent).toContain('Please update Office');
  });

  it('leaves the page alone in a current web view', () => {
    const w = page('taskpane', WEBVIEW2);
    expect(w.jixiaoUnsupported).toBeUndefined();
    expect(document.getElementById('root')?.textContent).toBe('正在加载…');
  });

  it('treats an engine without fetch as unsupported even with a modern-looking user agent', () => {
    const w = page('taskpane', WEBVIEW2);
    delete w.jixiaoUnsupported;
    delete w.fetch;
    document.body.innerHTML = '<div id="root"></div>';
    new Function(LEGACY)();
    expect(w.jixiaoUnsupported).toBe(true);
  });

  it('makes the 校验 button open the update message and complete, on the function file of old Office', () => {
    const w = page('commands', IE11);
    const opened: string[] = [];
    let onClosed: (() => void) | undefined;
    w.Office = {
      EventType: { DialogEventReceived: 'dialogEventReceived' },
      context: {
        ui: {
          displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
            opened.push(url);
            cb({ status: 'succeeded', value: { addEventHandler: (_t: string, h: () => void) => (onClosed = h) } });
          },
        },
      },
    };
    let completed = 0;
    expect(typeof w.validateSheet).toBe('function');
    w.validateSheet?.({ completed: () => completed++ });
    expect(opened).toEqual([`${window.location.protocol}//${window.location.host}/dialog.html`]);
    expect(completed).toBe(0); // waits until the user closes the message
    onClosed?.();
    onClosed?.();
    expect(completed).toBe(1);
  });

  it('still completes the 校验 event when no dialog can be opened', () => {
    const w = page('commands', IE11);
    let completed = 0;
    w.validateSheet?.({ completed: () => completed++ }); // no Office global at all
    expect(completed).toBe(1);
  });
});

describe('dialog.html', () => {
  it('shows sheet names and messages from the workbook as text, never as markup', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const root = document.createElement('main');
    document.body.appendChild(root);
    const text = renderSummary(
      root,
      `#${encodeSummary({
        kind: 'result', lang: 'zh', sheet: evil, recognized: false,
        reason: { zh: `工作表“${evil}”不是附件1`, en: 'not a form' },
        counts: { error: 0, warning: 0, info: 0 }, marked: 0, markMode: 'notes',
      })}`,
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain(`工作表：${evil}`);
    expect(text.title).toBe('当前工作表不是附件1');
    expect(document.activeElement?.textContent).toBe('关闭'); // keyboard users land on the close button
  });

  it('says there is nothing to show when opened without a summary', () => {
    const root = document.createElement('main');
    const text = renderSummary(root, '');
    expect(text.tone).toBe('error');
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Select Validate on the Home tab.');
  });
});
