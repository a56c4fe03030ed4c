/** `jixiao validate`: validate every sheet of every workbook; print a table or JSON; optionally write marked copies. */
import Table from 'cli-table3';
import { countBySeverity, type Finding, type Lang, type SheetResult, summarizeForm, SEVERITY_LABEL, validateGrid } from '../core';
import { writeFileSafely, writeWorkbookSafely } from '../node/write';
import { findingsReportXlsx } from '../review/findings-report';
import { applyMarks, keepTextAsText, readWorkbookFile, WorkbookReadError } from '../node/xlsx';
import { checkOutFile, expandPaths, type MarkedTarget, planMarkedCopies } from './files';
import { clean, cleanJson, safe } from './print';

export interface ValidateOptions {
  json?: boolean;
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

const T = {
  zh: { cell: '单元格', severity: '级别', rule: '规则', message: '说明', summary: '合计', notForm: '不是附件1', none: '未发现问题', wrote: '已写出标记副本', sheet: '工作表' },
  en: { cell: 'Cell', severity: 'Severity', rule: 'Rule', message: 'Message', summary: 'Total', notForm: 'not a 附件1', none: 'no findings', wrote: 'marked copy written', sheet: 'Sheet' },
};

/** Validate files; returns the exit code (0 no errors, 1 error findings, 2 unreadable input or bad usage). */
export async function runValidate(paths: string[], opts: ValidateOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  if (opts.lang && opts.lang !== 'zh' && opts.lang !== 'en') {
    err.write(`--lang 只能是 zh 或 en / --lang must be zh or en (got ${opts.lang})\n`);
    return 2;
  }
  const { files, inputs, problems, notices } = expandPaths(paths, { followLinks: opts.followLinks });
  // where the marked copies go is settled before anything is read: never over an input, never two on one name
  let targets: Map<string, MarkedTarget> | undefined;
  if (opts.writeMarked) {
    const plan = planMarkedCopies(opts.writeMarked, inputs);
    if ('message' in plan) {
      err.write(`${plan.message}\n`);
      return 2;
    }
    targets = plan.targets;
  }
  // --report: settled before anything is read, like --write-marked
  let reportFile: string | undefined;
  if (opts.report) {
    const check = checkOutFile(opts.report, inputs);
    if ('message' in check) {
      err.write(`--report: ${check.message}\n`);
      return 2;
    }
    reportFile = check.target;
  }
  let unreadable = problems.length > 0;
  for (const p of problems) err.write(`${p.message}\n`);
  for (const n of notices) err.write(`${n}\n`);
  const reports: FileReport[] = [];
  for (const file of files) {
    try {
      const { workbook, grids } = await readWorkbookFile(file);
      const sheets = grids.map((g) => validateGrid(g));
      const report: FileReport = { file, sheets };
      const target = targets?.get(file);
      if (target) {
        applyMarks(workbook, new Map(sheets.map((s) => [s.sheet, s.findings])), lang);
        keepTextAsText(workbook);
        await writeWorkbookSafely(target.real, workbook);
        report.marked = target.shown;
      }
      reports.push(report);
    } catch (e) {
      unreadable = true;
      const message = clean(e instanceof WorkbookReadError ? e.message : `无法处理 ${file}：${(e as Error).message} / cannot process ${file}`);
      err.write(`${message}\n`);
      reports.push({ file, error: message, sheets: [] });
    }
  }
  const all = reports.flatMap((r) => r.sheets.flatMap((s) => s.findings));
  if (reportFile) {
    const report = reports.map((r) => ({ file: r.file, ...(r.error ? { problem: { zh: r.error, en: r.error } } : {}), sheets: r.sheets }));
    await writeFileSafely(reportFile, Buffer.from(findingsReportXlsx(report, lang)));
    err.write(lang === 'zh' ? safe`问题清单已写到 ${opts.report}\n` : safe`findings report written to ${opts.report}\n`);
  }
  if (opts.json) out.write(`${cleanJson(JSON.stringify(toJson(reports, lang), null, 2))}\n`);
  else printHuman(reports, lang, out);
  if (unreadable) return 2;
  return all.some((f) => f.severity === 'error') ? 1 : 0;
}

export function toJson(reports: FileReport[], lang: Lang) {
  return {
    files: reports.map((r) => ({
      file: r.file,
      ...(r.error ? { error: r.error } : {}),
      ...(r.marked ? { marked: r.marked } : {}),
      sheets: r.sheets.map((s) => ({
        sheet: s.sheet,
        recognized: s.recognized,
        ...(s.recognized ? {} : { reason: s.reason?.[lang], missing: s.missing }),
        ...(s.form ? { form: summarizeForm(s.form) } : {}),
        findings: s.findings.map((f) => findingJson(f, lang)),
      })),
    })),
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
    ...(f.arithmetic ? { arithmetic: f.arithmetic } : {}),
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.related ? { related: f.related } : {}),
    ...(f.light ? { light: f.light } : {}),
  };
}

function printHuman(reports: FileReport[], lang: Lang, out: NodeJS.WritableStream): void {
  const t = T[lang];
  const total = { error: 0, warning: 0, info: 0 };
  for (const r of reports) {
    if (r.error) continue;
    for (const s of r.sheets) {
      out.write(safe`\n${r.file} › ${s.sheet}\n`);
      if (!s.recognized) {
        out.write(safe`  ${t.notForm}: ${s.reason?.[lang] ?? ''}\n`);
        continue;
      }
      if (s.findings.length === 0) {
        out.write(`  ${t.none}\n`);
        continue;
      }
      const table = new Table({
        head: [t.cell, t.severity, t.rule, t.message],
        colWidths: [8, 8, 32, 80],
        wordWrap: true,
        style: { head: [], border: [] },
      });
      for (const f of s.findings) {
        // cell text quoted in a message is shown escaped; the line break between message and arithmetic is ours
        const text = f.arithmetic ? `${clean(f.message[lang])}\n${clean(f.arithmetic)}` : clean(f.message[lang]);
        table.push([clean(f.cell), SEVERITY_LABEL[f.severity][lang], f.rule, text]);
      }
      out.write(`${table.toString()}\n`);
      const c = countBySeverity(s.findings);
      out.write(lang === 'zh'
        ? `  ${c.error} 个错误，${c.warning} 个警告，${c.info} 个提示\n`
        : `  ${c.error} errors, ${c.warning} warnings, ${c.info} info\n`);
      total.error += c.error;
      total.warning += c.warning;
      total.info += c.info;
    }
    if (r.marked) out.write(safe`  ${t.wrote}: ${r.marked}\n`);
  }
  const sheets = reports.reduce((n, r) => n + r.sheets.length, 0);
  const forms = reports.reduce((n, r) => n + r.sheets.filter((s) => s.recognized).length, 0);
  out.write(lang === 'zh'
    ? `\n${t.summary}：${reports.length} 个文件，${sheets} 个工作表（${forms} 张附件1）：${total.error} 个错误，${total.warning} 个警告，${total.info} 个提示\n`
    : `\n${t.summary}: ${reports.length} files, ${sheets} sheets (${forms} forms): ${total.error} errors, ${total.warning} warnings, ${total.info} info\n`);
}
