// "Open a copy anyway": the way to the work in a file that was refused as damaged.
//
// A file whose seal does not match (seal.ts) may be sound apart from one changed byte, perhaps
// in free space, perhaps in a value; refusing it is right, but the newest backup may be a day
// older than the work in it. So a person can ask for a copy: the damaged file is never written,
// its bytes (and any WAL beside it) are copied to a new file beside it, the copy's seal is
// cleared, and the copy is then opened like any file without a seal: only if it passes every
// other check (schema, integrity_check, search indexes against their text). A copy that fails
// those too is removed again, and the refusal says why.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../core/errors.js';
import { fsyncPath } from '../core/write-file.js';
import { PROJECT_EXTENSION } from './format.js';

/** `<stem> (copy of a damaged file).fieldcoder`, or `… 2)` and on when that exists. */
function copyName(path: string): string {
  const stem = basename(path, PROJECT_EXTENSION);
  const folder = dirname(path);
  let dest = join(folder, `${stem} (copy of a damaged file)${PROJECT_EXTENSION}`);
  for (let i = 2; existsSync(dest); i++) dest = join(folder, `${stem} (copy of a damaged file ${i})${PROJECT_EXTENSION}`);
  return dest;
}

const removeAll = (path: string) => {
  for (const ext of ['', '-wal', '-shm', '-journal']) rmSync(path + ext, { force: true });
};

/** Copies the (closed) project file at `path` beside it, without its seal; answers the copy's path. */
function salvageCopy(path: string): string {
  if (!existsSync(path)) throw new AppError('not_found', `No project file at ${path}.`);
  const dest = copyName(path);
  const tmp = join(dirname(path), `.${basename(dest)}.${process.pid}.salvaging`);
  try {
    copyFileSync(path, tmp);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${tmp}-wal`);
    const db = new Database(tmp, { fileMustExist: true });
    try {
      db.pragma('trusted_schema = OFF');
      db.pragma('cell_size_check = ON');
      const sealed = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'file_seal'").get();
      if (sealed) db.prepare('UPDATE file_seal SET digest = NULL').run();
    } finally {
      db.close(); // checkpoints the WAL, if any, into the copy
    }
    fsyncPath(tmp);
    renameSync(tmp, dest);
  } catch (e) {
    removeAll(tmp);
    if (e instanceof AppError) throw e;
    throw new AppError(
      'corrupt',
      `Field Coder could not make a readable copy of this file (${(e as Error).message}). The file was not changed; restore a backup.`,
    );
  }
  return dest;
}

/**
 * Makes the copy and opens it with `open` (which runs the checks of any received file); a copy
 * that is refused is removed again, and the refusal says the copy was damaged too.
 */
export async function salvage<T>(path: string, open: (copy: string) => Promise<T>): Promise<{ copy: string; opened: T }> {
  const copy = salvageCopy(path);
  try {
    return { copy, opened: await open(copy) };
  } catch (e) {
    removeAll(copy);
    if (e instanceof AppError && e.code === 'corrupt')
      throw new AppError('corrupt', `A copy of this file is damaged too, so it was not kept. ${e.message}`);
    throw e;
  }
}
