/** What the review server answers, 简体中文 first, English second (the language kit, design §10). */
import { catalogue } from '../core';

export const SERVER_MESSAGES = catalogue({
  notJson: { zh: '请求内容必须是 JSON（Content-Type: application/json）', en: 'the request body must be JSON (Content-Type: application/json)' },
  paneNotBuilt: {
    zh: '任务窗格尚未构建：请先运行 npm run build（缺少 dist/ 文件夹），再启动服务器',
    en: 'the task pane is not built: run npm run build first (dist/ is missing), then start the server',
  },
  badToken: { zh: '令牌无效：请向服务器管理员索取本处室的令牌', en: 'invalid token: ask the server administrator for your office’s token' },
  noToken: { zh: '缺少令牌：请求需要 Authorization: Bearer <令牌>', en: 'missing token: send Authorization: Bearer <token>' },
  repeatedParameter: { zh: '查询参数 {name} 重复出现，只能给一次', en: 'query parameter {name} is repeated; give it once' },
  tooLarge: { zh: '请求内容过大（上限 {limit} 字节），未写入任何内容', en: 'request body too large (limit {limit} bytes); nothing was written' },
  badJson: { zh: '请求内容不是有效的 JSON，未写入任何内容：{detail}', en: 'the request body is not valid JSON; nothing was written: {detail}' },
  internal: { zh: '服务器内部错误，未写入任何内容（错误编号 {errorId}）', en: 'internal server error; nothing was written (error id {errorId})' },
  listSeparator: { zh: '；', en: '; ' },
  scoringDisagrees: {
    zh: '审核行与服务器的评分不一致，未写入任何内容：{problems}',
    en: 'the review row disagrees with the server\'s scoring; nothing was written: {problems}',
  },
  invalidRow: { zh: '审核行无效，未写入任何内容：{problems}', en: 'invalid review row; nothing was written: {problems}' },
  unknownOffice: { zh: '（未知处室）', en: '(an unknown office)' },
  notYourRow: {
    zh: '这一行由{owner}创建，本处室（{office}）的令牌不能修改它；请联系该处室或管理员',
    en: 'this row was created by {owner}; the token of {office} cannot change it — ask that office or an administrator',
  },
  rowUpdated: { zh: '已更新审核服务器上附件2的第 {seq} 行', en: 'updated row {seq} of the 附件2 on the review server' },
  rowAppended: { zh: '已追加到审核服务器上附件2的第 {seq} 行', en: 'appended as row {seq} of the 附件2 on the review server' },
  noEndpoint: { zh: '没有这个接口', en: 'no such API endpoint' },
  // start-up notices (app.ts, tls.ts, tokens.ts)
  paneNotBuiltAt: {
    zh: '任务窗格尚未构建：请先运行 npm run build（缺少 dist/ 文件夹），再启动服务器（{dir}）',
    en: 'the task pane is not built: run npm run build first (dist/ is missing), then start the server ({dir})',
  },
  cannotCreateTokenFile: { zh: '无法创建令牌文件 {file}：{detail}', en: 'cannot create the token file {file}: {detail}' },
  cannotProtectTokenFile: { zh: '无法把令牌文件 {file} 设为仅本用户可读：{detail}', en: 'cannot make the token file {file} private: {detail}' },
  noRegisterIn: { zh: '{dir} 中没有 {file}', en: 'no {file} in {dir}' },
  certNotWritten: {
    zh: '无法把证书写入 {dir}（{detail}），本次使用内存中的证书',
    en: 'cannot write the certificate to {dir} ({detail}); using one in memory for this run',
  },
  certKeyTogether: { zh: '--cert 和 --key 必须一起给出', en: '--cert and --key go together' },
  tokenFileMissing: { zh: '令牌文件不存在：{file}', en: 'token file missing: {file}' },
  tokenEntryIgnored: {
    zh: 'tokens[{i}] 需要 office 和 sha256（或至少 {min} 个字符的 token），已忽略',
    en: 'tokens[{i}] needs an office and a sha256 (or a token of at least {min} characters); ignored',
  },
  tokenFileNotJson: { zh: '令牌文件不是有效的 JSON：{detail}', en: 'token file is not valid JSON: {detail}' },
  badOfficeName: {
    zh: '处室名称必须是 1–100 个字符、不含控制字符',
    en: 'the office name must be 1–100 characters without control characters',
  },
  // the register (store.ts, pg-store.ts)
  folderFull: { zh: '数据文件夹 {dir} 已满，无法保存审核行；请腾出空间后重试', en: 'the data folder {dir} is full; the review row was not saved — free some space and retry' },
  folderReadOnly: {
    zh: '数据文件夹 {dir} 不可写（只读、不存在或无权限），无法保存审核行；请检查后重试',
    en: 'the data folder {dir} cannot be written (read-only, missing or no permission); the review row was not saved — check it and retry',
  },
  databaseDown: { zh: '数据库 {where} 暂时无法访问，审核行未保存；请稍后重试', en: 'the database {where} cannot be reached; the review row was not saved — retry in a moment' },
  newerSqlite: {
    zh: '审核登记库 {file} 由更新版本的程序写入（结构版本 {current}，本程序支持到 {known}），请升级程序',
    en: 'the register {file} was written by a newer version (schema {current}; this program knows up to {known}): upgrade the program',
  },
  newerDatabase: {
    zh: '数据库 {where} 的审核登记表由更新版本的程序写入（结构版本 {current}，本程序支持到 {known}），请升级程序',
    en: 'the register in {where} was written by a newer version (schema {current}; this program knows up to {known}): upgrade the program',
  },
  databaseNotEmpty: {
    zh: '数据库 {where} 已有 {n} 行，--migrate-from 只复制到空的登记表',
    en: 'the database {where} already holds {n} {n|row|rows}; --migrate-from copies into an empty register only',
  },
  // what a posted row is checked for (boundary.ts)
  controlCharacter: {
    zh: '字段 {field} 含有控制字符，未写入任何内容；请删去不可见字符后重试',
    en: 'field {field} holds a control character; nothing was written — remove the invisible characters and retry',
  },
  maxDiffers: { zh: 'scores.{key}.max 为 {given}，与服务器评分规则的满分 {max} 不符', en: 'scores.{key}.max is {given}; the server\'s rubric gives {max}' },
  totalDiffers: { zh: 'total 为 {given}，而四项得分之和为 {sum}', en: 'total is {given} but the four scores add up to {sum}' },
  nameDiffers: { zh: '{field}（显示的名称）与 key.{field} 不一致：{shown} ≠ {key}', en: '{field} (the name shown) differs from key.{field}: {shown} ≠ {key}' },
});
