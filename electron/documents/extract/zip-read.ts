// Reads chosen entries out of a zip held in memory, defensively. fflate's unzipSync is not used
// for the inflating: given an entry whose real content is far larger than its declared size, it
// decodes all of it into a buffer of the declared size and drops the rest, so a small forged
// file can still burn minutes of CPU. Here the central directory is read by hand (entry count
// and declared sizes checked before anything is inflated), and each entry is inflated in
// chunks with fflate's streaming Inflate, stopping as soon as it exceeds its declared size.
import { Inflate } from 'fflate';

export type ZipProblemKind = 'damaged' | 'encrypted' | 'too_many_entries' | 'too_large';

/** Why a zip was refused; the caller turns it into a message for its own format. */
export class ZipProblem extends Error {
  constructor(readonly kind: ZipProblemKind) {
    super(`zip: ${kind}`);
    this.name = 'ZipProblem';
  }
}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number; // declared uncompressed size
  localOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const INPUT_CHUNK = 16 * 1024; // at most ~16 MB of output per step, even for a bomb

const damaged = (): ZipProblem => new ZipProblem('damaged');

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  // DataView throws RangeError past the end; every caller turns that into "damaged".
  u16 = (o: number): number => this.view.getUint16(o, true);
  u32 = (o: number): number => this.view.getUint32(o, true);
  u64 = (o: number): number => {
    const high = this.u32(o + 4);
    if (high > 0x1fffff) throw damaged(); // beyond 2^53: no zip we could hold in memory
    return high * 2 ** 32 + this.u32(o);
  };
}

function findEndOfDirectory(r: Reader): number {
  const last = r.bytes.length - 22;
  // The end record is followed by a comment of at most 65,535 bytes.
  for (let e = last; e >= 0 && e >= last - 65535; e--) {
    if (r.bytes[e] === 0x50 && r.u32(e) === SIG_EOCD) return e;
  }
  throw damaged();
}

/** Lists the entries, refusing more than `maxEntries` before reading any of them. */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  try {
    return readDirectory(new Reader(bytes), maxEntries);
  } catch (err) {
    if (err instanceof ZipProblem) throw err;
    throw damaged();
  }
}

function readDirectory(r: Reader, maxEntries: number): ZipEntry[] {
  const e = findEndOfDirectory(r);
  let count = r.u16(e + 10);
  let offset = r.u32(e + 16);
  if ((count === 0xffff || offset === 0xffffffff) && e >= 20 && r.u32(e - 20) === SIG_ZIP64_LOCATOR) {
    const z = r.u64(e - 12);
    if (r.u32(z) !== SIG_ZIP64_EOCD) throw damaged();
    count = r.u64(z + 32);
    offset = r.u64(z + 48);
  }
  if (count > maxEntries) throw new ZipProblem('too_many_entries');
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (r.u32(p) !== SIG_CENTRAL) throw damaged();
    const nameLength = r.u16(p + 28);
    const extraLength = r.u16(p + 30);
    const entry: ZipEntry = {
      flags: r.u16(p + 8),
      method: r.u16(p + 10),
      crc: r.u32(p + 16),
      compressedSize: r.u32(p + 20),
      size: r.u32(p + 24),
      localOffset: r.u32(p + 42),
      name: names.decode(r.bytes.subarray(p + 46, p + 46 + nameLength)),
    };
    if (p + 46 + nameLength > r.bytes.length) throw damaged();
    readZip64Extra(r, p + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    p += 46 + nameLength + extraLength + r.u16(p + 32);
  }
  return entries;
}

/** Sizes and offsets of 0xFFFFFFFF mean "see the zip64 extra field", in this order. */
function readZip64Extra(r: Reader, start: number, length: number, entry: ZipEntry): void {
  const big = (v: number): boolean => v === 0xffffffff;
  if (!big(entry.size) && !big(entry.compressedSize) && !big(entry.localOffset)) return;
  for (let q = start; q + 4 <= start + length; q += 4 + r.u16(q + 2)) {
    if (r.u16(q) !== 0x0001) continue;
    let f = q + 4;
    if (big(entry.size)) {
      entry.size = r.u64(f);
      f += 8;
    }
    if (big(entry.compressedSize)) {
      entry.compressedSize = r.u64(f);
      f += 8;
    }
    if (big(entry.localOffset)) entry.localOffset = r.u64(f);
    return;
  }
  throw damaged();
}

/** Inflates one entry, checking its real size against the declared one, and its CRC. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  try {
    return readEntry(new Reader(bytes), entry);
  } catch (err) {
    if (err instanceof ZipProblem) throw err;
    throw damaged();
  }
}

function readEntry(r: Reader, entry: ZipEntry): Uint8Array {
  if (entry.flags & 1) throw new ZipProblem('encrypted');
  const local = entry.localOffset;
  if (r.u32(local) !== SIG_LOCAL) throw damaged();
  const start = local + 30 + r.u16(local + 26) + r.u16(local + 28);
  const end = start + entry.compressedSize;
  if (end > r.bytes.length) throw damaged();
  const data = r.bytes.subarray(start, end);

  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged();
    out = data.slice();
  } else if (entry.method === 8) {
    out = inflateCapped(data, entry.size);
  } else {
    throw damaged(); // no other method appears in Office files
  }
  if (crc32(out) !== entry.crc) throw damaged();
  return out;
}

function inflateCapped(data: Uint8Array, declared: number): Uint8Array {
  const out = new Uint8Array(declared);
  let filled = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    if (filled + chunk.length > declared) throw damaged(); // more than declared: a bomb or a lie
    out.set(chunk, filled);
    filled += chunk.length;
    if (final) ended = true;
  });
  for (let i = 0; i < data.length; i += INPUT_CHUNK) {
    inflate.push(data.subarray(i, i + INPUT_CHUNK), i + INPUT_CHUNK >= data.length);
  }
  if (data.length === 0 || !ended || filled !== declared) throw damaged();
  return out;
}

let crcTable: Uint32Array | undefined;

function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const table = crcTable;
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (table[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
