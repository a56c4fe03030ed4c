/**
 * What the ribbon's 校验 button tells the user, as plain data: built in the function file from the
 * Excel module's outcome (or the error it threw), carried to dialog.html in the URL fragment
 * (fragments never reach a server or its logs), and turned into text there.
 * No Office.js and no DOM here, so it is tested in Node.
 */
import { type Lang, type Localized, catalogue, countBySeverity, isLocalized, translate } from '../core';
import type { ValidateOutcome } from '../host';

export type { Lang };

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export type RibbonSummary =
  | {
      kind: 'result';
      lang: Lang;
      sheet: string;
      recognized: boolean;
      /** why the sheet is not a 附件1 form */
      reason?: Localized;
      counts: SeverityCounts;
      marked: number;
      markMode: ValidateOutcome['markMode'];
      /** what Excel's limits made the host do instead (fill only, gradients left alone …; docs/excel-limits.md) */
      notices?: Localized[];
    }
  | {
      kind: 'error';
      lang: Lang;
      /** the host's message (in both languages when it gave both) */
      detail: Localized;
      /** what to do, when the host's message does not say it already */
      action?: Localized;
    };

export function outcomeSummary(outcome: ValidateOutcome, lang: Lang = 'zh'): RibbonSummary {
  return {
    kind: 'result',
    lang,
    sheet: outcome.result.sheet,
    recognized: outcome.result.recognized,
    ...(outcome.result.reason ? { reason: outcome.result.reason } : {}),
    counts: countBySeverity(outcome.result.findings),
    marked: outcome.marked,
    markMode: outcome.markMode,
    ...(outcome.notices?.length ? { notices: outcome.notices.map((n) => ({ zh: n.zh, en: n.en })) } : {}),
  };
}

/** What to do after a raw Office error, chosen by its code. */
const ACTIONS = catalogue({
  cellEdit: {
    zh: '请先结束单元格编辑（按 Enter 或 Esc），再点击“校验”。',
    en: 'Finish editing the cell (press Enter or Esc), then select Validate again.',
  },
  protected: {
    zh: '工作表受保护，无法写入标记。请在“审阅”选项卡中撤消工作表保护后重试；未写入任何内容。',
    en: 'The sheet is protected, so marks cannot be written. Unprotect it on the Review tab and try again; nothing was written.',
  },
  busy: {
    zh: 'Excel 正忙，请稍候几秒再点击“校验”。',
    en: 'Excel is busy; wait a few seconds and select Validate again.',
  },
  other: {
    zh: '请重试；如果问题仍然存在，请点击“打开面板”，在面板中校验以查看详细信息。',
    en: 'Try again; if it keeps happening, select Open pane and validate there to see the details.',
  },
});

/**
 * Whatever the Excel module threw, as a message plus what to do. Never drops the host's own text.
 * The Excel module's errors (ExcelHostError) carry zh/en text that already says what to do; a raw
 * Office error gets advice chosen by its code.
 */
export function errorSummary(err: unknown, lang: Lang = 'zh'): RibbonSummary {
  const e =
    typeof err === 'object' && err !== null
      ? (err as { message?: unknown; code?: unknown; officeCode?: unknown; localized?: unknown; zh?: unknown; en?: unknown })
      : {};
  if (isLocalized(e.localized)) return { kind: 'error', lang, detail: { zh: e.localized.zh, en: e.localized.en } };
  if (isLocalized(e)) return { kind: 'error', lang, detail: { zh: e.zh, en: e.en } };
  const text = typeof e.message === 'string' && e.message ? e.message : typeof err === 'string' && err ? err : String(err);
  const code = typeof e.code === 'string' ? e.code : typeof e.officeCode === 'string' ? e.officeCode : '';
  let action = ACTIONS.other;
  if (code === 'InvalidOperationInCellEditMode') action = ACTIONS.cellEdit;
  else if (code === 'AccessDenied' || /protected|保护/i.test(text)) action = ACTIONS.protected;
  else if (code === 'ActivityLimitReached' || code === 'RequestAborted') action = ACTIONS.busy;
  const withCode = code && !text.includes(code) ? `${text} (${code})` : text;
  return { kind: 'error', lang, detail: { zh: withCode, en: withCode }, action };
}

/**
 * Summary → URL fragment (without '#'): `s=<percent-encoded JSON>`. Percent-encoding leaves no
 * '&', '?' or '#', so parameters an Office client may append after it cannot corrupt it.
 */
export function encodeSummary(s: RibbonSummary): string {
  return `s=${encodeURIComponent(JSON.stringify(s))}`;
}

/** URL fragment (with or without '#') → summary, or null when it is not one of ours. */
export function decodeSummary(fragment: string): RibbonSummary | null {
  const m = /(?:^#?|&)s=([^&?#]*)/.exec(fragment);
  if (!m || !m[1]) return null;
  let v: unknown;
  try {
    v = JSON.parse(decodeURIComponent(m[1]));
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Partial<RibbonSummary> & Record<string, unknown>;
  const lang: Lang = s.lang === 'en' ? 'en' : 'zh';
  if (s.kind === 'error' && isLocalized(s.detail) && (s.action === undefined || isLocalized(s.action))) {
    return { kind: 'error', lang, detail: s.detail, ...(s.action ? { action: s.action } : {}) };
  }
  if (s.kind === 'result' && typeof s.sheet === 'string' && typeof s.recognized === 'boolean') {
    const c = (s.counts ?? {}) as Partial<SeverityCounts>;
    const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? Math.floor(x) : 0);
    const markMode = s.markMode === 'comments' || s.markMode === 'fill' ? s.markMode : 'notes';
    return {
      kind: 'result',
      lang,
      sheet: s.sheet,
      recognized: s.recognized,
      ...(isLocalized(s.reason) ? { reason: s.reason } : {}),
      counts: { error: n(c.error), warning: n(c.warning), info: n(c.info) },
      marked: n(s.marked),
      markMode,
      ...(Array.isArray(s.notices) && s.notices.length && s.notices.every(isLocalized) ? { notices: s.notices } : {}),
    };
  }
  return null;
}

export interface SummaryText {
  /** 'ok' (no findings), 'problems', 'not-recognized' or 'error': the dialog's colour */
  tone: 'ok' | 'problems' | 'not-recognized' | 'error';
  title: string;
  lines: string[];
  close: string;
}

/** The dialog's text. */
const T = catalogue({
  title: { zh: '校验结果', en: 'Validation result' },
  errorTitle: { zh: '校验未完成', en: 'Validation did not finish' },
  close: { zh: '关闭', en: 'Close' },
  sheet: { zh: '工作表：{sheet}', en: 'Sheet: {sheet}' },
  notFormTitle: { zh: '当前工作表不是附件1', en: 'The active sheet is not an Annex 1 form' },
  notFormAction: { zh: '请切换到附件1工作表后再点击“校验”。', en: 'Switch to the Annex 1 sheet and select Validate again.' },
  noProblems: { zh: '未发现问题。', en: 'No problems found.' },
  problems: {
    zh: '发现 {total} 个问题：错误 {error}，警告 {warning}，提示 {info}。',
    en: '{total} {total|problem|problems} found: {error} {error|error|errors}, {warning} {warning|warning|warnings}, {info} {info|note|notes}.',
  },
  markedNotes: { zh: '{marked} 个单元格已用填充色和批注标出。', en: '{marked} {marked|cell|cells} marked with a fill and a note.' },
  markedComments: { zh: '{marked} 个单元格已用填充色和批注（评论）标出。', en: '{marked} {marked|cell|cells} marked with a fill and a comment.' },
  markedFill: {
    zh: '{marked} 个单元格已用填充色标出（此版本 Excel 不支持写入批注）。',
    en: '{marked} {marked|cell|cells} marked with a fill (this Excel cannot write notes).',
  },
  openPane: {
    zh: '点击“打开面板”查看问题清单和修正值；在面板中可清除标记。',
    en: 'Select Open pane for the list of problems and their fixes; the pane also clears the marks.',
  },
});

/** The dialog's text in the summary's language. All workbook text is passed through as plain text. */
export function summaryText(s: RibbonSummary): SummaryText {
  const lang: Lang = s.lang === 'en' ? 'en' : 'zh';
  const t = (key: keyof typeof T, params?: Record<string, string | number>) => translate(T, lang, key, params);
  if (s.kind === 'error') {
    return {
      tone: 'error',
      title: t('errorTitle'),
      lines: [s.detail[lang], ...(s.action ? [s.action[lang]] : [])],
      close: t('close'),
    };
  }
  const sheet = t('sheet', { sheet: s.sheet });
  if (!s.recognized) {
    const reason = s.reason ? s.reason[lang] : '';
    return {
      tone: 'not-recognized',
      title: t('notFormTitle'),
      lines: [sheet, ...(reason ? [reason] : []), t('notFormAction')],
      close: t('close'),
    };
  }
  const { error, warning, info } = s.counts;
  const total = error + warning + info;
  const lines = [sheet];
  if (total === 0) {
    lines.push(t('noProblems'));
  } else {
    lines.push(t('problems', { total, error, warning, info }));
    const how = s.markMode === 'notes' ? 'markedNotes' : s.markMode === 'comments' ? 'markedComments' : 'markedFill';
    lines.push(t(how, { marked: s.marked }));
    for (const n of s.notices ?? []) lines.push(n[lang]);
    lines.push(t('openPane'));
  }
  return { tone: total === 0 ? 'ok' : 'problems', title: t('title'), lines, close: t('close') };
}
