/** Writes docs/rules.md. Run: npm run docs:rules */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDoc } from './rules-doc';

writeFileSync(join(__dirname, '..', 'docs', 'rules.md'), renderRulesDoc());
console.log('wrote docs/rules.md');
