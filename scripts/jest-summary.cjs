// Prints one plain closing line, `tests: N passed, N failed`, after jest's own summary, so that CI
// logs have a count any tool can read.
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${results.numFailedTests + results.numRuntimeErrorTestSuites} failed\n`);
  }
}
module.exports = PlainSummaryReporter;
