/** Entry of auth.html (webpack): the Office dialog's sign-in page, see src/review/auth-dialog.ts. */
import { PublicClientApplication } from '@azure/msal-browser';
import { runAuthDialog, type RedirectClient } from '../review/auth-dialog';

declare const Office: { onReady(): Promise<unknown>; context: { ui: { messageParent(message: string): void } } };

void Office.onReady().then(() =>
  runAuthDialog(location.href, sessionStorage, (config) => new PublicClientApplication(config) as unknown as RedirectClient, (m) => Office.context.ui.messageParent(m)),
);
