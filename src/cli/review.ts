/**
 * `jixiao review`: build the complete 附件2 for a batch of 附件1 workbooks (one row per recognised
 * form, ordered by file then sheet, 序号 consecutive, one row per key), written as an .xlsx in the
 * seed's layout — or appended to a review server.
 */
import { readFileSync } from 'node:fs';
import { LocalizedError, sameInBoth, validateGrid } from '../core';
import { buildReviewRows, keyString } from '../review/build';
import { DEFAULT_RUBRIC, validateRubric, type Rubric } from '../review/rubric';
import type { ReviewRow } from '../review/types';
import { sheetsOfFile, WorkbookReadError } from '../node/read';
import { both, oneLine } from './messages';
import { checkOutFile, expandPaths } from './files';
import { clean } from './print';

export interface ReviewOptions {
  out?: string;
  timely?: string;
  office?: string;
  title?: string;
  rubric?: string;
  server?: string;
  token?: string;
  /** a file holding the office token (first line) */
  tokenFile?: string;
  ca?: string;
  reviewer?: string;
  /** write the 附件2 as an Excel table with this name (for the Microsoft Graph destination) */
  graphTable?: string | boolean;
  /** follow links out of the folders given */
  followLinks?: boolean;
}

interface Streams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

/** What `--server` did, in words: rows appended, rows updated (a known key), rows not written — each only when there are some. */
export function serverOutcome(server: string, n: { appended: number; updated: number; failed: number }): string {
  const written = n.appended && n.updated ? 'serverAppendedUpdated' : n.updated ? 'serverUpdated' : n.appended ? 'serverAppended' : 'serverNothing';
  return `${both(written, { server, ...n })}${n.failed ? `; ${both('serverFailed', n)}` : ''}`;
}

/** Returns the exit code: 0 done, 2 unreadable input, bad usage or a failed append. */
export async function runReview(paths: string[], opts: ReviewOptions, io: Streams = { out: process.stdout, err: process.stderr }): Promise<number> {
  const { out, err } = io;
  if (!opts.out && !opts.server) {
    err.write(`${both('reviewNeedsTarget')}\n`);
    return 2;
  }
  // the office token: --token-file, --token or JIXIAO_TOKEN (src/cli/token.ts)
  const auth = opts.server ? (await import('./token')).resolveClientToken(opts) : { token: '' };
  if ('error' in auth) {
    err.write(`${auth.error}\n`);
    return 2;
  }
  if (opts.server) {
    const problem = (await import('../review/server-client')).serverUrlProblem(opts.server);
    if (problem) {
      err.write(`${clean(oneLine(problem))}\n`);
      return 2;
    }
  }
  let rubric: Rubric = DEFAULT_RUBRIC;
  if (opts.rubric) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(opts.rubric, 'utf8'));
    } catch (e) {
      err.write(`${both('rubricUnreadable', { file: opts.rubric, detail: (e as Error).message })}\n`);
      return 2;
    }
    const check = validateRubric(parsed);
    if (!check.ok) {
      for (const e of check.errors) err.write(`${clean(opts.rubric)}: ${oneLine(e)}\n`);
      return 2;
    }
    rubric = check.rubric;
  }
  let timely: number | undefined;
  if (opts.timely !== undefined) {
    timely = Number(opts.timely);
    if (!Number.isFinite(timely) || timely < 0 || timely > rubric.timely.max) {
      err.write(`${both('timelyRange', { max: rubric.timely.max, got: opts.timely })}\n`);
      return 2;
    }
  }
  let ca: Buffer | undefined;
  if (opts.ca) {
    try {
      ca = readFileSync(opts.ca);
    } catch (e) {
      err.write(`${both('caUnreadable', { file: opts.ca, detail: (e as Error).message })}\n`);
      return 2;
    }
  }

  const { files, inputs, problems, notices } = expandPaths(paths, { followLinks: opts.followLinks });
  // the output is settled before anything is read: never an input, never a folder
  let outFile: string | null = null;
  if (opts.out) {
    const check = checkOutFile(opts.out, inputs);
    if ('message' in check) {
      err.write(`--out: ${check.message}\n`);
      return 2;
    }
    outFile = check.target;
  }
  let failed = problems.length > 0;
  for (const p of problems) err.write(`${p.message}\n`);
  for (const n of notices) err.write(`${n}\n`);
  const tty = Boolean(err.isTTY);
  const rows: ReviewRow[] = [];
  const index = new Map<string, number>();
  let skipped = 0;
  for (const [i, file] of files.entries()) {
    if (tty) err.write(`\r\x1b[K[${i + 1}/${files.length}] ${clean(file)}`);
    try {
      for (const grid of sheetsOfFile(file)) {
        const result = validateGrid(grid);
        if (!result.recognized) {
          skipped++;
          continue;
        }
        // one row per form: a sheet may hold several 附件1
        for (const row of buildReviewRows(result, { timely, rubric, file })) {
          const k = keyString(row.key);
          const at = index.get(k);
          if (at !== undefined) {
            const was = rows[at].source;
            const same = { file, sheet: grid.name, earlierFile: was?.file ?? '', earlierSheet: was?.sheet ?? '', project: row.project, point: row.key.monitorPoint };
            err.write(`${tty ? '\n' : ''}${both('sameKey', same)}\n`);
            rows[at] = row;
          } else {
            index.set(k, rows.length);
            rows.push(row);
          }
        }
      }
    } catch (e) {
      failed = true;
      const message = e instanceof WorkbookReadError ? clean(oneLine(e.text)) : both('cannotProcess', { file, detail: (e as Error).message });
      err.write(`${tty ? '\n' : ''}${message}\n`);
    }
  }
  if (tty && files.length) err.write('\r\x1b[K');

  if (opts.server) {
    const { appendToServer } = await import('../review/server-client');
    const fetchImpl = ca ? (await import('./fetch-ca')).fetchTrusting(ca) : undefined;
    const dest = { url: opts.server, token: auth.token, reviewer: opts.reviewer };
    let appended = 0;
    let updated = 0;
    for (const [i, row] of rows.entries()) {
      if (tty) err.write(`\r\x1b[K[${i + 1}/${rows.length}] → ${clean(opts.server)}`);
      try {
        const r = await appendToServer(row, dest, fetchImpl);
        if (r.updated) updated++;
        else appended++;
        out.write(`${tty ? '\r\x1b[K' : ''}${both('rowWritten', { project: row.project, where: r.where.zh, whereEn: r.where.en })}\n`);
      } catch (e) {
        failed = true;
        const detail = e instanceof LocalizedError ? e.text : sameInBoth((e as Error).message);
        err.write(`${tty ? '\n' : ''}${both('notAppended', { file: row.source?.file ?? '', sheet: row.source?.sheet ?? '', detail: detail.zh, detailEn: detail.en })}\n`);
      }
    }
    out.write(`${serverOutcome(opts.server, { appended, updated, failed: rows.length - appended - updated })}\n`);
  }
  if (outFile && rows.length === 0) {
    // an empty 附件2 is never written: it would look like a review of nothing, or replace a real one
    err.write(`${both('noFormsNotWritten', { file: opts.out ?? '' })}\n`);
    return 2;
  }
  if (outFile) {
    try {
      // exceljs loads only when something is written
      const { writeAnnex2File, writeGraphTableFile } = await import('../review/annex2-xlsx');
      if (opts.graphTable) {
        await writeGraphTableFile(outFile, rows, { office: opts.office, title: opts.title, rubric }, typeof opts.graphTable === 'string' ? opts.graphTable : undefined);
      } else {
        await writeAnnex2File(outFile, rows, { office: opts.office, title: opts.title, rubric });
      }
    } catch (e) {
      err.write(`${both('cannotWrite', { file: opts.out ?? '', detail: (e as Error).message })}\n`);
      return 2;
    }
    out.write(`${both('wroteAnnex2', { file: opts.out ?? '', rows: rows.length, files: files.length, skipped })}\n`);
  }
  if (rows.length === 0) err.write(`${both('noForms')}\n`);
  return failed ? 2 : 0;
}
