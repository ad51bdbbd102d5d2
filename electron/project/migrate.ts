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
 * A point in a migration where a test can make it fail (migrate-faults.test.ts). `statement`
 * comes before statement `index` of migration `version` (index === of: after its last).
 */
export type MigrationStep =
  | { at: 'backup'; phase: 'before' | 'after' }
  | { at: 'statement'; version: number; index: number; of: number }
  | { at: 'user_version'; phase: 'before' | 'after' }
  | { at: 'commit'; phase: 'after' };

/** Test-only: called at each step; throwing there fails the migration at that step. */
export type StepHook = (step: MigrationStep, db: Database.Database) => void;

/**
 * Splits a migration into its statements as SQLite's sqlite3_complete() sees them: a `;` ends a
 * statement except inside a CREATE TRIGGER body, which ends at `; END ;`. Comments, strings and
 * quoted names are skipped. Joined, the pieces are the input again (text after the last `;` is
 * its own piece when it holds more than blanks and comments).
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let words: string[] = []; // the statement's first words, upper-cased, to spot CREATE [TEMP] TRIGGER
  let trigger = false;
  let last = ''; // the previous token: ';', 'END' or another word/punctuation
  let beforeLast = '';
  const token = (t: string) => {
    beforeLast = last;
    last = t;
  };
  let i = 0;
  let code = false; // the current piece holds something besides blanks and comments
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(close, j);
        if (k < 0) {
          j = sql.length;
          break;
        }
        if (close !== ']' && sql[k + 1] === close) j = k + 2;
        else {
          j = k + 1;
          break;
        }
      }
      i = j;
      code = true;
      token('x');
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === ';') {
      i++;
      const ends = !trigger || (last === 'END' && beforeLast === ';');
      token(';');
      if (ends && code) {
        out.push(sql.slice(start, i));
        start = i;
        words = [];
        trigger = false;
        code = false;
        last = beforeLast = '';
      }
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      const word = sql.slice(i, j).toUpperCase();
      if (words.length < 3) {
        words.push(word);
        const w = words.filter((x) => x !== 'TEMP' && x !== 'TEMPORARY');
        if (w[0] === 'CREATE' && w[1] === 'TRIGGER') trigger = true;
      }
      token(word);
      code = true;
      i = j;
    } else {
      token(c);
      code = true;
      i++;
    }
  }
  if (code) out.push(sql.slice(start));
  else if (out.length) out[out.length - 1] += sql.slice(start);
  return out;
}

/**
 * Applies every migration above the file's version (up to `target`) in one transaction.
 * Returns the versions applied. Refuses a file newer than this build. `onStep` is for tests
 * only: with it, each migration runs statement by statement (see splitStatements) with the hook
 * called between them; without it, each migration's SQL runs in one exec, as it always has.
 */
export function migrate(
  db: Database.Database,
  target: number = latestVersion(),
  all: Migration[] = loadMigrations(),
  onStep?: StepHook,
): number[] {
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
    for (const m of pending) {
      if (!onStep) {
        db.exec(m.sql);
        continue;
      }
      const statements = splitStatements(m.sql);
      statements.forEach((sql, index) => {
        onStep({ at: 'statement', version: m.version, index, of: statements.length }, db);
        db.exec(sql);
      });
      onStep({ at: 'statement', version: m.version, index: statements.length, of: statements.length }, db);
    }
    onStep?.({ at: 'user_version', phase: 'before' }, db);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
    onStep?.({ at: 'user_version', phase: 'after' }, db);
  })();
  onStep?.({ at: 'commit', phase: 'after' }, db);
  return pending.map((m) => m.version);
}
