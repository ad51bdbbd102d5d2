// Which project files this device closed cleanly, and how each looked on disk just after.
//
// Opening a file runs `quick_check` first, because a file may have come from anywhere (issue 8).
// On a large project that check is most of the time it takes to open (about 0.6 s of 0.62 s at the
// bench's L size), yet the commonest open is of the very file this device closed a minute ago.
// So after a clean close (the WAL checkpointed and gone) we note the file's identity and change
// times; an open that finds them all unchanged skips the check. Anything else (another copy, a
// rename across disks, a write by any program, a crash while open) changes one of them, and the
// file is checked as a stranger's. The note is used once: opening consumes it, so a crash while the
// project is open leaves no note behind, and it vouches for 12 hours only: damage that changes
// no metadata (a USB stick's flash decaying in a drawer) is caught by the first open of a day.
//
// The notes live in this device's data folder, never in the project file, which could lie.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** How a file looked: device and inode (which copy), size, and nanosecond mtime and ctime. */
const fileStateSchema = z.object({
  dev: z.string(),
  ino: z.string(),
  size: z.string(),
  mtimeNs: z.string(),
  ctimeNs: z.string(),
  /** When the note was made (ms since the epoch). */
  at: z.number(),
});
type FileState = z.infer<typeof fileStateSchema>;

const notesSchema = z.record(z.string(), fileStateSchema);

/** Enough for anyone's working set; the oldest notes go first. */
const MAX_NOTES = 50;

/** How long a note vouches for a file. */
export const NOTE_TTL_MS = 12 * 60 * 60 * 1000;

function stateOf(path: string, at: number): FileState | null {
  try {
    const st = statSync(path, { bigint: true });
    const { dev, ino, size, mtimeNs, ctimeNs } = st;
    return { dev: String(dev), ino: String(ino), size: String(size), mtimeNs: String(mtimeNs), ctimeNs: String(ctimeNs), at };
  } catch {
    return null;
  }
}

const same = (a: FileState, b: FileState): boolean =>
  a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

export class CleanCloses {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'clean-closes.json');
  }

  private read(): Record<string, FileState> {
    try {
      return notesSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return {}; // no notes, or unreadable ones: every file gets checked, which is only slower
    }
  }

  private write(notes: Record<string, FileState>): void {
    const kept = Object.entries(notes).slice(-MAX_NOTES);
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(kept)));
    renameSync(tmp, this.file);
  }

  /** Call after the connection is closed. A file with a WAL left beside it did not close cleanly. */
  noteClosed(path: string, now = Date.now()): void {
    const abs = resolve(path);
    const state = existsSync(`${abs}-wal`) ? null : stateOf(abs, now);
    const notes = this.read();
    delete notes[abs];
    if (state) notes[abs] = state;
    this.write(notes);
  }

  /**
   * True when this device closed `path` cleanly and nothing has touched it since. The note is
   * consumed either way: it vouches for one open only.
   */
  takeIfUnchanged(path: string, now = Date.now()): boolean {
    const abs = resolve(path);
    const notes = this.read();
    const noted = notes[abs];
    if (!noted) return false;
    delete notes[abs];
    this.write(notes);
    if (now - noted.at > NOTE_TTL_MS || now < noted.at) return false;
    const current = stateOf(abs, now);
    return current !== null && !existsSync(`${abs}-wal`) && same(noted, current);
  }
}
