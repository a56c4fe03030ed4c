/**
 * For the pane's tests: a PaneHost over a real grid (read from the seed workbooks with exceljs)
 * that validates with the real engine, writes fixes into the grid, and records every call.
 * Any method can be made to reject, as Excel would (protected sheet, cell edit mode …).
 */
import { type Grid, fromA1, marksFor, validateGrid } from '../../src/core';
import type { Finding, Localized } from '../../src/core/types';
import type { SettingsInput } from '../../src/core/validate';
import { readWorkbookFile } from '../../src/node/xlsx';
import { readSeed, seedRows } from '../../src/node/seed';
import { buildReviewRow } from '../../src/review/build';
import { gridFromRows } from './grid';
import type { GraphCheck } from '../../src/review/graph';
import type { AppendResult, DestinationConfig, ReviewRow } from '../../src/review/types';
import type { PaneHost, PaneSettings, ValidateOutcome } from '../../src/host';

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
  /** the rows of a sheet with several forms (buildReviewRows) */
  reviewRows?: ReviewRow[];
  appendResult?: (destination: DestinationConfig) => AppendResult;
  /** what Microsoft Graph's Test connection finds */
  graphCheck?: (destination: Extract<DestinationConfig, { kind: 'graph' }>) => GraphCheck;
  /** progress lines the append reports before it resolves (a Graph append waiting for Retry-After) */
  appendProgress?: Localized[];
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
    if (opts.reviewRows) {
      const rows = opts.reviewRows;
      host.buildReviewRows = async (settings: SettingsInput) => {
        record('buildReviewRows', [settings]);
        return rows.map(clone);
      };
    }
    host.appendReviewRow = async (row: ReviewRow, destination: DestinationConfig, onProgress?: (text: Localized) => void) => {
      record('appendReviewRow', [row, destination]);
      for (const p of opts.appendProgress ?? []) {
        onProgress?.(p);
        await new Promise((r) => setTimeout(r, 50));
      }
      host.appended.push({ row, destination });
      return opts.appendResult
        ? opts.appendResult(destination)
        : { where: { zh: '已追加到本工作簿“附件2”工作表第 3 行（序号 2）', en: 'appended at row 3 (No. 2) of sheet "附件2" in this workbook' }, seq: 2, updated: false };
    };
    if (opts.graphCheck) {
      const check = opts.graphCheck;
      host.testGraphConnection = async (destination) => {
        record('testGraphConnection', [destination]);
        return check(destination);
      };
    }
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

/** Form 2's 附件2 row from the real rubric: 542 / 433 / 433, 80% (computed 79.9%), 81% stated vs 86.3%, 30/30/25/9 = 94. */
export function form2ReviewRow(): ReviewRow {
  const grid = gridFromRows('城乡居民养老', seedRows(readSeed('form2.tsv')));
  return buildReviewRow(validateGrid(grid), { timely: 9 });
}
