/**
 * The one way the CLI writes a file: to a temporary file in the target's own folder (same file
 * system), flushed to disk, then renamed into place (write-file-atomic). A crash or a full disk
 * never leaves half a workbook under the target's name, and a file that was there stays whole until
 * the new one replaces it.
 */
import type ExcelJS from 'exceljs';
import writeFileAtomic from 'write-file-atomic';

export interface WriteOptions {
  /** told the temporary file's path once it exists (tests) */
  onTemp?: (tmp: string) => void;
}

export async function writeFileSafely(file: string, data: Buffer | string, opts: WriteOptions = {}): Promise<void> {
  await writeFileAtomic(file, data, { fsync: true, ...(opts.onTemp ? { tmpfileCreated: opts.onTemp } : {}) });
}

/** Serialise an exceljs workbook and write it with writeFileSafely. */
export async function writeWorkbookSafely(file: string, workbook: ExcelJS.Workbook, opts: WriteOptions = {}): Promise<void> {
  await writeFileSafely(file, Buffer.from(await workbook.xlsx.writeBuffer()), opts);
}
