/** User-facing errors of the Excel module: 简体中文 first, English second (the language kit, design §10). */
import { type Localized, type TextParams, LocalizedError, catalogue, localize } from '../core';

export const EXCEL_MESSAGES = catalogue({
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
  payloadTooLarge: {
    zh: 'Excel 拒绝了过大的数据请求（{detail}）。工作表“{sheet}”的已用区域可能因格式延伸到很远的行或列：请删除表格下方和右侧多余的行列（选中后“删除”，而非“清除”）并保存，然后重试。',
    en: 'Excel refused a request as too large ({detail}). The used range of sheet "{sheet}" may reach far down or right because of formatting: delete the extra rows and columns below and right of the form (select them, Delete — not Clear), save, and try again.',
  },
  notImplemented: {
    zh: '此版本的 Excel 声称支持但实际未实现所需的功能（{detail}）。请更新 Office；如仍失败，请改用网页版 Excel。',
    en: 'This version of Excel reports a feature as supported but does not implement it ({detail}). Update Office; if it still fails, use Excel on the web.',
  },
  readOnly: {
    zh: '工作簿当前为只读或“查看”模式，无法写入标记；本次未做任何更改。请切换到“编辑”模式（网页版：右上角“查看”→“编辑”），或另存一份副本后重试。',
    en: 'The workbook is read-only or open in Viewing mode, so marks cannot be written; nothing was changed. Switch to Editing (Excel on the web: Viewing → Editing at the top right) or save a copy, then try again.',
  },
  badSettings: {
    zh: '工作簿中保存的设置“{setting}”已损坏，已改用默认设置。',
    en: 'The settings saved in this workbook ({setting}) are damaged; defaults are used instead.',
  },
});

/** The operations an Excel error names ("Excel 操作“校验”失败"). */
export const EXCEL_ACTIONS = catalogue({
  validate: { zh: '校验', en: 'validate' },
  clearMarks: { zh: '清除标记', en: 'clear marks' },
  fix: { zh: '修正', en: 'fix' },
  select: { zh: '定位', en: 'select' },
  loadSettings: { zh: '读取设置', en: 'load settings' },
  saveSettings: { zh: '保存设置', en: 'save settings' },
  buildReviewRow: { zh: '生成审核行', en: 'build review row' },
  buildReviewRows: { zh: '生成审核行', en: 'build review rows' },
  exportFindings: { zh: '导出问题清单', en: 'export the findings' },
});

export type ExcelAction = keyof typeof EXCEL_ACTIONS;

export type ExcelMessageId = keyof typeof EXCEL_MESSAGES;

/** Notes the pane shows after a 校验 or 清除标记 that succeeded in a degraded way: 简体中文 first, English second. */
export const EXCEL_NOTICES = catalogue({
  fillOnlyRetry: {
    zh: 'Excel 拒绝写入批注（{detail}），已改为只用底色标记；每条问题的说明仍列在面板中。',
    en: 'Excel refused the notes ({detail}), so the cells were marked with fill only; every message is still listed in the pane.',
  },
  notesUnavailable: {
    zh: '此版本的 Excel 无法读取批注（{detail}），已只用底色标记。',
    en: 'This Excel could not read notes ({detail}), so the cells were marked with fill only.',
  },
  userCommentKept: {
    zh: '{count} 个单元格已有他人的批注或备注，未添加说明，只加了底色。',
    en: '{count} {count|cell already carries|cells already carry} someone\'s comment or note: {count|it|they} got the fill only, no message.',
  },
  gradientLeft: {
    zh: '{count} 个单元格为渐变填充，Excel 不允许加载项恢复渐变，因此未改动其底色（说明仍已添加）。',
    en: '{count} {count|cell has|cells have} a gradient fill, which Excel does not let an add-in restore, so {count|its|their} fill was left untouched (the message was still attached).',
  },
  fillChangedByUser: {
    zh: '{count} 个单元格的标记底色已被改动，保留现有底色，未恢复原底色。',
    en: '{count} marked {count|cell|cells} had {count|its|their} fill changed since; {count|its|their} current fill was kept, not restored.',
  },
  otherHostNotes: {
    zh: '标记是用支持“备注”的 Excel（Microsoft 365 或网页版）写入的，此版本无法删除这些备注。请在 Microsoft 365 或网页版 Excel 中“清除标记”。',
    en: 'The marks were written as notes by a newer Excel (Microsoft 365 or the web); this version cannot remove notes. Clear marks in Microsoft 365 or Excel on the web.',
  },
  largeSheet: {
    zh: '已用区域有 {rows} 行，已分 {windows} 次读取。',
    en: 'The used range has {rows} {rows|row|rows}; it was read in {windows} {windows|part|parts}.',
  },
});

/** The 附件2 sheet of this workbook as a destination (annex2.ts). */
export const ANNEX2_SHEET_MESSAGES = catalogue({
  updated: { zh: '已更新本工作簿“{sheet}”工作表第 {row} 行（序号 {seq}）', en: 'updated row {row} (No. {seq}) of sheet "{sheet}" in this workbook' },
  appended: { zh: '已追加到本工作簿“{sheet}”工作表第 {row} 行（序号 {seq}）', en: 'appended at row {row} (No. {seq}) of sheet "{sheet}" in this workbook' },
  notAnnex2: {
    zh: '工作表“{sheet}”已有内容，但不是附件2 审核表（没有“序号 | 部门单位名称 | 项目名称”表头）；为免覆盖，未写入任何内容。请改用另一个工作表名称。',
    en: 'sheet "{sheet}" has content but no 附件2 table (no 序号 | 部门单位名称 | 项目名称 header); nothing was written, to avoid overwriting it. Choose another sheet name.',
  },
  otherMonitorPoint: {
    zh: '工作表“{sheet}”是监控时点 {sheetPoint} 的附件2，而这一行是 {rowPoint}；未写入任何内容。请为 {rowPoint} 另用一个工作表。',
    en: 'sheet "{sheet}" is the 附件2 for {sheetPoint} but this row is for {rowPoint}; nothing was written. Use another sheet for {rowPoint}.',
  },
  protected: {
    zh: '工作表“{sheet}”受保护，无法写入审核行，未做任何更改。请取消保护后重试。',
    en: 'sheet "{sheet}" is protected; the review row was not written and nothing was changed. Unprotect it and try again.',
  },
  otherMonitorPointInBatch: {
    zh: '工作表“{sheet}”是监控时点 {sheetPoint} 的附件2，而其中一行是 {rowPoint}；未写入任何内容。请为 {rowPoint} 另用一个工作表。',
    en: 'sheet "{sheet}" is the 附件2 for {sheetPoint} but a row is for {rowPoint}; nothing was written. Use another sheet for {rowPoint}.',
  },
  mixedMonitorPoints: {
    zh: '这些行属于不同的监控时点（{points}），一张附件2 只能有一个监控时点；未写入工作表“{sheet}”。请按监控时点分批追加，每个时点用一个工作表。',
    en: 'these rows are for different monitoring points ({pointsEn}); a 附件2 has one; nothing was written to sheet "{sheet}". Append them per monitoring point, one sheet each.',
  },
  excelError: { zh: '写入附件2 工作表“{sheet}”时 Excel 报错：{detail}', en: 'Excel reported an error while writing sheet "{sheet}": {detail}' },
});

export type ExcelNoticeId = keyof typeof EXCEL_NOTICES;

/** The parts of the saved pane settings, as `badSettings` names them. */
export const SETTING_NAMES = catalogue({
  all: { zh: '全部设置', en: 'all settings' },
  engine: { zh: '校验规则与阈值', en: 'rules and thresholds' },
  rubric: { zh: '附件2 评分规则', en: 'the 附件2 rubric' },
  destination: { zh: '附件2 去向', en: 'the 附件2 destination' },
  lang: { zh: '界面语言', en: 'the pane language' },
});

export type SettingName = keyof typeof SETTING_NAMES;

/** `badSettings` naming the damaged parts. */
export function badSettingsMessage(parts: readonly SettingName[]): Localized {
  const zh = parts.map((k) => SETTING_NAMES[k].zh).join('、');
  const en = parts.map((k) => SETTING_NAMES[k].en).join(', ');
  return localize(EXCEL_MESSAGES, 'badSettings', { setting: zh, settingEn: en });
}

/** A notice with its parameters filled in. */
export function notice(id: ExcelNoticeId, params: TextParams = {}): Localized & { id: ExcelNoticeId } {
  return { id, ...localize(EXCEL_NOTICES, id, params) };
}

/** An error the pane shows as is: `message` is the Chinese text, a newline, then the English. */
export class ExcelHostError extends LocalizedError {
  constructor(
    readonly id: ExcelMessageId,
    params: TextParams = {},
    readonly officeCode?: string,
  ) {
    super(localize(EXCEL_MESSAGES, id, params));
  }
}
