// A project file without its seal (project/seal.ts), as a crash after a checkpoint of the
// session's (before the file was sealed again) leaves it, or an older version made it: the tests of the checks that such a file relies on damage one of these,
// since a sealed file's damage is refused by its seal before those checks run.
import Database from 'better-sqlite3';

/** Clears the seal of the closed project file at `path`, changing nothing else it holds. */
export function unsealed(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.prepare('UPDATE file_seal SET digest = NULL').run();
  } finally {
    db.close();
  }
  return path;
}
