/**
 * Every rejected host call becomes a PaneError shown in an error MessageBar: what happened
 * (the operation and the host's own message) and what to do about it. Nothing is swallowed.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang, MsgKey, Translate } from './i18n';
import { useI18n } from './i18n';
import { type Localized, isLocalized } from '../core';

export type Operation = 'validate' | 'clear' | 'fix' | 'select' | 'load' | 'save' | 'build' | 'append';

export interface PaneError {
  id: number;
  op: Operation;
  /** the host's message, already in the pane's language where the host gave both */
  detail: string | Localized;
  /** what to do, as a catalogue key; null when the host's own bilingual message already says it */
  action: MsgKey | null;
}

const TITLE: Record<Operation, MsgKey> = {
  validate: 'errorValidate',
  clear: 'errorClear',
  fix: 'errorFix',
  select: 'errorSelect',
  load: 'errorLoad',
  save: 'errorSave',
  build: 'errorBuild',
  append: 'errorAppend',
};

const DEFAULT_ACTION: Record<Operation, MsgKey> = {
  validate: 'doValidate',
  clear: 'doClear',
  fix: 'doFix',
  select: 'doSelect',
  load: 'doLoad',
  save: 'doSave',
  build: 'doBuild',
  append: 'doAppend',
};

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  /** the Excel module's errors keep Office's code here */
  officeCode?: unknown;
  status?: unknown;
  name?: unknown;
  /** a host may attach the message in both languages (`localized`, `text`, or zh/en on the error itself) */
  localized?: unknown;
  text?: unknown;
}


let nextId = 1;

/** What a rejection says: its bilingual text when it has one, else its message ('' when none). */
export function errorDetail(err: unknown): PaneError['detail'] {
  const e: ErrorLike = typeof err === 'object' && err !== null ? (err as ErrorLike) : {};
  if (isLocalized(e.localized)) return e.localized;
  if (isLocalized(e.text)) return e.text;
  if (isLocalized(err)) return err;
  if (typeof e.message === 'string' && e.message) return e.message;
  if (typeof err === 'string' && err) return err;
  return '';
}

/** Turn whatever a host call rejected with into a PaneError. */
export function toPaneError(op: Operation, err: unknown): PaneError {
  const e: ErrorLike = typeof err === 'object' && err !== null ? (err as ErrorLike) : {};
  const detail = errorDetail(err);
  const code = typeof e.code === 'string' ? e.code : typeof e.officeCode === 'string' ? e.officeCode : '';
  const status = typeof e.status === 'number' ? e.status : 0;
  const text = typeof detail === 'string' ? detail : detail.en;
  // A bilingual host message already says what to do (the Excel module's do); a plain one gets our advice.
  const plain = typeof detail === 'string';
  let action: MsgKey | null = plain ? DEFAULT_ACTION[op] : null;
  if (status === 401 || status === 403) action = op === 'append' && /graph|microsoft/i.test(text) ? 'doSignIn' : 'doUnauthorized';
  else if (status === 413) action = 'doTooLarge';
  else if (status === 503 || status === 507) action = 'doServerDown';
  else if (status === 429) action = 'doBusy';
  else if (!plain) action = null;
  else if (code === 'InvalidOperationInCellEditMode') action = 'doCellEdit';
  else if (code === 'AccessDenied' || /protected/i.test(text)) action = 'doAccessDenied';
  else if (code === 'ActivityLimitReached' || code === 'RequestAborted') action = 'doBusy';
  else if (op === 'append' && (e.name === 'TypeError' || /failed to fetch|network/i.test(text))) action = 'doNetwork';
  else if (/interaction_required|login_required|consent_required/i.test(code + text)) action = 'doSignIn';
  return { id: nextId++, op, detail, action };
}

export function errorText(e: PaneError, lang: Lang, t: Translate): { title: string; detail: string; action: string } {
  const detail = typeof e.detail === 'string' ? e.detail : e.detail[lang];
  return { title: t(TITLE[e.op]), detail: detail || t('errorUnknown'), action: e.action ? t(e.action) : '' };
}

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  detail: { display: 'block', wordBreak: 'break-word' },
});

export function ErrorBars({ errors, onDismiss }: { errors: readonly PaneError[]; onDismiss: (id: number) => void }) {
  const { lang, t } = useI18n();
  const styles = useStyles();
  if (errors.length === 0) return null;
  return (
    <div className={styles.list}>
      {errors.map((e) => {
        const text = errorText(e, lang, t);
        return (
          <MessageBar key={e.id} intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{text.title}</MessageBarTitle>
              <span className={styles.detail}>{text.detail}</span>
              {text.action && <span className={styles.detail}>{text.action}</span>}
            </MessageBarBody>
            <MessageBarActions>
              <Button appearance="transparent" size="small" onClick={() => onDismiss(e.id)} aria-label={t('dismiss')}>
                {t('dismiss')}
              </Button>
            </MessageBarActions>
          </MessageBar>
        );
      })}
    </div>
  );
}
