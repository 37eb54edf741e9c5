/**
 * Last step of `npm test`: one closing line over both runners ("tests: N passed, N failed"), so
 * CI reads a single summary whatever ran.
 */
import fs from 'node:fs';
import path from 'node:path';

const REPORTS = path.resolve(__dirname, '../.cache/test-reports');

function read<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(REPORTS, file), 'utf8')) as T;
}

const unit = read<{numPassedTests: number; numFailedTests: number; numPendingTests: number}>('vitest.json');
const e2e = read<{stats: {expected: number; unexpected: number; flaky: number; skipped: number}}>('playwright.json').stats;
const passed = unit.numPassedTests + e2e.expected;
const failed = unit.numFailedTests + e2e.unexpected + e2e.flaky;
const skipped = unit.numPendingTests + e2e.skipped;
console.log(`unit ${unit.numPassedTests} passed, browser ${e2e.expected} passed`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed ? 1 : 0;
