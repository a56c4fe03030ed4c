/**
 * The sign-in page opened in the Office dialog (auth.html) on hosts without nested app
 * authentication. It runs MSAL's redirect flow in the dialog's own window and sends the token to the
 * pane with `Office.context.ui.messageParent`
 * (learn.microsoft.com/office/dev/add-ins/develop/auth-with-office-dialog-api). The redirect
 * URI is this page's address without query, which the app registration lists as an SPA redirect URI.
 */
import type { DialogMessage, MsalResult } from './naa';

/** The members of MSAL's PublicClientApplication the redirect flow uses. */
export interface RedirectClient {
  initialize(): Promise<void>;
  handleRedirectPromise(): Promise<MsalResult | null>;
  acquireTokenRedirect(request: { scopes: string[]; redirectUri: string }): Promise<void>;
}

export interface RedirectConfig {
  auth: { clientId: string; authority: string; redirectUri: string };
  cache: { cacheLocation: 'sessionStorage' };
}

const STORE_KEY = 'jixiao.auth-dialog';

/**
 * One load of the dialog page: the first load (query: clientId, authority, scopes) remembers the
 * request and redirects to the sign-in; the load after the redirect receives the token and sends it.
 */
export async function runAuthDialog(
  pageUrl: string,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
  create: (config: RedirectConfig) => RedirectClient,
  messageParent: (message: string) => void,
): Promise<'sent' | 'redirecting'> {
  const url = new URL(pageUrl);
  const q = url.searchParams;
  if (q.get('clientId')) storage.setItem(STORE_KEY, JSON.stringify({ clientId: q.get('clientId'), authority: q.get('authority'), scopes: q.get('scopes') }));
  const saved = JSON.parse(storage.getItem(STORE_KEY) ?? 'null') as { clientId: string; authority: string; scopes: string } | null;
  const send = (m: DialogMessage) => messageParent(JSON.stringify(m));
  if (!saved?.clientId) {
    send({ type: 'error', code: 'no_client_id', message: 'the sign-in page was opened without the app id' });
    return 'sent';
  }
  const redirectUri = `${url.origin}${url.pathname}`;
  try {
    const pca = create({ auth: { clientId: saved.clientId, authority: saved.authority || 'https://login.microsoftonline.com/common', redirectUri }, cache: { cacheLocation: 'sessionStorage' } });
    await pca.initialize();
    const result = await pca.handleRedirectPromise();
    if (result) {
      storage.removeItem(STORE_KEY);
      send({ type: 'token', accessToken: result.accessToken, expiresOn: result.expiresOn ? result.expiresOn.getTime() : null });
      return 'sent';
    }
    await pca.acquireTokenRedirect({ scopes: saved.scopes.split(' ').filter(Boolean), redirectUri });
    return 'redirecting';
  } catch (e) {
    const err = e as { errorCode?: string; message?: string };
    storage.removeItem(STORE_KEY);
    send({ type: 'error', code: err.errorCode ?? 'sign_in', message: err.message ?? String(e) });
    return 'sent';
  }
}
