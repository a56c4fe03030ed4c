/**
 * The Microsoft Graph destination's settings in the 审核行 view (issue 16): the shared workbook's
 * link, the table's name and the app registration's client id — the drive and item ids are derived
 * from the link by “测试连接 / Test connection”, which signs in, opens the workbook and checks the
 * table's header against the 附件2 layout. Saved with the workbook by the view; the token never is.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { GraphCheck } from '../review/graph';
import type { DestinationConfig } from '../review/types';
import { isLocalized, sameInBoth } from '../core';
import { type MsgKey, useI18n } from './i18n';

export type GraphDestination = Extract<DestinationConfig, { kind: 'graph' }>;

export interface GraphDraft {
  workbookUrl: string;
  table: string;
  clientId: string;
  /** derived from the link by Test connection */
  driveId: string;
  driveItemId: string;
}

export const EMPTY_GRAPH_DRAFT: GraphDraft = { workbookUrl: '', table: '附件2', clientId: '', driveId: '', driveItemId: '' };

export function toGraphDraft(d: GraphDestination): GraphDraft {
  return { workbookUrl: d.workbookUrl ?? '', table: d.table || '附件2', clientId: d.clientId ?? '', driveId: d.driveId ?? '', driveItemId: d.driveItemId ?? '' };
}

export type GraphProblems = Partial<Record<'workbook' | 'table' | 'clientId', MsgKey>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkGraph(d: GraphDraft): GraphProblems {
  const p: GraphProblems = {};
  if (!/^https:\/\/[^\s/]+/i.test(d.workbookUrl.trim()) && !d.driveItemId.trim()) p.workbook = 'needLink';
  if (!d.table.trim()) p.table = 'needTable';
  if (!GUID.test(d.clientId.trim())) p.clientId = 'needClientId';
  return p;
}

export function toGraphDestination(d: GraphDraft): GraphDestination {
  const t = (s: string) => s.trim();
  return {
    kind: 'graph',
    table: t(d.table),
    ...(t(d.workbookUrl) ? { workbookUrl: t(d.workbookUrl) } : {}),
    ...(t(d.driveItemId) ? { driveItemId: t(d.driveItemId) } : {}),
    ...(t(d.driveId) ? { driveId: t(d.driveId) } : {}),
    ...(t(d.clientId) ? { clientId: t(d.clientId) } : {}),
  };
}

export interface GraphSettingsProps {
  value: GraphDraft;
  onChange(patch: Partial<GraphDraft>): void;
  /** show the problems (after the reviewer tried to append or test) */
  showProblems: boolean;
  /** the host's test; absent where the host cannot reach Graph */
  onTest?: (destination: GraphDestination) => Promise<GraphCheck>;
  /** after a successful test: the destination with the ids the link resolved to (the view saves it) */
  onTested?: (destination: GraphDestination) => void;
  disabled?: boolean;
  /** a change of this (e.g. the last append's result) retires the test's result, which would be out of date */
  resetOn?: unknown;
}

export function GraphSettings({ value, onChange, showProblems, onTest, onTested, disabled, resetOn }: GraphSettingsProps) {
  const { lang, t } = useI18n();
  const [tried, setTried] = useState(false);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<GraphCheck | null>(null);
  useEffect(() => setResult(null), [resetOn]);
  const problems = checkGraph(value);
  const problem = (k: keyof GraphProblems) => ((showProblems || tried) && problems[k] ? t(problems[k]!) : undefined);
  const change = (patch: Partial<GraphDraft>) => {
    setResult(null);
    onChange(patch);
  };

  const test = async () => {
    setTried(true);
    if (!onTest || Object.keys(problems).length > 0) return;
    setTesting(true);
    setResult(null);
    try {
      const r = await onTest(toGraphDestination(value));
      setResult(r);
      if (r.ok) {
        const resolved = { ...value, driveId: r.driveId ?? value.driveId, driveItemId: r.driveItemId ?? value.driveItemId };
        onChange({ driveId: resolved.driveId, driveItemId: resolved.driveItemId });
        onTested?.(toGraphDestination(resolved));
      }
    } catch (e) {
      const text = (e as { text?: unknown }).text;
      setResult({ ok: false, text: isLocalized(text) ? text : sameInBoth(String((e as Error).message ?? e)) });
    } finally {
      setTesting(false);
    }
  };

  return (
    <>
      <Field label={t('graphLink')} hint={t('graphLinkHint')} validationState={problem('workbook') ? 'error' : 'none'} validationMessage={problem('workbook')}>
        <Input type="url" value={value.workbookUrl} onChange={(_, d) => change({ workbookUrl: d.value, driveId: '', driveItemId: '' })} />
      </Field>
      <Field label={t('graphTable')} validationState={problem('table') ? 'error' : 'none'} validationMessage={problem('table')}>
        <Input value={value.table} onChange={(_, d) => change({ table: d.value })} />
      </Field>
      <Field label={t('graphClientId')} hint={t('graphClientIdHint')} validationState={problem('clientId') ? 'error' : 'none'} validationMessage={problem('clientId')}>
        <Input value={value.clientId} autoComplete="off" spellCheck={false} onChange={(_, d) => change({ clientId: d.value })} />
      </Field>
      {onTest && (
        <div>
          <Button onClick={() => void test()} disabled={disabled || testing}>
            {testing ? t('testingConnection') : t('testConnection')}
          </Button>
        </div>
      )}
      <div role="status" aria-live="polite">
        {result && (
          <MessageBar intent={result.ok ? 'success' : 'error'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t(result.ok ? 'connectionOk' : 'connectionFailed')}</MessageBarTitle>
              {result.text[lang]}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </>
  );
}
