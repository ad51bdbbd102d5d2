import { describe, expect, it } from 'vitest';
import type { Result } from '../../../electron/api/contract';
import { ApiError, createClient } from './client';
import { bridgeTransport, httpTransport, isResult, tokenFromFragment, type Transport } from './transport';

describe('tokenFromFragment', () => {
  it('reads the browser host’s token', () => {
    expect(tokenFromFragment('#token=0a1b2c')).toBe('0a1b2c');
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#/framework')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
  });
});

describe('isResult', () => {
  it('accepts the two Result shapes only', () => {
    expect(isResult({ ok: true, value: null })).toBe(true);
    expect(isResult({ ok: false, error: { code: 'locked', message: 'x' } })).toBe(true);
    expect(isResult({ ok: true })).toBe(false);
    expect(isResult({ ok: false, error: 'x' })).toBe(false);
    expect(isResult('Not found')).toBe(false);
  });
});

describe('httpTransport', () => {
  it('POSTs JSON with the token and reads the Result whatever the status', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ ok: false, error: { code: 'no_project', message: 'Open a project first.' } }), { status: 422 });
    }) as typeof fetch;
    const result = await httpTransport('abc', fakeFetch).call('framework.get', {});
    expect(result).toEqual({ ok: false, error: { code: 'no_project', message: 'Open a project first.' } });
    expect(seen[0]?.url).toBe('/api/framework.get');
    expect(seen[0]?.init?.method).toBe('POST');
    expect(seen[0]?.init?.headers).toEqual({ 'Content-Type': 'application/json', 'X-Field-Coder-Token': 'abc' });
    expect(seen[0]?.init?.body).toBe('{}');
  });

  it('turns an unreadable answer or a network failure into a readable error', async () => {
    const notJson = (async () => new Response('Not found', { status: 404 })) as unknown as typeof fetch;
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const a = await httpTransport('t', notJson).call('app.info', {});
    const b = await httpTransport('t', down).call('app.info', {});
    expect(a.ok).toBe(false);
    expect(b.ok).toBe(false);
    if (!a.ok && !b.ok) {
      expect(a.error.message).toContain('404');
      expect(b.error.message).not.toContain('TypeError');
    }
  });
});

describe('bridgeTransport', () => {
  it('passes calls to the preload and survives a rejected IPC call', async () => {
    const ok = bridgeTransport({ call: async (method) => ({ ok: true, value: method }) });
    expect(await ok.call('app.info', {})).toEqual({ ok: true, value: 'app.info' });
    const broken = bridgeTransport({ call: () => Promise.reject(new Error('ipc gone')) });
    expect((await broken.call('app.info', {})).ok).toBe(false);
  });
});

describe('createClient', () => {
  const fixed = (result: Result<unknown>): Transport => ({ call: async () => result });

  it('returns the value of a successful call', async () => {
    const api = createClient(() => fixed({ ok: true, value: null }));
    await expect(api.call('project.current', {})).resolves.toBeNull();
  });

  it('throws an ApiError with the host’s code and message', async () => {
    const api = createClient(() => fixed({ ok: false, error: { code: 'exists', message: 'A project with that name already exists.' } }));
    const err = await api.call('project.create', { name: 'Tajikistan' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('exists');
    expect((err as ApiError).message).toBe('A project with that name already exists.');
  });
});
