#!/usr/bin/env node
// The `jixiao` command. It runs the JavaScript that `npm ci` compiles into build/ (the `prepare`
// script; `npm run build:cli` again after changing src/): no TypeScript runner at run time.
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
