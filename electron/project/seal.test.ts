// The file's seal (seal.ts), on real project files on disk: closing seals, it holds while the
// session's changes are in the WAL and is cleared before any checkpoint (and written again after
// a merge, or once writes pause), and a flipped byte inside a stored value, which every other
// check passes, is refused when the file is opened (also after a crash), merged or restored.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCode } from '../coding/codes-service.js';
import { AppError } from '../core/errors.js';
import { packageRoot } from '../core/paths.js';
import { mergeProject } from '../exchange/merge/merge.js';
import { shareCopy } from '../exchange/share-copy.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { backupDirFor, backupProject, checkBackupFile, listBackups, startBackup } from './backup.js';
import { checkIntegrity, integrityVerdict } from './integrity.js';
import { createProject, openProject } from './open-project.js';
import type { Project } from './project.js';
import { restoreBackup } from './restore.js';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { readSeal, sealDigest, sealDigestWithWalNow, sealHolds, sealHoldsAt, walSize, wholeFile, writeSeal } from './seal.js';
import { heldFd } from './held-fd.js';
import { importPastedText } from '../documents/document-service.js';

// A write while a merge prepares their copy (after its backup was copied) makes it back up again.
const mergeHooks = vi.hoisted(() => ({ duringTheirCopy: undefined as (() => void) | undefined }));
vi.mock('../exchange/merge/their-copy.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../exchange/merge/their-copy.js')>();
  return {
    ...original,
    prepareTheirCopy: (...args: Parameters<typeof original.prepareTheirCopy>) => {
      const during = mergeHooks.duringTheirCopy;
      mergeHooks.duringTheirCopy = undefined;
      during?.();
      return original.prepareTheirCopy(...args);
    },
  };
});

const dir = tempDir('fc-seal-');
let n = 0;
const CODE_NAME = 'Sealed code name Zqxj';

/** A closed project with a code whose name can be found in the file's bytes. */
async function sealedProject(): Promise<string> {
  const path = join(dir, `p${++n}.fieldcoder`);
  const { project } = await createProject(path, testAuthor, { name: 'Seal' });
  createCode(project, { name: CODE_NAME });
  project.close();
  return path;
}

/** The seal as the file holds it, read without writing. */
function sealOf(path: string): { digest: Buffer | null; page: number; pageSize: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return {
      digest: db.prepare('SELECT digest FROM file_seal').pluck().get() as Buffer | null,
      page: db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'file_seal'").pluck().get() as number,
      pageSize: db.pragma('page_size', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

/** The file with one letter of the code's name changed: same length, same page, every check passes. */
function flipValue(src: string, dest: string): void {
  const bytes = readFileSync(src);
  const at = bytes.indexOf(Buffer.from(CODE_NAME));
  expect(at).toBeGreaterThan(0);
  bytes[at + CODE_NAME.length - 1] = 'k'.charCodeAt(0); // Zqxj -> Zqxk
  writeFileSync(dest, bytes);
}

/**
 * A sealed project opened, given three codes (three commits) and copied with its WAL while still
 * open: what a crash leaves (every commit was synced to the WAL before it returned).
 */
async function crashedProject(name: string): Promise<{ copy: string }> {
  const path = await sealedProject();
  const { project } = await openProject(path, testAuthor);
  for (const i of [1, 2, 3]) createCode(project, { name: `Unsaved close ${i}` });
  const copy = join(dir, `${name}.fieldcoder`);
  copyFileSync(path, copy);
  copyFileSync(`${path}-wal`, `${copy}-wal`);
  project.close();
  return { copy };
}

/** The file hashes to the seal it holds. */
function intact(path: string): boolean {
  const s = sealOf(path);
  expect(s.digest, path).toHaveLength(32);
  return sealHoldsAt(path, { digest: s.digest!, page: s.page, pageSize: s.pageSize });
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('the seal of a project file', () => {
  it('is written when the project closes, and the file hashes to it', async () => {
    const path = await sealedProject();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const s = sealOf(path);
    expect(s.digest).toHaveLength(32);
    expect(intact(path)).toBe(true);
  });

  it('holds while the project is open, its changes in the WAL, and is written again on close', async () => {
    const path = await sealedProject();
    const before = sealOf(path);
    const { project } = await openProject(path, testAuthor);
    createCode(project, { name: 'Another' });
    // The change is in the WAL; the file itself is as sealed, and says so through its WAL.
    expect(wholeFile(path)).toBe(false);
    expect(project.db.prepare('SELECT digest FROM file_seal').pluck().get()).toEqual(before.digest);
    expect(sealHoldsAt(path, { digest: before.digest!, page: before.page, pageSize: before.pageSize })).toBe(true);
    project.close();
    expect(intact(path)).toBe(true);
    expect(sealOf(path).digest).not.toEqual(before.digest);
  });

  it('is cleared before a checkpoint changes the file, in the commit the checkpoint carries', async () => {
    const path = await sealedProject();
    const { project } = await openProject(path, testAuthor);
    project.checkpointWalBytes = 1; // a large WAL
    createCode(project, { name: 'Checkpointed' });
    expect(statSync(`${path}-wal`).size).toBe(0);
    // With the WAL empty, this reads the file alone.
    expect(project.db.prepare('SELECT digest FROM file_seal').pluck().get()).toBeNull();
    // A crash now leaves a file without a seal: it opens on the full checks.
    const copy = join(dir, `checkpointed-${n}.fieldcoder`);
    copyFileSync(path, copy);
    const reopened = await openProject(copy, testAuthor);
    expect(reopened.seal).toBe('none');
    expect(reopened.project.db.prepare('SELECT count(*) FROM codes WHERE name = ?').pluck().get('Checkpointed')).toBe(1);
    reopened.project.close();
    project.close();
    expect(intact(path)).toBe(true);
  });

  it('is written again once writes pause after such a checkpoint, unless another came meanwhile', async () => {
    const path = await sealedProject();
    const { project } = await openProject(path, testAuthor);
    project.checkpointWalBytes = 1;
    project.resealDelayMs = 60_000; // called below, not waited for
    createCode(project, { name: 'Checkpointed' });
    const digest = () => project.db.prepare('SELECT digest FROM file_seal').pluck().get() as Buffer | null;
    expect(digest()).toBeNull();
    // A checkpoint while the digest is being taken makes it stale: it is not written.
    const stale = project.resealNow();
    createCode(project, { name: 'Checkpointed again' });
    expect(await stale).toBe(false);
    expect(digest()).toBeNull();
    project.checkpointWalBytes = Number.MAX_SAFE_INTEGER;
    expect(await project.resealNow()).toBe(true);
    createCode(project, { name: 'In the WAL' });
    // A crash now leaves a file checked against the new seal, which is its own.
    const copy = join(dir, `resealed-${n}.fieldcoder`);
    copyFileSync(path, copy);
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    const flipped = join(dir, `resealed-flipped-${n}.fieldcoder`);
    flipValue(copy, flipped);
    copyFileSync(`${copy}-wal`, `${flipped}-wal`);
    const reopened = await openProject(copy, testAuthor);
    expect(reopened.seal).toBe('intact');
    expect(
      reopened.project.db
        .prepare('SELECT count(*) FROM codes WHERE name IN (?, ?, ?)')
        .pluck()
        .get('Checkpointed', 'Checkpointed again', 'In the WAL'),
    ).toBe(3);
    reopened.project.close();
    expect((await refusal(openProject(flipped, testAuthor))).code).toBe('corrupt');
    project.close();
  });

  /** A sealed project open with a long interview in its WAL, and the seal's page and page size. */
  async function projectWithLargeWal(): Promise<{ path: string; project: Project; page: number; pageSize: number }> {
    const path = await sealedProject();
    const { project } = await openProject(path, testAuthor);
    project.checkpointWalBytes = Number.MAX_SAFE_INTEGER;
    // Documents only: the page holding the code's name stays the file's (a flip there is seen).
    importPastedText(project, 'Long interview', 'Words of the interview, at length. '.repeat(20000), 'interview');
    const page = project.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'file_seal'").pluck().get() as number;
    return { path, project, page, pageSize: project.db.pragma('page_size', { simple: true }) as number };
  }

  const storedSeal = (project: Project) => project.db.prepare('SELECT digest FROM file_seal').pluck().get() as Buffer | null;

  /** Opens copies of `copy` as it is and with the code's name flipped: intact, and refused. */
  async function checkedAgainstSeal(copy: string): Promise<void> {
    const flipped = `${copy}.flipped.fieldcoder`;
    flipValue(copy, flipped);
    if (existsSync(`${copy}-wal`)) copyFileSync(`${copy}-wal`, `${flipped}-wal`);
    const reopened = await openProject(copy, testAuthor);
    expect(reopened.seal).toBe('intact');
    expect(reopened.project.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBeGreaterThan(0);
    reopened.project.close();
    expect((await refusal(openProject(flipped, testAuthor))).code).toBe('corrupt');
  }

  it('a large WAL is checkpointed sealed: the digest it will have is taken ahead, in a worker, so the file keeps a seal', async () => {
    const { path, project, page, pageSize } = await projectWithLargeWal();
    project.checkpointWalBytes = walSize(path);
    importPastedText(project, 'Over the size', 'A few more words. '.repeat(50), 'interview');
    expect(walSize(path)).toBeGreaterThan(0); // not yet: once writes pause, the digest is taken
    await vi.waitFor(() => expect(walSize(path)).toBe(0), { timeout: 30_000 });
    const digest = storedSeal(project)!;
    expect(digest).toHaveLength(32);
    expect(sealHolds(heldFd(path), { digest, page, pageSize })).toBe(true); // the file as it stands
    const copy = join(dir, `sealed-ahead-${n}.fieldcoder`);
    copyFileSync(path, copy);
    project.close();
    await checkedAgainstSeal(copy);
  });

  it('writes while that digest is taken make it stale: it is taken again, for the WAL as it then is', async () => {
    const { path, project, page, pageSize } = await projectWithLargeWal();
    project.checkpointWalBytes = walSize(path);
    project.sealAheadPauseMs = 0;
    importPastedText(project, 'Over the size', 'A few more words. '.repeat(50), 'interview');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((project as unknown as { sealingAhead?: unknown }).sealingAhead).toBeDefined(); // the digest is being taken
    // Written before the worker can answer (this thread does not yield until the loop is done).
    for (let i = 0; i < 5; i++) importPastedText(project, `Meanwhile ${i}`, 'Written meanwhile. '.repeat(50), 'interview');
    await vi.waitFor(() => expect(walSize(path)).toBe(0), { timeout: 30_000 });
    const digest = storedSeal(project)!;
    expect(sealHolds(heldFd(path), { digest, page, pageSize })).toBe(true);
    expect(project.db.prepare("SELECT count(*) FROM documents WHERE title LIKE 'Meanwhile %'").pluck().get()).toBe(5);
    project.close();
  });

  it('a crash during a checkpoint sealed ahead leaves a file checked against that seal with its WAL', async () => {
    const { path, project, page, pageSize } = await projectWithLargeWal();
    // The steps of checkpointSealed, with a crash copy taken between them.
    const digest = sealDigestWithWalNow(project.db, path)!;
    writeSeal(project.db, digest);
    const copy = join(dir, `crashed-in-checkpoint-${n}.fieldcoder`);
    copyFileSync(path, copy);
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    // The checkpoint itself: the file is then what the digest said.
    project.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(sealHolds(heldFd(path), { digest, page, pageSize })).toBe(true);
    project.close();
    // Before the checkpoint wrote anything; and part way, the WAL's first pages in the file.
    const partial = join(dir, `crashed-part-way-${n}.fieldcoder`);
    copyFileSync(copy, partial);
    copyFileSync(`${copy}-wal`, `${partial}-wal`);
    const frames = readFileSync(`${copy}-wal`);
    const out = fs.openSync(partial, 'r+');
    let written = 0;
    for (let at = 32; at + 24 + pageSize <= frames.length / 2; at += 24 + pageSize, written++)
      fs.writeSync(out, frames, at + 24, pageSize, (frames.readUInt32BE(at) - 1) * pageSize);
    fs.closeSync(out);
    expect(written).toBeGreaterThan(10);
    expect(sealHoldsAt(partial, { digest, page, pageSize })).toBe(false); // the file alone no longer hashes to it
    await checkedAgainstSeal(copy);
    await checkedAgainstSeal(partial);
  });

  it('a flipped byte inside a value passes every other check, and opening refuses it without writing', async () => {
    const path = await sealedProject();
    const damaged = join(dir, 'flipped.fieldcoder');
    flipValue(path, damaged);
    // What SQLite and our deeper checks see: a sound file. (FTS5's check is an INSERT that
    // writes nothing and is rolled back, so it needs a writing connection.)
    const db = new Database(damaged);
    expect(integrityVerdict(checkIntegrity(db))).toBeNull();
    expect(db.prepare('SELECT count(*) FROM codes WHERE name = ?').pluck().get('Sealed code name Zqxk')).toBe(1);
    db.close();
    const before = sha(damaged);
    const err = await refusal(openProject(damaged, testAuthor));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/changed since Field Coder last closed it/);
    expect(sha(damaged)).toBe(before);
    // `field-coder check` (an inspecting open) refuses it the same way.
    expect((await refusal(openProject(damaged, testAuthor, { inspect: true }))).code).toBe('corrupt');
  });

  it('a file left by a crash, its changes in the WAL, is checked against its seal and opens with them', async () => {
    const { copy } = await crashedProject('crashed');
    expect(wholeFile(copy)).toBe(false);
    const reopened = await openProject(copy, testAuthor);
    expect(reopened.seal).toBe('intact');
    expect(reopened.project.db.prepare('SELECT count(*) FROM codes WHERE name LIKE ?').pluck().get('Unsaved close %')).toBe(3);
    reopened.project.close();
    expect(intact(copy)).toBe(true);
  });

  it('a flipped value in the file of a project left by a crash is refused, without writing', async () => {
    const { copy } = await crashedProject('crashed-flip');
    flipValue(copy, copy);
    const before = sha(copy) + sha(`${copy}-wal`);
    const err = await refusal(openProject(copy, testAuthor));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/changed since Field Coder last closed it/);
    expect(sha(copy) + sha(`${copy}-wal`)).toBe(before);
  });

  it('an inspecting open (`field-coder check`) of a file left by a crash clears its seal before closing checkpoints it', async () => {
    const { copy } = await crashedProject('crashed-inspect');
    const inspected = await openProject(copy, testAuthor, { inspect: true });
    expect(inspected.seal).toBe('intact');
    inspected.project.close();
    expect(wholeFile(copy)).toBe(true);
    const reopened = await openProject(copy, testAuthor);
    expect(reopened.seal).toBe('none');
    expect(reopened.project.db.prepare('SELECT count(*) FROM codes WHERE name LIKE ?').pluck().get('Unsaved close %')).toBe(3);
    reopened.project.close();
  });

  /** A sealed project open with a change in its WAL, and a colleague's copy with a code of theirs. */
  async function mergePair(name: string): Promise<{ path: string; theirs: string; project: Project }> {
    const path = await sealedProject();
    const theirs = join(dir, `colleague-${name}.fieldcoder`);
    copyFileSync(path, theirs);
    const col = await openProject(theirs, { ...testAuthor, deviceId: 'fedcba9876543210', coderId: '00000000-0000-4000-8000-000000000002' });
    createCode(col.project, { name: 'From a colleague' });
    col.project.close();
    const { project } = await openProject(path, testAuthor);
    createCode(project, { name: 'Before the merge' });
    return { path, theirs, project };
  }

  it('a merge checkpoints nothing before its commit: a crash during it leaves the file checked against its seal', async () => {
    const { path, theirs, project } = await mergePair('during');
    const sealed = sha(path);
    const copy = join(dir, 'crashed-during-merge.fieldcoder');
    // After its backup was started, as it prepares their copy: what a crash then leaves.
    mergeHooks.duringTheirCopy = () => {
      copyFileSync(path, copy);
      copyFileSync(`${path}-wal`, `${copy}-wal`);
    };
    const report = await mergeProject(project, theirs);
    expect(sha(copy)).toBe(sealed);
    project.close();
    const flipped = join(dir, 'crashed-during-merge-flipped.fieldcoder');
    flipValue(copy, flipped);
    copyFileSync(`${copy}-wal`, `${flipped}-wal`);
    const reopened = await openProject(copy, testAuthor);
    expect(reopened.seal).toBe('intact');
    const names = reopened.project.db.prepare('SELECT name FROM codes ORDER BY name').pluck().all();
    reopened.project.close();
    expect(names).toContain('Before the merge');
    expect(names).not.toContain('From a colleague');
    expect((await refusal(openProject(flipped, testAuthor))).code).toBe('corrupt');
    // The backup, copied from the file and its WAL, holds the change that was in the WAL.
    const backup = new Database(report.backup!, { readonly: true, fileMustExist: true });
    try {
      expect(backup.prepare('SELECT count(*) FROM codes WHERE name = ?').pluck().get('Before the merge')).toBe(1);
    } finally {
      backup.close();
    }
  });

  /**
   * Merges a colleague's copy into a project with changes in its WAL (`during` runs while the
   * merge prepares their copy), then copies the project as a crash after one more change would
   * leave it: it must be checked against its seal again, and that seal must be its file's (a
   * flipped value in it is refused). Answers the merge's backup.
   */
  async function mergeThenCrash(name: string, during?: (project: Project) => void): Promise<string> {
    const { path, theirs, project } = await mergePair(name);
    if (during) mergeHooks.duringTheirCopy = () => during(project);
    const report = await mergeProject(project, theirs);
    expect(mergeHooks.duringTheirCopy).toBeUndefined(); // it ran
    createCode(project, { name: 'After the merge' });
    const copy = join(dir, `crashed-after-${name}.fieldcoder`);
    copyFileSync(path, copy);
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    project.close();
    const flipped = join(dir, `crashed-after-${name}-flipped.fieldcoder`);
    flipValue(copy, flipped);
    copyFileSync(`${copy}-wal`, `${flipped}-wal`);
    const reopened = await openProject(copy, testAuthor);
    expect(reopened.seal).toBe('intact');
    const names = reopened.project.db.prepare('SELECT name FROM codes ORDER BY name').pluck().all();
    expect(names).toEqual(expect.arrayContaining(['After the merge', 'Before the merge', 'From a colleague']));
    reopened.project.close();
    expect((await refusal(openProject(flipped, testAuthor))).code).toBe('corrupt');
    return report.backup!;
  }

  it('a merge leaves the file sealed', async () => {
    await mergeThenCrash('merge');
  });

  it('a merge whose backup is made again (the project was written meanwhile) seals it again too', async () => {
    const backup = await mergeThenCrash('merge-again', (project) => createCode(project, { name: 'During the merge' }));
    // The backup kept is the second one: it holds what was written during the first.
    const db = new Database(backup, { readonly: true, fileMustExist: true });
    try {
      expect(db.prepare('SELECT count(*) FROM codes WHERE name = ?').pluck().get('During the merge')).toBe(1);
    } finally {
      db.close();
    }
  });

  it('a flipped byte in the header fields SQLite rewrites itself does not break it', async () => {
    const path = await sealedProject();
    const copy = join(dir, 'rollback.fieldcoder');
    copyFileSync(path, copy);
    // Switching the journal mode rewrites bytes 18-19 and the change counter, nothing else.
    const db = new Database(copy);
    db.pragma('journal_mode = DELETE');
    db.close();
    expect(readFileSync(copy)[18]).toBe(1);
    expect(intact(copy)).toBe(true);
    (await openProject(copy, testAuthor)).project.close();
  });

  it('a merge refuses a colleague file whose value was flipped, and merges nothing', async () => {
    const ours = await sealedProject();
    const theirs = join(dir, 'theirs-flipped.fieldcoder');
    flipValue(await sealedProject(), theirs);
    const { project } = await openProject(ours, testAuthor);
    const codes = project.db.prepare('SELECT count(*) FROM codes').pluck().get();
    const err = await refusal(mergeProject(project, theirs));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/changed since Field Coder last closed it/);
    expect(project.db.prepare('SELECT count(*) FROM codes').pluck().get()).toBe(codes);
    project.close();
  });

  it('backups and shared copies are sealed, and a restore refuses a backup whose value was flipped', async () => {
    const path = await sealedProject();
    const { project } = await openProject(path, testAuthor);
    const viaApi = await backupProject(project.db, path, 'daily');
    const viaWorker = await (await startBackup(project.db, path, 'pre-merge')).ready();
    const shared = join(dir, 'shared.fieldcoder');
    shareCopy(project, shared, { withoutIdentities: true });
    project.close();
    for (const file of [viaApi, viaWorker, shared]) {
      const s = sealOf(file);
      expect(s.digest, file).toHaveLength(32);
      expect(intact(file), file).toBe(true);
      checkBackupFile(file);
    }
    // Damage the newest backup's value, then try to restore it.
    const newest = listBackups(path)[0]!;
    const backupPath = join(backupDirFor(path), newest.file);
    flipValue(backupPath, backupPath);
    const before = sha(path);
    const err = await refusal(restoreBackup(path, newest.file));
    expect(err.code).toBe('corrupt');
    expect(sha(path)).toBe(before);
  });

  it('reading the open file (its seal, a backup copy of it) keeps the lock that refuses a second writer', async () => {
    const path = await sealedProject();
    // Another process trying to write: POSIX drops every lock of a process on a file when any of
    // its descriptors of that file closes, so a plain read while open would let this one in.
    const secondWriter = () =>
      spawnSync(
        process.execPath,
        [
          '-e',
          `const D = require('better-sqlite3'); const b = new D(${JSON.stringify(path)}); b.pragma('busy_timeout = 0');
           try { b.exec('BEGIN EXCLUSIVE'); b.exec('COMMIT'); console.log('wrote'); } catch (e) { console.log(e.code); }`,
        ],
        { encoding: 'utf8', cwd: packageRoot() },
      ).stdout.trim();
    const { project } = await openProject(path, testAuthor); // its seal was checked
    try {
      expect(secondWriter()).toBe('SQLITE_BUSY');
      await (await startBackup(project.db, path, 'pre-merge')).ready(); // copies the file's bytes
      expect(secondWriter()).toBe('SQLITE_BUSY');
    } finally {
      project.close();
    }
    expect(secondWriter()).toBe('wrote');
  });

  it('a file another process holds, its WAL being written, is said to be open elsewhere, not damaged', async () => {
    const path = await sealedProject();
    // Another process holding the file and writing its WAL, as a second window would.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const b = new D(${JSON.stringify(path)});
         b.pragma('locking_mode = EXCLUSIVE'); b.pragma('wal_autocheckpoint = 0');
         b.exec("UPDATE meta SET value = value || '.' WHERE key = 'name'"); console.log('held'); setInterval(() => {}, 1000);`,
      ],
      { cwd: packageRoot(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve()));
      expect(wholeFile(path)).toBe(false);
      // Its copy fails the seal (a value changed meanwhile, say): a holder, not damage, is the reason.
      flipValue(path, path);
      const err = await refusal(openProject(path, testAuthor));
      expect(err.code).toBe('locked');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('leaves out SQLite’s lock-byte page at 1 GiB (unreadable on Windows while locked), and nothing after it', () => {
    // A sparse file: 1 GiB and two pages, read as the digest reads it.
    const path = join(dir, 'sparse.bin');
    const pageSize = 4096;
    const lockByte = 0x40000000;
    writeFileSync(path, '');
    fs.truncateSync(path, lockByte + 2 * pageSize);
    const digestOf = () => {
      const fd = fs.openSync(path, 'r');
      try {
        return sealDigest(fs, crypto, fd, pageSize, 2).toString('hex');
      } finally {
        fs.closeSync(fd);
      }
    };
    const poke = (at: number, byte: number) => {
      const fd = fs.openSync(path, 'r+');
      try {
        fs.writeSync(fd, Buffer.from([byte]), 0, 1, at);
      } finally {
        fs.closeSync(fd);
      }
    };
    const before = digestOf();
    poke(lockByte + 10, 0xff);
    expect(digestOf()).toBe(before);
    poke(lockByte + pageSize + 10, 0xff);
    expect(digestOf()).not.toBe(before);
    fs.rmSync(path);
  }, 60_000);

  it('readSeal gives nothing to check for a file with pages beside it', async () => {
    const path = await sealedProject();
    const db = new Database(path, { readonly: true });
    expect(readSeal(db, true)?.digest).toHaveLength(32);
    expect(readSeal(db, false)).toBeNull();
    db.close();
  });
});
