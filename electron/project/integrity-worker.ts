// PRAGMA integrity_check of a received file in a worker thread of its own. A merge starts it on
// its copy of the colleague's file and reads and writes meanwhile: at L the check is 2.7 s of
// CPU, as long as the merge's own work, and the two now share the machine's cores instead of
// taking turns. The merge waits for the verdict only before its COMMIT, and that wait is
// synchronous (Atomics.wait on a shared flag, then receiveMessageOnPort): the transaction never
// yields to the event loop, so no other call can run inside it. Where the worker cannot run
// (better-sqlite3 not loadable there), the check runs on the calling thread, as it always did.
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { unpackedPath } from '../core/paths.js';
import { integrityVerdict, type IntegrityOutcome } from './integrity.js';

// Started from source text, as backup.ts's check is. The flag is set whatever happens, last.
const SOURCE = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
let out;
try {
  let Database;
  try { Database = require(workerData.sqlite); } catch (e) { out = { unavailable: String(e) }; }
  if (Database) {
    let db;
    try {
      db = new Database(workerData.path, { readonly: true, fileMustExist: true });
      db.pragma('trusted_schema = OFF');
      db.pragma('cell_size_check = ON');
      db.pragma('mmap_size = 0');
      out = { rows: db.pragma('integrity_check').map((r) => r.integrity_check) };
    } catch (e) {
      out = { error: String(e && e.message) };
    } finally {
      if (db) db.close();
    }
  }
} catch (e) {
  out = { error: String(e && e.message) };
} finally {
  workerData.port.postMessage(out || { error: 'no answer' });
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
`;

/** Longer than any check takes (about 11 ms per MB here); a check still running then is refused. */
const DEADLINE_MS = 10 * 60 * 1000;

const require = createRequire(import.meta.url);

/** ES2024, in every Node and Electron we run on; not yet in the TypeScript lib we target. */
interface AtomicsWaitAsync {
  waitAsync(a: Int32Array, i: number, v: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** The check on this thread: the worker's steps, for where it cannot run. */
function checkHere(path: string): IntegrityOutcome {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    db.pragma('cell_size_check = ON');
    db.pragma('mmap_size = 0');
    return { rows: (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check) };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    db?.close();
  }
}

export interface IntegrityRun {
  /** Blocks this thread until the verdict is in; throws the AppError of a damaged file. */
  waitSync(): void;
  /** The same without blocking (for callers outside a transaction). */
  wait(): Promise<void>;
  /** Stops a check whose answer is no longer wanted. */
  cancel(): void;
}

/** Starts checking the file at `path`, which nothing may write until the verdict is in. */
export function startIntegrityCheck(path: string): IntegrityRun {
  const flagBuffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(flagBuffer);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    worker = new Worker(SOURCE, {
      eval: true,
      workerData: { path, flag: flagBuffer, port: port2, sqlite: unpackedPath(require.resolve('better-sqlite3')) },
      transferList: [port2],
      execArgv: [],
    });
    worker.unref();
    // A worker that could not start never sets the flag: say so for it (wait() then checks here).
    const failed = () => {
      if (Atomics.compareExchange(flag, 0, 0, 2) === 0) Atomics.notify(flag, 0);
    };
    worker.once('error', failed);
    worker.once('exit', failed);
  } catch {
    worker = undefined;
  }
  let outcome: IntegrityOutcome | undefined;
  const settle = (): IntegrityOutcome => {
    if (!outcome) {
      const m = worker ? (receiveMessageOnPort(port1)?.message as (IntegrityOutcome & { unavailable?: string }) | undefined) : undefined;
      outcome = !m || m.unavailable !== undefined ? checkHere(path) : m;
      port1.close();
    }
    return outcome;
  };
  const judge = () => {
    const err = integrityVerdict(settle());
    if (err) throw err;
  };
  return {
    waitSync() {
      if (worker && !outcome && Atomics.wait(flag, 0, 0, DEADLINE_MS) === 'timed-out') {
        void worker.terminate();
        outcome = { error: 'the check did not finish in time' };
      }
      judge();
    },
    async wait() {
      if (worker && !outcome) {
        const waiting = (Atomics as unknown as AtomicsWaitAsync).waitAsync(flag, 0, 0);
        if (waiting.async) await waiting.value;
      }
      judge();
    },
    cancel() {
      if (worker && !outcome) void worker.terminate();
      outcome ??= { error: 'cancelled' };
      port1.close();
    },
  };
}
