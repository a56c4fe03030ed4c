/**
 * `jixiao review`: build the complete 附件2 for a batch of 附件1 workbooks (one row per recognised
 * form, ordered by file then sheet, 序号 consecutive, one row per key), written as an .xlsx in the
 * seed's layout — or appended to a review server.
 */
import { readFileSync } from 'node:fs';
import { validateGrid } from '../core';
import { buildReviewRows, keyString } from '../review/build';
import { DEFAULT_RUBRIC, validateRubric, type Rubric } from '../review/rubric';
import type { ReviewRow } from '../review/types';
import { sheetsOfFile, WorkbookReadError } from '../node/read';
import { oneLine } from './messages';
import { checkOutFile, expandPaths } from './files';
import { clean, safe } from './print';

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

/** Returns the exit code: 0 done, 2 unreadable input, bad usage or a failed append. */
export async function runReview(paths: string[], opts: ReviewOptions, io: Streams = { out: process.stdout, err: process.stderr }): Promise<number> {
  const { out, err } = io;
  if (!opts.out && !opts.server) {
    err.write('请用 --out 附件2.xlsx 指定输出文件，或用 --server URL --token 令牌 追加到审核服务器 / give --out FILE.xlsx, or --server URL --token T\n');
    return 2;
  }
  // the office token: --token-file, --token or JIXIAO_TOKEN (src/cli/token.ts)
  const auth = opts.server ? (await import('./token')).resolveClientToken(opts) : { token: '' };
  if ('error' in auth) {
    err.write(`${auth.error}\n`);
    return 2;
  }
  let rubric: Rubric = DEFAULT_RUBRIC;
  if (opts.rubric) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(opts.rubric, 'utf8'));
    } catch (e) {
      err.write(`无法读取评分规则 ${opts.rubric}：${(e as Error).message} / cannot read the rubric ${opts.rubric}\n`);
      return 2;
    }
    const check = validateRubric(parsed);
    if (!check.ok) {
      for (const e of check.errors) err.write(`${opts.rubric}: ${e.zh} / ${e.en}\n`);
      return 2;
    }
    rubric = check.rubric;
  }
  let timely: number | undefined;
  if (opts.timely !== undefined) {
    timely = Number(opts.timely);
    if (!Number.isFinite(timely) || timely < 0 || timely > rubric.timely.max) {
      err.write(`--timely 必须是 0–${rubric.timely.max} 的数 / --timely must be a number from 0 to ${rubric.timely.max} (got ${opts.timely})\n`);
      return 2;
    }
  }
  let ca: Buffer | undefined;
  if (opts.ca) {
    try {
      ca = readFileSync(opts.ca);
    } catch (e) {
      err.write(`无法读取证书 ${opts.ca}：${(e as Error).message} / cannot read the certificate\n`);
      return 2;
    }
  }

  const { files, inputs, problems, notices } = expandPaths(paths, { followLinks: opts.followLinks });
  // the output is settled before anything is read: never an input, never a folder
  let outFile: string | null = null;
  if (opts.out) {
    const check = checkOutFile(opts.out, inputs);
    if ('message' in check) {
      err.write(`${check.message}\n`);
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
            err.write(`${tty ? '\n' : ''}${safe`${file} › ${grid.name}：与 ${was?.file ?? ''} › ${was?.sheet ?? ''} 是同一项目（${row.project}，${row.key.monitorPoint}），以后者为准 / same key as an earlier sheet; the later one replaces it`}\n`);
            rows[at] = row;
          } else {
            index.set(k, rows.length);
            rows.push(row);
          }
        }
      }
    } catch (e) {
      failed = true;
      const message = e instanceof WorkbookReadError ? oneLine(e.text) : `无法处理 ${file}：${(e as Error).message} / cannot process ${file}`;
      err.write(`${tty ? '\n' : ''}${clean(message)}\n`);
    }
  }
  if (tty && files.length) err.write('\r\x1b[K');

  if (opts.server) {
    const { appendRow } = await import('../server/client');
    let ok = 0;
    for (const [i, row] of rows.entries()) {
      if (tty) err.write(`\r\x1b[K[${i + 1}/${rows.length}] → ${clean(opts.server)}`);
      try {
        const r = await appendRow(opts.server, row, { token: auth.token, ca, reviewer: opts.reviewer });
        ok++;
        out.write(`${tty ? '\r\x1b[K' : ''}${safe`${row.project}：${r.where.zh} / ${r.where.en}`}\n`);
      } catch (e) {
        failed = true;
        err.write(`${tty ? '\n' : ''}${safe`${row.source?.file ?? ''} › ${row.source?.sheet ?? ''}：未能追加 / not appended: ${(e as Error).message}`}\n`);
      }
    }
    out.write(safe`已追加 ${ok} / ${rows.length} 行到 ${opts.server} / appended ${ok} of ${rows.length} rows\n`);
  }
  if (outFile && rows.length === 0) {
    // an empty 附件2 is never written: it would look like a review of nothing, or replace a real one
    err.write(safe`没有找到可识别的附件1，未写出 ${opts.out} / no recognised 附件1 found: ${opts.out} not written\n`);
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
      err.write(safe`无法写出 ${opts.out}：${(e as Error).message} / cannot write ${opts.out}\n`);
      return 2;
    }
    out.write(safe`已写出 ${opts.out}：${rows.length} 行，来自 ${files.length} 个文件（跳过 ${skipped} 个不是附件1 的工作表）/ wrote ${rows.length} rows from ${files.length} files (${skipped} sheets that are not a 附件1 skipped)\n`);
  }
  if (rows.length === 0) err.write('没有找到可识别的附件1 / no recognised 附件1 found\n');
  return failed ? 2 : 0;
}
