/** What the pane's summary shows, derived from a validation outcome. Pure, so it is tested on its own. */
import type { Finding, FormSection, Severity, SheetResult, TimeProgressBasis } from '../core';
import { countBySeverity } from '../core';
import type { SettingsInput } from '../core';

/** `off`: the rule behind the light is switched off in settings, so the light says nothing. */
export type Light = 'red' | 'yellow' | 'green' | 'blue' | 'unknown' | 'off';

export interface PaneSummary {
  counts: Record<Severity, number>;
  /** 预算执行: the behind-schedule light, green when execution keeps up with time progress */
  budgetLight: Light;
  /** the rate used for the budget light (stated, else computed; computed when the stated one disagrees) */
  executionRate: number | null;
  /** where executionRate came from: the form's stated figure, or 执行数 ÷ 预算数 */
  executionRateSource: 'stated' | 'computed' | null;
  /** the other figure, to show beside it: the computed rate when the stated one is used, and the reverse */
  executionRateOther: number | null;
  /** 绩效指标: the worst indicator deviation light */
  indicatorLight: Light;
  timeProgress: number | null;
  timeProgressArithmetic: string;
  /** the 监控时点 and 项目周期 time progress was computed from */
  timeProgressBasis: TimeProgressBasis | null;
  /** findings by form (on a sheet with several forms), then by section in form order */
  groups: { section: FormSection; findings: Finding[]; form?: number; formLabel?: string }[];
}

export const SECTION_ORDER: readonly FormSection[] = ['form', 'basic', 'budget', 'goal', 'indicators', 'deviation'];

const LIGHT_RANK: Record<Light, number> = { red: 4, yellow: 3, blue: 2, green: 1, unknown: 0, off: 0 };

function worst(lights: Light[]): Light | null {
  if (lights.length === 0) return null;
  return lights.reduce((a, b) => (LIGHT_RANK[b] > LIGHT_RANK[a] ? b : a));
}

function lightOf(f: Finding): Light {
  if (f.light) return f.light;
  return f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'blue';
}

export function summarize(result: SheetResult, settings: SettingsInput = {}): PaneSummary {
  const off = (rule: string) => settings.rules?.[rule]?.enabled === false;
  const counts = countBySeverity(result.findings);
  const form = result.form;
  // the rate the engine judged the light by (the recomputed one when the stated one is wrong)
  const executionRate = form?.computed.lightRate ?? null;
  const stated = form?.executionRate.value ?? null;
  const computed = form?.computed.executionRate ?? null;
  const fromStated = executionRate !== null && stated !== null && !form?.computed.lightRateRecomputed;
  const executionRateSource = executionRate === null ? null : fromStated ? 'stated' : 'computed';
  const executionRateOther = executionRate === null ? null : fromStated ? computed : stated;
  const timeProgress = form?.computed.timeProgress ?? null;

  const budget = worst(result.findings.filter((f) => f.rule === 'budget/behind-schedule').map(lightOf));
  const budgetLight: Light = off('budget/behind-schedule') ? 'off' : budget ?? (executionRate !== null && timeProgress !== null && timeProgress > 0 ? 'green' : 'unknown');

  const ind = worst(result.findings.filter((f) => f.rule === 'indicator/deviation').map(lightOf));
  const indicatorLight: Light = off('indicator/deviation') ? 'off' : ind ?? (form && form.indicators.some((i) => i.computed?.completion != null) ? 'green' : 'unknown');

  // a sheet with several forms: each form's findings together (issue 11)
  const formIndexes = [...new Set(result.findings.map((f) => f.form))];
  const groups: PaneSummary['groups'] = [];
  for (const form of formIndexes) {
    const mine = result.findings.filter((f) => f.form === form);
    const all = SECTION_ORDER.map((section) => ({ section, findings: mine.filter((f) => f.section === section) })).filter(
      (g) => g.findings.length > 0,
    );
    // notes on how the sheet was read (layout/shifted, all information) go after the real problems
    const readingNotesOnly = (g: (typeof all)[number]) => g.section === 'form' && g.findings.every((f) => f.severity === 'info');
    for (const g of [...all.filter((x) => !readingNotesOnly(x)), ...all.filter(readingNotesOnly)]) {
      groups.push(form === undefined ? g : { ...g, form, formLabel: g.findings[0].formLabel });
    }
  }
  return {
    counts,
    budgetLight,
    executionRate,
    executionRateSource,
    executionRateOther,
    indicatorLight,
    timeProgress,
    timeProgressArithmetic: form?.computed.timeProgressArithmetic ?? '',
    timeProgressBasis: form?.computed.timeProgressBasis ?? null,
    groups,
  };
}
