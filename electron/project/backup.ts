// Backup copies of a project file, made with SQLite's online backup API (consistent even while
// the file is open) and kept beside the project in `<name>.backups/`.
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PROJECT_EXTENSION } from './format.js';

export function backupDirFor(projectPath: string): string {
  return join(dirname(projectPath), `${basename(projectPath, PROJECT_EXTENSION)}.backups`);
}

function timestamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Copies the open database to a new backup file and returns its path. */
export async function backupProject(db: Database.Database, projectPath: string, reason: string): Promise<string> {
  const dir = backupDirFor(projectPath);
  mkdirSync(dir, { recursive: true });
  const version = db.pragma('user_version', { simple: true }) as number;
  const stem = basename(projectPath, PROJECT_EXTENSION);
  const dest = join(dir, `${stem}.${timestamp(new Date())}.v${version}.${reason}${PROJECT_EXTENSION}`);
  await db.backup(dest);
  return dest;
}
