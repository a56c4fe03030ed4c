/** The command line's --help text, 简体中文 first, English second (design §10). */
import { catalogue } from '../core';
import { oneLine } from './messages';

export const CLI_HELP = catalogue({
  validateDescription: { zh: '校验 .xlsx 文件或文件夹中的每个工作表', en: 'validate every sheet of .xlsx files or folders' },
  paths: { zh: '.xlsx 文件或文件夹', en: '.xlsx files or folders' },
  json: { zh: '输出 JSON', en: 'print JSON' },
  jsonl: { zh: '每个文件一行 JSON', en: 'one JSON object per file per line' },
  lang: { zh: '语言 zh|en', en: 'language' },
  followLinks: { zh: '跟随指向所给文件夹以外的链接', en: 'follow links out of the folders given' },
  reviewDescription: { zh: '生成附件2审核表：每张可识别的附件1一行', en: 'build the 附件2 review table: one row per recognised 附件1' },
  out: { zh: '输出的附件2 .xlsx', en: 'the 附件2 .xlsx to write' },
  office: { zh: '业务处室', en: 'reviewing office' },
  title: { zh: '附件2 标题', en: 'title' },
  rubric: { zh: '评分规则 JSON', en: 'rubric JSON' },
  server: { zh: '追加到审核服务器', en: 'append to a review server' },
  tokenFile: { zh: '保存令牌的文件', en: 'a file holding your office token' },
  serveDescription: { zh: '审核服务器：HTTPS 提供任务窗格与清单，并保存共享附件2', en: 'review server: pane and manifest over HTTPS, shared 附件2' },
  port: { zh: '端口', en: 'port' },
  host: { zh: '监听地址', en: 'listen address' },
  data: { zh: '数据文件夹', en: 'data folder' },
  cert: { zh: 'TLS 证书', en: 'certificate (PEM)' },
  key: { zh: 'TLS 私钥', en: 'private key (PEM)' },
  serveTokenFile: { zh: '令牌文件', en: 'token file (default DATA/tokens.json)' },
  static: { zh: '任务窗格文件夹', en: 'built pane folder (default dist/)' },
  bodyLimit: { zh: '请求大小上限', en: 'largest request body' },
  log: { zh: '记录请求', en: 'log requests' },
  allowOrigin: { zh: '允许跨源调用接口的来源，逗号分隔', en: 'origins allowed to call the API (CORS), comma-separated' },
  serveRubric: { zh: '服务器评分所用的评分规则 JSON', en: 'the rubric the server scores by' },
  migrateFrom: { zh: '先把该数据文件夹的 SQLite 登记表（行、审计、令牌）复制到空数据库', en: 'first copy the SQLite register of this data folder into the empty database' },
  tokenDescription: { zh: '审核服务器的处室令牌', en: 'the review server\'s office tokens' },
  addDescription: { zh: '为处室添加令牌，写入仅本用户可读的文件', en: 'add a token for an office, written to a mode-600 file' },
  addOffice: { zh: '业务处室', en: 'the office' },
  admin: { zh: '管理员令牌：可修改任何处室的行', en: 'admin token: may update any office\'s rows' },
  addTokenFile: { zh: '令牌登记文件', en: 'the server\'s token file (default DATA/tokens.json)' },
  addOut: { zh: '令牌写到此文件', en: 'write the token to this file' },
  listTokenFile: { zh: '令牌登记文件', en: 'the server\'s token file' },
  revokeDescription: { zh: '吊销令牌', en: 'revoke a token' },
  programDescription: { zh: '绩效监控校验：校验社保基金支出绩效监控情况表（附件1）并生成审核表（附件2）', en: 'Validates 附件1 performance-monitoring forms and builds the 附件2 review table.' },
  writeMarked: { zh: '把标记后的副本写到该文件夹（不改动原文件）', en: 'write marked copies to this folder' },
  report: { zh: '把问题清单写成 .xlsx（汇总 + 每个问题一行）', en: 'write the findings report as .xlsx (summary + one row per finding)' },
  timely: { zh: '按时报送得分（审核人填写）', en: 'on-time submission score' },
  token: { zh: '本处室的令牌（在 ps 中可见，建议改用 --token-file 或 JIXIAO_TOKEN）', en: 'your office token (visible in ps; prefer --token-file or JIXIAO_TOKEN)' },
  ca: { zh: '服务器证书（自签名时）', en: 'the server certificate to trust' },
  reviewer: { zh: '审核人（记入审计）', en: 'reviewer name for the audit' },
  graphTable: { zh: '写成 Excel 表格（供 Microsoft Graph 目标使用，默认表名 附件2）', en: 'write an Excel table for the Graph destination' },
  db: { zh: '把登记表放在 PostgreSQL（postgres://用户@主机:端口/库，或环境变量 JIXIAO_DB）', en: 'keep the register in PostgreSQL (or JIXIAO_DB)' },
  dbPool: { zh: '数据库连接数（默认 10）', en: 'database connections per server (default 10)' },
  dbTimeout: { zh: '连接与查询超时（默认 5000）', en: 'connect and query timeout in ms (default 5000)' },
  addDb: { zh: 'PostgreSQL 登记表的令牌（或 JIXIAO_DB）', en: 'the tokens of a PostgreSQL register (or JIXIAO_DB)' },
  listDescription: { zh: '列出令牌（不显示令牌本身）', en: 'list the tokens (never the tokens themselves)' },
  id: { zh: '令牌编号（见 token list）', en: 'the token id (see token list)' },});

/** One entry of the help, both languages on one line (`中文 / English`). */
export function help(key: keyof typeof CLI_HELP): string {
  return oneLine(CLI_HELP[key]);
}
