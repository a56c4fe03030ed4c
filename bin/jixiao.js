#!/usr/bin/env node
// The `jixiao` command: runs the TypeScript CLI through tsx's require hook (no build step needed).
require('tsx/cjs');
const { main } = require('../src/cli/main.ts');

// `jixiao validate … | head` closes the pipe early: stop quietly instead of crashing
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
