// The sandboxed preload: the renderer's only door to the main process. It exposes one
// function, `fieldCoder.call`, and forwards only the calls named in the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PREFIX, UPLOAD_CHANNEL } from './ipc-channel.js';

/** The contract's method names, filled in at build time (scripts/build-node.mjs). */
declare const __FIELD_CODER_METHODS__: string[];
const allowed = new Set<string>(__FIELD_CODER_METHODS__);

contextBridge.exposeInMainWorld('fieldCoder', {
  call(method: unknown, input: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !allowed.has(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_call', message: `Unknown call: ${String(method).slice(0, 80)}` } });
    }
    return ipcRenderer.invoke(`${IPC_PREFIX}${method}`, input);
  },
  upload(fileName: unknown, data: unknown): Promise<unknown> {
    // Realm-independent: contextBridge hands over a copy made in this world.
    if (typeof fileName !== 'string' || Object.prototype.toString.call(data) !== '[object ArrayBuffer]') {
      return Promise.resolve({ ok: false, error: { code: 'bad_request', message: 'An upload is a file name and its bytes.' } });
    }
    return ipcRenderer.invoke(UPLOAD_CHANNEL, fileName, data);
  },
});
