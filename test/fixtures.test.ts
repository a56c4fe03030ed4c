/** The committed workbooks are the seed, cell for cell (rebuild them with `npm run fixtures`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkbookFile } from '../src/node/xlsx';
import { readSeed, SEED_SHEETS, seedRows, seedWorkbookBytes, typeSeedCell } from '../src/node/seed';

const ROOT = join(__dirname, '..');

describe('seed workbooks', () => {
  it('samples/ and test/fixtures/xlsx/seed-all.xlsx hold the four forms and the 附件2 at their seed positions', async () => {
    for (const file of [join(ROOT, 'samples', '塔什库尔干县-绩效监控-2020年9月.xlsx'), join(ROOT, 'test', 'fixtures', 'xlsx', 'seed-all.xlsx')]) {
      const { grids } = await readWorkbookFile(file);
      expect(grids.map((g) => g.name)).toEqual(SEED_SHEETS.map((s) => s.sheet));
      SEED_SHEETS.forEach((s, i) => {
        const rows = seedRows(readSeed(s.file));
        const g = grids[i];
        rows.forEach((fields, r) =>
          fields.forEach((field, c) => {
            const t = typeSeedCell(field);
            expect([r, c, g.values[r]?.[c] ?? null]).toEqual([r, c, t.value]);
            if (t.numFmt) expect(g.formats![r][c]).toBe(t.numFmt);
          }),
        );
      });
    }
  });

  it('numbers are numbers, 77% is 0.77 shown as 77%, 109.00% keeps two decimals', async () => {
    const { grids } = await readWorkbookFile(join(ROOT, 'test', 'fixtures', 'xlsx', 'form2.xlsx'));
    const g = grids[0];
    expect(g.values[7][2]).toBe(542);
    expect(g.values[13][6]).toBe(1.09);
    expect(g.text![13][6]).toBe('109.00%');
    expect(g.text![11][6]).toBe('81%');
    expect(g.values[13][4]).toBe('16525人');
  });

  it('are what `npm run fixtures` writes, byte for byte, on every run (a rebuild leaves the tree clean)', async () => {
    const once = await seedWorkbookBytes(SEED_SHEETS);
    const again = await seedWorkbookBytes(SEED_SHEETS);
    expect(Buffer.from(again).equals(Buffer.from(once))).toBe(true);
    expect(Buffer.from(once).equals(readFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', 'seed-all.xlsx')))).toBe(true);
    expect(Buffer.from(once).equals(readFileSync(join(ROOT, 'samples', '塔什库尔干县-绩效监控-2020年9月.xlsx')))).toBe(true);
    expect(Buffer.from(await seedWorkbookBytes([SEED_SHEETS[1]])).equals(readFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', 'form2.xlsx')))).toBe(true);
  });
});
