/** Shared formulas: a follower cell's formula is its master's, moved by the offset between the two. */

const CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

function letters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function number(col: string): number {
  let n = 0;
  for (let i = 0; i < col.length; i++) n = n * 26 + (col.charCodeAt(i) - 64);
  return n - 1;
}

/** Relative references move by (dRow, dCol); `$` parts, names and function names stay (as Excel and exceljs do). */
export function slideFormula(formula: string, dRow: number, dCol: number): string {
  return formula.replace(CANDIDATE, (all: string, sheet: string | undefined, _s: string | undefined, addr: string, paren: string | undefined) => {
    if (paren) return all;
    const m = CELL.exec(addr);
    if (!m) return all;
    const col = m[2].toUpperCase();
    if (col.length > 3 || (col.length === 3 && col > 'XFD')) return all;
    const c = number(col) + (m[1] ? 0 : dCol);
    const r = Number(m[4]) + (m[3] ? 0 : dRow);
    return `${sheet ?? ''}${m[1] ?? ''}${letters(c)}${m[3] ?? ''}${r}`;
  });
}
