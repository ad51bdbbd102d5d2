// Errors that cross the API boundary. Every failure a user can cause becomes an AppError
// with a stable code and a one-line message; anything else is reported as 'internal'.

export const ERROR_CODES = [
  'bad_request', // the call's input does not match the contract
  'unknown_call', // no such call in the contract
  'too_large', // the request is bigger than the boundary accepts
  'not_found', // a file or row that does not exist
  'not_sqlite', // the file is not an SQLite database
  'not_project', // an SQLite file that is not a Field Coder project
  'newer_version', // written by a newer Field Coder
  'corrupt', // fails PRAGMA quick_check or cannot be read
  'read_only', // the file or its folder cannot be written
  'disk_full', // no space left where the file is written
  'locked', // another process has the project open
  'exists', // refusing to overwrite an existing file
  'no_project', // a call that needs an open project, with none open
  'invalid', // input that is well-formed but not acceptable (e.g. a bad template)
  'unauthorized', // browser host: missing token, wrong Host or Origin
  'unsupported', // the host cannot do this (e.g. a native dialog in the browser)
  'cancelled', // the user cancelled a dialog
  'internal', // a bug: details go to the log, not to the user
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

export interface ErrorValue {
  code: ErrorCode;
  message: string;
}

/**
 * A full disk, as SQLite and Node say it. SQLITE_IOERR_SHMSIZE is SQLite failing to grow a WAL
 * file's index (-shm), which even a read needs: on a full disk, that is where a read stops.
 */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_SHMSIZE';
}

/**
 * What the storage said, in words: SQLite's and Node's codes for a full disk or media that
 * refuse writes (a USB stick pulled or write-protected). Null for anything else.
 */
export function storageError(err: unknown, what: string): AppError | null {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (isDiskFull(err))
    return new AppError('disk_full', `The disk is full, so ${what} was not saved. Nothing was changed; free some space and try again.`);
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EIO'
  )
    return new AppError(
      'read_only',
      `The disk does not accept writes (read-only or removed), so ${what} was not saved. Nothing was changed.`,
    );
  return null;
}

/** Turns anything thrown into a value safe to send to a renderer or print: no stack traces. */
export function toErrorValue(err: unknown): ErrorValue {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  return { code: 'internal', message: 'Something went wrong inside Field Coder. The details are in the log.' };
}
