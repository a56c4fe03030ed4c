/**
 * The message catalogue of 审核一批 (the batch view, a lazy chunk): 简体中文 first, English second.
 * Kept beside the pane's catalogue (i18n.ts) so the batch strings load with the batch code.
 */
import { type Lang, type Params, catalogue, translate } from '../core';
import { useI18n } from './i18n';

export const BATCH_CATALOGUE = catalogue({
  batchOpen: { zh: '审核一批…', en: 'Review a batch…' },
  batchClose: { zh: '关闭批量审核', en: 'Close batch review' },
  batchHeading: { zh: '审核一批', en: 'Review a batch' },
  batchHint: {
    zh: '选择或拖入收到的多个附件1工作簿（.xlsx）。文件只在本面板中读取，除追加到所选目标外不会发送到任何地方；关闭此视图即从内存中清除。',
    en: 'Pick or drop the 附件1 workbooks (.xlsx) you received. They are read in this pane only and sent nowhere except the rows you append to the destination you choose; closing this view drops them from memory.',
  },
  batchPick: { zh: '选择文件…', en: 'Choose files…' },
  batchInputLabel: { zh: '要审核的工作簿', en: 'Workbooks to review' },
  batchDrop: { zh: '或把文件拖到这里', en: 'or drop files here' },
  batchDropActive: { zh: '松开鼠标以审核这些文件', en: 'Release to review these files' },
  batchReading: { zh: '正在读取 {k} / {n}', en: 'Reading {k} / {n}' },
  batchReadAll: { zh: '已读取 {k} / {n}', en: 'Read {k} / {n}' },
  batchCancel: { zh: '取消', en: 'Cancel' },
  batchCancelled: { zh: '已取消：已读取 {k} / {n} 个文件，其余未读取。', en: 'Cancelled: {k} of {n} {n|file|files} read; the rest were not read.' },
  batchDone: {
    zh: '已读取 {files} 个文件：{forms} 张附件1，{failed} 个文件无法读取；{error} 个错误，{warning} 个警告，{info} 个提示。',
    en: '{files} {files|file|files} read: {forms} {forms|form|forms}, {failed} {failed|file|files} could not be read; {error} {error|error|errors}, {warning} {warning|warning|warnings}, {info} info.',
  },
  batchFilesHeading: { zh: '文件（{n}）', en: 'Files ({n})' },
  batchSheet: { zh: '工作表“{sheet}”', en: 'Sheet "{sheet}"' },
  batchRecognized: { zh: '已识别为附件1', en: 'recognised as a 附件1' },
  batchNotForm: { zh: '不是附件1：{reason}', en: 'not a 附件1: {reason}' },
  batchCounts: { zh: '{error} 个错误 · {warning} 个警告 · {info} 个提示', en: '{error} {error|error|errors} · {warning} {warning|warning|warnings} · {info} info' },
  batchScores: {
    zh: '建议得分：预算执行 {budget} · 目标完成 {goal} · 偏差说明 {deviation} · 按时报送 {timely}；总分 {total}',
    en: 'Proposed: budget {budget} · goals {goal} · deviation {deviation} · on time {timely}; total {total}',
  },
  batchSelectRow: { zh: '追加此行：{project}', en: 'Append this row: {project}' },
  batchShowFindings: { zh: '查看问题（{n}）', en: 'Show findings ({n})' },
  batchHideFindings: { zh: '收起问题', en: 'Hide findings' },
  batchFindingsNote: { zh: '只读：这些单元格在收到的文件中，不在本工作簿。', en: 'Read-only: these cells are in the received file, not in this workbook.' },
  batchEditScores: { zh: '修改得分', en: 'Edit scores' },
  batchDoneEditing: { zh: '完成修改', en: 'Done editing' },
  batchScoreLabel: { zh: '{label}（满分 {max}）', en: '{label} (out of {max})' },
  batchScoreInvalid: { zh: '请输入 0 到 {max} 之间的数', en: 'Enter a number from 0 to {max}' },
  batchNoRow: { zh: '无法生成审核行：{reason}', en: 'No review row: {reason}' },
  batchDestination: { zh: '追加到', en: 'Append to' },
  batchAppend: { zh: '追加所选 {n} 行', en: 'Append the {n} selected {n|row|rows}' },
  batchAppending: { zh: '正在追加 {k} / {n}…', en: 'Appending {k} / {n}…' },
  batchAppended: { zh: '已追加 {appended} 行。', en: '{appended} {appended|row|rows} appended.' },
  batchUpdated: {
    zh: '已更新 {updated} 行（同一部门、项目与监控时点的行被更新，不会重复）。',
    en: '{updated} {updated|row|rows} updated (a row with the same department, project and monitoring point is updated, never duplicated).',
  },
  batchAppendedUpdated: {
    zh: '已写入 {n} 行：追加 {appended} 行，更新 {updated} 行（同一部门、项目与监控时点的行被更新，不会重复）。',
    en: '{n} rows written: {appended} appended, {updated} updated (a row with the same department, project and monitoring point is updated, never duplicated).',
  },
  batchAppendStopped: {
    zh: '第 {k} 行（{project}）未能写入：{detail}。之前的 {done} 行已写入，其后的行未发送。',
    en: 'Row {k} ({project}) was not written: {detail}. The {done} {done|row|rows} before it {done|was|were} written; the rows after it were not sent.',
  },
  batchAppendNone: { zh: '未写入任何行：{detail}', en: 'No row was written: {detail}' },
  batchNothingSelected: { zh: '没有选中的行。', en: 'No row is selected.' },
  batchExport: { zh: '导出问题清单（.xlsx）', en: 'Export the findings (.xlsx)' },
  batchExported: { zh: '已生成 {name}（{findings} 个问题）。', en: '{name} created ({findings} {findings|finding|findings}).' },
  batchExportSheets: { zh: '写入本工作簿（新工作表）', en: 'Write into this workbook (new sheets)' },
  batchExportMacHint: {
    zh: 'Excel for Mac 中的加载项无法下载文件：请用“写入本工作簿（新工作表）”，问题清单会成为本工作簿的两个新工作表（汇总、问题清单）。要单独保存，选中这两个工作表标签，右键 › 移动或复制 › 新工作簿。',
    en: 'Excel for Mac cannot download files from an add-in: use "Write into this workbook (new sheets)" and the report becomes two new sheets of this workbook (Summary, Findings). To keep it apart, select both sheet tabs, right-click › Move or Copy › (new book).',
  },
  batchSheetsAdded: { zh: '已在本工作簿新建工作表 {sheets}（{findings} 个问题）。', en: 'Sheets {sheets} added to this workbook ({findings} {findings|finding|findings}).' },
  batchExportFailed: { zh: '无法导出问题清单：{detail}', en: 'The findings could not be exported: {detail}' },
  batchGraphFirst: {
    zh: 'Microsoft Graph 目标请先在上方“生成审核行”中设置并追加一次，之后即可批量追加。',
    en: 'For Microsoft Graph, set the destination up once with a single row above; the batch then uses it.',
  },
});

export type BatchKey = keyof typeof BATCH_CATALOGUE;

export function useBatchText(): { lang: Lang; b: (key: BatchKey, params?: Params) => string } {
  const { lang } = useI18n();
  const b = (key: BatchKey, params?: Params) => translate(BATCH_CATALOGUE, lang, key, params);
  return { lang, b };
}
