/**
 * 审核一批 (lazy chunk, opened from the 审核行 view): the reviewer picks or drops the workbooks
 * received; each is read in the pane by the shared reader and validated by the engine (through
 * src/review/batch.ts), listed with its sheets, why a sheet or file could not be reviewed, its counts
 * by severity and its proposed 附件2 row. Rows can be deselected and their scores edited, then all
 * selected rows go to the chosen destination in one go (this workbook: one read and one write, through
 * the host's appendReviewRows); the findings can be exported as an .xlsx, or written into this
 * workbook as new sheets where the pane cannot download (Excel for Mac, docs/batch.md).
 *
 * Data: the files' bytes are read one at a time and dropped once reviewed; the results live in this
 * component's state only and are gone when the view closes. Nothing is sent anywhere except the
 * rows appended to the destination the reviewer chose.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import { batchTotals, type BatchFile, reviewBatch } from '../review/batch';
import { errorDetail } from './errors';
import { finalRow, parseScore, SCORE_ORDER, scoreTexts, type ScoreTexts } from './scores';
import { isServerUrlAllowed, serverBase } from '../review/server-client';
import type { AppendResult, DestinationConfig, ReviewRow, ScoreKey } from '../review/types';
import { type Localized, catalogue } from '../core';
import { useBatchText } from './batch-i18n';
import { usePane } from './context';
import { SEVERITY_KEYS, sentence, useI18n } from './i18n';
import { useViewStyles } from './styles';
import { loadToken, storeToken } from './token-store';

const useStyles = makeStyles({
  drop: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hiddenInput: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  // a rule between files rather than a padded box: a pane 80 CSS px wide (320 px at 400 %) keeps its
  // width for the check boxes and message bars inside
  file: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  fileName: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0, wordBreak: 'break-all' },
  sheet: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, paddingLeft: tokens.spacingHorizontalXS, minWidth: 0 },
  meta: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  findings: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  scores: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(9em, 100%), 1fr))', columnGap: tokens.spacingHorizontalS },
  fields: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

const SCORE_NAME: Record<ScoreKey, Localized> = catalogue({
  budget: { zh: '预算执行', en: 'Budget execution' },
  goal: { zh: '目标完成', en: 'Goal completion' },
  deviation: { zh: '偏差说明', en: 'Deviation' },
  timely: { zh: '按时报送', en: 'On time' },
});

/** A proposed row of the batch: where it came from, whether it goes, and the reviewer's scores. */
interface Entry {
  id: string;
  row: ReviewRow;
  selected: boolean;
  scores: ScoreTexts;
  editing: boolean;
  result?: AppendResult;
}

/** The row with the reviewer's scores and 总分; null while a score is not valid. */
const edited = (e: Entry): ReviewRow | null => finalRow(e.row, e.scores);

type DestKind = DestinationConfig['kind'];

function initialDest(d: DestinationConfig | undefined): { kind: DestKind; sheetName: string; url: string; token: string } {
  if (d?.kind === 'server') return { kind: 'server', sheetName: '附件2', url: d.url, token: d.token || loadToken(d.url) };
  if (d?.kind === 'graph') return { kind: 'graph', sheetName: '附件2', url: '', token: '' };
  return { kind: 'workbook', sheetName: (d?.kind === 'workbook' && d.sheetName) || '附件2', url: '', token: '' };
}

function download(bytes: Uint8Array, name: string): void {
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface BatchViewProps {
  onClose(): void;
}

export default function BatchView({ onClose }: BatchViewProps) {
  const styles = { ...useViewStyles(), ...useStyles() };
  const { host, settings, fail } = usePane();
  const { t } = useI18n();
  const { lang, b } = useBatchText();
  const inputRef = useRef<HTMLInputElement>(null);
  const pickRef = useRef<HTMLButtonElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [files, setFiles] = useState<BatchFile[]>([]);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number; current?: string } | null>(null);
  const [announce, setAnnounce] = useState('');
  const [dragging, setDragging] = useState(false);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [dest, setDest] = useState(() => initialDest(settings.destination));
  const [appending, setAppending] = useState<{ k: number; n: number } | null>(null);
  const [outcome, setOutcome] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [exported, setExported] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  // a closing view stops the reading; its state (the files' results) goes with it
  useEffect(() => () => abortRef.current?.abort(), []);

  const running = progress !== null && progress.done < progress.total && abortRef.current !== null;

  const start = async (list: File[]) => {
    if (list.length === 0 || running) return;
    const ac = new AbortController();
    abortRef.current = ac;
    setFiles([]);
    setEntries([]);
    setOpen(new Set());
    setOutcome(null);
    setExported(null);
    setProgress({ done: 0, total: list.length, current: list[0]?.name });
    setAnnounce(b('batchReading', { k: 0, n: list.length }));
    const done: BatchFile[] = [];
    const { cancelled } = await reviewBatch(
      list.map((f) => ({ name: f.name, bytes: async () => new Uint8Array(await f.arrayBuffer()) })),
      {
        settings: settings.engine,
        rubric: settings.rubric,
        signal: ac.signal,
        onProgress: (p) => {
          if (!p.file) return;
          done.push(p.file);
          const fi = done.length - 1;
          setFiles([...done]);
          const added = p.file.sheets.flatMap((s, si) => (s.row ? [{ id: `${fi}:${si}`, row: s.row, selected: true, scores: scoreTexts(s.row), editing: false }] : []));
          if (added.length) setEntries((es) => [...es, ...added]);
          setProgress({ done: p.done, total: p.total, current: list[p.done]?.name });
        },
      },
    );
    if (abortRef.current === ac) abortRef.current = null;
    const tot = batchTotals(done);
    setProgress({ done: done.length, total: list.length });
    setAnnounce(
      cancelled
        ? b('batchCancelled', { k: done.length, n: list.length })
        : b('batchDone', { files: tot.files, forms: tot.forms, failed: tot.failed, ...tot.counts }),
    );
  };

  // the cancel button goes away with the reading: focus goes back to 选择文件…, not to the page
  const cancel = () => {
    abortRef.current?.abort();
    pickRef.current?.focus();
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void start([...e.dataTransfer.files]);
  };

  const patch = (id: string, p: Partial<Entry>) => {
    setOutcome(null);
    setEntries((es) => es.map((e) => (e.id === id ? { ...e, ...p } : e)));
  };

  const selected = entries.filter((e) => e.selected);
  const ready = selected.map(edited);
  const destProblem = dest.kind === 'server' ? (!isServerUrlAllowed(dest.url) ? t('needHttps') : !dest.token.trim() ? t('needToken') : null) : null;

  const destination = (): DestinationConfig => {
    if (dest.kind === 'server') return { kind: 'server', url: serverBase(dest.url), token: dest.token.trim() };
    if (dest.kind === 'graph') {
      const g = settings.destination?.kind === 'graph' ? settings.destination : { kind: 'graph' as const, table: '附件2' };
      return g;
    }
    return { kind: 'workbook', sheetName: dest.sheetName.trim() || '附件2' };
  };

  const errorText = (err: unknown) => {
    const d = errorDetail(err);
    return typeof d === 'string' ? d || String(err) : d[lang];
  };

  const append = async () => {
    if (!host.appendReviewRow || selected.length === 0 || ready.some((r) => r === null) || destProblem) return;
    const to = destination();
    const rows = ready as ReviewRow[];
    setOutcome(null);
    let appended = 0;
    let updated = 0;
    if (to.kind === 'workbook' && host.appendReviewRows) {
      // this workbook: every row in one read and one write; a refused row refuses them all
      setAppending({ k: rows.length, n: rows.length });
      try {
        const results = await host.appendReviewRows(rows, to);
        results.forEach((r, i) => {
          if (r.updated) updated++;
          else appended++;
          patch(selected[i].id, { result: r });
        });
      } catch (err) {
        setAppending(null);
        setOutcome({ intent: 'error', text: b('batchAppendNone', { detail: errorText(err) }) });
        fail('append', err);
        return;
      }
    } else {
      for (let i = 0; i < rows.length; i++) {
        setAppending({ k: i + 1, n: rows.length });
        try {
          const r = await host.appendReviewRow(rows[i], to);
          if (r.updated) updated++;
          else appended++;
          patch(selected[i].id, { result: r });
        } catch (err) {
          setAppending(null);
          setOutcome({ intent: 'error', text: b('batchAppendStopped', { k: i + 1, project: rows[i].project, detail: errorText(err), done: i }) });
          fail('append', err);
          return;
        }
      }
    }
    setAppending(null);
    if (to.kind === 'server') storeToken(to.url, to.token);
    // say what happened: "appended 4", "updated 4", or both counts — never "appended 4" for four updates
    const text = b(appended && updated ? 'batchAppendedUpdated' : updated ? 'batchUpdated' : 'batchAppended', { n: rows.length, appended, updated });
    setOutcome({ intent: 'success', text });
  };

  const reportFiles = () =>
    files.map((f) => ({
      file: f.name,
      ...(f.problem && f.problem.kind !== 'not-a-form' ? { problem: f.problem.message } : {}),
      sheets: f.sheets,
    }));
  const findingCount = () => files.reduce((n, f) => n + f.sheets.reduce((m, s) => m + s.findings.length, 0), 0);

  const exportReport = async () => {
    setExported(null);
    try {
      const { findingsReportXlsx, reportFileName } = await import(/* webpackChunkName: "batch-report" */ '../review/findings-report');
      const name = reportFileName(lang);
      download(findingsReportXlsx(reportFiles(), lang), name);
      const text = b('batchExported', { name, findings: findingCount() });
      setExported({ intent: 'success', text });
    } catch (err) {
      setExported({ intent: 'error', text: b('batchExportFailed', { detail: errorText(err) }) });
    }
  };

  /** The report as new sheets of this workbook: the way on Excel for Mac, whose web view does not download. */
  const exportToSheets = async () => {
    if (!host.addReportSheets) return;
    setExported(null);
    try {
      const { reportTables } = await import(/* webpackChunkName: "batch-report" */ '../review/findings-report');
      const { names } = await host.addReportSheets(reportTables(reportFiles(), lang));
      setExported({ intent: 'success', text: b('batchSheetsAdded', { sheets: names.map((n) => (lang === 'zh' ? `“${n}”` : `"${n}"`)).join(lang === 'zh' ? '、' : ', '), findings: findingCount() }) });
    } catch (err) {
      setExported({ intent: 'error', text: b('batchExportFailed', { detail: errorText(err) }) });
    }
  };

  const toggle = (key: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });

  const entryOf = (fi: number, si: number) => entries.find((e) => e.id === `${fi}:${si}`);
  const sevText = (c: BatchFile['counts']) => b('batchCounts', c);

  return (
    <section aria-labelledby="batch-heading" className={styles.view} data-testid="batch">
      <div className={styles.actions}>
        <h3 id="batch-heading" className={styles.h3}>{b('batchHeading')}</h3>
        <Button className={styles.button} size="small" onClick={onClose}>{b('batchClose')}</Button>
      </div>
      <p className={styles.hint}>{b('batchHint')}</p>

      <div
        className={`${styles.drop} ${dragging ? styles.dropActive : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="batch-drop"
      >
        <input
          ref={inputRef}
          id="batch-files"
          className={styles.hiddenInput}
          type="file"
          multiple
          accept=".xlsx,.xlsm,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={b('batchInputLabel')}
          tabIndex={-1}
          onChange={(e) => {
            const list = [...(e.target.files ?? [])];
            e.target.value = '';
            void start(list);
          }}
        />
        {/* disabledFocusable: the button keeps focus while the files it picked are read */}
        <Button ref={pickRef} className={styles.button} appearance="primary" onClick={() => inputRef.current?.click()} disabledFocusable={running}>
          {b('batchPick')}
        </Button>
        <span>{dragging ? b('batchDropActive') : b('batchDrop')}</span>
      </div>

      {progress && (
        <div className={styles.actions}>
          <Field className={styles.field} label={b(running ? 'batchReading' : 'batchReadAll', { k: progress.done, n: progress.total })} style={{ flexGrow: 1 }}>
            <ProgressBar value={progress.done} max={Math.max(1, progress.total)} aria-valuetext={`${progress.done} / ${progress.total}`} />
          </Field>
          {running && <Button className={styles.button} onClick={cancel}>{b('batchCancel')}</Button>}
        </div>
      )}

      <div role="status" aria-live="polite" aria-atomic="true" className={styles.hint}>{announce}</div>

      {files.length > 0 && (
        <>
          <h4 className={styles.h3}>{b('batchFilesHeading', { n: files.length })}</h4>
          <ul className={styles.list} aria-label={b('batchFilesHeading', { n: files.length })}>
            {files.map((f, fi) => (
              <li key={`${fi}:${f.name}`} className={styles.file} data-file={f.name}>
                <h5 className={styles.fileName}>{f.name}</h5>
                {f.problem && (
                  <MessageBar intent={f.problem.kind === 'not-a-form' ? 'warning' : 'error'} layout="multiline">
                    <MessageBarBody>{f.problem.message[lang]}</MessageBarBody>
                  </MessageBar>
                )}
                {f.sheets.map((s, si) => {
                  const key = `${fi}:${si}`;
                  const e = entryOf(fi, si);
                  const row = e ? edited(e) : null;
                  return (
                    <div key={key} className={styles.sheet} data-sheet={s.sheet}>
                      <p className={styles.meta}>
                        {b('batchSheet', { sheet: s.sheet })}：{s.recognized ? b('batchRecognized') : b('batchNotForm', { reason: s.reason?.[lang] ?? '' })}
                      </p>
                      <p className={styles.meta} data-counts>{sevText(s.counts)}</p>
                      {s.rowError && <p className={styles.meta}>{b('batchNoRow', { reason: s.rowError[lang] })}</p>}
                      {e && (
                        <>
                          <p className={styles.meta} data-scores>
                            {b('batchScores', {
                              budget: e.scores.budget,
                              goal: e.scores.goal,
                              deviation: e.scores.deviation,
                              timely: e.scores.timely,
                              total: row ? row.total : '—',
                            })}
                          </p>
                          <Checkbox
                            checked={e.selected}
                            onChange={(_, d) => patch(e.id, { selected: d.checked === true })}
                            label={b('batchSelectRow', { project: e.row.project || s.sheet })}
                          />
                          {e.editing && (
                            <div className={styles.scores}>
                              {SCORE_ORDER.map((k) => {
                                const max = e.row.scores[k].max;
                                const bad = parseScore(e.scores[k], max) === null;
                                return (
                                  <Field
                                    className={styles.field}
                                    key={k}
                                    label={b('batchScoreLabel', { label: SCORE_NAME[k][lang], max })}
                                    validationState={bad ? 'error' : 'none'}
                                    validationMessage={bad ? b('batchScoreInvalid', { max }) : undefined}
                                  >
                                    <Input
                                      className={styles.control}
                                      input={{ className: styles.inner }}
                                      type="number"
                                      inputMode="decimal"
                                      min={0}
                                      max={max}
                                      value={e.scores[k]}
                                      onChange={(_, d) => patch(e.id, { scores: { ...e.scores, [k]: d.value } })}
                                    />
                                  </Field>
                                );
                              })}
                            </div>
                          )}
                          {e.result && (
                            <p className={styles.meta}>
                              {/* the destination's sentence carries its own verb (已更新… / 已追加到…) */}
                              {sentence(e.result.where[lang])}
                            </p>
                          )}
                        </>
                      )}
                      <div className={styles.actions}>
                        {s.findings.length > 0 && (
                          <Button className={styles.button} size="small" aria-expanded={open.has(key)} aria-controls={`batch-findings-${key}`} onClick={() => toggle(key)}>
                            {open.has(key) ? b('batchHideFindings') : b('batchShowFindings', { n: s.findings.length })}
                          </Button>
                        )}
                        {e && (
                          <Button className={styles.button} size="small" aria-expanded={e.editing} onClick={() => patch(e.id, { editing: !e.editing })}>
                            {e.editing ? b('batchDoneEditing') : b('batchEditScores')}
                          </Button>
                        )}
                      </div>
                      {open.has(key) && (
                        <div id={`batch-findings-${key}`}>
                          <p className={styles.meta}>{b('batchFindingsNote')}</p>
                          <ul className={styles.findings}>
                            {s.findings.map((x, xi) => (
                              <li key={xi}>
                                {x.cell} · {t(SEVERITY_KEYS[x.severity])} · {x.message[lang]}
                                {x.arithmetic ? `（${x.arithmetic[lang]}）` : ''} <span className={styles.meta}>{x.rule}</span>
                              </li>
                            ))}
                          </ul>
                        </div>
                      )}
                    </div>
                  );
                })}
              </li>
            ))}
          </ul>

          {!running && (
            <div className={styles.actions}>
              <Button className={styles.button} onClick={() => void exportReport()}>{b('batchExport')}</Button>
              {host.addReportSheets && (
                <Button className={styles.button} onClick={() => void exportToSheets()}>{b('batchExportSheets')}</Button>
              )}
            </div>
          )}
          {!running && host.addReportSheets && <p className={styles.meta}>{b('batchExportMacHint')}</p>}
          <div role="status" aria-live="polite">
            {exported && (
              <MessageBar intent={exported.intent} layout="multiline">
                <MessageBarBody>{exported.text}</MessageBarBody>
              </MessageBar>
            )}
          </div>

          {entries.length > 0 && host.appendReviewRow && (
            <section aria-labelledby="batch-dest-heading" className={styles.fields}>
              <h4 id="batch-dest-heading" className={styles.h3}>{b('batchDestination')}</h4>
              <RadioGroup className={styles.control} value={dest.kind} onChange={(_, d) => setDest((x) => ({ ...x, kind: d.value as DestKind }))} aria-labelledby="batch-dest-heading">
                <Radio value="workbook" label={t('destWorkbook')} />
                <Radio value="server" label={t('destServer')} />
                <Radio value="graph" label={t('destGraph')} disabled={settings.destination?.kind !== 'graph'} />
              </RadioGroup>
              {settings.destination?.kind !== 'graph' && <p className={styles.meta}>{b('batchGraphFirst')}</p>}
              {dest.kind === 'workbook' && (
                <Field className={styles.field} label={t('destSheetName')}>
                  <Input className={styles.control} input={{ className: styles.inner }} value={dest.sheetName} onChange={(_, d) => setDest((x) => ({ ...x, sheetName: d.value }))} />
                </Field>
              )}
              {dest.kind === 'server' && (
                <>
                  <Field className={styles.field} label={t('destServerUrl')} validationState={destProblem && !isServerUrlAllowed(dest.url) ? 'error' : 'none'}>
                    <Input className={styles.control} input={{ className: styles.inner }} type="url" value={dest.url} onChange={(_, d) => setDest((x) => ({ ...x, url: d.value, token: x.token || loadToken(d.value.trim()) }))} />
                  </Field>
                  <Field className={styles.field} label={t('destToken')} hint={t('destTokenHint')}>
                    <Input className={styles.control} input={{ className: styles.inner }} type="password" autoComplete="off" value={dest.token} onChange={(_, d) => setDest((x) => ({ ...x, token: d.value }))} />
                  </Field>
                </>
              )}
              {destProblem && <p className={styles.meta} role="alert">{destProblem}</p>}
              <div className={styles.actions}>
                <Button
                  className={styles.button}
                  appearance="primary"
                  onClick={() => void append()}
                  disabled={running || selected.length === 0 || ready.some((r) => r === null) || destProblem !== null}
                  // focus stays on the button while the rows are written
                  disabledFocusable={appending !== null}
                >
                  {appending ? b('batchAppending', { k: appending.k, n: appending.n }) : b('batchAppend', { n: selected.length })}
                </Button>
              </div>
              {selected.length === 0 && <p className={styles.meta}>{b('batchNothingSelected')}</p>}
              <div role="status" aria-live="polite">
                {outcome && (
                  <MessageBar intent={outcome.intent} layout="multiline">
                    <MessageBarBody>{outcome.text}</MessageBarBody>
                  </MessageBar>
                )}
              </div>
            </section>
          )}
        </>
      )}
    </section>
  );
}

