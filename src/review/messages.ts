/**
 * What the review layer says — the 附件2 row's evidence, batch and destination messages —
 * 简体中文 first, English second (the language kit, design §10).
 */
import { catalogue } from '../core';

export const REVIEW_MESSAGES = catalogue({
  // build.ts: the two rates of the row
  labelExecutionRate: { zh: '预算执行率', en: 'budget execution rate' },
  labelOverallRate: { zh: '总体完成率', en: 'overall completion rate' },
  execArithmetic: { zh: '执行数 ÷ 预算数 = {executed} ÷ {budget} = {rate}', en: 'spent ÷ budget = {executed} ÷ {budget} = {rate}' },
  overallMean: { zh: '指标完成率的平均数 = {rate}', en: 'mean of the indicator rates = {rate}' },
  rateNotStatedNoRecompute: { zh: '{label}未填报，也无法重算', en: '{label} not stated and cannot be recomputed' },
  rateNotStatedRecomputed: { zh: '{label}未填报，用重算值：{arithmetic}', en: '{label} not stated; recomputed: {arithmetic}' },
  rateStatedNoRecompute: { zh: '{label}按填报 {stated}（无法重算）', en: '{label} as stated, {stated} (cannot be recomputed)' },
  rateStatedAgrees: { zh: '{label}按填报 {stated}，与重算一致：{arithmetic}', en: '{label} as stated, {stated}, agrees with {arithmetic}' },
  rateRecomputedDisagrees: { zh: '{label}用重算值：{arithmetic}（填报为 {stated}，二者不一致）', en: '{label} recomputed: {arithmetic} (stated {stated}; they disagree)' },
  rateStatedDisagrees: {
    zh: '{label}按填报 {stated}；重算为 {arithmetic}，二者不一致，可改用重算值',
    en: '{label} as stated, {stated}; recomputed {arithmetic} disagrees (you can switch)',
  },
  rateChosenStated: { zh: '{label}按填报 {value}（重算为 {other}，审核人选择填报值）', en: '{label} as stated, {value} (recomputed {other}; chosen by the reviewer)' },
  rateChosenComputed: { zh: '{label}用重算值 {value}（填报为 {other}，审核人选择重算值）', en: '{label} recomputed, {value} (stated {other}; chosen by the reviewer)' },
  // build.ts: the proposed scores
  amountExecuted: { zh: '执行数', en: 'executed' },
  amountAvailable: { zh: '到位数', en: 'available' },
  availableZero: { zh: '（到位数为 0）', en: ' (available is 0)' },
  budgetNoRate: { zh: '缺少{what}{zero}，无法计算执行数 ÷ 到位数，暂记 0 分', en: '{what} amount missing{zero}: executed ÷ available cannot be computed; 0 for now' },
  budgetFull: { zh: '执行数 ÷ 到位数 = {rate}，达到 {fullAt}，得 {v} 分', en: 'executed ÷ available = {rate}, reaches {fullAt}: {v}' },
  budgetPartial: {
    zh: '执行数 ÷ 到位数 = {rate}，未达 {fullAt}，按比例 {max} × {short} ÷ {fullAt} = {v} 分',
    en: 'executed ÷ available = {rate}, below {fullAt}: proportional {max} × {short} ÷ {fullAt} = {v}',
  },
  goalMissing: { zh: '缺少总体完成率，暂记 0 分', en: 'overall completion rate missing: 0 for now' },
  goalFull: { zh: '总体完成率 {overall} ≥ {fullAt}，得 {v} 分', en: 'overall completion {overall} ≥ {fullAt}: {v}' },
  goalPartial: {
    zh: '总体完成率 {overall} < {fullAt}，按比例 {max} × {overall} ÷ {fullAt} = {v} 分',
    en: 'overall completion {overall} < {fullAt}: proportional {max} × {overall} ÷ {fullAt} = {v}',
  },
  timeProgress: { zh: '{rate}（{arithmetic}）', en: '{rate} ({arithmetic})' },
  explanationEmpty: { zh: '第五部分（偏差和采取的措施）未填写', en: 'section 五 (deviations and measures) is empty' },
  belowTimeProgress: { zh: '总体完成率 {overall} < 时间进度 {tp}', en: 'overall completion {overall} < time progress {tp}' },
  reasonsSeparator: { zh: '；', en: '; ' },
  deviationPenalty: { zh: '{reasons}：扣 {penalty} 分，{max} − {penalty} = {v} 分', en: '{reasons}: minus {penalty}, {max} − {penalty} = {v}' },
  reachesTimeProgress: { zh: '总体完成率 {overall} ≥ 时间进度 {tp}', en: 'overall completion {overall} ≥ time progress {tp}' },
  timeProgressUnknown: { zh: '无法比较总体完成率与时间进度', en: 'overall completion and time progress cannot be compared' },
  deviationFull: { zh: '第五部分已填写，{ok}，得 {max} 分', en: 'section 五 is filled in, {ok}: {max}' },
  timelyDefault: { zh: '按时报送由审核人填写，未填写，暂记 {v} 分', en: 'on-time submission is entered by the reviewer; none given, {v} for now' },
  timelyGiven: { zh: '按时报送由审核人填写：{v} 分', en: 'on-time submission entered by the reviewer: {v}' },
  notAForm: { zh: '工作表“{sheet}”不是可识别的附件1，不能生成审核行', en: 'sheet "{sheet}" is not a recognised 附件1; no review row can be built' },
  notAFormBecause: {
    zh: '工作表“{sheet}”不是可识别的附件1，不能生成审核行：{reason}',
    en: 'sheet "{sheet}" is not a recognised 附件1; no review row can be built: {reason}',
  },
  // the review server, from the pane (server-client.ts) and from Node (server/client.ts)
  serverNeedUrl: { zh: '请填写审核服务器地址（https://…）', en: 'give the review server address (https://…)' },
  serverNeedToken: { zh: '请填写本处室的令牌', en: 'give your office’s token' },
  serverUnreachable: {
    zh: '无法连接审核服务器 {base}：服务器未启动、地址有误，或其证书未被信任（{detail}）。未写入任何内容。',
    en: 'cannot reach the review server {base}: it is not running, the address is wrong, or its certificate is not trusted ({detail}). Nothing was written.',
  },
  serverStatusNothingWritten: { zh: '审核服务器返回 HTTP {status}，未写入任何内容', en: 'the review server answered HTTP {status}; nothing was written' },
  serverStatus: { zh: '审核服务器返回 HTTP {status}', en: 'the review server answered HTTP {status}' },
  // validate-row.ts: a review row as posted to the server
  rowNotObject: { zh: '审核行必须是一个 JSON 对象', en: 'a review row must be a JSON object' },
  rowTextTooLong: { zh: '{path} 超过 {max} 个字符', en: '{path} is longer than {max} characters' },
  rowTextMissing: { zh: '缺少 {path}（必须是非空文字）', en: '{path} is missing (must be non-empty text)' },
  rowNotNumber: { zh: '{path} 必须是数字或 null（现为 {got}）', en: '{path} must be a number or null (got {got})' },
  rowKeyMissing: { zh: '缺少 key（部门单位名称、项目名称、监控时点）', en: 'key (department, project, monitor point) is missing' },
  rowNotAnObject: { zh: '{path} 必须是对象', en: '{path} must be an object' },
  rowScoresMissing: { zh: '缺少 scores（四项得分）', en: 'scores are missing' },
  rowScoreMissing: { zh: '缺少得分 scores.{key}', en: 'score scores.{key} is missing' },
  rowScoreOutside: { zh: '得分 scores.{key}.value = {value} 超出 0–{max}', en: 'score scores.{key}.value = {value} is outside 0–{max}' },
  // rubric.ts: a rubric file or setting
  rubricNotObject: { zh: '评分规则必须是一个 JSON 对象', en: 'the rubric must be a JSON object' },
  rubricNumber: { zh: '评分规则 {path} 必须是 {min} 到 {max} 之间的数（现为 {got}）', en: 'rubric {path} must be a number from {min} to {max} (got {got})' },
  rubricBoolean: { zh: '评分规则 {path} 必须是 true 或 false（现为 {got}）', en: 'rubric {path} must be true or false (got {got})' },
  rubricSection: { zh: '评分规则 {path} 必须是一个对象', en: 'rubric {path} must be an object' },
  rubricVersion: { zh: '评分规则 version 只能是 1（现为 {got}）', en: 'rubric version must be 1 (got {got})' },
  rubricUnknown: { zh: '评分规则中有未知的项 {path}', en: 'unknown rubric entry {path}' },
  rubricDecimals: { zh: '评分规则 decimals 必须是整数', en: 'rubric decimals must be a whole number' },
  rubricPenalty: { zh: '评分规则 deviation.penalty 不能大于 deviation.max', en: 'rubric deviation.penalty cannot exceed deviation.max' },
  rubricTimely: { zh: '评分规则 timely.default 不能大于 timely.max', en: 'rubric timely.default cannot exceed timely.max' },
  // destinations.ts, annex2-xlsx.ts
  needClientId: {
    zh: '请填写加载项在 Microsoft Entra 中的应用（客户端）ID',
    en: 'give the add-in’s Microsoft Entra application (client) id',
  },
  noWorkbookHere: { zh: '此处无法写入工作簿', en: 'the workbook destination is not available here' },
  tableNeedsRow: { zh: '表格至少需要一行数据', en: 'the table needs at least one row' },
  // batch.ts
  noFormInFile: {
    zh: '不是附件1：{n} 个工作表中没有可识别的绩效监控情况表',
    en: 'not a 附件1: none of its {n} {n|sheet|sheets} is a recognisable performance-monitoring form',
  },
});
