/**
 * Node side of the reader: a file's bytes through src/reader, errors naming the file.
 * Loads no exceljs: reading a workbook never needs the writer.
 */
import { readFileSync } from 'node:fs';
import type { Grid } from '../core';
import { type Localized, LocalizedError, localize } from '../core';
import { type Package, type ReadLimits, readSheets, XlsxError } from '../reader';
import { READER_MESSAGES } from '../reader/messages';
import { sniffForReading, sniffMessage } from '../reader/sniff';

/** A workbook file that cannot be read; the text names the file. `detail` is the reason, or a system message as it came. */
export class WorkbookReadError extends LocalizedError {
  constructor(
    public readonly file: string,
    detail: string | Localized,
  ) {
    super(localize(READER_MESSAGES, 'cannotReadFile', typeof detail === 'string' ? { file, detail } : { file, detail: detail.zh, detailEn: detail.en }));
  }
}

/** A file that could not be opened: no such file, a folder, or the system's own message. */
export function openError(file: string, e: unknown): WorkbookReadError {
  const err = e as NodeJS.ErrnoException;
  const detail = err.code === 'ENOENT' ? localize(READER_MESSAGES, 'noSuchFile') : err.code === 'EISDIR' ? localize(READER_MESSAGES, 'isFolder') : `${err.code ?? ''} ${err.message}`;
  return new WorkbookReadError(file, detail);
}

function fileBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw openError(file, e);
  }
}

/** Not a valid .xlsx, with the parser's message. */
export function notXlsxFile(file: string, e: unknown): WorkbookReadError {
  return new WorkbookReadError(file, e instanceof XlsxError ? e.text : localize(READER_MESSAGES, 'notXlsx', { why: (e as Error).message }));
}

/** The sheets of a workbook file, one at a time. Throws WorkbookReadError naming the file. */
export function* sheetsOfFile(file: string, limits?: Partial<ReadLimits>): Generator<Grid> {
  const { data, pkg } = workbookFile(file, limits);
  // the reader goes on with the package as the sniff opened it: listed once, its .rels parsed once;
  // stepped by hand: yield*'s delegation is long bytecode, which would get this compiled within a batch
  const sheets = readSheets(data, limits, pkg);
  for (;;) {
    let next: IteratorResult<Grid>;
    try {
      next = sheets.next();
    } catch (e) {
      throw notXlsxFile(file, e);
    }
    if (next.done) return;
    yield next.value;
  }
}

/** A file's bytes, and its package as the sniff opened it; an encrypted workbook, a legacy .xls or a package with a part missing is refused with its reason. */
// (a step of its own: the generator above, run per file of a batch, stays too short for TurboFan to compile)
function workbookFile(file: string, limits: Partial<ReadLimits> | undefined): { data: Uint8Array; pkg?: Package } {
  const data = fileBytes(file);
  let sniffed: ReturnType<typeof sniffForReading>;
  try {
    sniffed = sniffForReading(data, limits);
  } catch (e) {
    throw notXlsxFile(file, e);
  }
  const problem = sniffMessage(sniffed.sniffed);
  if (problem) throw new WorkbookReadError(file, problem);
  return { data, pkg: sniffed.pkg };
}

/** Every sheet of a workbook file. */
export function readGridsFile(file: string, limits?: Partial<ReadLimits>): Grid[] {
  return [...sheetsOfFile(file, limits)];
}
