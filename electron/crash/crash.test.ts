// The crash harness: a child process works on a project (imports, coding, memo edits, merges,
// migrations) and is killed with SIGKILL at random moments. After every kill the project must
// open, pass PRAGMA integrity_check, and hold every change the child reported as saved.
// CI runs CRASH_CYCLES=20 (the default); `npm run test:crash` runs 200.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCode } from '../coding/codes-service.js';
import { packageRoot } from '../core/paths.js';
import { APPLICATION_ID } from '../project/format.js';
import { latestVersion, migrate } from '../project/migrate.js';
import { createProject, openProject } from '../project/open-project.js';
import { heldWithWal, walHasFrames } from '../project/seal.js';
import type { Author } from '../project/project.js';
import { tempDir } from '../test-support/tmp.js';
import { writeSuiteReport } from '../faults/report.js';
import { CRASH_AUTHOR } from './author.js';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
const dir = tempDir();
const colleague: Author = { deviceId: 'fedcba9876543210', coderId: '00000000-0000-4000-8000-000000000002', coderName: 'Colleague' };
const worker = join(packageRoot(), 'electron', 'crash', 'worker.ts');

interface Run {
  lines: string[][];
}

/** Starts the worker, kills it `delay` ms after it is ready, and returns what it reported. */
function runAndKill(args: string[], delay: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: packageRoot() });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delay);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') return reject(new Error(`the worker stopped by itself:\n${err}`));
      // The last line may be cut off by the kill; it was not a complete report.
      const lines = out.split('\n');
      lines.pop();
      resolve({ lines: lines.map((l) => l.split('\t')) });
    });
  });
}

describe('crash harness', () => {
  it(`${CYCLES} SIGKILLs at random moments lose nothing reported as saved`, async () => {
    const path = join(dir, 'crash.fieldcoder');
    const theirs = join(dir, 'theirs.fieldcoder');
    const old = join(dir, 'old-v2.fieldcoder');
    const base = (await createProject(path, CRASH_AUTHOR, { name: 'Crash' })).project;
    await base.db.backup(theirs);
    base.close();
    const col = (await openProject(theirs, colleague)).project;
    createCode(col, { name: 'from colleague' });
    col.close();
    const db = new Database(old);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 2);
    db.close();

    const saved = { document: new Set<string>(), excerpt: new Set<string>(), code: new Set<string>() };
    const memos = new Map<string, { saved: number; trying: number | null }>();
    let merged = false;
    const migrations: { file: string; done: boolean }[] = [];
    const counts = { cycles: 0, reports: 0, withWal: 0, sealChecked: 0, inCheckpoint: 0, unkept: 0 };

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const run = await runAndKill([path, theirs, old, String(cycle + 1)], Math.floor(Math.random() * 400));
      counts.cycles++;
      for (const [kind, id, value] of run.lines) {
        counts.reports++;
        if (kind === 'document' || kind === 'excerpt' || kind === 'code') saved[kind].add(id!);
        else if (kind === 'memo') memos.set(id!, { saved: value ? Number(value) : -1, trying: null });
        else if (kind === 'trying') memos.get(id!)!.trying = Number(value);
        else if (kind === 'merged') merged = true;
        else if (kind === 'migrating') migrations.push({ file: id!, done: false });
        else if (kind === 'migrated') migrations.find((m) => m.file === id)!.done = true;
      }

      // A kill leaves the session's changes in the WAL; the file itself is checked against its
      // seal (with its WAL, where the kill cut a checkpoint sealed ahead short) unless an unsealed
      // checkpoint of the session's (its WAL written past twice the size: the worker checkpoints
      // at 256 KB) had cleared it.
      const crashedWith = walHasFrames(path);
      const heldBefore = heldWithWal.count;
      const { project, seal, unkeptChange } = await openProject(path, CRASH_AUTHOR);
      if (crashedWith) counts.withWal++;
      if (crashedWith && seal === 'intact') counts.sealChecked++;
      if (heldWithWal.count > heldBefore) counts.inCheckpoint++;
      // Killed while writing a commit: opening says that change is not there (wal-check.ts).
      if (unkeptChange) counts.unkept++;
      try {
        expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
        for (const [table, ids] of [
          ['documents', saved.document],
          ['excerpts', saved.excerpt],
          ['codes', saved.code],
        ] as const) {
          const have = project.db
            .prepare(`SELECT count(*) AS n FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
            .get(JSON.stringify([...ids])) as { n: number };
          expect(have.n, `${table} reported as saved`).toBe(ids.size);
        }
        for (const [id, m] of memos) {
          const body = (project.db.prepare('SELECT body FROM memos WHERE id = ?').get(id) as { body: string } | undefined)?.body;
          expect(body, 'a memo reported as created').toBeDefined();
          const version = body ? Number(/^Draft (\d+) /.exec(body)?.[1]) : -1;
          // The last saved text, or the one being saved when the kill came (it may have committed).
          expect([m.saved, m.trying ?? m.saved], `memo ${id}`).toContain(version);
        }
        if (merged) expect(project.db.prepare("SELECT 1 FROM codes WHERE name = 'from colleague'").get()).toBeTruthy();
      } finally {
        project.close();
      }
      for (const m of migrations) {
        if (!existsSync(m.file)) continue;
        // Read-write: a file killed mid-migration may need its journal rolled back first, as
        // any open by the app would do. Nothing else is written.
        const check = new Database(m.file);
        try {
          expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
          const version = check.pragma('user_version', { simple: true }) as number;
          expect(m.done ? [latestVersion()] : [2, latestVersion()]).toContain(version);
        } finally {
          check.close();
        }
      }
    }
    writeSuiteReport(
      'crash',
      `crash harness: ${counts.cycles} kills, ${counts.reports} reported changes checked (${migrations.length} migrations${merged ? ', merged' : ''}); ${counts.withWal} left a WAL, ${counts.sealChecked} of them checked against the file's seal (${counts.inCheckpoint} killed inside a checkpoint sealed ahead: with their WAL), ${counts.unkept} killed while saving a change (its loss reported)`,
      {
        kills: counts.cycles,
        changesChecked: counts.reports,
        migrations: migrations.length,
        withWal: counts.withWal,
        sealChecked: counts.sealChecked,
        unkept: counts.unkept,
        inCheckpoint: counts.inCheckpoint,
      },
    );
    console.log(
      `crash harness: ${counts.cycles} kills, ${counts.reports} reported changes checked (${saved.document.size} documents, ${saved.code.size} codes, ${memos.size} memos, ${migrations.length} migrations${merged ? ', merged' : ''}); ${counts.withWal} left a WAL, ${counts.sealChecked} of them checked against the file's seal (${counts.inCheckpoint} killed inside a checkpoint sealed ahead: with their WAL), ${counts.unkept} killed while saving a change (its loss reported)`,
    );
  }, 600_000);
});
