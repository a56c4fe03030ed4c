/**
 * The findings, built for the keyboard: one Tab stop for the whole list (a roving tabindex on each
 * finding's cell button), ↑/↓ (and Home/End) move between findings, PageDown/PageUp jump to the
 * next/previous group, Enter selects the cell. The fix and the related cells of the finding that
 * has focus follow it in the Tab order; those of the other findings are reached by moving there.
 *
 * Groups are whatever the caller makes of the findings (by section today; by form, or severity,
 * once a caller wants that), each with its own heading.
 */
import { Badge, Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { type KeyboardEvent, forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { MARK_COLORS } from '../core';
import type { Finding, Severity } from '../core';
import { RULE_TITLES, SEVERITY_KEYS, useI18n } from './i18n';
import { useViewStyles } from './styles';

export interface FindingGroup {
  /** stable id of the group (a section, a form index, a severity) */
  id: string;
  /** a heading above the group's own (the form, before the first group of each form) */
  heading?: string;
  title: string;
  findings: readonly Finding[];
}

/** A finding's key: its sheet, cell and rule, never its position, so a re-check keeps each finding's element. */
export function findingKey(f: Finding): string {
  return `${f.sheet}!${f.cell}#${f.rule}`;
}

/** Keys of a list of findings in order; a second finding of the same rule on the same cell gets `~2`, … */
export function findingKeys(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const k = findingKey(f);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}~${n}`;
  });
}

/** An id for the DOM made from a key (ids must not hold spaces; the rest is kept readable). */
const domId = (key: string) => `finding-${key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;

const BADGE_COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  finding: {
    borderLeft: '4px solid',
    paddingLeft: tokens.spacingHorizontalS,
    '@media (max-width: 240px)': { paddingLeft: tokens.spacingHorizontalXS },
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  findingHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  message: { margin: 0, overflowWrap: 'anywhere' },
  arithmetic: { margin: 0, color: tokens.colorNeutralForeground2, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  related: { margin: 0, display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  rule: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100, overflowWrap: 'anywhere', minWidth: 0 },
  fix: { alignSelf: 'flex-start', minWidth: 0, maxWidth: '100%', height: 'auto', whiteSpace: 'normal', overflowWrap: 'anywhere', textAlign: 'start' },
  badge: { minWidth: 0, maxWidth: '100%', height: 'auto', minHeight: '16px' },
  keys: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
});

export interface FindingListHandle {
  /** Move focus to a finding's cell button; false when no finding has that key. */
  focus(key: string): boolean;
  /** The keys of the findings shown, in order. */
  keys(): string[];
}

export interface FindingListProps {
  groups: readonly FindingGroup[];
  /** true while the pane is busy: the fix buttons stay focusable but do nothing */
  busy: boolean;
  /** the finding whose fix is being written */
  fixing: Finding | null;
  onSelect(sheet: string, cell: string): void;
  onFix(f: Finding, key: string): void;
}

export const FindingList = forwardRef<FindingListHandle, FindingListProps>(function FindingList({ groups, busy, fixing, onSelect, onFix }, ref) {
  const styles = { ...useViewStyles(), ...useStyles() };
  const { lang, t } = useI18n();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [active, setActive] = useState<string | null>(null);

  const keyed = groups.map((g) => {
    const keys = findingKeys(g.findings);
    return { ...g, items: g.findings.map((f, i) => ({ f, key: `${g.id}/${keys[i]}` })) };
  });
  const order = keyed.flatMap((g) => g.items.map((it) => it.key));
  const groupStarts = keyed.filter((g) => g.items.length > 0).map((g) => g.items[0].key);
  // the roving Tab stop: the finding last focused, else the first
  const current = active !== null && order.includes(active) ? active : (order[0] ?? null);

  const focusKey = (key: string): boolean => {
    const el = buttons.current.get(key);
    if (!el) return false;
    setActive(key);
    el.focus();
    return true;
  };
  useImperativeHandle(ref, () => ({ focus: focusKey, keys: () => order }));

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, key: string) => {
    const i = order.indexOf(key);
    const g = groupStarts.filter((s) => order.indexOf(s) <= i).length - 1;
    let target: string | undefined;
    if (e.key === 'ArrowDown') target = order[Math.min(i + 1, order.length - 1)];
    else if (e.key === 'ArrowUp') target = order[Math.max(i - 1, 0)];
    else if (e.key === 'Home') target = order[0];
    else if (e.key === 'End') target = order[order.length - 1];
    else if (e.key === 'PageDown') target = groupStarts[Math.min(g + 1, groupStarts.length - 1)];
    else if (e.key === 'PageUp') target = order.indexOf(groupStarts[g]) < i ? groupStarts[g] : groupStarts[Math.max(g - 1, 0)];
    if (target === undefined) return;
    e.preventDefault();
    focusKey(target);
  };

  return (
    <>
      <p id="findings-keys" className={styles.keys}>{t('findingsKeys')}</p>
      {keyed.map((g) => (
        <section key={g.id} aria-labelledby={`group-${g.id}`}>
          {g.heading && <h4 className={styles.h3}>{g.heading}</h4>}
          <h4 id={`group-${g.id}`} className={styles.h3}>{g.title}</h4>
          <ul className={styles.list}>
            {g.items.map(({ f, key }) => {
              const id = domId(key);
              const stop = key === current ? 0 : -1;
              const inside = key === current ? 0 : -1;
              const related = [...new Set(f.related ?? [])].filter((c) => c !== f.cell);
              const title = RULE_TITLES[f.rule]?.[lang];
              return (
                <li
                  key={key}
                  className={styles.finding}
                  style={{ borderLeftColor: MARK_COLORS[f.severity] }}
                  onFocus={() => setActive(key)}
                  onKeyDown={(e) => onKeyDown(e, key)}
                >
                  <div className={styles.findingHead}>
                    <Badge id={`${id}-severity`} className={styles.badge} color={BADGE_COLOR[f.severity]} appearance="filled" size="small">{t(SEVERITY_KEYS[f.severity])}</Badge>
                    <Link
                      as="button"
                      ref={(el: HTMLButtonElement | null) => {
                        if (el) buttons.current.set(key, el);
                        else buttons.current.delete(key);
                      }}
                      tabIndex={stop}
                      data-finding={key}
                      onClick={() => onSelect(f.sheet, f.cell)}
                      aria-label={t('goToCell', { cell: f.cell })}
                      aria-describedby={`${id}-severity ${id}-message`}
                    >
                      {f.cell}
                    </Link>
                    <span className={styles.rule}>
                      {title ?? ''}
                      {/* the id helps whoever looks the rule up; read aloud only where it is the UI's language */}
                      <span aria-hidden={lang === 'zh' ? true : undefined} lang="en">{title ? ` · ${f.rule}` : f.rule}</span>
                    </span>
                  </div>
                  <p id={`${id}-message`} className={styles.message}>{f.message[lang]}</p>
                  {f.arithmetic && (
                    <p className={styles.arithmetic}>
                      {t('arithmetic')}
                      <span>{f.arithmetic[lang]}</span>
                    </p>
                  )}
                  {related.length > 0 && (
                    <p className={styles.related}>
                      {t('relatedCells')}
                      {related.map((cell) => (
                        <Link key={cell} as="button" tabIndex={inside} onClick={() => onSelect(f.sheet, cell)} aria-label={t('goToCell', { cell })}>
                          {cell}
                        </Link>
                      ))}
                    </p>
                  )}
                  {f.fix && (
                    <Button
                      className={styles.fix}
                      size="small"
                      tabIndex={inside}
                      disabledFocusable={busy}
                      onClick={() => onFix(f, key)}
                    >
                      {fixing === f ? t('fixing') : t('fixButton', { cell: f.fix.cell, value: f.fix.display })}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
});
