// A colleague's file is untrusted: it is checked like any project we open (a Field Coder file, not
// newer than us, whole, sound), copied (the original is never written), upgraded on the copy if
// it is older, and its tables must be plain tables with exactly our columns before a merge reads a
// single row from it. The copy is made while the opening connection holds the file's exclusive
// lock: a plain file copy when the file is the whole database (no WAL or journal beside it, as a
// file that was sent is), else SQLite's backup API, which brings the WAL's pages along. The
// integrity check runs on that copy, in a worker, while the merge reads it and writes ours,
// starting with the seal the original carries (seal.ts: read from it before copying, and checked
// against the copy's bytes); the merge commits only once the check has passed
// (integrity-worker.ts). An older copy is checked before it is upgraded.
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import { startIntegrityCheck, type IntegrityRun } from '../../project/integrity-worker.js';
import { latestVersion, migrate, schemaVersion } from '../../project/migrate.js';
import { openProject } from '../../project/open-project.js';
import { readSeal, wholeFile } from '../../project/seal.js';
import type { Author } from '../../project/project.js';

export interface TheirCopy {
  path: string;
  /** Their schema version before the upgrade of the copy. */
  version: number;
  upgraded: boolean;
  /** The integrity check of the copy (as received), which must pass before anything is committed. */
  check: IntegrityRun;
  dispose(): void;
}

export async function prepareTheirCopy(theirsPath: string, author: Author): Promise<TheirCopy> {
  // Whole before SQLite opens it; the seal it carries is checked on the copy, which has its bytes.
  const whole = wholeFile(theirsPath);
  const { project: theirs } = await openProject(theirsPath, author, { inspect: true, checkLater: true });
  const dir = mkdtempSync(join(tmpdir(), 'field-coder-merge-'));
  const path = join(dir, 'theirs.fieldcoder');
  let check: IntegrityRun | undefined;
  // Removing a copy of a large project takes a while and nothing waits for it.
  const dispose = () => {
    check?.cancel();
    void rm(dir, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    const version = schemaVersion(theirs.db);
    // Whole still, now that SQLite has it open (and holds it): then the file is the copy's every byte.
    const stillWhole = wholeFile(theirsPath);
    const seal = readSeal(theirs.db, whole && stillWhole);
    if (stillWhole) copyFileSync(theirsPath, path);
    else await theirs.db.backup(path);
    theirs.close();
    const db = new Database(path);
    try {
      db.pragma('trusted_schema = OFF');
      // A rollback journal, set before the check starts: the check and the merge then read the
      // copy side by side under shared locks (a WAL file, read with our exclusive locking, would not).
      db.pragma('journal_mode = DELETE');
      check = startIntegrityCheck(path, seal);
      if (version < latestVersion()) await check.wait();
      const upgraded = migrate(db).length > 0;
      return { path, version, upgraded, check, dispose };
    } finally {
      db.close();
    }
  } catch (e) {
    if (theirs.isOpen) theirs.close();
    dispose();
    throw e;
  }
}

/** Their table must be a table (not a view) with our columns, in any order. */
export function checkTheirSchema(db: Database.Database, tables: readonly string[]): void {
  for (const t of tables) {
    const kind = db.prepare('SELECT type FROM theirs.sqlite_schema WHERE name = ?').get(t) as { type: string } | undefined;
    const ours = (db.prepare(`PRAGMA main.table_info(${t})`).all() as { name: string }[]).map((c) => c.name).sort();
    const theirs = (db.prepare(`PRAGMA theirs.table_info(${t})`).all() as { name: string }[]).map((c) => c.name).sort();
    if (kind?.type !== 'table' || ours.join() !== theirs.join()) {
      throw new AppError(
        'invalid',
        `The colleague's file is not a Field Coder project as this version writes it (table "${t}" differs). Nothing was merged.`,
      );
    }
  }
}
