/** What the command line says, 简体中文 first, English second (the language kit, design §10). */
import { type Localized, type TextParams, catalogue, localize, translate, type Lang } from '../core';
import { clean } from './print';

/**
 * A message on one terminal line, both languages: `中文 / English`. The CLI's errors and notices are
 * read by people and scripts alike whatever `--lang` is, so they carry both.
 */
export function oneLine(text: Localized): string {
  return text.zh === text.en ? text.zh : `${text.zh} / ${text.en}`;
}

export const CLI_MESSAGES = catalogue({
  // usage
  langChoice: { zh: '--lang 只能是 zh 或 en（得到 {got}）', en: '--lang must be zh or en (got {got})' },
  jsonChoice: { zh: '--json 与 --jsonl 只能选一个', en: 'choose one of --json and --jsonl' },
  reviewNeedsTarget: {
    zh: '请用 --out 附件2.xlsx 指定输出文件，或用 --server URL --token 令牌 追加到审核服务器',
    en: 'give --out FILE.xlsx, or --server URL --token T',
  },
  rubricUnreadable: { zh: '无法读取评分规则 {file}：{detail}', en: 'cannot read the rubric {file}: {detail}' },
  timelyRange: { zh: '--timely 必须是 0–{max} 的数（得到 {got}）', en: '--timely must be a number from 0 to {max} (got {got})' },
  caUnreadable: { zh: '无法读取证书 {file}：{detail}', en: 'cannot read the certificate {file}: {detail}' },
  // files
  cannotProcess: { zh: '无法处理 {file}：{detail}', en: 'cannot process {file}: {detail}' },
  sameKey: {
    zh: '{file} › {sheet}：与 {earlierFile} › {earlierSheet} 是同一项目（{project}，{point}），以后者为准',
    en: '{file} › {sheet}: same project as {earlierFile} › {earlierSheet} ({project}, {point}); the later one replaces it',
  },
  // review --server / --out
  rowWritten: { zh: '{project}：{where}', en: '{project}: {where}' },
  notAppended: { zh: '{file} › {sheet}：未能追加：{detail}', en: '{file} › {sheet}: not appended: {detail}' },
  serverAppended: { zh: '已追加 {appended} 行到 {server}', en: '{appended} {appended|row|rows} appended to {server}' },
  serverUpdated: { zh: '已更新 {server} 上的 {updated} 行', en: '{updated} {updated|row|rows} updated on {server}' },
  serverAppendedUpdated: {
    zh: '已写入 {server}：追加 {appended} 行，更新 {updated} 行',
    en: 'written to {server}: {appended} {appended|row|rows} appended, {updated} updated',
  },
  serverNothing: { zh: '未写入 {server} 任何行', en: 'no row written to {server}' },
  serverFailed: { zh: '{failed} 行未能写入', en: '{failed} {failed|row was|rows were} not written' },
  noForms: { zh: '没有找到可识别的附件1', en: 'no recognised 附件1 found' },
  noFormsNotWritten: { zh: '没有找到可识别的附件1，未写出 {file}', en: 'no recognised 附件1 found: {file} not written' },
  cannotWrite: { zh: '无法写出 {file}：{detail}', en: 'cannot write {file}: {detail}' },
  wroteAnnex2: {
    zh: '已写出 {file}：{rows} 行，来自 {files} 个文件（跳过 {skipped} 个不是附件1 的工作表）',
    en: 'wrote {file}: {rows} {rows|row|rows} from {files} {files|file|files} ({skipped} {skipped|sheet|sheets} that {skipped|is|are} not a 附件1 skipped)',
  },
  // serve
  portRange: { zh: '--port 必须是 0–65535 的整数（得到 {got}）', en: '--port must be a whole number 0–65535 (got {got})' },
  bodyLimitRange: { zh: '--body-limit 必须是不小于 1024 的整数（字节）', en: '--body-limit must be a whole number of bytes ≥ 1024' },
  rubricWrong: { zh: '评分规则 {file} 有误：{problems}', en: 'the rubric {file} is wrong: {problems}' },
  problemSeparator: { zh: '；', en: '; ' },
  dbUrl: { zh: '--db 必须是 postgres://用户@主机:端口/数据库', en: '--db must be postgres://user@host:port/database' },
  wholeRange: { zh: '{name} 必须是 {min}–{max} 的整数（得到 {got}）', en: '{name} must be a whole number {min}–{max} (got {got})' },
  dbOptionsNeedDb: {
    zh: '--migrate-from、--db-pool、--db-timeout 需要 --db（或 JIXIAO_DB）',
    en: '--migrate-from, --db-pool and --db-timeout need --db (or JIXIAO_DB)',
  },
  dbNoTokenFile: {
    zh: '使用 --db 时令牌保存在数据库中（jixiao token add --db …），不能再给 --token-file',
    en: 'with --db the tokens live in the database (jixiao token add --db …); --token-file does not apply',
  },
  portInUse: { zh: '端口 {port} 已被占用', en: 'port {port} is in use' },
  dbUnreachable: { zh: '无法连接数据库 {url}（{code}）', en: 'cannot connect to the database {url} ({code})' },
  cannotStart: { zh: '审核服务器无法启动：{why}', en: 'the review server cannot start: {why}' },
  note: { zh: '注意：{text}', en: 'note: {text}' },
  labelDatabase: { zh: '数据库', en: 'database' },
  labelDataFolder: { zh: '数据文件夹', en: 'data folder' },
  migrated: {
    zh: '已从 {from} 复制：{rows} 行，{audit} 条审计，{tokens} 个令牌',
    en: 'copied from {from}: {rows} {rows|row|rows}, {audit} audit {audit|entry|entries}, {tokens} {tokens|token|tokens}',
  },
  labelCertificate: { zh: '证书', en: 'certificate' },
  inMemory: { zh: '（内存中）', en: '(in memory)' },
  selfSignedNew: { zh: '（自签名，新生成）', en: ' (self-signed, new)' },
  labelTokens: { zh: '令牌', en: 'tokens' },
  tokenCount: { zh: '{n} 个令牌', en: '{n} {n|token|tokens}' },
  firstAdminToken: { zh: '已生成首个管理员令牌（{office}），保存在：{file}', en: 'first admin token created ({office}), in: {file}' },
  labelPane: { zh: '任务窗格', en: 'task pane' },
  notBuilt: { zh: '未构建', en: 'not built' },
  listening: { zh: '审核服务器已启动', en: 'review server listening on {url}' },
  // token
  databaseError: { zh: '数据库 {where} 出错：{detail}', en: 'database error in {where}: {detail}' },
  tokenNeedsOffice: { zh: '请用 --office 指定处室', en: 'give the office with --office' },
  tokenAdded: {
    zh: '已为 {office} 添加令牌 {id}，令牌保存在（仅本用户可读）：',
    en: 'added a token {id} for {office}, written to (mode 600):',
  },
  adminTokenAdded: {
    zh: '已为 {office} 添加管理员令牌 {id}，令牌保存在（仅本用户可读）：',
    en: 'added an admin token {id} for {office}, written to (mode 600):',
  },
  tokenFileExists: { zh: '文件已存在，未写入令牌：{file}', en: 'the file exists; no token added: {file}' },
  cannotAddToken: { zh: '无法添加令牌：{detail}', en: 'cannot add the token: {detail}' },
  tokensListed: { zh: '{n} 个令牌 — {where}', en: '{n} {n|token|tokens} — {where}' },
  noTokenFile: { zh: '令牌文件不存在：{file}', en: 'no token file: {file}' },
  legacyToken: { zh: '（旧版）', en: '(legacy)' },
  noSuchToken: { zh: '没有编号为 {id} 的令牌（见 jixiao token list）', en: 'no token with id {id} (see jixiao token list)' },
  revokedEverywhere: { zh: '已吊销令牌 {id}；所有服务器在下一次请求时生效', en: 'revoked token {id}; every server refuses it from its next request' },
  revokedRunning: { zh: '已吊销令牌 {id}；运行中的服务器在下一次请求时生效', en: 'revoked token {id}; a running server refuses it from its next request' },
  // the paths given (files.ts)
  folderUnreadable: { zh: '无法读取文件夹 {dir}：{code}', en: 'cannot read the folder {dir}: {code}' },
  brokenLink: { zh: '跳过断开的链接 {path}', en: 'skipped a broken link: {path}' },
  linkOutside: {
    zh: '跳过指向所给文件夹以外的链接 {path} → {target}（如需跟随请加 --follow-links）',
    en: 'skipped a link out of the folders given: {path} → {target} (add --follow-links to follow it)',
  },
  noSuchPath: { zh: '找不到文件或文件夹 {path}', en: 'no such file or folder: {path}' },
  noWorkbooks: { zh: '文件夹 {path} 中没有 .xlsx 文件', en: 'no .xlsx files in {path}' },
  outIsInput: {
    zh: '输出文件 {out} 就是输入文件 {input}，不会覆盖它；请写到别处',
    en: 'the output {out} is the input {input}: it will not be overwritten; write it elsewhere',
  },
  outIsFolder: { zh: '{out} 是一个文件夹，请给出文件名', en: '{out} is a folder: give a file name' },
  outFolderMissing: { zh: '输出文件夹 {dir} 不存在', en: 'the output folder {dir} does not exist' },
  markedNotFolder: { zh: '--write-marked {dir} 不是文件夹', en: '--write-marked {dir} is not a folder' },
  markedOverInput: {
    zh: '标记副本 {copy} 会覆盖输入文件 {input}；请把 --write-marked 指向另一个文件夹',
    en: 'the marked copy {copy} would overwrite the input {input}: point --write-marked at another folder',
  },
  markedSameName: {
    zh: '{first} 与 {second} 同名，标记副本都会写到 {copy}；请分别校验或先改名',
    en: '{first} and {second} have the same name: both marked copies would be {copy}; validate them separately or rename one',
  },
  markedOverReport: {
    zh: '{input} 的标记副本 {copy} 会与问题清单 --report {report} 写到同一个文件；请换一个文件名或文件夹',
    en: 'the marked copy of {input} ({copy}) and the findings report --report {report} would be the same file: choose another name or folder',
  },
  cannotCreateFolder: { zh: '无法创建文件夹 {dir}：{code}', en: 'cannot create the folder {dir}: {code}' },
  // the office token (client-token.ts)
  tokenFileUnreadable: { zh: '无法读取令牌文件 {file}：{detail}', en: 'cannot read the token file {file}: {detail}' },
  tokenFileEmpty: { zh: '令牌文件 {file} 是空的', en: 'the token file {file} is empty' },
  tokenNeeded: {
    zh: '--server 需要令牌：--token-file 文件、环境变量 {env} 或 --token',
    en: '--server needs your office\'s token: --token-file FILE, the {env} environment variable, or --token',
  },
  // validate, in the language of --lang
  reportWritten: { zh: '问题清单已写到 {file}', en: 'findings report written to {file}' },
  formHeading: { zh: '第 {n} 张附件1：{label}', en: 'Form {n}: {label}' },
  sheetCounts: {
    zh: '{error} 个错误，{warning} 个警告，{info} 个提示',
    en: '{error} {error|error|errors}, {warning} {warning|warning|warnings}, {info} info',
  },
  totals: {
    zh: '合计：{files} 个文件，{sheets} 个工作表（{forms} 张附件1）：{error} 个错误，{warning} 个警告，{info} 个提示',
    en: 'Total: {files} {files|file|files}, {sheets} {sheets|sheet|sheets} ({forms} {forms|form|forms}): {error} {error|error|errors}, {warning} {warning|warning|warnings}, {info} info',
  },
  cell: { zh: '单元格', en: 'Cell' },
  severity: { zh: '级别', en: 'Severity' },
  rule: { zh: '规则', en: 'Rule' },
  message: { zh: '说明', en: 'Message' },
  notForm: { zh: '不是附件1：{reason}', en: 'not a 附件1: {reason}' },
  none: { zh: '未发现问题', en: 'no findings' },
  wroteMarked: { zh: '已写出标记副本：{file}', en: 'marked copy written: {file}' },
});

export type CliKey = keyof typeof CLI_MESSAGES;

/** A message in both languages on one line, every parameter cleaned for the terminal. */
export function both(key: CliKey, params?: TextParams): string {
  return oneLine(localize(CLI_MESSAGES, key, cleanParams(params)));
}

/** A message in one language, every parameter cleaned for the terminal. */
export function inLanguage(lang: Lang, key: CliKey, params?: TextParams): string {
  return translate(CLI_MESSAGES, lang, key, cleanParams(params));
}

function cleanParams(params?: TextParams): TextParams | undefined {
  if (!params) return params;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : typeof v === 'number' ? v : { zh: clean(v.zh), en: clean(v.en) }]));
}
