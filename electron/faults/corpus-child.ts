// The byte-flip corpus's child process (see byte-flip.test.ts): takes one damaged copy of a real
// project file at a time and receives it the three ways the app receives a file: merged as a
// colleague's file, restored as a backup, and opened from the project list. For each it answers
// what happened: refused (an AppError), opened intact (integrity_check ok, every row as in the
// undamaged file), opened with different content, or a failure (anything else thrown); and
// whether the damaged file was written to. A crash or a hang shows as this process dying or
// not answering; the parent starts a fresh one.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { mergeProject } from '../exchange/merge/merge.js';
import { backupDirFor } from '../project/backup.js';
import { latestVersion } from '../project/migrate.js';
import { openProject } from '../project/open-project.js';
import type { Author } from '../project/project.js';
import { restoreBackup } from '../project/restore.js';
import { contentDump, type ContentDump } from './real-project.js';

export type Mode = 'merge' | 'restore' | 'open';
/**
 * refused; intact (sound, every row as in the undamaged file); values (sound, every row there,
 * but a stored value differs: a flip inside a value, which SQLite, keeping no page checksums,
 * cannot see); lostLast (sound, and as the file was before its WAL's last commit: what a crash
 * during that commit leaves, and opening says that change is not there); lostLastSilently (the
 * same without saying so); falseAlarm (intact, but opening said a change was not kept); changed
 * (rows missing or added: a partial read); unsound (opened, integrity_check fails); failure
 * (anything thrown but a clear AppError).
 */
export type Verdict = 'refused' | 'intact' | 'lostLast' | 'lostLastSilently' | 'falseAlarm' | 'values' | 'changed' | 'unsound' | 'failure';

export interface ModeResult {
  mode: Mode;
  verdict: Verdict;
  /** The AppError code, or what differed or failed. */
  detail: string;
  wrote: boolean;
}

export interface CorpusRequest {
  id: number;
  damaged: string;
  original: string;
  work: string;
  /** The ways to try (all three when absent). */
  modes?: Mode[];
  /** For a file left by a crash (a WAL beside it): the same without its WAL's last commit. */
  withoutLast?: string;
}

export interface CorpusAnswer {
  id: number;
  results: ModeResult[];
}

const AUTHOR: Author = { deviceId: '0123456789abcdef', coderId: '00000000-0000-4000-8000-000000000001', coderName: 'Test Coder' };

/**
 * What the damaged bytes are now: the file's content and modification time, and what its WAL
 * holds (a reader may leave an empty WAL beside it: that writes nothing of the file).
 */
function fileState(path: string): string {
  const h = createHash('sha256');
  h.update(readFileSync(path));
  h.update(String(statSync(path).mtimeMs));
  if (existsSync(`${path}-wal`)) h.update(readFileSync(`${path}-wal`));
  return h.digest('hex');
}

const dumps = new Map<string, ContentDump>();
/** The undamaged file as the app holds it once opened (upgraded, if it is older). */
async function originalDump(path: string, work: string): Promise<ContentDump> {
  let d = dumps.get(path);
  if (!d) {
    const copy = join(work, 'reference.fieldcoder');
    for (const ext of ['-wal', '-shm']) rmSync(copy + ext, { force: true });
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const { project } = await openProject(copy, AUTHOR);
    d = contentDump(project.db);
    project.close();
    dumps.set(path, d);
  }
  return d;
}

function diff(a: ContentDump, b: ContentDump): string {
  const tables = [...new Set([...Object.keys(a.tables), ...Object.keys(b.tables)])].filter((t) => a.tables[t] !== b.tables[t]);
  return tables.length ? `rows differ in ${tables.join(', ')}` : 'schema differs';
}

/** An opened project: sound and holding exactly the original's rows? */
function judge(db: Database.Database, expected: ContentDump): Pick<ModeResult, 'verdict' | 'detail'> {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  if (integrity !== 'ok') return { verdict: 'unsound', detail: `opened, but integrity_check: ${integrity.slice(0, 200)}` };
  const now = contentDump(db);
  if (now.digest === expected.digest) return { verdict: 'intact', detail: '' };
  const sameRows = JSON.stringify(now.counts) === JSON.stringify(expected.counts);
  return { verdict: sameRows ? 'values' : 'changed', detail: diff(now, expected) };
}

function soundFile(path: string): boolean {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db.close();
  }
}

function caught(err: unknown): Pick<ModeResult, 'verdict' | 'detail'> {
  if (err instanceof AppError && err.code !== 'internal' && err.message.trim().length > 10)
    return { verdict: 'refused', detail: `${err.code}: ${err.message.slice(0, 160)}` };
  const e = err as Error;
  return { verdict: 'failure', detail: `${e?.name}: ${String(e?.message).slice(0, 300)} ${String(e?.stack).split('\n')[1]?.trim() ?? ''}` };
}

async function viaMerge(req: CorpusRequest): Promise<ModeResult> {
  const ours = join(req.work, 'merge', 'ours.fieldcoder');
  mkdirSync(join(req.work, 'merge'), { recursive: true });
  copyFileSync(req.original, ours);
  const before = fileState(req.damaged);
  const { project } = await openProject(ours, AUTHOR);
  let r: Pick<ModeResult, 'verdict' | 'detail'>;
  try {
    const was = contentDump(project.db);
    await mergeProject(project, req.damaged);
    // Their copy holds our very rows: a sound merge of it changes nothing. When it changed
    // something, their file passed every check: the damage was inside a stored value.
    r = judge(project.db, was);
    if (r.verdict === 'changed' && soundFile(req.damaged)) r = { verdict: 'values', detail: `merged: ${r.detail}` };
  } catch (err) {
    r = caught(err);
  } finally {
    project.close();
  }
  return { mode: 'merge', ...r, wrote: fileState(req.damaged) !== before };
}

async function viaRestore(req: CorpusRequest): Promise<ModeResult> {
  const expected = await originalDump(req.original, req.work);
  const ours = join(req.work, 'restore', 'ours.fieldcoder');
  mkdirSync(join(req.work, 'restore'), { recursive: true });
  copyFileSync(req.original, ours);
  const name = `ours.20260101-000000000.v${latestVersion()}.daily.fieldcoder`;
  mkdirSync(backupDirFor(ours), { recursive: true });
  const backup = join(backupDirFor(ours), name);
  copyFileSync(req.damaged, backup);
  const before = fileState(backup);
  let r: Pick<ModeResult, 'verdict' | 'detail'>;
  try {
    await restoreBackup(ours, name);
    r = await openAndJudge(ours, expected);
  } catch (err) {
    r = caught(err);
  }
  return { mode: 'restore', ...r, wrote: fileState(backup) !== before };
}

async function viaOpen(req: CorpusRequest): Promise<ModeResult> {
  const expected = await originalDump(req.original, req.work);
  const before = fileState(req.damaged);
  const alsoExpected = req.withoutLast ? await originalDump(req.withoutLast, req.work) : undefined;
  let r: Pick<ModeResult, 'verdict' | 'detail'>;
  try {
    r = await openAndJudge(req.damaged, expected, alsoExpected);
  } catch (err) {
    r = caught(err);
  }
  return { mode: 'open', ...r, wrote: fileState(req.damaged) !== before };
}

/** Opens `path` as a project from the list and judges what it reads against `expected`. */
async function openAndJudge(
  path: string,
  expected: ContentDump,
  withoutLast?: ContentDump,
): Promise<Pick<ModeResult, 'verdict' | 'detail'>> {
  const { project, unkeptChange } = await openProject(path, AUTHOR);
  try {
    const r = judge(project.db, expected);
    if (withoutLast && r.verdict !== 'intact' && r.verdict !== 'unsound' && judge(project.db, withoutLast).verdict === 'intact')
      return unkeptChange
        ? { verdict: 'lostLast', detail: 'opened as it was before its last commit, saying so' }
        : { verdict: 'lostLastSilently', detail: 'opened as it was before its last commit without saying so' };
    if (r.verdict === 'intact' && unkeptChange)
      return { verdict: 'falseAlarm', detail: 'said a change was not kept, though every one was' };
    return r;
  } finally {
    project.close();
  }
}

process.on('message', (req: CorpusRequest) => {
  void (async () => {
    rmSync(req.work, { recursive: true, force: true });
    mkdirSync(req.work, { recursive: true });
    const results: ModeResult[] = [];
    // Reading ways first; opening from the list last, as it may legitimately write an intact file.
    const ways = { merge: viaMerge, restore: viaRestore, open: viaOpen };
    for (const how of (req.modes ?? (['merge', 'restore', 'open'] as const)).map((m) => ways[m])) {
      try {
        results.push(await how(req));
      } catch (err) {
        results.push({ mode: how === viaMerge ? 'merge' : how === viaRestore ? 'restore' : 'open', ...caught(err), wrote: false });
      }
    }
    process.send!({ id: req.id, results } satisfies CorpusAnswer);
  })();
});
process.on('unhandledRejection', (err) => {
  console.error('unhandled rejection:', err);
  process.exit(70);
});
process.send!({ ready: true });
