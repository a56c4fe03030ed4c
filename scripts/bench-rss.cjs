// Preloaded by `npm run bench` into a measured process: reports its peak resident memory and CPU time on exit.
process.on('exit', () => {
  const u = process.resourceUsage();
  require('node:fs').writeSync(2, `\nbench-usage ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
});
