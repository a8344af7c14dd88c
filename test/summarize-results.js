#!/usr/bin/env node
// Prints one plain line, `N passed, N failed, N skipped`, counted from Jest --json result files,
// and exits non-zero when anything failed, a suite failed to run, or nothing ran at all.
const fs = require('fs');

const totals = { passed: 0, failed: 0, skipped: 0, brokenSuites: 0 };
const files = process.argv.slice(2).filter((f) => fs.existsSync(f));
for (const file of files) {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  totals.brokenSuites += r.numRuntimeErrorTestSuites;
}
const missing = process.argv.length - 2 - files.length;
if (totals.brokenSuites > 0) console.error(`${totals.brokenSuites} test file(s) failed to run`);
if (missing > 0) console.error(`${missing} result file(s) missing: a Jest run did not finish`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
const ok = totals.failed === 0 && totals.brokenSuites === 0 && missing === 0 && totals.passed > 0;
process.exit(ok ? 0 : 1);
