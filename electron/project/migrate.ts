// Schema migrations: numbered SQL files in migrations/, applied in order inside one
// transaction. PRAGMA user_version holds the schema version; it is written in the same
// transaction, so a failed migration leaves the file at its previous version.
import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { migrationsDir } from '../core/paths.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

let cached: Migration[] | undefined;

/** Reads migrations/ once; the numbering must run 1, 2, 3… without gaps or repeats. */
export function loadMigrations(dir: string = migrationsDir()): Migration[] {
  if (cached && dir === migrationsDir()) return cached;
  const list = readdirSync(dir)
    .map((f) => ({ f, m: FILE_RE.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .map(({ f, m }) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps: found ${m.version} at ${i + 1}`);
  });
  if (dir === migrationsDir()) cached = list;
  return list;
}

/** The schema version this build of Field Coder writes. */
export function latestVersion(): number {
  return loadMigrations().length;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the file's version (up to `target`) in one transaction.
 * Returns the versions applied. Refuses a file newer than this build.
 */
export function migrate(db: Database.Database, target: number = latestVersion(), all: Migration[] = loadMigrations()): number[] {
  const current = schemaVersion(db);
  if (current > all.length) {
    throw new AppError(
      'newer_version',
      `This project was saved by a newer Field Coder (schema ${current}; this version reads up to ${all.length}). Update Field Coder to open it.`,
    );
  }
  const pending = all.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
  return pending.map((m) => m.version);
}
