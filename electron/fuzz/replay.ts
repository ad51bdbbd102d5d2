// Replays fuzz inputs in this process, for a developer chasing one down (a debugger and the full
// stack trace are at hand, unlike in the harness's child):
//   node --import tsx electron/fuzz/replay.ts <target> <file.bin>...
// It builds the same fixture project the test uses, then prints each input's outcome and time.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { buildSamples } from './samples.js';
import { TARGETS, type TargetName } from './target-names.js';
import { makeTarget } from './targets.js';

const [target, ...files] = process.argv.slice(2) as [TargetName, ...string[]];
if (!TARGETS.includes(target) || !files.length) {
  console.error(`usage: node --import tsx electron/fuzz/replay.ts <${TARGETS.join('|')}> <file.bin>...`);
  process.exit(2);
}
const samples = await buildSamples(mkdtempSync(join(tmpdir(), 'fc-replay-')));
const runner = await makeTarget(target, samples.fixture);
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const start = performance.now();
  try {
    await runner.run(bytes);
    console.log(`${file}: ok in ${(performance.now() - start).toFixed(0)} ms`);
  } catch (err) {
    const ms = (performance.now() - start).toFixed(0);
    if (err instanceof AppError) console.log(`${file}: refused (${err.code}) in ${ms} ms: ${err.message}`);
    else console.log(`${file}: FAILED in ${ms} ms:`, err);
  }
}
process.exit(0);
