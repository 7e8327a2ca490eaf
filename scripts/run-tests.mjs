#!/usr/bin/env node
// Runs every jest suite and ends with the one line CI reads: `tests: N passed, M failed`.
// Extra arguments go to jest (e.g. `npm test -- test/shared`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'quadrant-jest-')), 'results.json');
const jest = spawnSync(
  process.execPath,
  ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${out}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env: process.env },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(out)) {
  const results = JSON.parse(readFileSync(out, 'utf8'));
  passed = results.numPassedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  // A suite that fails to load has no failed tests of its own: count it as one failure.
  failed =
    results.numFailedTests +
    results.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  if (results.numTotalTests === 0) failed += 1;
} else {
  failed = 1;
}
const ok = jest.status === 0 && failed === 0;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
