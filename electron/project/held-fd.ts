// Reading the bytes of a project file that SQLite has open, without dropping SQLite's lock on it.
//
// POSIX record locks belong to the process and the file, not to a descriptor: closing *any*
// descriptor of the file releases every lock this process holds on it. SQLite works around this
// for its own descriptors, but a plain read of the file (copyFileSync, or opening and closing it
// to hash it) silently released the exclusive lock that refuses a second writer: after a merge's
// backup copy, another process could open the project and write it too. So the bytes of an open
// project are read through one descriptor per file, opened on first use and closed only once its
// SQLite connection has closed (Project.close, or a failed open).
import * as fs from 'node:fs';
import { resolve } from 'node:path';

const held = new Map<string, number>();

/** A read-only descriptor of `path`, kept open until `releaseHeldFd(path)`. */
export function heldFd(path: string): number {
  const key = resolve(path);
  let fd = held.get(key);
  if (fd === undefined) {
    fd = fs.openSync(key, 'r');
    held.set(key, fd);
  }
  return fd;
}

/** Whether a descriptor of `path` is held now (by a connection of this process to it). */
export function isHeld(path: string): boolean {
  return held.has(resolve(path));
}

/** Closes the descriptor of `path`, if any: only after the file's SQLite connection has closed. */
export function releaseHeldFd(path: string): void {
  const key = resolve(path);
  const fd = held.get(key);
  if (fd === undefined) return;
  held.delete(key);
  fs.closeSync(fd);
}

/**
 * Copies the file behind `fd` (its first `limit` bytes, or all of it) to a new file at `dest`
 * (which it creates), 1 MiB at a time.
 * `nodeFs` is passed in so that a worker started from source text runs this very function
 * (COPY_SOURCE): a descriptor is the process's, so a worker thread can read a held file through it.
 */
export function copyFromFd(nodeFs: typeof fs, fd: number, dest: string, limit = Infinity): void {
  const out = nodeFs.openSync(dest, 'wx');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let pos = 0; pos < limit;) {
      const n = nodeFs.readSync(fd, buf, 0, Math.min(buf.length, limit - pos), pos);
      if (n <= 0) break;
      for (let done = 0; done < n;) done += nodeFs.writeSync(out, buf, done, n - done, pos + done);
      pos += n;
    }
  } finally {
    nodeFs.closeSync(out);
  }
}

/** copyFromFd as source text, for a worker started from source (backup.ts). */
export const COPY_SOURCE = copyFromFd.toString();
