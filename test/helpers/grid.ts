/** Test helpers: build engine grids from seed-style rows (TAB-separated fields), typed like the seed workbooks. */
import { type CellValue, type Grid, type MergedArea, formatValue } from '../../src/core';
import { readSeed, seedRows, typeSeedCell } from '../../src/node/seed';

export function gridFromRows(name: string, rows: string[][], extra: Partial<Grid> = {}): Grid {
  const values: CellValue[][] = [];
  const formats: string[][] = [];
  const text: string[][] = [];
  for (const fields of rows) {
    const v: CellValue[] = [];
    const f: string[] = [];
    const t: string[] = [];
    for (const field of fields) {
      const c = typeSeedCell(field);
      v.push(c.value);
      f.push(c.numFmt ?? 'General');
      t.push(c.value === null ? '' : formatValue(c.value, c.numFmt ?? 'General'));
    }
    values.push(v);
    formats.push(f);
    text.push(t);
  }
  return { name, top: 0, left: 0, values, formats, text, ...extra };
}

export function seedGrid(file: 'form1' | 'form2' | 'form3' | 'form4' | 'annex2', name = file): Grid {
  return gridFromRows(name, seedRows(readSeed(`${file}.tsv`)));
}

export function seedRowsOf(file: 'form1' | 'form2' | 'form3' | 'form4' | 'annex2'): string[][] {
  return seedRows(readSeed(`${file}.tsv`));
}

/** Shift rows down by `dr` and right by `dc` by padding with empty cells (the sheet still starts at A1). */
export function offsetRows(rows: string[][], dr: number, dc: number): string[][] {
  const pad = new Array(dc).fill('');
  return [...new Array(dr).fill(null).map(() => []), ...rows.map((r) => [...pad, ...r])];
}

export type { MergedArea };
