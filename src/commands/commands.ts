/**
 * The ribbon's function file (commands.html): the ExecuteFunction buttons run here, in a hidden
 * page, without opening the task pane.
 *
 * How the 校验 button shows its result — the choice, and why:
 * - The result itself is in the sheet: every finding's cell gets its fill and note, as in the pane.
 * - Excel gives a UI-less function file no notification or status-bar API (Outlook's
 *   NotificationMessages exist only in Outlook), and without a shared runtime (whose <Runtimes>
 *   element the XML-manifest schemas reject) it cannot reach or open the task pane either
 *   (Office.addin.showAsTaskpane needs SharedRuntime 1.1).
 * - So the summary (counts by severity, cells marked, or the error and what to do) is shown in a
 *   small Office dialog (Office.context.ui.displayDialogAsync, dialog.html): the one surface Office
 *   documents for a function command to "show an error, progress, or input screen". In Excel on
 *   the web it opens in-page (displayInIframe), so no pop-up blocker is involved.
 * - event.completed() is called once the dialog has been closed (a function file's runtime, and
 *   the dialog with it, may end as soon as the command completes), and in every other path too:
 *   when the dialog cannot open, when validation throws, always.
 * Errors are never swallowed: the dialog shows the host's message and what to do.
 */
import { createExcelHost } from '../excel/host';
import { validateFromRibbon } from './ribbon';
import { encodeSummary, type Lang, type RibbonSummary } from './summary';

interface OpenDialog {
  dialog: Office.Dialog;
  closed: () => void;
}

/** A function file may have one dialog open at a time; a second 校验 click replaces the first. */
let openDialog: OpenDialog | null = null;

function closeOpenDialog(): void {
  const d = openDialog;
  openDialog = null;
  if (!d) return;
  try {
    d.dialog.close();
  } finally {
    d.closed();
  }
}

function showSummaryDialog(summary: RibbonSummary): Promise<void> {
  closeOpenDialog();
  const url = `${window.location.origin}/dialog.html#${encodeSummary(summary)}`;
  return new Promise<void>((resolve, reject) => {
    Office.context.ui.displayDialogAsync(url, { height: 40, width: 32, displayInIframe: true }, (res) => {
      if (res.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new Error(`displayDialogAsync failed: ${res.error.code} ${res.error.message}`));
        return;
      }
      const dialog = res.value;
      let done = false;
      const current: OpenDialog = {
        dialog,
        closed: () => {
          if (done) return;
          done = true;
          if (openDialog === current) openDialog = null;
          resolve();
        },
      };
      openDialog = current;
      // The dialog's 关闭 button sends "close"; the window's own X raises DialogEventReceived (12006).
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        if (openDialog === current) closeOpenDialog();
        else current.closed();
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => current.closed());
    });
  });
}

function officeLang(): Lang {
  const l = (typeof Office !== 'undefined' && Office.context && Office.context.displayLanguage) || 'zh-CN';
  return /^zh/i.test(l) ? 'zh' : 'en';
}

/** 校验: validate and mark the active sheet, then show the summary. */
export async function validateSheet(event: Office.AddinCommands.Event): Promise<void> {
  await validateFromRibbon({
    host: createExcelHost(),
    showSummary: showSummaryDialog,
    complete: () => event.completed(),
    fallbackLang: officeLang(),
    reportUnshown: (summary, err) => {
      // Counts and error codes only: never workbook content in a log.
      // eslint-disable-next-line no-console -- the function file's one log line: it has no other surface left
      console.error('[jixiao] the validation summary could not be shown:', summary.kind, err instanceof Error ? err.message : String(err));
    },
  });
}

declare global {
  interface Window {
    /** set by legacy.js on Office built on Internet Explorer: it then owns the ribbon functions */
    jixiaoUnsupported?: boolean;
    validateSheet?: (event: Office.AddinCommands.Event) => void;
  }
}

if (!window.jixiaoUnsupported) {
  // Older clients look the manifest's <FunctionName> up as a global; newer ones use associate().
  window.validateSheet = (event) => void validateSheet(event);
  Office.onReady(() => {
    if (Office.actions && typeof Office.actions.associate === 'function') {
      Office.actions.associate('validateSheet', window.validateSheet as (event: Office.AddinCommands.Event) => void);
    }
  });
}
