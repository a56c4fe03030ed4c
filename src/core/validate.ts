/** The engine: grid → recognise → recompute → rules → findings. */
import type { Grid } from './grid';
import { fillFormulas, isFormulaCell } from './formula';
import { recognizeAll } from './recognize';
import { recompute } from './recompute';
import { RULES } from './rules';
import { notRecognizedReason } from './rules/form-not-recognized';
import { type AnyRule, DEFAULT_SETTINGS, type Finding, type Fix, type RecognizedForm, type Report, type Rule, type Settings, type SheetResult, type SheetRule } from './types';

export type SettingsInput = Partial<Omit<Settings, 'achievementRates' | 'kindLexicon'>> & {
  achievementRates?: Partial<Settings['achievementRates']>;
  kindLexicon?: Partial<Settings['kindLexicon']>;
};

/** Defaults overlaid with what the user changed. */
export function resolveSettings(input?: SettingsInput): Settings {
  if (!input) return DEFAULT_SETTINGS;
  return {
    ...DEFAULT_SETTINGS,
    ...input,
    rules: { ...DEFAULT_SETTINGS.rules, ...(input.rules ?? {}) },
    achievementRates: { ...DEFAULT_SETTINGS.achievementRates, ...(input.achievementRates ?? {}) },
    // the default lexicon object is kept, so its classifications are remembered across validations
    kindLexicon: input.kindLexicon
      ? { flow: input.kindLexicon.flow ?? DEFAULT_SETTINGS.kindLexicon.flow, stock: input.kindLexicon.stock ?? DEFAULT_SETTINGS.kindLexicon.stock }
      : DEFAULT_SETTINGS.kindLexicon,
  };
}

const SHEET_RULES = RULES.filter((r): r is SheetRule => r.scope === 'sheet');
const FORM_RULES = RULES.filter((r): r is Rule => r.scope !== 'sheet');

/** The rules a validation runs: those the settings leave switched on (looked up once per sheet, not per form). */
function enabled<R extends AnyRule>(rules: readonly R[], settings: Settings): readonly R[] {
  // the default settings switch no rule off, and most validations change no setting: no filter to run
  if (settings === DEFAULT_SETTINGS) return rules;
  return rules.filter((rule) => settings.rules[rule.meta.id]?.enabled !== false);
}

/** Validate one sheet. Never throws on sheet content. */
export function validateGrid(input0: Grid, input?: SettingsInput): SheetResult {
  const settings = resolveSettings(input);
  // formulas without a cached value: evaluated where they are simple arithmetic, listed either way
  const filled = fillFormulas(input0);
  const grid = filled.grid;
  const all = recognizeAll(grid);
  const rec = all[0];
  // sheet rules first: they see the sheet as a whole (form/not-recognized)
  const findings = sheetFindings(grid, rec.ok ? null : rec.missing, settings);
  if (!rec.ok) {
    return { sheet: grid.name, recognized: false, reason: notRecognizedReason(grid.name, rec.missing), missing: rec.missing, findings };
  }
  const forms: RecognizedForm[] = [];
  for (const x of all) {
    if (!x.ok) continue;
    x.form.formulaCells = filled.cells;
    forms.push(recompute(x.form, settings));
  }
  const formRules = enabled(FORM_RULES, settings);
  if (forms.length === 1) validateForm(forms[0], grid, settings, formRules, findings);
  else validateForms(forms, grid, settings, formRules, findings);
  return { sheet: grid.name, recognized: true, form: forms[0], forms, findings };
}

/** The findings of the sheet rules (the start of a sheet's findings). */
function sheetFindings(grid: Grid, missing: string[] | null, settings: Settings): Finding[] {
  const findings: Finding[] = [];
  const ctx = { grid, missing, settings };
  for (const rule of enabled(SHEET_RULES, settings)) {
    for (const r of rule.check(ctx)) findings.push(toFinding(rule, r, grid, settings));
  }
  return findings;
}

/** The findings of several forms on one sheet, each labelled with its form (rare: kept out of validateGrid's code). */
function validateForms(forms: RecognizedForm[], grid: Grid, settings: Settings, rules: readonly Rule[], findings: Finding[]): void {
  for (let index = 0; index < forms.length; index++) {
    const form = forms[index];
    const from = findings.length;
    validateForm(form, grid, settings, rules, findings);
    const label = formLabel(form, index);
    for (let i = from; i < findings.length; i++) {
      findings[i].form = index;
      findings[i].formLabel = label;
    }
  }
}

/** How a form is named among several on a sheet: its 项目名称, else 第 N 张附件1. */
function formLabel(form: RecognizedForm, index: number): string {
  const project = (form.project.value ?? '').trim();
  return project || `第 ${index + 1} 张附件1`;
}

/** Appends the findings of one recognised and recomputed form to `findings`. */
function validateForm(form: RecognizedForm, grid: Grid, settings: Settings, rules: readonly Rule[], findings: Finding[]): void {
  const ctx = { form, grid, settings };
  for (const rule of rules) {
    // indexed: the rules' report arrays differ in elements kind (empty or not), which a for-of iterator deopts on
    const reports = rule.check(ctx);
    for (let i = 0; i < reports.length; i++) findings.push(toFinding(rule, reports[i], grid, settings));
  }
}

/** A rule's report as a finding: the engine adds rule id, sheet and the configured severity. */
function toFinding(rule: AnyRule, r: Report, grid: Grid, settings: Settings): Finding {
  // the contract of the catalogue (as ESLint's): a fix from a rule that does not declare itself fixable is a bug in the rule
  if (r.fix && !rule.meta.fixable) throw new Error(`rule ${rule.meta.id} offered a fix, but its meta.fixable is false`);
  // every key in one literal, absent ones undefined: one shape for every finding, so the code reading
  // findings (the CLI's JSON, the marks, the pane) stays monomorphic; JSON leaves the undefined ones out
  return {
    rule: rule.meta.id,
    // a re-graded rule takes the user's severity; otherwise the report's own (red/yellow) or the default
    severity: settings.rules[rule.meta.id]?.severity ?? r.severity ?? rule.meta.severity,
    sheet: grid.name,
    cell: r.cell,
    section: r.section ?? rule.meta.section,
    message: r.message,
    arithmetic: r.arithmetic?.zh ? r.arithmetic : undefined,
    expected: r.expected,
    actual: r.actual,
    fix: fixFor(r.fix, grid),
    related: r.related || undefined,
    light: r.light || undefined,
    form: undefined,
    formLabel: undefined,
  };
}

/** A fix as offered: on a formula cell only a corrected formula, never a constant; elsewhere a value. */
function fixFor(fix: Fix | undefined, grid: Grid): Fix | undefined {
  if (!fix) return undefined;
  if (isFormulaCell(grid, fix.cell)) return fix.formula ? { ...fix, display: `${fix.formula}（${fix.display}）` } : undefined;
  if (fix.formula === undefined) return fix;
  // the constant without its formula (built field by field: a rest copy is slow)
  return { cell: fix.cell, value: fix.value, format: fix.format, display: fix.display };
}

// in ./marks, with the other severity helpers: the pane's first screen uses it without the engine
export { countBySeverity } from './marks';
