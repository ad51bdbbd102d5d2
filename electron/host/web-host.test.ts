// The boundary, through the real HTTP host: malformed, oversized and unknown calls are refused;
// calls without the token, from another Origin or with a foreign Host are refused.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_GROUP_FILES, MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES } from '../api/contract.js';
import { createHandlers } from '../api/handlers.js';
import { Session } from '../app/session.js';
import { tempDir } from '../test-support/tmp.js';
import { TOKEN_HEADER, startWebHost, type WebHost } from './web-host.js';

const dir = tempDir();
let host: WebHost;
let session: Session;

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'POST', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const good = (): Record<string, string> => ({
  'content-type': 'application/json',
  [TOKEN_HEADER]: host.token,
  host: `127.0.0.1:${host.port}`,
});
const call = (method: string, input: unknown, headers: Record<string, string> = good()) =>
  send(`/api/${method}`, { headers, body: JSON.stringify(input) });
const errorCode = (r: Reply): string => (JSON.parse(r.body) as { error: { code: string } }).error.code;

beforeAll(async () => {
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Field Coder</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
  session = new Session(join(dir, 'data'));
  host = await startWebHost({
    handlers: createHandlers(session, 'web'),
    uploads: session.uploads,
    staticDir,
    log: () => {},
  });
});
afterAll(async () => {
  session.closeProject();
  await host.close();
});

describe('browser host: the happy path', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('serves the renderer with a strict CSP', async () => {
    const r = await send('/', { method: 'GET', headers: { host: `127.0.0.1:${host.port}` } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('Field Coder');
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(r.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });

  it('creates and opens projects through the contract', async () => {
    const created = await call('project.create', { name: 'Fieldwork 2016' });
    expect(created.status).toBe(200);
    const summary = JSON.parse(created.body) as { ok: true; value: { name: string; handle: string; counts: { codes: number } } };
    expect(summary.value.name).toBe('Fieldwork 2016');
    expect(summary.value.counts.codes).toBe(13);
    const fw = JSON.parse((await call('framework.get', {})).body) as { value: { periods: unknown[] } };
    expect(fw.value.periods).toHaveLength(4);
    const list = JSON.parse((await call('projects.list', {})).body) as { value: { handle: string; isOpen: boolean }[] };
    expect(list.value.find((e) => e.handle === summary.value.handle)?.isOpen).toBe(true);
    // the renderer never sees a path
    expect(created.body).not.toContain(dir);
  });
});

describe('browser host: refusals', () => {
  it('refuses a call without the token', async () => {
    const { [TOKEN_HEADER]: _omit, ...noToken } = good();
    const r = await call('app.info', {}, noToken);
    expect(r.status).toBe(401);
    expect(errorCode(r)).toBe('unauthorized');
  });

  it('refuses a wrong token of the same length', async () => {
    const r = await call('app.info', {}, { ...good(), [TOKEN_HEADER]: host.token.replace(/./g, '0') });
    expect(r.status).toBe(401);
  });

  it('refuses a call from another Origin, even with the token', async () => {
    const r = await call('app.info', {}, { ...good(), origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(errorCode(r)).toBe('unauthorized');
  });

  it('refuses a cross-site fetch', async () => {
    const r = await call('app.info', {}, { ...good(), 'sec-fetch-site': 'cross-site' });
    expect(r.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding), for pages and calls', async () => {
    expect((await call('app.info', {}, { ...good(), host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await send('/', { method: 'GET', headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('accepts its own Origin', async () => {
    const r = await call('app.info', {}, { ...good(), origin: `http://127.0.0.1:${host.port}` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { host: 'web', dialogs: false } });
  });

  it('refuses unknown calls, including prototype names', async () => {
    for (const m of ['no.such.call', '__proto__', 'constructor', 'toString']) {
      const r = await call(m, {});
      expect(r.status, m).toBe(404);
      expect(errorCode(r)).toBe('unknown_call');
    }
  });

  it('refuses malformed JSON and input that does not match the contract', async () => {
    const bad = await send('/api/project.create', { headers: good(), body: '{"name": ' });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('bad_request');
    for (const input of [
      {},
      { name: 42 },
      { name: '' },
      { name: '../../etc/passwd' },
      { name: 'ok', extra: 1 },
      { name: 'x'.repeat(121) },
    ]) {
      const r = await call('project.create', input);
      expect(r.status, JSON.stringify(input)).toBe(400);
      expect(errorCode(r)).toBe('bad_request');
    }
    const h = await call('project.open', { handle: '../../etc/passwd' });
    expect(errorCode(h)).toBe('bad_request');
  });

  it('refuses oversized requests without reading them whole', async () => {
    const big = JSON.stringify({ json: 'x'.repeat(MAX_REQUEST_BYTES + 10) });
    const r = await send('/api/framework.importTemplate', { headers: good(), body: big });
    expect(r.status).toBe(413);
    expect(errorCode(r)).toBe('too_large');
  });

  it('refuses non-JSON content types and non-POST calls', async () => {
    expect((await send('/api/app.info', { headers: { ...good(), 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await send('/api/app.info', { method: 'GET', headers: good() })).status).toBe(405);
  });

  it('serves nothing outside its static folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const r = await send(p, { method: 'GET', headers: { host: `127.0.0.1:${host.port}` } });
      expect(r.status, p).not.toBe(200);
      expect(r.body).not.toContain('outside the static folder');
    }
  });

  it('answers errors as typed values, never stack traces', async () => {
    await call('project.close', {});
    const r = await call('framework.get', {});
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'no_project', message: expect.any(String) } });
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
    const dialogs = await call('project.openDialog', {});
    expect(errorCode(dialogs)).toBe('unsupported');
  });
});

describe('browser host: uploads', () => {
  const uploadHeaders = (name: string): Record<string, string> => ({
    ...good(),
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent(name),
  });

  it('takes raw bytes with the token, and an import call names the upload', async () => {
    await call('project.create', { name: 'Uploads' });
    const text = 'Интервью: the border at Panji Poyon.';
    const up = await send('/upload', { headers: uploadHeaders('интервью 1.txt'), body: Buffer.from(text) });
    expect(up.status).toBe(200);
    const { uploadId, size } = (JSON.parse(up.body) as { value: { uploadId: string; size: number } }).value;
    expect(size).toBe(Buffer.byteLength(text));
    const imported = JSON.parse((await call('documents.import', { uploadId, kind: 'interview' })).body) as {
      value: { status: string; document: { title: string; kind: string } };
    };
    expect(imported.value).toMatchObject({ status: 'imported', document: { title: 'интервью 1', kind: 'interview' } });
    // an upload is used once
    expect(errorCode(await call('documents.import', { uploadId }))).toBe('not_found');
  });

  it('refuses uploads without the token, from another origin, as JSON, or too large', async () => {
    const { [TOKEN_HEADER]: _omit, ...noToken } = uploadHeaders('a.txt');
    expect((await send('/upload', { headers: noToken, body: 'x' })).status).toBe(401);
    expect((await send('/upload', { headers: { ...uploadHeaders('a.txt'), origin: 'http://evil.example' }, body: 'x' })).status).toBe(403);
    expect((await send('/upload', { headers: { ...uploadHeaders('a.txt'), 'content-type': 'application/json' }, body: 'x' })).status).toBe(
      415,
    );
    const big = await send('/upload', {
      headers: { ...uploadHeaders('big.txt'), 'content-length': String(MAX_UPLOAD_BYTES + 1) },
      body: 'x',
    });
    expect(big.status).toBe(413);
    expect(errorCode(big)).toBe('too_large');
  });

  it('keeps only the base name of an uploaded file', async () => {
    const up = await send('/upload', { headers: uploadHeaders('../../etc/passwd'), body: 'root:x:0:0' });
    const { uploadId } = (JSON.parse(up.body) as { value: { uploadId: string } }).value;
    const imported = JSON.parse((await call('documents.import', { uploadId })).body) as { value: { fileName: string } };
    expect(imported.value.fileName).toBe('passwd');
  });

  it('takes several files in one request, split by the sizes listed, and refuses a list that does not fit', async () => {
    const manyHeaders = (list: unknown): Record<string, string> => ({
      ...good(),
      'content-type': 'application/octet-stream',
      'x-files': encodeURIComponent(JSON.stringify(list)),
    });
    const texts = ['First interview: fuel at the post.', 'Второе интервью.', ''];
    const names = ['one.txt', 'два.txt', 'empty.txt'];
    const list = texts.map((t, i) => ({ name: names[i], size: Buffer.byteLength(t) }));
    const up = await send('/upload', { headers: manyHeaders(list), body: Buffer.concat(texts.map((t) => Buffer.from(t))) });
    expect(up.status).toBe(200);
    const receipts = (JSON.parse(up.body) as { value: { uploadId: string; size: number }[] }).value;
    expect(receipts.map((r) => r.size)).toEqual(list.map((f) => f.size));
    const outcomes = JSON.parse((await call('documents.importMany', { uploadIds: receipts.slice(0, 2).map((r) => r.uploadId) })).body) as {
      value: { status: string; document: { title: string; charCount: number } }[];
    };
    expect(outcomes.value.map((o) => [o.status, o.document.title, o.document.charCount])).toEqual([
      ['imported', 'one', texts[0]!.length],
      ['imported', 'два', texts[1]!.length],
    ]);

    const refused = async (headers: Record<string, string>, body: string | Buffer, code: string, status: number) => {
      const r = await send('/upload', { headers, body });
      expect(r.status).toBe(status);
      expect(errorCode(r)).toBe(code);
    };
    // Sizes that do not add up to the body, either way; a list that is not one; too many files.
    await refused(manyHeaders([{ name: 'a.txt', size: 3 }]), 'abcd', 'bad_request', 400);
    await refused(manyHeaders([{ name: 'a.txt', size: 5 }]), 'abcd', 'bad_request', 400);
    await refused(manyHeaders([{ name: 'a.txt', size: -1 }]), '', 'bad_request', 400);
    await refused(manyHeaders([{ name: 'a.txt', size: 1.5 }]), 'a', 'bad_request', 400);
    await refused(manyHeaders({ name: 'a.txt', size: 1 }), 'a', 'bad_request', 400);
    await refused(manyHeaders([]), '', 'bad_request', 400);
    await refused({ ...manyHeaders([]), 'x-files': '%E0%A4%A' }, '', 'bad_request', 400);
    await refused(
      manyHeaders(Array.from({ length: IMPORT_GROUP_FILES + 1 }, (_, i) => ({ name: `${i}.txt`, size: 1 }))),
      'x'.repeat(IMPORT_GROUP_FILES + 1),
      'bad_request',
      400,
    );
    // A bad name among good ones: none is taken.
    await refused(
      manyHeaders([
        { name: 'good.txt', size: 1 },
        { name: 'bad\u0001.txt', size: 1 },
      ]),
      'ab',
      'bad_request',
      400,
    );
    // The token and origin checks of every upload.
    const { [TOKEN_HEADER]: _omit, ...noToken } = manyHeaders(list);
    await refused(noToken, 'x', 'unauthorized', 401);
    await refused({ ...manyHeaders(list), origin: 'http://evil.example' }, 'x', 'unauthorized', 403);
  });
});
