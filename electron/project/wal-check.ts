// Reading a project's WAL before SQLite does, to see damage SQLite would pass over in silence.
//
// While a project is open its changes live in the WAL beside it (the file itself changes only at a
// checkpoint, seal.ts), so after a crash the session's saved changes are there. Each WAL frame
// carries a checksum chained from the one before, and on opening SQLite keeps the frames up to
// the last commit whose chain holds and drops the rest without a word. That is right for a crash,
// which can tear only the commit being written, but a flipped byte in an earlier frame drops every
// commit after it: changes reported as saved would be gone, and the file would open as if sound.
//
// So before opening a file with a WAL we walk its frames as SQLite would (format: sqlite.org/fileformat2.html#walformat),
// and where the chain breaks, we check each later frame against the checksum stored in the frame
// before it. A crash can break the chain only inside the commit being written (with
// synchronous=FULL every earlier commit was synced whole before the next began), and a power cut
// during it may leave that commit's later frames, its commit frame among them, intact past the
// break (the disk writing them out of order). So the WAL is damaged when past the break there are
// two intact commits, or one after a broken frame that is itself a commit frame of this WAL (the
// commit being written has one, its last). Damage to the last commit alone (and to the 4 bytes that
// mark the one before it as a commit) is not told apart from a crash, and SQLite drops that commit.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const HEADER = 32;
const FRAME_HEADER = 24;
const VERSION = 3007000;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `s`. */
function checksum(data: Buffer, s: [number, number], bigEndian: boolean): [number, number] {
  let [s0, s1] = s;
  const words = new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2);
  const swap = bigEndian === LITTLE_ENDIAN; // the WAL's order is not this machine's
  for (let i = 0; i < words.length; i += 2) {
    let x0 = words[i]!;
    let x1 = words[i + 1]!;
    if (swap) {
      x0 = ((x0 & 0xff) << 24) | ((x0 & 0xff00) << 8) | ((x0 >>> 8) & 0xff00) | (x0 >>> 24);
      x1 = ((x1 & 0xff) << 24) | ((x1 & 0xff00) << 8) | ((x1 >>> 8) & 0xff00) | (x1 >>> 24);
    }
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/** The page size in the database file's header (bytes 16-17; 1 means 65536), or 0 where there is none. */
function databasePageSize(path: string): number {
  const b = Buffer.alloc(2);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (readSync(fd, b, 0, 2, 16) < 2) return 0;
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const raw = b.readUInt16BE(0);
  const size = raw === 1 ? 65536 : raw;
  return size >= 512 && (size & (size - 1)) === 0 ? size : 0;
}

export interface WalReading {
  /** Frames of this WAL's generation SQLite will read (up to its last intact commit). */
  frames: number;
  /** Commits among them. */
  commits: number;
  /** Intact commits after the frame where the chain broke (0 when it did not). */
  commitsPastBreak: number;
  /** The frame where it broke is a commit frame of this WAL (its commit mark and a salt intact). */
  brokeAtCommit: boolean;
  /** The WAL's header is not intact (SQLite then reads none of it). */
  headerBroken: boolean;
  /**
   * Frames of this WAL (by their salts, one of them sufficing) past the ones SQLite keeps, the
   * last one counted even where only its frame header was written: a commit that was being
   * written when the writer stopped, or one damaged since (see hasUnkept).
   */
  unkept: number;
}

/**
 * What the WAL beside `path` holds, or null when there is nothing to read: no WAL, or one shorter
 * than its header. Its frames are found with the database's page size (the file's header says
 * it; the seal covers that): a WAL header giving another is damaged.
 *
 * A header that is not intact (its magic number, version, salts or checksum damaged) makes SQLite
 * ignore the whole WAL: the chain is then broken before its first frame. A crash cannot leave
 * that with commits after it (SQLite syncs a new header before it writes frames after it, and
 * a WAL's older frames have other salts than its header's), so a frame here counts as this
 * WAL's when its salts are the header's, or, after a damaged header, one of them is.
 */
export function readWal(path: string): WalReading | null {
  let fd: number;
  try {
    fd = openSync(`${path}-wal`, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(HEADER);
    if (size < HEADER || readSync(fd, header, 0, HEADER, 0) < HEADER) return null;
    const magic = header.readUInt32BE(0);
    const magicOk = (magic & 0xfffffffe) === 0x377f0682;
    const bigEndian = (magic & 1) === 1;
    const raw = header.readUInt32BE(8);
    const pageSize = databasePageSize(path);
    if (!pageSize) return null;
    let [h0, h1] = checksum(header.subarray(0, 24), [0, 0], bigEndian);
    const headerOk =
      magicOk &&
      header.readUInt32BE(4) === VERSION &&
      (raw & 0xfe00) + ((raw & 1) << 16) === pageSize &&
      h0 === header.readUInt32BE(24) &&
      h1 === header.readUInt32BE(28);
    // A damaged header's magic may name the wrong order (its last bit flipped): assume this machine's.
    const order = headerOk ? bigEndian : !LITTLE_ENDIAN;
    if (!headerOk) [h0, h1] = checksum(header.subarray(0, 24), [0, 0], order);
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);

    const frame = Buffer.alloc(FRAME_HEADER + pageSize);
    // The checksummed bytes: the frame header's first 8, then the page.
    const summed = Buffer.alloc(8 + pageSize);
    let chain: [number, number] = [h0, h1];
    let stored: [number, number] = [header.readUInt32BE(24), header.readUInt32BE(28)];
    let broken = !headerOk;
    /** The checksum the frame where the chain broke should have stored (the header's, when it was the header). */
    let afterBreak: [number, number] | null = headerOk ? null : [h0, h1];
    const reading: WalReading = { frames: 0, commits: 0, commitsPastBreak: 0, brokeAtCommit: false, headerBroken: !headerOk, unkept: 0 };
    let framesSinceCommit = 0;
    let salted = 0;
    let at = HEADER;
    for (; at + frame.length <= size; at += frame.length) {
      if (readSync(fd, frame, 0, frame.length, at) < frame.length) break;
      const s1 = frame.readUInt32BE(8) === salt1;
      const s2 = frame.readUInt32BE(12) === salt2;
      if (s1 || s2) salted++;
      const pageNo = frame.readUInt32BE(0) !== 0;
      const commit = frame.readUInt32BE(4) !== 0;
      const sum: [number, number] = [frame.readUInt32BE(16), frame.readUInt32BE(20)];
      frame.copy(summed, 0, 0, 8);
      frame.copy(summed, 8, FRAME_HEADER);
      if (!broken) {
        const next = s1 && s2 && pageNo ? checksum(summed, chain, bigEndian) : null;
        if (next && next[0] === sum[0] && next[1] === sum[1]) {
          chain = next;
          framesSinceCommit++;
          if (commit) {
            reading.frames += framesSinceCommit;
            reading.commits++;
            framesSinceCommit = 0;
          }
        } else {
          broken = true;
          reading.brokeAtCommit = commit && (s1 || s2);
          // Where only its stored checksum was damaged, the next frame follows on from the right one.
          afterBreak = checksum(summed, chain, order);
          stored = sum;
          continue;
        }
      } else if (commit && (headerOk ? s1 && s2 : s1 || s2)) {
        const local = checksum(summed, stored, order);
        const follows = afterBreak && checksum(summed, afterBreak, order);
        if ((local[0] === sum[0] && local[1] === sum[1]) || (follows && follows[0] === sum[0] && follows[1] === sum[1]))
          reading.commitsPastBreak++;
      }
      afterBreak = null;
      stored = sum;
    }
    // A frame cut short: SQLite writes a frame's header, then its page.
    if (at + FRAME_HEADER <= size && readSync(fd, frame, 0, FRAME_HEADER, at) === FRAME_HEADER)
      if (frame.readUInt32BE(8) === salt1 || frame.readUInt32BE(12) === salt2) salted++;
    reading.unkept = salted - reading.frames; // every frame SQLite keeps has both salts
    return reading;
  } finally {
    closeSync(fd);
  }
}

export const WAL_DAMAGED_MESSAGE =
  'This project file’s record of recent changes (the “-wal” file beside it) is damaged: changes that were saved cannot all be read back. The disk or USB stick may be failing, or a copy may have gone wrong. Field Coder did not change it; restore a backup, or keep the file and its “-wal” file for recovery.';

/** True when the WAL beside `path` holds saved commits that SQLite would drop (see above). */
export function walDamaged(path: string): boolean {
  return isDamaged(readWal(path));
}

/** The same, of a WAL already read. */
export function isDamaged(r: WalReading | null): boolean {
  return !!r && (r.commitsPastBreak >= 2 || (r.commitsPastBreak >= 1 && r.brokeAtCommit));
}

/**
 * True when a file left by a crash has, in its WAL (already read), a change that opening it will
 * not keep (`unkept`): the writer stopped while saving it (a kill, a power cut), or its frames
 * were damaged since. SQLite drops it without a word, and neither can be told from the other (see
 * above), so the user is told that the last change before the stop is not there. A transaction
 * rolled back after its pages spilled into the WAL leaves such frames too, when nothing was
 * committed after it: the notice then names a change that was never saved, rare (a spill takes
 * megabytes) and harmless.
 */
export function hasUnkept(r: WalReading | null): boolean {
  return (r?.unkept ?? 0) > 0;
}
