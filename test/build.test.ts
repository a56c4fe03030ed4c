/**
 * `npm run build` for real (webpack production, into a temporary folder): the pages carry the
 * Content-Security-Policy of issue 6 and no inline script, load Office.js from Microsoft's CDN,
 * the pane's first screen stays within design §8's 150 KB gzip, every script is ES2019 (the level
 * legacy.js checks for, libraries included), and dist/ holds the production
 * manifest for ADDIN_ORIGIN with its icons.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import webpack from 'webpack';
import { JSDOM } from 'jsdom';
import { parse } from 'acorn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require('../webpack.config.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderManifest } = require('../scripts/build-manifest.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveConfig, OFFICE_JS_CDN } = require('../scripts/addin-config.cjs');

const ORIGIN = 'https://jixiao.finance.example.cn';
const REVIEW = 'https://review.finance.example.cn';
const BUDGET_GZIP = 150 * 1024;

let out: string;
let stats: webpack.Stats;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-build-'));
  const saved = { a: process.env.ADDIN_ORIGIN, r: process.env.REVIEW_SERVER_ORIGIN };
  process.env.ADDIN_ORIGIN = ORIGIN;
  process.env.REVIEW_SERVER_ORIGIN = REVIEW;
  const config = webpackConfig({}, { mode: 'production' });
  if (saved.a === undefined) delete process.env.ADDIN_ORIGIN;
  else process.env.ADDIN_ORIGIN = saved.a;
  if (saved.r === undefined) delete process.env.REVIEW_SERVER_ORIGIN;
  else process.env.REVIEW_SERVER_ORIGIN = saved.r;
  config.output.path = out;
  config.devtool = false;
  stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err ?? new Error('no stats')) : resolve(s))),
  );
}, 360_000); // a production build takes 1–3 minutes on a busy 2-core machine

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

function page(name: string): Document {
  return new JSDOM(fs.readFileSync(path.join(out, name), 'utf8')).window.document;
}

function csp(doc: Document): Map<string, string[]> {
  const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const map = new Map<string, string[]>();
  for (const d of (meta?.getAttribute('content') ?? '').split(';')) {
    const [name, ...values] = d.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

/** Local scripts a page loads at start, with raw and gzip sizes. */
function initialScripts(doc: Document): { file: string; raw: number; gzip: number }[] {
  return Array.from(doc.querySelectorAll('script[src]'))
    .map((s) => s.getAttribute('src') ?? '')
    .filter((src) => src.startsWith('/'))
    .map((src) => {
      const data = fs.readFileSync(path.join(out, src));
      return { file: src.slice(1), raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
    });
}

it('compiles without errors', () => {
  expect(stats.hasErrors() ? stats.toString({ all: false, errors: true }) : '').toBe('');
});

describe.each(['taskpane.html', 'commands.html', 'dialog.html', 'auth.html'])('%s', (name) => {
  it('has a CSP allowing scripts only from itself and the Office CDN, and connections only to the chosen hosts', () => {
    const policy = csp(page(name));
    expect(policy.get('script-src')).toEqual(["'self'", new URL(OFFICE_JS_CDN).origin]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(new Set(policy.get('connect-src'))).toEqual(
      new Set(["'self'", ORIGIN, REVIEW, 'https://login.microsoftonline.com', 'https://graph.microsoft.com']),
    );
    // MSAL's hidden-iframe token renewal needs the sign-in host as a frame source, and nothing else
    expect(policy.get('frame-src')).toEqual(['https://login.microsoftonline.com']);
  });

  it('has no inline script or event-handler attribute, and loads Office.js from the CDN first', () => {
    const doc = page(name);
    const scripts = Array.from(doc.querySelectorAll('script'));
    for (const s of scripts) {
      expect(s.getAttribute('src')).toBeTruthy();
      expect(s.textContent?.trim()).toBe('');
    }
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      expect(Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => a.name)).toEqual([]);
    }
    expect(scripts[0].getAttribute('src')).toBe(OFFICE_JS_CDN);
    expect(scripts[0].hasAttribute('defer') || scripts[0].hasAttribute('async')).toBe(false);
    // the ES5 check runs before the deferred bundles
    const legacy = scripts.find((s) => s.getAttribute('src') === '/legacy.js');
    expect(legacy?.hasAttribute('defer')).toBe(false);
    for (const s of scripts.filter((x) => x !== scripts[0] && x !== legacy)) expect(s.hasAttribute('defer')).toBe(true);
  });
});

it(`keeps the task pane's initial JavaScript within ${BUDGET_GZIP / 1024} KB gzip`, () => {
  const files = initialScripts(page('taskpane.html'));
  const gzip = files.reduce((n, f) => n + f.gzip, 0);
  expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(['legacy.js']));
  expect(files.length).toBeGreaterThanOrEqual(3); // vendors + pane + legacy check
  expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP);
});

it('keeps React and Fluent UI out of the ribbon function file and the dialog', () => {
  const hasReact = (file: string) => fs.readFileSync(path.join(out, file), 'utf8').includes('react.dev/errors');
  expect(initialScripts(page('taskpane.html')).some((f) => hasReact(f.file))).toBe(true);
  for (const name of ['commands.html', 'dialog.html']) {
    const files = initialScripts(page(name));
    expect({ name, withReact: files.filter((f) => hasReact(f.file)).map((f) => f.file) }).toEqual({ name, withReact: [] });
  }
  const dialogGzip = initialScripts(page('dialog.html')).reduce((n, f) => n + f.gzip, 0);
  expect(dialogGzip).toBeLessThan(20 * 1024);
});

it("emits only ES2019 JavaScript, which is what legacy.js checks the engine for", () => {
  const js = fs.readdirSync(out).filter((f) => f.endsWith('.js'));
  expect(js.length).toBeGreaterThanOrEqual(5);
  const notEs2019 = js.filter((f) => {
    try {
      parse(fs.readFileSync(path.join(out, f), 'utf8'), { ecmaVersion: 2019, sourceType: 'script' });
      return false;
    } catch {
      return true;
    }
  });
  expect(notEs2019).toEqual([]);
});

it('writes the production manifest for ADDIN_ORIGIN, with the icons and the ES5 check beside it', () => {
  const manifest = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
  expect(manifest).toBe(renderManifest(resolveConfig('production', { ADDIN_ORIGIN: ORIGIN })));
  expect(manifest).not.toContain('localhost');
  for (const f of ['assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png', 'legacy.js']) {
    expect(fs.existsSync(path.join(out, f))).toBe(true);
  }
});
