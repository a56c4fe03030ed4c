/** What the reader tells a user about a file it cannot read: 简体中文 first, English second (design §10). */
import { catalogue } from '../core';

export const READER_MESSAGES = catalogue({
  encrypted: { zh: '已加密的工作簿，请先取消密码再校验', en: 'encrypted workbook: remove the password' },
  xls: { zh: '旧版 .xls 文件，请在 Excel 中另存为 .xlsx', en: 'legacy .xls: save as .xlsx' },
  xlsb: { zh: '二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx', en: 'binary workbook (.xlsb): save as .xlsx' },
  ole: { zh: '这是 Office 文档但不是工作簿（如 .doc），请选择 .xlsx 文件', en: 'an Office document that is not a workbook (such as .doc): choose an .xlsx file' },
  empty: { zh: '文件是空的（0 字节）', en: 'the file is empty (0 bytes)' },
  text: { zh: '这是网页或 XML 文本，不是 .xlsx；请在 Excel 中打开后另存为 .xlsx', en: 'a web page or XML text, not an .xlsx: open it in Excel and save as .xlsx' },
  brokenZip: { zh: '文件已损坏（压缩包无法读取），可能没有下载或复制完整', en: 'the file is damaged (its zip cannot be read); it may be incompletely downloaded or copied' },
  unknown: { zh: '不是 .xlsx 工作簿', en: 'not an .xlsx workbook' },
  missingPackageRels: { zh: '文件不完整：缺少部件 {part}，不是有效的 .xlsx', en: 'incomplete file: the part {part} is missing, so it is not a valid .xlsx' },
  missingWorkbook: { zh: '文件不完整：缺少工作簿部件 {part}', en: 'incomplete file: the workbook part {part} is missing' },
  missingWorkbookRels: { zh: '文件不完整：缺少部件 {part}（工作表的索引）', en: 'incomplete file: the part {part} (the index of the sheets) is missing' },
  missingSheetPart: { zh: '文件不完整：工作簿中没有任何工作表部件', en: 'incomplete file: the workbook has no sheet part' },
  missingSheet: { zh: '文件不完整：缺少工作表部件 {part}', en: 'incomplete file: the sheet part {part} is missing' },
  noSheet: { zh: '文件不完整：工作簿中没有任何工作表', en: 'incomplete file: the workbook has no sheet' },
  notXlsx: { zh: '不是有效的 .xlsx 文件（{why}）', en: 'not a valid .xlsx file ({why})' },
  missingPart: { zh: '缺少 {part}', en: '{part} is missing' },
  missingPartOfSheet: { zh: '缺少工作表“{sheet}”的 {part}', en: 'the part {part} of sheet "{sheet}" is missing' },
  tooLarge: { zh: '解压后超过读取上限，无法读取 {part}', en: '{part} inflates beyond the reading cap' },
  cannotRead: { zh: '无法读取：{detail}', en: 'cannot be read: {detail}' },
  cannotReadFile: { zh: '无法读取 {file}：{detail}', en: 'cannot read {file}: {detail}' },
  noSuchFile: { zh: '文件不存在', en: 'no such file' },
  isFolder: { zh: '这是文件夹', en: 'is a folder' },
});
