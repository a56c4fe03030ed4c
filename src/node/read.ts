/**
 * Node side of the reader: a file's bytes through src/reader, errors naming the file.
 * Loads no exceljs: reading a workbook never needs the writer.
 */
import { readFileSync } from 'node:fs';
import type { Grid } from '../core';
import { type ReadLimits, readSheets, XlsxError } from '../reader';
import { sniffMessage, sniffWorkbookParts } from '../reader/sniff';

export class WorkbookReadError extends Error {
  constructor(
    public readonly file: string,
    detail: string | { zh: string; en: string },
  ) {
    const zh = typeof detail === 'string' ? detail : detail.zh;
    const en = typeof detail === 'string' ? detail : detail.en;
    super(`无法读取 ${file}：${zh} / cannot read ${file}: ${en}`);
  }
}

function fileBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const detail = err.code === 'ENOENT' ? '文件不存在 / no such file' : err.code === 'EISDIR' ? '这是文件夹 / is a folder' : `${err.code ?? ''} ${err.message}`;
    throw new WorkbookReadError(file, detail);
  }
}

/** The sheets of a workbook file, one at a time. Throws WorkbookReadError naming the file. */
export function* sheetsOfFile(file: string, limits?: Partial<ReadLimits>): Generator<Grid> {
  const data = fileBytes(file);
  // an encrypted workbook, a legacy .xls or a package with a part missing is refused with its reason
  const { sniffed, inflated } = sniffWorkbookParts(data);
  const problem = sniffMessage(sniffed);
  if (problem) throw new WorkbookReadError(file, problem);
  // the relationship parts the sniff inflated are not inflated twice
  const sheets = readSheets(data, limits, inflated);
  for (;;) {
    let next: IteratorResult<Grid>;
    try {
      next = sheets.next();
    } catch (e) {
      throw new WorkbookReadError(file, e instanceof XlsxError ? e.detail : `不是有效的 .xlsx 文件 / not a valid .xlsx file (${(e as Error).message})`);
    }
    if (next.done) return;
    yield next.value;
  }
}

/** Every sheet of a workbook file. */
export function readGridsFile(file: string, limits?: Partial<ReadLimits>): Grid[] {
  return [...sheetsOfFile(file, limits)];
}
