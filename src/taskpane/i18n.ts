/**
 * The task pane's message catalogue: every string the pane shows comes from here,
 * 简体中文 first, English second, declared and filled with the language kit (core/lang.ts, design §10):
 * `{name}` placeholders, `{n|one|other}` for an English word that follows a count.
 * Text that comes from the workbook or the engine (messages, indicator names) is passed in as a
 * parameter and always rendered by React as text.
 */
import { createContext, useContext } from 'react';
import { type FormSection, type Lang, type Localized, type Params, type Severity, catalogue, pctShort, translate as fillFrom } from '../core';

export type { Lang, Params };

export const CATALOGUE = catalogue({
  appTitle: { zh: '绩效监控校验', en: 'Performance monitoring check' },
  switchLanguage: { zh: 'English', en: '中文' },
  switchLanguageLabel: { zh: '切换到英文界面', en: 'Switch the pane to Chinese' },
  // accessibility (issue 17): announcements and keyboard help
  resultChanged: {
    zh: '校验完成：错误 {error} 个，警告 {warning} 个，提示 {info} 个。',
    en: 'Validated: {error} {error|error|errors}, {warning} {warning|warning|warnings}, {info} info.',
  },
  resultUnchanged: {
    zh: '结果未变：错误 {error} 个，警告 {warning} 个，提示 {info} 个。',
    en: 'Result unchanged: {error} {error|error|errors}, {warning} {warning|warning|warnings}, {info} info.',
  },
  fixingCell: { zh: '正在修正 {cell}…', en: 'Fixing {cell}…' },
  fixedChecked: {
    zh: '已将 {cell} 修正为 {value}，并重新校验。错误 {error} 个，警告 {warning} 个，提示 {info} 个。',
    en: '{cell} set to {value} and the sheet re-validated: {error} {error|error|errors}, {warning} {warning|warning|warnings}, {info} info.',
  },
  findingsKeys: {
    zh: '键盘：Tab 进入问题清单，↑ ↓ 在问题间移动，Enter 选中单元格，再按 Tab 到该问题的相关单元格和“修正”；PageDown / PageUp 跳到下一组 / 上一组。',
    en: 'Keyboard: Tab into the list, ↑ ↓ move between findings, Enter selects the cell, Tab again reaches its related cells and fix; PageDown / PageUp jump to the next / previous group.',
  },
  appendDone: { zh: '{where}。', en: '{where}.' },
  builtRow: { zh: '已生成审核行，总分 {total}。请核对后追加。', en: 'Review row built, total {total}. Check it, then append.' },
  appendDisabled: { zh: '请先更正标红的得分，才能追加。', en: 'Correct the scores marked in red before appending.' },
  tabsLabel: { zh: '功能', en: 'Views' },
  tabValidate: { zh: '校验', en: 'Validate' },
  tabReview: { zh: '审核行', en: 'Review row' },
  tabSettings: { zh: '设置', en: 'Settings' },
  loadingView: { zh: '正在加载…', en: 'Loading…' },
  loadingSettings: { zh: '正在读取工作簿中的设置…', en: 'Reading the settings saved in the workbook…' },
  dismiss: { zh: '关闭', en: 'Dismiss' },
  startFailed: { zh: '无法启动面板：{detail}', en: 'The pane could not start: {detail}' },
  officeMissing: {
    zh: '未能加载 Office.js：请在 Excel 中打开此加载项，并检查网络连接。',
    en: 'Office.js did not load: open this add-in in Excel and check the network connection.',
  },
  labelled: { zh: '{label}：{value}', en: '{label}: {value}' },
  withDetail: { zh: '{text}（{detail}）', en: '{text} ({detail})' },

  // validate view
  validateHeading: { zh: '校验当前工作表', en: 'Validate the active sheet' },
  validateButton: { zh: '校验', en: 'Validate' },
  validating: { zh: '正在校验…', en: 'Validating…' },
  validateHint: {
    zh: '点击“校验”检查当前工作表（附件1），问题会在单元格中标出。',
    en: 'Press Validate to check the active sheet (附件1); problems are marked in their cells.',
  },
  clearMarks: { zh: '清除标记', en: 'Clear marks' },
  clearing: { zh: '正在清除…', en: 'Clearing…' },
  cleared: {
    zh: '已清除 {n} 个单元格的标记，原有填充色和批注已恢复。',
    en: 'Marks removed from {n} {n|cell|cells}; {n|its|their} previous fill and note are back.',
  },
  notRecognized: { zh: '当前工作表不是附件1', en: 'The active sheet is not a 附件1 form' },
  noFindings: { zh: '未发现问题。', en: 'No problems found.' },
  summaryHeading: { zh: '校验结果', en: 'Result' },
  sheetLabel: { zh: '工作表：{sheet}', en: 'Sheet: {sheet}' },
  countsLabel: { zh: '按严重程度计数', en: 'Counts by severity' },
  countError: { zh: '错误 {n}', en: '{n} {n|error|errors}' },
  countWarning: { zh: '警告 {n}', en: '{n} {n|warning|warnings}' },
  countInfo: { zh: '提示 {n}', en: '{n} info' },
  lightBudget: { zh: '预算执行', en: 'Budget execution' },
  lightIndicators: { zh: '绩效指标', en: 'Indicators' },
  lightRed: { zh: '红灯', en: 'red' },
  lightYellow: { zh: '黄灯', en: 'yellow' },
  lightGreen: { zh: '绿灯', en: 'green' },
  lightBlue: { zh: '蓝灯（超进度）', en: 'blue (ahead)' },
  lightUnknown: { zh: '无法判断', en: 'unknown' },
  lightOff: { zh: '未检查（规则已在设置中关闭）', en: 'not checked (rule switched off in Settings)' },
  timeProgress: { zh: '时间进度', en: 'Time progress' },
  // issue 11: the texts time progress was read from
  timeProgressFrom: {
    zh: '依据：监控时点“{point}”（截至 {used}），项目周期 {start} 至 {end}',
    en: 'From: monitoring point "{point}" (to {used}), project period {start} to {end}',
  },
  executionStated: {
    zh: '预算执行率 {rate}（填报值，计算值为 {other}），时间进度 {tp}',
    en: 'execution {rate} as stated (computed {other}), time progress {tp}',
  },
  executionComputed: {
    zh: '预算执行率 {rate}（计算值：执行数 ÷ 预算数；填报值为 {other}），时间进度 {tp}',
    en: 'execution {rate} computed as spent ÷ budget (stated {other}), time progress {tp}',
  },
  findingsHeading: { zh: '问题清单（{n}）', en: 'Findings ({n})' },
  sectionForm: { zh: '表格识别与版式', en: 'Form and layout' },
  sectionBasic: { zh: '一、基本情况', en: '1. Basic information' },
  sectionBudget: { zh: '二、预算执行情况', en: '2. Budget execution' },
  sectionGoal: { zh: '三、目标完成情况', en: '3. Goal completion' },
  sectionIndicators: { zh: '四、年度绩效指标', en: '4. Performance indicators' },
  sectionDeviation: { zh: '五、偏差和采取的措施', en: '5. Deviations and measures' },
  severityError: { zh: '错误', en: 'Error' },
  severityWarning: { zh: '警告', en: 'Warning' },
  severityInfo: { zh: '提示', en: 'Info' },
  goToCell: { zh: '选中单元格 {cell}', en: 'Select cell {cell}' },
  arithmetic: { zh: '计算：', en: 'Arithmetic: ' },
  relatedCells: { zh: '相关单元格：', en: 'Related cells: ' },
  fixButton: { zh: '将 {cell} 修正为 {value}', en: 'Fix {cell} to {value}' },
  fixing: { zh: '正在修正…', en: 'Fixing…' },
  fixed: { zh: '已将 {cell} 修正为 {value}。', en: '{cell} set to {value}.' },
  legendHeading: { zh: '标记图例', en: 'Marks legend' },
  legendError: { zh: '错误：必须更正', en: 'Error: must be corrected' },
  legendWarning: { zh: '警告：请核实', en: 'Warning: please check' },
  legendInfo: { zh: '提示：供参考', en: 'Info: for reference' },
  legendNote: {
    zh: '每个标记的单元格附有说明批注；“清除标记”会恢复原有填充色，只删除本工具写入的批注。',
    en: 'Each marked cell carries a note with the reason; Clear marks restores the previous fill and removes only the notes this add-in wrote.',
  },
  statusLine: {
    zh: '已标记 {marked} 个单元格 · 标记方式：{mode} · Excel 往返 {syncs} 次',
    en: '{marked} {marked|cell|cells} marked · marks as {mode} · {syncs} Excel round {syncs|trip|trips}',
  },
  markModeNotes: { zh: '填充色 + 批注', en: 'fill + notes' },
  markModeComments: { zh: '填充色 + 评论', en: 'fill + comments' },
  markModeFill: { zh: '仅填充色（此版本 Excel 不支持批注）', en: 'fill only (this Excel has no notes API)' },
  // issue 10: a large used range is read in parts
  readProgress: { zh: '正在分段读取工作表：第 {done}/{total} 段（共 {rows} 行）…', en: 'Reading the sheet in parts: {done} of {total} ({rows} {rows|row|rows})…' },

  // errors: what happened, then what to do
  errorValidate: { zh: '校验失败', en: 'Validation failed' },
  errorClear: { zh: '清除标记失败', en: 'Clearing the marks failed' },
  errorFix: { zh: '修正失败', en: 'The fix could not be written' },
  errorSelect: { zh: '无法选中单元格', en: 'The cell could not be selected' },
  errorLoad: { zh: '读取设置失败，已使用默认设置', en: 'Could not read the saved settings; using the defaults' },
  settingsDamaged: { zh: '保存的设置已损坏', en: 'Saved settings damaged' },
  errorSave: { zh: '保存设置失败', en: 'Saving the settings failed' },
  errorBuild: { zh: '生成审核行失败', en: 'Building the review row failed' },
  errorAppend: { zh: '追加审核行失败，未写入任何内容', en: 'Appending the review row failed; nothing was written' },
  errorUnknown: { zh: '未知错误', en: 'Unknown error' },
  doValidate: {
    zh: '请确认当前工作表是附件1且未受保护，然后再点“校验”。',
    en: 'Check that the active sheet is a 附件1 form and not protected, then press Validate again.',
  },
  doClear: {
    zh: '请确认工作表未受保护，然后再点“清除标记”；标记信息保存在工作簿中，不会丢失。',
    en: 'Check that the sheet is not protected, then press Clear marks again; the mark records are kept in the workbook.',
  },
  doFix: { zh: '请确认该单元格未锁定，然后重试，或手工填写。', en: 'Check that the cell is not locked and retry, or type the value yourself.' },
  doSelect: { zh: '请在工作表中手工定位该单元格。', en: 'Find the cell in the sheet by hand.' },
  doLoad: { zh: '可在“设置”中重新设置并保存。', en: 'You can set them again under Settings and save.' },
  doSave: { zh: '请确认工作簿未设为只读，然后再保存。', en: 'Check that the workbook is not read-only, then save again.' },
  doBuild: { zh: '请先确认当前工作表是可识别的附件1（先“校验”），再重试。', en: 'Make sure the active sheet is a recognised 附件1 (validate first), then retry.' },
  doAppend: { zh: '请检查目标设置后重试。', en: 'Check the destination settings and retry.' },
  doCellEdit: {
    zh: 'Excel 正在编辑单元格：请按 Enter 或 Esc 结束编辑后重试。',
    en: 'Excel is editing a cell: press Enter or Esc to finish, then retry.',
  },
  doAccessDenied: {
    zh: '工作表或工作簿受保护：请在“审阅”中撤消保护后重试。',
    en: 'The sheet or workbook is protected: unprotect it under Review, then retry.',
  },
  doBusy: { zh: 'Excel 正忙：请稍候几秒再试。', en: 'Excel is busy: wait a few seconds and retry.' },
  doNetwork: {
    zh: '无法连接到目标服务器：请检查地址和网络连接。',
    en: 'The destination server could not be reached: check its address and the network.',
  },
  doUnauthorized: {
    zh: '口令无效或已过期：请向审核服务器管理员确认本处室的口令。',
    en: 'The token is invalid or expired: ask the review server’s administrator for your office’s token.',
  },
  doTooLarge: { zh: '数据过大，服务器拒收：请联系管理员。', en: 'The server refused the request as too large: contact the administrator.' },
  doServerDown: {
    zh: '服务器暂时无法保存（存储不可用或已满）：请稍后重试并告知管理员。',
    en: 'The server cannot store rows right now (storage unavailable or full): retry later and tell the administrator.',
  },
  doSignIn: { zh: '请重新登录 Microsoft 365 后重试。', en: 'Sign in to Microsoft 365 again, then retry.' },

  // settings view
  settingsHeading: { zh: '设置', en: 'Settings' },
  settingsSavedWithWorkbook: {
    zh: '设置随工作簿保存，下次打开此工作簿时自动使用。',
    en: 'Settings are saved with the workbook and used whenever it is opened.',
  },
  rulesHeading: { zh: '规则', en: 'Rules' },
  ruleSeverity: { zh: '严重程度', en: 'Severity' },
  severityDefault: { zh: '默认（{severity}）', en: 'Default ({severity})' },
  thresholdsHeading: { zh: '阈值', en: 'Thresholds' },
  yellowBelow: { zh: '黄灯：低于进度（或目标）的百分比', en: 'Yellow below (% of time progress or target)' },
  redBelow: { zh: '红灯：低于进度（或目标）的百分比', en: 'Red below (% of time progress or target)' },
  blueAtOrAbove: { zh: '蓝灯：达到或超过进度的百分比', en: 'Blue at or above (% of time progress)' },
  tolerance: { zh: '最小容差（百分点）', en: 'Least tolerance (percentage points)' },
  toleranceHint: {
    zh: '比较时按表中显示的精度取半个末位单位，但不少于此值。',
    en: 'Comparisons allow half a unit of the last digit shown, but never less than this.',
  },
  // issue 11: the flow/stock lexicon
  lexiconHeading: { zh: '流量/存量指标词表', en: 'Flow / stock indicator words' },
  lexiconHint: {
    zh: '指标名称含流量词（累计发生，如赔付、拨付）时与时间进度比较；含存量词（人数、比率、标准、满意度）时与年度目标比较。以最后出现的词为准；都不含的按流量处理。词之间用“、”分隔。',
    en: 'A name with a flow word (accumulating, such as 赔付, 拨付) is compared with time progress; with a stock word (headcounts, rates, standards, satisfaction) with its annual target. The word ending last decides; a name with neither is taken as a flow. Separate words with 、.',
  },
  lexiconFlow: { zh: '流量词', en: 'Flow words' },
  lexiconStock: { zh: '存量词', en: 'Stock words' },
  achievementHeading: { zh: '定性指标完成率', en: 'Qualitative indicator rates' },
  achievementMet: { zh: '达成（%）', en: 'Met (%)' },
  achievementPartial: { zh: '部分达成（%）', en: 'Partly met (%)' },
  achievementUnmet: { zh: '未达成（%）', en: 'Not met (%)' },
  timeProgressMode: { zh: '时间进度算法', en: 'Time progress' },
  timeProgressMonth: { zh: '按月（2020年9月 → 9 ÷ 12）', en: 'By month (Sep 2020 → 9 ÷ 12)' },
  timeProgressDay: { zh: '按日', en: 'By day' },
  saveSettings: { zh: '保存设置', en: 'Save settings' },
  rubricHeading: { zh: '附件2 评分规则', en: '附件2 scoring rubric' },
  rubricHint: {
    zh: '生成审核行时按此规则提议得分（JSON）。默认：执行数 ÷ 到位数 = 100% 得 30 分；总体完成率 ≥ 60% 得 30 分；偏差说明为空或总体完成率低于时间进度扣 5 分；按时报送由审核人填写。',
    en: 'Scores of the review row are proposed by this rubric (JSON). Default: 30 when spent ÷ received = 100%; 30 when overall completion ≥ 60%; minus 5 when section 五 is empty or overall completion is below time progress; on-time submission entered by the reviewer.',
  },
  rubricLabel: { zh: '评分规则 JSON', en: 'Rubric JSON' },
  rubricSave: { zh: '保存评分规则', en: 'Save rubric' },
  rubricReset: { zh: '恢复默认评分规则', en: 'Default rubric' },
  rubricBadJson: { zh: '不是有效的 JSON：{detail}', en: 'Not valid JSON: {detail}' },
  rubricSaved: { zh: '评分规则已保存到工作簿；下次生成审核行时生效。', en: 'Rubric saved in the workbook; it applies the next time a review row is built.' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  resetSettings: { zh: '恢复默认值', en: 'Restore defaults' },
  settingsSaved: { zh: '设置已保存到工作簿；重新校验后生效。', en: 'Settings saved in the workbook; validate again to apply them.' },
  invalidNumber: { zh: '请输入 {min} 到 {max} 之间的数。', en: 'Enter a number from {min} to {max}.' },
  redAboveYellow: { zh: '红灯阈值必须低于黄灯阈值。', en: 'The red threshold must be below the yellow one.' },
  fixErrors: { zh: '请先更正标红的输入项。', en: 'Correct the fields marked in red first.' },

  // review view
  reviewHeading: { zh: '附件2 审核行', en: '附件2 review row' },
  reviewUnavailable: {
    zh: '此环境不支持生成审核行。请在 Excel 中打开本加载项使用此功能。',
    en: 'Review rows are not available here. Open the add-in in Excel to use this.',
  },
  appendUnavailable: {
    zh: '此环境不支持追加审核行；可以查看和修改，但无法写入附件2。',
    en: 'Appending is not available here; the row can be viewed and edited but not written to 附件2.',
  },
  buildRow: { zh: '生成审核行', en: 'Build review row' },
  // issue 11: a sheet with several forms
  formChoice: { zh: '本工作表有 {n} 张附件1，每张一行；选择要审核的一张', en: 'This sheet holds {n} forms, one row each; choose the one to review' },
  formHeading: { zh: '第 {n} 张附件1：{label}', en: 'Form {n}: {label}' },
  formOption: { zh: '第 {n} 张：{project}', en: 'Form {n}: {project}' },
  building: { zh: '正在生成…', en: 'Building…' },
  buildHint: {
    zh: '由当前工作表（附件1）生成附件2 的一行：数据列和建议得分，均可核对修改。',
    en: 'Turns the active sheet (附件1) into its 附件2 row: data columns and proposed scores, all editable.',
  },
  colDepartment: { zh: '部门单位名称', en: 'Department' },
  colProject: { zh: '项目名称', en: 'Project' },
  colBudget: { zh: '调整后预算总数', en: 'Adjusted budget' },
  colAvailable: { zh: '到位资金总数', en: 'Funds received' },
  colExecuted: { zh: '执行资金总数', en: 'Funds spent' },
  colExecutionRate: { zh: '预算执行率', en: 'Budget execution rate' },
  colOverallRate: { zh: '绩效目标总体完成率', en: 'Overall goal completion' },
  amountUnit: { zh: '（{unit}）', en: ' ({unit})' },
  dataHeading: { zh: '数据列', en: 'Data columns' },
  scoresHeading: { zh: '得分', en: 'Scores' },
  rateUsingStated: { zh: '采用填报值', en: 'using the stated rate' },
  rateUsingComputed: { zh: '采用计算值', en: 'using the computed rate' },
  rateDisagree: {
    zh: '填报值与计算值不一致：填报 {stated}，计算 {computed}。',
    en: 'Stated and computed rates disagree: stated {stated}, computed {computed}.',
  },
  useComputed: { zh: '改用计算值 {value}', en: 'Use computed {value}' },
  useStated: { zh: '改用填报值 {value}', en: 'Use stated {value}' },
  scoreBudget: { zh: '预算执行情况（{max}分）', en: 'Budget execution ({max} pts)' },
  scoreGoal: { zh: '绩效目标完成情况（{max}分）', en: 'Goal completion ({max} pts)' },
  scoreDeviation: { zh: '目标偏离及应对情况（{max}分）', en: 'Deviation and response ({max} pts)' },
  scoreTimely: { zh: '按时报送（{max}分）', en: 'Submitted on time ({max} pts)' },
  scoreProposed: { zh: '建议 {value} 分', en: 'proposed {value}' },
  scoreInvalid: { zh: '请输入 0 到 {max} 之间的分数。', en: 'Enter a score from 0 to {max}.' },
  total: { zh: '总分', en: 'Total' },
  totalValue: { zh: '总分：{total}', en: 'Total: {total}' },
  destinationHeading: { zh: '追加到', en: 'Append to' },
  destWorkbook: { zh: '本工作簿的附件2 工作表', en: 'A 附件2 sheet in this workbook' },
  destServer: { zh: '审核服务器', en: 'The review server' },
  destGraph: { zh: 'Microsoft 365 工作簿（Graph）', en: 'A Microsoft 365 workbook (Graph)' },
  destSheetName: { zh: '工作表名称', en: 'Sheet name' },
  destServerUrl: { zh: '服务器地址（https://…）', en: 'Server address (https://…)' },
  destToken: { zh: '本处室口令', en: 'Office token' },
  destTokenHint: {
    zh: '口令只保存在本机，不写入工作簿。',
    en: 'The token is kept on this computer only, never in the workbook.',
  },
  needHttps: { zh: '请输入以 https:// 开头的地址（仅本机 127.0.0.1 / localhost 可用 http://）。', en: 'Enter an address starting with https:// (http:// only for this machine, 127.0.0.1 / localhost).' },
  needToken: { zh: '请输入口令。', en: 'Enter the token.' },
  needTable: { zh: '请输入表格名称。', en: 'Enter the table name.' },
  appendButton: { zh: '追加', en: 'Append' },
  appending: { zh: '正在追加…', en: 'Appending…' },
  // — Microsoft Graph destination (GraphSettings.tsx, issue 16) —
  graphLink: { zh: '附件2 共享工作簿链接', en: 'Link to the shared 附件2 workbook' },
  graphLinkHint: {
    zh: '在 OneDrive / SharePoint 中点“共享 → 复制链接”得到的链接；文件 ID 会自动查出。',
    en: 'The link from Share → Copy link in OneDrive / SharePoint; the file’s ids are found from it.',
  },
  graphTable: { zh: '表格名称', en: 'Table name' },
  graphClientId: { zh: '应用（客户端）ID', en: 'Application (client) ID' },
  graphClientIdHint: {
    zh: '管理员在 Microsoft Entra 中为本加载项注册的应用 ID；登录令牌不会保存。',
    en: 'The app id your administrator registered for this add-in in Microsoft Entra; the sign-in token is never saved.',
  },
  needLink: { zh: '请输入以 https:// 开头的共享链接。', en: 'Enter the sharing link, starting with https://.' },
  needClientId: { zh: '请输入应用（客户端）ID，形如 00000000-0000-0000-0000-000000000000。', en: 'Enter the application (client) id, like 00000000-0000-0000-0000-000000000000.' },
  testConnection: { zh: '测试连接', en: 'Test connection' },
  testingConnection: { zh: '正在测试连接…', en: 'Testing the connection…' },
  connectionOk: { zh: '连接正常', en: 'Connection works' },
  connectionFailed: { zh: '连接有问题', en: 'Connection problem' },
  graphDuplicates: { zh: '表中有 {n} 行与本项目重复（之前一次未确认的追加），已删除。', en: 'Removed {n} duplicate {n|row|rows} of this project (from an earlier unconfirmed add).' },
  graphUnconfirmed: {
    zh: '之前的一次追加 Microsoft Graph 未确认，可能稍后出现重复行：再次追加本项目会合并它。',
    en: 'An earlier add was not confirmed by Microsoft Graph and may still show up as a duplicate: appending this project again merges it.',
  },
});

/** Short names of the engine's rules, for the settings list (the engine's own docs are shown under them). */
export const RULE_TITLES: Record<string, Localized> = catalogue({
  'form/not-recognized': { zh: '不是附件1', en: 'Not a 附件1 form' },
  'field/missing': { zh: '必填值为空', en: 'Required value missing' },
  'field/not-a-number': { zh: '数值单元格中是文字', en: 'Text in a numeric cell' },
  'field/unreadable-period': { zh: '无法识别的期间', en: 'Unreadable period' },
  'field/formula-not-calculated': { zh: '公式未计算', en: 'Formula not calculated' },
  'budget/rate-mismatch': { zh: '预算执行率计算不符', en: 'Budget execution rate mismatch' },
  'budget/over-execution': { zh: '超额执行或超额到位', en: 'Over-execution' },
  'budget/behind-schedule': { zh: '预算执行滞后于时间进度', en: 'Budget behind schedule' },
  'indicator/rate-mismatch': { zh: '指标完成率计算不符', en: 'Indicator rate mismatch' },
  'indicator/malformed-target': { zh: '预期指标值无法读懂', en: 'Malformed target' },
  'indicator/unit-mismatch': { zh: '预期值与完成值单位不符', en: 'Unit mismatch' },
  'indicator/not-a-measurement': { zh: '完成值不是实测结果', en: 'Actual is not a measurement' },
  'indicator/prorated-qualitative': { zh: '定性指标按时间进度填报', en: 'Qualitative rate pro-rated' },
  'indicator/deviation': { zh: '指标偏离进度或目标', en: 'Indicator deviation' },
  'overall/rate-mismatch': { zh: '总体完成率与指标平均不符', en: 'Overall rate mismatch' },
  'deviation/unexplained': { zh: '有偏差但未说明', en: 'Deviation unexplained' },
  'deviation/explanation-mismatch': { zh: '偏差说明与表内指标不符', en: 'Explanation does not match' },
  'layout/shifted': { zh: '数值位置错位', en: 'Value shifted' },
  'form/structure': { zh: '工作表结构异常', en: 'Unusual sheet structure' },
});

export type MsgKey = keyof typeof CATALOGUE;

/** Look up a message and fill its placeholders. */
export function translate(lang: Lang, key: MsgKey, params?: Params): string {
  return fillFrom(CATALOGUE, lang, key, params);
}

export type Translate = (key: MsgKey, params?: Params) => string;

export interface I18n {
  lang: Lang;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ lang: 'zh', t: (key, params) => translate('zh', key, params) });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export const SECTION_KEYS: Record<FormSection, MsgKey> = {
  form: 'sectionForm',
  basic: 'sectionBasic',
  budget: 'sectionBudget',
  goal: 'sectionGoal',
  indicators: 'sectionIndicators',
  deviation: 'sectionDeviation',
};

export const SEVERITY_KEYS: Record<Severity, MsgKey> = {
  error: 'severityError',
  warning: 'severityWarning',
  info: 'severityInfo',
};

/** A destination's `where` as a sentence: English ones start in lower case. */
export const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A fraction as a percent for display: 0.7989 → 79.9%. */
export function formatPct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(digits)}%`;
}

/** An amount for display, as the sheet would show it: 10934 → 10,934. */
export function formatAmount(v: number | null | undefined, lang: Lang): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });
}

/** A rate as the 附件2 shows it: at most one decimal, no trailing zero (0.81 → 81%, 0.8632 → 86.3%). */
export function formatRate(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return pctShort(v);
}
