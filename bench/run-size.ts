// One size's run, in a process of its own (so peak RSS is that size's): set the project up,
// then every measure through both transports, the merge, and the physical limit.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import type { Code, DocumentRow } from '../electron/api/contract.js';
import { Session } from '../electron/app/session.js';
import { PROJECT_EXTENSION } from '../electron/project/format.js';
import { addAssessments, addCoders, addMemos, addReferences, openVocabulary } from './extras.js';
import { cachedProject, countsOf } from './generate.js';
import { CORPUS_DIR, SIZES, type SizeName } from './sizes.js';
import {
  createExcerpts,
  dailyBackupDone,
  exportCoded,
  importFiles,
  listExcerpts,
  matrixAndAgreement,
  memoDocx,
  mergeDiverged,
  physicalLimit,
  randomPlans,
  reopen,
  searchMix,
  type ExcerptPlan,
  type ImportFigures,
  type MergeFigures,
  type SourceFile,
} from './measures.js';
import { searchQueries } from './queries.js';
import { rng, type Rng } from './rng.js';
import { peakRssMb, repeat, summarize, time, type Summary } from './stats.js';
import { hostTransport, inProcessTransport, type HostTransport, type Transport, type TransportName } from './transport.js';

type WithWords = Summary & { words: number };

export interface TransportFigures {
  import: ImportFigures;
  createExcerpt: Summary;
  createExcerptShortest: WithWords;
  createExcerptLongest: WithWords;
  /** Walking every page of the code's excerpts; `firstPage` is the first page alone. */
  listOneCode: Summary & { rows: number; firstPage: Summary };
  listAll: Summary & { rows: number; firstPage: Summary };
  search: Summary & { slowest: { q: string; ms: number }[] };
  exportCoded: Summary & { rows: number; bytes?: number };
  open: Summary;
  /** The first open of the day: the open and the backup it starts in the background. */
  openWithDailyBackup: number;
  matrixAgreement: Summary & { cells: number };
  memoDocx: Summary & { citations: number; bytes: number; first: number };
  /** A call that does no work (app.info): what the transport alone costs per call. */
  emptyCall?: Summary;
}

export interface SizeResult {
  size: SizeName;
  seed: number;
  counts: Record<string, number>;
  textMb: number;
  fileMb: number;
  generation: { cached: boolean; seconds: number } | null;
  inProcess: TransportFigures;
  http: TransportFigures;
  physicalLimit: ReturnType<typeof physicalLimit>;
  merge: MergeFigures;
  queries: string[];
  /** The bench's process: the in-process API with the bench's own bookkeeping. */
  peakRssMb: number;
  /** The browser host's process: the app alone, serving the HTTP measures. */
  hostPeakRssMb: number;
  seconds: number;
  /** Each part of the run, measured or not: seconds, and both processes' peak RSS (MB) after it. */
  phases: Record<string, { s: number; peakRssMb: number; hostPeakRssMb: number }>;
}

const MB = 1024 * 1024;

interface Plan {
  codes: string[];
  excerpts: { file: string; start: number; end: number; codes: string[]; text: string }[];
}

/** Excerpts on the shortest and on the longest document: creating one must not depend on length. */
async function byLength(
  t: Transport,
  r: Rng,
  codeIds: string[],
  n: number,
): Promise<Pick<TransportFigures, 'createExcerptShortest' | 'createExcerptLongest'>> {
  const docs: DocumentRow[] = await t.call('documents.list', {});
  const sorted = [...docs].sort((a, b) => a.wordCount - b.wordCount);
  const out = [];
  for (const d of [sorted[0]!, sorted[sorted.length - 1]!]) {
    const { text } = await t.call('documents.get', { id: d.id });
    out.push({ ...(await createExcerpts(t, randomPlans(r, d.id, text, codeIds, n))), words: d.wordCount });
  }
  return { createExcerptShortest: out[0]!, createExcerptLongest: out[1]! };
}

/**
 * Opens a copy of `file` through `t`, as a person opens a project from the list, and answers
 * the time until the daily backup that the first open starts has been made.
 */
async function openCopy(t: Transport, file: string, name: string): Promise<number> {
  const path = join(t.libraryDir, `${name}${PROJECT_EXTENSION}`);
  copyFileSync(file, path);
  const entry = (await t.call('projects.list', {})).find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is not in the project list`);
  const [, ms] = await time(async () => {
    await t.call('project.open', { handle: entry.handle });
    await dailyBackupDone(path);
  });
  return ms;
}

/** The code with the most excerpts: the heaviest "excerpts of one code" a person would open. */
const busiestCode = (codes: Code[]): string => [...codes].sort((a, b) => b.excerptCount - a.excerptCount)[0]!.id;

type Step = <T>(label: string, fn: () => Promise<T>) => Promise<T>;

interface Run {
  size: SizeName;
  seed: number;
  fresh: boolean;
  r: Rng;
  session: Session;
  inProcess: Transport;
  http: HostTransport;
  figures: Record<TransportName, Partial<TransportFigures>>;
  step: Step;
  log(s: string): void;
}

/** What each size's setup leaves for the common measures. */
interface Setup {
  files: SourceFile[];
  queries: string[];
  /** The file the merge's two diverged copies are made from. */
  base: string;
  generation: SizeResult['generation'];
}

/** S: the peer workload as issue 7 defines it, once per transport, each in a new project. */
async function peerWorkload(run: Run): Promise<Setup> {
  const { r, step, inProcess, http } = run;
  const plan = JSON.parse(readFileSync(join(CORPUS_DIR, '..', 'peer-20x5000.plan.json'), 'utf8')) as Plan;
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, bytes: readFileSync(join(CORPUS_DIR, f)) }));
  const queries = searchQueries(
    files.map((f) => f.bytes.toString('utf8')),
    r.fork('queries'),
  );
  for (const t of [inProcess, http]) {
    const f = run.figures[t.name];
    const { figures: imp, ids } = await step(`${t.name}: import`, () => importFiles(t, `S-${t.name}`, files));
    f.import = imp;
    const codeIds = new Map<string, string>();
    for (const c of plan.codes) codeIds.set(c, (await t.call('codes.create', { name: c })).id);
    const plans: ExcerptPlan[] = plan.excerpts.map((e) => ({
      documentId: ids.get(e.file)!,
      start: e.start,
      end: e.end,
      codeIds: e.codes.map((c) => codeIds.get(c)!),
      text: e.text,
    }));
    f.createExcerpt = await step(`${t.name}: the plan's ${plans.length} excerpts`, () => createExcerpts(t, plans));
    Object.assign(
      f,
      await step(`${t.name}: excerpts by document length`, () => byLength(t, r.fork(`length-${t.name}`), [...codeIds.values()], 100)),
    );
    await measureLists(t, f, queries, step);
  }
  // What S lacks for the other measures goes into the in-process project (see extras.ts); the
  // host then opens a copy of it, so that both transports measure the same project.
  const entry = (await inProcess.call('projects.list', {})).find((e) => e.name === 'S-inProcess')!;
  await inProcess.call('project.open', { handle: entry.handle });
  const project = run.session.requireProject();
  const v = openVocabulary(run.seed);
  const spec = SIZES.S;
  const coders = addCoders(project, r.fork('coders'), spec.coders);
  const refKeys = addReferences(project, r.fork('references'), v, spec.references);
  const excerptIds = (project.db.prepare('SELECT id FROM excerpts WHERE deleted = 0').all() as { id: string }[]).map((x) => x.id);
  addAssessments(project, r.fork('assessments'), v, coders, excerptIds, spec.assessments);
  addMemos(project, r.fork('memos'), v, spec.memos, refKeys);
  const base = project.path;
  await inProcess.call('project.close', {});
  run.figures.http.openWithDailyBackup = await openCopy(http, base, 'S-enriched');
  run.figures.inProcess.openWithDailyBackup = (
    await time(async () => {
      await inProcess.call('project.open', { handle: entry.handle });
      await dailyBackupDone(base);
    })
  )[1];
  return { files, queries, base, generation: null };
}

/** M and L: import of the generated interviews, then excerpts and lists on copies of the generated project. */
async function generatedWorkload(run: Run): Promise<Setup> {
  const { r, step, inProcess, http } = run;
  const g = await cachedProject(run.size, run.seed, run.fresh, run.log);
  // Read-only: apart from this the bench only ever copies the cache file.
  const db = new Database(g.path, { readonly: true, fileMustExist: true });
  const rows = db.prepare("SELECT source_name AS name, text FROM documents WHERE kind = 'interview' ORDER BY rid").all() as {
    name: string;
    text: string;
  }[];
  db.close();
  const files = rows.map((d) => ({ name: d.name, bytes: Buffer.from(d.text) }));
  const queries = searchQueries(
    rows.map((d) => d.text),
    r.fork('queries'),
  );
  for (const t of [inProcess, http]) {
    run.figures[t.name].import = (
      await step(`${t.name}: import ${files.length} files`, () => importFiles(t, `import-${t.name}`, files))
    ).figures;
  }
  for (const t of [inProcess, http]) run.figures[t.name].openWithDailyBackup = await openCopy(t, g.path, `bench-${run.size}`);
  for (const t of [inProcess, http]) {
    const f = run.figures[t.name];
    const codeIds = (await t.call('codes.list', {})).map((c) => c.id);
    const docs = (await t.call('documents.list', {})).filter((d) => d.kind === 'interview');
    const plans: ExcerptPlan[] = [];
    for (let i = 0; i < 10; i++) {
      const d = r.pick(docs);
      const { text } = await t.call('documents.get', { id: d.id });
      plans.push(...randomPlans(r, d.id, text, codeIds, 30));
    }
    f.createExcerpt = await step(`${t.name}: create ${plans.length} excerpts`, () => createExcerpts(t, plans));
    Object.assign(f, await step(`${t.name}: excerpts by document length`, () => byLength(t, r.fork(`length-${t.name}`), codeIds, 100)));
    await measureLists(t, f, queries, step);
  }
  return { files, queries, base: g.path, generation: { cached: g.fromCache === true, seconds: g.seconds } };
}

export async function runSize(size: SizeName, seed: number, fresh: boolean): Promise<SizeResult> {
  const started = performance.now();
  const log = (s: string): void => console.error(`[${size} ${((performance.now() - started) / 1000).toFixed(1)} s] ${s}`);
  const phases: SizeResult['phases'] = {};
  let host: HostTransport | null = null;
  /** Logs and times one part of the run, with both processes' peak RSS after it: where time and memory went. */
  const step: Step = async (label, fn) => {
    log(label);
    const [out, ms] = await time(fn);
    phases[label] = {
      s: Math.round(ms) / 1000,
      peakRssMb: Math.round(peakRssMb()),
      hostPeakRssMb: Math.round(host?.peakRssSoFar() ?? NaN),
    };
    return out;
  };
  const work = mkdtempSync(join(tmpdir(), `fc-bench-${size}-`));
  try {
    const session = new Session(join(work, 'home'));
    const run: Run = {
      size,
      seed,
      fresh,
      r: rng(`${size}:${seed}:measures`),
      session,
      inProcess: inProcessTransport(session),
      http: (host = await hostTransport(join(work, 'host'))),
      figures: { inProcess: {}, http: {} },
      step,
      log,
    };
    const setup = size === 'S' ? await peerWorkload(run) : await generatedWorkload(run);
    for (const t of [run.inProcess, run.http]) {
      const f = run.figures[t.name];
      f.open = await step(`${t.name}: open`, () => reopen(t));
      f.matrixAgreement = await step(`${t.name}: matrix + agreement`, () => matrixAndAgreement(t));
      f.memoDocx = await step(`${t.name}: memo DOCX`, () => memoDocx(t));
      f.emptyCall = await step(`${t.name}: empty calls`, async () =>
        summarize(await repeat(() => t.call('app.info', {}), 500, 500, Infinity)),
      );
    }
    const counts = countsOf(session.requireProject());
    const fileMb = statSync(session.requireProject().path).size / MB;
    await run.inProcess.call('project.close', {});
    const hostPeakRssMb = await run.http.stop();
    host = null;

    // The earlier phases' projects (the host's and the in-process session's, 1-2 GB at L) go
    // first: their pages in the page cache made this machine's kernel copy new files several
    // times slower (a merge copies both projects once), 5.0-5.7 s at L instead of 3.9-4.2.
    const home = join(work, 'home');
    for (const d of [join(work, 'host'), home]) if (!setup.base.startsWith(d + sep)) rmSync(d, { recursive: true, force: true });
    const mergeDir = join(work, 'merge');
    mkdirSync(mergeDir);
    const cacheAs = size === 'S' ? undefined : setup.base.replace(/\.fieldcoder$/, '.merge');
    const merge = await step('merge of two copies diverged by 10%', () =>
      mergeDiverged(setup.base, mergeDir, run.r.fork('merge'), cacheAs),
    );
    const limit = await step('physical limit', async () => physicalLimit(setup.files, work));
    return {
      size,
      seed,
      counts,
      textMb: setup.files.reduce((n, f) => n + f.bytes.length, 0) / MB,
      fileMb,
      generation: setup.generation,
      inProcess: run.figures.inProcess as TransportFigures,
      http: run.figures.http as TransportFigures,
      physicalLimit: limit,
      merge,
      queries: setup.queries,
      peakRssMb: peakRssMb(),
      hostPeakRssMb,
      seconds: (performance.now() - started) / 1000,
      phases,
    };
  } finally {
    // A host left running after a failure would hold its port and its project file.
    host?.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

async function measureLists(t: Transport, f: Partial<TransportFigures>, queries: string[], step: Step): Promise<void> {
  const codeId = busiestCode(await t.call('codes.list', {}));
  const lists = await step(`${t.name}: list excerpts`, () => listExcerpts(t, codeId));
  f.listOneCode = { ...lists.one.all, rows: lists.one.rows, firstPage: lists.one.firstPage };
  f.listAll = { ...lists.all.all, rows: lists.all.rows, firstPage: lists.all.firstPage };
  f.search = await step(`${t.name}: search`, () => searchMix(t, queries));
  f.exportCoded = await step(`${t.name}: export coded excerpts`, () => exportCoded(t));
}
