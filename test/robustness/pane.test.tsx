/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * The pane sends nothing where it should not and shows cell text as text: the real pane (App) on
 * the real Excel module over the in-memory Excel, with a sheet whose cells hold markup. During a
 * validate: no network call, nothing of the workbook in the console, the markup shown literally and
 * never turned into elements. Plus the static guarantees: the pages' Content-Security-Policy and the
 * manifest's permission. Where the pages' code may reach the network or the console, and that it
 * renders no raw HTML, are lint rules (eslint.config.mjs; test/lint-fences.test.ts shows they bite).
 */
import '../helpers/jsdom-setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createExcelHost } from '../../src/excel/host';
import { type ExcelSim, installExcelSim, workbookFromGrids } from '../../src/excel-sim';
import { App } from '../../src/taskpane/App';
import { renderPane } from '../helpers/render-pane';
import { CONSISTENT } from '../helpers/forms';
import { gridFromRows } from '../helpers/grid';

const ROOT = join(__dirname, '..', '..');
const XSS = '<img src=x onerror=alert(1)>';
const XSS2 = '<script>window.__pwned=1</script>';

/** CONSISTENT with markup as the department, as an indicator name (with a wrong rate, so a message names it) and as section 五. */
function hostileRows(): string[][] {
  const rows = CONSISTENT.map((r) => [...r]);
  rows[4][2] = XSS2;
  rows[13][3] = XSS;
  rows[13][6] = '50%';
  rows[19][1] = `${XSS} 偏差说明`;
  return rows;
}

describe('the pane on the in-memory Excel, with markup in the cells', () => {
  let sim: ExcelSim;
  const calls: { kind: string; args: unknown[] }[] = [];
  const spies: jest.SpyInstance[] = [];
  const realFetch = globalThis.fetch;

  beforeEach(() => {
    const grid = gridFromRows('附件1', hostileRows());
    sim = installExcelSim(workbookFromGrids([grid]));
    for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      spies.push(jest.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        calls.push({ kind: `console.${m}`, args });
      }));
    }
    // any network call is recorded and refused
    globalThis.fetch = ((...args: unknown[]) => {
      calls.push({ kind: 'fetch', args });
      return Promise.reject(new Error('network refused by the test'));
    }) as typeof fetch;
    spies.push(jest.spyOn(XMLHttpRequest.prototype, 'open').mockImplementation(function open(...args: unknown[]) {
      calls.push({ kind: 'xhr', args });
    }));
    if ('sendBeacon' in navigator) spies.push(jest.spyOn(navigator, 'sendBeacon').mockImplementation((...args: unknown[]) => {
      calls.push({ kind: 'beacon', args });
      return false;
    }));
  });

  afterEach(() => {
    for (const s of spies.splice(0)) s.mockRestore();
    globalThis.fetch = realFetch;
    sim.uninstall();
    calls.length = 0;
  });

  it('validates: the findings name the markup as literal text, no element is made from it, nothing is logged or sent', async () => {
    renderPane(<App host={createExcelHost()} />);
    const button = await screen.findByRole('button', { name: /^(校验|Validate)$/ });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    await screen.findByRole('heading', { name: /问题清单|Findings/ });

    // the rate mismatch of the indicator named by markup is listed, its name shown as typed
    const text = document.body.textContent ?? '';
    expect(text).toContain(`指标“${XSS}”的完成率填报为 50%`);
    // and no element came out of it
    expect(document.querySelectorAll('img[src="x"], script:not([src]), [onerror]')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) expect([el.tagName, a.name]).not.toEqual([el.tagName, expect.stringMatching(/^on/i)]);
    }

    // the marks are in the workbook (so validation really ran through Excel)
    expect(sim.stats.syncs).toBeGreaterThanOrEqual(2);
    // nothing of the workbook in the console, and no network call at all
    const values = hostileRows().flat().filter((v) => v.trim().length >= 4);
    const leaked = calls.filter((c) => c.kind.startsWith('console') && values.some((v) => JSON.stringify(c.args).includes(JSON.stringify(v).slice(1, -1))));
    expect(leaked).toEqual([]);
    expect(calls.filter((c) => !c.kind.startsWith('console'))).toEqual([]);
  });
});

describe('the pages and the manifest', () => {
  // the same settings webpack and the manifest generator use
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cfg = require('../../scripts/addin-config.cjs') as {
    resolveConfig(mode: string, env: Record<string, string>): Record<string, unknown>;
    contentSecurityPolicy(config: Record<string, unknown>): string;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderManifest } = require('../../scripts/build-manifest.cjs') as { renderManifest(config: Record<string, unknown>): string };

  const policy = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

  it.each([
    ['production, the review server on the add-in host', { ADDIN_ORIGIN: 'https://jixiao.czj.example.cn' }, ['https://jixiao.czj.example.cn']],
    ['production, a separate review server', { ADDIN_ORIGIN: 'https://addin.example.cn', REVIEW_SERVER_ORIGIN: 'https://review.example.cn:8443' }, ['https://addin.example.cn', 'https://review.example.cn:8443']],
  ])('CSP (%s): no inline or eval script; connect-src is the 附件2 destination, sign-in and Graph, nothing else', (_name, env, own) => {
    const p = policy(cfg.contentSecurityPolicy(cfg.resolveConfig('production', env)));
    expect(p.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(p.get('default-src')).toEqual(["'self'"]);
    expect(p.get('object-src')).toEqual(["'none'"]);
    expect(new Set(p.get('connect-src'))).toEqual(new Set(["'self'", ...own, 'https://login.microsoftonline.com', 'https://graph.microsoft.com']));
    const all = [...p.values()].flat();
    expect(all.filter((s) => s === '*' || s.startsWith('http:'))).toEqual([]);
    for (const d of ['script-src', 'connect-src', 'default-src']) {
      expect(p.get(d)!.filter((s) => /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|^\*|^https:$|^blob:|^data:/.test(s))).toEqual([]);
    }
  });

  it('the page template puts that CSP first and holds no inline script or event handler', () => {
    const html = readFileSync(join(ROOT, 'src/taskpane/taskpane.html'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="<%= csp %>" \/>/);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(tag).toMatch(/^<script src="[^"]+"><\/script>$/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('the built pages, when present, carry the same policy and no inline script', () => {
    const dist = join(ROOT, 'dist');
    let pages: string[] = [];
    try {
      pages = readdirSync(dist).filter((f) => f.endsWith('.html'));
    } catch {
      pages = [];
    }
    // dist/ is built by `npm run build` (test/build.test.ts builds it in CI); check whatever is there
    for (const page of pages) {
      const html = readFileSync(join(dist, page), 'utf8');
      const meta = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html);
      expect([page, !!meta]).toEqual([page, true]);
      const p = policy(meta![1].replace(/&#39;|&apos;/g, "'"));
      expect(p.get('script-src')!.join(' ')).not.toMatch(/unsafe/);
      expect(p.get('connect-src')!.filter((s) => !/^'self'$|^https:\/\/|^wss:\/\/localhost:3000$/.test(s))).toEqual([]);
      for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect([page, /<script\b[^>]*\bsrc=/.test(tag) && /><\/script>$/.test(tag)]).toEqual([page, true]);
    }
  });

  it('the manifest asks for ReadWriteDocument and nothing more', () => {
    for (const env of [{}, { ADDIN_ORIGIN: 'https://jixiao.czj.example.cn' }] as Record<string, string>[]) {
      const xml = renderManifest(cfg.resolveConfig('production', env));
      expect(xml.match(/<Permissions>[^<]*<\/Permissions>/g)).toEqual(['<Permissions>ReadWriteDocument</Permissions>']);
      expect(xml).not.toMatch(/ReadWriteMailbox|ReadItem|<Scopes>|<Scope>|WebApplicationInfo|<Permissions>Restricted/);
    }
    const committed = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
    expect(committed.match(/<Permissions>[^<]*<\/Permissions>/g)).toEqual(['<Permissions>ReadWriteDocument</Permissions>']);
  });
});
