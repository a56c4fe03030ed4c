/**
 * Signing the reviewer in for Microsoft Graph, in the task pane. Browser-safe; MSAL is loaded lazily
 * so the pane's first bundle does not carry it.
 *
 * - Nested app authentication (NAA) where the host supports it:
 *   `Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')`
 *   (learn.microsoft.com/javascript/api/requirement-sets/common/nested-app-auth-requirement-sets),
 *   with `createNestablePublicClientApplication`; silent first, a popup only when MSAL says
 *   interaction is required (`InteractionRequiredAuthError`), scopes asked for incrementally
 *   (learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in).
 * - Otherwise the Office dialog API: the sign-in page cannot run in the pane's iframe, so
 *   `Office.context.ui.displayDialogAsync` opens auth.html (src/review/auth-dialog.ts) from the
 *   add-in's own origin; it signs in with MSAL's redirect flow and sends the token back with
 *   `messageParent` (learn.microsoft.com/office/dev/add-ins/develop/auth-with-office-dialog-api).
 *   The token is kept in memory only, never saved.
 */
import type { Localized } from '../core';
import { type Params, LocalizedError, catalogue, localize } from '../core';
import type { GraphTokenProvider } from './graph';

export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com/common';
/** The dialog page, relative to the pane (webpack emits it beside taskpane.html). */
export const AUTH_DIALOG_PAGE = 'auth.html';

/** The members of MSAL's IPublicClientApplication this module uses (MSAL's documented contract). */
export interface MsalClient {
  getActiveAccount(): MsalAccount | null;
  getAllAccounts(): MsalAccount[];
  setActiveAccount(account: MsalAccount | null): void;
  acquireTokenSilent(request: { scopes: string[]; account?: MsalAccount }): Promise<MsalResult>;
  acquireTokenPopup(request: { scopes: string[] }): Promise<MsalResult>;
}
export interface MsalAccount {
  homeAccountId: string;
  username: string;
}
export interface MsalResult {
  accessToken: string;
  account: MsalAccount | null;
  expiresOn: Date | null;
  scopes: string[];
}

export class SignInError extends LocalizedError {
  constructor(
    public readonly code: string,
    text: Localized,
  ) {
    super(text);
  }
}

/** What signing in to Microsoft 365 says. */
const SIGN_IN_MESSAGES = catalogue({
  cancelled: { zh: '登录已取消，未写入任何内容', en: 'sign-in was cancelled; nothing was written' },
  failed: {
    zh: '无法登录 Microsoft 365（{detail}）：请检查加载项的应用 ID 和应用注册（见 docs/destinations.md）',
    en: 'cannot sign in to Microsoft 365 ({detail}): check the add-in\'s app id and its registration (see docs/destinations.md)',
  },
  dialogBlocked: { zh: '无法打开登录窗口（{detail}）：请允许弹出窗口后重试', en: 'cannot open the sign-in window ({detail}): allow pop-ups and retry' },
  dialogUnreadable: { zh: '登录窗口返回了无法识别的内容', en: 'the sign-in window answered something unreadable' },
  dialogClosed: { zh: '登录窗口已关闭，未写入任何内容', en: 'the sign-in window was closed; nothing was written' },
  dialogFailed: { zh: '登录窗口出错（{code}）', en: 'the sign-in window failed ({code})' },
  noHost: { zh: '此处无法登录 Microsoft 365：请在 Excel 中使用加载项', en: 'cannot sign in to Microsoft 365 here: use the add-in in Excel' },
});

const say = (key: keyof typeof SIGN_IN_MESSAGES, params?: Params): Localized => localize(SIGN_IN_MESSAGES, key, params);

/** MSAL's InteractionRequiredAuthError (and the codes it documents for it), without importing MSAL. */
function interactionRequired(e: unknown): boolean {
  const err = e as { name?: string; errorCode?: string };
  return err?.name === 'InteractionRequiredAuthError' || ['interaction_required', 'consent_required', 'login_required', 'no_tokens_found'].includes(err?.errorCode ?? '');
}

function signInFailed(e: unknown): SignInError {
  const err = e as { errorCode?: string; message?: string };
  if (err?.errorCode === 'user_cancelled') return new SignInError('cancelled', say('cancelled'));
  return new SignInError(err?.errorCode ?? 'sign_in', say('failed', { detail: String(err?.errorCode ?? err?.message ?? e) }));
}

/** Tokens from an MSAL client (NAA's nestable one): silent, then a popup when interaction is required. */
export class MsalTokens implements GraphTokenProvider {
  private pca: Promise<MsalClient> | null = null;

  constructor(private readonly create: () => Promise<MsalClient>) {}

  async getToken(scopes: string[]): Promise<string> {
    this.pca ??= this.create();
    let pca: MsalClient;
    try {
      pca = await this.pca;
    } catch (e) {
      this.pca = null; // try again next time (the host's sign-in broker may come up later)
      throw signInFailed(e);
    }
    const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    try {
      const r = await pca.acquireTokenSilent({ scopes, ...(account ? { account } : {}) });
      return r.accessToken;
    } catch (e) {
      if (!interactionRequired(e)) throw signInFailed(e);
    }
    try {
      const r = await pca.acquireTokenPopup({ scopes });
      if (r.account) pca.setActiveAccount(r.account);
      return r.accessToken;
    } catch (e) {
      throw signInFailed(e);
    }
  }
}

/** Office's dialog API, as far as this module uses it (Office.context.ui). */
export interface OfficeDialogUi {
  displayDialogAsync(
    url: string,
    options: { height: number; width: number; promptBeforeOpen?: boolean },
    callback: (result: { status: 'succeeded' | 'failed'; value: OfficeDialog; error?: { code: number; message: string } }) => void,
  ): void;
}
export interface OfficeDialog {
  addEventHandler(type: 'dialogMessageReceived' | 'dialogEventReceived', handler: (arg: { message?: string; origin?: string; error?: number }) => void): void;
  close(): void;
}

/** What auth.html sends back with messageParent. */
export type DialogMessage = { type: 'token'; accessToken: string; expiresOn: number | null } | { type: 'error'; code: string; message: string };

/** Tokens through the Office dialog (hosts without NAA 1.1). Kept in memory per scope set until shortly before expiry. */
export class DialogTokens implements GraphTokenProvider {
  private cache = new Map<string, { token: string; expiresOn: number | null }>();

  constructor(
    private readonly ui: OfficeDialogUi,
    /** absolute URL of auth.html on the add-in's origin */
    private readonly dialogUrl: string,
    private readonly clientId: string,
    private readonly authority = DEFAULT_AUTHORITY,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async getToken(scopes: string[]): Promise<string> {
    const key = [...scopes].sort().join(' ');
    const hit = this.cache.get(key);
    if (hit && (hit.expiresOn === null || hit.expiresOn - this.now() > 5 * 60_000)) return hit.token;
    const url = `${this.dialogUrl}?${new URLSearchParams({ clientId: this.clientId, authority: this.authority, scopes: scopes.join(' ') }).toString()}`;
    const msg = await new Promise<DialogMessage>((resolve, reject) => {
      this.ui.displayDialogAsync(url, { height: 60, width: 30 }, (res) => {
        if (res.status !== 'succeeded') {
          reject(new SignInError('dialog', say('dialogBlocked', { detail: `${res.error?.code ?? ''} ${res.error?.message ?? ''}` })));
          return;
        }
        const dialog = res.value;
        dialog.addEventHandler('dialogMessageReceived', (arg) => {
          dialog.close();
          try {
            resolve(JSON.parse(arg.message ?? '') as DialogMessage);
          } catch {
            reject(new SignInError('dialog', say('dialogUnreadable')));
          }
        });
        dialog.addEventHandler('dialogEventReceived', (arg) => {
          // 12006: the user closed the dialog
          reject(arg.error === 12006 ? new SignInError('cancelled', say('dialogClosed')) : new SignInError('dialog', say('dialogFailed', { code: String(arg.error) })));
        });
      });
    });
    if (msg.type === 'error') throw signInFailed({ errorCode: msg.code, message: msg.message });
    this.cache.set(key, { token: msg.accessToken, expiresOn: msg.expiresOn });
    return msg.accessToken;
  }
}

/** What the pane's host offers for sign-in (Office.js in Excel; the demo host's stand-in in the demo). */
export interface SignInHost {
  /** Office.context.requirements.isSetSupported */
  isSetSupported?(name: string, version: string): boolean;
  /** Office.context.ui */
  ui?: OfficeDialogUi;
  /** the pane's own URL, to find auth.html beside it */
  location?: string;
}

/**
 * The demo host's sign-in (src/demo/office-sim.ts): it replaces Office.js, so it also stands in for
 * the host's sign-in, with a token for the Graph double the demo serves and that double's address.
 */
export interface DemoSignIn {
  tokens: GraphTokenProvider;
  graphBase: string;
}

declare global {
  interface Window {
    jixiaoDemoSignIn?: DemoSignIn;
  }
}

/** The Office.js the pane runs under, as a SignInHost (undefined outside Office). */
export function officeSignInHost(): SignInHost {
  const office = (globalThis as unknown as { Office?: { context?: { requirements?: { isSetSupported(n: string, v: string): boolean }; ui?: OfficeDialogUi } } }).Office;
  const req = office?.context?.requirements;
  return {
    isSetSupported: req ? (n, v) => req.isSetSupported(n, v) : undefined,
    ui: office?.context?.ui,
    location: typeof location !== 'undefined' ? location.href : undefined,
  };
}

/** Pick the sign-in: NAA when the host supports NestedAppAuth 1.1, the Office dialog otherwise. */
export function graphTokens(clientId: string, host: SignInHost = officeSignInHost(), authority = DEFAULT_AUTHORITY, loadMsal: () => Promise<typeof import('@azure/msal-browser')> = () => import('@azure/msal-browser')): GraphTokenProvider & { kind: 'naa' | 'dialog' } {
  if (host.isSetSupported?.('NestedAppAuth', '1.1')) {
    const p = new MsalTokens(async () => (await loadMsal()).createNestablePublicClientApplication({ auth: { clientId, authority } }) as unknown as MsalClient);
    return Object.assign(p, { kind: 'naa' as const });
  }
  if (!host.ui || !host.location) {
    throw new SignInError('no_host', say('noHost'));
  }
  const p = new DialogTokens(host.ui, new URL(AUTH_DIALOG_PAGE, host.location).href, clientId, authority);
  return Object.assign(p, { kind: 'dialog' as const });
}
