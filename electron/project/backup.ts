// Backup copies of a project file, made with SQLite's online backup API (consistent even while
// the file is open) and kept beside the project in `<name>.backups/`: before every migration,
// merge and restore, and daily while the project is in use. Each is written under a temporary
// name, checked (quick_check, our application id) and only then given its name, so a backup
// that exists is a good one. The newest KEEP are kept.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { AppError, isDiskFull } from '../core/errors.js';
import { unpackedPath } from '../core/paths.js';
import { startSourceWorker, type SourceWorker } from '../core/source-worker.js';
import { fsyncPath } from '../core/write-file.js';
import { APPLICATION_ID, PROJECT_EXTENSION } from './format.js';
import { COPY_SOURCE, copyFromFd, heldFd } from './held-fd.js';
import { checkpointProject, checkpointsOf, readSeal, SEAL_SOURCE, sealClosedFile, walHasFrames, walSize } from './seal.js';

export const KEEP_BACKUPS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

export function backupDirFor(projectPath: string): string {
  return join(dirname(projectPath), `${basename(projectPath, PROJECT_EXTENSION)}.backups`);
}

/** 20261123-115434123: sorts by time, to the millisecond. */
function timestamp(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 18);
}

export interface Backup {
  file: string;
  path: string;
  /** pre-migration, pre-merge, pre-restore, daily, … */
  reason: string;
  schemaVersion: number;
  createdAt: string;
  bytes: number;
}

// <stem>.<YYYYMMDD-HHMMSS[mmm]>.v<version>.<reason>[-n].fieldcoder
const NAME = /\.(\d{8}-\d{6}(?:\d{3})?)\.v(\d+)\.([a-z][a-z0-9-]*)\.fieldcoder$/;

/** What checking a backup file found, wherever the check ran. */
interface CheckResult {
  quickCheck?: string;
  applicationId?: number;
  userVersion?: number;
  /** SQLite could not open or read it. */
  unreadable?: string;
  /** Its error's code (SQLITE_…, E…). */
  unreadableCode?: string;
  /** The seal it holds (seal.ts); null or absent where it has none. */
  sealDigest?: Uint8Array | null;
}

/** The seal a file holds (seal.ts): an error reading it is the check's to report. */
function sealIn(db: Database.Database): Buffer | null {
  try {
    return readSeal(db, true)?.digest ?? null;
  } catch {
    return null;
  }
}

function readCheck(path: string): CheckResult {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    return {
      quickCheck: (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; '),
      applicationId: db.pragma('application_id', { simple: true }) as number,
      userVersion: db.pragma('user_version', { simple: true }) as number,
      sealDigest: sealIn(db),
    };
  } catch (e) {
    return { unreadable: (e as Error).message, unreadableCode: (e as { code?: string }).code };
  } finally {
    db?.close();
  }
}

/**
 * Why SQLite could not read a backup, in words. Reading a WAL-mode file makes its index (-shm)
 * beside it, so a full disk or one that refuses writes stops a read too: that is not damage.
 */
function unreadableError(message: string, code = ''): AppError {
  if (isDiskFull({ code }))
    return new AppError(
      'disk_full',
      'The disk is full, so this backup could not be checked (reading it needs a little room beside it). Nothing was changed; free some space and try again.',
    );
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_IOERR_SHMOPEN' || code === 'EROFS' || code === 'EACCES')
    return new AppError(
      'read_only',
      `The disk does not accept writes, so this backup could not be checked (${message}). Nothing was changed.`,
    );
  return new AppError('corrupt', `This backup cannot be read: ${message}`);
}

function verdict(r: CheckResult): { schemaVersion: number } {
  if (r.unreadable !== undefined) throw unreadableError(r.unreadable, r.unreadableCode);
  if (r.quickCheck !== 'ok') throw new AppError('corrupt', `This backup is damaged (${r.quickCheck}).`);
  if (r.applicationId !== APPLICATION_ID) throw new AppError('not_project', 'This backup is not a Field Coder project.');
  return { schemaVersion: r.userVersion! };
}

/** A file is a usable backup when SQLite finds it sound and it is one of ours. */
export function checkBackupFile(path: string): { schemaVersion: number } {
  return verdict(readCheck(path));
}

/** A backup's copy gets its seal (seal.ts), a backup being a file received later, by a restore; then it is synced. */
const seal = (path: string) => sealClosedFile(path, openCopy);

function openCopy(path: string): Database.Database {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('trusted_schema = OFF');
  return db;
}

// A new backup's last steps in a worker thread of its own (started from source text, as the PDF
// worker is, so that no file of ours has to be found at run time): copy the project through its
// held descriptor when given one (`copyFrom`; held-fd.ts's function), and the first `walBytes` of
// its WAL beside the copy, seal the copy (the same function as seal.ts's: SQLite reads that WAL's
// commits into it first), sync it to the disk, then readCheck. It answers `unavailable` when it
// cannot load better-sqlite3 there, and the calling thread then seals and checks the copy itself.
const CHECK_BODY = `
  const fs = require('node:fs');
  ${COPY_SOURCE}
  if (workerData.copyFrom !== undefined) {
    let wal;
    try {
      copyFromFd(fs, workerData.copyFrom, workerData.path);
      if (workerData.walBytes) {
        wal = fs.openSync(workerData.walPath, 'r');
        copyFromFd(fs, wal, workerData.path + '-wal', workerData.walBytes);
      }
    } catch (e) {
      return { uncopied: String(e && e.message), uncopiedCode: e && e.code };
    } finally {
      if (wal !== undefined) fs.closeSync(wal);
    }
  }
  let Database;
  try { Database = require(workerData.sqlite); } catch (e) { return { unavailable: String(e) }; }
  ${SEAL_SOURCE}
  const openCopy = (p) => {
    const w = new Database(p, { fileMustExist: true });
    w.pragma('trusted_schema = OFF');
    return w;
  };
  try {
    sealAndSyncFile(fs, require('node:crypto'), openCopy, workerData.path);
  } catch (e) {
    return { unsynced: String(e && e.message), unsyncedCode: e && e.code };
  }
  let db, out;
  try {
    db = new Database(workerData.path, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    out = {
      quickCheck: db.pragma('quick_check').map((r) => r.quick_check).join('; '),
      applicationId: db.pragma('application_id', { simple: true }),
      userVersion: db.pragma('user_version', { simple: true }),
    };
    try { out.sealDigest = db.prepare('SELECT digest FROM file_seal WHERE id = 1').pluck().get(); } catch (e) { /* older than seals */ }
  } catch (e) {
    out = { unreadable: String(e && e.message), unreadableCode: e && e.code };
  } finally {
    if (db) db.close();
  }
  return out;
`;

const require = createRequire(import.meta.url);

interface WorkerResult extends CheckResult {
  /** Making the copy failed (with the error's code); the copy is the first step, so any other answer of its own follows a made copy. */
  uncopied?: string;
  uncopiedCode?: string;
  /** Sealing or syncing the copy failed (with the error's code). */
  unsynced?: string;
  unsyncedCode?: string;
  unavailable?: string;
  /** The worker itself failed. */
  error?: string;
}

/** The worker's steps under way, or null where the calling thread must do them. */
function checkInWorker(path: string, copyFrom?: { fd: number; walPath: string; walBytes: number }): SourceWorker<WorkerResult> | null {
  return startSourceWorker<WorkerResult>(CHECK_BODY, {
    path,
    copyFrom: copyFrom?.fd,
    walPath: copyFrom?.walPath,
    walBytes: copyFrom?.walBytes ?? 0,
    sqlite: unpackedPath(require.resolve('better-sqlite3')),
  });
}

/** A worker's answer, or null where it gave none that can be used. */
const usable = (r: WorkerResult | undefined): WorkerResult | null => (r && r.unavailable === undefined && r.error === undefined ? r : null);

/** Where a new backup goes, and the name it has until it passed its check. */
function backupTarget(db: Database.Database, projectPath: string, reason: string): { dest: string; tmp: string } {
  const dir = backupDirFor(projectPath);
  mkdirSync(dir, { recursive: true });
  const version = db.pragma('user_version', { simple: true }) as number;
  const stem = basename(projectPath, PROJECT_EXTENSION);
  let dest = join(dir, `${stem}.${timestamp(new Date())}.v${version}.${reason}${PROJECT_EXTENSION}`);
  for (let i = 2; existsSync(dest); i++)
    dest = join(dir, `${stem}.${timestamp(new Date())}.v${version}.${reason}-${i}${PROJECT_EXTENSION}`);
  return { dest, tmp: `${dest}.partial` };
}

const removePartial = (tmp: string) => {
  for (const ext of ['', '-wal', '-shm', '-journal']) rmSync(tmp + ext, { force: true });
};

/** A checked copy gets its name; older backups beyond KEEP go. */
function name(projectPath: string, tmp: string, dest: string): string {
  try {
    // The check's read-only connection leaves an empty WAL and its index beside the copy.
    for (const ext of ['-wal', '-shm']) rmSync(tmp + ext, { force: true });
    renameSync(tmp, dest);
  } catch (e) {
    removePartial(tmp);
    throw e;
  }
  pruneBackups(projectPath);
  return dest;
}

/** Copies the open database to a new, checked backup file and returns its path. */
export async function backupProject(db: Database.Database, projectPath: string, reason: string): Promise<string> {
  return (await makeBackup(db, projectPath, reason, false)).path;
}

/**
 * A backup that copies the file itself, after checkpointing the WAL into it, instead of the
 * backup API's page by page copy: several times faster on a large project, but it holds the
 * connection until done, so only for a caller that holds it anyway (a merge, which goes on to
 * write it). The copy is synced and checked like any other, and `fileSeal` is the project's seal
 * again, as BackupInProgress's is.
 */
export async function backupWholeFile(db: Database.Database, projectPath: string, reason: string): Promise<MadeBackup> {
  return makeBackup(db, projectPath, reason, true);
}

interface MadeBackup {
  path: string;
  fileSeal(): Buffer | null;
}

async function makeBackup(db: Database.Database, projectPath: string, reason: string, fileCopy: boolean): Promise<MadeBackup> {
  const { dest, tmp } = backupTarget(db, projectPath, reason);
  let stamp: string | undefined;
  let sealOfCopy: Buffer | null = null;
  try {
    if (fileCopy && copyWholeFile(db, projectPath, tmp)) stamp = fileStamp(projectPath);
    else await db.backup(tmp);
    seal(tmp); // and sync it
    const r = readCheck(tmp);
    verdict(r);
    if (stamp !== undefined && r.sealDigest?.length === 32) sealOfCopy = Buffer.from(r.sealDigest);
  } catch (e) {
    removePartial(tmp);
    throw e;
  }
  return { path: name(projectPath, tmp, dest), fileSeal: () => (sealOfCopy && stamp === fileStamp(projectPath) ? sealOfCopy : null) };
}

export interface BackupInProgress {
  /** The backup's path once it is on the disk, passed its check and got its name; throws, leaving nothing, if it did not pass. */
  ready(): Promise<string>;
  /**
   * The same, blocking this thread until the worker has answered: for a caller inside a
   * transaction that must not yield (a merge, which commits only with its backup named).
   */
  readySync(): string;
  /** Removes the copy, unchecked and unnamed: its caller is not going ahead. */
  discard(): Promise<void>;
  /**
   * Once ready: the seal of the project's file itself, where the backup is a copy of the file
   * alone (after a checkpoint, or with nothing in the WAL: the file's digest is the copy's) and
   * the file has not changed since, so that its caller can seal the project again where a
   * checkpoint had cleared its seal (a merge, in its commit: seal.ts); otherwise null.
   */
  fileSeal(): Buffer | null;
}

/** How the project at `path` stands: a checkpoint of ours, or any write to its file, changes it. */
const fileStamp = (path: string): string => {
  const st = fs.fstatSync(heldFd(path), { bigint: true });
  return `${checkpointsOf(path)}:${st.size}:${st.mtimeNs}`;
};

/**
 * A backup whose steps (the copy, the sync to disk and the check) run in a worker thread while
 * its caller does other work: a merge goes on meanwhile. The worker copies the file through the
 * project's held descriptor, and the WAL's frames as they stand now beside the copy, whose own
 * connection reads them in. Nothing is checkpointed, so the project's file keeps its seal
 * (seal.ts): a crash during the merge leaves a file still checked against it. That is safe while
 * the caller goes on because nothing writes the file itself until a checkpoint, and the frames
 * already in the WAL stay as they are until then: a transaction appends to the WAL (its commit is
 * what waits for ready()), and anything committed meanwhile (a checkpoint comes only after a
 * write, or at closing) is for the caller to see (a merge compares total_changes and
 * data_version) and discard this copy. Until ready() has seen it pass, the copy keeps its
 * temporary name, so nothing can take it for a backup. Where no worker can start, the WAL is
 * checkpointed into the file and the file copied here (or, where the WAL cannot be emptied,
 * SQLite's backup API copies the database).
 */
export async function startBackup(db: Database.Database, projectPath: string, reason: string): Promise<BackupInProgress> {
  const { dest, tmp } = backupTarget(db, projectPath, reason);
  let worker: SourceWorker<WorkerResult> | null = null;
  let copyInWorker = false;
  let stamp: string | undefined;
  let sealOfCopy: Buffer | null = null;
  let walBytes = 0;
  try {
    if (!db.inTransaction) {
      walBytes = walSize(projectPath);
      stamp = fileStamp(projectPath);
      worker = checkInWorker(tmp, { fd: heldFd(projectPath), walPath: `${projectPath}-wal`, walBytes });
      copyInWorker = worker !== null;
    }
    if (!worker) {
      walBytes = 0;
      stamp = undefined;
      if (checkpointed(db, projectPath)) {
        stamp = fileStamp(projectPath);
        copyFromFd(fs, heldFd(projectPath), tmp);
      } else {
        await db.backup(tmp);
      }
    }
  } catch (e) {
    removePartial(tmp);
    throw e;
  }
  worker ??= checkInWorker(tmp);
  /** The steps' result wherever they ran, then the name; throws, leaving nothing, on failure. */
  const finish = (answer: WorkerResult | undefined): string => {
    try {
      if (copyInWorker && answer?.uncopied !== undefined) throw Object.assign(new Error(answer.uncopied), { code: answer.uncopiedCode });
      // No answer of the worker's own (it stopped, or threw): the copy may be incomplete.
      if (copyInWorker && (!answer || answer.error !== undefined))
        throw new Error(`The backup copy could not be made: ${answer?.error ?? 'its worker stopped'}`);
      const r = usable(answer);
      if (r) {
        if (r.unsynced !== undefined) throw Object.assign(new Error(r.unsynced), { code: r.unsyncedCode });
        verdict(r);
        // A copy of the file alone (no WAL beside it) has the file's seal.
        if (stamp !== undefined && walBytes === 0 && r.sealDigest?.length === 32) sealOfCopy = Buffer.from(r.sealDigest);
      } else {
        seal(tmp);
        checkBackupFile(tmp);
      }
    } catch (e) {
      removePartial(tmp);
      throw e;
    }
    return name(projectPath, tmp, dest);
  };
  return {
    ready: async () => finish(await worker?.wait()),
    readySync: () => finish(worker?.waitSync()),
    discard: async () => {
      await worker?.wait();
      removePartial(tmp);
    },
    fileSeal: () => (sealOfCopy && stamp === fileStamp(projectPath) ? sealOfCopy : null),
  };
}

/**
 * With every page of the WAL checkpointed into the file (and the WAL emptied), the file alone is
 * the database, and nothing else writes it while this connection holds its exclusive lock.
 * Answers false when the checkpoint could not finish.
 */
function checkpointed(db: Database.Database, projectPath: string): boolean {
  if (db.inTransaction) return false;
  return checkpointProject(db, projectPath) && !walHasFrames(projectPath); // its seal cleared first (seal.ts)
}

/** The file copied whole after a checkpoint (see checkpointed); false, having copied nothing, where it could not be. */
function copyWholeFile(db: Database.Database, projectPath: string, tmp: string): boolean {
  if (!checkpointed(db, projectPath)) return false;
  // Through the file's held descriptor: copyFileSync would close one of its own and so drop the
  // project's lock (held-fd.ts).
  copyFromFd(fs, heldFd(projectPath), tmp);
  fsyncPath(tmp);
  return true;
}

/** The project's backups, newest first. */
export function listBackups(projectPath: string): Backup[] {
  const dir = backupDirFor(projectPath);
  if (!existsSync(dir)) return [];
  const stem = basename(projectPath, PROJECT_EXTENSION);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${stem}.`) && NAME.test(f))
    .map((file) => {
      const [, when, v, reason] = NAME.exec(file)!;
      const ms = when!.slice(15) || '000';
      const iso = `${when!.slice(0, 4)}-${when!.slice(4, 6)}-${when!.slice(6, 8)}T${when!.slice(9, 11)}:${when!.slice(11, 13)}:${when!.slice(13, 15)}.${ms}Z`;
      const path = join(dir, file);
      return { file, path, reason: reason!.replace(/-\d+$/, ''), schemaVersion: Number(v), createdAt: iso, bytes: statSync(path).size };
    })
    .sort((a, b) => (a.file < b.file ? 1 : -1));
}

/** Keeps the newest `keep` backups; older ones are removed. */
export function pruneBackups(projectPath: string, keep = KEEP_BACKUPS): void {
  for (const b of listBackups(projectPath).slice(keep)) rmSync(b.path, { force: true });
}

/** A daily backup while the project is in use: made when the newest is a day old or more. */
export async function dailyBackupIfDue(db: Database.Database, projectPath: string, now = Date.now()): Promise<string | null> {
  const newest = listBackups(projectPath)[0];
  if (newest && now - Date.parse(newest.createdAt) < DAY_MS) return null;
  return backupProject(db, projectPath, 'daily');
}
