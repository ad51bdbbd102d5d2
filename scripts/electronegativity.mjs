// Electronegativity (Doyensec's Electron security scanner) over the main-process shell and the
// renderer's page together (its global checks need both: navigation limits live in the shell,
// the CSP in index.html). Fails on any HIGH or CRITICAL finding. The check that downloads
// Electron's release list is skipped: CI machines have no internet, and `npm audit` and the
// pinned Electron version cover it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const cli = join(dirname(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const scan = mkdtempSync(join(tmpdir(), 'fc-electronegativity-'));
try {
  cpSync(join(root, 'electron', 'shell'), join(scan, 'shell'), { recursive: true });
  cpSync(join(root, 'renderer', 'index.html'), join(scan, 'index.html'));
  const out = join(scan, 'findings.csv');
  const r = spawnSync(process.execPath, [cli, '-i', scan, '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', out], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    process.exit(2);
  }
  const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1);
  const high = rows.filter((l) => /^[A-Z_]+,"(HIGH|CRITICAL)"/.test(l));
  for (const l of rows) console.log(l.split(',').slice(0, 5).join(' '));
  console.log(`electronegativity: ${rows.length} finding(s), ${high.length} high or critical`);
  // For the summary `npm test` prints (scripts/run-tests.mjs).
  const summary = `electronegativity: ${rows.length} finding(s), ${high.length} high or critical`;
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(
    join(root, 'reports', 'electronegativity.json'),
    `${JSON.stringify({ suite: 'electronegativity', summary, findings: rows.length, high: high.length })}\n`,
  );
  process.exit(high.length ? 1 : 0);
} finally {
  rmSync(scan, { recursive: true, force: true });
}
