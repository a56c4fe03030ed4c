/** 校验: validate and mark the active sheet, show the summary and the findings, fix, clear. */
import {
  Badge,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { MARK_COLORS } from '../core/marks';
import type { Finding, Severity } from '../core/types';
import { usePane } from './context';
import { useViewStyles } from './styles';
import type { ValidateOutcome } from './host';
import { type MsgKey, type Params, SECTION_KEYS, SEVERITY_KEYS, formatPct, useI18n } from './i18n';
import { type Light, summarize } from './summary';

const useStyles = makeStyles({
  counts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, listStyleType: 'none', padding: 0, margin: 0 },
  lights: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, margin: `${tokens.spacingVerticalS} 0 0`, padding: 0, listStyleType: 'none' },
  light: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  dot: { width: '12px', height: '12px', borderRadius: '50%', flexShrink: 0, border: `1px solid ${tokens.colorNeutralStroke1}` },
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  finding: {
    borderLeft: '4px solid',
    paddingLeft: tokens.spacingHorizontalS,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  findingHead: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  message: { margin: 0, wordBreak: 'break-word' },
  arithmetic: { margin: 0, color: tokens.colorNeutralForeground2, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-word' },
  related: { margin: 0, display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  rule: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  fix: { alignSelf: 'flex-start' },
  legend: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  swatch: { display: 'inline-block', width: '16px', height: '12px', border: `1px solid ${tokens.colorNeutralStroke1}`, marginRight: tokens.spacingHorizontalS, verticalAlign: 'middle' },
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0 },
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

const BADGE_COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

const MODE_KEYS: Record<ValidateOutcome['markMode'], MsgKey> = {
  notes: 'markModeNotes',
  comments: 'markModeComments',
  fill: 'markModeFill',
};

type Busy = null | 'validate' | 'clear' | { fix: Finding };

interface Notice {
  key: MsgKey;
  params: Params;
}

export function ValidateView() {
  const styles = { ...useViewStyles(), ...useStyles() };
  const { host, settings, ready, fail } = usePane();
  const { lang, t } = useI18n();
  const [outcome, setOutcome] = useState<ValidateOutcome | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const validate = async (): Promise<void> => {
    setBusy('validate');
    try {
      setOutcome(await host.validateAndMark(settings.engine));
    } catch (err) {
      fail('validate', err);
    } finally {
      setBusy(null);
    }
  };

  const clear = async () => {
    setBusy('clear');
    setNotice(null);
    try {
      const { cleared } = await host.clearMarks();
      setNotice({ key: 'cleared', params: { n: cleared } });
    } catch (err) {
      fail('clear', err);
    } finally {
      setBusy(null);
    }
  };

  const fix = async (f: Finding) => {
    if (!f.fix) return;
    setBusy({ fix: f });
    setNotice(null);
    try {
      await host.applyFix(f);
    } catch (err) {
      fail('fix', err);
      setBusy(null);
      return;
    }
    setNotice({ key: 'fixed', params: { cell: f.fix.cell, value: f.fix.display } });
    await validate();
  };

  const selectCell = (sheet: string, cell: string) => {
    host.selectCell(sheet, cell).catch((err: unknown) => fail('select', err));
  };

  const summary = outcome ? summarize(outcome.result, settings.engine) : null;
  const result = outcome?.result;
  const working = busy !== null;

  return (
    <div className={styles.view}>
      <h2 className={styles.h2}>{t('validateHeading')}</h2>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void validate()} disabled={working || !ready}>
          {busy === 'validate' ? t('validating') : t('validateButton')}
        </Button>
        <Button onClick={() => void clear()} disabled={working}>
          {busy === 'clear' ? t('clearing') : t('clearMarks')}
        </Button>
        {working && <Spinner size="extra-tiny" aria-hidden />}
      </div>
      {!outcome && <p className={styles.hint}>{t('validateHint')}</p>}

      <div aria-live="polite" role="status">
        {notice && <p className={styles.status}>{t(notice.key, notice.params)}</p>}
        {outcome && summary && result && (
          <section aria-labelledby="summary-heading">
            <h3 id="summary-heading" className={styles.h3}>{t('summaryHeading')}</h3>
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
              <li><Badge color="danger" appearance="tint">{t('countError', { n: summary.counts.error })}</Badge></li>
              <li><Badge color="warning" appearance="tint">{t('countWarning', { n: summary.counts.warning })}</Badge></li>
              <li><Badge color="informative" appearance="tint">{t('countInfo', { n: summary.counts.info })}</Badge></li>
            </ul>
            {result.recognized && (
              <ul className={styles.lights}>
                <li className={styles.light}>
                  <span className={styles.dot} style={{ backgroundColor: LIGHT_COLORS[summary.budgetLight] }} aria-hidden />
                  <span>
                    {t('labelled', {
                      label: t('lightBudget'),
                      value:
                        summary.executionRate !== null && summary.timeProgress !== null
                          ? t('withDetail', {
                              text: t(LIGHT_KEYS[summary.budgetLight]),
                              detail: t('executionVsTime', { rate: formatPct(summary.executionRate), tp: formatPct(summary.timeProgress) }),
                            })
                          : t(LIGHT_KEYS[summary.budgetLight]),
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
            )}
            <p className={styles.status}>
              {t('statusLine', { marked: outcome.marked, mode: t(MODE_KEYS[outcome.markMode]), syncs: outcome.syncs })}
            </p>
          </section>
        )}
      </div>

      {outcome && summary && (
        <section aria-labelledby="findings-heading">
          <h3 id="findings-heading" className={styles.h3}>{t('findingsHeading', { n: outcome.result.findings.length })}</h3>
          {summary.groups.length === 0 && <p className={styles.hint}>{t('noFindings')}</p>}
          {summary.groups.map((g, gi) => (
            <section key={`${g.form ?? ''}-${g.section}`} aria-labelledby={`section-${g.form ?? ''}-${g.section}`}>
              {g.form !== undefined && g.form !== summary.groups[gi - 1]?.form && (
                <h4 className={styles.h3}>{t('formHeading', { n: g.form + 1, label: g.formLabel ?? '' })}</h4>
              )}
              <h4 id={`section-${g.form ?? ''}-${g.section}`} className={styles.h3}>{t(SECTION_KEYS[g.section])}</h4>
              <ul className={styles.list}>
                {g.findings.map((f, i) => (
                  <li key={`${f.rule}-${f.cell}-${i}`} className={styles.finding} style={{ borderLeftColor: MARK_COLORS[f.severity] }}>
                    <div className={styles.findingHead}>
                      <Badge color={BADGE_COLOR[f.severity]} appearance="filled" size="small">{t(SEVERITY_KEYS[f.severity])}</Badge>
                      <Link as="button" onClick={() => selectCell(f.sheet, f.cell)} aria-label={t('goToCell', { cell: f.cell })}>{f.cell}</Link>
                      <span className={styles.rule}>{f.rule}</span>
                    </div>
                    <p className={styles.message}>{f.message[lang]}</p>
                    {f.arithmetic && (
                      <p className={styles.arithmetic}>
                        {t('arithmetic')}
                        <span>{f.arithmetic}</span>
                      </p>
                    )}
                    {f.related && f.related.length > 0 && (
                      <p className={styles.related}>
                        {t('relatedCells')}
                        {f.related.map((cell) => (
                          <Link key={cell} as="button" onClick={() => selectCell(f.sheet, cell)} aria-label={t('goToCell', { cell })}>
                            {cell}
                          </Link>
                        ))}
                      </p>
                    )}
                    {f.fix && (
                      <Button
                        className={styles.fix}
                        size="small"
                        disabled={working}
                        onClick={() => void fix(f)}
                        aria-label={t('fixButtonLabel', { cell: f.fix.cell, value: f.fix.display })}
                      >
                        {typeof busy === 'object' && busy?.fix === f ? t('fixing') : t('fixButton', { value: f.fix.display })}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      )}

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
    </div>
  );
}
