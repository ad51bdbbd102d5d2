// The measured operations, each through one transport of the API, one call at a time as a
// person works; plus the physical limit (raw inserts and an FTS5 build of the same bytes) and
// the merge of two diverged copies.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeProject } from '../electron/exchange/merge/merge.js';
import { fsyncPath } from '../electron/core/write-file.js';
import { backupDirFor, listBackups } from '../electron/project/backup.js';
import { openProject } from '../electron/project/open-project.js';
import { importBatch } from '../renderer/src/documents/import-queue.js';
import { diverge } from './diverge.js';
import { benchAuthor } from './extras.js';
import { MEMO_200 } from './sizes.js';
import type { Rng } from './rng.js';
import { repeat, summarize, time, type Summary } from './stats.js';
import type { Transport } from './transport.js';

export interface SourceFile {
  name: string;
  bytes: Buffer;
}

export interface ImportFigures {
  files: number;
  bytes: number;
  ms: number;
  mbPerS: number;
}

const MB = 1024 * 1024;

/**
 * Imports every file into a new project as the Documents screen does (import-queue.ts): each
 * file uploaded in turn, the uploads imported in groups by `documents.importMany`.
 */
export async function importFiles(
  t: Transport,
  projectName: string,
  files: SourceFile[],
): Promise<{ figures: ImportFigures; ids: Map<string, string> }> {
  await t.call('project.create', { name: projectName });
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const picked = files.map((f) => new File([new Uint8Array(f.bytes)], f.name));
  const [ids, ms] = await time(async () => {
    const result = await importBatch(
      picked,
      'interview',
      {
        upload: async (batch) =>
          (
            await t.uploadMany(await Promise.all(batch.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))))
          ).map((uploadId) => ({ uploadId })),
        importUploads: (uploadIds, kind) => t.call('documents.importMany', { uploadIds, kind }),
      },
      () => {},
      () => false,
    );
    const out = new Map<string, string>();
    for (const r of result.outcomes) {
      if (r.status !== 'imported' || !r.document) throw new Error(`${r.fileName}: ${r.message}`);
      out.set(r.fileName, r.document.id);
    }
    return out;
  });
  return { figures: { files: files.length, bytes, ms, mbPerS: bytes / MB / (ms / 1000) }, ids };
}

/**
 * The physical limit: the same bytes inserted raw in one transaction, then an FTS5 index built
 * over them; and the floor under any one change a person saves (an excerpt, say): a one-row
 * commit with the project's durability (WAL, synchronous=FULL), which waits for the disk's sync,
 * in a WAL that grows as a session's does (no checkpoints: project/seal.ts), and, for comparison,
 * in one SQLite's automatic checkpoints keep reusing (whose sync commits no new file size).
 */
export function physicalLimit(
  files: SourceFile[],
  dir: string,
): { insertMs: number; ftsMs: number; totalMs: number; mbPerS: number; oneRowCommit: Summary; oneRowCommitReused: Summary } {
  const path = join(dir, 'raw.db');
  const db = new Database(path);
  try {
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
    const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
    db.exec('CREATE TABLE c(id TEXT PRIMARY KEY, body TEXT)');
    const one = db.prepare('INSERT INTO c(id, body) VALUES (?, ?)');
    const commit = db.transaction((i: number) => one.run(`row-${i}`, 'x'.repeat(200)));
    const commits = (from: number) =>
      Array.from({ length: 300 }, (_, i) => {
        const t = performance.now();
        commit(from + i);
        return performance.now() - t;
      });
    // As a session starts: the WAL empty, then growing with every commit.
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const growing = commits(0);
    // The same in place: the WAL restarted from its start, its file keeping its size.
    db.pragma('wal_checkpoint(RESTART)');
    const reused = commits(300);
    return {
      insertMs: t1 - t0,
      ftsMs: t2 - t1,
      totalMs: t2 - t0,
      mbPerS: bytes / MB / ((t2 - t0) / 1000),
      oneRowCommit: summarize(growing),
      oneRowCommitReused: summarize(reused),
    };
  } finally {
    db.close();
    for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
  }
}

export interface ExcerptPlan {
  documentId: string;
  start: number;
  end: number;
  codeIds: string[];
  /** What the excerpt must hold; checked on every call. */
  text: string;
}

/** Creates the excerpts one call at a time and answers per-call times. */
export async function createExcerpts(t: Transport, plans: ExcerptPlan[]): Promise<Summary> {
  const samples: number[] = [];
  for (const p of plans) {
    const [ex, ms] = await time(() =>
      t.call('excerpts.create', { documentId: p.documentId, start: p.start, end: p.end, codeIds: p.codeIds }),
    );
    if (ex.text !== p.text) throw new Error(`excerpt text differs in ${p.documentId}@${p.start}`);
    samples.push(ms);
  }
  return summarize(samples);
}

/** Random passages of one document (code point offsets), with the codes a person might pick. */
export function randomPlans(r: Rng, documentId: string, text: string, codeIds: string[], n: number): ExcerptPlan[] {
  const cps = Array.from(text);
  return Array.from({ length: n }, () => {
    const len = r.int(40, Math.min(600, cps.length));
    const start = r.int(0, cps.length - len);
    const codes = new Set([r.pick(codeIds)]);
    if (r.chance(0.2)) codes.add(r.pick(codeIds));
    return { documentId, start, end: start + len, codeIds: [...codes], text: cps.slice(start, start + len).join('') };
  });
}

/** Rows per `excerpts.page` call when the bench walks a whole listing. */
export const PAGE_ROWS = 500;

export interface ListFigures {
  /** Walking every page, as a whole. */
  all: Summary;
  /** The first page alone: what a screen waits for. */
  firstPage: Summary;
  rows: number;
}

/** Walks a listing page by page (keyset cursor), answering the rows and the first page's time. */
async function walkPages(t: Transport, filter: { codeId?: string }): Promise<{ rows: number; firstMs: number }> {
  const t0 = performance.now();
  let page = await t.call('excerpts.page', { ...filter, limit: PAGE_ROWS });
  const firstMs = performance.now() - t0;
  let rows = page.excerpts.length;
  if (page.total === null) throw new Error('the first page has no total');
  const total = page.total;
  while (page.next) {
    page = await t.call('excerpts.page', { ...filter, limit: PAGE_ROWS, after: page.next });
    rows += page.excerpts.length;
  }
  if (rows !== total) throw new Error(`walked ${rows} excerpts, the first page counted ${total}`);
  return { rows, firstMs };
}

/** Listing the excerpts of one code and of all codes, each walked page by page. */
export async function listExcerpts(t: Transport, codeId: string): Promise<{ one: ListFigures; all: ListFigures }> {
  const measure = async (filter: { codeId?: string }, budgetMs: number): Promise<ListFigures> => {
    let rows = 0;
    const firsts: number[] = [];
    const walks = await repeat(
      async () => {
        const w = await walkPages(t, filter);
        rows = w.rows;
        firsts.push(w.firstMs);
      },
      3,
      20,
      budgetMs,
    );
    return { all: summarize(walks), firstPage: summarize(firsts), rows };
  };
  return { one: await measure({ codeId }, 1000), all: await measure({}, 1500) };
}

export async function searchMix(t: Transport, queries: string[]): Promise<Summary & { slowest: { q: string; ms: number }[] }> {
  const samples: number[] = [];
  const byQuery = new Map<string, number>();
  // Three rounds on small projects, at least one on big ones, where each query takes longer.
  for (let round = 0, spent = 0; round < 3 && (round < 1 || spent < 3000); round++) {
    for (const q of queries) {
      const [, ms] = await time(() => t.call('search.query', { q, limit: 50 }));
      samples.push(ms);
      spent += ms;
      byQuery.set(q, Math.max(byQuery.get(q) ?? 0, ms));
    }
  }
  const slowest = [...byQuery.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([q, ms]) => ({ q, ms }));
  return { ...summarize(samples), slowest };
}

/** The coded excerpts as CSV (`excerpts.export`), part after part as a download would fetch them. */
export async function exportCoded(t: Transport): Promise<Summary & { rows: number; bytes: number }> {
  let rows = 0;
  let bytes = 0;
  const samples = await repeat(
    async () => {
      let part = await t.call('excerpts.export', {});
      const parts = [Buffer.from(part.csv)];
      let n = part.rows;
      while (part.next) {
        part = await t.call('excerpts.export', { after: part.next });
        parts.push(Buffer.from(part.csv));
        n += part.rows;
      }
      rows = n;
      bytes = parts.reduce((sum, b) => sum + b.length, 0);
    },
    3,
    10,
    1500,
  );
  return { ...summarize(samples), rows, bytes };
}

/**
 * Opening a project starts its daily backup in the background when none is less than a day old
 * (a fresh copy always qualifies): an online copy, then a quick_check of it on the main thread.
 * Measures wait for it, so that they see the app at rest; the wait is reported as a figure.
 */
export async function dailyBackupDone(projectPath: string, timeoutMs = 300_000): Promise<void> {
  const dir = backupDirFor(projectPath);
  for (const t0 = Date.now(); ;) {
    const partial = existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.partial'));
    // A copy from an older schema is upgraded on open after a backup; that backup is then the
    // day's, and no daily one follows.
    if (!partial && listBackups(projectPath).some((b) => b.reason === 'daily' || b.reason.startsWith('pre-'))) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`no daily backup of ${projectPath} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Closing and opening the project again by its handle (the OS file cache stays warm). */
export async function reopen(t: Transport): Promise<Summary> {
  const current = await t.call('project.current', {});
  if (!current) throw new Error('no project open');
  const opens: number[] = [];
  for (let spent = 0; opens.length < 5 && (opens.length < 3 || spent < 4000); spent += opens[opens.length - 1]!) {
    await t.call('project.close', {});
    opens.push((await time(() => t.call('project.open', { handle: current.handle })))[1]);
  }
  return summarize(opens);
}

export async function matrixAndAgreement(t: Transport): Promise<Summary & { cells: number }> {
  let cells = 0;
  const samples = await repeat(
    async () => {
      const m = await t.call('matrix.get', { view: { kind: 'pooled' } });
      await t.call('agreement.get', {});
      cells = m.cells.length;
    },
    5,
    20,
    3000,
  );
  return { ...summarize(samples), cells };
}

/**
 * The memo exported a few times: p50 is an author's re-export (the engine kept, cite.ts), `first`
 * the first export of that memo in the session, with a new citation engine.
 */
export async function memoDocx(t: Transport): Promise<Summary & { citations: number; bytes: number; first: number }> {
  const memo = (await t.call('memos.list', {})).find((m) => m.title === MEMO_200);
  if (!memo) throw new Error(`no memo called "${MEMO_200}"`);
  let citations = 0;
  let bytes = 0;
  const samples = await repeat(
    async () => {
      const out = await t.call('memos.export', { id: memo.id, format: 'docx' });
      citations = out.report.citations;
      bytes = Buffer.from(out.files[0]!.base64, 'base64').length;
    },
    3,
    5,
    2000,
  );
  if (citations !== 200) throw new Error(`the memo exported ${citations} citations, not 200`);
  return { ...summarize(samples), citations, bytes, first: samples[0]! };
}

export interface MergeFigures {
  ms: number;
  edits: { ours: Record<string, number>; theirs: Record<string, number> };
  added: number;
  changed: number;
  conflicts: number;
}

/**
 * Two copies of `base` edited apart by two people on two devices, then theirs merged into
 * ours with mergeProject (backup, their copy checked and copied, the field-by-field merge).
 * Setting the pair up takes longer than the merge on M and L, so the pair is cached with the
 * generated project when `cacheAs` names a place for it.
 */
export async function mergeDiverged(base: string, dir: string, r: Rng, cacheAs?: string, fraction = 0.1): Promise<MergeFigures> {
  const ours = join(dir, 'ours.fieldcoder');
  const theirs = join(dir, 'theirs.fieldcoder');
  const cached = cacheAs && existsSync(`${cacheAs}.json`);
  let edits: MergeFigures['edits'];
  if (cached) {
    copyFileSync(`${cacheAs}.ours.fieldcoder`, ours);
    copyFileSync(`${cacheAs}.theirs.fieldcoder`, theirs);
    edits = JSON.parse(readFileSync(`${cacheAs}.json`, 'utf8')) as MergeFigures['edits'];
  } else {
    copyFileSync(base, ours);
    copyFileSync(base, theirs);
    const edit = async (path: string, side: 'ours' | 'theirs', who: string): Promise<Record<string, number>> => {
      const { project } = await openProject(path, benchAuthor(r.fork(side), who));
      try {
        return diverge(project, r.fork(`edit-${side}`), fraction, who);
      } finally {
        project.close();
      }
    };
    edits = { ours: await edit(ours, 'ours', 'A'), theirs: await edit(theirs, 'theirs', 'B') };
    if (cacheAs) {
      copyFileSync(ours, `${cacheAs}.ours.fieldcoder`);
      copyFileSync(theirs, `${cacheAs}.theirs.fieldcoder`);
      writeFileSync(`${cacheAs}.json`, JSON.stringify(edits));
    }
  }
  // A cached pair may predate the current schema: upgrade theirs first, as opening it would, so
  // that what is timed is a merge of two copies at this version, not the upgrade of their copy.
  (await openProject(theirs, benchAuthor(r.fork('theirs'), 'B'))).project.close();
  const { project } = await openProject(ours, benchAuthor(r.fork('ours'), 'A'));
  // The pair was just copied (500 MB at L): on the disk first, so that the merge is not timed
  // against the writeback of the bench's own copies.
  for (const f of [ours, theirs]) fsyncPath(f);
  try {
    const [report, ms] = await time(() => mergeProject(project, theirs));
    const tables = Object.values(report.tables);
    return {
      ms,
      edits,
      added: tables.reduce((n, x) => n + x.added, 0),
      changed: tables.reduce((n, x) => n + x.changed, 0),
      conflicts: report.conflicts.length,
    };
  } finally {
    project.close();
  }
}
