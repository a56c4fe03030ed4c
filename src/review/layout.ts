/**
 * The 附件2 审核表 layout, as in the seed: one description used by the .xlsx writer (Node), the
 * in-workbook writer (Office.js) and the readers that find rows by key. Pure and browser-safe.
 *
 *   row 1  附件2:
 *   row 2  <county>社保基金支出绩效监控审核表            (merged across the table)
 *   row 3  业务处室:
 *   row 4  监控时点:        年    月   (filled with the rows' 监控时点 when they share one)
 *   row 5  序号 | 部门单位名称 | 项目名称 | 预算执行情况(单位:万元) ×3 | 预算执行率 | 绩效目标总体完成率 | 绩效监控审核结果 ×4 | 总分
 *   row 6  (merged) | 调整后预算总数 | 到位资金总数 | 执行资金总数 | (merged) | 预算执行情况(30分) | … | 按时报送(10分) | (merged)
 *   row 7… data rows, 序号 1..n
 *   then   处室领导:
 *          经办人:
 */
import type { MergedArea } from '../core';
import { normalize } from '../core';
import { keyString } from './build';
import { DEFAULT_RUBRIC, type Rubric } from './rubric';
import type { ReviewKey, ReviewRow } from './types';

export type Annex2Column =
  | 'seq' | 'department' | 'project' | 'budget' | 'available' | 'executed' | 'executionRate' | 'overallRate'
  | 'budgetScore' | 'goalScore' | 'deviationScore' | 'timelyScore' | 'total';

export const ANNEX2_COLUMNS: readonly Annex2Column[] = [
  'seq', 'department', 'project', 'budget', 'available', 'executed', 'executionRate', 'overallRate',
  'budgetScore', 'goalScore', 'deviationScore', 'timelyScore', 'total',
];

/** Number of columns (A..M). */
export const ANNEX2_WIDTH = ANNEX2_COLUMNS.length;
/** 0-based sheet rows of the fixed parts. */
export const ANNEX2_ROWS = { label: 0, title: 1, office: 2, monitorPoint: 3, header1: 4, header2: 5, firstData: 6 } as const;

export const ANNEX2_LABEL = '附件2:';
export const ANNEX2_DEFAULT_TITLE = '社保基金支出绩效监控审核表';
export const OFFICE_LABEL = '业务处室:';
export const MONITOR_LABEL = '监控时点:';
/** The blank 监控时点 of the seed's template (with its non-breaking spaces). */
export const MONITOR_BLANK = '监控时点: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 年 \u00a0\u00a0 月';
export const FOOTER = ['处室领导:', '经办人:'] as const;
export const AMOUNT_GROUP = '预算执行情况(单位:万元)';
export const RESULT_GROUP = '绩效监控审核结果';

/** Column widths (characters) for writers that can set them. */
export const ANNEX2_COL_WIDTHS = [6, 28, 40, 12, 12, 12, 10, 12, 12, 14, 14, 12, 8];

export type PlanValue = string | number | null;

export interface Annex2Meta {
  /** the title; derived from the forms' 附件1 title when absent */
  title?: string;
  /** 业务处室 */
  office?: string;
  /** 监控时点; taken from the rows when they share one */
  monitorPoint?: string;
  /** the rubric, for the score headers' maxima */
  rubric?: Rubric;
}

export interface Annex2Plan {
  values: PlanValue[][];
  /** number formats, '' for General */
  formats: string[][];
  merges: MergedArea[];
  /** 0-based rows: header rows, first data row, number of data rows, footer rows */
  headerRows: [number, number];
  firstDataRow: number;
  dataRows: number;
  footerRows: [number, number];
  widths: number[];
}

/** The two header rows. */
export function annex2Header(rubric: Rubric = DEFAULT_RUBRIC): [PlanValue[], PlanValue[]] {
  return [
    ['序号', '部门单位名称', '项目名称', AMOUNT_GROUP, null, null, '预算执行率', '绩效目标总体完成率', RESULT_GROUP, null, null, null, '总分'],
    [null, null, null, '调整后预算总数', '到位资金总数', '执行资金总数', null, null,
      `预算执行情况(${rubric.budget.max}分)`, `绩效目标完成情况(${rubric.goal.max}分)`, `目标偏离及应对情况(${rubric.deviation.max}分)`, `按时报送(${rubric.timely.max}分)`, null],
  ];
}

/** Merges of the title and the header (0-based, relative to A1). */
export function annex2HeaderMerges(): MergedArea[] {
  const h1 = ANNEX2_ROWS.header1;
  const h2 = ANNEX2_ROWS.header2;
  return [
    { top: ANNEX2_ROWS.title, left: 0, bottom: ANNEX2_ROWS.title, right: ANNEX2_WIDTH - 1 },
    ...[0, 1, 2, 6, 7, 12].map((c) => ({ top: h1, left: c, bottom: h2, right: c })),
    { top: h1, left: 3, bottom: h1, right: 5 },
    { top: h1, left: 8, bottom: h1, right: 11 },
  ];
}

/** 附件2's title from the 附件1 titles: …绩效监控情况表 → …绩效监控审核表. */
export function annex2Title(rows: readonly ReviewRow[]): string {
  const titles = new Set<string>();
  for (const r of rows) {
    if (!r.formTitle) continue;
    const t = r.formTitle.replace(/\s+/g, '').replace(/绩效(?:运行)?监控(?:情况)?表$/, '绩效监控审核表');
    if (/审核表$/.test(t)) titles.add(t);
  }
  return titles.size === 1 ? [...titles][0] : ANNEX2_DEFAULT_TITLE;
}

/** The 监控时点 shared by all rows, or null. */
export function commonMonitorPoint(rows: readonly ReviewRow[]): string | null {
  const s = new Set(rows.map((r) => r.key.monitorPoint.trim()).filter(Boolean));
  return s.size === 1 ? [...s][0] : null;
}

export function officeText(office?: string): string {
  return office && office.trim() ? `${OFFICE_LABEL} ${office.trim()}` : OFFICE_LABEL;
}

export function monitorPointText(mp?: string | null): string {
  return mp && mp.trim() ? `${MONITOR_LABEL} ${mp.trim()}` : MONITOR_BLANK;
}

/** The cells of one data row, 序号 `seq`. */
export function rowCells(row: ReviewRow, seq: number): { values: PlanValue[]; formats: string[] } {
  const s = row.scores;
  return {
    values: [
      seq, row.department, row.project, row.budget, row.available, row.executed,
      row.executionRate.value, row.overallRate.value,
      s.budget.value, s.goal.value, s.deviation.value, s.timely.value, row.total,
    ],
    formats: ['', '', '', '', '', '', row.executionRate.format ?? '0%', row.overallRate.format ?? '0%', '', '', '', '', ''],
  };
}

/** The whole sheet for a list of rows, 序号 1..n in the given order. */
export function annex2Plan(rows: readonly ReviewRow[], meta: Annex2Meta = {}): Annex2Plan {
  const w = ANNEX2_WIDTH;
  const blank = (): PlanValue[] => new Array<PlanValue>(w).fill(null);
  const noFmt = (): string[] => new Array<string>(w).fill('');
  const values: PlanValue[][] = [];
  const formats: string[][] = [];
  const push = (v: PlanValue[], f: string[] = noFmt()) => {
    values.push(v);
    formats.push(f);
  };
  const line = (text: string) => {
    const v = blank();
    v[0] = text;
    push(v);
  };
  line(ANNEX2_LABEL);
  line(meta.title ?? annex2Title(rows));
  line(officeText(meta.office));
  line(monitorPointText(meta.monitorPoint ?? commonMonitorPoint(rows)));
  const [h1, h2] = annex2Header(meta.rubric);
  push(h1);
  push(h2);
  rows.forEach((r, i) => {
    const c = rowCells(r, i + 1);
    push(c.values, c.formats);
  });
  const footer = values.length;
  line(FOOTER[0]);
  line(FOOTER[1]);
  return {
    values,
    formats,
    merges: annex2HeaderMerges(),
    headerRows: [ANNEX2_ROWS.header1, ANNEX2_ROWS.header2],
    firstDataRow: ANNEX2_ROWS.firstData,
    dataRows: rows.length,
    footerRows: [footer, footer + 1],
    widths: ANNEX2_COL_WIDTHS,
  };
}

const clean = (v: unknown): string => (v === null || v === undefined ? '' : normalize(String(v)).replace(/\s+/g, ''));

export interface Annex2Found {
  /** 0-based row of the first header row (序号 …) */
  headerRow: number;
  /** 0-based first data row */
  firstDataRow: number;
  /** 0-based row of the footer's first line (处室领导), or -1 */
  footerRow: number;
  /** existing data rows, in sheet order */
  rows: { row: number; key: ReviewKey; keyString: string }[];
}

/**
 * Find the 附件2 table in a sheet's values (0-based, from A1): its header row (序号 / 部门单位名称 /
 * 项目名称), data rows until the footer or a blank row, and the footer. Null when there is no table.
 * Data rows take their 监控时点 from the sheet's 监控时点 line (the key's third part).
 */
export function findAnnex2(values: readonly (readonly unknown[])[]): Annex2Found | null {
  let headerRow = -1;
  let monitorPoint = '';
  for (let r = 0; r < values.length && r < 50; r++) {
    const row = values[r] ?? [];
    const first = clean(row[0]);
    if (first.startsWith(clean(MONITOR_LABEL))) {
      monitorPoint = String(row[0]).replace(/^\s*监控时点\s*[:：]\s*/, '').trim();
      if (/^年\s*月$/.test(monitorPoint.replace(/\s+/g, ''))) monitorPoint = '';
    }
    if (first === '序号' && clean(row[1]) === '部门单位名称' && clean(row[2]) === '项目名称') {
      headerRow = r;
      break;
    }
  }
  if (headerRow < 0) return null;
  const firstDataRow = headerRow + 2;
  const rows: Annex2Found['rows'] = [];
  let footerRow = -1;
  for (let r = firstDataRow; r < values.length; r++) {
    const row = values[r] ?? [];
    const first = clean(row[0]);
    if (first.startsWith(clean(FOOTER[0])) || first.startsWith(clean(FOOTER[1]))) {
      footerRow = r;
      break;
    }
    const department = String(row[1] ?? '').trim();
    const project = String(row[2] ?? '').trim();
    if (!department && !project) {
      if (row.every((v) => clean(v) === '')) continue;
    }
    if (!department && !project) continue;
    const key = { department, project, monitorPoint };
    rows.push({ row: r, key, keyString: keyString(key) });
  }
  return { headerRow, firstDataRow, footerRow, rows };
}
