/** The office token for `review --server` (kept apart from src/cli/token.ts, which loads the stores). */
import { readFileSync } from 'node:fs';
import { both } from './messages';

export const TOKEN_ENV = 'JIXIAO_TOKEN';

/**
 * The token for `review --server`: `--token-file F` (first line), else `--token T`, else the
 * JIXIAO_TOKEN environment variable. `--token` is visible to other users in `ps`; prefer the others.
 */
export function resolveClientToken(opts: { token?: string; tokenFile?: string }, env: NodeJS.ProcessEnv = process.env): { token: string } | { error: string } {
  if (opts.tokenFile) {
    let text: string;
    try {
      text = readFileSync(opts.tokenFile, 'utf8');
    } catch (e) {
      return { error: both('tokenFileUnreadable', { file: opts.tokenFile, detail: (e as Error).message }) };
    }
    const token = text.split(/\r?\n/)[0].trim();
    if (!token) return { error: both('tokenFileEmpty', { file: opts.tokenFile }) };
    return { token };
  }
  if (opts.token) return { token: opts.token };
  const fromEnv = env[TOKEN_ENV]?.trim();
  if (fromEnv) return { token: fromEnv };
  return { error: both('tokenNeeded', { env: TOKEN_ENV }) };
}
