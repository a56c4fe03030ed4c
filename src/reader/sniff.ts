/**
 * What a file handed to us as a workbook really is, from its bytes alone: an .xlsx package with
 * the parts a workbook needs, one with a part missing, an encrypted Office document, a legacy .xls,
 * another OLE document, or something else. Pure and platform-neutral (Uint8Array in, no Node APIs):
 * the CLI, the xlsx reader and the pane's batch review all ask it before parsing.
 *
 * A zip is only listed (its central directory), never inflated, except the two tiny relationship
 * parts that name the workbook part and its sheet parts. It is looked at as the reader looks at it
 * (src/reader/xlsx.ts `openPackage`, `relationshipsIn`: one listing, one .rels parser), and the reader
 * goes on with that same look instead of listing and parsing again. An OLE compound file (CFB) is walked by
 * its directory: `EncryptedPackage` is an encrypted OOXML document ([MS-OFFCRYPTO] 2.3.4.1),
 * `Workbook` / `Book` a BIFF8 / BIFF5 workbook ([MS-XLS] 2.1.2).
 */
import * as CFB from 'cfb';
import { type Localized, localize } from '../core';
import { READER_MESSAGES } from './messages';
import { entryOf, isDamagedPart, openPackage, type Package, type ReadLimits, type Relationship, relationshipsIn, relsPathOf, resolveTarget, workbookPartOf } from './xlsx';

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
const WORKSHEET = /\/(worksheet|chartsheet|dialogsheet|macrosheet)$/;
const XLSB = /\.bin$/i;

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** Tell what `bytes` hold, down to the parts of a zip package (≈ 0.2 ms for a seed form: it inflates two .rels parts). Never throws. */
export function sniffWorkbook(bytes: Uint8Array): Sniffed {
  try {
    return sniffForReading(bytes).sniffed;
  } catch {
    return { kind: 'broken-zip' }; // a relationship part that is not XML, or beyond the inflate cap
  }
}

/**
 * `sniffWorkbook`, and for a zip the package as it looked at it, for `readSheets` to go on with (opened
 * with `limits`, the reader's). Throws the reader's XlsxError where reading would fail on the same
 * relationship part: one that is not well-formed XML, or that inflates beyond the cap.
 */
export function sniffForReading(bytes: Uint8Array, limits?: Partial<ReadLimits>): { sniffed: Sniffed; pkg?: Package } {
  const kind = sniffContainer(bytes);
  if (kind.kind !== 'zip') return { sniffed: kind };
  let pkg: Package;
  try {
    pkg = openPackage(bytes, limits);
  } catch {
    return { sniffed: { kind: 'broken-zip' } };
  }
  try {
    return { sniffed: sniffZip(pkg), pkg };
  } catch (e) {
    if (isDamagedPart(e)) return { sniffed: { kind: 'broken-zip' } }; // a relationship part that cannot be inflated
    throw e;
  }
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

/** A relationship the package follows: not to an external resource, with a type and a target. */
const followed = (r: Relationship) => r.Type !== undefined && r.Target !== undefined && r.TargetMode !== 'External';
const isSheet = (r: Relationship) => followed(r) && WORKSHEET.test(r.Type);

/** The relationships of a .rels part, null when there is no such part. */
function relationshipsOf(pkg: Package, part: string): Relationship[] | null {
  const e = entryOf(pkg, part);
  return e === undefined ? null : relationshipsIn(pkg, e, e.name);
}

/** Throws XlsxError when a relationship part cannot be inflated, is not XML or is beyond the cap. */
// (in two small steps, with no loops of their own: a long per-file function is compiled by TurboFan
// within a batch, and that costs more than it saves; see readSheets in xlsx.ts)
function sniffZip(pkg: Package): Sniffed {
  const rootRels = relationshipsOf(pkg, '_rels/.rels');
  if (rootRels === null) return { kind: 'missing-part', part: '_rels/.rels', detail: 'package-rels' };
  const workbookPart = workbookPartOf(pkg);
  if (XLSB.test(workbookPart)) return { kind: 'xlsb' };
  if (entryOf(pkg, workbookPart) === undefined) return { kind: 'missing-part', part: workbookPart, detail: 'workbook' };
  return sniffSheets(pkg, workbookPart);
}

/** The sheet parts the workbook part's relationships name, each present. */
function sniffSheets(pkg: Package, workbookPart: string): Sniffed {
  const wbRelsPart = relsPathOf(workbookPart);
  const wbRels = relationshipsOf(pkg, wbRelsPart);
  if (wbRels === null) return { kind: 'missing-part', part: wbRelsPart, detail: 'workbook-rels' };
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const sheetParts = wbRels.filter(isSheet).map((r) => resolveTarget(workbookPart, r.Target));
  if (sheetParts.length === 0) return { kind: 'missing-part', part: `${folder}worksheets/`, detail: 'no-sheet' };
  const missing = sheetParts.find((part) => entryOf(pkg, part) === undefined);
  if (missing !== undefined) return { kind: 'missing-part', part: missing, detail: 'sheet' };
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
