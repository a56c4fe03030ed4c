/**
 * Sign-in for Graph, both paths, against a STAND-IN for MSAL that follows MSAL's documented contract
 * (not a mock of the library): `createNestablePublicClientApplication` resolves to an initialised
 * client; `acquireTokenSilent` throws MSAL's own `InteractionRequiredAuthError` when the scopes were
 * never consented; `acquireTokenPopup` consents and signs the account in, or throws MSAL's
 * `BrowserAuthError` `user_cancelled`; a `PublicClientApplication` must be `initialize()`d before use,
 * `handleRedirectPromise()` resolves null on a page load that is not a redirect back and the result
 * after one, and `acquireTokenRedirect` navigates away. Office's `displayDialogAsync` /
 * `messageParent` are stood in for the same way.
 */
import { BrowserAuthError, InteractionRequiredAuthError } from '@azure/msal-browser';
import { runAuthDialog, type RedirectClient, type RedirectConfig } from '../../src/review/auth-dialog';
import { GRAPH_SCOPES, GRAPH_SITE_SCOPES } from '../../src/review/graph';
import { DialogTokens, graphTokens, type MsalAccount, type MsalClient, type MsalResult, type OfficeDialog, type OfficeDialogUi, SignInError } from '../../src/review/naa';

const ACCOUNT: MsalAccount = { homeAccountId: 'uid.tid', username: 'reviewer@contoso.com' };

/** The identity platform's side: which scopes the user consented to, and whether they cancel. */
class Directory {
  consented = new Set<string>();
  cancel = false;
  issued: string[] = [];
  token(scopes: string[]): MsalResult {
    const accessToken = `at:${[...scopes].sort().join('+')}`;
    this.issued.push(accessToken);
    return { accessToken, account: ACCOUNT, expiresOn: new Date(Date.now() + 3600_000), scopes };
  }
}

class NestableStandIn implements MsalClient {
  calls: string[] = [];
  private active: MsalAccount | null = null;
  constructor(private readonly dir: Directory, private readonly hostSignedIn = true) {}
  getActiveAccount() {
    return this.active;
  }
  getAllAccounts() {
    return this.hostSignedIn || this.active ? [ACCOUNT] : [];
  }
  setActiveAccount(a: MsalAccount | null) {
    this.active = a;
  }
  async acquireTokenSilent(req: { scopes: string[]; account?: MsalAccount }) {
    this.calls.push(`silent ${req.scopes.join(' ')} ${req.account?.username ?? '-'}`);
    if (!req.scopes.every((s) => this.dir.consented.has(s))) throw new InteractionRequiredAuthError('consent_required', 'AADSTS65001: consent required');
    return this.dir.token(req.scopes);
  }
  async acquireTokenPopup(req: { scopes: string[] }) {
    this.calls.push(`popup ${req.scopes.join(' ')}`);
    if (this.dir.cancel) throw new BrowserAuthError('user_cancelled', 'corr-1');
    for (const s of req.scopes) this.dir.consented.add(s);
    return this.dir.token(req.scopes);
  }
}

class RedirectStandIn implements RedirectClient {
  private initialized = false;
  constructor(
    readonly config: RedirectConfig,
    private readonly dir: Directory,
    private readonly page: { url: string; navigateTo?: string },
  ) {}
  private need() {
    if (!this.initialized) throw new BrowserAuthError('uninitialized_public_client_application', 'corr-1');
  }
  async initialize() {
    this.initialized = true;
  }
  async handleRedirectPromise() {
    this.need();
    const m = /#code=([^&]+)&scopes=(.*)$/.exec(this.page.url);
    return m ? this.dir.token(decodeURIComponent(m[2]).split(' ')) : null;
  }
  async acquireTokenRedirect(req: { scopes: string[]; redirectUri: string }) {
    this.need();
    if (this.dir.cancel) throw new BrowserAuthError('user_cancelled', 'corr-1');
    for (const s of req.scopes) this.dir.consented.add(s);
    // the identity platform sends the browser back to the redirect URI with the code
    this.page.navigateTo = `${req.redirectUri}#code=abc&scopes=${encodeURIComponent(req.scopes.join(' '))}`;
  }
}

/** Office.context.ui.displayDialogAsync: loads the page in a fresh window, follows its redirects, passes messageParent on. */
class OfficeUiStandIn implements OfficeDialogUi {
  opened: string[] = [];
  redirectUris: string[] = [];
  closed = 0;
  constructor(private readonly dir: Directory) {}
  displayDialogAsync(url: string, _o: { height: number; width: number }, cb: Parameters<OfficeDialogUi['displayDialogAsync']>[2]) {
    this.opened.push(url);
    const handlers: Record<string, (arg: { message?: string; error?: number }) => void> = {};
    const dialog: OfficeDialog = {
      addEventHandler: (type, h) => void (handlers[type] = h),
      close: () => void this.closed++,
    };
    cb({ status: 'succeeded', value: dialog });
    const storage = new Map<string, string>();
    const session = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) };
    void (async () => {
      let page: { url: string; navigateTo?: string } = { url };
      for (let loads = 0; loads < 3; loads++) {
        const outcome = await runAuthDialog(page.url, session, (c) => {
          this.redirectUris.push(c.auth.redirectUri);
          return new RedirectStandIn(c, this.dir, page);
        }, (m) => handlers.dialogMessageReceived?.({ message: m }));
        if (outcome === 'sent' || !page.navigateTo) return;
        page = { url: page.navigateTo };
      }
    })();
  }
}

describe('nested app authentication (hosts with NestedAppAuth 1.1)', () => {
  it('is chosen when the host supports NestedAppAuth 1.1; silent when consented, creating MSAL once', async () => {
    const dir = new Directory();
    dir.consented.add('Files.ReadWrite.All');
    const standIn = new NestableStandIn(dir);
    const created: unknown[] = [];
    const checked: string[] = [];
    const p = graphTokens('11111111-2222-3333-4444-555555555555', { isSetSupported: (n, v) => (checked.push(`${n} ${v}`), true) }, undefined, async () => ({
      createNestablePublicClientApplication: async (config: unknown) => (created.push(config), standIn),
    }) as unknown as typeof import('@azure/msal-browser'));
    expect(p.kind).toBe('naa');
    expect(checked).toEqual(['NestedAppAuth 1.1']);
    expect(await p.getToken(GRAPH_SCOPES)).toBe('at:Files.ReadWrite.All');
    expect(await p.getToken(GRAPH_SCOPES)).toBe('at:Files.ReadWrite.All');
    expect(created).toEqual([{ auth: { clientId: '11111111-2222-3333-4444-555555555555', authority: 'https://login.microsoftonline.com/common' } }]);
    expect(standIn.calls).toEqual(['silent Files.ReadWrite.All reviewer@contoso.com', 'silent Files.ReadWrite.All reviewer@contoso.com']);
  });

  it('asks for consent with a popup only when MSAL says interaction is required, incrementally per scope set', async () => {
    const dir = new Directory();
    dir.consented.add('Files.ReadWrite.All');
    const standIn = new NestableStandIn(dir, false);
    const p = graphTokens('app', { isSetSupported: () => true }, undefined, async () => ({ createNestablePublicClientApplication: async () => standIn }) as unknown as typeof import('@azure/msal-browser'));
    expect(await p.getToken(GRAPH_SCOPES)).toBe('at:Files.ReadWrite.All');
    expect(await p.getToken(GRAPH_SITE_SCOPES)).toBe('at:Files.ReadWrite.All+Sites.ReadWrite.All');
    expect(await p.getToken(GRAPH_SITE_SCOPES)).toBe('at:Files.ReadWrite.All+Sites.ReadWrite.All');
    expect(standIn.calls).toEqual([
      'silent Files.ReadWrite.All -',
      'silent Files.ReadWrite.All Sites.ReadWrite.All -',
      'popup Files.ReadWrite.All Sites.ReadWrite.All',
      'silent Files.ReadWrite.All Sites.ReadWrite.All reviewer@contoso.com',
    ]);
  });

  it('a cancelled popup is a plain sign-in error, not a token', async () => {
    const dir = new Directory();
    dir.cancel = true;
    const p = graphTokens('app', { isSetSupported: () => true }, undefined, async () => ({ createNestablePublicClientApplication: async () => new NestableStandIn(dir) }) as unknown as typeof import('@azure/msal-browser'));
    const err = (await p.getToken(GRAPH_SCOPES).catch((e: unknown) => e)) as SignInError;
    expect(err).toBeInstanceOf(SignInError);
    expect(err.text.zh).toBe('登录已取消，未写入任何内容');
    expect(dir.issued).toEqual([]);
  });
});

it('a host whose NAA broker fails to start gives a sign-in error naming the cause, and is tried again next time', async () => {
  let attempts = 0;
  const p = graphTokens('app', { isSetSupported: () => true }, undefined, async () => ({
    createNestablePublicClientApplication: async () => {
      attempts++;
      throw new BrowserAuthError('nested_app_auth_bridge_disabled', 'corr-2');
    },
  }) as unknown as typeof import('@azure/msal-browser'));
  const err = (await p.getToken(GRAPH_SCOPES).catch((e: unknown) => e)) as SignInError;
  expect(err).toBeInstanceOf(SignInError);
  expect(err.text.zh).toContain('nested_app_auth_bridge_disabled');
  await p.getToken(GRAPH_SCOPES).catch(() => undefined);
  expect(attempts).toBe(2);
});

describe('the Office dialog (hosts without NestedAppAuth 1.1)', () => {
  it('opens auth.html beside the pane, which signs in by redirect and sends the token back; kept in memory per scope set', async () => {
    const dir = new Directory();
    const ui = new OfficeUiStandIn(dir);
    const p = graphTokens('app-id', { isSetSupported: () => false, ui, location: 'https://addin.contoso.com/taskpane.html?view=review' });
    expect(p.kind).toBe('dialog');
    expect(await p.getToken(GRAPH_SCOPES)).toBe('at:Files.ReadWrite.All');
    expect(await p.getToken(GRAPH_SCOPES)).toBe('at:Files.ReadWrite.All');
    expect(await p.getToken(GRAPH_SITE_SCOPES)).toBe('at:Files.ReadWrite.All+Sites.ReadWrite.All');
    expect(ui.opened).toHaveLength(2);
    expect(new URL(ui.opened[0]).origin + new URL(ui.opened[0]).pathname).toBe('https://addin.contoso.com/auth.html');
    expect(Object.fromEntries(new URL(ui.opened[0]).searchParams)).toEqual({ clientId: 'app-id', authority: 'https://login.microsoftonline.com/common', scopes: 'Files.ReadWrite.All' });
    // the redirect URI to register: the page itself, without query
    expect(new Set(ui.redirectUris)).toEqual(new Set(['https://addin.contoso.com/auth.html']));
    expect(ui.closed).toBe(2);
  });

  it('a sign-in cancelled in the dialog rejects with a plain message', async () => {
    const dir = new Directory();
    dir.cancel = true;
    const p = new DialogTokens(new OfficeUiStandIn(dir), 'https://addin.contoso.com/auth.html', 'app-id');
    const err = (await p.getToken(GRAPH_SCOPES).catch((e: unknown) => e)) as SignInError;
    expect(err).toBeInstanceOf(SignInError);
    expect(err.text.zh).toBe('登录已取消，未写入任何内容');
  });

  it('without Office at all it says where sign-in works', () => {
    expect(() => graphTokens('app-id', {})).toThrow(/在 Excel 中使用加载项/);
  });
});
