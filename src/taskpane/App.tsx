/**
 * The task pane. It knows nothing of Excel: everything it does to the workbook goes through the
 * PaneHost it is given. The validate view is in the first chunk; settings and the review row are
 * loaded when first opened.
 */
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { PaneContext, type PaneContextValue } from './context';
import { ErrorBars, type Operation, type PaneError, toPaneError } from './errors';
import type { Localized } from '../core';
import type { PaneHost, PaneSettings } from '../host';
import { I18nContext, type Lang, translate } from './i18n';
import { type OfficeThemeInfo, themeFor } from './theme';
import { ValidateView } from './ValidateView';

const SettingsView = lazy(() => import(/* webpackChunkName: "settings" */ './SettingsView'));
const ReviewView = lazy(() => import(/* webpackChunkName: "review" */ './ReviewView'));

export interface AppProps {
  host: PaneHost;
  /** Office.context.officeTheme when running in Office */
  officeTheme?: OfficeThemeInfo;
  /** language before the saved settings are read (zh-CN by default) */
  initialLang?: Lang;
  /** the view to open with (the ribbon's 生成审核行 opens the pane on `review`) */
  initialView?: View;
}

export type View = 'validate' | 'review' | 'settings';

/**
 * The browser's 8 px body margin would frame the pane (white in the dark theme) and narrow it.
 * Set through the CSSOM: Griffel's ahead-of-time loader turns makeStaticStyles into an export
 * @fluentui/react-components does not have.
 */
function useBodyMarginReset(): void {
  useLayoutEffect(() => {
    document.body.style.margin = '0';
  }, []);
}

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    // long words and ids break rather than overflow a narrow or zoomed pane (inherited by everything)
    overflowWrap: 'anywhere',
    // 400 % zoom of a 320 px pane leaves 80 CSS px: keep the margins small there
    '@media (max-width: 240px)': { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}` },
  },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0, overflowWrap: 'anywhere', minWidth: 0 },
  language: { minWidth: 0, maxWidth: '100%' },
  // the tabs wrap onto a second line in a narrow or zoomed pane instead of being cut off
  tabs: { flexWrap: 'wrap', minWidth: 0 },
  tab: { minWidth: 0, maxWidth: '100%', flexShrink: 1 },
  tabContent: { whiteSpace: 'normal', minWidth: 0 },
  banner: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  main: { minWidth: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});

/** The destination is remembered without the server token (see token-store.ts). */
function withoutToken(s: PaneSettings): PaneSettings {
  const d = s.destination;
  if (d?.kind !== 'server' || !d.token) return s;
  return { ...s, destination: { ...d, token: '' } };
}

export function App({ host, officeTheme, initialLang = 'zh', initialView = 'validate' }: AppProps) {
  useBodyMarginReset();
  const styles = useStyles();
  const [lang, setLang] = useState<Lang>(initialLang);
  const [settings, setSettings] = useState<PaneSettings>({ engine: {} });
  const [ready, setReady] = useState(false);
  const [errors, setErrors] = useState<PaneError[]>([]);
  /** a damaged part of the saved settings, replaced by its default (said, never silent) */
  const [damaged, setDamaged] = useState<Localized | null>(null);
  const [view, setView] = useState<View>(initialView);
  const [visited, setVisited] = useState<ReadonlySet<View>>(() => new Set<View>([initialView]));
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const readyRef = useRef(ready);
  readyRef.current = ready;

  const fail = useCallback((op: Operation, err: unknown) => {
    setErrors((list) => [...list, toPaneError(op, err)]);
  }, []);

  useEffect(() => {
    let live = true;
    host.loadSettings().then(
      ({ damaged: bad, ...s }) => {
        if (!live) return;
        setDamaged(bad ?? null);
        setSettings({ ...s, engine: s.engine ?? {} });
        if (s.lang === 'zh' || s.lang === 'en') setLang(s.lang);
        setReady(true);
      },
      (err: unknown) => {
        if (!live) return;
        fail('load', err);
        setReady(true);
      },
    );
    return () => {
      live = false;
    };
  }, [host, fail]);

  const save = useCallback(
    async (next: PaneSettings): Promise<boolean> => {
      try {
        await host.saveSettings(withoutToken(next));
        setSettings(next);
        return true;
      } catch (err) {
        fail('save', err);
        return false;
      }
    },
    [host, fail],
  );

  const switchLanguage = useCallback(() => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    setLang(next);
    // before the saved settings are read, saving would overwrite them with the defaults
    if (readyRef.current) void save({ ...settingsRef.current, lang: next });
  }, [lang, save]);

  const i18n = useMemo(() => ({ lang, t: (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params) }), [lang]);
  const pane = useMemo<PaneContextValue>(() => ({ host, settings, ready, save, fail }), [host, settings, ready, save, fail]);
  const { t } = i18n;

  const select = (v: View) => {
    setView(v);
    setVisited((s) => (s.has(v) ? s : new Set([...s, v])));
  };

  return (
    <FluentProvider theme={themeFor(officeTheme)} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <I18nContext.Provider value={i18n}>
        <PaneContext.Provider value={pane}>
          <div className={styles.root}>
            {/* every part of the pane is in a landmark: the header (title, language, the views' tabs) and main */}
            <header className={styles.banner}>
              <div className={styles.header}>
                <h1 className={styles.title}>{t('appTitle')}</h1>
                {/* named by what it shows (the other language's name), described by what it does */}
                <Button className={styles.language} size="small" onClick={switchLanguage} aria-describedby="switch-language-what" lang={lang === 'zh' ? 'en' : 'zh-CN'}>
                  {t('switchLanguage')}
                </Button>
                <span id="switch-language-what" hidden>{t('switchLanguageLabel')}</span>
              </div>
              {/* aria-controls only names a panel that is rendered (review and settings load when first opened) */}
              <TabList className={styles.tabs} selectedValue={view} onTabSelect={(_, d) => select(d.value as View)} aria-label={t('tabsLabel')}>
                <Tab className={styles.tab} content={{ className: styles.tabContent }} value="validate" id="tab-validate" aria-controls="panel-validate">{t('tabValidate')}</Tab>
                <Tab className={styles.tab} content={{ className: styles.tabContent }} value="review" id="tab-review" aria-controls={visited.has('review') ? 'panel-review' : undefined}>{t('tabReview')}</Tab>
                <Tab className={styles.tab} content={{ className: styles.tabContent }} value="settings" id="tab-settings" aria-controls={visited.has('settings') ? 'panel-settings' : undefined}>{t('tabSettings')}</Tab>
              </TabList>
            </header>
            <main className={styles.main}>
              <ErrorBars errors={errors} onDismiss={(id) => setErrors((list) => list.filter((e) => e.id !== id))} />
              {damaged && (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{t('settingsDamaged')}</MessageBarTitle>
                    {damaged[lang]}
                  </MessageBarBody>
                  <MessageBarActions>
                    <Button appearance="transparent" size="small" onClick={() => setDamaged(null)} aria-label={t('dismiss')}>
                      {t('dismiss')}
                    </Button>
                  </MessageBarActions>
                </MessageBar>
              )}
              {!ready && <Spinner size="tiny" label={t('loadingSettings')} />}
              <section id="panel-validate" role="tabpanel" aria-labelledby="tab-validate" hidden={view !== 'validate'}>
                <ValidateView />
              </section>
              {visited.has('review') && (
                <section id="panel-review" role="tabpanel" aria-labelledby="tab-review" hidden={view !== 'review'}>
                  <Suspense fallback={<Spinner size="small" label={t('loadingView')} />}>
                    <ReviewView />
                  </Suspense>
                </section>
              )}
              {visited.has('settings') && (
                <section id="panel-settings" role="tabpanel" aria-labelledby="tab-settings" hidden={view !== 'settings'}>
                  <Suspense fallback={<Spinner size="small" label={t('loadingView')} />}>
                    <SettingsView />
                  </Suspense>
                </section>
              )}
            </main>
          </div>
        </PaneContext.Provider>
      </I18nContext.Provider>
    </FluentProvider>
  );
}
