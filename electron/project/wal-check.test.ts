// Reading a project's WAL (wal-check.ts) on real files left by a "crash" (a project copied with its
// WAL while open): it reads the frames SQLite reads, sees a damaged frame that SQLite would drop
// in silence with the saved changes after it, and lets through what a crash can leave.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCode } from '../coding/codes-service.js';
import { AppError } from '../core/errors.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { createProject, openProject } from './open-project.js';
import type { Project } from './project.js';
import { readWal, walDamaged } from './wal-check.js';

const dir = tempDir('fc-wal-');
let n = 0;
const CODES = 4;

/** A project given CODES codes, one commit each, and copied with its WAL while open. */
async function crashed(last?: (project: Project) => void): Promise<string> {
  const path = join(dir, `p${++n}.fieldcoder`);
  const created = await createProject(path, testAuthor, { name: 'WAL' });
  created.project.close();
  const { project } = await openProject(path, testAuthor);
  for (let i = 1; i <= CODES; i++) createCode(project, { name: `Saved code ${i}` });
  last?.(project);
  const copy = join(dir, `crashed${n}.fieldcoder`);
  copyFileSync(path, copy);
  copyFileSync(`${path}-wal`, `${copy}-wal`);
  project.close();
  return copy;
}

/** Another copy of a file and its WAL, to read with plain SQLite (which checkpoints it on closing). */
function twin(path: string): string {
  const t = join(dir, `twin${++n}.fieldcoder`);
  copyFileSync(path, t);
  copyFileSync(`${path}-wal`, `${t}-wal`);
  return t;
}

/** The saved codes plain SQLite reads from the file and its WAL. */
function codesSqliteReads(path: string): string[] {
  const db = new Database(twin(path));
  try {
    return db.prepare("SELECT name FROM codes WHERE name LIKE 'Saved code %' ORDER BY name").pluck().all() as string[];
  } finally {
    db.close();
  }
}

const pageSizeOf = (path: string) => readFileSync(`${path}-wal`).readUInt32BE(8);
/** Byte offset of frame `i` (0-based) of a WAL, and of its page. */
const frameAt = (path: string, i: number) => 32 + i * (24 + pageSizeOf(path));
/** The index of the frame that commits the `k`th commit (1-based). */
function commitFrame(path: string, k: number): number {
  const wal = readFileSync(`${path}-wal`);
  const size = 24 + pageSizeOf(path);
  let seen = 0;
  for (let i = 0; 32 + (i + 1) * size <= wal.length; i++) if (wal.readUInt32BE(32 + i * size + 4) !== 0 && ++seen === k) return i;
  throw new Error(`no commit ${k}`);
}

function flip(path: string, at: number, mask = 0x20): void {
  const wal = readFileSync(`${path}-wal`);
  wal[at] = wal[at]! ^ mask;
  writeFileSync(`${path}-wal`, wal);
}

const sha = (path: string) =>
  createHash('sha256')
    .update(readFileSync(path))
    .update(readFileSync(`${path}-wal`))
    .digest('hex');

describe("a project's WAL, read before SQLite opens it", () => {
  it('holds the frames and commits SQLite reads from it', async () => {
    const path = await crashed();
    const r = readWal(path)!;
    expect(r.commits).toBe(CODES);
    expect(r.commitsPastBreak).toBe(0);
    const db = new Database(twin(path));
    const [ck] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    db.close();
    expect(r.frames).toBe(ck!.log);
    expect(walDamaged(path)).toBe(false);
    expect(r.unkept).toBe(0);
    expect(codesSqliteReads(path)).toHaveLength(CODES);
    const opened = await openProject(path, testAuthor);
    opened.project.close();
    expect(opened.unkeptChange).toBeUndefined(); // every change it was saving was kept
  });

  it('a flipped byte in a saved commit, which SQLite drops with every commit after it, refuses the file unwritten', async () => {
    const path = await crashed();
    flip(path, frameAt(path, 0) + 24 + 200); // in the first commit's first page
    // What SQLite alone does: opens the file as sound, without the saved changes.
    expect(codesSqliteReads(path)).toEqual([]);
    expect(walDamaged(path)).toBe(true);
    const before = sha(path);
    const err = await openProject(path, testAuthor).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('corrupt');
    expect((err as AppError).message).toMatch(/record of recent changes .* is damaged/);
    expect(sha(path)).toBe(before);
  });

  it('a flipped byte in a frame header (its page number, its checksum) is seen too', async () => {
    for (const field of [0, 16]) {
      const path = await crashed();
      flip(path, frameAt(path, commitFrame(path, 2)) + field);
      expect(walDamaged(path), `field at ${field}`).toBe(true);
    }
    // The checksum of the commit frame before the last, whose next frame (a last commit of one
    // frame) checks against it.
    for (const field of [16, 21]) {
      const path = await crashed((p) => p.write(() => p.db.prepare("UPDATE meta SET value = 'Renamed' WHERE key = 'name'").run()));
      expect(commitFrame(path, CODES + 1)).toBe(commitFrame(path, CODES) + 1);
      flip(path, frameAt(path, commitFrame(path, CODES)) + field);
      expect(readWal(path), `field at ${field}`).toMatchObject({ brokeAtCommit: true, commitsPastBreak: 1 });
      expect(walDamaged(path), `field at ${field}`).toBe(true);
    }
  });

  it('a flipped byte in the page of the commit before the last, its commit frame, is seen', async () => {
    const path = await crashed();
    flip(path, frameAt(path, commitFrame(path, CODES - 1)) + 24 + 200);
    expect(readWal(path)).toMatchObject({ commitsPastBreak: 1, brokeAtCommit: true });
    expect(codesSqliteReads(path)).toHaveLength(CODES - 2);
    expect(walDamaged(path)).toBe(true);
  });

  it('what a crash during the last commit leaves (its frames torn, or cut short) opens without that commit alone, and says so', async () => {
    const torn = await crashed();
    const last = commitFrame(torn, CODES);
    const lastFrames = last - commitFrame(torn, CODES - 1);
    expect(lastFrames).toBeGreaterThan(1);
    flip(torn, frameAt(torn, last - 1) + 24 + 300); // the last commit's frame before its commit frame
    expect(readWal(torn)).toMatchObject({ commitsPastBreak: 1, brokeAtCommit: false });
    expect(walDamaged(torn)).toBe(false);
    const tornCommit = await crashed();
    flip(tornCommit, frameAt(tornCommit, last) + 24 + 300); // its commit frame
    expect(walDamaged(tornCommit)).toBe(false);
    const cut = await crashed();
    truncateSync(`${cut}-wal`, frameAt(cut, last) + 100);
    expect(walDamaged(cut)).toBe(false);
    // Stopped before writing the commit frame: frames without a commit after them.
    const uncommitted = await crashed();
    truncateSync(`${uncommitted}-wal`, frameAt(uncommitted, last));
    // Stopped having written a frame's header only (SQLite writes its page next).
    const headerOnly = await crashed();
    truncateSync(`${headerOnly}-wal`, frameAt(headerOnly, commitFrame(headerOnly, CODES - 1) + 1) + 24);
    const unkept = [lastFrames, lastFrames, lastFrames, lastFrames - 1, 1];
    for (const [i, path] of [torn, tornCommit, cut, uncommitted, headerOnly].entries()) {
      expect(readWal(path)?.unkept, path).toBe(unkept[i]);
      const opened = await openProject(path, testAuthor);
      const names = opened.project.db.prepare("SELECT name FROM codes WHERE name LIKE 'Saved code %' ORDER BY name").pluck().all();
      opened.project.close();
      expect(names).toEqual(Array.from({ length: CODES - 1 }, (_, i) => `Saved code ${i + 1}`));
      expect(opened.unkeptChange, path).toBe(true);
    }
  });

  it('a flipped byte in its header, which makes SQLite ignore the whole WAL, is seen', async () => {
    // Byte 3 ^ 0x01 leaves a magic number, for the other byte order; bytes 8-11 are the page size.
    for (const [at, mask] of [
      [0, 0x20],
      [3, 0x20],
      [3, 0x01],
      [7, 0x20],
      [10, 0x10],
      [11, 0x01],
      [13, 0x20],
      [16, 0x20],
      [22, 0x20],
      [25, 0x20],
      [31, 0x20],
    ] as const) {
      const path = await crashed();
      flip(path, at, mask);
      expect(codesSqliteReads(path), `byte ${at} ^${mask}`).toEqual([]);
      expect(readWal(path)?.headerBroken, `byte ${at} ^${mask}`).toBe(true);
      expect(walDamaged(path), `byte ${at} ^${mask}`).toBe(true);
    }
  });

  it('a WAL SQLite would not read (empty, cut inside its header) is nothing to check', async () => {
    const path = await crashed();
    truncateSync(`${path}-wal`, 20);
    expect(readWal(path)).toBeNull();
    expect(statSync(`${path}-wal`).size).toBe(20);
    truncateSync(`${path}-wal`, 0);
    expect(readWal(path)).toBeNull();
  });
});
