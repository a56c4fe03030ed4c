/**
 * The 附件2 review row (design §6) — the contract between the rubric, the pane and the destinations.
 */
import type { Localized } from '../core';

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
  /** how the value was chosen, with the arithmetic, e.g. 执行数 ÷ 预算数 = 10934 ÷ 14158 = 77.2% */
  evidence?: Localized;
  /** number format to show the rate with (the stated cell's percent format, or `0%`) */
  format?: string;
}

/** What the proposed scores were computed from, so a switch of rate can re-propose them. */
export interface ScoreBasis {
  executed: number | null;
  available: number | null;
  timeProgress: number | null;
  /** 时间进度's arithmetic, e.g. 9/12 */
  timeProgressArithmetic?: string;
  /** section 五 (偏差和采取的措施) is empty */
  explanationEmpty: boolean;
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
  /** amounts are in 万元, the 附件2's unit (converted from the form's 金额单位) */
  budget: number | null; // 调整后预算总数
  available: number | null; // 到位资金总数
  executed: number | null; // 执行资金总数
  executionRate: RateChoice; // 预算执行率
  overallRate: RateChoice; // 绩效目标总体完成率
  scores: Record<ScoreKey, Score>;
  /** 总分: always the sum of the four scores */
  total: number;
  /** 金额单位 of the source form (the amounts above are converted to 万元) */
  amountUnit: string;
  /** workbook / sheet the row came from */
  source?: { file?: string; sheet: string; /** on a sheet with several forms, which one (0-based) */ form?: number };
  /** the 附件1 title (e.g. 塔什库尔干县社保基金支出绩效监控情况表), for the 附件2 title */
  formTitle?: string;
  /** the inputs of the proposed scores */
  basis?: ScoreBasis;
}

/** Where the shared 附件2 lives (design §7). */
export type DestinationConfig =
  | { kind: 'workbook'; sheetName?: string }
  | { kind: 'server'; url: string; token: string }
  | {
      kind: 'graph';
      /** the shared workbook's sharing URL (OneDrive / SharePoint); the ids below are derived from it */
      workbookUrl?: string;
      /** its drive item id and drive id (resolved from the link by “Test connection” and saved) */
      driveItemId?: string;
      driveId?: string;
      /** the Excel table holding the 附件2 rows (13 columns in the 附件2's order) */
      table: string;
      /** the add-in's Microsoft Entra app (client) id, for the sign-in (NAA or the Office dialog) */
      clientId?: string;
      /** Graph endpoint (default https://graph.microsoft.com/v1.0) */
      graphBase?: string;
    };

export interface AppendResult {
  /** where the row went, for the success message */
  where: Localized;
  /** 序号 of the row */
  seq: number;
  /** true when an existing row with the same key was updated */
  updated: boolean;
  /** Graph: rows that carried the same key (a late-landing add) and were removed */
  duplicatesRemoved?: number;
  /** Graph: an earlier attempt was not confirmed and may still appear in the table */
  unconfirmed?: boolean;
}
