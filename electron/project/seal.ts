// The file's seal (migration 0005): a SHA-256 of a closed project file, kept inside it.
//
// SQLite keeps no checksums of pages or rows. A flipped byte inside a stored value (a code's
// name, an assessment, a stamp) leaves a file that passes integrity_check and every other check
// of ours, and the byte-flip corpus found such files (issue 8). So when Field Coder closes a file
// it has written, it hashes the whole file and stores the digest in `file_seal`; a received file
// (opened, merged, restored) whose seal is set must hash to it.
//
// The seal covers the file itself, not the WAL beside it, and while a project is open the file
// does not change: its changes go to the WAL (checksummed frame by frame; wal-check.ts reads them)
// and automatic checkpoints are off. The file changes only at a checkpoint of ours, and each one
// first writes, in a commit the checkpoint carries into the file, either the seal the file will
// have once the WAL is in it (`checkpointSealed`: for a large WAL, its digest taken ahead in a
// worker once writes pause; for an identity rewritten, at once) or none (`unsealForCheckpoint`: closing, which
// seals again after, and the rare others).
// So the seal a file shows (read through its WAL) always describes the file itself, or, where a
// crash cut a checkpoint short, the file with its WAL (`sealHoldsWithWal`): a file left by a
// crash, its WAL full of the session's changes, is still checked against its seal when next
// opened. Only one left by a crash after an unsealed checkpoint (a WAL written on past twice
// the size before its digest could be taken; a merge whose backup could not copy the WAL) and before the seal was written again (once writes pause; in the merge's
// commit) carries none, and gets the other checks alone.
//
// What the digest covers: every byte of the file, except
// - SQLite's lock-byte page, in a file of more than 1 GiB (it holds nothing);
// - the seal's own page (the root page of `file_seal`, one row, so the digest can live inside the
//   bytes it covers);
// - the header fields SQLite rewrites without any change of content: the journal mode (bytes
//   18-19: a copy set to a rollback journal, a shared copy switched to WAL on opening), the change
//   counter (24-27), and the "version valid for" and SQLite version (92-99).
// A flip that makes the digest itself unreadable, or NULL, leaves a file without a seal: it gets
// the full checks, which is never worse than before seals existed.
//
// blankRewrittenHeader, sealDigest, sealDigestWithWal, sealConnection, sealAndSyncFile and fileMatchesSeal are self-contained (they get
// node:fs, node:crypto, a descriptor or path and a connection as arguments, and name nothing else
// but each other): the backup and integrity workers, started from source text
// (core/source-worker.ts), run the very same functions from `SEAL_SOURCE`.
import type Database from 'better-sqlite3';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { AppError } from '../core/errors.js';
import { resolve } from 'node:path';
import { startSourceWorker, type SourceWorker } from '../core/source-worker.js';
import { heldFd } from './held-fd.js';
import { readWal } from './wal-check.js';

/** Zeroes, in the file's first page, the header fields SQLite rewrites by itself (see above): a digest leaves them out. */
export function blankRewrittenHeader(page: Buffer): void {
  page.fill(0, 18, 20);
  page.fill(0, 24, 28);
  page.fill(0, 92, 100);
}

/**
 * SHA-256 of the file behind descriptor `fd`, less the seal's page (`sealPage`, 1-based, of
 * `pageSize` bytes) and the header bytes SQLite rewrites by itself (see above). Reads 1 MiB at a
 * time. A descriptor, not a path: closing a descriptor of a file that SQLite has open would drop
 * its locks (held-fd.ts), so the caller chooses when to close it.
 */
export function sealDigest(nodeFs: typeof fs, nodeCrypto: typeof crypto, fd: number, pageSize: number, sealPage: number): Buffer {
  const hash = nodeCrypto.createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const skipFrom = (sealPage - 1) * pageSize;
  const skipTo = skipFrom + pageSize;
  // SQLite's lock-byte page (at 1 GiB, in files that large) holds nothing, and on Windows its
  // bytes cannot be read while the file is locked: it is skipped (reads are 1 MiB, so one starts there).
  const lockByte = 0x40000000;
  let pos = 0;
  for (;;) {
    if (pos === lockByte) pos += pageSize;
    const n = nodeFs.readSync(fd, buf, 0, pos < lockByte ? Math.min(buf.length, lockByte - pos) : buf.length, pos);
    if (n <= 0) break;
    if (pos === 0 && n >= 100) blankRewrittenHeader(buf);
    const from = Math.max(0, skipFrom - pos);
    const to = Math.min(n, skipTo - pos);
    if (from < to) {
      hash.update(buf.subarray(0, from));
      hash.update(buf.subarray(to, n));
    } else {
      hash.update(buf.subarray(0, n));
    }
    pos += n;
  }
  hash.update(`\0${pos}`);
  return hash.digest();
}

/**
 * The digest (as sealDigest's) the file behind `fd` will have once the WAL at `walPath`, its
 * first `walEnd` bytes (Infinity: all of it), is checkpointed into it: page by page, the newest frame of that page up
 * to the last commit there, or else the file's own, for as many pages as that commit gives the
 * database (a checkpoint cuts the file to that). A file can so be sealed before its checkpoint
 * (checkpointSealed), and a file whose checkpoint a crash cut short still checked against that
 * seal (sealHoldsWithWal). Null where the WAL holds no commit. The WAL is SQLite's, read as
 * wal-check.ts reads it, but without its checksums: frames are taken while their salts are the
 * header's, and a caller that cannot trust its frames (a file left by a crash) passes the end of
 * the ones SQLite keeps.
 */
export function sealDigestWithWal(
  nodeFs: typeof fs,
  nodeCrypto: typeof crypto,
  fd: number,
  walPath: string,
  walEnd: number,
  pageSize: number,
  sealPage: number,
): Buffer | null {
  const walFd = nodeFs.openSync(walPath, 'r');
  try {
    const frameSize = 24 + pageSize;
    const header = Buffer.alloc(32);
    if (nodeFs.readSync(walFd, header, 0, 32, 0) < 32) return null;
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);
    /** Where the newest committed frame of each page keeps its page. */
    const newest = new Map<number, number>();
    let pending: [number, number][] = [];
    let pages = 0;
    for (let at = 32; at + frameSize <= walEnd; at += frameSize) {
      if (nodeFs.readSync(walFd, header, 0, 24, at) < 24) break;
      if (header.readUInt32BE(8) !== salt1 || header.readUInt32BE(12) !== salt2) break;
      pending.push([header.readUInt32BE(0), at + 24]);
      const commit = header.readUInt32BE(4);
      if (commit) {
        for (const [page, where] of pending) newest.set(page, where);
        pending = [];
        pages = commit;
      }
    }
    if (!pages) return null;
    const hash = nodeCrypto.createHash('sha256');
    const lockPage = 0x40000000 / pageSize + 1; // SQLite's lock-byte page, left out as sealDigest leaves it
    const buf = Buffer.allocUnsafe(Math.max(pageSize, 1 << 20));
    for (let p = 1; p <= pages;) {
      let n: number;
      let next: number;
      if (p === sealPage || p === lockPage) {
        p++;
        continue;
      }
      const where = newest.get(p);
      if (where !== undefined) {
        n = nodeFs.readSync(walFd, buf, 0, pageSize, where);
        next = p + 1;
      } else {
        // A run of the file's own pages, up to the next one that is not.
        next = p + 1;
        while (next <= pages && (next - p) * pageSize < buf.length && next !== sealPage && next !== lockPage && !newest.has(next)) next++;
        n = nodeFs.readSync(fd, buf, 0, (next - p) * pageSize, (p - 1) * pageSize);
      }
      if (n < (next - p) * pageSize) buf.fill(0, n, (next - p) * pageSize);
      if (p === 1) blankRewrittenHeader(buf);
      hash.update(buf.subarray(0, (next - p) * pageSize));
      p = next;
    }
    hash.update(`\0${pages * pageSize}`);
    return hash.digest();
  } finally {
    nodeFs.closeSync(walFd);
  }
}

/**
 * Seals the file of `db`, a writing connection that its caller closes next and that nothing else
 * writes meanwhile: its WAL, if any, is checkpointed into the file first, so the file holds
 * every page; the digest's own write, which changes the seal's page alone, reaches the file
 * when the connection closes. False where there is nothing to seal with (an older schema) or the
 * WAL could not be emptied.
 */
export function sealConnection(db: Database.Database, nodeFs: typeof fs, nodeCrypto: typeof crypto, fd: number): boolean {
  const page = db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'file_seal'").pluck().get() as
    number | undefined;
  if (!page) return false;
  if (db.pragma('journal_mode', { simple: true }) === 'wal') {
    const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (!r || r.busy) return false;
  }
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const digest = sealDigest(nodeFs, nodeCrypto, fd, pageSize, page);
  db.prepare('UPDATE file_seal SET digest = ? WHERE id = 1').run(digest);
  return true;
}

/**
 * Seals the closed project file at `path` (a new backup) through the connection `open` makes,
 * then syncs it to the disk. The descriptor the digest reads is closed after the connection.
 */
export function sealAndSyncFile(
  nodeFs: typeof fs,
  nodeCrypto: typeof crypto,
  open: (path: string) => Database.Database,
  path: string,
): boolean {
  const fd = nodeFs.openSync(path, 'r');
  try {
    const db = open(path);
    let sealed: boolean;
    try {
      sealed = sealConnection(db, nodeFs, nodeCrypto, fd);
    } finally {
      db.close();
    }
    nodeFs.fsyncSync(fd);
    return sealed;
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** True when the file at `path`, which no connection of this process has open, hashes to `seal`. */
export function fileMatchesSeal(
  nodeFs: typeof fs,
  nodeCrypto: typeof crypto,
  path: string,
  seal: { digest: Uint8Array; page: number; pageSize: number },
): boolean {
  const fd = nodeFs.openSync(path, 'r');
  try {
    return sealDigest(nodeFs, nodeCrypto, fd, seal.pageSize, seal.page).equals(seal.digest);
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** The functions above as source text, for a worker started from source. */
export const SEAL_SOURCE = [blankRewrittenHeader, sealDigest, sealDigestWithWal, sealConnection, sealAndSyncFile, fileMatchesSeal]
  .map((f) => f.toString())
  .join('\n');

/**
 * Seals the file at `path` of an open writing connection (see sealConnection), keeping its locks:
 * its caller releases the held descriptor (releaseHeldFd) once the connection has closed.
 */
export function sealOpen(db: Database.Database, path: string): boolean {
  beforeCheckpoint(db, path); // a crash between its checkpoint and its digest must not leave the old one
  return sealConnection(db, fs, crypto, heldFd(path));
}

/** Seals and syncs a closed project file that nothing else has open (see sealAndSyncFile). */
export function sealClosedFile(path: string, open: (path: string) => Database.Database): boolean {
  return sealAndSyncFile(fs, crypto, open, path);
}

/** The seal's page (the root page of `file_seal`), or undefined in a file older than seals. */
const sealPageOf = (db: Database.Database): number | undefined =>
  db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'file_seal'").pluck().get() as number | undefined;

/**
 * Seals an open project again with `digest`, its file's as it stands (taken after the last
 * checkpoint of ours: a merge's backup, or startSealDigest), in the caller's transaction or a
 * commit of its own. sealConnection writes the same row, self-contained for its workers.
 */
export function writeSeal(db: Database.Database, digest: Uint8Array): void {
  db.prepare('UPDATE main.file_seal SET digest = ? WHERE id = 1').run(Buffer.from(digest));
}

/** Clears the seal (in a commit of its own; nothing when there is none). */
export function unseal(db: Database.Database): void {
  if (sealPageOf(db)) db.prepare('UPDATE file_seal SET digest = NULL WHERE id = 1 AND digest IS NOT NULL').run();
}

/** The size of the WAL beside `path`, 0 where there is none. */
export const walSize = (path: string): number => fs.statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;

/** The WAL beside `path` holds frames: a checkpoint, or closing the file, would change it. */
export const walHasFrames = (path: string): boolean => walSize(path) > 0;

/**
 * Before any checkpoint of the project file at `path` (explicit, or the one SQLite makes when the
 * connection closes): the file is about to change, so its seal no longer holds; clearing it in a
 * commit to the WAL, which the checkpoint carries into the file with the rest, keeps the seal the
 * file shows true at every moment a crash could leave it. Nothing to do when the WAL is empty.
 */
export function unsealForCheckpoint(db: Database.Database, path: string): void {
  if (walHasFrames(path)) unseal(db);
}

const checkpoints = new Map<string, number>();

/** How many checkpoints of ours the project at `path` has had in this process: a digest taken before one is stale. */
export const checkpointsOf = (path: string): number => checkpoints.get(resolve(path)) ?? 0;

/** Counts a checkpoint of ours, about to be made: a digest taken before it is stale. */
const countCheckpoint = (path: string): void => void checkpoints.set(resolve(path), checkpointsOf(path) + 1);

/** What every unsealed checkpoint of ours does first: clear the seal, and count it. */
function beforeCheckpoint(db: Database.Database, path: string): void {
  unsealForCheckpoint(db, path);
  countCheckpoint(path);
}

/** Moves every frame of the WAL into the file and empties the WAL; true when every frame went in. */
function truncateWal(db: Database.Database): boolean {
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return !!r && r.busy === 0;
}

/**
 * Checkpoints the open project at `path` into its file, emptying its WAL (TRUNCATE), its seal
 * cleared first (unsealForCheckpoint). Answers whether every frame went in.
 */
export function checkpointProject(db: Database.Database, path: string): boolean {
  beforeCheckpoint(db, path);
  return truncateWal(db);
}

/**
 * Checkpoints the open project at `path` sealed: `digest` is the file's as it will be with every
 * frame of its WAL in it (sealDigestWithWal, taken with nothing written since), and is written
 * first, so that the file is sealed at every moment: before the checkpoint, a crash leaves a file
 * whose seal, read through its WAL, holds for the file and that WAL (sealHoldsWithWal); after it,
 * for the file. Where the checkpoint does not finish (an error part way: a full disk), the file
 * may be partly written and the WAL goes on, so the seal is cleared. True when every frame went in.
 */
export function checkpointSealed(db: Database.Database, path: string, digest: Uint8Array): boolean {
  writeSeal(db, digest);
  countCheckpoint(path);
  let done = false;
  try {
    done = truncateWal(db);
  } finally {
    if (!done) unseal(db);
  }
  return done;
}

/**
 * sealDigestWithWal of the open project at `path` and its whole WAL, on this thread (it reads the
 * whole file: a fraction of a second for a large project): for a checkpoint that cannot wait for a
 * worker. Null where there is no seal to take (an older schema) or no WAL.
 */
export function sealDigestWithWalNow(db: Database.Database, path: string): Buffer | null {
  const page = sealPageOf(db);
  if (!page || !walHasFrames(path)) return null;
  return sealDigestWithWal(fs, crypto, heldFd(path), `${path}-wal`, Infinity, db.pragma('page_size', { simple: true }) as number, page);
}

/**
 * The digest of the open project at `path`, taken in a worker through the file's held descriptor
 * while its caller goes on: of its file as it stands (sealDigest: a project whose WAL was
 * checkpointed unsealed is sealed again so, project.ts, if no checkpoint came meanwhile), or, given
 * `walEnd`, of its file as it will be once the first `walEnd` bytes of its WAL are in it
 * (sealDigestWithWal: see checkpointSealed; the caller goes on writing after those bytes). Null
 * where there is no seal to take (an older schema) or no worker could start.
 */
export function startSealDigest(
  db: Database.Database,
  path: string,
  walEnd?: number,
): SourceWorker<{ digest?: Uint8Array | null; error?: string }> | null {
  const page = sealPageOf(db);
  if (!page) return null;
  const body = `
    ${SEAL_SOURCE}
    const { fd, walPath, walEnd, pageSize, page } = workerData;
    const [fs, crypto] = [require('node:fs'), require('node:crypto')];
    return {
      digest: walEnd === undefined ? sealDigest(fs, crypto, fd, pageSize, page) : sealDigestWithWal(fs, crypto, fd, walPath, walEnd, pageSize, page),
    };
  `;
  return startSourceWorker(body, {
    fd: heldFd(path),
    walPath: `${path}-wal`,
    walEnd,
    pageSize: db.pragma('page_size', { simple: true }) as number,
    page,
  });
}

/** Nothing of the database lives beside the file: no WAL with frames in it, no rollback journal. */
export function wholeFile(path: string): boolean {
  return !walHasFrames(path) && !fs.existsSync(`${path}-journal`);
}

/**
 * The file's own pages are the ones a seal describes: no rollback journal beside it, whose pages
 * SQLite would write back into the file. A WAL's frames are not the file's (see above).
 */
export function noJournal(path: string): boolean {
  return !fs.existsSync(`${path}-journal`);
}

/** What a file's seal says, read from an open connection to it. */
export interface SealInfo {
  digest: Buffer;
  page: number;
  pageSize: number;
}

/**
 * The seal of the file behind `db` (as its WAL, if any, says), or null when it has none to check:
 * an older schema, a seal cleared before a checkpoint, or `whole` false (pages beside the file
 * that its caller does not check it with: a rollback journal, which SQLite writes back into the
 * file on opening, or the WAL of a file received from elsewhere). Any error reading it is SQLite's
 * to report elsewhere.
 */
export function readSeal(db: Database.Database, whole: boolean): SealInfo | null {
  if (!whole) return null;
  const page = sealPageOf(db);
  if (!page) return null;
  const digest = db.prepare('SELECT digest FROM file_seal WHERE id = 1').pluck().get();
  if (!Buffer.isBuffer(digest) || digest.length !== 32) return null;
  return { digest, page, pageSize: db.pragma('page_size', { simple: true }) as number };
}

export const SEAL_BROKEN_MESSAGE =
  'This project file has changed since Field Coder last closed it: its bytes no longer match the seal written then. The disk or USB stick may be failing, a copy may have gone wrong, or another program wrote to it. Field Coder did not change it; restore a backup, or ask for the file again.';

/** True when the file behind `fd` hashes to `seal`, or there is no seal to check. */
export function sealHolds(fd: number, seal: SealInfo | null): boolean {
  return !seal || sealDigest(fs, crypto, fd, seal.pageSize, seal.page).equals(seal.digest);
}

/** The same for a file no connection of this process has open. */
export function sealHoldsAt(path: string, seal: SealInfo | null): boolean {
  return !seal || fileMatchesSeal(fs, crypto, path, seal);
}

/**
 * Throws the 'corrupt' AppError when the open project file at `path` does not hash to its seal.
 * It is read through the file's held descriptor, so its connection keeps its lock (held-fd.ts).
 */
export function verifySeal(path: string, seal: SealInfo | null): void {
  if (seal && !sealHolds(heldFd(path), seal) && !sealHoldsWithWal(path, seal)) throw new AppError('corrupt', SEAL_BROKEN_MESSAGE);
}

/** How many files this process found sealed with their WAL (sealHoldsWithWal): the crash harness reports it. */
export const heldWithWal = { count: 0 };

/**
 * True when the file at `path` with the frames of its WAL that SQLite keeps hashes to `seal`: a
 * file left by a crash during a checkpoint sealed ahead (checkpointSealed), part written.
 */
function sealHoldsWithWal(path: string, seal: SealInfo): boolean {
  const kept = readWal(path)?.frames ?? 0;
  if (!kept) return false;
  const walEnd = 32 + kept * (24 + seal.pageSize);
  if (!sealDigestWithWal(fs, crypto, heldFd(path), `${path}-wal`, walEnd, seal.pageSize, seal.page)?.equals(seal.digest)) return false;
  heldWithWal.count++;
  return true;
}
