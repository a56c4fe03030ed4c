/** Metamorphic transformations of seed-style rows and the matching translation of finding cells. */
import { fromA1, type SheetResult, toA1 } from '../../../src/core';
import { toFullWidth } from './sheets';

/** A finding reduced to what must stay the same: rule, severity, cell and the zh message, with every cell address moved. */
export function signature(r: SheetResult, move: (cell: string) => string = (c) => c, withMessage = true): string[] {
  return r.findings.map((f) => `${f.rule} ${f.severity} ${move(f.cell)}${withMessage ? ` ${moveAddresses(f.message.zh, move)}` : ''}`);
}

/** Move the A1 addresses a message names (`G8 中是` → `H9 中是`). */
export function moveAddresses(text: string, move: (cell: string) => string): string {
  return text.replace(/(?<![A-Za-z0-9])([A-Z]{1,3}[1-9]\d*)(?![A-Za-z0-9])/g, (a) => move(a));
}

/** Insert a blank row before each listed index (indexes into the original rows). */
export function insertBlankRows(rows: string[][], before: number[]): string[][] {
  const out: string[][] = [];
  rows.forEach((r, i) => {
    for (const b of before) if (b === i) out.push([]);
    out.push([...r]);
  });
  for (const b of before) if (b >= rows.length) out.push([]);
  return out;
}

/** Cell translation for inserted rows: a row moves down by the number of blank rows inserted at or above it. */
export function rowMover(before: number[], top = 0): (cell: string) => string {
  return (cell) => {
    const { row, col } = fromA1(cell);
    const shift = before.filter((b) => b <= row - top).length;
    return toA1(row + shift, col);
  };
}

/** Insert a blank column before each listed column index (an index past a row's end adds nothing to it). */
export function insertBlankCols(rows: string[][], before: number[]): string[][] {
  return rows.map((r) => {
    const out: string[] = [];
    r.forEach((f, c) => {
      for (const b of before) if (b === c) out.push('');
      out.push(f);
    });
    return out;
  });
}

export function colMover(before: number[]): (cell: string) => string {
  return (cell) => {
    const { row, col } = fromA1(cell);
    return toA1(row, col + before.filter((b) => b <= col).length);
  };
}

export function shiftMover(dr: number, dc: number): (cell: string) => string {
  return (cell) => {
    const { row, col } = fromA1(cell);
    return toA1(row + dr, col + dc);
  };
}

/** True for a field the seed types as a number or percent (kept as a typed cell). */
export function isTypedNumber(field: string): boolean {
  return /^-?\d+(\.\d+)?%?$/.test(field.trim());
}

/** Every text field in full-width (digits, letters, punctuation, spaces; ≥ → ≧); typed numbers stay numbers. */
export function rowsToFullWidth(rows: string[][]): string[][] {
  return rows.map((r) => r.map((f) => (f === '' || isTypedNumber(f) ? f : toFullWidth(f).replace(/≥/g, '≧').replace(/≤/g, '≦'))));
}

/** Full-width back to half-width (the reverse switch). */
export function rowsToHalfWidth(rows: string[][]): string[][] {
  return rows.map((r) => r.map((f) => f.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').replace(/≧/g, '≥').replace(/≦/g, '≤')));
}

const JOINABLE = /^(部门(单位)?名称|项目名称|项目周期|监控时点|预算数|到位数|执行数)[:：]?$/;

/**
 * Join each label with its value in one cell (`预算数:` | `14158` → `预算数:14158` | ``), using `colon`.
 * Returns the rows and the map value cell → label cell (grid-relative A1).
 */
export function joinLabels(rows: string[][], colon: string): { rows: string[][]; moved: Map<string, string> } {
  const out = rows.map((r) => [...r]);
  const moved = new Map<string, string>();
  out.forEach((r, ri) => {
    for (let c = 0; c + 1 < r.length; c++) {
      const label = r[c].trim();
      if (!JOINABLE.test(label) || r[c + 1].trim() === '') continue;
      r[c] = `${label.replace(/[:：]$/, '')}${colon}${r[c + 1]}`;
      r[c + 1] = '';
      moved.set(toA1(ri, c + 1), toA1(ri, c));
    }
  });
  return { rows: out, moved };
}

/** Split `预算数: 542` back into label and value cells (the reverse of joinLabels). */
export function splitLabels(rows: string[][]): string[][] {
  return rows.map((r) => {
    const out = [...r];
    for (let c = 0; c + 1 < out.length; c++) {
      const m = /^(部门(?:单位)?名称|项目名称|项目周期|监控时点|预算数|到位数|执行数)[:：]\s*(.+)$/.exec(out[c].trim());
      if (m && out[c + 1].trim() === '') {
        out[c] = `${m[1]}:`;
        out[c + 1] = m[2];
      }
    }
    return out;
  });
}
