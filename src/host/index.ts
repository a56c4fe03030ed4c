/**
 * What the task pane needs from its host. The pane knows nothing of Excel: the Excel module
 * (src/excel/) implements this in Office; the demo host and the tests implement it too.
 */
import type { Finding, Localized, SettingsInput, SheetResult } from '../core';
import type { ReportTable } from '../review/findings-report';
import type { GraphCheck } from '../review/graph';
import type { Rubric } from '../review/rubric';
import type { AppendResult, DestinationConfig, ReviewRow } from '../review/types';

export interface PaneSettings {
  /** engine settings: rules on/off and severity, thresholds, tolerance */
  engine: SettingsInput;
  /** the 附件2 destination last chosen */
  destination?: DestinationConfig;
  /** UI language */
  lang?: 'zh' | 'en';
  /** the scoring rubric of the 附件2 row (default: design §6) */
  rubric?: Rubric;
}

/** The saved settings as loaded: a damaged part is replaced by its default and named in `damaged`. */
export type LoadedSettings = PaneSettings & {
  /** what was damaged and replaced by defaults, in words (the pane shows it as a warning) */
  damaged?: Localized;
};

export interface ValidateOutcome {
  result: SheetResult;
  /** cells marked */
  marked: number;
  /** how marks were written: notes, comments, or fill only (older Excel) */
  markMode: 'notes' | 'comments' | 'fill';
  /** Excel round trips used (for the status line and the tests) */
  syncs: number;
  /** what the host could not do as usual and did instead (fill only, gradients left alone …) */
  notices?: Localized[];
}

/** Progress of a long read: `done` of `total` parts of the used range read. */
export interface ReadProgress {
  done: number;
  total: number;
  rows: number;
}

export interface PaneHost {
  /** Read the active sheet, validate it and mark every finding in place. */
  validateAndMark(settings: SettingsInput, opts?: { onProgress?: (p: ReadProgress) => void }): Promise<ValidateOutcome>;
  /** Restore every marked cell's previous fill and remove only the notes the add-in wrote. */
  clearMarks(): Promise<{ cleared: number; notices?: Localized[] }>;
  /** Write the finding's fix value, keeping the cell's number format. */
  applyFix(finding: Finding): Promise<void>;
  /** Select the cell a finding is about. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Settings saved with the workbook. */
  loadSettings(): Promise<LoadedSettings>;
  saveSettings(settings: PaneSettings): Promise<void>;
  /** Build the 附件2 review row of the active sheet. */
  buildReviewRow?(settings: SettingsInput): Promise<ReviewRow>;
  /** Build one 附件2 review row per form on the active sheet (a sheet may hold several 附件1). */
  buildReviewRows?(settings: SettingsInput): Promise<ReviewRow[]>;
  /** Append (or update by key) a review row at a destination. Nothing is half-written on failure. */
  appendReviewRow?(row: ReviewRow, destination: DestinationConfig, onProgress?: (text: Localized) => void): Promise<AppendResult>;
  /** Microsoft Graph: sign in, open the shared workbook and check its table; never writes. */
  testGraphConnection?(destination: Extract<DestinationConfig, { kind: 'graph' }>): Promise<GraphCheck>;
  /** 审核一批: append several rows in one go (the workbook destination: one read, one write; nothing written on failure). */
  appendReviewRows?(rows: readonly ReviewRow[], destination: DestinationConfig): Promise<AppendResult[]>;
  /** 审核一批: the findings report as new sheets of this workbook (Excel for Mac cannot download it); the names given. */
  addReportSheets?(tables: readonly ReportTable[]): Promise<{ names: string[] }>;
}
