#!/usr/bin/env node
// Runs every jest suite and ends with the one line CI reads: `tests: N passed, M failed`.
// Extra arguments go to jest (e.g. `npm test -- test/shared`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

ensureChromium();

const out = join(mkdtempSync(join(tmpdir(), 'quadrant-jest-')), 'results.json');
// --forceExit: a handle some suite leaves open (a socket after a failed afterAll, say) must not hold the run until
// CI's own limit; jest still names the problem ("Force exiting Jest …"). The timeout is a last guard of the same kind.
const TIMEOUT_MINUTES = Number(process.env.QUADRANT_TEST_TIMEOUT_MINUTES ?? 60);
const jest = spawnSync(
  process.execPath,
  ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${out}`, '--forceExit', ...process.argv.slice(2)],
  { stdio: 'inherit', env: process.env, timeout: TIMEOUT_MINUTES * 60_000, killSignal: 'SIGKILL' },
);
if (jest.error) console.log(`tests: jest did not finish: ${jest.error.message}`);

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

/**
 * The browser suites (test/e2e) need Chromium. When it is missing and this run includes them, install it where we
 * can (root on Debian: apt-get), otherwise stop with one line saying how: a browser suite is never skipped silently.
 */
function ensureChromium() {
  const chromium = process.env.QUADRANT_CHROMIUM ?? '/usr/bin/chromium';
  const paths = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const browserSuites = paths.length === 0 || paths.some((p) => /e2e/.test(p));
  if (!browserSuites || existsSync(chromium)) return;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get') && !process.env.QUADRANT_CHROMIUM) {
    console.log('tests: Chromium is missing; installing it (apt-get install -y chromium) for the browser suites');
    const apt = (...args) =>
      spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (apt('install', '-y', '-qq', 'chromium').status !== 0) apt('update', '-qq');
    if (existsSync(chromium) || apt('install', '-y', '-qq', 'chromium').status === 0) return;
  }
  console.log(
    `tests: 0 passed, 1 failed — Chromium is missing at ${chromium}: install it (Debian: sudo apt-get install -y chromium) or set QUADRANT_CHROMIUM to a Chromium binary`,
  );
  process.exit(1);
}
