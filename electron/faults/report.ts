// The counts each reliability suite reports (issue 8): a small JSON per suite in reports/, which
// scripts/run-tests.mjs prints as one summary before its closing `tests:` line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';

export const REPORTS_DIR = join(packageRoot(), 'reports');

/** Writes reports/<suite>.json: `summary` is the line printed; the rest is for whoever reads the file. */
export function writeSuiteReport(suite: string, summary: string, counts: Record<string, unknown> = {}): void {
  mkdirSync(REPORTS_DIR, { recursive: true });
  writeFileSync(
    join(REPORTS_DIR, `${suite}.json`),
    `${JSON.stringify({ suite, summary, ...counts, at: new Date().toISOString() }, null, 2)}\n`,
  );
}
