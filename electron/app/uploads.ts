// Files on their way into a project. Both transports deliver raw bytes (HTTP body, IPC
// ArrayBuffer) here first; an import call then names the upload. Kept in memory, capped, and
// dropped when taken or after an hour.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { MAX_UPLOAD_BYTES } from '../api/contract.js';
import { AppError } from '../core/errors.js';

const MAX_PENDING_BYTES = 2 * MAX_UPLOAD_BYTES;
const MAX_AGE_MS = 60 * 60 * 1000;

interface Upload {
  fileName: string;
  bytes: Uint8Array;
  at: number;
}

export class UploadStore {
  private readonly pending = new Map<string, Upload>();
  private total = 0;

  add(fileName: string, bytes: Uint8Array): { uploadId: string; size: number } {
    return this.addMany([{ fileName, bytes }])[0]!;
  }

  /** Several files at once (one request of the browser host): all are taken, or none. */
  addMany(files: readonly { fileName: string; bytes: Uint8Array }[]): { uploadId: string; size: number }[] {
    this.expire();
    const named = files.map(({ fileName, bytes }) => {
      const name = basename(String(fileName).replace(/\\/g, '/')).slice(0, 255);
      // eslint-disable-next-line no-control-regex -- a file name with control characters is refused
      if (!name || /[\u0000-\u001f]/.test(name)) throw new AppError('bad_request', 'An upload needs a file name.');
      if (bytes.length > MAX_UPLOAD_BYTES) {
        throw new AppError(
          'too_large',
          `This file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, the most Field Coder imports at once.`,
        );
      }
      return { fileName: name, bytes };
    });
    const adding = named.reduce((n, f) => n + f.bytes.length, 0);
    if (this.total + adding > MAX_PENDING_BYTES)
      throw new AppError('too_large', 'Too many files are waiting to be imported. Import them first.');
    return named.map(({ fileName, bytes }) => {
      const uploadId = randomBytes(16).toString('hex');
      this.pending.set(uploadId, { fileName, bytes, at: Date.now() });
      this.total += bytes.length;
      return { uploadId, size: bytes.length };
    });
  }

  take(uploadId: string): { fileName: string; bytes: Uint8Array } {
    const u = this.pending.get(uploadId);
    if (!u) throw new AppError('not_found', 'That upload is gone (it was imported already, or expired). Choose the file again.');
    this.pending.delete(uploadId);
    this.total -= u.bytes.length;
    return u;
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, u] of this.pending) {
      if (now - u.at > MAX_AGE_MS) {
        this.pending.delete(id);
        this.total -= u.bytes.length;
      }
    }
  }
}
