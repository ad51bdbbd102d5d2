// Skipping the open's quick_check for a file this device closed cleanly: only while nothing at
// all has touched the file, once, and for a limited time; a damaged file is still refused.
import { closeSync, copyFileSync, openSync, renameSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../app/session.js';
import { AppError } from '../core/errors.js';
import { tempDir } from '../test-support/tmp.js';
import { CleanCloses, NOTE_TTL_MS } from './clean-close.js';

/** A session with one project holding enough text to span many pages; closed cleanly. */
async function closedProject(): Promise<{ session: Session; path: string; home: string }> {
  const home = join(tempDir(), 'home');
  const session = new Session(home);
  const summary = await session.create('Notes');
  const project = session.requireProject();
  const text = Array.from({ length: 4000 }, (_, i) => `Line ${i}: the district council met the water board again.`).join('\n');
  project.write((stamp) => {
    for (let i = 0; i < 20; i++)
      project.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run(`filler-${i}-${stamp()}`, text.slice(0, 2000 + i * 100));
  });
  expect(summary.name).toBe('Notes');
  const path = project.path;
  session.closeProject();
  return { session, path, home };
}

describe('clean-close notes', () => {
  it('vouch for an untouched file once, and only within their time', async () => {
    const { path, home } = await closedProject();
    const notes = new CleanCloses(home);
    expect(notes.takeIfUnchanged(path)).toBe(true);
    expect(notes.takeIfUnchanged(path)).toBe(false); // consumed

    notes.noteClosed(path, 1_000);
    expect(notes.takeIfUnchanged(path, 1_000 + NOTE_TTL_MS + 1)).toBe(false);
    notes.noteClosed(path, 5_000);
    expect(notes.takeIfUnchanged(path, 4_000)).toBe(false); // a clock set back vouches for nothing
  });

  it('vouch for nothing once the file was written, even with its mtime put back', async () => {
    const { path, home } = await closedProject();
    const notes = new CleanCloses(home);
    utimesSync(path, 1_700_000_000, 1_700_000_000); // a whole second, so it can be put back exactly
    const before = statSync(path, { bigint: true });
    notes.noteClosed(path);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from([0]), 0, 1, Number(before.size) - 1);
    closeSync(fd);
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    expect(statSync(path, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
    expect(notes.takeIfUnchanged(path)).toBe(false);
  });

  it('vouch for nothing for another file put in its place, or with a WAL beside it', async () => {
    const { path, home } = await closedProject();
    const notes = new CleanCloses(home);
    notes.noteClosed(path);
    const copy = `${path}.copy`;
    copyFileSync(path, copy);
    renameSync(copy, path);
    expect(notes.takeIfUnchanged(path)).toBe(false);

    notes.noteClosed(path);
    writeFileSync(`${path}-wal`, '');
    expect(notes.takeIfUnchanged(path)).toBe(false);
    notes.noteClosed(path); // a WAL at close: not a clean close
    expect(notes.takeIfUnchanged(path)).toBe(false);
  });

  it('survive a notes file that is not JSON: every file is then checked', async () => {
    const { path, home } = await closedProject();
    const notes = new CleanCloses(home);
    writeFileSync(notes.file, '{not json');
    expect(notes.takeIfUnchanged(path)).toBe(false);
    notes.noteClosed(path);
    expect(notes.takeIfUnchanged(path)).toBe(true);
  });
});

describe('opening through the session', () => {
  it('skips the check for the file it closed, and checks it again after any change', async () => {
    const { session, path } = await closedProject();
    const take = vi.spyOn(CleanCloses.prototype, 'takeIfUnchanged');
    try {
      await session.openPath(path);
      expect(take.mock.results.at(-1)?.value).toBe(true);
      session.closeProject();

      // Damage a page in the middle of the file: the write changes its ctime, so the next
      // open checks the file and refuses it, though nothing else would read that page.
      const size = statSync(path).size;
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
      closeSync(fd);
      const err = await session.openPath(path).catch((e: unknown) => e);
      expect(take.mock.results.at(-1)?.value).toBe(false);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('corrupt');
    } finally {
      take.mockRestore();
    }
  });
});
