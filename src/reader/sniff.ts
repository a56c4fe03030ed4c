/**
 * What a file handed to us as a workbook really is, from its bytes alone: an .xlsx package with
 * the parts a workbook needs, one with a part missing, an encrypted Office document, a legacy .xls,
 * another OLE document, or something else. Pure and platform-neutral (Uint8Array in, no Node APIs):
 * the CLI, the xlsx reader and the pane's batch review all ask it before parsing.
 *
 * A zip is only listed (its central directory), never inflated, except the two tiny relationship
 * parts that name the workbook part and its sheet parts. An OLE compound file (CFB) is walked by
 * its directory: `EncryptedPackage` is an encrypted OOXML document ([MS-OFFCRYPTO] 2.3.4.1),
 * `Workbook` / `Book` a BIFF8 / BIFF5 workbook ([MS-XLS] 2.1.2).
 */
import * as CFB from 'cfb';
import { strFromU8, unzipSync } from 'fflate';
import { type Localized, localize } from '../core';
import { READER_MESSAGES } from './messages';

export type Sniffed =
  | { kind: 'xlsx'; workbookPart: string; sheetParts: string[] }
  | { kind: 'missing-part'; part: string; detail: MissingWhat }
  | { kind: 'encrypted' }
  | { kind: 'xls' }
  | { kind: 'xlsb' }
  | { kind: 'ole' }
  | { kind: 'empty' }
  | { kind: 'text' }
  | { kind: 'broken-zip' }
  | { kind: 'unknown' };

/** which required part of the package is missing */
export type MissingWhat = 'package-rels' | 'workbook' | 'workbook-rels' | 'no-sheet' | 'sheet';

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06], // an empty archive
];
const OFFICE_DOCUMENT = /\/officeDocument$/;
const WORKSHEET = /\/(worksheet|chartsheet|dialogsheet|macrosheet)$/;

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** Tell what `bytes` hold, down to the parts of a zip package (≈ 0.2 ms for a seed form: it inflates two .rels parts). Never throws. */
export function sniffWorkbook(bytes: Uint8Array): Sniffed {
  return sniffWorkbookParts(bytes).sniffed;
}

/**
 * `sniffWorkbook`, and the relationship parts it inflated on the way (by their names in the zip), so
 * that a reader that goes on to read the package need not inflate them a second time.
 */
export function sniffWorkbookParts(bytes: Uint8Array): { sniffed: Sniffed; inflated: ReadonlyMap<string, Uint8Array> } {
  const kind = sniffContainer(bytes);
  const inflated = new Map<string, Uint8Array>();
  return { sniffed: kind.kind === 'zip' ? sniffZip(bytes, inflated) : kind, inflated };
}

/**
 * The container only, without reading a zip's parts (microseconds): for a reader that resolves the
 * package's parts itself and reports a missing one with `sniffMessage({ kind: 'missing-part', … })`.
 */
export function sniffContainer(bytes: Uint8Array): Exclude<Sniffed, { kind: 'xlsx' | 'missing-part' | 'xlsb' | 'broken-zip' }> | { kind: 'zip' } {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, CFB_SIGNATURE)) return sniffCfb(bytes);
  if (ZIP_SIGNATURES.some((s) => startsWith(bytes, s))) return { kind: 'zip' };
  if (looksLikeText(bytes)) return { kind: 'text' };
  return { kind: 'unknown' };
}

function sniffCfb(bytes: Uint8Array): { kind: 'encrypted' | 'xls' | 'ole' } {
  let names: string[];
  try {
    const container = CFB.parse(bytes);
    names = container.FileIndex.filter((e) => e.type === 2).map((e) => e.name);
  } catch {
    return { kind: 'ole' };
  }
  if (names.includes('EncryptedPackage')) return { kind: 'encrypted' };
  if (names.includes('Workbook') || names.includes('Book')) return { kind: 'xls' };
  return { kind: 'ole' };
}

/** A web page or an XML file (an "Excel 2003 XML" or an HTML table saved with the .xlsx name). */
function looksLikeText(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c; // '<'
}

interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

const attrPattern = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
const ATTR = { Type: attrPattern('Type'), Target: attrPattern('Target'), TargetMode: attrPattern('TargetMode') };

/** The Relationship elements of a .rels part (attributes in any order; entities other than &amp; are rare in part names). */
function relationships(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const t = ATTR.Type.exec(m[1]);
    const target = ATTR.Target.exec(m[1]);
    if (!t || !target) continue;
    const mode = ATTR.TargetMode.exec(m[1]);
    out.push({ type: t[1] ?? t[2], target: (target[1] ?? target[2]).replace(/&amp;/g, '&'), external: (mode?.[1] ?? mode?.[2]) === 'External' });
  }
  return out;
}

/** Resolve a relationship target against the folder of its source part (OPC part names, no leading slash). */
function resolvePart(sourceFolder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : sourceFolder.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

// fflate's strFromU8 decodes with a TextDecoder that it once asked to stream, which keeps Node's on its slow path;
// strFromU8 stays for environments without a TextDecoder (its own decoder throws on bytes that are not UTF-8)
let decoder: TextDecoder | undefined;
const utf8Text = (data: Uint8Array): string => (typeof TextDecoder === 'undefined' ? strFromU8(data) : (decoder ??= new TextDecoder('utf-8')).decode(data));

function sniffZip(bytes: Uint8Array, kept: Map<string, Uint8Array>): Sniffed {
  // part names are compared case-insensitively (OPC §9.1.1.1)
  const names = new Map<string, string>();
  // one pass inflates the package's relationships and, where it usually is, the workbook's
  const wanted = (lower: string) => lower === '_rels/.rels' || lower.endsWith('_rels/workbook.xml.rels');
  let inflated: Record<string, Uint8Array>;
  try {
    inflated = unzipSync(bytes, {
      filter: (f) => {
        const lower = f.name.toLowerCase();
        names.set(lower, f.name);
        return wanted(lower);
      },
    });
  } catch {
    return { kind: 'broken-zip' };
  }
  for (const [name, data] of Object.entries(inflated)) kept.set(name, data);
  const get = (part: string): string | null => {
    const stored = names.get(part.toLowerCase());
    if (stored === undefined) return null;
    let data = inflated[stored];
    if (!data) {
      try {
        data = unzipSync(bytes, { filter: (f) => f.name === stored })[stored];
      } catch {
        return null;
      }
    }
    if (!data) return null;
    try {
      return utf8Text(data);
    } catch {
      damaged = true; // bytes that are not UTF-8: the part is damaged, not missing
      return null;
    }
  };
  let damaged = false;
  const rootRels = get('_rels/.rels');
  if (damaged) return { kind: 'broken-zip' };
  if (rootRels === null) return { kind: 'missing-part', part: '_rels/.rels', detail: 'package-rels' };
  const doc = relationships(rootRels).find((r) => OFFICE_DOCUMENT.test(r.type) && !r.external);
  const workbookPart = doc ? resolvePart('', doc.target) : 'xl/workbook.xml';
  if (/\.bin$/i.test(workbookPart)) return { kind: 'xlsb' };
  if (!names.has(workbookPart.toLowerCase())) return { kind: 'missing-part', part: workbookPart, detail: 'workbook' };
  const wbRelsPart = relsOf(workbookPart);
  const wbRels = get(wbRelsPart);
  if (damaged) return { kind: 'broken-zip' };
  if (wbRels === null) return { kind: 'missing-part', part: wbRelsPart, detail: 'workbook-rels' };
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const sheetParts = relationships(wbRels)
    .filter((r) => WORKSHEET.test(r.type) && !r.external)
    .map((r) => resolvePart(folder, r.target));
  if (sheetParts.length === 0) return { kind: 'missing-part', part: `${folder}worksheets/`, detail: 'no-sheet' };
  const absent = sheetParts.find((p) => !names.has(p.toLowerCase()));
  if (absent !== undefined) return { kind: 'missing-part', part: absent, detail: 'sheet' };
  return { kind: 'xlsx', workbookPart, sheetParts };
}

/** The user's message for a file that cannot be read as a workbook (null when it can), 简体中文 and English. */
export function sniffMessage(s: Sniffed): Localized | null {
  switch (s.kind) {
    case 'xlsx':
      return null;
    case 'broken-zip':
      return localize(READER_MESSAGES, 'brokenZip');
    case 'missing-part': {
      const key = ({ 'package-rels': 'missingPackageRels', workbook: 'missingWorkbook', 'workbook-rels': 'missingWorkbookRels', 'no-sheet': 'missingSheetPart', sheet: 'missingSheet' } as const)[s.detail];
      return localize(READER_MESSAGES, key, { part: s.part });
    }
    default:
      return localize(READER_MESSAGES, s.kind);
  }
}
