// The integrity check of a received file (integrity.ts) in a worker thread of its own. A merge starts it on
// its copy of the colleague's file and reads and writes meanwhile: at L the check is about 3.7 s
// of CPU, as long as the merge's own work, and the two now share the machine's cores instead of
// taking turns. The merge waits for the verdict only before its COMMIT, and that wait is
// synchronous (Atomics.wait on a shared flag, then receiveMessageOnPort): the transaction never
// yields to the event loop, so no other call can run inside it. Where the worker cannot run
// (better-sqlite3 not loadable there), the check runs on the calling thread, as it always did.
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { unpackedPath } from '../core/paths.js';
import {
  checkIntegrity,
  CHUNKS_CHECK_SQL,
  chunksDamage,
  integrityVerdict,
  SEARCH_INDEXES,
  searchIndexCheckSql,
  searchIndexDamage,
  type IntegrityOutcome,
} from './integrity.js';

// Started from source text, as backup.ts's check is: the steps of checkIntegrity (integrity.ts),
// from the same SQL, answering facts that the calling thread puts into words. The file is our
// own copy (a merge's), so the connection may be a writing one: FTS5's check is an INSERT, which
// writes nothing and is rolled back. The flag is set whatever happens, last.
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
      db = new Database(workerData.path, { fileMustExist: true });
      db.pragma('trusted_schema = OFF');
      db.pragma('cell_size_check = ON');
      db.pragma('mmap_size = 0');
      const rows = db.pragma('integrity_check').map((r) => r.integrity_check);
      out = { rows };
      if (rows.length === 1 && rows[0] === 'ok') {
        const present = new Set(db.prepare('SELECT name FROM sqlite_schema').pluck().all());
        db.exec('BEGIN');
        try {
          for (const [t, sql] of workerData.indexes) {
            if (!present.has(t)) continue;
            try { db.prepare(sql).run(); } catch (e) { out = { index: t, indexError: String(e && e.message) }; break; }
          }
        } finally {
          db.exec('ROLLBACK');
        }
        if (!out.index && present.has('text_chunks')) {
          const bad = db.prepare(workerData.chunksSql).pluck().get();
          if (bad !== undefined) out = { chunks: String(bad) };
        }
      }
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

/** What the worker answers: checkIntegrity's outcome, or the facts of a failed step 2 or 3. */
type WorkerAnswer = IntegrityOutcome | { index: string; indexError: string } | { chunks: string } | { unavailable: string };

function outcomeOf(m: WorkerAnswer): IntegrityOutcome {
  if ('index' in m) return { rows: [searchIndexDamage(m.index, m.indexError)] };
  if ('chunks' in m) return { rows: [chunksDamage(m.chunks)] };
  return m as IntegrityOutcome;
}

/** Longer than any check takes (about 11 ms per MB here); a check still running then is refused. */
const DEADLINE_MS = 10 * 60 * 1000;

const require = createRequire(import.meta.url);

/** ES2024, in every Node and Electron we run on; not yet in the TypeScript lib we target. */
interface AtomicsWaitAsync {
  waitAsync(a: Int32Array, i: number, v: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** The check on this thread, where the worker cannot run. */
function checkHere(path: string): IntegrityOutcome {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    db.pragma('cell_size_check = ON');
    db.pragma('mmap_size = 0');
    return checkIntegrity(db);
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
      workerData: {
        path,
        flag: flagBuffer,
        port: port2,
        sqlite: unpackedPath(require.resolve('better-sqlite3')),
        indexes: SEARCH_INDEXES.map((t) => [t, searchIndexCheckSql(t)]),
        chunksSql: CHUNKS_CHECK_SQL,
      },
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
      const m = worker ? (receiveMessageOnPort(port1)?.message as WorkerAnswer | undefined) : undefined;
      outcome = !m || 'unavailable' in m ? checkHere(path) : outcomeOf(m);
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
