// `npm run bench`: Field Coder against the physical limit of this machine (raw better-sqlite3
// inserts and an FTS5 build of the same bytes), through the same API the UI uses: in-process
// (dispatch) and over the browser host's HTTP transport. Prints a table and writes
// bench/results/<date>-<size>.json. Sizes: S (the shared peer workload); M and L come with
// the generator (issue 7).
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers } from '../electron/api/handlers.js';
import type { Handlers, Method } from '../electron/api/contract.js';
import { dispatch } from '../electron/api/dispatch.js';
import { Session } from '../electron/app/session.js';
import { packageRoot } from '../electron/core/paths.js';
import { startWebHost, TOKEN_HEADER } from '../electron/host/web-host.js';
import { summarize, time, watchRss, type Summary } from './stats.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: 'S' } } });
if (values.size !== 'S') {
  console.error(`Size ${values.size} is not built yet: the M and L generators come with the bench issue. Run with --size S.`);
  process.exit(1);
}

const corpus = join(packageRoot(), '..', 'shared', 'bench-corpus');
const plan = JSON.parse(readFileSync(join(corpus, 'peer-20x5000.plan.json'), 'utf8')) as {
  codes: string[];
  excerpts: { file: string; start: number; end: number; codes: string[]; text: string }[];
};
const files = readdirSync(join(corpus, 'peer-20x5000'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, bytes: readFileSync(join(corpus, 'peer-20x5000', f)) }));
const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);

const work = mkdtempSync(join(tmpdir(), 'fc-bench-'));
const stopRss = watchRss();
const results: Record<string, unknown> = {};

type Caller = <M extends Method>(method: M, input: unknown) => Promise<unknown>;

function inProcess(handlers: Handlers): Caller {
  return async (method, input) => {
    const r = await dispatch(handlers, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
}

/** The physical limit: the same bytes inserted raw, then an FTS5 index built over them. */
function physicalLimit(): { insertMs: number; ftsMs: number; totalMs: number } {
  const db = new Database(join(work, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    "CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT); CREATE VIRTUAL TABLE f USING fts5(body, content='t', content_rowid='id', tokenize='unicode61 remove_diacritics 2');",
  );
  const texts = files.map((f) => f.bytes.toString('utf8'));
  const t0 = performance.now();
  const ins = db.prepare('INSERT INTO t(body) VALUES (?)');
  db.transaction(() => texts.forEach((t) => ins.run(t)))();
  const t1 = performance.now();
  db.exec("INSERT INTO f(f) VALUES ('rebuild')");
  const t2 = performance.now();
  db.close();
  return { insertMs: t1 - t0, ftsMs: t2 - t1, totalMs: t2 - t0 };
}

async function workload(
  label: string,
  call: Caller,
  upload: (name: string, bytes: Uint8Array) => Promise<string>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  await call('project.create', { name: `bench-${label}` });

  const [docIds, importMs] = await time(async () => {
    const ids = new Map<string, string>();
    for (const f of files) {
      const uploadId = await upload(f.name, f.bytes);
      const r = (await call('documents.import', { uploadId, kind: 'interview' })) as {
        status: string;
        message: string;
        document: { id: string };
      };
      if (r.status !== 'imported') throw new Error(`${f.name}: ${r.message}`);
      ids.set(f.name, r.document.id);
    }
    return ids;
  });
  out.import = { files: files.length, ms: importMs, mbPerS: totalBytes / 1024 / 1024 / (importMs / 1000) };

  const codeIds = new Map<string, string>();
  for (const c of plan.codes) codeIds.set(c, ((await call('codes.create', { name: c })) as { id: string }).id);

  const samples: number[] = [];
  for (const e of plan.excerpts) {
    const input = { documentId: docIds.get(e.file)!, start: e.start, end: e.end, codeIds: e.codes.map((c) => codeIds.get(c)!) };
    const [ex, ms] = await time(() => call('excerpts.create', input));
    if ((ex as { text: string }).text !== e.text) throw new Error(`excerpt text differs for ${e.file}@${e.start}`);
    samples.push(ms);
  }
  out.createExcerpt = summarize(samples);

  const oneCode = codeIds.get(plan.codes[0]!)!;
  const listOne: number[] = [];
  const listAll: number[] = [];
  for (let i = 0; i < 20; i++) {
    listOne.push((await time(() => call('excerpts.list', { codeId: oneCode })))[1]);
    listAll.push((await time(() => call('excerpts.list', {})))[1]);
  }
  out.listExcerptsOneCode = summarize(listOne);
  out.listExcerptsAll = summarize(listAll);

  const queries = ['water', 'people', '"most water"', 'sol*', 'exmoancon', 'called AND one', 'people NOT water', 'thе'];
  const searchSamples: number[] = [];
  for (let i = 0; i < 10; i++) for (const q of queries) searchSamples.push((await time(() => call('search.query', { q, limit: 50 })))[1]);
  out.search = summarize(searchSamples);

  // Export of all coded excerpts, as the excerpts table's CSV would be made from the API.
  const [, exportMs] = await time(async () => {
    const all = (await call('excerpts.list', {})) as {
      documentTitle: string;
      start: number;
      end: number;
      text: string;
      codeIds: string[];
    }[];
    return all.map((x) => [x.documentTitle, x.start, x.end, JSON.stringify(x.text), x.codeIds.join(';')].join(',')).join('\n');
  });
  out.exportCodedExcerpts = { ms: exportMs };
  return out;
}

// In-process: the handlers the Electron window and the browser host use, without a transport.
const session = new Session(join(work, 'home-inproc'));
results.inProcess = await workload(
  'inproc',
  inProcess(createHandlers(session, 'web')),
  async (name, bytes) => session.uploads.add(name, bytes).uploadId,
);
session.closeProject();

// Over HTTP: the browser host, one call at a time, as a person works.
const httpSession = new Session(join(work, 'home-http'));
mkdirSync(join(work, 'static'));
writeFileSync(join(work, 'static', 'index.html'), '');
const host = await startWebHost({
  handlers: createHandlers(httpSession, 'web'),
  upload: (n, b) => httpSession.uploads.add(n, b),
  staticDir: join(work, 'static'),
});
const base = `http://127.0.0.1:${host.port}`;
const httpCall: Caller = async (method, input) => {
  const res = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify(input),
  });
  const r = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error!.message}`);
  return r.value;
};
const httpUpload = async (name: string, bytes: Uint8Array): Promise<string> => {
  const res = await fetch(`${base}/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), [TOKEN_HEADER]: host.token },
    body: new Uint8Array(bytes),
  });
  return ((await res.json()) as { value: { uploadId: string } }).value.uploadId;
};
results.http = await workload('http', httpCall, httpUpload);
httpSession.closeProject();
await host.close();

const limit = physicalLimit();
results.physicalLimit = { ...limit, mbPerS: totalBytes / 1024 / 1024 / (limit.totalMs / 1000) };
results.peakRssMb = stopRss();
rmSync(work, { recursive: true, force: true });

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? '',
  memGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: process.platform,
};
const inproc = results.inProcess as Record<string, Summary & { ms: number; mbPerS: number }>;
const http = results.http as typeof inproc;
const f = (n: number): string => n.toFixed(n < 10 ? 2 : 1);
const rows: [string, string, string, string][] = [
  ['measure', 'in-process', 'HTTP', 'target'],
  ['import 20 files (ms)', f(inproc.import!.ms), f(http.import!.ms), '≤ 100'],
  [
    'import MB/s (vs raw limit)',
    `${f(inproc.import!.mbPerS)} (${f((100 * inproc.import!.mbPerS) / (results.physicalLimit as { mbPerS: number }).mbPerS)}%)`,
    f(http.import!.mbPerS),
    '≥ 40% (L)',
  ],
  ['create excerpt p50 (ms)', f(inproc.createExcerpt!.p50), f(http.createExcerpt!.p50), '≤ 0.2 / ≤ 1'],
  [
    'create excerpt p95 / max (ms)',
    `${f(inproc.createExcerpt!.p95)} / ${f(inproc.createExcerpt!.max)}`,
    `${f(http.createExcerpt!.p95)} / ${f(http.createExcerpt!.max)}`,
    '',
  ],
  ['list excerpts, one code p50 (ms)', f(inproc.listExcerptsOneCode!.p50), f(http.listExcerptsOneCode!.p50), ''],
  ['list excerpts, all p50 (ms)', f(inproc.listExcerptsAll!.p50), f(http.listExcerptsAll!.p50), ''],
  [
    'search p50 / p95 (ms)',
    `${f(inproc.search!.p50)} / ${f(inproc.search!.p95)}`,
    `${f(http.search!.p50)} / ${f(http.search!.p95)}`,
    'p95 ≤ 30 (L)',
  ],
  ['export coded excerpts (ms)', f(inproc.exportCodedExcerpts!.ms), f(http.exportCodedExcerpts!.ms), '≤ 100'],
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`\nField Coder bench, size S — ${machine.cpus} × ${machine.cpu}, Node ${machine.node}`);
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
console.log(
  `physical limit: raw insert ${f(limit.insertMs)} ms + FTS5 build ${f(limit.ftsMs)} ms for ${(totalBytes / 1024 / 1024).toFixed(2)} MB`,
);
console.log(`peak RSS: ${f(results.peakRssMb as number)} MB`);

const outDir = join(packageRoot(), 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const out = join(outDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-S.json`);
writeFileSync(out, JSON.stringify({ size: 'S', machine, bytes: totalBytes, results }, null, 2));
console.log(`written: ${out}`);
