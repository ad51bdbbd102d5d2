// A worker started from source (source-worker.ts) answers both ways, and awaiting it keeps a
// process alive: a CLI that awaited an unref'd worker's answer used to exit mid-await, with
// code 0 and nothing said (the merge CLI's refusal of a missing file, seen once in CI).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/tmp.js';
import { packageRoot } from './paths.js';
import { startSourceWorker } from './source-worker.js';

const dir = tempDir();
// Busy for a while, then answers: longer than anything else keeps the process alive.
const SLOW = `const until = Date.now() + 300; while (Date.now() < until) {} return { n: workerData.n * 2 };`;

describe('a worker started from source', () => {
  it('answers a synchronous wait and an asynchronous one, and a throw as { error }', async () => {
    expect(startSourceWorker<{ n: number }>(SLOW, { n: 21 })!.waitSync(10_000)).toEqual({ n: 42 });
    expect(await startSourceWorker<{ n: number }>(SLOW, { n: 4 })!.wait()).toEqual({ n: 8 });
    expect(await startSourceWorker(`throw new Error('no luck');`, {})!.wait()).toEqual({ error: 'no luck' });
  });

  it('keeps a process alive while its answer is awaited', () => {
    const script = join(dir, 'await-worker.mts');
    writeFileSync(
      script,
      `import { startSourceWorker } from ${JSON.stringify(join(packageRoot(), 'electron/core/source-worker.ts'))};
       const answer = await startSourceWorker(${JSON.stringify(SLOW)}, { n: 5 })!.wait();
       console.log(JSON.stringify(answer));
       process.exitCode = 3;`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: packageRoot(), encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('{"n":10}');
    expect(run.status).toBe(3);
  });
});
