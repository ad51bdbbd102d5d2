// Restoring a backup puts its content back in the project's place. Nothing is lost on the way:
// the current file is kept first (as a checked 'pre-restore' backup when it is sound, or its
// raw bytes set aside when it is damaged, which is never written to), and the backup is copied
// to a temporary file beside it, synced, checked in full there and renamed over the project, so a
// crash leaves one or the other, and a backup that fails any check leaves the project untouched.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, isDiskFull } from '../core/errors.js';
import { fsyncPath } from '../core/write-file.js';
import { backupDirFor, backupProject, checkBackupFile, listBackups } from './backup.js';
import { checkIntegrity } from './integrity.js';
import { PROJECT_EXTENSION } from './format.js';
import { latestVersion } from './migrate.js';
import { checkNotTruncated } from './open-project.js';
import { readSeal, sealHoldsAt, wholeFile, type SealInfo } from './seal.js';

export interface RestoreResult {
  restored: string;
  /** Where the project as it was went: a backup, or the damaged file's bytes. */
  keptAs: string;
}

const BACKUP_SEAL_BROKEN =
  'This backup has changed since it was written: its bytes no longer match its seal (the disk may be failing). The project was not changed; choose another backup.';

/**
 * The check a backup gets before it replaces a project, made on the copy that will be renamed
 * into its place: its seal, integrity_check (indexes against their tables, which quick_check
 * leaves out), and FTS5's comparison of each search index with its text. That comparison is an
 * INSERT (which writes nothing and is rolled back), so it needs a writable connection: on the
 * backup itself it would have to wait for the restored project's open, which then refused a
 * restore that had already replaced the project.
 */
function checkRestoredCopy(path: string): void {
  let problem: string;
  let seal: SealInfo | null = null;
  const whole = wholeFile(path);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    db.pragma('cell_size_check = ON');
    db.pragma('mmap_size = 0');
    seal = readSeal(db, whole);
    const outcome = checkIntegrity(db);
    problem = outcome.error ?? outcome.rows.join('; ');
  } catch (e) {
    problem = (e as Error).message;
  } finally {
    db?.close();
  }
  // The seal (seal.ts) is the one check that sees a flipped byte inside a value. Read with the
  // connection closed, as nothing holds the copy then; it also shows the check changed no byte.
  if (!sealHoldsAt(path, seal)) throw new AppError('corrupt', BACKUP_SEAL_BROKEN);
  if (problem !== 'ok') throw new AppError('corrupt', `This backup is damaged (${problem.slice(0, 300)}). The project was not changed.`);
}

/** Keeps the project as it is now, before it is replaced. */
async function keepCurrent(projectPath: string): Promise<string> {
  try {
    checkBackupFile(projectPath);
    const db = new Database(projectPath, { readonly: true });
    try {
      return await backupProject(db, projectPath, 'pre-restore');
    } finally {
      db.close();
    }
  } catch {
    // Damaged (or unreadable): keep its bytes, and its WAL, exactly as they are.
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    const aside = join(backupDirFor(projectPath), `${basename(projectPath, PROJECT_EXTENSION)}.${stamp}.damaged`);
    copyFileSync(projectPath, aside);
    for (const ext of ['-wal', '-shm']) if (existsSync(projectPath + ext)) copyFileSync(projectPath + ext, aside + ext);
    return aside;
  }
}

/** Replaces the (closed) project with one of its backups, named by file name. */
export async function restoreBackup(projectPath: string, backupFile: string): Promise<RestoreResult> {
  const backups = listBackups(projectPath);
  const backup = backupFile === 'latest' ? backups[0] : backups.find((b) => b.file === backupFile);
  if (!backup)
    throw new AppError('not_found', backupFile === 'latest' ? 'This project has no backups.' : `No backup called ${backupFile}.`);
  const { schemaVersion } = checkBackupFile(backup.path);
  // A backup cut short can pass quick_check; it would replace a sound project with one that fails to open.
  checkNotTruncated(backup.path);
  if (schemaVersion > latestVersion()) throw new AppError('newer_version', 'This backup was made by a newer Field Coder.');
  const tmp = join(dirname(projectPath), `.${basename(projectPath)}.restoring`);
  const removeTmp = () => ['', '-wal', '-shm', '-journal'].forEach((ext) => rmSync(tmp + ext, { force: true }));
  try {
    copyFileSync(backup.path, tmp);
    fsyncPath(tmp);
  } catch (e) {
    removeTmp();
    if (isDiskFull(e))
      throw new AppError(
        'disk_full',
        'The disk is full, so the backup could not be copied beside the project. The project is as it was; free some space and try again.',
      );
    throw new AppError(
      'read_only',
      `The backup could not be copied beside the project: ${(e as Error).message}. The project is as it was.`,
    );
  }
  try {
    checkRestoredCopy(tmp);
  } catch (e) {
    removeTmp();
    throw e;
  }
  const keptAs = existsSync(projectPath) ? await keepCurrent(projectPath) : '';
  try {
    // A WAL left beside the project belongs to the old file; applied to the backup it would corrupt it.
    for (const ext of ['-wal', '-shm']) rmSync(projectPath + ext, { force: true });
    renameSync(tmp, projectPath);
  } catch (e) {
    removeTmp();
    throw new AppError('read_only', `The backup could not be put in place: ${(e as Error).message}. The project is as it was.`);
  }
  return { restored: backup.file, keptAs };
}
