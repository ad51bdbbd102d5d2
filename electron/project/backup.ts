// Backup copies of a project file, made with SQLite's online backup API (consistent even while
// the file is open) and kept beside the project in `<name>.backups/`: before every migration,
// merge and restore, and daily while the project is in use. Each is written under a temporary
// name, checked (quick_check, our application id) and only then given its name, so a backup
// that exists is a good one. The newest KEEP are kept.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../core/errors.js';
import { fsyncPath } from '../core/write-file.js';
import { APPLICATION_ID, PROJECT_EXTENSION } from './format.js';

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

/** A file is a usable backup when SQLite finds it sound and it is one of ours. */
export function checkBackupFile(path: string): { schemaVersion: number } {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    const ok = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ');
    if (ok !== 'ok') throw new AppError('corrupt', `This backup is damaged (${ok}).`);
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID)
      throw new AppError('not_project', 'This backup is not a Field Coder project.');
    return { schemaVersion: db.pragma('user_version', { simple: true }) as number };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('corrupt', `This backup cannot be read: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

export interface BackupOptions {
  /**
   * Copy the file itself, after checkpointing the WAL into it, instead of the backup API's page by
   * page copy: several times faster on a large project, but it holds the connection until done,
   * so only for a caller that holds it anyway (a merge, which goes on to write it). The copy is
   * synced and checked like any other.
   */
  fileCopy?: boolean;
}

/** Copies the open database to a new, checked backup file and returns its path. */
export async function backupProject(db: Database.Database, projectPath: string, reason: string, opts: BackupOptions = {}): Promise<string> {
  const dir = backupDirFor(projectPath);
  mkdirSync(dir, { recursive: true });
  const version = db.pragma('user_version', { simple: true }) as number;
  const stem = basename(projectPath, PROJECT_EXTENSION);
  let dest = join(dir, `${stem}.${timestamp(new Date())}.v${version}.${reason}${PROJECT_EXTENSION}`);
  for (let i = 2; existsSync(dest); i++)
    dest = join(dir, `${stem}.${timestamp(new Date())}.v${version}.${reason}-${i}${PROJECT_EXTENSION}`);
  const tmp = `${dest}.partial`;
  try {
    if (!(opts.fileCopy && copyWholeFile(db, projectPath, tmp))) await db.backup(tmp);
    checkBackupFile(tmp);
    // The check's read-only connection leaves an empty WAL and its index beside the copy.
    for (const ext of ['-wal', '-shm']) rmSync(tmp + ext, { force: true });
    renameSync(tmp, dest);
  } catch (e) {
    for (const ext of ['', '-wal', '-shm', '-journal']) rmSync(tmp + ext, { force: true });
    throw e;
  }
  pruneBackups(projectPath);
  return dest;
}

/**
 * With every page of the WAL checkpointed into the file (and the WAL emptied), the file alone is
 * the database, and nothing else writes it while this connection holds its exclusive lock.
 * Answers false, having copied nothing, when the checkpoint could not finish.
 */
function copyWholeFile(db: Database.Database, projectPath: string, tmp: string): boolean {
  if (db.inTransaction) return false;
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  const wal = `${projectPath}-wal`;
  if (!r || r.busy !== 0 || (existsSync(wal) && statSync(wal).size > 0)) return false;
  copyFileSync(projectPath, tmp);
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
