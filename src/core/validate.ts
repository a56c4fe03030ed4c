/** The engine: grid → recognise → recompute → rules → findings. */
import { type Grid, toA1 } from './grid';
import { recognize } from './recognize';
import { recompute } from './recompute';
import { RULES } from './rules';
import { formNotRecognized } from './rules/form-not-recognized';
import { DEFAULT_SETTINGS, type Finding, type Rule, type Settings, type SheetResult } from './types';

export type SettingsInput = Partial<Omit<Settings, 'achievementRates'>> & { achievementRates?: Partial<Settings['achievementRates']> };

/** Defaults overlaid with what the user changed. */
export function resolveSettings(input?: SettingsInput): Settings {
  if (!input) return DEFAULT_SETTINGS;
  return {
    ...DEFAULT_SETTINGS,
    ...input,
    rules: { ...DEFAULT_SETTINGS.rules, ...(input.rules ?? {}) },
    achievementRates: { ...DEFAULT_SETTINGS.achievementRates, ...(input.achievementRates ?? {}) },
  };
}

function enabled(rule: Rule, settings: Settings): boolean {
  return settings.rules[rule.meta.id]?.enabled !== false;
}

/** Validate one sheet. Never throws on sheet content. */
export function validateGrid(grid: Grid, input?: SettingsInput): SheetResult {
  const settings = resolveSettings(input);
  const rec = recognize(grid);
  if (!rec.ok) {
    const findings: Finding[] = [];
    if (enabled(formNotRecognized, settings)) {
      findings.push({
        rule: formNotRecognized.meta.id,
        severity: settings.rules[formNotRecognized.meta.id]?.severity ?? formNotRecognized.meta.severity,
        sheet: grid.name,
        cell: toA1(grid.top, grid.left),
        section: 'form',
        message: rec.reason,
        expected: rec.missing.join('、'),
        actual: null,
      });
    }
    return { sheet: grid.name, recognized: false, reason: rec.reason, missing: rec.missing, findings };
  }
  const form = recompute(rec.form, settings);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (!enabled(rule, settings)) continue;
    const override = settings.rules[rule.meta.id]?.severity;
    for (const r of rule.check({ form, grid, settings })) {
      const f: Finding = {
        rule: rule.meta.id,
        // a re-graded rule takes the user's severity; otherwise the report's own (red/yellow) or the default
        severity: override ?? r.severity ?? rule.meta.severity,
        sheet: grid.name,
        cell: r.cell,
        section: r.section ?? rule.meta.section,
        message: r.message,
      };
      if (r.arithmetic) f.arithmetic = r.arithmetic;
      if (r.expected !== undefined) f.expected = r.expected;
      if (r.actual !== undefined) f.actual = r.actual;
      if (r.fix) f.fix = r.fix;
      if (r.related) f.related = r.related;
      if (r.light) f.light = r.light;
      findings.push(f);
    }
  }
  return { sheet: grid.name, recognized: true, form, findings };
}

// in ./marks, with the other severity helpers: the pane's first screen uses it without the engine
export { countBySeverity } from './marks';
