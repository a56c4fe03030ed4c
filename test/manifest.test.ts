/** @jest-environment jsdom */
/**
 * What Microsoft's XSDs cannot check about the add-in manifest (.ci/run runs xmllint for the rest):
 * every resid resolves to a resource of the right kind, URLs are HTTPS on the configured origin and
 * point at files webpack really emits, icons exist at their declared sizes, zh-CN with en-US
 * overrides everywhere, ReadWriteDocument and nothing more, and the three ribbon buttons.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const addinConfig = require('../scripts/addin-config.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderManifest } = require('../scripts/build-manifest.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require('../webpack.config.js');

const ROOT = path.join(__dirname, '..');
const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

interface Config {
  origin: string;
  mode: string;
  excelApiMinVersion: string;
}

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) throw new Error(`manifest is not well-formed XML: ${err.textContent}`);
  return doc;
}

const all = (doc: Document | Element, local: string): Element[] =>
  Array.from(doc.getElementsByTagNameNS('*', local));
const one = (doc: Document | Element, local: string): Element => {
  const found = all(doc, local);
  if (found.length !== 1) throw new Error(`expected one <${local}>, found ${found.length}`);
  return found[0];
};
const child = (el: Element, local: string): Element | undefined =>
  Array.from(el.children).find((c) => c.localName === local);

/** Which resource collection a resid on each element must resolve into. */
const RESID_KIND: Record<string, string> = {
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Description: 'LongStrings',
  LearnMoreUrl: 'Urls',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  Image: 'Images',
};

function resources(doc: Document): Map<string, { kind: string; el: Element }> {
  const map = new Map<string, { kind: string; el: Element }>();
  for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings']) {
    for (const coll of Array.from(doc.getElementsByTagNameNS(BT, kind))) {
      for (const el of Array.from(coll.children)) {
        const id = el.getAttribute('id') ?? '';
        expect(map.has(id)).toBe(false); // resource ids are unique across collections
        map.set(id, { kind, el });
      }
    }
  }
  return map;
}

/** width and height from a PNG's IHDR chunk */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(b.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** File names the production webpack build emits as pages. */
function webpackPages(): string[] {
  const cfg = webpackConfig({}, { mode: 'production' });
  return cfg.plugins
    .map((p: { userOptions?: { filename?: string } }) => p.userOptions?.filename)
    .filter((f: unknown): f is string => typeof f === 'string');
}

const devConfig: Config = addinConfig.resolveConfig('development', {});
const prodConfig: Config = addinConfig.resolveConfig('production', { ADDIN_ORIGIN: 'https://jixiao.finance.example.cn' });

describe('committed manifest.xml', () => {
  it('is exactly what scripts/build-manifest.cjs generates for development (https://localhost:3000)', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    expect(committed).toBe(renderManifest(devConfig));
    expect(devConfig.origin).toBe('https://localhost:3000');
  });
});

describe.each([
  ['development', devConfig],
  ['production', prodConfig],
])('%s manifest', (_name, config) => {
  const doc = parse(renderManifest(config));
  const res = resources(doc);

  it('resolves every resid to a resource of the right kind, and uses every resource', () => {
    const used = new Set<string>();
    const withResid = Array.from(doc.getElementsByTagName('*')).filter((el) => el.hasAttribute('resid'));
    expect(withResid.length).toBeGreaterThan(20);
    for (const el of withResid) {
      const id = el.getAttribute('resid') ?? '';
      const r = res.get(id);
      if (!r) throw new Error(`resid "${id}" on <${el.localName}> has no resource`);
      expect({ id, kind: r.kind }).toEqual({ id, kind: RESID_KIND[el.localName] });
      expect(id.length).toBeLessThanOrEqual(32);
      used.add(id);
    }
    expect([...res.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('has zh-CN as default locale and an en-US override for every user-visible string', () => {
    expect(one(doc, 'DefaultLocale').textContent).toBe('zh-CN');
    const cjk = /[\u4e00-\u9fff]/;
    for (const local of ['DisplayName', 'Description']) {
      const el = all(doc, local).find((e) => e.parentElement?.localName === 'OfficeApp');
      expect(el?.getAttribute('DefaultValue')).toMatch(cjk);
      const override = el && child(el, 'Override');
      expect(override?.getAttribute('Locale')).toBe('en-US');
      expect(override?.getAttribute('Value')).toMatch(/^[\x20-\x7e]+$/);
    }
    for (const [id, { kind, el }] of res) {
      if (kind !== 'ShortStrings' && kind !== 'LongStrings') continue;
      const max = kind === 'ShortStrings' ? 125 : 250;
      const zh = el.getAttribute('DefaultValue') ?? '';
      const overrides = Array.from(el.children).filter((c) => c.localName === 'Override');
      expect({ id, zhIsChinese: cjk.test(zh), locales: overrides.map((o) => o.getAttribute('Locale')) }).toEqual({
        id,
        zhIsChinese: true,
        locales: ['en-US'],
      });
      const en = overrides[0].getAttribute('Value') ?? '';
      expect(en.trim().length).toBeGreaterThan(0);
      expect(Math.max(zh.length, en.length)).toBeLessThanOrEqual(max);
    }
  });

  it('asks for ReadWriteDocument and nothing more', () => {
    expect(all(doc, 'Permissions').map((p) => p.textContent)).toEqual(['ReadWriteDocument']);
  });

  it(`requires ExcelApi ${addinConfig.EXCEL_API_MIN_VERSION} (one constant in scripts/addin-config.cjs)`, () => {
    const sets = all(doc, 'Set').map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]);
    expect(sets).toEqual([['ExcelApi', addinConfig.EXCEL_API_MIN_VERSION]]);
    expect(all(doc, 'Host').filter((h) => h.parentElement?.parentElement?.localName === 'OfficeApp').map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
  });

  it('uses only HTTPS URLs on the configured origin that point at files the build emits', () => {
    const pages = webpackPages();
    expect(pages).toEqual(expect.arrayContaining(['taskpane.html', 'commands.html']));
    const urls: string[] = [];
    for (const el of Array.from(doc.getElementsByTagName('*'))) {
      for (const attr of ['DefaultValue', 'Value']) {
        const v = el.getAttribute(attr);
        if (v && /^[a-z]+:\/\//i.test(v)) urls.push(v);
      }
      if (el.localName === 'AppDomain' && el.textContent) urls.push(el.textContent);
    }
    expect(urls.length).toBeGreaterThanOrEqual(9);
    for (const u of urls) {
      const url = new URL(u);
      expect({ u, protocol: url.protocol, origin: url.origin }).toEqual({ u, protocol: 'https:', origin: config.origin });
      const file = url.pathname.slice(1);
      if (file.startsWith('assets/')) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
      else expect(pages).toContain(file);
    }
    expect(one(one(doc, 'DefaultSettings'), 'SourceLocation').getAttribute('DefaultValue')).toBe(`${config.origin}/taskpane.html`);
    expect(one(doc, 'FunctionFile').getAttribute('resid')).toBe('Commands.Url');
    expect(res.get('Commands.Url')?.el.getAttribute('DefaultValue')).toBe(`${config.origin}/commands.html`);
  });

  it('has icon files whose PNG headers match every declared size', () => {
    const checked: string[] = [];
    const check = (url: string, size: number) => {
      const file = path.join(ROOT, new URL(url).pathname.slice(1));
      expect({ file: path.basename(file), ...pngSize(file) }).toEqual({ file: path.basename(file), width: size, height: size });
      checked.push(`${path.basename(file)}@${size}`);
    };
    for (const img of all(doc, 'Image').filter((i) => i.namespaceURI === BT && i.hasAttribute('resid'))) {
      const size = Number(img.getAttribute('size'));
      check(res.get(img.getAttribute('resid') ?? '')?.el.getAttribute('DefaultValue') ?? '', size);
    }
    check(one(doc, 'IconUrl').getAttribute('DefaultValue') ?? '', 32);
    check(one(doc, 'HighResolutionIconUrl').getAttribute('DefaultValue') ?? '', 64);
    for (const size of [16, 32, 80]) expect(checked).toContain(`icon-${size}.png@${size}`);
  });

  it('puts 校验, 生成审核行 and 打开面板 in one group on the Home tab', () => {
    const tab = one(doc, 'OfficeTab');
    expect(tab.getAttribute('id')).toBe('TabHome');
    const controls = all(tab, 'Control');
    const label = (c: Element) => res.get(child(c, 'Label')?.getAttribute('resid') ?? '')?.el.getAttribute('DefaultValue');
    expect(controls.map(label)).toEqual(['校验', '生成审核行', '打开面板']);
    const action = (c: Element) => child(c, 'Action') as Element;
    const [validate, review, pane] = controls.map(action);
    // 校验 runs without opening the pane
    expect(validate.getAttributeNS(XSI, 'type')).toBe('ExecuteFunction');
    expect(child(validate, 'FunctionName')?.textContent).toBe('validateSheet');
    // 生成审核行 and 打开面板 open the same pane, the first on its review view
    for (const a of [review, pane]) {
      expect(a.getAttributeNS(XSI, 'type')).toBe('ShowTaskpane');
      expect(child(a, 'TaskpaneId')?.textContent).toBe('Jixiao.Pane');
    }
    const url = (a: Element) => res.get(child(a, 'SourceLocation')?.getAttribute('resid') ?? '')?.el.getAttribute('DefaultValue');
    expect(url(review)).toBe(`${config.origin}/taskpane.html?view=review`);
    expect(url(pane)).toBe(`${config.origin}/taskpane.html`);
    // every ribbon icon comes in 16, 32 and 80 px
    for (const icon of all(tab, 'Icon')) {
      expect(Array.from(icon.children).map((i) => i.getAttribute('size'))).toEqual(['16', '32', '80']);
    }
  });
});

describe("Microsoft's own manifest reader (office-addin-manifest, offline)", () => {
  it('reads the committed manifest the same way: id, name, zh-CN, ReadWriteDocument, Workbook, pane URL', () => {
    // In a child Node: the package's ES-module dependencies do not load under Jest. Its CLI's exit
    // code is not trusted (it exits 0 on failure); the parsed fields are compared instead.
    const script = `require('office-addin-manifest/lib/manifestOperations').OfficeAddinManifest
      .readManifestFile(process.argv[1]).then((i) => process.stdout.write(JSON.stringify(i)))`;
    const info = JSON.parse(
      execFileSync(process.execPath, ['-e', script, path.join(ROOT, 'manifest.xml')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    expect({
      id: info.id,
      name: info.displayName,
      locale: info.defaultLocale,
      permissions: info.permissions,
      hosts: info.hosts,
      source: info.defaultSettings?.sourceLocation,
    }).toEqual({
      id: addinConfig.ADDIN_ID,
      name: '绩效监控校验',
      locale: 'zh-CN',
      permissions: 'ReadWriteDocument',
      hosts: ['Workbook'],
      source: 'https://localhost:3000/taskpane.html',
    });
  });
});

describe('addin-config', () => {
  it('rejects a non-HTTPS or path-carrying ADDIN_ORIGIN instead of writing a broken manifest', () => {
    expect(() => addinConfig.resolveConfig('production', { ADDIN_ORIGIN: 'http://jixiao.example.cn' })).toThrow(/https/);
    expect(() => addinConfig.resolveConfig('production', { ADDIN_ORIGIN: 'https://h.example.cn/addin' })).toThrow(/without a path/);
    expect(addinConfig.resolveConfig('production', { ADDIN_ORIGIN: 'https://H.example.cn/' }).origin).toBe('https://h.example.cn');
  });
});
