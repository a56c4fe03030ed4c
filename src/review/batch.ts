/**
 * 审核一批 (a batch of received workbooks), platform-neutral: bytes in, per file its sheets,
 * findings, severity counts and proposed 附件2 rows out. The pane's batch view and the tests use it;
 * the bytes are read by the shared reader (src/reader/) after the shared sniffer has told what the
 * file is, so an encrypted workbook, a legacy .xls, a broken zip and a workbook without any 附件1
 * each get their own message. Nothing here keeps the bytes: a file's contents live only as long as
 * the caller holds them.
 */
import { countBySeverity, resolveSettings, type SettingsInput, validateGrid } from '../core';
import type { Finding, Localized, SheetResult } from '../core';
import { readSheets, XlsxError } from '../reader';
import { localize, sameInBoth } from '../core';
import { READER_MESSAGES } from '../reader/messages';
import { REVIEW_MESSAGES } from './messages';
import { sniffMessage, sniffWorkbook, type Sniffed } from '../reader/sniff';
import { buildReviewRow, ReviewRowError } from './build';
import type { Rubric } from './rubric';
import type { ReviewRow } from './types';

export type SeverityCounts = Record<'error' | 'warning' | 'info', number>;

/** Why a whole file gave no sheet to review. */
export type FileProblemKind = Exclude<Sniffed['kind'], 'xlsx'> | 'unreadable' | 'not-a-form';

export interface BatchSheet {
  sheet: string;
  recognized: boolean;
  /** why not, when not recognised */
  reason?: Localized;
  counts: SeverityCounts;
  findings: Finding[];
  /** the proposed 附件2 row of a recognised sheet */
  row?: ReviewRow;
  /** why a recognised sheet has no row (e.g. the builder refused it) */
  rowError?: Localized;
}

export interface BatchFile {
  name: string;
  /** bytes read */
  size: number;
  /** the file as a whole could not be reviewed: its own message */
  problem?: { kind: FileProblemKind; message: Localized };
  sheets: BatchSheet[];
  counts: SeverityCounts;
}

export interface BatchOptions {
  settings?: SettingsInput;
  rubric?: Rubric;
}

const zero = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });

function add(a: SeverityCounts, b: SeverityCounts): SeverityCounts {
  return { error: a.error + b.error, warning: a.warning + b.warning, info: a.info + b.info };
}

/** The reader's own message, or whatever else was thrown as the reason the file cannot be read. */
function readerMessage(e: unknown): Localized {
  if (e instanceof XlsxError) return e.text;
  return localize(READER_MESSAGES, 'cannotRead', { detail: e instanceof Error ? e.message : String(e) });
}

/** Review one workbook's bytes. Never throws: a file that cannot be reviewed carries its problem. */
export function reviewWorkbook(name: string, bytes: Uint8Array, opts: BatchOptions = {}): BatchFile {
  const out: BatchFile = { name, size: bytes.length, sheets: [], counts: zero() };
  const sniffed = sniffWorkbook(bytes);
  const refused = sniffMessage(sniffed);
  if (sniffed.kind !== 'xlsx' && refused) {
    out.problem = { kind: sniffed.kind, message: refused };
    return out;
  }
  const settings = resolveSettings(opts.settings);
  try {
    for (const grid of readSheets(bytes)) {
      const result: SheetResult = validateGrid(grid, settings);
      const sheet: BatchSheet = {
        sheet: result.sheet,
        recognized: result.recognized,
        ...(result.reason ? { reason: result.reason } : {}),
        counts: countBySeverity(result.findings),
        findings: result.findings,
      };
      if (result.recognized) {
        try {
          sheet.row = buildReviewRow(result, { settings: opts.settings, rubric: opts.rubric, file: name });
        } catch (e) {
          sheet.rowError = e instanceof ReviewRowError ? e.text : sameInBoth(String((e as Error).message));
        }
      }
      out.sheets.push(sheet);
      out.counts = add(out.counts, sheet.counts);
    }
  } catch (e) {
    out.problem = { kind: 'unreadable', message: readerMessage(e) };
    return out;
  }
  if (!out.sheets.some((s) => s.recognized)) {
    const n = out.sheets.length;
    out.problem = {
      kind: 'not-a-form',
      message: localize(REVIEW_MESSAGES, 'noFormInFile', { n }),
    };
  }
  return out;
}

/** A file to review: its name and a way to get its bytes (a File in the pane, a buffer in tests). */
export interface BatchInput {
  name: string;
  bytes(): Promise<Uint8Array>;
}

export interface BatchProgress {
  /** files done */
  done: number;
  total: number;
  /** the file just reviewed */
  file?: BatchFile;
}

/** Let the page paint and a cancel click land between two files. */
const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Review the files one after the other; a failing file is reported and the rest go on. Stops before
 * the next file once `signal` is aborted; resolves with the files reviewed so far.
 */
export async function reviewBatch(
  inputs: readonly BatchInput[],
  opts: BatchOptions & { signal?: AbortSignal; onProgress?: (p: BatchProgress) => void } = {},
): Promise<{ files: BatchFile[]; cancelled: boolean }> {
  const files: BatchFile[] = [];
  opts.onProgress?.({ done: 0, total: inputs.length });
  for (const input of inputs) {
    await nextTask();
    if (opts.signal?.aborted) return { files, cancelled: true };
    let file: BatchFile;
    try {
      file = reviewWorkbook(input.name, await input.bytes(), opts);
    } catch (e) {
      file = { name: input.name, size: 0, sheets: [], counts: zero(), problem: { kind: 'unreadable', message: readerMessage(e) } };
    }
    files.push(file);
    opts.onProgress?.({ done: files.length, total: inputs.length, file });
  }
  return { files, cancelled: false };
}

/** Totals over a batch, for the summary line and the report's summary sheet. */
export function batchTotals(files: readonly BatchFile[]): { files: number; failed: number; forms: number; counts: SeverityCounts } {
  let counts = zero();
  let forms = 0;
  let failed = 0;
  for (const f of files) {
    counts = add(counts, f.counts);
    forms += f.sheets.filter((s) => s.recognized).length;
    if (f.problem && f.problem.kind !== 'not-a-form') failed++;
  }
  return { files: files.length, failed, forms, counts };
}
