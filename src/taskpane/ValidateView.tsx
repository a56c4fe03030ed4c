/** 校验: validate and mark the active sheet, show the summary and the findings, fix, clear. */
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { countBySeverity, MARK_COLORS, type Finding, type Localized } from '../core';
import { usePane } from './context';
import { useViewStyles } from './styles';
import type { ReadProgress, ValidateOutcome } from '../host';
import { FindingList, type FindingGroup, type FindingListHandle } from './FindingList';
import { type MsgKey, type Params, SECTION_KEYS, type Translate, formatPct, useI18n } from './i18n';
import { type Light, type PaneSummary, summarize } from './summary';

const useStyles = makeStyles({
  counts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, listStyleType: 'none', padding: 0, margin: 0 },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', overflowWrap: 'anywhere', maxWidth: '100%' },
  lights: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, margin: `${tokens.spacingVerticalS} 0 0`, padding: 0, listStyleType: 'none' },
  light: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, minWidth: 0, overflowWrap: 'anywhere' },
  dot: { width: '12px', height: '12px', borderRadius: '50%', flexShrink: 0, border: `1px solid ${tokens.colorNeutralStroke1}` },
  legend: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  swatch: { display: 'inline-block', width: '16px', height: '12px', border: `1px solid ${tokens.colorNeutralStroke1}`, marginRight: tokens.spacingHorizontalS, verticalAlign: 'middle' },
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0, overflowWrap: 'anywhere' },
  summaryHeading: { outlineOffset: '2px' },
});

const LIGHT_COLORS: Record<Light, string> = {
  red: '#D13438',
  yellow: '#FFB900',
  green: '#107C10',
  blue: '#0078D4',
  unknown: '#A19F9D',
  off: '#A19F9D',
};

const LIGHT_KEYS: Record<Light, MsgKey> = {
  red: 'lightRed',
  yellow: 'lightYellow',
  green: 'lightGreen',
  blue: 'lightBlue',
  unknown: 'lightUnknown',
  off: 'lightOff',
};

const MODE_KEYS: Record<ValidateOutcome['markMode'], MsgKey> = {
  notes: 'markModeNotes',
  comments: 'markModeComments',
  fill: 'markModeFill',
};

type Busy = null | 'validate' | 'clear' | { fix: Finding };

/** What the live region says: a catalogue message with its parameters. */
interface Notice {
  key: MsgKey;
  params: Params;
}

/** Two results are the same when the same sheet gives the same findings (the marks follow from them). */
function fingerprint(o: ValidateOutcome): string {
  const r = o.result;
  return JSON.stringify([r.sheet, r.recognized, r.findings.map((f) => [f.rule, f.cell, f.severity, f.message.en, f.arithmetic ?? ''])]);
}

interface Validation {
  outcome: ValidateOutcome | null;
  busy: Busy;
  notice: Notice | null;
  progress: ReadProgress | null;
  hostNotices: Localized[];
  validate: () => Promise<void>;
  clear: () => Promise<void>;
  fix: (f: Finding, key: string) => Promise<void>;
}

/**
 * The view's state and its three actions: 校验, 清除标记 (which also clears the shown result: the
 * marks it described are gone) and 修正 (then 校验 again, focus moving to the next finding).
 */
function useValidation(list: RefObject<FindingListHandle | null>, summaryHeading: RefObject<HTMLHeadingElement | null>): Validation {
  const { host, settings, fail } = usePane();
  const [outcome, setOutcome] = useState<ValidateOutcome | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  /** the live region's text: busy, then what came of it */
  const [notice, setNotice] = useState<Notice | null>(null);
  /** after 修正: the findings to move focus to, first that still exists (an empty list: the summary) */
  const [focusNext, setFocusNext] = useState<string[] | null>(null);
  const last = useRef<string | null>(null);
  // a large used range is read in parts (docs/excel-limits.md): how far, and what the host did instead of the usual
  const [progress, setProgress] = useState<ReadProgress | null>(null);
  const [hostNotices, setHostNotices] = useState<Localized[]>([]);

  useEffect(() => {
    if (focusNext === null || busy !== null) return;
    setFocusNext(null);
    if (!focusNext.some((k) => list.current?.focus(k))) summaryHeading.current?.focus();
  }, [focusNext, busy, outcome, list, summaryHeading]);

  /** Validate; resolves to the counts and whether the result changed, or null when it failed. */
  const run = async (): Promise<{ counts: Params; changed: boolean } | null> => {
    setBusy('validate');
    setProgress(null);
    try {
      const next = await host.validateAndMark(settings.engine, { onProgress: setProgress });
      setHostNotices(next.notices ?? []);
      const print = fingerprint(next);
      const changed = print !== last.current;
      last.current = print;
      setOutcome(next);
      const c = countBySeverity(next.result.findings);
      return { counts: { error: c.error, warning: c.warning, info: c.info }, changed };
    } catch (err) {
      fail('validate', err);
      return null;
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const validate = async () => {
    setNotice({ key: 'validating', params: {} });
    const r = await run();
    setNotice(r ? { key: r.changed ? 'resultChanged' : 'resultUnchanged', params: r.counts } : null);
  };

  const clear = async () => {
    setBusy('clear');
    setNotice({ key: 'clearing', params: {} });
    try {
      const { cleared, notices } = await host.clearMarks();
      // the counts and findings described the marks just removed: they go with them
      setOutcome(null);
      last.current = null;
      setNotice({ key: 'cleared', params: { n: cleared } });
      setHostNotices(notices ?? []);
    } catch (err) {
      setNotice(null);
      fail('clear', err);
    } finally {
      setBusy(null);
    }
  };

  const fix = async (f: Finding, key: string) => {
    if (!f.fix || busy !== null) return;
    const order = list.current?.keys() ?? [];
    const at = order.indexOf(key);
    // the next finding, else the one before it, else (nothing left) the summary
    const candidates = [...order.slice(at + 1), ...order.slice(0, Math.max(at, 0)).reverse()];
    setBusy({ fix: f });
    setNotice({ key: 'fixingCell', params: { cell: f.fix.cell } });
    try {
      await host.applyFix(f);
    } catch (err) {
      setNotice(null);
      fail('fix', err);
      setBusy(null);
      return;
    }
    const r = await run();
    setNotice({ key: r ? 'fixedChecked' : 'fixed', params: { cell: f.fix.cell, value: f.fix.display, ...(r?.counts ?? {}) } });
    setFocusNext(candidates);
  };

  return { outcome, busy, notice, progress, hostNotices, validate, clear, fix };
}

/** 预算执行率 with where it came from (the stated figure or 执行数 ÷ 预算数) and the other figure, then time progress. */
function executionText(summary: PaneSummary, t: Translate): string {
  const rate = formatPct(summary.executionRate);
  const tp = formatPct(summary.timeProgress);
  // the computed rate to two decimals, so that it differs visibly from a stated 77.0%
  if (summary.executionRateSource === 'stated') return t('executionStated', { rate, other: formatPct(summary.executionRateOther, 2), tp });
  return t('executionComputed', { rate: formatPct(summary.executionRate, 2), other: formatPct(summary.executionRateOther), tp });
}

/** The traffic lights and time progress of a recognised form. */
function Lights({ summary }: { summary: PaneSummary }) {
  const styles = useStyles();
  const { t } = useI18n();
  const budgetDetail = summary.executionRate !== null && summary.timeProgress !== null;
  return (
    <ul className={styles.lights}>
      <li className={styles.light}>
        <span className={styles.dot} style={{ backgroundColor: LIGHT_COLORS[summary.budgetLight] }} aria-hidden />
        <span>
          {t('labelled', {
            label: t('lightBudget'),
            value: budgetDetail ? t('withDetail', { text: t(LIGHT_KEYS[summary.budgetLight]), detail: executionText(summary, t) }) : t(LIGHT_KEYS[summary.budgetLight]),
          })}
        </span>
      </li>
      <li className={styles.light}>
        <span className={styles.dot} style={{ backgroundColor: LIGHT_COLORS[summary.indicatorLight] }} aria-hidden />
        <span>{t('labelled', { label: t('lightIndicators'), value: t(LIGHT_KEYS[summary.indicatorLight]) })}</span>
      </li>
      <li className={styles.light}>
        <span>
          {t('labelled', {
            label: t('timeProgress'),
            value: summary.timeProgressArithmetic
              ? t('withDetail', { text: formatPct(summary.timeProgress), detail: summary.timeProgressArithmetic })
              : formatPct(summary.timeProgress),
          })}
        </span>
      </li>
      {summary.timeProgressBasis && (
        <li className={styles.status}>
          {t('timeProgressFrom', {
            point: summary.timeProgressBasis.monitorPoint.text,
            used: summary.timeProgressBasis.monitorPoint.used ?? '',
            start: summary.timeProgressBasis.period.start,
            end: summary.timeProgressBasis.period.end,
          })}
        </li>
      )}
    </ul>
  );
}

/** 结果: the sheet, whether it is a 附件1, the counts, the lights, and how it was marked. */
function SummarySection({ outcome, summary, headingRef }: { outcome: ValidateOutcome; summary: PaneSummary; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const styles = { ...useViewStyles(), ...useStyles() };
  const { lang, t } = useI18n();
  const result = outcome.result;
  return (
    <section aria-labelledby="summary-heading">
      <h3 id="summary-heading" ref={headingRef} tabIndex={-1} className={`${styles.h3} ${styles.summaryHeading}`}>{t('summaryHeading')}</h3>
      <p className={styles.hint}>{t('sheetLabel', { sheet: result.sheet })}</p>
      {!result.recognized && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('notRecognized')}</MessageBarTitle>
            {result.reason?.[lang] ?? ''}
          </MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.counts} aria-label={t('countsLabel')}>
        <li><Badge className={styles.badge} color="danger" appearance="tint">{t('countError', { n: summary.counts.error })}</Badge></li>
        <li><Badge className={styles.badge} color="warning" appearance="tint">{t('countWarning', { n: summary.counts.warning })}</Badge></li>
        <li><Badge className={styles.badge} color="informative" appearance="tint">{t('countInfo', { n: summary.counts.info })}</Badge></li>
      </ul>
      {result.recognized && <Lights summary={summary} />}
      <p className={styles.status}>
        {t('statusLine', { marked: outcome.marked, mode: t(MODE_KEYS[outcome.markMode]), syncs: outcome.syncs })}
      </p>
    </section>
  );
}

/** The colours the marks use, and what clearing does. */
function Legend() {
  const styles = { ...useViewStyles(), ...useStyles() };
  const { t } = useI18n();
  return (
    <section aria-labelledby="legend-heading">
      <h3 id="legend-heading" className={styles.h3}>{t('legendHeading')}</h3>
      <ul className={styles.legend}>
        {(['error', 'warning', 'info'] as const).map((s) => (
          <li key={s}>
            <span className={styles.swatch} style={{ backgroundColor: MARK_COLORS[s] }} aria-hidden />
            {t(s === 'error' ? 'legendError' : s === 'warning' ? 'legendWarning' : 'legendInfo')}
          </li>
        ))}
      </ul>
      <p className={styles.hint}>{t('legendNote')}</p>
    </section>
  );
}

export function ValidateView() {
  const styles = { ...useViewStyles(), ...useStyles() };
  const { settings, ready } = usePane();
  const { lang, t } = useI18n();
  const list = useRef<FindingListHandle>(null);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const { outcome, busy, notice, progress, hostNotices, validate, clear, fix } = useValidation(list, summaryHeading);
  const working = busy !== null;
  const selectCell = useSelectCell();

  const summary = outcome ? summarize(outcome.result, settings.engine) : null;
  // one group per section, per form when the sheet holds several (each form's first group carries its heading)
  const groups: FindingGroup[] = (summary?.groups ?? []).map((g, gi, all) => ({
    id: `${g.form ?? ''}-${g.section}`,
    heading: g.form !== undefined && g.form !== all[gi - 1]?.form ? t('formHeading', { n: g.form + 1, label: g.formLabel ?? '' }) : undefined,
    title: t(SECTION_KEYS[g.section]),
    findings: g.findings,
  }));

  return (
    <div className={styles.view}>
      <h2 className={styles.h2}>{t('validateHeading')}</h2>
      <div className={styles.actions}>
        {/* busy buttons stay focusable, so focus stays where the user pressed */}
        <Button className={styles.button} appearance="primary" onClick={() => void validate()} disabled={!ready} disabledFocusable={ready && working}>
          {busy === 'validate' ? t('validating') : t('validateButton')}
        </Button>
        <Button className={styles.button} onClick={() => void clear()} disabledFocusable={working}>
          {busy === 'clear' ? t('clearing') : t('clearMarks')}
        </Button>
        {working && <Spinner size="extra-tiny" aria-hidden />}
      </div>
      {!outcome && <p className={styles.hint}>{t('validateHint')}</p>}

      <p role="status" aria-live="polite" className={styles.status}>
        {notice ? t(notice.key, notice.params) : ''}
      </p>
      {progress && <p role="status" className={styles.status}>{t('readProgress', { done: progress.done, total: progress.total, rows: progress.rows })}</p>}
      {hostNotices.length > 0 && (
        <ul className={styles.hint}>
          {hostNotices.map((n) => <li key={n.en}>{n[lang]}</li>)}
        </ul>
      )}

      {outcome && summary && <SummarySection outcome={outcome} summary={summary} headingRef={summaryHeading} />}

      {outcome && summary && (
        <section aria-labelledby="findings-heading">
          <h3 id="findings-heading" className={styles.h3}>{t('findingsHeading', { n: outcome.result.findings.length })}</h3>
          {groups.length === 0 ? (
            <p className={styles.hint}>{t('noFindings')}</p>
          ) : (
            <FindingList
              ref={list}
              groups={groups}
              busy={working}
              fixing={typeof busy === 'object' && busy !== null ? busy.fix : null}
              onSelect={selectCell}
              onFix={(f, key) => void fix(f, key)}
            />
          )}
        </section>
      )}

      <Legend />
    </div>
  );
}

/** 选中单元格: a failure is shown like every other. */
function useSelectCell(): (sheet: string, cell: string) => void {
  const { host, fail } = usePane();
  return (sheet, cell) => {
    host.selectCell(sheet, cell).catch((err: unknown) => fail('select', err));
  };
}
