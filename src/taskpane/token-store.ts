/**
 * The review server's token is kept on this computer (localStorage), never in the workbook:
 * a 附件1 workbook travels between offices, and the token must not travel with it.
 */
const PREFIX = 'jixiao-check.token:';

export function loadToken(url: string): string {
  try {
    return globalThis.localStorage?.getItem(PREFIX + url) ?? '';
  } catch {
    return ''; // storage disabled: the reviewer types the token again
  }
}

export function storeToken(url: string, token: string): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + url, token);
  } catch {
    // storage disabled: nothing to remember it in; the append itself is unaffected
  }
}
