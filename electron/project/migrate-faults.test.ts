// Issue 8: "a migration that fails at any step (inject an error at each) leaves the file at its
// previous version and passing integrity; the pre-migration backup always exists".
//
// From a real project file at every older version (0 .. latest-1, the rows of a project made
// through the services), the upgrade that opening it starts is failed at every step: before the
// backup and after it, before every statement of every pending migration and after the last, before
// and after the user_version bump, at the COMMIT itself (a deferred foreign key makes SQLite refuse
// it), and after it. Then: the file is at its previous version (or, failed after COMMIT, complete
// at the new one), passes integrity_check, holds exactly its rows, has no WAL left, and its bytes
// are as they were; the pre-migration backup exists (when the failure came after it), passes
// quick_check and holds the same rows; and a later ordinary open upgrades it to the same content
// as an upgrade that never failed. Also real faults without hooks: the backups folder cannot be
// made, and a disk that fills up during the backup or during the upgrade. Migrations are read
// from migrations/, so a new one is covered as soon as it lands. Then SIGKILL during the upgrade
// of a biggish file. MIGRATION_FAULTS=all is the long form (every statement of every later
// migration from every start, a kill at every step).
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../core/paths.js';
import { contentDump, copyAtVersion, dumpFile, buildRealProject, type ContentDump } from '../faults/real-project.js';
import { writeSuiteReport } from '../faults/report.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { backupDirFor, checkBackupFile, listBackups } from './backup.js';
import { latestVersion, loadMigrations, migrate, splitStatements, type MigrationStep } from './migrate.js';
import { openProject } from './open-project.js';

const dir = tempDir('fc-migfault-');
/** MIGRATION_FAULTS=all: every statement of every later migration from every start, and a kill at every step. */
const ALL = process.env.MIGRATION_FAULTS === 'all';
const KILL_ALL = ALL;
const LATEST = latestVersion();
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

interface Start {
  version: number;
  path: string;
  dump: ContentDump;
  /** The same file after an upgrade that did not fail. */
  upgraded: ContentDump;
}
const starts: Start[] = [];
let full: string;
const tally = { starts: 0, points: 0, statements: 0, hookless: 0, kills: 0 };

/** Tables whose rows an upgrade of a file with no coder row yet adds to (the coder, the clock). */
const WRITTEN_AT_FIRST_OPEN = new Set(['coders', 'meta']);

function sameContent(actual: ContentDump, expected: ContentDump, start: number, what: string): void {
  if (start > 0) {
    expect(actual.digest, what).toBe(expected.digest);
    return;
  }
  for (const t of Object.keys(expected.tables).filter((t) => !WRITTEN_AT_FIRST_OPEN.has(t)))
    expect(actual.tables[t], `${what}: ${t}`).toBe(expected.tables[t]);
  expect(Object.keys(actual.tables).sort(), what).toEqual(Object.keys(expected.tables).sort());
}

let n = 0;
/** A copy of the start file in a folder of its own (so its backups are its own). */
function workCopy(start: Start): string {
  const d = join(dir, `w${++n}`);
  mkdirSync(d);
  const path = join(d, 'project.fieldcoder');
  copyFileSync(start.path, path);
  return path;
}

beforeAll(async () => {
  // Every kind of row, few of them: the upgrade is the same, and the ~200 fault points stay quick.
  full = await buildRealProject(dir, 'full.fieldcoder', { seeds: 3 });
  for (let v = 0; v < LATEST; v++) {
    const path = join(dir, `v${v}.fieldcoder`);
    copyAtVersion(full, path, v);
    const start = { version: v, path, dump: dumpFile(path), upgraded: undefined as unknown as ContentDump };
    const probe = join(dir, `v${v}-upgraded.fieldcoder`);
    copyFileSync(path, probe);
    (await openProject(probe, testAuthor)).project.close();
    start.upgraded = dumpFile(probe);
    starts.push(start);
  }
}, 120_000);

afterAll(() => {
  const migrations = loadMigrations();
  writeSuiteReport(
    'migration-faults',
    `migration faults: ${tally.points} fault points (${tally.statements} statement boundaries over ${migrations.length} migrations, from ${tally.starts} older versions) + ${tally.hookless} real faults, ${tally.kills} kills; every file at its previous version, intact, backup present`,
    { ...tally, migrations: migrations.length },
  );
});

type Fault = { step: MigrationStep; how: 'throw' } | { step: MigrationStep; how: 'commit-refused' };

/** Every step of opening (and so upgrading) a file at version `from`. */
function faultPoints(from: number): Fault[] {
  const points: Fault[] = [
    { step: { at: 'backup', phase: 'before' }, how: 'throw' },
    { step: { at: 'backup', phase: 'after' }, how: 'throw' },
  ];
  for (const m of loadMigrations().filter((m) => m.version > from)) {
    const of = splitStatements(m.sql).length;
    // Every statement of the next migration; of later ones (run in the same transaction), the
    // first, middle and last in the short form.
    for (let index = 0; index <= of; index++)
      if (ALL || m.version === from + 1 || index === 0 || index === of || index === Math.floor(of / 2))
        points.push({ step: { at: 'statement', version: m.version, index, of }, how: 'throw' });
  }
  points.push(
    { step: { at: 'user_version', phase: 'before' }, how: 'throw' },
    { step: { at: 'user_version', phase: 'after' }, how: 'throw' },
    // The COMMIT itself fails: a row breaking a deferred foreign key makes SQLite refuse it.
    { step: { at: 'user_version', phase: 'after' }, how: 'commit-refused' },
    { step: { at: 'commit', phase: 'after' }, how: 'throw' },
  );
  return points;
}

const label = (f: Fault) => `${f.how === 'commit-refused' ? 'COMMIT refused' : JSON.stringify(f.step)}`;
const same = (a: MigrationStep, b: MigrationStep) => JSON.stringify(a) === JSON.stringify(b);

class Injected extends Error {}

/** The file and its backups after a failed upgrade, checked against the start. */
function checkAfterFailure(path: string, start: Start, f: Fault, bytesBefore: string): void {
  const what = `from v${start.version}, failed at ${label(f)}`;
  const committed = f.step.at === 'commit';
  expect(existsSync(`${path}-wal`), `${what}: a WAL left behind`).toBe(false);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('user_version', { simple: true }), what).toBe(committed ? LATEST : start.version);
    expect(db.pragma('integrity_check', { simple: true }), what).toBe('ok');
    expect(db.pragma('foreign_key_check'), what).toEqual([]);
    if (committed) sameContent(contentDump(db), start.upgraded, start.version, what);
    else expect(contentDump(db).digest, what).toBe(start.dump.digest);
  } finally {
    db.close();
  }
  if (!committed) expect(sha(path), `${what}: the file's bytes changed`).toBe(bytesBefore);
  const backups = listBackups(path);
  const leftovers = existsSync(backupDirFor(path)) ? readdirSync(backupDirFor(path)).filter((f) => !f.endsWith('.fieldcoder')) : [];
  expect(leftovers, `${what}: partial backups left`).toEqual([]);
  if (f.step.at === 'backup' && f.step.phase === 'before') {
    expect(backups, what).toEqual([]);
    return;
  }
  expect(
    backups.map((b) => b.reason),
    what,
  ).toEqual(['pre-migration']);
  expect(checkBackupFile(backups[0]!.path).schemaVersion, what).toBe(start.version);
  expect(dumpFile(backups[0]!.path).digest, `${what}: the backup's rows`).toBe(start.dump.digest);
}

/** A later ordinary open upgrades the file to what an upgrade that never failed gives. */
async function checkLaterOpen(path: string, start: Start, what: string): Promise<void> {
  const { project } = await openProject(path, testAuthor);
  try {
    expect(project.db.pragma('user_version', { simple: true }), what).toBe(LATEST);
    expect(project.db.pragma('integrity_check', { simple: true }), what).toBe('ok');
    sameContent(contentDump(project.db), start.upgraded, start.version, `${what}, then opened`);
  } finally {
    project.close();
  }
}

describe('a migration failing at any step', () => {
  it('is split into statements exactly as SQLite runs it: same schema as running it whole', () => {
    for (const m of loadMigrations()) {
      const parts = splitStatements(m.sql);
      expect(parts.join(''), m.name).toBe(m.sql);
      const whole = new Database(':memory:');
      const split = new Database(':memory:');
      migrate(whole, m.version - 1);
      migrate(split, m.version - 1);
      whole.exec(m.sql);
      for (const p of parts) {
        // One statement each: prepare() refuses more than one.
        split.exec(p);
      }
      const schema = (db: Database.Database) => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all();
      expect(schema(split), m.name).toEqual(schema(whole));
      whole.close();
      split.close();
    }
  });

  for (let from = 0; from < LATEST; from++) {
    it(`from version ${from}: fails at every step and leaves the file as it was, with its backup`, async () => {
      const start = starts[from]!;
      tally.starts++;
      for (const f of faultPoints(from)) {
        tally.points++;
        if (f.step.at === 'statement') tally.statements++;
        const path = workCopy(start);
        const bytesBefore = sha(path);
        let reached = false;
        const hook = (step: MigrationStep, db: Database.Database) => {
          if (!same(step, f.step)) return;
          reached = true;
          if (f.how === 'throw') throw new Injected(`injected at ${label(f)}`);
          db.pragma('defer_foreign_keys = ON');
          db.prepare("INSERT INTO refs(id, citation_key, stamp, coder_id) VALUES ('fault', 'fault', 's', 'no such coder')").run();
        };
        const err = await openProject(path, testAuthor, { onMigrationStep: hook }).then(
          (r) => {
            r.project.close();
            return null;
          },
          (e: unknown) => e,
        );
        expect(reached, `from v${from}: step ${label(f)} never came`).toBe(true);
        if (f.how === 'throw') expect(err, label(f)).toBeInstanceOf(Injected);
        else expect(String((err as Error | null)?.message), label(f)).toMatch(/FOREIGN KEY constraint failed/);
        checkAfterFailure(path, start, f, bytesBefore);
        await checkLaterOpen(path, start, `from v${from}, failed at ${label(f)}`);
        rmSync(join(path, '..'), { recursive: true, force: true });
      }
    }, 300_000);
  }
});

describe('real faults around an upgrade', () => {
  it('a backups folder that cannot be made: refused in words, nothing upgraded, nothing written', async () => {
    for (const start of starts) {
      tally.hookless++;
      const path = workCopy(start);
      writeFileSync(backupDirFor(path), 'not a folder');
      const before = sha(path);
      await expect(openProject(path, testAuthor)).rejects.toMatchObject({ code: 'read_only', message: /backup.*did not upgrade/ });
      expect(sha(path)).toBe(before);
      expect(existsSync(`${path}-wal`)).toBe(false);
      rmSync(backupDirFor(path));
      await checkLaterOpen(path, start, `from v${start.version} after a failed backup`);
    }
  });

  // A small tmpfs (needs root, as in CI): a disk that fills up while the backup is written, and
  // one that fills up during the upgrade itself.
  const mnt = mkdtempSync(join(tmpdir(), 'fc-migfull-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt]).status === 0;
  afterAll(() => {
    if (mounted) spawnSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });
  if (!mounted) console.log('migration disk-full faults skipped: cannot mount a tmpfs here (not root?)');

  /** Leaves about `free` bytes on the tmpfs. */
  function fill(name: string, free: number): void {
    const st = spawnSync('df', ['-B1', '--output=avail', mnt], { encoding: 'utf8' });
    const avail = Number(st.stdout.trim().split('\n').pop());
    writeFileSync(join(mnt, name), Buffer.alloc(Math.max(0, avail - free), 1));
  }

  it.skipIf(!mounted)('a disk that fills up during the backup or during the upgrade: refused as a full disk, file as it was', async () => {
    const start = starts[LATEST - 1]!;
    const size = statSync(start.path).size;
    // During the backup: room for the project, not for its copy.
    for (const [what, free, hookAt] of [
      ['the backup', Math.floor(size / 2), undefined],
      ['the upgrade', 0, 'after-backup'],
    ] as const) {
      tally.hookless++;
      for (const f of readdirSync(mnt)) rmSync(join(mnt, f), { recursive: true, force: true });
      const path = join(mnt, 'project.fieldcoder');
      copyFileSync(start.path, path);
      const before = sha(path);
      if (!hookAt) fill('filler', free);
      // During the upgrade: the disk fills up just after the backup was written.
      const hook = (step: MigrationStep) => {
        if (hookAt && step.at === 'backup' && step.phase === 'after') fill('filler', free);
      };
      const err = await openProject(path, testAuthor, { onMigrationStep: hook }).then(
        (r) => {
          r.project.close();
          return null;
        },
        (e: unknown) => e,
      );
      if (err === null) {
        // The upgrade fitted in what was left: then it must be complete.
        console.log(`migration disk-full: ${what} fitted in the space left`);
      } else {
        expect(err, what).toMatchObject({ code: 'disk_full', message: /disk is full/ });
        expect(existsSync(`${path}-wal`), what).toBe(false);
        rmSync(join(mnt, 'filler'), { force: true }); // a reader needs room for its WAL index
        const db = new Database(path, { readonly: true });
        try {
          expect(db.pragma('user_version', { simple: true }), what).toBe(start.version);
          expect(db.pragma('integrity_check', { simple: true }), what).toBe('ok');
          expect(contentDump(db).digest, what).toBe(start.dump.digest);
        } finally {
          db.close();
        }
        expect(sha(path), what).toBe(before);
        if (hookAt) expect(dumpFile(listBackups(path)[0]!.path).digest, what).toBe(start.dump.digest);
        else expect(listBackups(path), what).toEqual([]);
      }
      rmSync(join(mnt, 'filler'), { force: true });
      await checkLaterOpen(path, start, `after a full disk during ${what}`);
    }
  });
});

// SIGKILL during the upgrade of a biggish file (the crash harness kills upgrades of an empty one):
// at chosen steps, and at moments spread over the time a whole open takes. The file must then
// be at its previous version with its rows (or complete at the new one), pass integrity_check,
// any backup with a name must be sound and hold the rows, and the next open upgrades it.
describe('SIGKILL during an upgrade', () => {
  const worker = join(packageRoot(), 'electron', 'faults', 'migrate-kill-worker.ts');
  let big: Start;

  beforeAll(async () => {
    const path = await buildRealProject(dir, 'big-latest.fieldcoder', { copies: 8 });
    const old = join(dir, 'big-old.fieldcoder');
    copyAtVersion(path, old, LATEST - 1);
    const probe = join(dir, 'big-upgraded.fieldcoder');
    copyFileSync(old, probe);
    (await openProject(probe, testAuthor)).project.close();
    big = { version: LATEST - 1, path: old, dump: dumpFile(old), upgraded: dumpFile(probe) };
  }, 120_000);

  function run(
    path: string,
    opts: { step?: MigrationStep; killAfterMs?: number },
  ): Promise<{ signal: string | null; out: string; err: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', worker, path, ...(opts.step ? [JSON.stringify(opts.step)] : [])], {
        cwd: packageRoot(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (opts.killAfterMs !== undefined && out.includes('opening\n')) setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (_code, signal) => {
        clearTimeout(guard);
        resolve({ signal, out, err });
      });
    });
  }

  async function checkAfterKill(path: string, what: string): Promise<void> {
    // Read-write, as the app's next open would be: a killed transaction's WAL frames are dropped.
    const db = new Database(path);
    let version: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      expect([big.version, LATEST], what).toContain(version);
      expect(db.pragma('integrity_check', { simple: true }), what).toBe('ok');
      expect(contentDump(db).digest, what).toBe(version === LATEST ? big.upgraded.digest : big.dump.digest);
    } finally {
      db.close();
    }
    for (const b of listBackups(path)) {
      expect(checkBackupFile(b.path).schemaVersion, `${what}: backup ${b.file}`).toBe(big.version);
      expect(dumpFile(b.path).digest, `${what}: backup ${b.file}`).toBe(big.dump.digest);
    }
    if (version === LATEST) expect(listBackups(path).length, `${what}: upgraded without a backup`).toBe(1);
    await checkLaterOpen(path, big, what);
  }

  it(`at chosen steps${KILL_ALL ? ' (all of them)' : ''}, and at moments spread over an open`, async () => {
    const points = faultPoints(big.version).filter((f) => f.how === 'throw');
    const chosen = KILL_ALL
      ? points
      : points.filter((f) =>
          f.step.at === 'statement'
            ? f.step.index === Math.floor(f.step.of / 2)
            : (f.step.at === 'backup' && f.step.phase === 'after') || f.step.at === 'commit',
        );
    for (const f of chosen) {
      const path = workCopy(big);
      const r = await run(path, { step: f.step });
      expect(r.signal, `${label(f)}: ${r.err}`).toBe('SIGKILL');
      tally.kills++;
      await checkAfterKill(path, `killed at ${label(f)}`);
    }
    // How long a whole open takes here, then kills spread over it (no timing is asserted).
    const path = workCopy(big);
    const t0 = performance.now();
    const whole = await run(path, {});
    expect(whole.out, whole.err).toContain('opened');
    const ms = performance.now() - t0;
    console.log(
      `migration kills: a ${(statSync(big.path).size / 1e6).toFixed(1)} MB file at v${big.version} opens (upgrades) in ${ms.toFixed(0)} ms in a child`,
    );
    const moments = KILL_ALL ? 12 : 2;
    for (let k = 1; k <= moments; k++) {
      const p = workCopy(big);
      const r = await run(p, { killAfterMs: Math.floor((ms * k) / (moments + 1)) % Math.max(1, ms) });
      if (r.signal === 'SIGKILL') tally.kills++;
      await checkAfterKill(p, `killed ${k}/${moments + 1} of the way through an open`);
    }
  }, 600_000);
});
