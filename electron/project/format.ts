// What makes a file a Field Coder project, readable without opening it with SQLite.
import { closeSync, openSync, readSync } from 'node:fs';

export const PROJECT_EXTENSION = '.fieldcoder';
/** PRAGMA application_id of every project file: the bytes 'FCdr'. */
export const APPLICATION_ID = 0x46436472;
const SQLITE_MAGIC = 'SQLite format 3\0';

export interface FileHeader {
  isSqlite: boolean;
  applicationId: number;
  userVersion: number;
}

/** Reads the 100-byte SQLite header. Never writes. */
export function readHeader(path: string): FileHeader {
  const buf = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, buf, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (n < 100 || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) return { isSqlite: false, applicationId: 0, userVersion: 0 };
  return { isSqlite: true, userVersion: buf.readInt32BE(60), applicationId: buf.readInt32BE(68) };
}
