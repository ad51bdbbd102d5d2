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

describe('httpTransport.upload', () => {
  it('POSTs the raw bytes to /upload with the token and the encoded file name', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: { uploadId: 'a'.repeat(32), size: 3 } }));
    }) as typeof fetch;
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    const result = await httpTransport('abc', fakeFetch).upload('Интервью 1.docx', bytes);
    expect(result).toEqual({ ok: true, value: { uploadId: 'a'.repeat(32), size: 3 } });
    expect(seen[0]?.url).toBe('/upload');
    expect(seen[0]?.init?.method).toBe('POST');
    expect(seen[0]?.init?.headers).toEqual({
      'Content-Type': 'application/octet-stream',
      'X-Field-Coder-Token': 'abc',
      'X-File-Name': encodeURIComponent('Интервью 1.docx'),
    });
    expect(seen[0]?.init?.body).toBe(bytes);
  });

  it('passes the host’s refusal on and distrusts odd answers', async () => {
    const refused = (async () =>
      new Response(JSON.stringify({ ok: false, error: { code: 'too_large', message: 'Too big.' } }), {
        status: 413,
      })) as unknown as typeof fetch;
    const odd = (async () => new Response(JSON.stringify({ ok: true, value: { id: 1 } }))) as unknown as typeof fetch;
    expect(await httpTransport('t', refused).upload('a.txt', new ArrayBuffer(1))).toEqual({
      ok: false,
      error: { code: 'too_large', message: 'Too big.' },
    });
    expect((await httpTransport('t', odd).upload('a.txt', new ArrayBuffer(1))).ok).toBe(false);
  });
});

describe('bridgeTransport', () => {
  const noUpload = async () => ({ ok: false as const, error: { code: 'unsupported' as const, message: 'x' } });

  it('passes calls to the preload and survives a rejected IPC call', async () => {
    const ok = bridgeTransport({ call: async (method) => ({ ok: true, value: method }), upload: noUpload });
    expect(await ok.call('app.info', {})).toEqual({ ok: true, value: 'app.info' });
    const broken = bridgeTransport({ call: () => Promise.reject(new Error('ipc gone')), upload: noUpload });
    expect((await broken.call('app.info', {})).ok).toBe(false);
  });

  it('passes uploads to the preload', async () => {
    const names: string[] = [];
    const bridge = bridgeTransport({
      call: noUpload,
      upload: async (fileName) => {
        names.push(fileName);
        return { ok: true, value: { uploadId: 'b'.repeat(32), size: 1 } };
      },
    });
    expect(await bridge.upload('notes.md', new ArrayBuffer(1))).toEqual({ ok: true, value: { uploadId: 'b'.repeat(32), size: 1 } });
    expect(names).toEqual(['notes.md']);
    const broken = bridgeTransport({ call: noUpload, upload: () => Promise.reject(new Error('ipc gone')) });
    expect((await broken.upload('a', new ArrayBuffer(0))).ok).toBe(false);
  });
});

describe('createClient', () => {
  const fixed = (result: Result<unknown>): Transport => ({
    call: async () => result,
    upload: async () => (result.ok ? { ok: true, value: result.value as { uploadId: string; size: number } } : result),
  });

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

  it('uploads a File’s bytes and throws the host’s refusal', async () => {
    const receipt = { uploadId: 'c'.repeat(32), size: 5 };
    const api = createClient(() => fixed({ ok: true, value: receipt }));
    await expect(api.upload(new File(['hello'], 'a.txt'))).resolves.toEqual(receipt);
    const refusing = createClient(() => fixed({ ok: false, error: { code: 'too_large', message: 'Too big.' } }));
    await expect(refusing.upload(new File(['x'], 'big.pdf'))).rejects.toBeInstanceOf(ApiError);
  });

  it('uploads several files in one request where the transport can, one by one where it cannot, naming each unreadable file', async () => {
    const unreadable = new File(['x'], 'gone.txt');
    Object.defineProperty(unreadable, 'arrayBuffer', { value: () => Promise.reject(new Error('NotFoundError')) });
    const files = [new File(['hello'], 'a.txt'), unreadable, new File(['привет'], 'b.txt')];
    const requests: { url: string; headers: Record<string, string>; body: string }[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      requests.push({ url, headers: init?.headers as Record<string, string>, body: await new Response(init?.body).text() });
      const list = JSON.parse(decodeURIComponent((init?.headers as Record<string, string>)['X-Files']!)) as { size: number }[];
      return new Response(JSON.stringify({ ok: true, value: list.map((f, i) => ({ uploadId: `u${i}`, size: f.size })) }));
    }) as typeof fetch;
    const viaHttp = await createClient(() => httpTransport('abc', fakeFetch)).uploadMany(files);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ url: '/upload', body: 'helloпривет' });
    expect(JSON.parse(decodeURIComponent(requests[0]!.headers['X-Files']!))).toEqual([
      { name: 'a.txt', size: 5 },
      { name: 'b.txt', size: 12 },
    ]);
    expect(viaHttp[0]).toEqual({ uploadId: 'u0', size: 5 });
    expect(viaHttp[1]).toBeInstanceOf(ApiError);
    expect((viaHttp[1] as ApiError).message).toContain('“gone.txt” could not be read');
    expect(viaHttp[2]).toEqual({ uploadId: 'u1', size: 12 });

    // Without uploadMany (the desktop app's IPC): one upload per file, the same answers.
    const names: string[] = [];
    const oneByOne: Transport = {
      call: async () => ({ ok: true, value: null }),
      upload: async (fileName, data) => {
        names.push(fileName);
        return { ok: true, value: { uploadId: fileName, size: data.byteLength } };
      },
    };
    const viaIpc = await createClient(() => oneByOne).uploadMany(files);
    expect(names).toEqual(['a.txt', 'b.txt']);
    expect(viaIpc.map((r) => (r instanceof ApiError ? 'error' : r.uploadId))).toEqual(['a.txt', 'error', 'b.txt']);

    // A refusal of the whole request refuses each file sent.
    const refusingFetch = (async () =>
      new Response(JSON.stringify({ ok: false, error: { code: 'too_large', message: 'Too many files are waiting.' } }), {
        status: 400,
      })) as typeof fetch;
    const refused = await createClient(() => httpTransport('abc', refusingFetch)).uploadMany(files);
    expect(refused.map((r) => (r instanceof ApiError ? r.message : 'ok'))).toEqual([
      'Too many files are waiting.',
      expect.stringContaining('could not be read'),
      'Too many files are waiting.',
    ]);
  });
});
