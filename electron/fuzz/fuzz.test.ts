// Issue 8, hostile and broken input: every parser we own or wrap, fed mutated real samples.
// Each input must import or be refused with an AppError, within 10 s and 256 MB, and a refusal
// must leave the project as it was. The short form (CI) tries a fixed, seeded few hundred
// inputs; FUZZ_RUNS=N (npm run test:fuzz) tries N per target with a fresh seed (FUZZ_SEED to
// repeat one, FUZZ_TARGETS=a,b for some targets only). A failing input is saved under
// regressions/<target>/ and replayed on every run; failures of a bug listed in known-bugs.ts are
// counted, not failed on, and their replays are expected failures or skipped.
import fc from 'fast-check';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSuiteReport } from '../faults/report.js';
import { tempDir } from '../test-support/tmp.js';
import { generators } from './generators.js';
import { DEFAULT_BUDGET, hashOf, loadRegressions, saveRegression, signature, TargetHarness, type RunResult } from './harness.js';
import { KEEP_PER_BUG, KNOWN_BUGS, knownBug, knownBugById } from './known-bugs.js';
import { buildSamples, type Samples } from './samples.js';
import { TARGETS, type TargetName } from './target-names.js';

const LONG = process.env.FUZZ_RUNS !== undefined;
const SEED = Number(process.env.FUZZ_SEED ?? (LONG ? Math.floor(Math.random() * 2 ** 31) : 20261123));

/** The short form's share per target: fewer for the slow ones, a few hundred in all. */
const SHORT: Record<TargetName, number> = {
  'decode-text': 30,
  'document-txt': 24,
  'document-html': 24,
  'document-docx': 24,
  'document-pdf': 12,
  'references-bibtex': 24,
  'references-ris': 20,
  'references-csljson': 20,
  'references-sniff': 16,
  'assessments-csv': 16,
  'framework-template': 20,
  'memo-render': 20,
  'memo-import': 16,
  'refi-qdpx': 16,
  merge: 20,
};
const runsFor = (t: TargetName): number => (LONG ? Number(process.env.FUZZ_RUNS) : SHORT[t]);
/** Inputs are generated in batches, so a long run never holds thousands of them at once. */
const BATCH = 25;

interface Tally {
  inputs: number;
  ok: number;
  refused: number;
  known: Map<string, number>;
  failures: string[];
  ms: number;
  slowestMs: number;
  peakMb: number;
  restarts: number;
}

const tallies = new Map<TargetName, Tally>();
const dir = tempDir('fc-fuzz-');
let samples: Samples;

// The work happens in child processes; this caps how many run at once to the cores we have.
const cores = Math.max(2, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= cores) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

beforeAll(async () => {
  samples = await buildSamples(dir);
}, 120_000);

afterAll(() => {
  if (!tallies.size) return;
  const rows = [...tallies].map(([t, s]) => {
    const known = [...s.known].map(([id, n]) => `${id}×${n}`).join(' ');
    return `${t.padEnd(20)} ${String(s.inputs).padStart(6)} ${String(s.ok).padStart(6)} ${String(s.refused).padStart(7)} ${String(s.failures.length).padStart(4)}  ${(s.ms / 1000).toFixed(1).padStart(7)} s ${s.slowestMs.toFixed(0).padStart(6)} ms ${s.peakMb.toFixed(0).padStart(5)} MB${s.restarts ? ` restarts ${s.restarts}` : ''}${known ? `  known bugs: ${known}` : ''}`;
  });
  const total = [...tallies.values()].reduce((n, s) => n + s.inputs, 0);
  const known = [...tallies.values()].reduce((n, s) => n + [...s.known.values()].reduce((a, b) => a + b, 0), 0);
  writeSuiteReport(
    'fuzz',
    `fuzz (${LONG ? 'long' : 'short'}, seed ${SEED}): ${total} inputs over ${tallies.size} targets, ${known} known-bug hits (${KNOWN_BUGS.length} known bugs)`,
    { inputs: total, targets: tallies.size, knownBugHits: known, knownBugs: KNOWN_BUGS.length },
  );
  console.log(
    [
      `fuzz (${LONG ? 'long' : 'short'} form, seed ${SEED}): ${total} inputs`,
      `${'target'.padEnd(20)} ${'inputs'.padStart(6)} ${'ok'.padStart(6)} ${'refused'.padStart(7)} ${'new'.padStart(4)}  ${'time'.padStart(9)} ${'slowest'.padStart(9)} ${'peak'.padStart(8)}`,
      ...rows,
    ].join('\n'),
  );
});

function record(target: TargetName, tally: Tally, kept: Map<string, string>, bytes: Uint8Array, r: RunResult): void {
  tally.ms += r.ms;
  tally.slowestMs = Math.max(tally.slowestMs, r.ms);
  tally.peakMb = Math.max(tally.peakMb, r.peakMb ?? 0);
  if (r.outcome === 'ok') tally.ok++;
  else if (r.outcome === 'refused') tally.refused++;
  else {
    const bug = knownBug(target, signature(r));
    if (!bug) {
      tally.failures.push(`${saveRegression(target, bytes)}\n    ${signature(r)}`);
      return;
    }
    tally.known.set(bug.id, (tally.known.get(bug.id) ?? 0) + 1);
    if ([...kept.values()].filter((id) => id === bug.id).length < KEEP_PER_BUG) {
      saveRegression(target, bytes, bug);
      kept.set(hashOf(bytes), bug.id);
    }
  }
}

const chosen = new Set(process.env.FUZZ_TARGETS?.split(',').map((t) => t.trim()) ?? TARGETS);

describe.concurrent('fuzz', () => {
  TARGETS.forEach((target, index) => {
    if (!chosen.has(target)) return;
    it(
      `${target}: every input imports or is refused with a clear error`,
      async () => {
        const tally: Tally = { inputs: 0, ok: 0, refused: 0, known: new Map(), failures: [], ms: 0, slowestMs: 0, peakMb: 0, restarts: 0 };
        tallies.set(target, tally);
        await slot(async () => {
          const harness = new TargetHarness(target, samples.fixture);
          const arb = generators(samples)[target];
          const kept = new Map(loadRegressions(target).flatMap((r) => (r.bug ? [[r.hash, r.bug] as const] : [])));
          try {
            for (let done = 0, batch = 0; done < runsFor(target); batch++) {
              const n = Math.min(BATCH, runsFor(target) - done);
              for (const bytes of fc.sample(arb, { numRuns: n, seed: SEED + index * 7919 + batch * 104_729 })) {
                // The very input of a known bug is replayed (or skipped) below; do not pay for it twice.
                const bug = knownBugById(target, kept.get(hashOf(bytes)));
                if (bug) {
                  tally.inputs++;
                  tally.known.set(bug.id, (tally.known.get(bug.id) ?? 0) + 1);
                  continue;
                }
                record(target, tally, kept, bytes, await harness.run(bytes));
                tally.inputs++;
                for (const late of harness.late.splice(0)) record(target, tally, kept, late.bytes, late.result);
              }
              done += n;
            }
          } finally {
            tally.restarts = harness.spawns - 1;
            await harness.close();
          }
        });
        expect(tally.failures, `new failures (saved as regressions):\n${tally.failures.join('\n')}`).toEqual([]);
      },
      LONG ? 24 * 3600_000 : 300_000,
    );
  });
});

describe('regressions', () => {
  const harnesses = new Map<TargetName, TargetHarness>();
  const harness = (t: TargetName) => harnesses.get(t) ?? harnesses.set(t, new TargetHarness(t, samples.fixture)).get(t)!;
  afterAll(async () => {
    await Promise.all([...harnesses.values()].map((h) => h.close()));
  });

  it('keeps the input of every known bug on disk', () => {
    for (const bug of KNOWN_BUGS) {
      const kept = bug.targets.flatMap((t) => loadRegressions(t).filter((r) => r.bug === bug.id));
      expect(kept.length, `no input kept for known bug ${bug.id} under regressions/${bug.targets.join(' or ')}/`).toBeGreaterThan(0);
    }
  });

  for (const target of TARGETS) {
    for (const reg of loadRegressions(target)) {
      const bug = knownBugById(target, reg.bug);
      const name = `${target}/${reg.hash}${bug ? ` (known bug ${bug.id}: ${bug.diagnosis})` : ''}`;
      const replay = async () => {
        expect(hashOf(reg.bytes)).toBe(reg.hash);
        const r = await harness(target).run(reg.bytes);
        expect(r.outcome, signature(r)).not.toBe('failure');
      };
      if (bug?.replay === 'skip') it.skip(name, replay);
      else if (bug) it.fails(name, replay, DEFAULT_BUDGET.timeoutMs * 3);
      else it(name, replay, DEFAULT_BUDGET.timeoutMs * 3);
    }
  }
});
