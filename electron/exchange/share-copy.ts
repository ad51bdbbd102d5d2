// A copy of the open project to hand to a colleague: one compact file, no WAL beside it, with
// real names (and, if asked, memo history) gone from its bytes, not just from its tables.
//
// The live file is never copied as bytes: its newest pages may sit in the WAL. VACUUM INTO
// writes a consistent, defragmented snapshot through the project's own connection; the copy is
// then edited, vacuumed again (so deleted rows leave no trace in free pages), checked, synced,
// and only then renamed to the name the person chose. A failure leaves nothing behind.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { fsyncPath } from '../core/write-file.js';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../core/errors.js';
import { PROJECT_EXTENSION } from '../project/format.js';
import type { Project } from '../project/project.js';
import { releaseHeldFd } from '../project/held-fd.js';
import { sealOpen } from '../project/seal.js';

export interface ShareOptions {
  /** Leave out the `identities` table's rows (real names, contacts). */
  withoutIdentities: boolean;
  /** Leave out memo version history (`memo_versions`), which is this copy's local past. */
  withoutHistory?: boolean;
}

export interface ShareResult {
  bytes: number;
  /** The tables emptied in the copy. */
  removed: string[];
}

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

function samePath(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** Turns a failure to write the copy into one line a person can act on. */
function writeError(err: unknown, folder: string): unknown {
  if (err instanceof AppError) return err;
  const code = sqliteCode(err);
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC')
    return new AppError('read_only', `There is not enough space in ${folder} for the copy. Nothing was written.`);
  if (/^(SQLITE_(CANTOPEN|READONLY|PERM|IOERR|AUTH)|E(ACCES|PERM|ROFS|NOTDIR|NOENT|BUSY|XDEV))/.test(code))
    return new AppError('read_only', `Cannot write the copy in ${folder}: the folder cannot be written. Nothing was written.`);
  return err;
}

export function shareCopy(project: Project, outPath: string, opts: ShareOptions): ShareResult {
  const target = resolve(outPath);
  const folder = dirname(target);
  if (samePath(target, project.path)) throw new AppError('invalid', 'The copy cannot replace the project itself. Choose another file.');
  // Never overwrite: the name might be another project, or a copy someone is about to send.
  if (existsSync(target)) throw new AppError('exists', `A file already exists at ${target}.`);
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new AppError('not_found', `There is no folder ${folder} to write the copy in. Nothing was written.`);

  const tmp = join(folder, `.${basename(target)}.${process.pid}.${Date.now()}.sharing`);
  const removeTemp = (): void => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
  };
  const removed: string[] = [];
  try {
    project.db.prepare('VACUUM INTO ?').run(tmp);
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      copy.pragma('trusted_schema = OFF');
      copy.pragma('journal_mode = DELETE'); // one file, nothing beside it
      copy.pragma('secure_delete = ON');
      // Hard deletes, not tombstones: a tombstone merged back would delete the originals.
      const emptied = [...(opts.withoutIdentities ? ['identities'] : []), ...(opts.withoutHistory ? ['memo_versions'] : [])];
      const exists = copy.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
      // Merge bookkeeping (sync_*) that names a table's rows by `tbl` can hold their old values
      // (a conflict over a real name keeps both names), so it goes with them.
      const bookkeeping = (copy.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[])
        .map((r) => r.name)
        .filter((t) => /^sync_/i.test(t))
        .filter((t) => (copy.pragma(`table_info("${t.replace(/"/g, '""')}")`) as { name: string }[]).some((c) => c.name === 'tbl'));
      copy.transaction(() => {
        for (const table of emptied) {
          if (!exists.get(table)) continue;
          copy.prepare(`DELETE FROM ${table}`).run();
          for (const b of bookkeeping) copy.prepare(`DELETE FROM "${b.replace(/"/g, '""')}" WHERE tbl = ?`).run(table);
          removed.push(table);
        }
        // The redaction list is, by design, a list of real names and places: it goes too.
        if (opts.withoutIdentities && copy.prepare("DELETE FROM meta WHERE key = 'memos.redact'").run().changes)
          removed.push('redaction list');
      })();
      // secure_delete zeroes what it frees, but VACUUM rebuilds the file from live rows only,
      // so nothing deleted can survive in a free page or a page's unused space.
      copy.exec('VACUUM');
      const check = copy.pragma('quick_check') as { quick_check: string }[];
      if (check.length !== 1 || check[0]!.quick_check !== 'ok')
        throw new AppError(
          'corrupt',
          `The copy failed its integrity check (${check[0]?.quick_check ?? 'no answer'}). Nothing was written.`,
        );
      // Sealed, so that whoever receives it can tell that every byte arrived as written (seal.ts).
      sealOpen(copy, tmp);
    } finally {
      copy.close();
      releaseHeldFd(tmp); // the seal read the copy through it
    }
    fsyncPath(tmp);
    const bytes = statSync(tmp).size;
    renameSync(tmp, target);
    try {
      fsyncPath(folder); // make the rename itself durable
    } catch {
      // Windows cannot open a folder for syncing; its rename is already durable enough there.
    }
    return { bytes, removed };
  } catch (err) {
    removeTemp();
    throw writeError(err, folder);
  }
}

export interface SharedFile extends ShareResult {
  fileName: string;
  base64: string;
}

/**
 * The copy as bytes, for hosts that hand it over as a download rather than writing where the
 * person chose. It is made in a hidden folder beside the project, not the system temp folder,
 * so a copy that keeps identities is never written anywhere the project itself is not.
 */
export function shareCopyBytes(project: Project, opts: ShareOptions): SharedFile {
  const fileName = `${basename(project.path, PROJECT_EXTENSION)}-shared${PROJECT_EXTENSION}`;
  const work = mkdtempSync(join(dirname(resolve(project.path)), '.fc-share-'));
  try {
    const result = shareCopy(project, join(work, fileName), opts);
    return { ...result, fileName, base64: readFileSync(join(work, fileName)).toString('base64') };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
