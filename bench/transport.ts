// The two ways the UI reaches the API, as the bench drives them, one call at a time: in-process
// (dispatch, what the Electron window's IPC ends in) and the browser host's HTTP. The host runs
// in a process of its own, as it does for a browser, so its peak RSS is the app's alone and
// not the bench's bookkeeping.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Input, Method, Output } from '../electron/api/contract.js';
import { dispatch } from '../electron/api/dispatch.js';
import { createHandlers } from '../electron/api/handlers.js';
import { Session } from '../electron/app/session.js';
import { startWebHost, TOKEN_HEADER } from '../electron/host/web-host.js';
import { peakRssMb } from './stats.js';

export type TransportName = 'inProcess' | 'http';

export interface Transport {
  name: TransportName;
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  upload(fileName: string, bytes: Uint8Array): Promise<string>;
  /** A group of files, as the UI's import sends them: one request over HTTP, one by one in-process (IPC). */
  uploadMany(files: { name: string; bytes: Uint8Array }[]): Promise<string[]>;
  /** Where `projects.list` finds projects: copy a file here to open it through this transport. */
  libraryDir: string;
}

export function inProcessTransport(session: Session): Transport {
  const handlers = createHandlers(session, 'web');
  return {
    name: 'inProcess',
    call: async (method, input) => {
      const r = await dispatch(handlers, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as never;
    },
    upload: async (name, bytes) => session.uploads.add(name, bytes).uploadId,
    uploadMany: async (files) => files.map((f) => session.uploads.add(f.name, f.bytes).uploadId),
    libraryDir: session.libraryDir,
  };
}

/** `bench.js --host <dir>`: the browser host over a session in `dir`, until SIGTERM. */
export async function serveHost(dataDir: string): Promise<void> {
  const session = new Session(dataDir);
  const staticDir = join(dataDir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '');
  const host = await startWebHost({
    handlers: createHandlers(session, 'web'),
    uploads: session.uploads,
    staticDir,
  });
  // The bench's own process blocks its event loop for seconds during in-process phases; when it
  // frees up, fetch may reuse a kept-alive socket just as the host's 5 s idle timer closes it
  // (ECONNRESET). A longer idle time changes nothing that is measured.
  host.server.keepAliveTimeout = 10 * 60_000;
  process.on('SIGTERM', () => {
    session.closeProject();
    void host.close().then(() => {
      process.stdout.write(`${JSON.stringify({ peakRssMb: peakRssMb() })}\n`);
      process.exit(0);
    });
  });
  process.stdout.write(`${JSON.stringify({ port: host.port, token: host.token, libraryDir: session.libraryDir })}\n`);
}

export interface HostTransport extends Transport {
  /** The host's peak RSS so far in MB, where /proc says (Linux); NaN elsewhere. */
  peakRssSoFar(): number;
  /** Stops the host and answers its peak RSS in MB. */
  stop(): Promise<number>;
  /** Ends the host at once, after a failure. */
  kill(): void;
}

export async function hostTransport(dataDir: string): Promise<HostTransport> {
  const child = spawn(process.execPath, [process.argv[1]!, '--host', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error('the browser host did not start');
  const { port, token, libraryDir } = JSON.parse(first.value as string) as { port: number; token: string; libraryDir: string };
  const base = `http://127.0.0.1:${port}`;
  return {
    name: 'http',
    libraryDir,
    call: async (method, input) => {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input),
      });
      const r = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!r.ok) throw new Error(`${method}: ${r.error!.message}`);
      return r.value as never;
    },
    upload: async (name, bytes) => {
      const res = await fetch(`${base}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), [TOKEN_HEADER]: token },
        body: new Uint8Array(bytes),
      });
      const r = (await res.json()) as { ok: boolean; value?: { uploadId: string }; error?: { message: string } };
      if (!r.ok) throw new Error(`upload: ${r.error!.message}`);
      return r.value!.uploadId;
    },
    uploadMany: async (files) => {
      const list = files.map((f) => ({ name: f.name, size: f.bytes.length }));
      const res = await fetch(`${base}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-files': encodeURIComponent(JSON.stringify(list)), [TOKEN_HEADER]: token },
        body: Buffer.concat(files.map((f) => f.bytes)),
      });
      const r = (await res.json()) as { ok: boolean; value?: { uploadId: string }[]; error?: { message: string } };
      if (!r.ok) throw new Error(`upload: ${r.error!.message}`);
      return r.value!.map((v) => v.uploadId);
    },
    peakRssSoFar: () => {
      try {
        const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return kb ? Number(kb) / 1024 : NaN;
      } catch {
        return NaN;
      }
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    stop: async () => {
      child.kill('SIGTERM');
      const last = await lines.next();
      return last.done ? NaN : (JSON.parse(last.value as string) as { peakRssMb: number }).peakRssMb;
    },
  };
}
