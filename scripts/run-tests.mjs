// `npm test`: build, put better-sqlite3 on Node's ABI, run the unit/integration suite (vitest)
// and the e2e suite (Playwright in Debian Chromium), then print one closing line for both:
//   tests: N passed, N failed, N skipped
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = 'reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const step = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;

if (!step('npm', ['run', 'build'])) process.exit(1);
if (!step(process.execPath, ['scripts/ensure-node-abi.mjs'])) process.exit(1);

const only = process.argv[2]; // 'unit' or 'e2e' to run one suite
const unitOk =
  only === 'e2e' || step('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${REPORTS}/vitest.json`]);
const e2eOk = only === 'unit' || step('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/playwright.json` });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(`${REPORTS}/vitest.json`)) {
  const v = JSON.parse(readFileSync(`${REPORTS}/vitest.json`, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}
if (existsSync(`${REPORTS}/playwright.json`)) {
  const s = JSON.parse(readFileSync(`${REPORTS}/playwright.json`, 'utf8')).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  skipped += s.skipped;
}
// Issue 8's reliability suites each leave a small JSON in reports/ with their counts: print them
// together, once, just before the closing line. Electronegativity runs here when it is installed.
if (only !== 'e2e' && existsSync('node_modules/@doyensec/electronegativity')) {
  spawnSync(process.execPath, ['scripts/electronegativity.mjs'], { stdio: 'ignore' });
}
const SUITES = ['crash', 'migration-faults', 'byte-flip', 'fuzz', 'payloads', 'electronegativity'];
const summaries = SUITES.map((suite) => {
  const file = `${REPORTS}/${suite}.json`;
  if (!existsSync(file)) return `${suite}: not run`;
  try {
    return JSON.parse(readFileSync(file, 'utf8')).summary;
  } catch {
    return `${suite}: unreadable report`;
  }
});
if (only !== 'e2e') console.log(`\nreliability (issue 8):\n${summaries.map((l) => `  ${l}`).join('\n')}`);

const ok = unitOk && e2eOk && failed === 0;
if (!ok && failed === 0) failed = 1; // a suite that crashed before reporting still fails the run
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
