/**
 * 审核行 (lazy chunk, design §6): build the 附件2 row of the active sheet, let the reviewer check the
 * rates and edit the scores, choose where the shared 附件2 lives, and append.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import { switchRate } from '../review/build';
import { isServerUrlAllowed, serverBase } from '../review/server-client';
import { finalRow, parseScore, SCORE_ORDER, scoreTexts } from './scores';
import type { Localized } from '../core';
import type { AppendResult, DestinationConfig, ReviewRow, ScoreKey } from '../review/types';
import { usePane } from './context';
import { EMPTY_GRAPH_DRAFT, type GraphDraft, GraphSettings, checkGraph, toGraphDestination, toGraphDraft } from './GraphSettings';
import { useViewStyles } from './styles';
import { type MsgKey, formatAmount, formatRate, sentence, useI18n } from './i18n';
import { loadToken, storeToken } from './token-store';
import { useBatchText } from './batch-i18n';

// 审核一批: its code, the reader and the report writer load when it is opened
const BatchView = lazy(() => import(/* webpackChunkName: "batch" */ './BatchView'));

const useStyles = makeStyles({
  // each label above its value: side by side, a narrow or zoomed pane left the values one character wide
  data: { display: 'flex', flexDirection: 'column', margin: 0, minWidth: 0 },
  dt: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere', marginTop: tokens.spacingVerticalXS },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  rate: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, alignItems: 'flex-start' },
  evidence: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  scores: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  total: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  fields: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  reason: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0, overflowWrap: 'anywhere' },
});

const SCORE_LABEL: Record<ScoreKey, MsgKey> = {
  budget: 'scoreBudget',
  goal: 'scoreGoal',
  deviation: 'scoreDeviation',
  timely: 'scoreTimely',
};

type DestKind = DestinationConfig['kind'];

interface DestDraft {
  kind: DestKind;
  sheetName: string;
  url: string;
  token: string;
  graph: GraphDraft;
}

function toDestDraft(d?: DestinationConfig): DestDraft {
  const draft: DestDraft = { kind: 'workbook', sheetName: '附件2', url: '', token: '', graph: EMPTY_GRAPH_DRAFT };
  if (!d) return draft;
  if (d.kind === 'workbook') return { ...draft, sheetName: d.sheetName || '附件2' };
  if (d.kind === 'server') return { ...draft, kind: 'server', url: d.url, token: d.token || loadToken(d.url) };
  return { ...draft, kind: 'graph', graph: toGraphDraft(d) };
}

type DestProblems = Partial<Record<'url' | 'token' | 'workbook' | 'table' | 'clientId', MsgKey>>;

function checkDest(d: DestDraft): DestProblems {
  const p: DestProblems = {};
  if (d.kind === 'server') {
    if (!isServerUrlAllowed(d.url)) p.url = 'needHttps';
    if (!d.token.trim()) p.token = 'needToken';
  } else if (d.kind === 'graph') {
    Object.assign(p, checkGraph(d.graph));
  }
  return p;
}

function toDestination(d: DestDraft): DestinationConfig {
  if (d.kind === 'server') return { kind: 'server', url: serverBase(d.url), token: d.token.trim() };
  if (d.kind === 'graph') return toGraphDestination(d.graph);
  return { kind: 'workbook', sheetName: d.sheetName.trim() || '附件2' };
}


type Styles = ReturnType<typeof useViewStyles> & ReturnType<typeof useStyles>;

function useReviewStyles(): Styles {
  return { ...useViewStyles(), ...useStyles() };
}

/** One of the two rates: the value used and where it came from; where stated and computed disagree, a button to use the other. */
function RateRow({ label, rate, onSwitch }: { label: MsgKey; rate: ReviewRow['executionRate']; onSwitch: () => void }) {
  const styles = useReviewStyles();
  const { t } = useI18n();
  const other = rate.source === 'stated' ? rate.computed : rate.stated;
  return (
    <>
      <dt className={styles.dt}>{t(label)}</dt>
      <dd className={styles.dd}>
        <div className={styles.rate}>
          <span>
            {t('withDetail', { text: formatRate(rate.value), detail: t(rate.source === 'stated' ? 'rateUsingStated' : 'rateUsingComputed') })}
          </span>
          {rate.disagree && rate.stated !== null && rate.computed !== null && (
            <>
              <span className={styles.evidence}>{t('rateDisagree', { stated: formatRate(rate.stated), computed: formatRate(rate.computed) })}</span>
              <Button className={styles.button} size="small" onClick={onSwitch}>
                {t(rate.source === 'stated' ? 'useComputed' : 'useStated', { value: formatRate(other) })}
              </Button>
            </>
          )}
        </div>
      </dd>
    </>
  );
}

/** 数据列: the row's data columns as the 附件2 will hold them. */
function RowData({ row, onSwitch }: { row: ReviewRow; onSwitch: (which: 'executionRate' | 'overallRate') => void }) {
  const styles = useReviewStyles();
  const { lang, t } = useI18n();
  return (
    <section aria-labelledby="review-data-heading">
      <h3 id="review-data-heading" className={styles.h3}>{t('dataHeading')}</h3>
      <dl className={styles.data}>
        <dt className={styles.dt}>{t('colDepartment')}</dt>
        <dd className={styles.dd}>{row.department}</dd>
        <dt className={styles.dt}>{t('colProject')}</dt>
        <dd className={styles.dd}>{row.project}</dd>
        <dt className={styles.dt}>{t('colBudget')}{t('amountUnit', { unit: row.amountUnit })}</dt>
        <dd className={styles.dd}>{formatAmount(row.budget, lang)}</dd>
        <dt className={styles.dt}>{t('colAvailable')}{t('amountUnit', { unit: row.amountUnit })}</dt>
        <dd className={styles.dd}>{formatAmount(row.available, lang)}</dd>
        <dt className={styles.dt}>{t('colExecuted')}{t('amountUnit', { unit: row.amountUnit })}</dt>
        <dd className={styles.dd}>{formatAmount(row.executed, lang)}</dd>
        <RateRow label="colExecutionRate" rate={row.executionRate} onSwitch={() => onSwitch('executionRate')} />
        <RateRow label="colOverallRate" rate={row.overallRate} onSwitch={() => onSwitch('overallRate')} />
      </dl>
    </section>
  );
}

/** 得分: each score editable within 0..max, with its evidence and the proposed value; 总分 below. */
function ScoreFields({ row, scoreText, total, onChange }: { row: ReviewRow; scoreText: Record<ScoreKey, string>; total: number | null; onChange: (k: ScoreKey, text: string) => void }) {
  const styles = useReviewStyles();
  const { lang, t } = useI18n();
  return (
    <section aria-labelledby="review-scores-heading" className={styles.scores}>
      <h3 id="review-scores-heading" className={styles.h3}>{t('scoresHeading')}</h3>
      {SCORE_ORDER.map((k) => {
        const s = row.scores[k];
        const bad = parseScore(scoreText[k], s.max) === null;
        return (
          <Field className={styles.field}
            key={k}
            label={t(SCORE_LABEL[k], { max: s.max })}
            hint={`${s.evidence[lang]}${s.evidence[lang] ? ' · ' : ''}${t('scoreProposed', { value: s.proposed })}`}
            validationState={bad ? 'error' : 'none'}
            validationMessage={bad ? t('scoreInvalid', { max: s.max }) : undefined}
          >
            <Input className={styles.control} input={{ className: styles.inner }}
              type="number"
              inputMode="decimal"
              min={0}
              max={s.max}
              value={scoreText[k]}
              onChange={(_, data) => onChange(k, data.value)}
            />
          </Field>
        );
      })}
      <p className={styles.total} aria-live="polite">
        {t('totalValue', { total: total ?? '—' })}
      </p>
    </section>
  );
}

interface DestinationProps {
  dest: DestDraft;
  setD: (patch: Partial<DestDraft>) => void;
  setGraph: (patch: Partial<GraphDraft>) => void;
  /** the message of a destination field's problem, once the reviewer has tried to append */
  problem: (k: keyof DestProblems) => string | undefined;
  tried: boolean;
  busy: null | 'build' | 'append';
  appended: AppendResult | null;
  canAppend: boolean;
  onAppend: () => void;
}

/** 附件2 去向: this workbook, the review server or Microsoft Graph, and 追加. */
function DestinationFields({ dest, setD, setGraph, problem, tried, busy, appended, canAppend, onAppend }: DestinationProps) {
  const styles = useReviewStyles();
  const { host, settings, save } = usePane();
  const { t } = useI18n();
  return (
    <section aria-labelledby="review-dest-heading" className={styles.fields}>
      <h3 id="review-dest-heading" className={styles.h3}>{t('destinationHeading')}</h3>
      {!host.appendReviewRow ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('appendUnavailable')}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <RadioGroup className={styles.control} value={dest.kind} onChange={(_, data) => setD({ kind: data.value as DestKind })} aria-labelledby="review-dest-heading">
            <Radio value="workbook" label={t('destWorkbook')} />
            <Radio value="server" label={t('destServer')} />
            <Radio value="graph" label={t('destGraph')} />
          </RadioGroup>
          {dest.kind === 'workbook' && (
            <Field className={styles.field} label={t('destSheetName')}>
              <Input className={styles.control} input={{ className: styles.inner }} value={dest.sheetName} onChange={(_, data) => setD({ sheetName: data.value })} />
            </Field>
          )}
          {dest.kind === 'server' && (
            <>
              <Field className={styles.field} label={t('destServerUrl')} validationState={problem('url') ? 'error' : 'none'} validationMessage={problem('url')}>
                <Input className={styles.control} input={{ className: styles.inner }} type="url" value={dest.url} onChange={(_, data) => setD({ url: data.value, token: dest.token || loadToken(data.value.trim()) })} />
              </Field>
              <Field className={styles.field}
                label={t('destToken')}
                hint={t('destTokenHint')}
                validationState={problem('token') ? 'error' : 'none'}
                validationMessage={problem('token')}
              >
                <Input className={styles.control} input={{ className: styles.inner }} type="password" autoComplete="off" value={dest.token} onChange={(_, data) => setD({ token: data.value })} />
              </Field>
            </>
          )}
          {dest.kind === 'graph' && (
            <GraphSettings
              value={dest.graph}
              onChange={(patch) => setGraph(patch)}
              showProblems={tried}
              onTest={host.testGraphConnection?.bind(host)}
              onTested={(destination) => void save({ ...settings, destination })}
              disabled={busy !== null}
              resetOn={appended}
            />
          )}
          <div className={styles.actions}>
            {/* focusable while unavailable, and saying why */}
            <Button
              className={styles.button}
              appearance="primary"
              onClick={onAppend}
              disabledFocusable={busy !== null || !canAppend}
              aria-describedby={!canAppend ? 'append-why' : undefined}
            >
              {busy === 'append' ? t('appending') : t('appendButton')}
            </Button>
          </div>
          {!canAppend && <p id="append-why" className={styles.reason}>{t('appendDisabled')}</p>}
        </>
      )}
    </section>
  );
}

/** What an append is doing (Graph's waits) and where the row went. */
function AppendOutcome({ progress, appended }: { progress: Localized | null; appended: AppendResult | null }) {
  const styles = useReviewStyles();
  const { lang, t } = useI18n();
  return (
    <div aria-live="polite" role="status">
      {progress && <p className={styles.hint}>{progress[lang]}</p>}
      {appended && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            {/* the destination's own sentence says where the row went and its number, once */}
            <MessageBarTitle>{t('appendDone', { where: sentence(appended.where[lang]) })}</MessageBarTitle>
            {appended.duplicatesRemoved ? <div>{t('graphDuplicates', { n: appended.duplicatesRemoved })}</div> : null}
            {appended.unconfirmed ? <div>{t('graphUnconfirmed')}</div> : null}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** A sheet with several forms: which form's row is being checked. */
function FormChoice({ rows, current, onChoose }: { rows: readonly ReviewRow[]; current: number; onChoose: (i: number) => void }) {
  const { t } = useI18n();
  return (
    <Field label={t('formChoice', { n: rows.length })}>
      <Select value={String(current)} onChange={(_, data) => onChoose(Number(data.value))}>
        {rows.map((r, i) => (
          <option key={i} value={String(i)}>{t('formOption', { n: i + 1, project: r.project })}</option>
        ))}
      </Select>
    </Field>
  );
}

/** The row being checked: the built rows (one per form), the chosen one, its scores as typed. */
function useRowDraft(onChange: () => void) {
  const { settings } = usePane();
  const [row, setRow] = useState<ReviewRow | null>(null);
  // a sheet with several forms: one row each; `row` is the one being checked
  const [rows, setRows] = useState<ReviewRow[]>([]);
  const [current, setCurrent] = useState(0);
  const [scoreText, setScoreText] = useState<Record<ScoreKey, string>>({ budget: '', goal: '', deviation: '', timely: '' });

  /** Show one row for checking: its scores as editable text. */
  const show = (r: ReviewRow) => {
    setRow(r);
    setScoreText(scoreTexts(r));
  };
  const edited = row ? finalRow(row, scoreText) : null;

  return {
    row,
    rows,
    current,
    scoreText,
    /** the row as it would be appended, or null while a score is not valid */
    edited,
    built: (list: ReviewRow[]) => {
      setRows(list);
      setCurrent(0);
      show(list[0]);
    },
    /** after an append, the row shown is the row appended */
    appended: (r: ReviewRow) => setRow(r),
    // the reviewer's edits of this form's row are kept when switching
    choose: (i: number) => {
      if (!row) return;
      const kept = rows.map((r, k) => (k === current ? edited ?? row : r));
      setRows(kept);
      setCurrent(i);
      show(kept[i]);
      onChange();
    },
    // the rubric proposes the scores again for the other rate; a score the reviewer edited keeps its value
    switchRate: (which: 'executionRate' | 'overallRate') => {
      if (!row) return;
      show(switchRate(edited ?? row, which, row[which].source === 'stated' ? 'computed' : 'stated', settings.rubric));
    },
    editScore: (k: ScoreKey, text: string) => {
      onChange();
      setScoreText((st) => ({ ...st, [k]: text }));
    },
  };
}

/** Where the row goes, as the reviewer fills it in; its problems show once an append was tried. */
function useDestinationDraft(onChange: () => void) {
  const { settings } = usePane();
  const { t } = useI18n();
  const [dest, setDest] = useState<DestDraft>(() => toDestDraft(settings.destination));
  const [tried, setTried] = useState(false);
  const problems = checkDest(dest);
  return {
    dest,
    tried,
    setTried,
    problems,
    problem: (k: keyof DestProblems) => (tried && problems[k] ? t(problems[k]!) : undefined),
    setD: (patch: Partial<DestDraft>) => {
      onChange();
      setDest((d) => ({ ...d, ...patch }));
    },
    setGraph: (patch: Partial<GraphDraft>) => {
      onChange();
      setDest((d) => ({ ...d, graph: { ...d.graph, ...patch } }));
    },
  };
}

export default function ReviewView() {
  const styles = useReviewStyles();
  const { host, settings, ready, save, fail } = usePane();
  const { t } = useI18n();
  const [busy, setBusy] = useState<null | 'build' | 'append'>(null);
  /** what the live region under the build button says: busy, built, what stops the append */
  const [status, setStatus] = useState<{ key: MsgKey; params?: Record<string, string | number> } | null>(null);
  const [appended, setAppended] = useState<AppendResult | null>(null);
  const [progress, setProgress] = useState<Localized | null>(null);
  const [batch, setBatch] = useState(false);
  const { b } = useBatchText();
  // any change to the row or the destination: the last append's message no longer describes it
  const draft = useRowDraft(() => setAppended(null));
  const d = useDestinationDraft(() => setAppended(null));

  if (!host.buildReviewRow) {
    return (
      <div className={styles.view}>
        <h2 className={styles.h2}>{t('reviewHeading')}</h2>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('reviewUnavailable')}</MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  const buildReviewRow = host.buildReviewRow.bind(host);

  const build = async () => {
    setBusy('build');
    setAppended(null);
    setStatus({ key: 'building' });
    try {
      const list = host.buildReviewRows ? await host.buildReviewRows(settings.engine) : [await buildReviewRow(settings.engine)];
      draft.built(list);
      d.setTried(false);
      setStatus({ key: 'builtRow', params: { total: list[0].total } });
    } catch (err) {
      setStatus(null);
      fail('build', err);
    } finally {
      setBusy(null);
    }
  };

  const append = async () => {
    d.setTried(true);
    const edited = draft.edited;
    if (!host.appendReviewRow || !edited) return;
    if (Object.keys(d.problems).length > 0) {
      setStatus({ key: 'fixErrors' });
      return;
    }
    const destination = toDestination(d.dest);
    setBusy('append');
    setAppended(null);
    setStatus({ key: 'appending' });
    try {
      const result = await host.appendReviewRow(edited, destination, setProgress);
      setStatus(null);
      setAppended(result);
      draft.appended(edited);
      if (destination.kind === 'server') storeToken(destination.url, destination.token);
      if (JSON.stringify(settings.destination) !== JSON.stringify(destination)) await save({ ...settings, destination });
    } catch (err) {
      setStatus(null);
      fail('append', err);
    } finally {
      setProgress(null);
      setBusy(null);
    }
  };

  const { row } = draft;
  return (
    <div className={styles.view}>
      <h2 className={styles.h2}>{t('reviewHeading')}</h2>
      <p className={styles.hint}>{t('buildHint')}</p>
      <div className={styles.actions}>
        <Button className={styles.button} appearance="primary" onClick={() => void build()} disabled={!ready} disabledFocusable={ready && busy !== null}>
          {busy === 'build' ? t('building') : t('buildRow')}
        </Button>
        <Button className={styles.button} onClick={() => setBatch((x) => !x)} aria-expanded={batch} disabled={!ready}>{b('batchOpen')}</Button>
      </div>
      <p role="status" aria-live="polite" className={styles.reason}>
        {status ? t(status.key, status.params) : ''}
      </p>
      {batch && (
        <Suspense fallback={<p className={styles.hint}>{t('loadingView')}</p>}>
          <BatchView onClose={() => setBatch(false)} />
        </Suspense>
      )}

      {row && draft.rows.length > 1 && <FormChoice rows={draft.rows} current={draft.current} onChoose={draft.choose} />}

      {row && (
        <>
          <RowData row={row} onSwitch={draft.switchRate} />
          <ScoreFields row={row} scoreText={draft.scoreText} total={draft.edited ? draft.edited.total : null} onChange={draft.editScore} />
          <DestinationFields
            dest={d.dest}
            setD={d.setD}
            setGraph={d.setGraph}
            problem={d.problem}
            tried={d.tried}
            busy={busy}
            appended={appended}
            canAppend={draft.edited !== null}
            onAppend={() => void append()}
          />
        </>
      )}

      <AppendOutcome progress={busy === 'append' ? progress : null} appended={appended} />
    </div>
  );
}
