// The child process that runs one fuzz target (argv: target name, fixture project path). It is
// started with --max-old-space-size=256, so a memory blow-up kills this process, not the test
// run; the parent also times every input and kills us on a hang. Messages are plain objects
// over the IPC channel with the 'advanced' serialization, so bytes arrive as Uint8Array.
import { AppError } from '../core/errors.js';
import type { ChildRequest, ChildResult } from './protocol.js';
import { describe, FuzzFailure, makeTarget } from './targets.js';
import type { RunnableTarget } from './target-names.js';

const [target, fixture] = process.argv.slice(2) as [RunnableTarget, string];
const send = (m: ChildResult | { type: 'ready' }): void => void process.send!(m);

let current: number | undefined;
let last: number | undefined;
let stray: string | undefined;

// An error nobody awaited (a promise rejected after the entry point returned, a throw in a
// callback) is a failure of the input that caused it, even when the call itself succeeded.
process.on('unhandledRejection', (err) => {
  const what = `unhandled rejection: ${describe(err)}`;
  if (current !== undefined) stray ??= what;
  else if (last !== undefined) send({ type: 'late', id: last, detail: what });
});
process.on('uncaughtException', (err) => {
  const id = current ?? last;
  if (id !== undefined) send({ type: 'late', id, detail: `uncaught exception: ${describe(err)}` });
  // The process may be in any state now; the parent starts a fresh one.
  setImmediate(() => process.exit(70));
});

function classify(err: unknown): Omit<ChildResult & { type: 'result' }, 'type' | 'id' | 'ms'> {
  if (err instanceof FuzzFailure) return { outcome: 'failure', reason: err.reason, detail: err.message };
  if (err instanceof AppError) {
    if (err.code === 'internal' || !err.message.trim())
      return { outcome: 'failure', reason: 'unclear-refusal', detail: `AppError ${err.code}: "${err.message}"` };
    return { outcome: 'refused', reason: err.code, detail: err.message.slice(0, 300) };
  }
  const name = err instanceof Error ? err.name : typeof err;
  return {
    outcome: 'failure',
    reason: name === 'RangeError' && /call stack/.test(String(err)) ? 'stack-overflow' : 'not-an-AppError',
    detail: describe(err),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function main(): Promise<void> {
  const runner = await makeTarget(target, fixture);
  // Queue inputs: the parent sends one at a time, but a late message must not interleave.
  let chain = Promise.resolve();
  process.on('message', (m: ChildRequest) => {
    chain = chain.then(async () => {
      current = m.id;
      stray = undefined;
      const start = performance.now();
      let result: Omit<ChildResult & { type: 'result' }, 'type' | 'id' | 'ms'>;
      try {
        await runner.run(m.bytes);
        result = { outcome: 'ok', reason: '', detail: '' };
      } catch (err) {
        result = classify(err);
      }
      await tick();
      await tick();
      if (stray && result.outcome !== 'failure') result = { outcome: 'failure', reason: 'unhandled-rejection', detail: stray };
      last = current;
      current = undefined;
      send({ type: 'result', id: m.id, ms: performance.now() - start, ...result });
    });
  });
  send({ type: 'ready' });
}

main().catch((err) => {
  console.error(`fuzz child for ${target} could not start: ${describe(err)}`);
  process.exit(71);
});
