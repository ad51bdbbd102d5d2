// The integrity check of a received file (integrity.ts) in worker threads of its own, two halves
// side by side (see startIntegrityCheck). A merge starts it on its copy of the colleague's file
// and reads and writes meanwhile: at L the check is about 3.5 s of CPU, as much as the merge's
// own work, and they share the machine's cores instead of taking turns. The merge waits for the
// verdict only before its COMMIT, and that wait is synchronous (Atomics.wait on a shared flag,
// then receiveMessageOnPort): the transaction never yields to the event loop, so no other call
// can run inside it. Where the workers cannot run (better-sqlite3 not loadable there), the check
// runs on the calling thread, as it always did.
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { AppError } from '../core/errors.js';
import { unpackedPath } from '../core/paths.js';
import { startSourceWorker } from '../core/source-worker.js';
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
import { SEAL_BROKEN_MESSAGE, SEAL_SOURCE, sealHoldsAt, type SealInfo } from './seal.js';

// The file's seal (seal.ts, the same function), then the steps of checkIntegrity (integrity.ts),
// from the same SQL, run from source text (source-worker.ts), answering facts that the calling
// thread puts into words. The file is our own copy (a merge's), so the connection may be a
// writing one: FTS5's check is an INSERT, which writes nothing and is rolled back.
const BODY = `
  let Database;
  try { Database = require(workerData.sqlite); } catch (e) { return { unavailable: String(e) }; }
  ${SEAL_SOURCE}
  const part = workerData.part;
  if (part !== 'search' && workerData.seal && !fileMatchesSeal(require('node:fs'), require('node:crypto'), workerData.path, workerData.seal))
    return { sealBroken: true };
  let db;
  try {
    db = new Database(workerData.path, { fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    db.pragma('cell_size_check = ON');
    db.pragma('mmap_size = 0');
    const rows = part === 'search' ? ['ok'] : db.pragma('integrity_check').map((r) => r.integrity_check);
    if (rows.length !== 1 || rows[0] !== 'ok' || part === 'table') return { rows };
    const present = new Set(db.prepare('SELECT name FROM sqlite_schema').pluck().all());
    db.exec('BEGIN');
    try {
      for (const [t, sql] of workerData.indexes) {
        if (!present.has(t)) continue;
        try { db.prepare(sql).run(); } catch (e) { return { index: t, indexError: String(e && e.message) }; }
      }
    } finally {
      db.exec('ROLLBACK');
    }
    if (present.has('text_chunks')) {
      const bad = db.prepare(workerData.chunksSql).pluck().get();
      if (bad !== undefined) return { chunks: String(bad) };
    }
    return { rows };
  } finally {
    if (db) db.close();
  }
`;

/** What the worker answers: checkIntegrity's outcome, or the facts of a failed step 2 or 3. */
type WorkerAnswer =
  IntegrityOutcome | { index: string; indexError: string } | { chunks: string } | { sealBroken: true } | { unavailable: string };

/** What a check found, wherever it ran. */
type Finding = IntegrityOutcome | { sealBroken: true };

function outcomeOf(m: Exclude<WorkerAnswer, { unavailable: string }>): Finding {
  if ('sealBroken' in m) return m;
  if ('index' in m) return { rows: [searchIndexDamage(m.index, m.indexError)] };
  if ('chunks' in m) return { rows: [chunksDamage(m.chunks)] };
  return m as IntegrityOutcome;
}

const require = createRequire(import.meta.url);

/** The check on this thread, where the worker cannot run. */
function checkHere(path: string, seal: SealInfo | null): Finding {
  if (!sealHoldsAt(path, seal)) return { sealBroken: true };
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

/**
 * Starts checking the file at `path`, which nothing may write until the verdict is in: against
 * `seal` first (the seal its original carried, read before copying: seal.ts), then for integrity.
 * The check runs in two workers side by side: the seal and integrity_check in one, FTS5's
 * comparison of each search index with its text (and the text's chunks) in the other. At L the
 * first half is about 2.6 s of CPU and the second 1 s; run one after the other, the merge that
 * waits for them waited on the second after its own work was done. A damaged file may fail the
 * second half for the damage the first reports: the first half's finding is the one told.
 */
export function startIntegrityCheck(path: string, seal: SealInfo | null = null): IntegrityRun {
  const data = {
    path,
    seal,
    sqlite: unpackedPath(require.resolve('better-sqlite3')),
    indexes: SEARCH_INDEXES.map((t) => [t, searchIndexCheckSql(t)]),
    chunksSql: CHUNKS_CHECK_SQL,
  };
  let workers = (['table', 'search'] as const).map((part) => startSourceWorker<WorkerAnswer>(BODY, { ...data, part }));
  if (workers.some((w) => !w)) {
    for (const w of workers) w?.cancel();
    workers = [startSourceWorker<WorkerAnswer>(BODY, { ...data, part: 'all' })];
  }
  let outcome: Finding | undefined;
  const judge = (answers: (WorkerAnswer | undefined)[]) => {
    outcome ??= combined(answers) ?? checkHere(path, seal);
    if ('sealBroken' in outcome) throw new AppError('corrupt', SEAL_BROKEN_MESSAGE);
    const err = integrityVerdict(outcome);
    if (err) throw err;
  };
  return {
    waitSync: () => judge(outcome ? [] : workers.map((w) => w?.waitSync())),
    wait: async () => judge(outcome ? [] : await Promise.all(workers.map((w) => w?.wait()))),
    cancel() {
      for (const w of workers) w?.cancel();
      outcome ??= { error: 'cancelled' };
    },
  };
}

/** The halves' findings as one, the first damage found in order; undefined where a worker gave no usable answer. */
function combined(answers: (WorkerAnswer | undefined)[]): Finding | undefined {
  const findings: Finding[] = [];
  for (const m of answers) {
    if (!m || 'unavailable' in m) return undefined;
    findings.push(outcomeOf(m));
  }
  return findings.find((f) => 'sealBroken' in f || integrityVerdict(f)) ?? findings[0];
}
