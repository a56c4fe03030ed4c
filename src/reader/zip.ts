/**
 * The zip container of an .xlsx: list the parts from the central directory and stream one part's
 * inflated bytes in chunks (fflate), counting them against a budget. Pure: Uint8Array in, no Node APIs.
 *
 * fflate's `unzipSync` inflates a part whole and its streaming `Unzip` delivers parts in file order
 * (sheets usually come before styles.xml and sharedStrings.xml); reading the central directory here
 * lets the reader open the parts in the order it needs them and stream each one.
 */
import { Inflate, inflateSync, strFromU8 } from 'fflate';

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** the size the directory declares; the bytes actually inflated are counted, not trusted */
  size: number;
  headerOffset: number;
}

export class ZipError extends Error {}

/** The inflated-bytes budget of one workbook was used up. */
export class InflateCapError extends Error {
  constructor(public readonly part: string) {
    super(`inflate cap reached in ${part}`);
  }
}

export interface Budget {
  /** bytes that may still be inflated */
  left: number;
}

const u16 = (d: Uint8Array, o: number) => d[o] | (d[o + 1] << 8);
const u32 = (d: Uint8Array, o: number) => (d[o] | (d[o + 1] << 8) | (d[o + 2] << 16)) + d[o + 3] * 0x1000000;

// made on first use: some test environments (jsdom) load this module without a TextDecoder (fflate's strFromU8 there)
let utf8: TextDecoder | undefined;

/** A part name from the central directory: ASCII (nearly always) read byte by byte, cheaper than a decoder call; else UTF-8. */
function partName(d: Uint8Array, start: number, end: number): string {
  let name = '';
  for (let i = start; i < end; i++) {
    if (d[i] > 0x7e) {
      const bytes = d.subarray(start, end);
      return typeof TextDecoder === 'undefined' ? strFromU8(bytes) : (utf8 ??= new TextDecoder('utf-8')).decode(bytes);
    }
    name += String.fromCharCode(d[i]);
  }
  return name;
}

/** The central directory: part name → entry (folders left out). Throws ZipError when the bytes are not a zip. */
export function listEntries(data: Uint8Array): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 0x05 && data[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no zip end-of-directory record');
  const count = u16(data, eocd + 10);
  let p = u32(data, eocd + 16);
  if (p === 0xffffffff || count === 0xffff) throw new ZipError('zip64 archives are not supported');
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || u32(data, p) !== 0x02014b50) throw new ZipError('damaged zip directory');
    const nameLen = u16(data, p + 28);
    // a folder's entry (its name ends in '/') holds no part: it is not named or kept
    if (nameLen === 0 || data[p + 45 + nameLen] !== 0x2f) {
      const name = partName(data, p + 46, p + 46 + nameLen);
      entries.set(name.charCodeAt(0) === 0x2f ? name.slice(1) : name, {
        name,
        method: u16(data, p + 10),
        encrypted: (u16(data, p + 8) & 1) === 1,
        compressedSize: u32(data, p + 20),
        size: u32(data, p + 24),
        headerOffset: u32(data, p + 42),
      });
    }
    p += 46 + nameLen + u16(data, p + 30) + u16(data, p + 32);
  }
  return entries;
}

const CHUNK = 16 * 1024;
/** parts up to this declared size are inflated in one call; larger ones are streamed */
const WHOLE = 4 * 1024 * 1024;

/**
 * Inflate one part, handing its bytes to `sink` chunk by chunk; every byte counts against `budget`.
 * `whole` is true when the one chunk is the entire part (a small part inflated in one call), so the
 * sink can decode it in one go instead of as a stream.
 * Throws InflateCapError when the budget runs out (what was already handed over stays valid), ZipError
 * when the part cannot be inflated (damaged, encrypted, an unknown method); what `sink` throws passes through.
 */
export function streamEntry(data: Uint8Array, e: ZipEntry, budget: Budget, sink: (chunk: Uint8Array, whole: boolean) => void): void {
  if (e.encrypted) throw new ZipError(`${e.name} is encrypted`);
  const h = e.headerOffset;
  if (h + 30 > data.length || u32(data, h) !== 0x04034b50) throw new ZipError(`damaged local header of ${e.name}`);
  const start = h + 30 + u16(data, h + 26) + u16(data, h + 28);
  const end = start + e.compressedSize;
  if (end > data.length) throw new ZipError(`${e.name} is cut short`);
  const take = (chunk: Uint8Array, whole = false) => {
    if (chunk.length > budget.left) {
      if (budget.left > 0) sink(chunk.subarray(0, budget.left), false);
      budget.left = 0;
      throw new InflateCapError(e.name);
    }
    budget.left -= chunk.length;
    if (chunk.length) sink(chunk, whole);
  };
  if (e.method === 0) {
    for (let o = start; o < end; o += CHUNK) take(data.subarray(o, Math.min(end, o + CHUNK)));
    return;
  }
  if (e.method !== 8) throw new ZipError(`${e.name} uses compression method ${e.method}`);
  try {
    if (e.size > 0 && e.size <= WHOLE && e.size <= budget.left) {
      // small parts (nearly all of them) in one call, into a buffer of the declared size: fflate
      // never grows a buffer it is given, so a part that inflates beyond its declared size is cut there
      take(inflateSync(data.subarray(start, end), { out: new Uint8Array(e.size) }), true);
      return;
    }
    const inflate = new Inflate((chunk) => take(chunk));
    for (let o = start; o < end; o += CHUNK) inflate.push(data.subarray(o, Math.min(end, o + CHUNK)), o + CHUNK >= end);
    if (start === end) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    throw isFlateError(err) ? new ZipError(`${e.name}: ${err.message}`) : err;
  }
}

/** fflate's own errors (damaged deflate data) carry a numeric code; a sink's errors do not. */
const isFlateError = (err: unknown): err is Error => err instanceof Error && typeof (err as { code?: unknown }).code === 'number';
