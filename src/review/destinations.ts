/**
 * One entry point for the pane's 追加 (append) button: the row goes to the destination the reviewer
 * chose (SPEC §7) and nowhere else. The workbook destination needs Office.js and is passed in by
 * the Excel host (src/excel/annex2.ts); the other two need only fetch.
 */
import { GraphAnnex2, type GraphTokenProvider, NestedAppAuthTokens } from './graph';
import { appendToServer } from './server-client';
import type { AppendResult, DestinationConfig, ReviewRow } from './types';

export interface DestinationDeps {
  /** the in-workbook writer (Excel host) */
  workbook?: (row: ReviewRow, sheetName?: string) => Promise<AppendResult>;
  /** tokens for Graph; default nested app authentication with the destination's clientId */
  graphTokens?: GraphTokenProvider;
  fetch?: typeof fetch;
}

export async function appendToDestination(row: ReviewRow, dest: DestinationConfig, deps: DestinationDeps = {}): Promise<AppendResult> {
  switch (dest.kind) {
    case 'workbook':
      if (!deps.workbook) throw new Error('此处无法写入工作簿 / the workbook destination is not available here');
      return deps.workbook(row, dest.sheetName);
    case 'server':
      return appendToServer(row, dest, deps.fetch);
    case 'graph': {
      let tokens = deps.graphTokens;
      if (!tokens) {
        if (!dest.clientId) throw new Error('请填写加载项在 Microsoft Entra 中的应用 ID（clientId）/ give the add-in’s Microsoft Entra app id (clientId)');
        tokens = new NestedAppAuthTokens(dest.clientId);
      }
      return new GraphAnnex2(dest, { tokens, fetch: deps.fetch }).append(row);
    }
  }
}
