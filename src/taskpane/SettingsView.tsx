/** 设置 (lazy chunk): rules on/off and severity, thresholds, tolerance, qualitative rates, time progress. */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Switch,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { RULES } from '../core';
import { DEFAULT_SETTINGS, type Severity } from '../core';
import type { SettingsInput } from '../core';
import { DEFAULT_RUBRIC, type Rubric, validateRubric } from '../review/rubric';
import { usePane } from './context';
import { useViewStyles } from './styles';
import { type MsgKey, RULE_TITLES, SEVERITY_KEYS, useI18n } from './i18n';

const useStyles = makeStyles({
  rules: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  rule: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, minWidth: 0 },
  ruleDocs: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0, overflowWrap: 'anywhere' },
  ruleId: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100, overflowWrap: 'anywhere' },
  grid: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', rowGap: tokens.spacingVerticalS },
  // the label goes under the switch when the pane is too narrow for both on one line
  switch: { minWidth: 0, maxWidth: '100%', flexWrap: 'wrap' },
  switchLabel: { minWidth: 0, flex: '1 1 4em' },
});

type NumKey = 'yellow' | 'red' | 'blue' | 'tolerance' | 'met' | 'partial' | 'unmet';

interface Draft {
  rules: Record<string, { enabled: boolean; severity: Severity | '' }>;
  nums: Record<NumKey, string>;
  mode: 'month' | 'day';
  /** flow / stock words of the lexicon, one text each (split on 、 , ， ; newlines) */
  lexicon: { flow: string; stock: string };
}

const splitWords = (s: string): string[] => [...new Set(s.split(/[、,，;；\n]+/).map((w) => w.trim()).filter(Boolean))];

/** Numbers are edited as percents (80 for 0.8); the tolerance is already in points. */
const pctText = (v: number) => String(Math.round(v * 100000) / 1000);

function toDraft(engine: SettingsInput): Draft {
  const rules: Draft['rules'] = {};
  for (const r of RULES) {
    const s = engine.rules?.[r.meta.id];
    rules[r.meta.id] = { enabled: s?.enabled !== false, severity: s?.severity ?? '' };
  }
  const ach = { ...DEFAULT_SETTINGS.achievementRates, ...(engine.achievementRates ?? {}) };
  return {
    rules,
    nums: {
      yellow: pctText(engine.yellowBelow ?? DEFAULT_SETTINGS.yellowBelow),
      red: pctText(engine.redBelow ?? DEFAULT_SETTINGS.redBelow),
      blue: pctText(engine.blueAtOrAbove ?? DEFAULT_SETTINGS.blueAtOrAbove),
      tolerance: String(engine.minTolerancePoints ?? DEFAULT_SETTINGS.minTolerancePoints),
      met: pctText(ach.met),
      partial: pctText(ach.partial),
      unmet: pctText(ach.unmet),
    },
    mode: engine.timeProgressMode ?? DEFAULT_SETTINGS.timeProgressMode,
    lexicon: {
      flow: (engine.kindLexicon?.flow ?? DEFAULT_SETTINGS.kindLexicon.flow).join('、'),
      stock: (engine.kindLexicon?.stock ?? DEFAULT_SETTINGS.kindLexicon.stock).join('、'),
    },
  };
}

const LIMITS: Record<NumKey, [number, number]> = {
  yellow: [0, 1000],
  red: [0, 1000],
  blue: [0, 10000],
  tolerance: [0, 100],
  met: [0, 100],
  partial: [0, 100],
  unmet: [0, 100],
};

function parseNum(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Validation problems by field, as catalogue keys with their parameters. */
function check(d: Draft): Partial<Record<NumKey, { key: MsgKey; params?: Record<string, number> }>> {
  const out: Partial<Record<NumKey, { key: MsgKey; params?: Record<string, number> }>> = {};
  for (const k of Object.keys(LIMITS) as NumKey[]) {
    const n = parseNum(d.nums[k]);
    const [min, max] = LIMITS[k];
    if (n === null || n < min || n > max) out[k] = { key: 'invalidNumber', params: { min, max } };
  }
  if (!out.red && !out.yellow && parseNum(d.nums.red)! >= parseNum(d.nums.yellow)!) out.red = { key: 'redAboveYellow' };
  return out;
}

function toEngine(d: Draft): SettingsInput {
  const rules: NonNullable<SettingsInput['rules']> = {};
  for (const [id, r] of Object.entries(d.rules)) {
    if (!r.enabled || r.severity) rules[id] = { ...(r.enabled ? {} : { enabled: false }), ...(r.severity ? { severity: r.severity } : {}) };
  }
  const n = (k: NumKey) => parseNum(d.nums[k])!;
  return {
    rules,
    yellowBelow: n('yellow') / 100,
    redBelow: n('red') / 100,
    blueAtOrAbove: n('blue') / 100,
    minTolerancePoints: n('tolerance'),
    achievementRates: { met: n('met') / 100, partial: n('partial') / 100, unmet: n('unmet') / 100 },
    timeProgressMode: d.mode,
    kindLexicon: { flow: splitWords(d.lexicon.flow), stock: splitWords(d.lexicon.stock) },
  };
}

export default function SettingsView() {
  const { settings, ready, save } = usePane();
  const { t } = useI18n();
  // the form starts from the saved settings, so it waits until they are read
  if (!ready) return <Spinner size="small" label={t('loadingSettings')} />;
  return (
    <>
      <SettingsForm engine={settings.engine} onSave={(engine) => save({ ...settings, engine })} />
      <RubricForm rubric={settings.rubric} onSave={(rubric) => save({ ...settings, rubric })} />
    </>
  );
}

/** The 附件2 rubric as JSON, checked with the review module's validator before it is saved. */
function RubricForm({ rubric, onSave }: { rubric?: Rubric; onSave: (rubric: Rubric) => Promise<boolean> }) {
  const styles = { ...useViewStyles(), ...useStyles() };
  const { lang, t } = useI18n();
  const [text, setText] = useState(() => JSON.stringify(rubric ?? DEFAULT_RUBRIC, null, 2));
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  const submit = async () => {
    setSaved(false);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setErrors([t('rubricBadJson', { detail: (e as Error).message })]);
      return;
    }
    const checked = validateRubric(parsed);
    if (!checked.ok) {
      setErrors(checked.errors.map((x) => x[lang]));
      return;
    }
    setErrors([]);
    setSaved(await onSave(checked.rubric));
  };

  return (
    <form
      className={styles.view}
      aria-labelledby="rubric-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="rubric-heading" className={styles.h3}>{t('rubricHeading')}</h3>
      <p className={styles.hint}>{t('rubricHint')}</p>
      <Field className={styles.field} label={t('rubricLabel')} validationState={errors.length ? 'error' : 'none'} validationMessage={errors.length ? errors.join('；') : undefined}>
        <Textarea className={styles.control} textarea={{ className: styles.inner }}
          value={text}
          rows={10}
          spellCheck={false}
          onChange={(_, data) => {
            setSaved(false);
            setText(data.value);
          }}
        />
      </Field>
      <div className={styles.actions}>
        <Button className={styles.button} appearance="primary" type="submit">{t('rubricSave')}</Button>
        <Button className={styles.button} onClick={() => setText(JSON.stringify(DEFAULT_RUBRIC, null, 2))}>{t('rubricReset')}</Button>
      </div>
      <div aria-live="polite" role="status">
        {saved && (
          <MessageBar intent="success">
            <MessageBarBody>{t('rubricSaved')}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}

function SettingsForm({ engine, onSave }: { engine: SettingsInput; onSave: (engine: SettingsInput) => Promise<boolean> }) {
  const styles = { ...useViewStyles(), ...useStyles() };
  const { lang, t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => toDraft(engine));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);
  const problems = check(draft);
  const invalid = Object.keys(problems).length > 0;

  const setNum = (k: NumKey, v: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, nums: { ...d.nums, [k]: v } }));
  };
  const setRule = (id: string, patch: Partial<Draft['rules'][string]>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, rules: { ...d.rules, [id]: { ...d.rules[id], ...patch } } }));
  };

  const submit = async () => {
    setTried(true);
    if (invalid) return;
    setSaving(true);
    const ok = await onSave(toEngine(draft));
    setSaving(false);
    setSaved(ok);
  };

  const numField = (k: NumKey, label: MsgKey, hint?: MsgKey) => {
    const p = problems[k];
    return (
      <Field
        className={styles.field}
        label={t(label)}
        hint={hint ? t(hint) : undefined}
        validationState={p ? 'error' : 'none'}
        validationMessage={p ? t(p.key, p.params) : undefined}
      >
        <Input className={styles.control} input={{ className: styles.inner }} type="number" inputMode="decimal" value={draft.nums[k]} onChange={(_, data) => setNum(k, data.value)} />
      </Field>
    );
  };

  return (
    <form
      className={styles.view}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 className={styles.h2}>{t('settingsHeading')}</h2>
      <p className={styles.hint}>{t('settingsSavedWithWorkbook')}</p>

      <section aria-labelledby="rules-heading">
        <h3 id="rules-heading" className={styles.h3}>{t('rulesHeading')}</h3>
        <ul className={styles.rules}>
          {RULES.map(({ meta }) => {
            const r = draft.rules[meta.id];
            const title = RULE_TITLES[meta.id]?.[lang] ?? meta.id;
            return (
              <li key={meta.id} className={styles.rule}>
                <Switch
                  className={styles.switch}
                  label={{ children: title, className: styles.switchLabel }}
                  checked={r.enabled}
                  onChange={(_, data) => setRule(meta.id, { enabled: data.checked })}
                />
                {/* the id is for looking the rule up; the Chinese UI does not read it aloud */}
                <span className={styles.ruleId} lang="en" aria-hidden={lang === 'zh' ? true : undefined}>{meta.id}</span>
                <p className={styles.ruleDocs}>{meta.docs[lang]}</p>
                <Field className={styles.field} label={t('ruleSeverity')}>
                  <Select className={styles.control} select={{ className: styles.inner }}
                    value={r.severity}
                    disabled={!r.enabled}
                    aria-label={`${title} · ${t('ruleSeverity')}`}
                    onChange={(_, data) => setRule(meta.id, { severity: data.value as Severity | '' })}
                  >
                    <option value="">{t('severityDefault', { severity: t(SEVERITY_KEYS[meta.severity]) })}</option>
                    <option value="error">{t('severityError')}</option>
                    <option value="warning">{t('severityWarning')}</option>
                    <option value="info">{t('severityInfo')}</option>
                  </Select>
                </Field>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="thresholds-heading" className={styles.grid}>
        <h3 id="thresholds-heading" className={styles.h3}>{t('thresholdsHeading')}</h3>
        {numField('yellow', 'yellowBelow')}
        {numField('red', 'redBelow')}
        {numField('blue', 'blueAtOrAbove')}
        {numField('tolerance', 'tolerance', 'toleranceHint')}
      </section>

      <section aria-labelledby="achievement-heading" className={styles.grid}>
        <h3 id="achievement-heading" className={styles.h3}>{t('achievementHeading')}</h3>
        {numField('met', 'achievementMet')}
        {numField('partial', 'achievementPartial')}
        {numField('unmet', 'achievementUnmet')}
      </section>

      <Field className={styles.field} label={t('timeProgressMode')}>
        <RadioGroup className={styles.control} value={draft.mode} onChange={(_, data) => {
            setSaved(false);
            setDraft((d) => ({ ...d, mode: data.value as Draft['mode'] }));
          }}>
          <Radio value="month" label={t('timeProgressMonth')} />
          <Radio value="day" label={t('timeProgressDay')} />
        </RadioGroup>
      </Field>

      <section aria-labelledby="lexicon-heading" className={styles.grid}>
        <h3 id="lexicon-heading" className={styles.h3}>{t('lexiconHeading')}</h3>
        <p className={styles.hint}>{t('lexiconHint')}</p>
        {(['flow', 'stock'] as const).map((k) => (
          <Field key={k} className={styles.field} label={t(k === 'flow' ? 'lexiconFlow' : 'lexiconStock')}>
            <Textarea
              className={styles.control}
              textarea={{ className: styles.inner }}
              value={draft.lexicon[k]}
              rows={3}
              onChange={(_, data) => {
                setSaved(false);
                setDraft((d) => ({ ...d, lexicon: { ...d.lexicon, [k]: data.value } }));
              }}
            />
          </Field>
        ))}
      </section>

      <div className={styles.actions}>
        <Button className={styles.button} appearance="primary" type="submit" disabled={saving}>
          {saving ? t('saving') : t('saveSettings')}
        </Button>
        <Button className={styles.button}
          onClick={() => {
            setSaved(false);
            setDraft(toDraft({}));
          }}
        >
          {t('resetSettings')}
        </Button>
      </div>
      <div aria-live="polite" role="status">
        {tried && invalid && (
          <MessageBar intent="warning">
            <MessageBarBody>{t('fixErrors')}</MessageBarBody>
          </MessageBar>
        )}
        {saved && (
          <MessageBar intent="success">
            <MessageBarBody>{t('settingsSaved')}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}
