// `npm run bench`: Field Coder against the physical limit of this machine (raw better-sqlite3
// inserts and an FTS5 build of the same bytes) and against issue 7's targets, through the same
// API the UI uses: in-process (dispatch) and over the browser host's HTTP transport.
//   --size S | M | L | all | S,M   (default S,M)     --seed N (default 1)
//   --fresh   regenerate the cached M/L projects     --render   the Playwright render bench
//   (--render takes --no-build to reuse the last renderer build, --profile for CPU profiles)
// Each size runs in a child process of its own, so that its peak RSS is its own and one size's
// garbage does not slow the next.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SizeName } from './sizes.js';
import { machineInfo, table, writeResults } from './report.js';
import type { SizeResult } from './run-size.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'S,M' },
    seed: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
    render: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    child: { type: 'string' },
    host: { type: 'string' },
    out: { type: 'string' },
  },
});

const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed takes a whole number');
const sizes = (values.size === 'all' ? 'S,M,L' : values.size).split(',').map((s) => s.trim().toUpperCase());
for (const s of sizes) if (!['S', 'M', 'L'].includes(s)) throw new Error(`unknown size ${s}: use S, M, L, all or a list such as S,M`);

if (values.host) {
  const { serveHost } = await import('./transport.js');
  await serveHost(values.host);
} else if (values.child) {
  const { runSize } = await import('./run-size.js');
  const result = await runSize(values.child as SizeName, seed, values.fresh);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(values.out!, JSON.stringify(result));
} else if (values.render) {
  const { runRender } = await import('./render.js');
  // The render bench wants a big project: M unless L is asked for.
  await runRender(sizes.includes('L') ? 'L' : 'M', seed, { fresh: values.fresh, build: !values['no-build'], profile: values.profile });
} else {
  const machine = machineInfo();
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'fc-bench-results-'));
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      const out = join(dir, `${size}.json`);
      const args = [process.argv[1]!, '--child', size, '--seed', String(seed), '--out', out, ...(values.fresh ? ['--fresh'] : [])];
      const code = await new Promise<number | null>((resolve) => spawn(process.execPath, args, { stdio: 'inherit' }).on('exit', resolve));
      if (code !== 0) throw new Error(`the ${size} run failed (exit ${code})`);
      results.push(JSON.parse(readFileSync(out, 'utf8')) as SizeResult);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${table(results, machine)}`);
  console.log(
    `\n${sizes.join(' + ')} in ${((performance.now() - started) / 1000).toFixed(1)} s; written: ${writeResults(results, machine, seed)}`,
  );
}
