/** Constructed forms for rule tests. */
import { type SheetResult, validateGrid } from '../../src/core';
import type { SettingsInput } from '../../src/core/validate';
import { gridFromRows } from './grid';

/** A form with every number consistent, built in the seed's layout. */
export const CONSISTENT: string[][] = [
  ['附件1:'],
  ['测试县社保基金支出绩效监控情况表'],
  ['填报单位(公章): 测试县社会保险管理局'],
  ['金额单位: 万元'],
  ['一、基本情况', '部门单位名称', '测试县社会保险管理局', '', '项目周期', '2020.01.01-2020.12.31', '', ''],
  ['', '项目名称', '测试县城乡居民养老保险基金支出', '', '监控时点', '2020年9月', '', ''],
  ['二、预算执行情况', '预算安排情况(调整后)', '', '资金到位情况', '', '资金执行情况', '', '预算执行率'],
  ['', '预算数:', '1000', '到位数:', '800', '执行数:', '780', '78%'],
  ['', '其中: 财政资金', '', '其中: 财政资金', '', '其中: 财政资金', '', ''],
  ['', '其他', '', '其他', '', '其他', '', ''],
  ['三、目标完成情况', '年度预期目标', '', '', '目前完成情况', '', '总体完成率', ''],
  ['', '按期足额发放待遇', '', '', '1-9月按时足额发放', '', '100%', ''],
  ['四、年度绩效指标完成情况', '一级指标', '二级指标', '三级指标', '预期指标值', '指标完成值', '指标完成率', ''],
  ['', '产出指标', '数量指标', '参保缴费人数', '1000人', '950人', '95%', ''],
  ['', '', '', '基金支出预算执行率', '≥75%', '78%', '104%', ''],
  ['', '', '质量指标', '待遇发放准确率', '≥98%', '99%', '101%', ''],
  ['', '', '时效指标', '待遇发放时效', '每月25日前', '按时发放', '100%', ''],
  ['', '效益指标', '社会效益指标', '参保人员上访率', '≤0.1%', '0.05%', '100%', ''],
  ['', '满意度指标', '满意度指标', '参保人员满意度', '≥90%', '92%', '102%', ''],
  ['五、绩效目标执行出现的偏差和采取的措施', '参保缴费人数略低于预期，已加强宣传动员。', '', '', '', '', '', ''],
];

/** Validate CONSISTENT after editing it: `edit` receives a copy of the rows ([row][col], 0-based). */
export function validateEdited(edit: (rows: string[][]) => void, settings?: SettingsInput): SheetResult {
  const rows = CONSISTENT.map((r) => [...r]);
  edit(rows);
  return validateGrid(gridFromRows('测试', rows), settings);
}

/** Findings of one rule as `cell` strings. */
export function cellsOf(r: SheetResult, rule: string): string[] {
  return r.findings.filter((f) => f.rule === rule).map((f) => f.cell);
}
