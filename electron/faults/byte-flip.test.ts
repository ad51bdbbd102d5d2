// Issue 8: "a byte-flip corpus of real project files: 0 crashes, every damaged file detected or
// refused". Real project files (made through the services: at the current schema version as Field
// Coder closes it, sealed (project/seal.ts); the same without its seal, as a crash after a
// checkpoint of the session's leaves it; as a crash leaves it otherwise, its file sealed and the
// session's changes in the WAL beside it (project/wal-check.ts), whose frames are damaged too; the
// same left by a crash part way through a checkpoint sealed ahead, whose seal holds for the file
// with its WAL; and at the previous version, before seals) are damaged systematically (damage.ts: flipped bytes in the header and in pages of
// every table and index, the freelist and the last page; truncations; zeroed and swapped pages)
// and every damaged copy is received the three ways the app receives a file (merged as a
// colleague's file, restored as a backup, opened from the project list), in a child process with a
// time limit. Each must be refused with a clear error or give exactly the undamaged file's rows
// with integrity_check ok: no crash, no hang, no other error, no damaged file opened as if sound,
// and the damaged file never written. A flip inside a stored value passes every check of SQLite's;
// only the seal sees it, so it is a problem in a sealed file and counted for the others. Damage
// inside the WAL's last commit cannot be told from a crash during it: the file then opens as it was
// before that commit, and says that a change is not there (counted; anything else is a problem). A file left by a crash is received one
// way, opened again. The short form (npm test) tries a seeded sample;
// BYTE_FLIPS=long tries every header byte and more pages and offsets of every tree.
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../core/paths.js';
import { latestVersion } from '../project/migrate.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { unsealed } from '../test-support/unsealed.js';
import { createCode, updateCode } from '../coding/codes-service.js';
import { createExcerpt } from '../coding/excerpts-service.js';
import { importPastedText } from '../documents/document-service.js';
import { createMemo, saveMemo } from '../memos/memo-service.js';
import { openProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { sealDigestWithWalNow, writeSeal } from '../project/seal.js';
import * as fs from 'node:fs';
import type { CorpusAnswer, CorpusRequest, Mode, ModeResult } from './corpus-child.js';
import { damagesFor, mapFile, walDamagesFor, type Damage } from './damage.js';
import { buildRealProject, copyAtVersion } from './real-project.js';
import { writeSuiteReport } from './report.js';

const LONG = process.env.BYTE_FLIPS === 'long';
const SEED = Number(process.env.BYTE_FLIPS_SEED ?? 8);
const TIMEOUT_MS = 30_000; // three ways of receiving one file, 10 s each
const dir = tempDir('fc-flip-');
const child = join(packageRoot(), 'electron', 'faults', 'corpus-child.ts');

/** A child process taking one damaged file at a time; a fresh one after a crash or a hang. */
class Examiner {
  private proc: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private waiting: { id: number; resolve: (r: ModeResult[] | string) => void } | undefined;
  private next = 1;
  private stderr = '';
  restarts = 0;

  constructor(private readonly work: string) {}

  private start(): Promise<void> {
    const proc = fork(child, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.proc = proc;
    this.stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    return new Promise((resolve, reject) => {
      proc.on('message', (m: CorpusAnswer | { ready: true }) => {
        if ('ready' in m) return resolve();
        if (this.waiting?.id === m.id) {
          const w = this.waiting;
          this.waiting = undefined;
          w.resolve(m.results);
        }
      });
      proc.on('exit', (code, signal) => {
        if (this.proc === proc) this.proc = undefined;
        const w = this.waiting;
        this.waiting = undefined;
        w?.resolve(`the child died (${signal ?? `exit ${code}`}): ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        reject(new Error(`corpus child did not start: ${this.stderr}`));
      });
    });
  }

  /** The results of the three ways, or why there are none (a crash or a hang). */
  async examine(damaged: string, original: string, crashed?: Source['crashed']): Promise<ModeResult[] | string> {
    if (!this.proc) {
      if (this.ready) this.restarts++;
      this.ready = this.start();
    }
    await this.ready;
    const proc = this.proc!;
    const id = this.next++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(`no answer within ${TIMEOUT_MS} ms`);
        proc.kill('SIGKILL');
      }, TIMEOUT_MS);
      this.waiting = {
        id,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      proc.send({
        id,
        damaged,
        original,
        work: this.work,
        modes: crashed?.modes,
        withoutLast: crashed?.withoutLast,
      } satisfies CorpusRequest);
    });
  }

  close(): void {
    this.proc?.kill('SIGKILL');
  }
}

interface Source {
  label: string;
  path: string;
  /** Closed by Field Coder, so it carries its seal (project/seal.ts). */
  sealed: boolean;
  damages: Damage[];
  /** Left by a crash: the WAL beside it (its bytes), the same file without the WAL's last commit, and the one way it is received (opened again). */
  crashed?: { wal: Buffer; withoutLast: string; modes: Mode[] };
}
const sources: Source[] = [];

const tally = {
  files: 0,
  damaged: 0,
  byKind: {} as Record<string, number>,
  /** Per damaged copy: refused all three ways; opened intact all three ways (harmless); some of each. */
  refused: 0,
  harmless: 0,
  mixed: 0,
  /** Read with every row there but a value differing: a flip inside a stored value. */
  undetectedValues: 0,
  /** Opened as it was before its WAL's last commit: a flip in that commit, as a crash during it leaves. */
  lostLast: 0,
  byMode: {} as Record<string, Record<string, number>>,
  /** Per source file: damaged copies, refused every way, harmless, and with a changed value nothing detected. */
  bySource: {} as Record<string, { damaged: number; refused: number; harmless: number; undetectedValues: number }>,
  restarts: 0,
};
const problems: string[] = [];
/** Damage inside a stored value that no check can see (SQLite keeps no page checksums). */
const valueFlips: string[] = [];

beforeAll(async () => {
  // The current version's file as Field Coder closes it (sealed), the same without its seal (as a
  // crash leaves it), and the previous version's (before seals).
  const current = await buildRealProject(dir, 'current.fieldcoder', { seeds: 2 });
  const open = join(dir, 'unsealed.fieldcoder');
  copyFileSync(current, open);
  unsealed(open);
  const older = join(dir, 'older.fieldcoder');
  copyAtVersion(current, older, latestVersion() - 1);
  const crashed = await leftByCrash(current);
  const shape = LONG ? { perPage: 6, pagesPerTree: 3, headerOffsets: 100 } : { perPage: 3, pagesPerTree: 1, headerOffsets: 16 };
  for (const [label, path, seed, sealed] of [
    [`v${latestVersion()} sealed`, current, SEED, true],
    [`v${latestVersion()} unsealed`, open, SEED + 2, false],
    [`v${latestVersion() - 1}`, older, SEED + 1, false],
  ] as const) {
    let damages = damagesFor(mapFile(path), seed, shape);
    // The short form tries the unsealed files' damages more thinly: a quarter of them.
    if (!LONG && !sealed) damages = damages.filter((_, i) => i % 4 === 0);
    sources.push({ label, path, sealed, damages });
  }
  // The file left by a crash: its own pages (which its seal covers) and its WAL's frames.
  const crashedShape = LONG ? { perPage: 3, pagesPerTree: 2, headerOffsets: 40 } : { perPage: 2, pagesPerTree: 1, headerOffsets: 8 };
  const walShape = LONG ? { perFrame: 4, headerOffsets: 32 } : { perFrame: 1, headerOffsets: 6 };
  let fileDamages = damagesFor(mapFile(current), SEED + 3, crashedShape);
  if (!LONG) fileDamages = fileDamages.filter((_, i) => i % 4 === 0);
  sources.push({
    label: `v${latestVersion()} left by a crash`,
    path: crashed.path,
    sealed: true,
    damages: [...fileDamages, ...walDamagesFor(crashed.wal, SEED + 4, walShape)],
    crashed,
  });
  // Left by a crash inside a checkpoint sealed ahead: its seal holds for the file with its WAL.
  const inCheckpoint = await leftInCheckpoint(current);
  let checkpointDamages = damagesFor(mapFile(inCheckpoint.path), SEED + 5, crashedShape);
  if (!LONG) checkpointDamages = checkpointDamages.filter((_, i) => i % 4 === 0);
  sources.push({
    label: `v${latestVersion()} left by a crash inside a checkpoint`,
    path: inCheckpoint.path,
    sealed: true,
    damages: [...checkpointDamages, ...walDamagesFor(inCheckpoint.wal, SEED + 6, walShape)],
    crashed: inCheckpoint,
  });
}, 120_000);

/**
 * The sealed file opened and changed in six commits (a code, an interview with an excerpt, a memo
 * saved twice, a code renamed, a document trashed), then copied with its WAL while still open: what
 * a crash leaves. Also the same without the WAL's last commit, as a crash during that commit leaves it.
 */
async function leftByCrash(
  sealed: string,
  name = 'crashed',
  beforeCrash?: (project: Project, working: string) => void,
): Promise<{ path: string; wal: Buffer; withoutLast: string; modes: Mode[] }> {
  const working = join(dir, `${name}-working.fieldcoder`);
  copyFileSync(sealed, working);
  const { project } = await openProject(working, testAuthor);
  const code = createCode(project, { name: 'Coded after the last close' });
  const doc = importPastedText(
    project,
    'Interview after the last close',
    'They moved the checkpoint to the river crossing.',
    'interview',
  ).document!;
  createExcerpt(project, { documentId: doc.id, start: 0, end: 20, codeIds: [code.id] });
  const memo = createMemo(project, 'Unclosed memo', 'First thoughts.');
  saveMemo(project, memo.id, { body: 'Second thoughts, saved before the crash.' });
  updateCode(project, code.id, { name: 'Renamed before the crash' });
  project.setDeleted('documents', doc.id, true);
  beforeCrash?.(project, working);
  const path = join(dir, `${name}.fieldcoder`);
  copyFileSync(working, path);
  const wal = readFileSync(`${working}-wal`);
  writeFileSync(`${path}-wal`, wal);
  project.close();
  const withoutLast = join(dir, `${name}-without-last.fieldcoder`);
  copyFileSync(path, withoutLast);
  const size = 24 + wal.readUInt32BE(8);
  const commits = Array.from({ length: Math.floor((wal.length - 32) / size) }, (_, i) => i).filter(
    (i) => wal.readUInt32BE(32 + i * size + 4) !== 0,
  );
  writeFileSync(`${withoutLast}-wal`, wal.subarray(0, 32 + (commits[commits.length - 2]! + 1) * size));
  return { path, wal, withoutLast, modes: ['open'] };
}

/**
 * The same, left by a crash part way through a checkpoint sealed ahead (project/seal.ts's
 * checkpointSealed): its last commit the seal the file will have with the WAL in it, and the first
 * half of the WAL's frames written into the file. Its seal holds for the file with its WAL only.
 */
async function leftInCheckpoint(sealed: string): Promise<{ path: string; wal: Buffer; withoutLast: string; modes: Mode[] }> {
  const crashed = await leftByCrash(sealed, 'in-checkpoint', (project, working) =>
    writeSeal(project.db, sealDigestWithWalNow(project.db, working)!),
  );
  const frame = 24 + crashed.wal.readUInt32BE(8);
  const out = fs.openSync(crashed.path, 'r+');
  try {
    for (let at = 32; at + frame <= crashed.wal.length / 2; at += frame)
      fs.writeSync(out, crashed.wal, at + 24, frame - 24, (crashed.wal.readUInt32BE(at) - 1) * (frame - 24));
  } finally {
    fs.closeSync(out);
  }
  return crashed;
}

afterAll(() => {
  if (!tally.damaged) return;
  const modes = Object.entries(tally.byMode)
    .map(
      ([m, v]) =>
        `${m}: ${Object.entries(v)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
    )
    .join('; ');
  const summary = `byte-flip corpus (${LONG ? 'long' : 'short'}): ${tally.files} files, ${tally.damaged} damaged copies (${Object.entries(
    tally.byKind,
  )
    .map(([k, n]) => `${n} ${k}`)
    .join(
      ', ',
    )}): ${tally.refused} refused every way, ${tally.harmless} harmless (intact every way), ${tally.mixed} refused some ways and intact others, ${tally.undetectedValues} with a changed value nothing detected (${Object.entries(
    tally.bySource,
  )
    .map(([label, v]) => `${v.undetectedValues} of ${v.damaged} ${label}`)
    .join(
      ', ',
    )}), ${tally.lostLast} opened without their WAL's last commit and said so (damage inside it, as a crash during it leaves), ${problems.length} problems\n  by file: ${Object.entries(
    tally.bySource,
  )
    .map(([label, v]) => `${label}: ${v.refused} refused, ${v.harmless} harmless, ${v.undetectedValues} changed values`)
    .join('; ')}`;
  console.log(
    `${summary}\n  ${modes}${valueFlips.length ? `\n  values changed inside cells (no page checksums):\n    ${valueFlips.slice(0, 12).join('\n    ')}` : ''}`,
  );
  writeSuiteReport('byte-flip', summary, { ...tally, problems: problems.length, valueFlips, problemList: problems });
});

describe('a byte-flip corpus of real project files', () => {
  it('every source, undamaged, opens, checked against its seal where it has one', async () => {
    for (const s of sources) {
      const copy = join(dir, `undamaged-${sources.indexOf(s)}.fieldcoder`);
      copyFileSync(s.path, copy);
      if (s.crashed) writeFileSync(`${copy}-wal`, s.crashed.wal);
      const opened = await openProject(copy, testAuthor);
      opened.project.close();
      expect(opened.seal, s.label).toBe(s.sealed ? 'intact' : 'none');
    }
  });

  it('every damaged copy is refused in words or read intact; nothing crashes, hangs or writes to it', async () => {
    const workers = [0, 1].map((i) => new Examiner(join(dir, `work${i}`)));
    const queue = sources.flatMap((s) => s.damages.map((d) => ({ s, d })));
    const original = new Map(sources.map((s) => [s.path, readFileSync(s.path)]));
    tally.files = sources.length;
    let n = 0;
    try {
      await Promise.all(
        workers.map(async (w, wi) => {
          for (let item = queue.shift(); item; item = queue.shift()) {
            const { s, d } = item;
            const damagedDir = join(dir, `d${wi}`);
            rmSync(damagedDir, { recursive: true, force: true });
            mkdirSync(damagedDir, { recursive: true });
            const damaged = join(damagedDir, 'received.fieldcoder');
            const bytes = original.get(s.path)!;
            writeFileSync(damaged, d.wal ? bytes : d.apply(bytes));
            if (s.crashed) writeFileSync(`${damaged}-wal`, d.wal ? d.apply(s.crashed.wal) : s.crashed.wal);
            n++;
            tally.damaged++;
            const bySource = (tally.bySource[s.label] ??= { damaged: 0, refused: 0, harmless: 0, undetectedValues: 0 });
            bySource.damaged++;
            tally.byKind[d.kind] = (tally.byKind[d.kind] ?? 0) + 1;
            const r = await w.examine(damaged, s.path, s.crashed);
            const what = `${s.label} ${d.name}`;
            if (typeof r === 'string') {
              problems.push(`${what}: ${r}`);
              continue;
            }
            for (const m of r) {
              const byMode = (tally.byMode[m.mode] ??= {});
              byMode[m.verdict] = (byMode[m.verdict] ?? 0) + 1;
              // An accepted older file is upgraded in place, as any open does (one whose damage no
              // check can see is accepted too); a refused one is never touched.
              if (m.wrote && m.verdict !== 'intact' && m.verdict !== 'values' && m.verdict !== 'lostLast')
                problems.push(`${what}: ${m.mode} wrote to the damaged file`);
              // A crash during the WAL's last commit leaves it torn: damage there is the same.
              if (m.verdict === 'lostLast') {
                if (d.inLastCommit) tally.lostLast++;
                else problems.push(`${what}: ${m.mode}: opened without its last commit, though the damage was before it`);
              }
              // A sealed file's every byte is covered: a changed value getting through is a problem.
              else if (m.verdict === 'values' && s.sealed)
                problems.push(`${what}: ${m.mode}: a changed value got past the seal: ${m.detail}`);
              else if (m.verdict === 'values') valueFlips.push(`${what}: ${m.mode}: ${m.detail}`);
              else if (m.verdict !== 'refused' && m.verdict !== 'intact') problems.push(`${what}: ${m.mode} ${m.verdict}: ${m.detail}`);
            }
            if (r.some((m) => m.verdict === 'lostLast')) continue;
            if (r.every((m) => m.verdict === 'refused')) {
              tally.refused++;
              bySource.refused++;
            } else if (r.every((m) => m.verdict === 'intact')) {
              tally.harmless++;
              bySource.harmless++;
            } else if (r.every((m) => m.verdict === 'refused' || m.verdict === 'intact')) tally.mixed++;
            else if (r.some((m) => m.verdict === 'values')) {
              tally.undetectedValues++;
              bySource.undetectedValues++;
            }
          }
        }),
      );
    } finally {
      for (const w of workers) {
        tally.restarts += w.restarts;
        w.close();
      }
    }
    expect(n).toBeGreaterThan(0);
    expect(problems, problems.slice(0, 40).join('\n')).toEqual([]);
  }, 3_600_000);
});
