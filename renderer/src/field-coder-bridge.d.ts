// What the Electron preload exposes on `window` (electron/shell/preload.ts). Only the transport
// looks at it; it is absent in the browser host.
import type { Result } from '../../electron/api/contract';

declare global {
  interface FieldCoderBridge {
    call(method: string, input: unknown): Promise<Result<unknown>>;
    /** Hands a file's raw bytes to the main process; the Result holds { uploadId, size }. */
    upload(fileName: string, data: ArrayBuffer): Promise<Result<unknown>>;
  }
  interface Window {
    fieldCoder?: FieldCoderBridge;
  }
}

export {};
