/**
 * `jixiao validate`: validate every sheet of every workbook and print as it goes — a table (default),
 * `--json` (one document, streamed file by file) or `--jsonl` (one object per line per file) —
 * so memory stays flat however many files there are. Optionally write marked copies.
 */
import { countBySeverity, type Finding, type Lang, type SheetResult, summarizeForm, SEVERITY_LABEL, validateGrid } from '../core';
import { sheetsOfFile, WorkbookReadError } from '../node/read';
import { both, inLanguage, oneLine } from './messages';
import { sameInBoth } from '../core';
import { checkOutFile, expandPaths, type MarkedTarget, planMarkedCopies } from './files';
import type { ReportFile } from '../review/findings-report';
import { clean, cleanJsonBytes, safe } from './print';

export interface ValidateOptions {
  json?: boolean;
  jsonl?: boolean;
  lang?: string;
  writeMarked?: string;
  /** follow links out of the folders given */
  followLinks?: boolean;
  /** write the findings report (.xlsx: summary + one row per finding) here */
  report?: string;
}

export interface FileReport {
  file: string;
  error?: string;
  sheets: SheetResult[];
  marked?: string;
}

interface Totals {
  files: number;
  sheets: number;
  forms: number;
  error: number;
  warning: number;
  info: number;
}

/** Validate files; returns the exit code (0 no errors, 1 error findings, 2 unreadable input or bad usage). */
export async function runValidate(paths: string[], opts: ValidateOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  if (opts.lang && opts.lang !== 'zh' && opts.lang !== 'en') {
    err.write(`${both('langChoice', { got: opts.lang })}\n`);
    return 2;
  }
  if (opts.json && opts.jsonl) {
    err.write(`${both('jsonChoice')}\n`);
    return 2;
  }
  const { files, inputs, problems, notices } = expandPaths(paths, { followLinks: opts.followLinks });
  // --report and where the marked copies go are settled before anything is read or written: never over
  // an input, never two outputs on one name (the report first: the plan creates its folder once accepted)
  let reportFile: string | undefined;
  if (opts.report) {
    const check = checkOutFile(opts.report, inputs);
    if ('message' in check) {
      err.write(`--report: ${check.message}\n`);
      return 2;
    }
    reportFile = check.target;
  }
  let targets: Map<string, MarkedTarget> | undefined;
  if (opts.writeMarked) {
    const plan = planMarkedCopies(opts.writeMarked, inputs, reportFile === undefined ? undefined : { real: reportFile, shown: opts.report ?? '' });
    if ('message' in plan) {
      err.write(`${plan.message}\n`);
      return 2;
    }
    targets = plan.targets;
  }
  let unreadable = problems.length > 0;
  for (const p of problems) err.write(`${p.message}\n`);
  for (const n of notices) err.write(`${n}\n`);
  const print = opts.jsonl ? jsonlPrinter(lang, out) : opts.json ? jsonPrinter(lang, out) : tablePrinter(lang, out);
  // only --report keeps every file's findings until the end
  const forReport: ReportFile[] | undefined = reportFile ? [] : undefined;
  const totals: Totals = { files: 0, sheets: 0, forms: 0, error: 0, warning: 0, info: 0 };
  let done = 0;
  for (const file of files) {
    // none before the last file: it would free memory for that one file only (a batch of 1,000 would end on one)
    if (++done % FILES_PER_COLLECTION === 0 && done < files.length) collectGarbage();
    let report: FileReport;
    try {
      const sheets: SheetResult[] = [];
      for (const grid of sheetsOfFile(file)) sheets.push(validateGrid(grid));
      report = { file, sheets };
      const target = targets?.get(file);
      if (target) {
        // exceljs loads only when something is written: it reads the workbook it writes, fills and notes included
        const { applyMarks, keepTextAsText, readWorkbookFile } = await import('../node/xlsx');
        const { writeWorkbookSafely } = await import('../node/write');
        const { workbook } = await readWorkbookFile(file);
        applyMarks(workbook, new Map(sheets.map((s) => [s.sheet, s.findings])), lang);
        keepTextAsText(workbook);
        await writeWorkbookSafely(target.real, workbook);
        report.marked = target.shown;
      }
    } catch (e) {
      unreadable = true;
      const message = e instanceof WorkbookReadError ? clean(oneLine(e.text)) : both('cannotProcess', { file, detail: (e as Error).message });
      err.write(`${message}\n`);
      report = { file, error: message, sheets: [] };
    }
    totals.files++;
    for (const s of report.sheets) {
      totals.sheets++;
      if (s.recognized) totals.forms += Math.max(1, s.forms?.length ?? 1);
      const c = countBySeverity(s.findings);
      totals.error += c.error;
      totals.warning += c.warning;
      totals.info += c.info;
    }
    // a pipe takes what it can: wait for it to drain rather than queue every file's output in memory
    if (!print.file(report)) await drained(out);
    forReport?.push({ file: report.file, ...(report.error ? { problem: sameInBoth(report.error) } : {}), sheets: report.sheets });
  }
  print.end(totals);
  if (reportFile && forReport) {
    const { findingsReportXlsx } = await import('../review/findings-report');
    const { writeFileSafely } = await import('../node/write');
    await writeFileSafely(reportFile, Buffer.from(findingsReportXlsx(forReport, lang)));
    err.write(`${inLanguage(lang, 'reportWritten', { file: opts.report ?? '' })}\n`);
  }
  if (unreadable) return 2;
  return totals.error > 0 ? 1 : 0;
}

interface Printer {
  /** false when the stream's buffer is full (as `write`): wait for 'drain' before the next file */
  file(r: FileReport): boolean;
  end(t: Totals): void;
}

/** Files between two full garbage collections in a batch (collectGarbage). */
const FILES_PER_COLLECTION = 500;

/**
 * A full garbage collection at a file boundary, when node runs with --expose-gc (the first line of
 * bin/jixiao.js). Nothing of an earlier file is live then. Left to itself, V8 lets the garbage that
 * outlived two young-generation collections (a file's grid lives through several) fill the old
 * generation to about 40 MB over a few thousand files before it collects, while the live heap stays
 * about 9 MB: peak memory grew with the batch (3,000 files 1.4–1.55× 100 files). One collection per
 * 500 files holds it at about 1.1×, for about 6 ms of main-thread pause each (`--trace-gc`); none
 * before a batch's last file, where it would free memory for that one file only (README "Benchmarks").
 */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') gc();
}

/** Resolves once the stream has drained (or closed: then nothing more will be taken). */
function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.removeListener('drain', done);
      out.removeListener('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * One file's object of the --json / --jsonl output. Every object of a kind has every key, in this
 * order (one shape for V8 across a batch); a key whose value is undefined is left out by JSON.stringify,
 * so an optional field appears only when set.
 */
export function fileJson(r: FileReport, lang: Lang) {
  return {
    file: r.file,
    error: r.error || undefined,
    marked: r.marked || undefined,
    sheets: r.sheets.map((s) => sheetJson(s, lang)),
  };
}

function sheetJson(s: SheetResult, lang: Lang) {
  return {
    sheet: s.sheet,
    recognized: s.recognized,
    reason: s.recognized ? undefined : s.reason?.[lang],
    missing: s.recognized ? undefined : s.missing,
    form: s.form ? summarizeForm(s.form) : undefined,
    // a sheet with several forms: every form, in sheet order (findings carry `form`, the index)
    forms: s.forms && s.forms.length > 1 ? s.forms.map(summarizeForm) : undefined,
    findings: s.findings.map((f) => findingJson(f, lang)),
  };
}

function findingJson(f: Finding, lang: Lang) {
  return {
    rule: f.rule,
    severity: f.severity,
    cell: f.cell,
    section: f.section,
    message: f.message[lang],
    messages: f.message,
    arithmetic: f.arithmetic ? f.arithmetic[lang] : undefined,
    expected: f.expected,
    actual: f.actual,
    fix: f.fix || undefined,
    related: f.related || undefined,
    light: f.light || undefined,
    form: f.form,
    formLabel: f.form !== undefined ? f.formLabel : undefined,
  };
}

/** `{"files":[…]}` written file by file, one file's object per line (compact: it is for programs). */
function jsonPrinter(lang: Lang, out: NodeJS.WritableStream): Printer {
  let n = 0;
  return {
    file(r) {
      return out.write(cleanJsonBytes(`${n++ === 0 ? '{"files":[\n' : ',\n'}${JSON.stringify(fileJson(r, lang))}`));
    },
    end() {
      out.write(n === 0 ? '{"files":[]}\n' : '\n]}\n');
    },
  };
}

function jsonlPrinter(lang: Lang, out: NodeJS.WritableStream): Printer {
  return {
    file(r) {
      return out.write(cleanJsonBytes(`${JSON.stringify(fileJson(r, lang))}\n`));
    },
    end() {},
  };
}

/** Columns a terminal gives a string: East Asian wide characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x1f300 ? 2 : 1;
  }
  return w;
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - width(s)));

/** The default output: per sheet, one line per finding (cell, severity, rule, message; the arithmetic below), then the totals. */
function tablePrinter(lang: Lang, out: NodeJS.WritableStream): Printer {
  const t = (key: Parameters<typeof inLanguage>[1], params?: Parameters<typeof inLanguage>[2]) => inLanguage(lang, key, params);
  const W = [8, 8, 32];
  const line = (a: string, b: string, c: string, d: string) => `  ${pad(a, W[0])}${pad(b, W[1])}${pad(c, W[2])}${d}\n`;
  const indent = ' '.repeat(2 + W[0] + W[1] + W[2]);
  return {
    file(r) {
      if (r.error) return true;
      let text = '';
      for (const s of r.sheets) {
        text += safe`\n${r.file} › ${s.sheet}\n`;
        if (!s.recognized) {
          text += `  ${t('notForm', { reason: s.reason?.[lang] ?? '' })}\n`;
          continue;
        }
        if (s.findings.length === 0) {
          text += `  ${t('none')}\n`;
          continue;
        }
        text += line(t('cell'), t('severity'), t('rule'), t('message'));
        let formShown: number | undefined;
        for (const f of s.findings) {
          // a sheet with several forms: a heading line before each form's findings
          if (f.form !== undefined && f.form !== formShown) {
            formShown = f.form;
            text += `  ${t('formHeading', { n: f.form + 1, label: f.formLabel ?? '' })}\n`;
          }
          // cell text quoted in a message is shown escaped
          text += line(clean(f.cell), SEVERITY_LABEL[f.severity][lang], f.rule, clean(f.message[lang]));
          if (f.arithmetic) text += `${indent}${clean(f.arithmetic[lang])}\n`;
        }
        const c = countBySeverity(s.findings);
        text += `  ${t('sheetCounts', { ...c })}\n`;
      }
      if (r.marked) text += `  ${t('wroteMarked', { file: r.marked })}\n`;
      return out.write(text);
    },
    end(x) {
      out.write(`\n${t('totals', { ...x })}\n`);
    },
  };
}
