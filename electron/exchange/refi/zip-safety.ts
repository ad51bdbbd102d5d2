// Opening a .qdpx from anywhere. Before anything is inflated: at most MAX_ENTRIES entries, and
// no entry name that could point outside a folder if someone ever unpacked it (.., absolute
// paths, backslashes, drive letters). While inflating: the bytes actually produced are
// counted, an entry may not exceed the size its header declares, and all entries together may
// not exceed MAX_TOTAL, so a forged header or a zip bomb stops early instead of filling memory.
import { crc32, inflateRawSync } from 'node:zlib';
import { AppError } from '../../core/errors.js';
import { readZipDirectory, ZipProblem, type ZipEntry } from '../../documents/extract/zip-read.js';

export const MAX_ENTRIES = 10_000;
export const MAX_TOTAL = 512 * 2 ** 20;

const mb = (n: number): string => `${Math.round(n / 2 ** 20)} MB`;

/** Why a name is refused, or null when it is a plain relative path. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  if (name.includes('\\')) return 'a backslash';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  // eslint-disable-next-line no-control-regex -- control characters in a file name are the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character';
  if (name.split('/').some((part) => part === '..')) return 'a ".." step out of its folder';
  return null;
}

export class SafeZip {
  private used = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    readonly entries: ZipEntry[],
  ) {}

  static open(bytes: Uint8Array, label: string): SafeZip {
    let entries: ZipEntry[];
    try {
      entries = readZipDirectory(bytes, MAX_ENTRIES);
    } catch (e) {
      if (e instanceof ZipProblem && e.kind === 'too_many_entries')
        throw new AppError('too_large', `${label} holds more than ${MAX_ENTRIES.toLocaleString('en')} files; Field Coder refuses it.`);
      throw new AppError('invalid', `${label} is not a readable zip archive.`);
    }
    for (const e of entries) {
      const why = unsafeEntryName(e.name);
      if (why)
        throw new AppError('invalid', `${label} contains a file name with ${why} (${JSON.stringify(e.name.slice(0, 80))}); refused.`);
    }
    return new SafeZip(bytes, entries);
  }

  /** Files, not folders. */
  get files(): ZipEntry[] {
    return this.entries.filter((e) => !e.name.endsWith('/'));
  }

  read(entry: ZipEntry): Uint8Array {
    if (entry.flags & 1) throw new AppError('invalid', `${entry.name} in the archive is encrypted.`);
    if (entry.size > MAX_TOTAL - this.used)
      throw new AppError('too_large', `The archive unpacks to more than ${mb(MAX_TOTAL)} (${entry.name}); Field Coder refuses it.`);
    const data = this.rawData(entry);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (data.length !== entry.size) throw new AppError('invalid', `${entry.name} in the archive is damaged.`);
      out = data;
    } else if (entry.method === 8) {
      try {
        // maxOutputLength makes zlib stop as soon as the output passes the declared size.
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw new AppError(
            'invalid',
            `${entry.name} unpacks to more than the ${entry.size} bytes its header declares: a damaged or hostile archive.`,
          );
        throw new AppError('invalid', `${entry.name} in the archive is damaged.`);
      }
      if (out.length !== entry.size) throw new AppError('invalid', `${entry.name} in the archive is damaged (size mismatch).`);
    } else {
      throw new AppError('invalid', `${entry.name} uses a compression method Field Coder cannot read.`);
    }
    if (crc32(out) >>> 0 !== entry.crc >>> 0) throw new AppError('invalid', `${entry.name} in the archive is damaged (checksum).`);
    this.used += out.length;
    return out;
  }

  private rawData(entry: ZipEntry): Uint8Array {
    const b = this.bytes;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const at = entry.localOffset;
    if (at + 30 > b.length || view.getUint32(at, true) !== 0x04034b50)
      throw new AppError('invalid', `${entry.name} in the archive is damaged.`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > b.length) throw new AppError('invalid', `${entry.name} in the archive is damaged (cut off).`);
    return b.subarray(start, end);
  }
}
