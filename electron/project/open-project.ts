// Creating and opening project files. Opening refuses, without changing a byte, anything that
// is not a healthy Field Coder project this version can read, and takes an exclusive lock so a
// second process cannot write the same file.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError, storageError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { installTemplate } from '../framework/install-template.js';
import { defaultTemplate, type FrameworkTemplate } from '../framework/template.js';
import { backupProject } from './backup.js';
import { APPLICATION_ID, readHeader } from './format.js';
import { checkIntegrity, integrityVerdict } from './integrity.js';
import { latestVersion, migrate, schemaVersion, type StepHook } from './migrate.js';
import { Project, type Author } from './project.js';
import { checkSchema } from './schema-check.js';
import { copyFromFd, heldFd, isHeld, releaseHeldFd } from './held-fd.js';
import { noJournal, readSeal, unsealForCheckpoint, verifySeal, walHasFrames } from './seal.js';
import { hasUnkept, isDamaged, readWal, WAL_DAMAGED_MESSAGE, type WalReading } from './wal-check.js';

export interface OpenResult {
  project: Project;
  /** Path of the backup made before migrating an older file, if one was needed. */
  backup?: string;
  /**
   * The file's seal (seal.ts) as opening found it: intact (it hashed to it), none (not closed by
   * Field Coder since its last write, or older than seals), or unchecked (closedCleanlyHere, or
   * left to the caller with checkLater).
   */
  seal: 'intact' | 'none' | 'unchecked';
  /**
   * The file was left by a crash while a change was being saved, or that change was damaged
   * since (wal-check.ts's hasUnkept): it is not in the project, and the user is told so.
   */
  unkeptChange?: true;
}

function isReadOnly(path: string): boolean {
  // Mode bits as well as access(): root may write a file whose mode says read-only, but the
  // user who made it read-only meant it.
  if ((statSync(path).mode & 0o222) === 0) return true;
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Header checks that need no SQLite connection; they never write. */
function checkFile(path: string): void {
  if (!existsSync(path)) throw new AppError('not_found', `No project file at ${path}.`);
  const st = statSync(path);
  if (!st.isFile()) throw new AppError('not_project', `${path} is not a file.`);
  const h = readHeader(path);
  if (!h.isSqlite) throw new AppError('not_sqlite', 'This file is not a Field Coder project (it is not an SQLite database).');
  if (h.applicationId !== APPLICATION_ID) throw new AppError('not_project', 'This is an SQLite database, but not a Field Coder project.');
  if (h.userVersion > latestVersion()) throw newerError(h.userVersion);
  checkNotTruncated(path);
  if (isReadOnly(path))
    throw new AppError(
      'read_only',
      'This project file is read-only (or its folder is). Copy it somewhere writable, or change its permissions, to open it.',
    );
}

/**
 * A file cut short (a copy or transfer that stopped early): its header says how many pages it
 * has, and the file holds fewer bytes. quick_check does not always notice (a missing last page
 * of overflow text is only read when that row is), and the row then fails with an I/O error.
 * The header's page count is trusted only when SQLite would trust it (bytes 92-95 equal the
 * change counter), and only without a WAL beside the file, which may hold the missing pages.
 */
export function checkNotTruncated(path: string): void {
  if (walHasFrames(path)) return;
  const buf = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, buf, 0, 100, 0) < 100) return; // not SQLite at all: refused elsewhere
  } finally {
    closeSync(fd);
  }
  const raw = buf.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = buf.readUInt32BE(28);
  if (!pageSize || !pages || buf.readUInt32BE(24) !== buf.readUInt32BE(92)) return;
  const size = statSync(path).size;
  if (size < pages * pageSize || size % pageSize !== 0) {
    throw new AppError(
      'corrupt',
      `This project file is incomplete (${size} bytes where its header promises ${pages * pageSize}): it was probably cut short while being copied. Field Coder did not change it; restore a backup or copy it again.`,
    );
  }
}

function newerError(version: number): AppError {
  return new AppError(
    'newer_version',
    `This project was saved by a newer Field Coder (schema ${version}; this version reads up to ${latestVersion()}). Update Field Coder to open it.`,
  );
}

const lockedError = () => new AppError('locked', 'This project is open in another Field Coder window or process. Close it there first.');

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

/**
 * Settings for a connection to a file that may have come from anywhere (issue 8): schema code is
 * not trusted, cell sizes are checked, no memory mapping. EXCLUSIVE locking holds the file lock
 * from the first transaction until close, which is what refuses a second writer.
 */
function applySafetyPragmas(db: Database.Database): void {
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
  db.pragma('mmap_size = 0');
  db.pragma('busy_timeout = 0');
  db.pragma('locking_mode = EXCLUSIVE');
}

/** Settings for a file that passed its checks and is now ours to write. */
function applyWorkingPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL'); // USB sticks lie about syncs; take the cost
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON'); // deleted identities must not linger in free pages
  // The file changes only at checkpoints of ours, each clearing the seal first (seal.ts); the
  // project checkpoints when its WAL grows large (project.ts).
  db.pragma('wal_autocheckpoint = 0');
}

function takeLock(db: Database.Database): void {
  try {
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    const code = sqliteCode(err);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw lockedError();
    }
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
      throw new AppError('read_only', 'This project file cannot be written. Copy it somewhere writable to open it.');
    }
    throw err;
  }
}

/** The check a file from elsewhere gets before use (integrity.ts); refuses in words. */
function integrityCheck(db: Database.Database): void {
  const damaged = integrityVerdict(checkIntegrity(db));
  if (damaged) throw damaged;
}

function ensureCoder(project: Project): void {
  const { coderId, coderName } = project.author;
  const exists = project.db.prepare('SELECT 1 FROM coders WHERE id = ?').get(coderId);
  if (exists) return;
  project.write((stamp) => {
    project.db.prepare('INSERT INTO coders(id, name, stamp, coder_id) VALUES (?, ?, ?, ?)').run(coderId, coderName, stamp(), coderId);
  });
}

export interface OpenOptions {
  /** Tests only (migrate-faults.test.ts): called at each step of an upgrade, and may fail it there. */
  onMigrationStep?: StepHook;
  /** Check and read only: no migration, no backup, no coder row (for `field-coder check`). */
  inspect?: boolean;
  /**
   * This device closed this very file cleanly and nothing has changed it since (clean-close.ts):
   * it is not a received file, so the quick_check that dominates a large project's open is skipped.
   */
  closedCleanlyHere?: boolean;
  /**
   * With `inspect` only: the caller runs the integrity check itself, on a copy it makes at once
   * (a merge, in a worker: integrity-worker.ts), and reads nothing of this file meanwhile.
   */
  checkLater?: boolean;
  /** Internal (checkCrashedCopy): this is the copy of a file left by a crash, checked in its place. */
  copyOfCrashed?: boolean;
}

/**
 * A file left open by a crash (its WAL holding the session's changes) is checked as a copy, not
 * in place: whatever closes a connection to it checkpoints the WAL into the file, so a refusal
 * found on the file itself would leave it written. Its WAL, read by the caller before SQLite
 * opened anything (`wal`: wal-check.ts), is refused where SQLite would drop, without a word,
 * saved changes behind a damaged frame. The copy, beside the file (on
 * the same disk, as large as the project), is removed before this returns. Answers what the copy's
 * seal said; throws what its checks found. Null where the copy cannot be made (no room on the disk):
 * a file left by a crash must still open, so it is then checked in place, as before there were
 * copies (a refusal then leaves its WAL checkpointed into it).
 */
async function checkCrashedCopy(path: string, author: Author, wal: WalReading | null): Promise<OpenResult['seal'] | null> {
  if (isDamaged(wal)) throw new AppError('corrupt', WAL_DAMAGED_MESSAGE);
  let dir: string;
  try {
    dir = mkdtempSync(join(dirname(path), '.fieldcoder-check-'));
  } catch {
    return null;
  }
  const copy = join(dir, 'crashed.fieldcoder');
  try {
    try {
      // Through the held descriptor: another connection of this process may hold the file's lock.
      copyFromFd(fs, heldFd(path), copy);
      copyFileSync(`${path}-wal`, `${copy}-wal`);
    } catch {
      return null; // no room (or the folder refuses it): checked in place
    }
    try {
      const { project, seal } = await openProject(copy, author, { inspect: true, copyOfCrashed: true });
      project.close();
      return seal;
    } catch (err) {
      // A second window holding the file (and writing its WAL as this copied it) is not damage.
      if (err instanceof AppError && err.code === 'corrupt') probeLock(path);
      throw err;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Throws 'locked' when another connection holds the file; reads it read-only, so writes nothing to it. */
function probeLock(path: string): void {
  const shm = `${path}-shm`;
  const hadShm = existsSync(shm);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 0');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    const code = sqliteCode(err);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw lockedError();
    }
  } finally {
    db?.close();
    if (!hadShm) rmSync(shm, { force: true });
  }
}

/** Opens an existing project file, migrating it (after a backup) if it is older. */
export async function openProject(path: string, author: Author, opts: OpenOptions = {}): Promise<OpenResult> {
  checkFile(path);
  // Held by another connection of this process (opened twice): its descriptor, and so its lock, stay.
  const heldBefore = isHeld(path);
  // Before SQLite opens it: a rollback journal beside the file would be written back into it.
  const journalFree = noJournal(path);
  let checkedAsCopy: OpenResult['seal'] | undefined;
  const leftByCrash = !opts.closedCleanlyHere && !(opts.checkLater && opts.inspect) && !opts.copyOfCrashed && walHasFrames(path);
  // Read before SQLite opens the file: it drops, in silence, a change being saved and saved ones behind a damaged frame.
  const wal = leftByCrash ? readWal(path) : null;
  const unkept = !heldBefore && hasUnkept(wal) ? ({ unkeptChange: true } as const) : {};
  if (leftByCrash)
    try {
      checkedAsCopy = (await checkCrashedCopy(path, author, wal)) ?? undefined;
    } catch (err) {
      if (!heldBefore) releaseHeldFd(path);
      throw err;
    }
  let db: Database.Database;
  let seal: OpenResult['seal'] = 'unchecked';
  let checked = false;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (err) {
    throw new AppError('corrupt', `Cannot open this project file: ${(err as Error).message}`);
  }
  try {
    applySafetyPragmas(db);
    try {
      takeLock(db);
      // The header can be stale when a WAL file holds newer pages: ask SQLite again.
      if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
        throw new AppError('not_project', 'This is an SQLite database, but not a Field Coder project.');
      }
      if (schemaVersion(db) > latestVersion()) throw newerError(schemaVersion(db));
      if (checkedAsCopy) seal = checkedAsCopy;
      else if (!opts.closedCleanlyHere) {
        // First, as it is the one check that sees a flipped byte inside a value (seal.ts). A
        // merge checks its copy of the file instead, in its worker (their-copy.ts).
        const later = opts.checkLater && opts.inspect;
        if (!later) {
          const found = readSeal(db, journalFree);
          verifySeal(path, found);
          seal = found ? 'intact' : 'none';
        }
        checkSchema(db, schemaVersion(db));
        if (!later) integrityCheck(db);
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = sqliteCode(err);
      // SQLITE_ERROR here is SQLite failing to read the file's schema at all (e.g. "unsupported
      // file format": a flipped byte in the header's schema format number).
      if (
        code.startsWith('SQLITE_CORRUPT') ||
        code.startsWith('SQLITE_NOTADB') ||
        code.startsWith('SQLITE_IOERR') ||
        code === 'SQLITE_ERROR'
      ) {
        throw new AppError(
          'corrupt',
          `This project file is damaged and cannot be read (${(err as Error).message}). Field Coder did not change it; restore a backup.`,
        );
      }
      throw err;
    }
    checked = true;
    if (opts.inspect) return { project: new Project(db, path, author), seal, ...unkept };
    let backup: string | undefined;
    const step = opts.onMigrationStep;
    if (schemaVersion(db) < latestVersion()) {
      step?.({ at: 'backup', phase: 'before' }, db);
      try {
        backup = await backupProject(db, path, 'pre-migration');
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw (
          storageError(err, 'the backup made before upgrading this project') ??
          new AppError(
            'read_only',
            `Field Coder could not make the backup it makes before upgrading this project (${(err as Error).message}), so it did not upgrade it. The project is as it was.`,
          )
        );
      }
      step?.({ at: 'backup', phase: 'after' }, db);
    }
    // From here on changes go to the WAL and the file itself keeps what its seal describes, until
    // a checkpoint of ours (which clears the seal first) or the close, which seals it again.
    applyWorkingPragmas(db);
    try {
      migrate(db, undefined, undefined, step);
    } catch (err) {
      // One transaction: the file is at its previous version, and the backup is beside it.
      throw storageError(err, 'the upgrade of this project to the new version') ?? err;
    }
    const project = new Project(db, path, author, { sealOnClose: true });
    ensureCoder(project);
    return { project, ...(backup ? { backup } : {}), seal, ...unkept };
  } catch (err) {
    // Closing checkpoints the WAL into the file: its seal must not outlive that (seal.ts). Only
    // a file that passed its checks is written so (a migration or backup that failed).
    if (checked) {
      try {
        unsealForCheckpoint(db, path);
      } catch {
        // A file that cannot be written cannot be checkpointed either.
      }
    }
    db.close();
    if (!heldBefore) releaseHeldFd(path);
    throw err;
  }
}

export interface CreateOptions {
  name: string;
  template?: FrameworkTemplate;
}

/**
 * Creates a new project at `path` (which must not exist): built in a temporary file beside it
 * and renamed into place only when complete, so no half-made project is ever left behind.
 */
export async function createProject(path: string, author: Author, opts: CreateOptions): Promise<OpenResult> {
  if (existsSync(path)) throw new AppError('exists', `A file already exists at ${path}.`);
  const tmp = `${path}.${process.pid}.creating`;
  try {
    const db = new Database(tmp);
    try {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma('foreign_keys = ON');
      migrate(db);
      const project = new Project(db, tmp, author);
      project.write((stamp) => {
        const meta = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
        meta.run('project_id', newId());
        meta.run('name', opts.name);
        meta.run('created_at', new Date().toISOString());
        db.prepare('INSERT INTO coders(id, name, stamp, coder_id) VALUES (?, ?, ?, ?)').run(
          author.coderId,
          author.coderName,
          stamp(),
          author.coderId,
        );
        installTemplate(project, opts.template ?? defaultTemplate(), stamp);
      });
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-wal`, { force: true });
    rmSync(`${tmp}-shm`, { force: true });
    throw err;
  }
  return openProject(path, author);
}
