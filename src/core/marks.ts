/** How findings look in a workbook: fill colour by severity and the note text. Shared by Excel and the CLI. */
import type { Finding, Lang, Severity } from './types';
import { type Localized, catalogue } from './lang';

/** Fill colours (hex RGB) by severity: red, yellow and blue, like Excel's own "bad / neutral / note" styles. */
export const MARK_COLORS: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

/** Every note the add-in writes starts with this, so clearing removes only ours. */
export const NOTE_PREFIX = '【绩效监控校验】';

export const SEVERITY_LABEL: Record<Severity, Localized> = catalogue({
  error: { zh: '错误', en: 'Error' },
  warning: { zh: '警告', en: 'Warning' },
  info: { zh: '提示', en: 'Info' },
});

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface CellMark {
  cell: string;
  severity: Severity;
  color: string;
  note: string;
}

/** One mark per cell: the most severe finding sets the colour; the note lists every finding on the cell. */
export function marksFor(findings: readonly Finding[], lang: Lang = 'zh'): CellMark[] {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    // a sheet that is not a 附件1 is left as it is: the message is shown, nothing is marked
    if (f.rule === 'form/not-recognized') continue;
    const list = byCell.get(f.cell) ?? [];
    list.push(f);
    byCell.set(f.cell, list);
  }
  const out: CellMark[] = [];
  for (const [cell, list] of byCell) {
    const top = list.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a));
    const lines = list.map((f) => {
      const head = `${SEVERITY_LABEL[f.severity][lang]}：${f.message[lang]}`;
      const fix = f.fix ? (lang === 'zh' ? `（可修正为 ${f.fix.display}）` : ` (fix: ${f.fix.display})`) : '';
      return f.arithmetic ? `${head}${fix}\n  ${f.arithmetic}` : `${head}${fix}`;
    });
    out.push({ cell, severity: top.severity, color: MARK_COLORS[top.severity], note: `${NOTE_PREFIX}\n${lines.join('\n')}` });
  }
  return out;
}

/** Counts by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<'error' | 'warning' | 'info', number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
