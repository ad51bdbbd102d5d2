// The built preload, run as Electron runs it (CommonJS, sandboxed: only `electron` to require),
// with a recording stand-in for Electron's modules because the binary cannot run here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../api/contract.js';
import { packageRoot } from '../core/paths.js';
import { isAllowedUrl, secureWebPreferences } from './security.js';

function loadPreload() {
  const exposed: Record<string, unknown> = {};
  const invoked: [string, unknown][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => (invoked.push([channel, input]), Promise.resolve({ ok: true, value: null })),
    },
  };
  const code = readFileSync(join(packageRoot(), 'dist', 'electron', 'preload.cjs'), 'utf8');
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (id: string) => {
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    },
  });
  return { exposed, invoked };
}

describe('preload (built)', () => {
  it('exposes one object with one function, and forwards exactly the contract calls', async () => {
    const { exposed, invoked } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['fieldCoder']);
    const api = exposed.fieldCoder as { call: (m: unknown, i: unknown) => Promise<unknown> };
    expect(Object.keys(api)).toEqual(['call', 'upload']);
    for (const m of METHODS) await api.call(m, {});
    expect(invoked.map(([c]) => c)).toEqual(METHODS.map((m) => `fc:${m}`));
  });

  it('sends uploads as a name and raw bytes on their own channel', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed.fieldCoder as { upload: (n: unknown, d: unknown) => Promise<unknown> };
    const data = new ArrayBuffer(4);
    await api.upload('a.txt', data);
    expect(invoked).toEqual([['fc-upload', 'a.txt']]);
    expect(await api.upload('a.txt', 'not bytes')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(invoked).toHaveLength(1);
  });

  it('refuses anything else without touching IPC', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed.fieldCoder as { call: (m: unknown, i: unknown) => Promise<unknown> };
    for (const m of ['shell.openExternal', '__proto__', 'fc:app.info', 42]) {
      expect(await api.call(m, {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    }
    expect(invoked).toEqual([]);
  });
});

describe('window security settings', () => {
  it('isolate and sandbox the renderer, without Node or webviews', () => {
    const prefs = secureWebPreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('allow only local content', () => {
    expect(isAllowedUrl('file:///app/index.html')).toBe(true);
    for (const u of ['https://example.org/', 'http://127.0.0.1:1/', 'data:text/html,x', 'ftp://x']) expect(isAllowedUrl(u)).toBe(false);
  });

  it('the renderer page carries a strict CSP', () => {
    const html = readFileSync(join(packageRoot(), 'renderer', 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });
});
