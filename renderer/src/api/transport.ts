// How a call reaches the host. Chosen once, at start: the Electron preload's bridge when it is
// there, HTTP to the browser host otherwise. Only this file knows which one is in use; the rest
// of the renderer talks to `api` (client.ts) and sees the same Result either way.
import type { Result } from '../../../electron/api/contract';

export interface UploadReceipt {
  uploadId: string;
  size: number;
}

export interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Hands a file's raw bytes to the host; `documents.import` then imports it by uploadId. */
  upload(fileName: string, data: ArrayBuffer): Promise<Result<UploadReceipt>>;
  /**
   * Several files in one go, all taken or none: the browser host's, where each request costs
   * more than a small file's bytes. Transports without it take the files one by one.
   */
  uploadMany?(files: { fileName: string; data: ArrayBuffer }[]): Promise<Result<UploadReceipt[]>>;
}

export const TOKEN_STORAGE_KEY = 'field-coder-token';
export const TOKEN_HEADER = 'X-Field-Coder-Token';

/** The browser host hands out its per-launch token in the fragment: `#token=<hex>`. */
export function tokenFromFragment(hash: string): string | null {
  const match = /^#?token=([^&]+)$/.exec(hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** Hosts answer with a Result; anything else (a proxy page, a crash) is not to be trusted. */
export function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { ok?: unknown; value?: unknown; error?: unknown };
  if (b.ok === true) return 'value' in b;
  if (b.ok !== false || typeof b.error !== 'object' || b.error === null) return false;
  const e = b.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'internal', message } };
}

function isReceipt(value: unknown): value is UploadReceipt {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { uploadId?: unknown; size?: unknown };
  return typeof v.uploadId === 'string' && typeof v.size === 'number';
}

/** Several files' upload answers with a Result holding a receipt for each. */
function asReceiptsResult(body: unknown, count: number): Result<UploadReceipt[]> | null {
  if (!isResult(body)) return null;
  if (!body.ok) return body;
  const v = body.value;
  return Array.isArray(v) && v.length === count && v.every(isReceipt) ? { ok: true, value: v } : null;
}

/** An upload answers with a Result holding a receipt; a success without one is unreadable. */
function asReceiptResult(body: unknown): Result<UploadReceipt> | null {
  if (!isResult(body)) return null;
  if (!body.ok) return body;
  return isReceipt(body.value) ? { ok: true, value: body.value } : null;
}

export function bridgeTransport(bridge: FieldCoderBridge): Transport {
  return {
    async call(method, input) {
      try {
        const result: unknown = await bridge.call(method, input);
        return isResult(result) ? result : failure('The desktop app gave an answer Field Coder could not read.');
      } catch {
        return failure('The desktop app did not answer. Try again, or restart Field Coder.');
      }
    },
    async upload(fileName, data) {
      // A preload from before uploads existed: say so rather than "did not answer".
      if (typeof bridge.upload !== 'function') return failure('This desktop app cannot take files yet. Update Field Coder.');
      try {
        const result = asReceiptResult(await bridge.upload(fileName, data));
        return result ?? failure('The desktop app gave an answer Field Coder could not read.');
      } catch {
        return failure('The desktop app did not answer. Try again, or restart Field Coder.');
      }
    },
  };
}

const UNREACHABLE = 'Field Coder’s browser host cannot be reached. It may have stopped: start it again and open the address it prints.';

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export function httpTransport(token: string, fetchFn: typeof fetch = (...args) => fetch(...args)): Transport {
  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetchFn('/api/' + method, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input),
        });
      } catch {
        return failure(UNREACHABLE);
      }
      // The host sends a JSON Result for every status, errors included; read it rather than the status.
      const body = await readJson(response);
      return isResult(body) ? body : failure(`The browser host answered (${response.status}) with something Field Coder could not read.`);
    },
    async upload(fileName, data) {
      let response: Response;
      try {
        // Raw bytes, not JSON: a file can be far bigger than a JSON request may be.
        response = await fetchFn('/upload', {
          method: 'POST',
          headers: { 'Content-Type': 'application/octet-stream', [TOKEN_HEADER]: token, 'X-File-Name': encodeURIComponent(fileName) },
          body: data,
        });
      } catch {
        return failure(UNREACHABLE);
      }
      const body = await readJson(response);
      return asReceiptResult(body) ?? failure(`The browser host answered (${response.status}) with something Field Coder could not read.`);
    },
    async uploadMany(files) {
      let response: Response;
      try {
        // The bytes one after another; X-Files says where each ends (web-host.ts).
        const list = files.map((f) => ({ name: f.fileName, size: f.data.byteLength }));
        response = await fetchFn('/upload', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/octet-stream',
            [TOKEN_HEADER]: token,
            'X-Files': encodeURIComponent(JSON.stringify(list)),
          },
          body: new Blob(files.map((f) => f.data)),
        });
      } catch {
        return failure(UNREACHABLE);
      }
      const body = await readJson(response);
      return (
        asReceiptsResult(body, files.length) ??
        failure(`The browser host answered (${response.status}) with something Field Coder could not read.`)
      );
    },
  };
}

/**
 * Takes the token out of the address bar (so it is not bookmarked, shared or left in history)
 * and keeps it in sessionStorage, which survives a reload of this tab but not the browser.
 */
function takeToken(): string {
  const fromFragment = tokenFromFragment(window.location.hash);
  if (fromFragment) {
    try {
      sessionStorage.setItem(TOKEN_STORAGE_KEY, fromFragment);
    } catch {
      // Storage can be disabled; the token then lasts as long as this page.
    }
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    return fromFragment;
  }
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

let chosen: Transport | undefined;

/** The transport for this page, chosen on first use. Call it once at start to take the token. */
export function transport(): Transport {
  chosen ??= window.fieldCoder ? bridgeTransport(window.fieldCoder) : httpTransport(takeToken());
  return chosen;
}
