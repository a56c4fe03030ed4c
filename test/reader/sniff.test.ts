/**
 * @jest-environment jsdom
 */
// In a browser-like environment, as the pane's batch review will run it: plain Uint8Arrays in, no fs.
import * as CFB from 'cfb';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGrids, XlsxError } from '../../src/reader';
import { sniffContainer, sniffMessage, sniffWorkbook } from '../../src/reader/sniff';

const CONTENT_TYPES = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
const ROOT_RELS = (target: string) => strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`);
const WB_RELS = (...targets: string[]) => strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${targets.map((t, i) => `<Relationship Target='${t}' Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>`).join('')}</Relationships>`);
const PART = strToU8('<x/>');

describe('sniffWorkbook (plain Uint8Arrays, jsdom environment)', () => {
  it('follows the package’s own relationships: a workbook part elsewhere, targets absolute or relative, attributes in any order, names in any case', () => {
    const zip = zipSync({
      '[Content_Types].xml': CONTENT_TYPES,
      '_rels/.rels': ROOT_RELS('/book/Workbook.xml'),
      'book/workbook.xml': PART,
      'book/_rels/workbook.xml.rels': WB_RELS('sheets/one.xml', '/book/sheets/two.xml'),
      'book/sheets/one.xml': PART,
      'Book/Sheets/TWO.xml': PART,
    });
    expect(sniffWorkbook(zip)).toEqual({ kind: 'xlsx', workbookPart: 'book/Workbook.xml', sheetParts: ['book/sheets/one.xml', 'book/sheets/two.xml'] });
  });

  it('names the second sheet part when only it is missing', () => {
    const zip = zipSync({
      '_rels/.rels': ROOT_RELS('xl/workbook.xml'),
      'xl/workbook.xml': PART,
      'xl/_rels/workbook.xml.rels': WB_RELS('worksheets/sheet1.xml', 'worksheets/sheet2.xml'),
      'xl/worksheets/sheet1.xml': PART,
    });
    // the container alone does not look inside the package
    expect(sniffContainer(zip)).toEqual({ kind: 'zip' });
    const s = sniffWorkbook(zip);
    expect(s).toEqual({ kind: 'missing-part', part: 'xl/worksheets/sheet2.xml', detail: 'sheet' });
    expect(sniffMessage(s)).toEqual({ zh: '文件不完整：缺少工作表部件 xl/worksheets/sheet2.xml', en: 'incomplete file: the sheet part xl/worksheets/sheet2.xml is missing' });
  });

  it('tells an encrypted package from a legacy workbook inside an OLE container', () => {
    const ole = (stream: string) => {
      const c = CFB.utils.cfb_new();
      CFB.utils.cfb_add(c, `/${stream}`, new Uint8Array(600).fill(1));
      return new Uint8Array(CFB.write(c, { type: 'array' }) as number[]);
    };
    expect(sniffWorkbook(ole('EncryptedPackage')).kind).toBe('encrypted');
    expect(sniffContainer(ole('EncryptedPackage')).kind).toBe('encrypted');
    expect(sniffWorkbook(ole('Workbook')).kind).toBe('xls');
    // a damaged OLE header is "an Office document", never a crash
    const broken = ole('Workbook').slice(0, 700);
    broken.fill(0xff, 48, 80);
    expect(['ole', 'xls']).toContain(sniffWorkbook(broken).kind);
  });

  it('never throws on damaged bytes: a real .xls and a real .xlsx with random bytes overwritten, mostly in the headers', () => {
    const fixtures = join(__dirname, '..', '..', 'test', 'fixtures');
    const bases = [readFileSync(join(fixtures, 'foreign', 'form1.xls')), readFileSync(join(fixtures, 'xlsx', 'form1.xlsx'))].map((b) => new Uint8Array(b));
    const KINDS = ['xlsx', 'missing-part', 'encrypted', 'xls', 'xlsb', 'ole', 'empty', 'text', 'broken-zip', 'unknown'];
    fc.assert(
      fc.property(fc.nat(1), fc.array(fc.tuple(fc.oneof(fc.nat(1535), fc.nat(1 << 20)), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (which, edits) => {
        const b = bases[which].slice();
        for (const [at, v] of edits) b[at % b.length] = v;
        expect(KINDS).toContain(sniffWorkbook(b).kind);
      }),
      {
        numRuns: 1500,
        // found by a CI run: two stored bytes of _rels/.rels overwritten, so it no longer decodes as UTF-8
        examples: [[1, [[504, 248], [515, 0]]]],
      },
    );
  });
});

// The sniff and the reader share one look at the package (one directory listing, one .rels parser):
// what one of them accepts, the other reads alike. Built from seed form 1.
describe('one look at the package: the sniff and the reader agree on unusual but valid packages', () => {
  const FORM1 = () => new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'xlsx', 'form1.xlsx')));
  const rezip = (edit: (parts: Record<string, Uint8Array>) => void) => {
    const parts = unzipSync(FORM1());
    edit(parts);
    return zipSync(parts);
  };
  const text = (parts: Record<string, Uint8Array>, name: string) => strFromU8(parts[name]);

  it('a sheet target written with XML character references is followed by both, and the form reads as the original', () => {
    const zip = rezip((p) => {
      p['xl/_rels/workbook.xml.rels'] = strToU8(text(p, 'xl/_rels/workbook.xml.rels').replace('worksheets/sheet1.xml', 'worksheets/sheet&#49;.xml'));
    });
    expect(sniffWorkbook(zip)).toEqual({ kind: 'xlsx', workbookPart: 'xl/workbook.xml', sheetParts: ['xl/worksheets/sheet1.xml'] });
    expect(readGrids(zip)).toEqual(readGrids(FORM1()));
  });

  it.each([
    ['./worksheets/sheet1.xml'],
    ['worksheets/../worksheets/sheet1.xml'],
    ['worksheets//sheet1.xml'],
    ['../xl/worksheets/./sheet1.xml'],
  ])('a sheet target with dot or empty segments (%s) is resolved by both, and the form reads as the original', (target) => {
    const zip = rezip((p) => {
      p['xl/_rels/workbook.xml.rels'] = strToU8(text(p, 'xl/_rels/workbook.xml.rels').replace('worksheets/sheet1.xml', target));
    });
    expect(sniffWorkbook(zip)).toEqual({ kind: 'xlsx', workbookPart: 'xl/workbook.xml', sheetParts: ['xl/worksheets/sheet1.xml'] });
    expect(readGrids(zip)).toEqual(readGrids(FORM1()));
  });

  it('part names stored in another case than the relationships name them (OPC compares them case-insensitively): the form reads as the original', () => {
    const zip = rezip((p) => {
      for (const [from, to] of [
        ['xl/worksheets/sheet1.xml', 'xl/worksheets/Sheet1.xml'],
        ['xl/sharedStrings.xml', 'xl/SharedStrings.XML'],
        ['xl/styles.xml', 'XL/Styles.xml'],
      ]) {
        p[to] = p[from];
        delete p[from];
      }
    });
    expect(sniffWorkbook(zip).kind).toBe('xlsx');
    expect(readGrids(zip)).toEqual(readGrids(FORM1()));
  });

  describe('a package with two officeDocument relationships: the sniff and the reader take the same one (the last)', () => {
    const twoDocs = (first: string, second: string) =>
      rezip((p) => {
        const rels = text(p, '_rels/.rels');
        const doc = /<Relationship [^>]*officeDocument[^>]*\/>/.exec(rels)![0];
        const again = doc.replace(/Id="[^"]*"/, 'Id="rIdSecond"');
        p['_rels/.rels'] = strToU8(rels.replace(doc, doc.replace('xl/workbook.xml', first) + again.replace('xl/workbook.xml', second)));
      });

    it('the last names the workbook: the form reads as the original', () => {
      const zip = twoDocs('xl/absent.xml', 'xl/workbook.xml');
      expect(sniffWorkbook(zip)).toEqual({ kind: 'xlsx', workbookPart: 'xl/workbook.xml', sheetParts: ['xl/worksheets/sheet1.xml'] });
      expect(readGrids(zip)).toEqual(readGrids(FORM1()));
    });

    it('the last names a part that is not there: both refuse the file naming that part', () => {
      const zip = twoDocs('xl/workbook.xml', 'xl/absent.xml');
      expect(sniffWorkbook(zip)).toEqual({ kind: 'missing-part', part: 'xl/absent.xml', detail: 'workbook' });
      expect(() => readGrids(zip)).toThrow(/xl\/absent\.xml/);
    });
  });

  it('folder entries in the zip (as some zip tools write them) are not parts: the form reads as the original', () => {
    const zip = rezip((p) => {
      p['xl/'] = new Uint8Array(0);
      p['xl/worksheets/'] = new Uint8Array(0);
    });
    expect(sniffWorkbook(zip).kind).toBe('xlsx');
    expect(readGrids(zip)).toEqual(readGrids(FORM1()));
  });

  it('a workbook .rels that is not XML is refused with a message naming that part, in both languages', () => {
    const zip = rezip((p) => {
      p['xl/_rels/workbook.xml.rels'] = strToU8(text(p, 'xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationships>'));
    });
    const thrown = (() => {
      try {
        readGrids(zip);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(thrown).toBeInstanceOf(XlsxError);
    expect((thrown as XlsxError).text).toEqual({
      zh: expect.stringMatching(/^不是有效的 \.xlsx 文件（xl\/_rels\/workbook\.xml\.rels: /),
      en: expect.stringMatching(/^not a valid \.xlsx file \(xl\/_rels\/workbook\.xml\.rels: /),
    });
  });
});
