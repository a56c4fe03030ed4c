/** A plain JSON view of a recognised form: amounts in the sheet's unit, rates as fractions. */
import { rate4 } from './parse';
import type { IndicatorKind, RecognizedForm, TimeProgressBasis } from './types';

const r4 = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : rate4(v));

export interface FormSummary {
  department: string | null;
  project: string | null;
  period: string | null;
  monitorPoint: string | null;
  amountUnit: string;
  budget: number | null;
  available: number | null;
  executed: number | null;
  /** 预算执行率 recomputed: 执行数 ÷ 预算数 */
  executionRate: number | null;
  /** 预算执行率 as stated on the form */
  executionRateStated: number | null;
  availabilityRate: number | null;
  availableExecutionRate: number | null;
  timeProgress: number | null;
  /** what 时间进度 came from: the 监控时点 and 项目周期 as written and the points used */
  timeProgressBasis: TimeProgressBasis | null;
  /** 总体完成率 recomputed: mean of the stated indicator rates */
  overallRate: number | null;
  overallRateStated: number | null;
  deviationText: string | null;
  indicators: {
    level1: string;
    level2: string;
    name: string;
    kind: IndicatorKind;
    target: string | null;
    actual: string | null;
    rate: number | null;
    rateComputed: number | null;
    cells: { name: string; target: string; actual: string; rate: string };
  }[];
  cells: Record<string, string>;
}

export function summarizeForm(f: RecognizedForm): FormSummary {
  return {
    department: f.department.value,
    project: f.project.value,
    period: f.period.value,
    monitorPoint: f.monitorPoint.value,
    amountUnit: f.amountUnit,
    budget: f.budget.value,
    available: f.available.value,
    executed: f.executed.value,
    executionRate: r4(f.computed.executionRate),
    executionRateStated: r4(f.executionRate.value),
    availabilityRate: r4(f.computed.availabilityRate),
    availableExecutionRate: r4(f.computed.availableExecutionRate),
    timeProgress: r4(f.computed.timeProgress),
    timeProgressBasis: f.computed.timeProgressBasis ?? null,
    overallRate: r4(f.computed.overallRate),
    overallRateStated: r4(f.overallRate.value),
    deviationText: f.deviationText.value,
    indicators: f.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      kind: i.kind,
      target: i.target.value,
      actual: i.actual.value,
      rate: r4(i.rate.value),
      rateComputed: r4(i.computed?.rate),
      cells: { name: i.nameCell, target: i.target.cell, actual: i.actual.cell, rate: i.rate.cell },
    })),
    cells: {
      department: f.department.cell,
      project: f.project.cell,
      monitorPoint: f.monitorPoint.cell,
      budget: f.budget.cell,
      available: f.available.cell,
      executed: f.executed.cell,
      executionRate: f.executionRate.cell,
      overallRate: f.overallRate.cell,
      deviationText: f.deviationText.cell,
    },
  };
}
