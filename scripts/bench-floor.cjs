/**
 * The reading floor of `npm run bench`: for every .xlsx in a folder, inflate the parts a validator
 * needs (fflate) and SAX-parse them (saxes) with empty handlers — nothing else. Run as its own
 * process so that it is compared with `jixiao validate DIR --json` whole-process to whole-process.
 *   node scripts/bench-floor.cjs DIR
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { unzipSync } = require('fflate');
const { SaxesParser } = require('saxes');

const NEEDED = /^(_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/sharedStrings\.xml|xl\/worksheets\/[^/]+\.xml)$/;
const noop = () => undefined;
const dir = process.argv[2];
let parts = 0;
for (const f of readdirSync(dir).filter((n) => n.endsWith('.xlsx')).sort()) {
  const files = unzipSync(readFileSync(join(dir, f)), { filter: (e) => NEEDED.test(e.name) });
  for (const bytes of Object.values(files)) {
    const p = new SaxesParser({ position: false });
    p.on('opentag', noop);
    p.on('text', noop);
    p.write(new TextDecoder().decode(bytes)).close();
    parts++;
  }
}
process.stderr.write(`parts=${parts}\n`);
