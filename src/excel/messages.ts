/** User-facing errors of the Excel module: 简体中文 first, English second. */
import type { Localized } from '../core/types';

type Params = Record<string, string | number>;

export const EXCEL_MESSAGES = {
  protected: {
    zh: '工作表“{sheet}”受保护，无法写入标记或修正，本次未做任何更改。请在“审阅 → 撤销工作表保护”中取消保护后重试。',
    en: 'Sheet "{sheet}" is protected, so marks and fixes cannot be written; nothing was changed. Unprotect it (Review → Unprotect Sheet) and try again.',
  },
  sheetMissing: {
    zh: '找不到工作表“{sheet}”，它可能已被改名或删除。请切换到要校验的工作表后重新校验。',
    en: 'Sheet "{sheet}" was not found; it may have been renamed or deleted. Go to the sheet and validate again.',
  },
  noFix: {
    zh: '单元格 {cell} 的这条问题没有可自动写入的修正值，请手动修改。',
    en: 'This finding on cell {cell} has no value to write; please correct it by hand.',
  },
  editMode: {
    zh: 'Excel 正在编辑单元格，暂时无法操作。请按 Enter 或 Esc 结束编辑后重试。',
    en: 'Excel is busy editing a cell. Press Enter or Esc to finish editing, then try again.',
  },
  apiMissing: {
    zh: '此版本的 Excel 不支持所需的功能（{detail}）。请更新 Office，或改用网页版 Excel。',
    en: 'This version of Excel lacks a feature the add-in needs ({detail}). Update Office or use Excel on the web.',
  },
  markFailed: {
    zh: '写入标记时 Excel 报错（{detail}），已撤销本次写入的标记。请重试；如仍失败，请保存并重新打开工作簿。',
    en: 'Excel reported an error while writing marks ({detail}); the marks written were undone. Try again; if it still fails, save and reopen the workbook.',
  },
  markFailedNoUndo: {
    zh: '写入标记时 Excel 报错（{detail}），部分标记可能已写入。请点击“清除标记”撤销后重试。',
    en: 'Excel reported an error while writing marks ({detail}); some marks may have been written. Press "Clear marks" to undo them, then try again.',
  },
  general: {
    zh: 'Excel 操作“{action}”失败：{detail}。请重试；如仍失败，请保存并重新打开工作簿。',
    en: 'Excel could not complete "{action}": {detail}. Try again; if it still fails, save and reopen the workbook.',
  },
  badSettings: {
    zh: '工作簿中保存的设置已损坏，已改用默认设置。',
    en: 'The settings saved in this workbook are damaged; defaults are used instead.',
  },
} satisfies Record<string, Localized>;

export type ExcelMessageId = keyof typeof EXCEL_MESSAGES;

function fill(t: string, p: Params): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => (k in p ? String(p[k]) : `{${k}}`));
}

/** An error the pane shows as is: `message` is the Chinese text, a newline, then the English. */
export class ExcelHostError extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(
    readonly id: ExcelMessageId,
    params: Params = {},
    readonly officeCode?: string,
  ) {
    const zh = fill(EXCEL_MESSAGES[id].zh, params);
    const en = fill(EXCEL_MESSAGES[id].en, params);
    super(`${zh}\n${en}`);
    this.name = 'ExcelHostError';
    this.zh = zh;
    this.en = en;
  }
}
