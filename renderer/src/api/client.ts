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
      let data: ArrayBuffer;
      try {
        data = await file.arrayBuffer();
      } catch {
        throw new ApiError({ code: 'not_found', message: `“${file.name}” could not be read. It may have been moved or deleted.` });
      }
      const result = await getTransport().upload(file.name, data);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
  };
}

export const api: ApiClient = createClient(transport);
