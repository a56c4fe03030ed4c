/**
 * The 校验 ribbon button's logic, free of Office.js so it can be tested with a real engine behind a
 * fake host: load the settings saved with the workbook, validate and mark the active sheet, then
 * show the summary (or the error) and ALWAYS tell Office the command has completed.
 */
import type { PaneHost, PaneSettings, ValidateOutcome } from '../host';
import { errorSummary, outcomeSummary, type Lang, type RibbonSummary } from './summary';

export interface RibbonDeps {
  /** the Excel module (src/excel/host.ts) in Office; a fake in tests */
  host: Pick<PaneHost, 'validateAndMark' | 'loadSettings'> & {
    /** read the saved settings, validate and mark in one Excel.run (2 syncs); used when present */
    validateSaved?(): Promise<{ outcome: ValidateOutcome; settings: PaneSettings }>;
  };
  /** shows the summary; resolves when the user has closed it */
  showSummary(summary: RibbonSummary): Promise<void>;
  /** event.completed() of the ribbon event */
  complete(): void;
  /** language when the workbook's settings cannot be read */
  fallbackLang?: Lang;
  /** where a summary that could not be shown is reported (no workbook data: codes and messages only) */
  reportUnshown?(summary: RibbonSummary, err: unknown): void;
}

/** Runs the 校验 command. Resolves with the summary shown; never rejects. */
export async function validateFromRibbon(deps: RibbonDeps): Promise<RibbonSummary> {
  let completed = false;
  const complete = () => {
    if (completed) return;
    completed = true;
    deps.complete();
  };
  let lang: Lang = deps.fallbackLang ?? 'zh';
  let summary: RibbonSummary;
  try {
    let outcome: ValidateOutcome;
    if (deps.host.validateSaved) {
      const done = await deps.host.validateSaved();
      if (done.settings.lang === 'en' || done.settings.lang === 'zh') lang = done.settings.lang;
      outcome = done.outcome;
    } else {
      const settings = await deps.host.loadSettings();
      if (settings.lang === 'en' || settings.lang === 'zh') lang = settings.lang;
      outcome = await deps.host.validateAndMark(settings.engine);
      // a damaged saved setting (replaced by its default) is said in the dialog, as the pane says it
      if (settings.damaged) outcome = { ...outcome, notices: [settings.damaged, ...(outcome.notices ?? [])] };
    }
    summary = outcomeSummary(outcome, lang);
  } catch (err) {
    summary = errorSummary(err, lang);
  }
  try {
    await deps.showSummary(summary);
  } catch (err) {
    // Nothing left to show it with: the function file has no other surface. Say so where a
    // developer can see it; the marks (if any) are in the sheet already.
    deps.reportUnshown?.(summary, err);
  } finally {
    complete();
  }
  return summary;
}
