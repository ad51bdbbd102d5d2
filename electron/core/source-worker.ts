// A worker thread started from source text (so that no file of ours has to be found at run time,
// in a packaged app or a test), whose one answer can be waited for synchronously as well as
// asynchronously. The synchronous wait (Atomics.wait on a shared flag, then
// receiveMessageOnPort) lets a caller inside a transaction take the answer without yielding to
// the event loop, so that no other call can run inside that transaction (merge.ts).
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * How long waitSync blocks at most: longer than any of our workers' work takes (a check runs at
 * about 11 ms per MB here). Past it the worker is stopped and its caller does the work itself.
 */
export const WAIT_SYNC_LIMIT_MS = 10 * 60 * 1000;

export interface SourceWorker<T> {
  /**
   * Blocks this thread for the answer; undefined if the worker gave none (it could not start, or
   * had not answered after `deadlineMs`).
   */
  waitSync(deadlineMs?: number): T | undefined;
  /** The same without blocking. */
  wait(): Promise<T | undefined>;
  /** Stops a worker whose answer is no longer wanted. */
  cancel(): void;
}

/**
 * Starts `body`, the text of a function body that returns the answer (a structured-clonable
 * value) and can read `workerData`; a throw answers { error }. Null where no worker can start.
 */
export function startSourceWorker<T>(body: string, workerData: Record<string, unknown>): SourceWorker<T> | null {
  const source = `
const { workerData } = require('node:worker_threads');
let out;
try {
  out = (function () {
${body}
  })();
} catch (e) {
  out = { error: String(e && e.message) };
} finally {
  workerData.port.postMessage(out === undefined ? { error: 'no answer' } : out);
  const flag = new Int32Array(workerData.flag);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
`;
  const flagBuffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(flagBuffer);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(source, {
      eval: true,
      workerData: { ...workerData, flag: flagBuffer, port: port2 },
      transferList: [port2],
      execArgv: [],
    });
  } catch {
    port1.close();
    return null;
  }
  worker.unref();
  // A worker that could not start never sets the flag: set it for it, so that no one waits on.
  const failed = () => {
    if (Atomics.compareExchange(flag, 0, 0, 2) === 0) Atomics.notify(flag, 0);
  };
  worker.once('error', failed);
  worker.once('exit', failed);
  let settled = false;
  let answer: T | undefined;
  const take = (): T | undefined => {
    if (!settled) {
      settled = true;
      answer = receiveMessageOnPort(port1)?.message as T | undefined;
      port1.close();
    }
    return answer;
  };
  return {
    waitSync(deadlineMs = WAIT_SYNC_LIMIT_MS) {
      if (!settled && Atomics.wait(flag, 0, 0, deadlineMs) === 'timed-out') {
        void worker.terminate();
        settled = true;
        port1.close();
        return undefined;
      }
      return take();
    },
    async wait() {
      if (!settled && Atomics.load(flag, 0) === 0) {
        // The worker is unref'd so that it never keeps a process alive by itself; while someone
        // awaits it, it must (a CLI awaiting it would otherwise exit, with code 0, mid-await).
        worker.ref();
        try {
          await new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            const waiting = (Atomics as unknown as AtomicsWaitAsync).waitAsync(flag, 0, 0);
            if (waiting.async) void waiting.value.then(() => resolve());
            else resolve();
          });
        } finally {
          worker.unref();
        }
      }
      return take();
    },
    cancel() {
      if (!settled) void worker.terminate();
      settled = true;
      port1.close();
    },
  };
}

/** ES2024, in every Node and Electron we run on; not yet in the TypeScript lib we target. */
interface AtomicsWaitAsync {
  waitAsync(a: Int32Array, i: number, v: number): { async: false; value: string } | { async: true; value: Promise<string> };
}
