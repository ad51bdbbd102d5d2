// The browser host: the built renderer and the API contract over HTTP, for machines without
// the Electron binary and for Playwright. It answers only on 127.0.0.1, only to requests whose
// Host is itself (no DNS rebinding), only to its own Origin, and only with the per-launch token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { IMPORT_GROUP_FILES, MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES, type Handlers, type Result } from '../api/contract.js';
import { toErrorValue } from '../core/errors.js';
import { dispatch, type Logger } from '../api/dispatch.js';

export const TOKEN_HEADER = 'x-field-coder-token';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface WebHostOptions {
  handlers: Handlers;
  /**
   * Takes the raw bytes of uploaded files (POST /upload: one file, or several with an X-Files
   * header, all taken or none) and answers the ids an import call names (the session's UploadStore).
   * Several in one request because one request per file cost about 2 ms each, a third of a large
   * import's time.
   */
  uploads?: { addMany(files: { fileName: string; bytes: Uint8Array }[]): { uploadId: string; size: number }[] };
  staticDir: string;
  port?: number;
  token?: string;
  log?: Logger;
}

export interface WebHost {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: Result<unknown>): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(json);
}

const refuse = (
  res: ServerResponse,
  status: number,
  code: 'unauthorized' | 'bad_request' | 'unknown_call' | 'too_large',
  message: string,
): void => send(res, status, { ok: false, error: { code, message } });

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BadList extends Error {}

/** The X-Files list: 1 to IMPORT_GROUP_FILES entries of a name and a whole, non-negative size. */
function parseFileList(value: unknown): { name: string; size: number }[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > IMPORT_GROUP_FILES)
    throw new BadList(`Send from 1 to ${IMPORT_GROUP_FILES} files at once.`);
  return value.map((f: unknown) => {
    const { name, size } = (f ?? {}) as { name?: unknown; size?: unknown };
    if (typeof name !== 'string' || !Number.isSafeInteger(size) || (size as number) < 0)
      throw new BadList('Each file listed needs a name and a size in bytes.');
    return { name, size: size as number };
  });
}

/** Reads a body up to the limit; past it, stops reading and answers too_large. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return resolveBody('too_large');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        // Stop keeping bytes; the answer goes out and the connection is then closed.
        chunks.length = 0;
        resolveBody('too_large');
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const root = resolve(opts.staticDir);
  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = (): Set<string> => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** The checks every call and upload passes; false when it has already answered. */
  function admit(req: IncomingMessage, res: ServerResponse, contentType: string): boolean {
    const no = (status: number, code: 'unauthorized' | 'bad_request', message: string): false => {
      refuse(res, status, code, message);
      return false;
    };
    if (req.method !== 'POST') return no(405, 'bad_request', 'API calls are POST requests.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return no(403, 'unauthorized', 'Calls from another origin are refused.');
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return no(403, 'unauthorized', 'Cross-site calls are refused.');
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      return no(401, 'unauthorized', 'Missing or wrong access token. Open the address the host printed.');
    }
    if (!String(req.headers['content-type'] ?? '').startsWith(contentType)) return no(415, 'bad_request', `Expected ${contentType}.`);
    return true;
  }

  /** Answers too_large without reading the rest, then closes the connection. */
  function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
    res.setHeader('Connection', 'close');
    res.on('finish', () => req.destroy());
    send(res, 413, { ok: false, error: { code: 'too_large', message: `Request too large (the limit is ${limit} bytes).` } });
  }

  /**
   * Several files in one body, one after another; the X-Files header (URI-encoded JSON) lists
   * each one's name and size in bytes, in order, and the sizes must add up to the body.
   */
  async function handleUploadMany(
    req: IncomingMessage,
    res: ServerResponse,
    uploads: NonNullable<WebHostOptions['uploads']>,
    header: string,
  ): Promise<void> {
    let listed: { name: string; size: number }[];
    try {
      listed = parseFileList(JSON.parse(decodeURIComponent(header)));
    } catch (err) {
      return refuse(res, 400, 'bad_request', err instanceof BadList ? err.message : 'The list of files is not readable.');
    }
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    if (body === 'too_large') return tooLarge(req, res, MAX_UPLOAD_BYTES);
    if (listed.reduce((n, f) => n + f.size, 0) !== body.length)
      return refuse(res, 400, 'bad_request', 'The files sent do not add up to the sizes listed.');
    let at = 0;
    const files = listed.map(({ name, size }) => {
      const bytes = new Uint8Array(body.buffer, body.byteOffset + at, size);
      at += size;
      return { fileName: name, bytes };
    });
    try {
      send(res, 200, { ok: true, value: uploads.addMany(files) });
    } catch (err) {
      send(res, 400, { ok: false, error: toErrorValue(err) });
    }
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!admit(req, res, 'application/octet-stream')) return;
    const uploads = opts.uploads;
    if (!uploads) return refuse(res, 404, 'unknown_call', 'This host takes no uploads.');
    const list = req.headers['x-files'];
    if (typeof list === 'string') return handleUploadMany(req, res, uploads, list);
    let fileName: string;
    try {
      fileName = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
    } catch {
      return refuse(res, 400, 'bad_request', 'The file name is not readable.');
    }
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    if (body === 'too_large') return tooLarge(req, res, MAX_UPLOAD_BYTES);
    try {
      const [receipt] = uploads.addMany([{ fileName, bytes: new Uint8Array(body.buffer, body.byteOffset, body.length) }]);
      send(res, 200, { ok: true, value: receipt });
    } catch (err) {
      send(res, 400, { ok: false, error: toErrorValue(err) });
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (!admit(req, res, 'application/json')) return;
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (body === 'too_large') return tooLarge(req, res, MAX_REQUEST_BYTES);
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return refuse(res, 400, 'bad_request', 'The request body is not valid JSON.');
      }
    }
    const result = await dispatch(opts.handlers, method, input, opts.log);
    const status = result.ok
      ? 200
      : result.error.code === 'unknown_call'
        ? 404
        : result.error.code === 'bad_request'
          ? 400
          : result.error.code === 'internal'
            ? 500
            : 422;
    send(res, status, result);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.includes('\0')) {
      res.writeHead(400).end();
      return;
    }
    const file = rel === '/' ? join(root, 'index.html') : normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends its own Host.
    if (!allowedHosts().has(String(req.headers.host ?? ''))) {
      refuse(res, 403, 'unauthorized', 'Unexpected Host header.');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname === '/upload' || pathname.startsWith('/api/')) {
      const work = pathname === '/upload' ? handleUpload(req, res) : handleApi(req, res, pathname.slice('/api/'.length));
      work.catch((err: unknown) => {
        (opts.log ?? console.error)('browser host: request failed', err);
        if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'The host failed to answer.' } });
      });
      return;
    }
    serveStatic(req, res, pathname);
  });
  server.requestTimeout = 60_000;

  return new Promise((resolveHost, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolveHost({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            // A browser keeps connections alive; they must not hold the host open.
            server.closeAllConnections();
          }),
      });
    });
  });
}
