// The renderer's one way to call the host: `api.call('framework.get', {})`, typed by the contract
// (types only: zod and the handlers stay on the host side). Failures arrive as thrown ApiErrors
// carrying the host's code and one-line message, ready to show a person.
import type { ErrorValue, Input, Method, Output } from '../../../electron/api/contract';
import { transport, type Transport, type UploadReceipt } from './transport';

export type ErrorCode = ErrorValue['code'];

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(error: ErrorValue) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
  }
}

export interface ApiClient {
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Sends a file's bytes to the host; pass the uploadId to `documents.import`. */
  upload(file: File): Promise<UploadReceipt>;
  /**
   * Sends several files, in one request where the transport can: a receipt for each file, or
   * the error that kept it back (it could not be read, or the host refused the lot).
   */
  uploadMany(files: readonly File[]): Promise<(UploadReceipt | ApiError)[]>;
}

async function readFile(file: File): Promise<ArrayBuffer> {
  try {
    return await file.arrayBuffer();
  } catch {
    throw new ApiError({ code: 'not_found', message: `“${file.name}” could not be read. It may have been moved or deleted.` });
  }
}

export function createClient(getTransport: () => Transport): ApiClient {
  return {
    async call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
      const result = await getTransport().call(method, input);
      if (!result.ok) throw new ApiError(result.error);
      // The host validated the input against the contract and answered with that call's output.
      return result.value as Output<M>;
    },
    async upload(file: File): Promise<UploadReceipt> {
      const result = await getTransport().upload(file.name, await readFile(file));
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
    async uploadMany(files: readonly File[]): Promise<(UploadReceipt | ApiError)[]> {
      const transport = getTransport();
      const out: (UploadReceipt | ApiError)[] = new Array(files.length);
      const read: { index: number; fileName: string; data: ArrayBuffer }[] = [];
      for (const [index, file] of files.entries()) {
        try {
          read.push({ index, fileName: file.name, data: await readFile(file) });
        } catch (err) {
          out[index] = err as ApiError;
        }
      }
      if (!transport.uploadMany) {
        for (const r of read) {
          const result = await transport.upload(r.fileName, r.data);
          out[r.index] = result.ok ? result.value : new ApiError(result.error);
        }
        return out;
      }
      if (read.length) {
        const result = await transport.uploadMany(read.map(({ fileName, data }) => ({ fileName, data })));
        read.forEach((r, k) => (out[r.index] = result.ok ? result.value[k]! : new ApiError(result.error)));
      }
      return out;
    },
  };
}

export const api: ApiClient = createClient(transport);
