/**
 * The batch findings report as an .xlsx (reviewers forward it to the counties): a summary sheet
 * (one row per sheet of every file, with its counts by severity, and a total) and a findings sheet
 * (one row per finding: file, sheet, cell, rule, severity, message, arithmetic).
 *
 * Platform-neutral, shared by the pane's batch view and `jixiao validate --report`: SpreadsheetML
 * written from templates and zipped with fflate (no exceljs in the pane). Text goes in as inline
 * strings, so nothing a form says is ever taken for a formula; text that starts like a formula
 * (= + - @) also carries Excel's quote prefix, so editing the cell keeps it text.
 */
import { zipSync, strToU8 } from 'fflate';
import { SEVERITY_LABEL, type Finding, type Lang, type Localized } from '../core';
import { type Params, catalogue, translate } from '../core';

export interface ReportSheet {
  sheet: string;
  recognized: boolean;
  reason?: Localized;
  findings: readonly Finding[];
}

export interface ReportFile {
  file: string;
  /** the file could not be reviewed: its message */
  problem?: Localized;
  sheets: readonly ReportSheet[];
}

/** The report's words (design §10); the column headings are catalogue entries too, one per column. */
const REPORT = catalogue({
  summary: { zh: '汇总', en: 'Summary' },
  findings: { zh: '问题清单', en: 'Findings' },
  file: { zh: '文件', en: 'File' },
  sheet: { zh: '工作表', en: 'Sheet' },
  isForm: { zh: '附件1', en: '附件1' },
  errors: { zh: '错误', en: 'Errors' },
  warnings: { zh: '警告', en: 'Warnings' },
  info: { zh: '提示', en: 'Info' },
  note: { zh: '说明', en: 'Note' },
  cell: { zh: '单元格', en: 'Cell' },
  rule: { zh: '规则', en: 'Rule' },
  severity: { zh: '级别', en: 'Severity' },
  message: { zh: '说明', en: 'Message' },
  arithmetic: { zh: '算式', en: 'Arithmetic' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  unreadable: { zh: '无法读取', en: 'unreadable' },
  total: { zh: '合计', en: 'Total' },
  totalNote: { zh: '{files} 个文件，{forms} 张附件1', en: '{files} {files|file|files}, {forms} {forms|form|forms}' },
});

/** The report's words in one language. */
function words(lang: Lang) {
  const w = (key: keyof typeof REPORT, params?: Params) => translate(REPORT, lang, key, params);
  return {
    w,
    summaryHead: (['file', 'sheet', 'isForm', 'errors', 'warnings', 'info', 'note'] as const).map((k) => w(k)),
    findingsHead: (['file', 'sheet', 'cell', 'rule', 'severity', 'message', 'arithmetic'] as const).map((k) => w(k)),
  };
}

export type Cell = string | number | null;

/** Characters XML 1.0 does not allow (control characters, U+FFFE/U+FFFF, lone surrogates) are dropped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;

function esc(s: string): string {
  return s
    .replace(NOT_XML, (m) => (m.length === 2 ? m : ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function col(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const FORMULA_LIKE = /^[=+\-@]/;

/** style ids of styles.xml below: 0 plain, 1 bold header, 2 text with quote prefix */
function cellXml(ref: string, v: Cell, header: boolean): string {
  if (v === null || v === '') return '';
  if (typeof v === 'number') return `<c r="${ref}"${header ? ' s="1"' : ''}><v>${v}</v></c>`;
  const s = header ? ' s="1"' : FORMULA_LIKE.test(v) ? ' s="2"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
}

function sheetXml(rows: Cell[][], widths: number[]): string {
  const body = rows
    .map((r, i) => `<row r="${i + 1}">${r.map((v, c) => cellXml(`${col(c)}${i + 1}`, v, i === 0)).join('')}</row>`)
    .join('');
  const last = `${col(widths.length - 1)}${Math.max(1, rows.length)}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${body}</sheetData>` +
    `<autoFilter ref="A1:${last}"/>` +
    '</worksheet>'
  );
}

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The rows of the two sheets (also what the tests compare with). */
export function reportRows(files: readonly ReportFile[], lang: Lang): { summary: Cell[][]; findings: Cell[][] } {
  const { w, summaryHead, findingsHead } = words(lang);
  const summary: Cell[][] = [summaryHead];
  const findings: Cell[][] = [findingsHead];
  const total = { error: 0, warning: 0, info: 0 };
  let forms = 0;
  for (const f of files) {
    if (f.problem) {
      summary.push([f.file, null, w('unreadable'), null, null, null, f.problem[lang]]);
      if (f.sheets.length === 0) continue;
    }
    for (const s of f.sheets) {
      const c = { error: 0, warning: 0, info: 0 };
      for (const x of s.findings) c[x.severity]++;
      total.error += c.error;
      total.warning += c.warning;
      total.info += c.info;
      if (s.recognized) forms++;
      summary.push([f.file, s.sheet, s.recognized ? w('yes') : w('no'), c.error, c.warning, c.info, s.recognized ? null : (s.reason?.[lang] ?? null)]);
      for (const x of s.findings) {
        findings.push([f.file, s.sheet, x.cell, x.rule, SEVERITY_LABEL[x.severity][lang], x.message[lang], x.arithmetic?.[lang] ?? null]);
      }
    }
  }
  summary.push([w('total'), null, null, total.error, total.warning, total.info, w('totalNote', { files: files.length, forms })]);
  return { summary, findings };
}

/** One sheet of the report: its name, its rows (the first is the header) and its column widths in characters. */
export interface ReportTable {
  name: string;
  rows: Cell[][];
  widths: number[];
}

/** The report's two sheets, 汇总 then 问题清单: what the .xlsx holds and what the Excel host writes into this workbook. */
export function reportTables(files: readonly ReportFile[], lang: Lang): ReportTable[] {
  const { w } = words(lang);
  const { summary, findings } = reportRows(files, lang);
  return [
    { name: w('summary'), rows: summary, widths: [36, 20, 8, 8, 8, 8, 60] },
    { name: w('findings'), rows: findings, widths: [36, 20, 8, 28, 8, 80, 36] },
  ];
}

/** The report workbook's bytes. */
export function findingsReportXlsx(files: readonly ReportFile[], lang: Lang): Uint8Array {
  const tables = reportTables(files, lang);
  const [summary, findings] = tables.map((x) => x.rows);
  const sheets = tables.map((x) => ({ name: x.name, xml: sheetXml(x.rows, x.widths) }));
  const ns = 'http://schemas.openxmlformats.org/';
  const files_: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<Types xmlns="${ns}package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<Relationships xmlns="${ns}package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${ns}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
        '</Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<workbook xmlns="${ns}spreadsheetml/2006/main" xmlns:r="${ns}officeDocument/2006/relationships">` +
        '<bookViews><workbookView/></bookViews><sheets>' +
        sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets>' +
        `<definedNames>${sheets.map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${esc(s.name)}'!$A$1:$G$${i === 0 ? summary.length : Math.max(1, findings.length)}</definedName>`).join('')}</definedNames>` +
        '</workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<Relationships xmlns="${ns}package/2006/relationships">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${ns}officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ),
    'xl/styles.xml': strToU8(STYLES),
  };
  sheets.forEach((s, i) => (files_[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(s.xml)));
  return zipSync(files_, { level: 6 });
}

/** The report's suggested file name. */
export function reportFileName(lang: Lang, now = new Date()): string {
  const d = `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
  return lang === 'zh' ? `问题清单-${d}.xlsx` : `findings-${d}.xlsx`;
}
