/**
 * The nested-app-authentication token provider: silent first, a popup only when silent sign-in
 * fails, one MSAL instance per provider. MSAL itself is replaced by a recording fake — it needs a
 * real Office host to sign in.
 */
const calls: string[] = [];
let silentFails = false;
const created: unknown[] = [];

jest.mock('@azure/msal-browser', () => ({
  createNestablePublicClientApplication: async (config: unknown) => {
    created.push(config);
    return {
      getActiveAccount: () => null,
      getAllAccounts: () => [{ username: 'reviewer@contoso.com' }],
      acquireTokenSilent: async (req: { scopes: string[]; account?: { username: string } }) => {
        calls.push(`silent ${req.scopes.join(' ')} ${req.account?.username ?? '-'}`);
        if (silentFails) throw new Error('interaction_required');
        return { accessToken: 'silent-token' };
      },
      acquireTokenPopup: async (req: { scopes: string[] }) => {
        calls.push(`popup ${req.scopes.join(' ')}`);
        return { accessToken: 'popup-token' };
      },
    };
  },
}));

import { GRAPH_SCOPES, NestedAppAuthTokens } from './graph';

beforeEach(() => {
  calls.length = 0;
  created.length = 0;
  silentFails = false;
});

it('gets a token silently for the signed-in account, creating MSAL once', async () => {
  const p = new NestedAppAuthTokens('11111111-2222-3333-4444-555555555555');
  expect(await p.getToken(GRAPH_SCOPES)).toBe('silent-token');
  expect(await p.getToken(GRAPH_SCOPES)).toBe('silent-token');
  expect(created).toEqual([{ auth: { clientId: '11111111-2222-3333-4444-555555555555', authority: 'https://login.microsoftonline.com/common' } }]);
  expect(calls).toEqual(['silent Files.ReadWrite reviewer@contoso.com', 'silent Files.ReadWrite reviewer@contoso.com']);
});

it('falls back to a popup when silent sign-in needs interaction', async () => {
  silentFails = true;
  const p = new NestedAppAuthTokens('app-id', 'https://login.microsoftonline.com/contoso.onmicrosoft.com');
  expect(await p.getToken(GRAPH_SCOPES)).toBe('popup-token');
  expect(calls).toEqual(['silent Files.ReadWrite reviewer@contoso.com', 'popup Files.ReadWrite']);
});
