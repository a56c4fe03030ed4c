/**
 * For the pane's tests: a PaneHost over a real grid (read from the seed workbooks with exceljs)
 * that validates with the real engine, writes fixes into the grid, and records every call.
 * Any method can be made to reject, as Excel would (protected sheet, cell edit mode …).
 */
import { type Grid, fromA1, marksFor, validateGrid } from '../core';
import type { Finding } from '../core/types';
import type { SettingsInput } from '../core/validate';
import { readWorkbookFile } from '../node/xlsx';
import type { AppendResult, DestinationConfig, ReviewRow } from '../review/types';
import type { PaneHost, PaneSettings, ValidateOutcome } from './host';

export async function readSeedGrid(file: string): Promise<Grid> {
  const { grids } = await readWorkbookFile(`test/fixtures/xlsx/${file}`);
  return grids[0];
}

/** A deep copy of plain data (jsdom has no structuredClone). */
export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Put a value into a grid cell (A1, absolute), as typing it in Excel would. */
export function setCell(grid: Grid, a1: string, value: string | number): void {
  const { row, col } = fromA1(a1);
  const r = row - grid.top;
  const c = col - grid.left;
  while (grid.values.length <= r) grid.values.push([]);
  grid.values[r][c] = value;
  if (grid.text) {
    while (grid.text.length <= r) grid.text.push([]);
    grid.text[r][c] = ''; // the engine formats the value by the cell's number format
  }
}

type Failures = Partial<Record<keyof PaneHost, unknown>>;

export interface FakeHost extends PaneHost {
  grid: Grid;
  calls: { method: keyof PaneHost; args: unknown[] }[];
  /** the error each method rejects with, while set */
  failures: Failures;
  saved: PaneSettings[];
  appended: { row: ReviewRow; destination: DestinationConfig }[];
}

export interface FakeHostOptions {
  stored?: PaneSettings;
  reviewRow?: ReviewRow;
  appendResult?: (destination: DestinationConfig) => AppendResult;
  /** leave out buildReviewRow / appendReviewRow, like a host without the review module */
  noReview?: boolean;
}

export function fakeHost(grid: Grid, opts: FakeHostOptions = {}): FakeHost {
  let stored: PaneSettings = opts.stored ?? { engine: {} };
  const host: FakeHost = {
    grid,
    calls: [],
    failures: {},
    saved: [],
    appended: [],
    async validateAndMark(settings: SettingsInput): Promise<ValidateOutcome> {
      record('validateAndMark', [settings]);
      const result = validateGrid(grid, settings);
      return { result, marked: marksFor(result.findings).length, markMode: 'notes', syncs: 2 };
    },
    async clearMarks() {
      record('clearMarks', []);
      return { cleared: marksFor(validateGrid(grid, stored.engine).findings).length };
    },
    async applyFix(finding: Finding) {
      record('applyFix', [finding]);
      if (!finding.fix) throw new Error('no fix');
      setCell(grid, finding.fix.cell, finding.fix.value);
    },
    async selectCell(sheet: string, cell: string) {
      record('selectCell', [sheet, cell]);
    },
    async loadSettings() {
      record('loadSettings', []);
      return stored;
    },
    async saveSettings(settings: PaneSettings) {
      record('saveSettings', [settings]);
      stored = settings;
      host.saved.push(settings);
    },
  };
  if (!opts.noReview) {
    host.buildReviewRow = async (settings: SettingsInput) => {
      record('buildReviewRow', [settings]);
      if (!opts.reviewRow) throw new Error('no review row configured');
      return clone(opts.reviewRow);
    };
    host.appendReviewRow = async (row: ReviewRow, destination: DestinationConfig) => {
      record('appendReviewRow', [row, destination]);
      host.appended.push({ row, destination });
      return opts.appendResult
        ? opts.appendResult(destination)
        : { where: { zh: '本工作簿的“附件2”工作表', en: 'the 附件2 sheet of this workbook' }, seq: 2, updated: false };
    };
  }

  function record(method: keyof PaneHost, args: unknown[]): void {
    host.calls.push({ method, args });
    const failure = host.failures[method];
    if (failure !== undefined) throw failure;
  }
  return host;
}

/** An Error carrying an Office-style code or an HTTP status, as hosts reject with. */
export function hostError(message: string, extra: { code?: string; status?: number } = {}): Error {
  return Object.assign(new Error(message), extra);
}

/** Form 2's 附件2 row, written out by hand from the seed: 542 / 433 / 433, 80% (computed 79.9%), 81% stated vs 86.3%, 30/30/25/9 = 94. */
export function form2ReviewRow(): ReviewRow {
  return {
    key: { department: '塔什库尔干县社会保险管理局', project: '塔什库尔干县城乡居民养老保险基金支出', monitorPoint: '2020年9月' },
    department: '塔什库尔干县社会保险管理局',
    project: '塔什库尔干县城乡居民养老保险基金支出',
    budget: 542,
    available: 433,
    executed: 433,
    executionRate: { value: 433 / 542, source: 'computed', stated: null, computed: 433 / 542, disagree: false },
    overallRate: { value: 0.81, source: 'stated', stated: 0.81, computed: 0.8632, disagree: true },
    scores: {
      budget: { value: 30, proposed: 30, max: 30, evidence: { zh: '执行数 ÷ 到位数 = 433 ÷ 433 = 100%', en: 'spent ÷ received = 433 ÷ 433 = 100%' } },
      goal: { value: 30, proposed: 30, max: 30, evidence: { zh: '总体完成率 81% ≥ 60%', en: 'overall completion 81% ≥ 60%' } },
      deviation: {
        value: 25,
        proposed: 25,
        max: 30,
        evidence: { zh: '“五、偏差和采取的措施”未填写，扣 5 分', en: 'section 五 is empty: minus 5' },
      },
      timely: { value: 9, proposed: 9, max: 10, evidence: { zh: '由审核人填写', en: 'entered by the reviewer' } },
    },
    total: 94,
    amountUnit: '万元',
    source: { sheet: '城乡居民养老' },
  };
}
