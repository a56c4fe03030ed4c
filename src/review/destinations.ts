/**
 * One entry point for the pane's 追加 (append) button: the row goes to the destination the reviewer
 * chose (design §7) and nowhere else. The workbook destination needs Office.js and is passed in by
 * the Excel host (src/excel/annex2.ts); the other two need only fetch.
 */
import type { GraphAnnex2, GraphCheck, GraphOptions, GraphTokenProvider } from './graph';
import type { SignInHost } from './naa';
import { appendToServer } from './server-client';
import type { AppendResult, DestinationConfig, ReviewRow } from './types';
import { LocalizedError, isLocalized, localize, sameInBoth } from '../core';
import { REVIEW_MESSAGES } from './messages';

export interface DestinationDeps {
  /** the in-workbook writer (Excel host) */
  workbook?: (row: ReviewRow, sheetName?: string) => Promise<AppendResult>;
  /** tokens for Graph; default: the host's sign-in (NAA or the Office dialog) with the destination's clientId */
  graphTokens?: GraphTokenProvider;
  /** where sign-in happens (default: Office.js) */
  signInHost?: SignInHost;
  fetch?: typeof fetch;
  /** progress lines of a long Graph operation */
  onProgress?: GraphOptions['onProgress'];
}

type GraphDest = Extract<DestinationConfig, { kind: 'graph' }>;

/**
 * The Graph client for a destination, signed in through the host (or the demo host's stand-in).
 * Loaded on first use, so the pane's first screen does not carry the Graph and sign-in code.
 */
export async function graphClient(dest: GraphDest, deps: DestinationDeps = {}): Promise<GraphAnnex2> {
  const [{ GraphAnnex2 }, { graphTokens }] = await Promise.all([import('./graph'), import('./naa')]);
  let tokens = deps.graphTokens;
  let config = dest;
  const demo = typeof window !== 'undefined' ? window.jixiaoDemoSignIn : undefined;
  if (!tokens && demo) {
    tokens = demo.tokens;
    config = { ...dest, graphBase: dest.graphBase ?? demo.graphBase };
  }
  if (!tokens) {
    if (!dest.clientId) throw new LocalizedError(localize(REVIEW_MESSAGES, 'needClientId'));
    tokens = graphTokens(dest.clientId, deps.signInHost);
  }
  return new GraphAnnex2(config, { tokens, fetch: deps.fetch, onProgress: deps.onProgress });
}

export async function appendToDestination(row: ReviewRow, dest: DestinationConfig, deps: DestinationDeps = {}): Promise<AppendResult> {
  switch (dest.kind) {
    case 'workbook':
      if (!deps.workbook) throw new LocalizedError(localize(REVIEW_MESSAGES, 'noWorkbookHere'));
      return deps.workbook(row, dest.sheetName);
    case 'server':
      return appendToServer(row, dest, deps.fetch);
    case 'graph':
      return (await graphClient(dest, deps)).append(row);
  }
}

/** “Test connection” of the Graph destination: sign in, open the workbook, check the table. Never writes. */
export async function testGraphDestination(dest: GraphDest, deps: DestinationDeps = {}): Promise<GraphCheck> {
  try {
    return await (await graphClient(dest, deps)).testConnection();
  } catch (e) {
    const t = (e as { text?: unknown }).text;
    return { ok: false, text: isLocalized(t) ? t : sameInBoth(String((e as Error).message ?? e)) };
  }
}
