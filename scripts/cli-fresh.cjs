/**
 * Compile the CLI (tsconfig.cli.json → build/) when any source under src/ is newer than the last
 * build, so tests that spawn bin/jixiao.js never run stale JavaScript. jest's globalSetup; also
 * `node scripts/cli-fresh.cjs` by hand.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const STAMP = join(ROOT, 'build', 'src', 'cli', 'main.js');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function ensureCliBuilt() {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  const sources = Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'tsconfig.cli.json')).mtimeMs, statSync(join(ROOT, 'tsconfig.json')).mtimeMs);
  if (built >= sources) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.cli.json')], { cwd: ROOT, stdio: 'inherit' });
  // tsc leaves an unchanged file untouched: mark the build as newer than the sources
  const now = new Date();
  require('node:fs').utimesSync(STAMP, now, now);
}

module.exports = ensureCliBuilt;
if (require.main === module) ensureCliBuilt();
