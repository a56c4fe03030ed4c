/**
 * The 附件2 review row (SPEC §6) — the contract between the rubric, the pane and the destinations.
 */
import type { Localized } from '../core/types';

/** A row is keyed by (部门单位名称, 项目名称, 监控时点): appending the same key again updates the row. */
export interface ReviewKey {
  department: string;
  project: string;
  monitorPoint: string;
}

export type RateSource = 'stated' | 'computed';

/** A rate column of the row: the value used, and both candidates so the reviewer can switch. */
export interface RateChoice {
  value: number | null;
  source: RateSource;
  stated: number | null;
  computed: number | null;
  /** true when the stated and computed rates disagree beyond the sheet's precision */
  disagree: boolean;
}

export type ScoreKey = 'budget' | 'goal' | 'deviation' | 'timely';

export interface Score {
  /** the score used (the reviewer may have changed it) */
  value: number;
  /** what the rubric proposed */
  proposed: number;
  max: number;
  /** the evidence in words, e.g. 执行数 ÷ 到位数 = 100% */
  evidence: Localized;
}

export interface ReviewRow {
  key: ReviewKey;
  /** 序号: assigned by the destination, consecutive */
  seq?: number;
  department: string;
  project: string;
  budget: number | null; // 调整后预算总数
  available: number | null; // 到位资金总数
  executed: number | null; // 执行资金总数
  executionRate: RateChoice; // 预算执行率
  overallRate: RateChoice; // 绩效目标总体完成率
  scores: Record<ScoreKey, Score>;
  /** 总分: always the sum of the four scores */
  total: number;
  /** 金额单位 of the source form */
  amountUnit: string;
  /** workbook / sheet the row came from */
  source?: { file?: string; sheet: string };
}

/** Where the shared 附件2 lives (SPEC §7). */
export type DestinationConfig =
  | { kind: 'workbook'; sheetName?: string }
  | { kind: 'server'; url: string; token: string }
  | { kind: 'graph'; workbookUrl?: string; driveItemId?: string; table: string };

export interface AppendResult {
  /** where the row went, for the success message */
  where: Localized;
  /** 序号 of the row */
  seq: number;
  /** true when an existing row with the same key was updated */
  updated: boolean;
}
