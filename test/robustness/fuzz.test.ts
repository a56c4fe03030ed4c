/**
 * Property tests over generated sheets (design §9 "never crash on any sheet"): random grids, real form
 * fragments at random offsets, random merges and hidden rows, and messy cell contents.
 * Every case: validation does not throw, says recognised or not (with a reason naming the sheet and
 * the missing headings), and every finding's cell (and fix and related cells) lies inside the sheet.
 * Seeded, so a failure is reproducible; the counts are printed for the closing note.
 */
import fc from 'fast-check';
import { validateGrid } from '../../src/core';
import { CONSISTENT } from '../helpers/forms';
import { gridFromRows } from '../helpers/grid';
import { violations } from './gen/invariants';
import { cellArb, formFragmentArb, randomGridArb } from './gen/sheets';

const SEED = 20201130;
const counts: Record<string, number> = {};
let recognizedCount = 0;
let findingsCount = 0;

function check(label: string, grid: Parameters<typeof violations>[0]): boolean {
  counts[label] = (counts[label] ?? 0) + 1;
  const { result, problems } = violations(grid);
  if (result?.recognized) recognizedCount++;
  findingsCount += result?.findings.length ?? 0;
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n(sheet ${JSON.stringify(grid.name)}, ${grid.values.length} rows at ${grid.top}/${grid.left})`);
  return true;
}

afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`robustness/fuzz: ${total} generated sheets (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}); ${recognizedCount} recognised as 附件1; ${findingsCount} findings checked`);
});

describe('validation never crashes and always answers', () => {
  it('random grids (ragged, merges, hidden rows, any origin, any content)', () => {
    fc.assert(fc.property(randomGridArb, (g) => check('random grid', g)), { numRuns: 4000, seed: SEED });
  });

  it('real form fragments at random offsets with random cells, merges and hidden rows', () => {
    fc.assert(fc.property(formFragmentArb, ({ grid }) => check('form fragment', grid)), { numRuns: 5000, seed: SEED + 1 });
  });

  it('whole forms with cells replaced: most are still recognised (so the rules really ran)', () => {
    const whole = formFragmentArb.filter(({ grid }) => grid.values.length >= 20);
    const before = recognizedCount;
    fc.assert(fc.property(whole, ({ grid }) => check('whole form', grid)), { numRuns: 1500, seed: SEED + 2 });
    expect(recognizedCount - before).toBeGreaterThan(1500 * 0.6);
  });

  it('every cell of CONSISTENT replaced, one at a time, by any generated content', () => {
    // exhaustive over positions, random over content: 20 rows × 8 columns × 8 contents
    const samples = fc.sample(cellArb, { numRuns: 8, seed: SEED + 3 });
    for (let r = 0; r < CONSISTENT.length; r++) {
      for (let c = 0; c < 8; c++) {
        for (const cell of samples) {
          const g = gridFromRows('逐格', CONSISTENT);
          while (g.values[r].length <= c) {
            g.values[r].push(null);
            g.formats![r].push('General');
            g.text![r].push('');
          }
          g.values[r][c] = cell.value;
          g.formats![r][c] = cell.format;
          g.text![r][c] = cell.text ?? '';
          check('CONSISTENT cell replaced', g);
        }
      }
    }
    // and the unedited form is still recognised (the loop above is not vacuous)
    expect(validateGrid(gridFromRows('逐格', CONSISTENT)).recognized).toBe(true);
  });
});
