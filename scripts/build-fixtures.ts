/**
 * Builds the seed workbooks: one per 附件1 form, and one with all four forms plus the 附件2 sheet,
 * copied to samples/ for users. Run: npm run fixtures. The bytes are the same on every run (fixed
 * dates in the workbook and in the zip), so a rebuild leaves the committed files unchanged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_SHEETS, seedWorkbookBytes } from '../src/node/seed';

export const FIXTURE_DIR = join(__dirname, '..', 'test', 'fixtures', 'xlsx');
export const SAMPLE = join(__dirname, '..', 'samples', '塔什库尔干县-绩效监控-2020年9月.xlsx');

async function main(): Promise<void> {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  mkdirSync(join(__dirname, '..', 'samples'), { recursive: true });
  const forms = SEED_SHEETS.slice(0, 4);
  for (let i = 0; i < forms.length; i++) {
    writeFileSync(join(FIXTURE_DIR, `form${i + 1}.xlsx`), await seedWorkbookBytes([forms[i]]));
  }
  const all = await seedWorkbookBytes(SEED_SHEETS);
  writeFileSync(join(FIXTURE_DIR, 'seed-all.xlsx'), all);
  writeFileSync(SAMPLE, all);
  console.log(`wrote ${forms.length + 1} workbooks to ${FIXTURE_DIR} and ${SAMPLE}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
