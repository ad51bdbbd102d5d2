// An open project file: one better-sqlite3 connection held with an exclusive lock, the clock
// that stamps its changes, and the local coder. All writes go through `write`, one transaction.
import { storageError } from '../core/errors.js';
import type Database from 'better-sqlite3';
import { basename } from 'node:path';
import { HybridClock } from '../core/hlc.js';
import { PROJECT_EXTENSION } from './format.js';
import { releaseHeldFd } from './held-fd.js';
import type { SourceWorker } from '../core/source-worker.js';
import {
  checkpointProject,
  checkpointSealed,
  sealDigestWithWalNow,
  checkpointsOf,
  sealOpen,
  startSealDigest,
  unsealForCheckpoint,
  walSize,
  writeSeal,
} from './seal.js';

/**
 * The WAL size at which a project's write checkpoints it (SQLite's automatic checkpoints are off:
 * seal.ts). Large enough that a day's coding (an excerpt adds some 80 KB) keeps its seal, small
 * enough that the WAL stays quick to read and the checkpoint's pause short.
 */
export const CHECKPOINT_WAL_BYTES = 64 * 1024 * 1024;

/** How long writes must pause before the digest for a large WAL's sealed checkpoint is taken. */
export const SEAL_AHEAD_PAUSE_MS = 250;

/** How long writes must pause after such a checkpoint before the file is sealed again. */
export const RESEAL_DELAY_MS = 3000;

/** Tables whose rows the services move to the trash and back. */
export type TombstonedTable = 'documents' | 'excerpts' | 'memos' | 'refs';

export interface Author {
  deviceId: string;
  coderId: string;
  coderName: string;
}

export interface ProjectOptions {
  /** Seal the file when closing it (seal.ts): a file opened for writing by openProject. */
  sealOnClose?: boolean;
}

export class Project {
  readonly clock: HybridClock;
  private closed = false;
  /** The WAL size at which a write checkpoints (CHECKPOINT_WAL_BYTES; tests set it lower). */
  checkpointWalBytes = CHECKPOINT_WAL_BYTES;
  /** How long writes must pause before a checkpointed file is sealed again. */
  resealDelayMs = RESEAL_DELAY_MS;
  private resealTimer: NodeJS.Timeout | undefined;
  private resealing: SourceWorker<unknown> | undefined;
  private sealingAhead: SourceWorker<unknown> | undefined;
  private sealAheadTimer: NodeJS.Timeout | undefined;
  /** How long writes must pause before a large WAL's digest is taken (sealAheadOnPause). */
  sealAheadPauseMs = SEAL_AHEAD_PAUSE_MS;
  private transactionRunner: Database.Transaction<(body: () => unknown) => unknown> | undefined;
  private saveClockStatement: Database.Statement<[string]> | undefined;

  constructor(
    readonly db: Database.Database,
    readonly path: string,
    readonly author: Author,
    private readonly opts: ProjectOptions = {},
  ) {
    this.clock = new HybridClock(author.deviceId);
    // Resume after the last stamp this file saw, so changes stay ordered across sessions.
    // (A file being inspected before migration may have no meta table yet.)
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").get();
    const last = hasMeta ? this.getMeta('clock') : undefined;
    if (last) this.clock.observe(last);
  }

  get coderId(): string {
    return this.author.coderId;
  }

  get fileName(): string {
    return basename(this.path);
  }

  get name(): string {
    return this.getMeta('name') ?? basename(this.path, PROJECT_EXTENSION);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  /** Runs `fn` in one write transaction; `stamp()` inside it gives each change its clock stamp. */
  write<T>(fn: (stamp: () => string) => T): T {
    let last: string | undefined;
    const stamp = (): string => (last = this.clock.next());
    try {
      const result = this.inTransaction.immediate(() => {
        const result = fn(stamp);
        if (last) this.saveClock.run(last);
        return result;
      }) as T;
      if (this.opts.sealOnClose && !this.db.inTransaction) this.checkpointIfLarge();
      return result;
    } catch (err) {
      // The transaction rolled back: say why in words when the storage is the cause.
      throw storageError(err, 'this change') ?? err;
    }
  }

  /**
   * Moves the WAL into the file now, emptying it (TRUNCATE: with secure_delete the file's pages
   * then hold only the newest values, and the WAL's older frames are gone). The seal is cleared
   * first and written again once writes pause. True when every frame went in.
   */
  checkpointNow(): boolean {
    if (this.db.inTransaction || !this.opts.sealOnClose) return false;
    const done = checkpointProject(this.db, this.path);
    this.scheduleReseal();
    return done;
  }

  /**
   * checkpointNow, sealed: the digest the file will have with the WAL in it is taken first, on this
   * thread (sealDigestWithWalNow), and written in the commit the checkpoint carries into the file
   * (checkpointSealed), so that the file keeps a seal. For a change that must leave no old bytes
   * behind at once (an identity rewritten); checkpointNow where there is no digest to take.
   */
  checkpointSealedNow(): boolean {
    if (this.db.inTransaction || !this.opts.sealOnClose) return false;
    const digest = sealDigestWithWalNow(this.db, this.path);
    return digest ? checkpointSealed(this.db, this.path, digest) : this.checkpointNow();
  }

  /**
   * Moves a large WAL into the file, after a write that made it so: sealed ahead (sealAhead), once
   * writes pause, while the WAL is under twice the size, so that the file keeps a seal throughout;
   * past that (writes that go on and on: an import), at once, unsealed (checkpointNow).
   */
  private checkpointIfLarge(): void {
    const size = walSize(this.path);
    if (size < this.checkpointWalBytes) return;
    if (size < 2 * this.checkpointWalBytes) return this.sealAheadOnPause();
    clearTimeout(this.sealAheadTimer);
    try {
      this.checkpointNow();
    } catch {
      // Committed all the same: the changes are safe in the WAL, and the next write tries again.
    }
  }

  /**
   * Starts sealAhead once writes have paused for `sealAheadPauseMs`: a digest taken while they go
   * on would be stale before it is done (each one reads the whole file).
   */
  private sealAheadOnPause(): void {
    clearTimeout(this.sealAheadTimer);
    this.sealAheadTimer = setTimeout(() => this.sealAhead(), this.sealAheadPauseMs);
    this.sealAheadTimer.unref();
  }

  /**
   * Takes, in a worker, the digest the file will have with the WAL in it as it stands (seal.ts's
   * startSealDigest given the WAL's end); once it is there and nothing was written meanwhile, writes it and
   * checkpoints (checkpointSealed). Where something was, it tries again once writes pause.
   */
  private sealAhead(): void {
    if (this.closed || this.sealingAhead || this.db.inTransaction) return;
    const walEnd = walSize(this.path);
    if (walEnd < this.checkpointWalBytes) return;
    const worker = startSealDigest(this.db, this.path, walEnd);
    if (!worker) return void this.checkpointNow();
    const before = checkpointsOf(this.path);
    this.sealingAhead = worker;
    void worker.wait().then((answer) => {
      this.sealingAhead = undefined;
      if (this.closed || checkpointsOf(this.path) !== before) return;
      try {
        if (this.db.inTransaction || walSize(this.path) !== walEnd)
          this.sealAheadOnPause(); // written meanwhile
        else if (answer?.digest?.length === 32) checkpointSealed(this.db, this.path, answer.digest);
        else this.checkpointNow();
      } catch {
        // As a failed checkpointNow: the changes are safe in the WAL, and the next write tries again.
      }
    });
  }

  /**
   * After a checkpoint cleared the seal, the file is sealed again once writes have paused for
   * `resealDelayMs` (so that a long import hashes the file once, at its end): its digest is taken
   * in a worker while the project goes on, and written only if no checkpoint came meanwhile.
   */
  private scheduleReseal(): void {
    clearTimeout(this.resealTimer);
    this.resealTimer = setTimeout(() => void this.resealNow(), this.resealDelayMs);
    this.resealTimer.unref();
  }

  /** Seals the file again now (see scheduleReseal); true when it did. Tests call it directly. */
  async resealNow(): Promise<boolean> {
    clearTimeout(this.resealTimer);
    this.resealTimer = undefined;
    if (this.closed || this.resealing) return false;
    const before = checkpointsOf(this.path);
    const worker = startSealDigest(this.db, this.path);
    if (!worker) return false;
    this.resealing = worker;
    const answer = await worker.wait();
    this.resealing = undefined;
    if (this.closed || !answer?.digest || answer.digest.length !== 32 || checkpointsOf(this.path) !== before) return false;
    if (this.db.inTransaction) {
      this.scheduleReseal();
      return false;
    }
    try {
      writeSeal(this.db, answer.digest);
      return true;
    } catch {
      return false; // unsealed until it closes, as before
    }
  }

  // Made once per connection, not per write: a person's single edit (one excerpt) is a write,
  // and building these each time was a tenth of its cost above the disk's sync.
  private get inTransaction(): Database.Transaction<(body: () => unknown) => unknown> {
    return (this.transactionRunner ??= this.db.transaction((body: () => unknown) => body()));
  }

  private get saveClock(): Database.Statement<[string]> {
    return (this.saveClockStatement ??= this.db.prepare<[string]>(
      "INSERT INTO meta(key, value) VALUES ('clock', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ));
  }

  /** Sets or clears a row's tombstone (delete / undo) in a transaction of its own. */
  setDeleted(table: TombstonedTable, id: string, deleted: boolean): void {
    this.write((stamp) => {
      this.db
        .prepare(`UPDATE ${table} SET deleted = ?, stamp = ?, coder_id = ? WHERE id = ?`)
        .run(deleted ? 1 : 0, stamp(), this.coderId, id);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // A digest being taken is not wanted (closing seals), and must not read the descriptor once it is closed.
    clearTimeout(this.resealTimer);
    this.resealing?.cancel();
    clearTimeout(this.sealAheadTimer);
    this.sealingAhead?.cancel();
    try {
      if (this.opts.sealOnClose && !this.db.inTransaction) sealOpen(this.db, this.path);
      // Closing checkpoints the WAL into the file (an inspecting open of a file left by a crash):
      // its seal must not outlive that.
      else if (!this.db.readonly && !this.db.inTransaction) unsealForCheckpoint(this.db, this.path);
    } catch {
      // Unsealed (a full disk, say): the next open of the file runs the full checks, as after a crash.
    }
    this.db.close();
    releaseHeldFd(this.path); // only now: closing it earlier would drop the file's lock
  }
}
