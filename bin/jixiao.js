#!/usr/bin/env -S node --max-semi-space-size=4 --expose-gc
// The `jixiao` command. It runs the JavaScript that `npm ci` compiles into build/ (the `prepare`
// script; `npm run build:cli` again after changing src/): no TypeScript runner at run time.
//
// --max-semi-space-size=4 (MB; the line above, which npx and npm's shims pass to node, on Windows since
// npm/cmd-shim#96, which the npm of Node 20 includes):
// `validate` and `review` read one file at a time and keep nothing between files, so one file's
// garbage fits a young generation of this size many times over. Left alone, V8 grows the young
// generation from 1 MB to 16 MB semi-spaces over the first few hundred files of a batch and keeps it,
// which made peak memory grow with the number of files (3,000 files 1.4× 100 files; with it 1.05–1.1×)
// for no gain in speed (`npm run bench`, README "Benchmarks").
// --expose-gc: `validate` collects garbage fully once every 500 files, at a file boundary, so that
// garbage promoted to the old generation does not pile up over a batch (src/cli/validate.ts,
// collectGarbage). Without the flag (plain `node bin/jixiao.js`) it simply does not.
let main;
try {
  ({ main } = require('../build/src/cli/main.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('build/src/cli/main.js')) {
    process.stderr.write('jixiao 尚未编译：请运行 npm ci 或 npm run build:cli / jixiao is not compiled yet: run npm ci or npm run build:cli\n');
    process.exit(2);
  }
  throw e;
}

// `jixiao validate … | head` closes the pipe early: stop quietly instead of crashing
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
