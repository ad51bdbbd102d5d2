// Creating, reopening and refusing project files, on real SQLite files on disk.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { getFramework } from '../framework/framework-service.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { backupDirFor } from './backup.js';
import { APPLICATION_ID } from './format.js';
import { latestVersion, migrate } from './migrate.js';
import { createProject, openProject } from './open-project.js';

const dir = tempDir();
let n = 0;
const fresh = (): string => join(dir, `p${++n}.fieldcoder`);

async function makeProject(): Promise<string> {
  const path = fresh();
  const { project } = await createProject(path, testAuthor, { name: 'Fixture' });
  project.close();
  return path;
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Opening must fail with `code` and leave every byte of the file as it was. */
async function expectRefusal(path: string, code: string): Promise<AppError> {
  const before = sha(path);
  const err = await openProject(path, testAuthor).then(
    () => {
      throw new Error('expected the project to be refused');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message.length).toBeGreaterThan(10);
  expect(sha(path)).toBe(before);
  expect(existsSync(`${path}-wal`)).toBe(false);
  return err as AppError;
}

describe('creating a project', () => {
  it('writes a Field Coder SQLite file with the current schema, WAL and the default framework', async () => {
    const path = fresh();
    const { project } = await createProject(path, testAuthor, { name: 'Tajikistan study' });
    expect(project.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(project.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(project.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(project.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(project.name).toBe('Tajikistan study');
    const fw = getFramework(project);
    expect(fw.dimensions.map((d) => d.key)).toEqual(['capability', 'willingness']);
    project.close();
    expect(readdirSync(dir).filter((f) => f.includes('creating'))).toEqual([]);
  });

  it('keeps what was written across close and reopen', async () => {
    const path = await makeProject();
    const { project } = await openProject(path, testAuthor);
    const id = project.write((stamp) => {
      project.db
        .prepare("INSERT INTO memos(id, title, body, stamp, coder_id) VALUES ('m1', 'First memo', 'Khatlon', ?, ?)")
        .run(stamp(), project.coderId);
      return 'm1';
    });
    project.close();
    const again = (await openProject(path, testAuthor)).project;
    expect(again.db.prepare('SELECT title FROM memos WHERE id = ?').get(id)).toEqual({ title: 'First memo' });
    // the clock resumes after the last stamp written, so changes stay ordered across sessions
    const last = again.getMeta('clock')!;
    expect(again.clock.next() > last).toBe(true);
    again.close();
  });

  it('refuses to overwrite an existing file', async () => {
    const path = await makeProject();
    const before = sha(path);
    await expect(createProject(path, testAuthor, { name: 'x' })).rejects.toMatchObject({ code: 'exists' });
    expect(sha(path)).toBe(before);
  });
});

describe('opening refuses, without changing a byte', () => {
  it('a file that does not exist', async () => {
    await expect(openProject(join(dir, 'missing.fieldcoder'), testAuthor)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a text file', async () => {
    const path = fresh();
    writeFileSync(path, 'Interview with an NGO team leader, Dushanbe, 2016\n'.repeat(10));
    await expectRefusal(path, 'not_sqlite');
  });

  it('an empty file', async () => {
    const path = fresh();
    writeFileSync(path, '');
    await expectRefusal(path, 'not_sqlite');
  });

  it('an SQLite database that is not a Field Coder project', async () => {
    const path = fresh();
    const db = new Database(path);
    db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1);');
    db.close();
    await expectRefusal(path, 'not_project');
  });

  it('a project from a newer Field Coder', async () => {
    const path = await makeProject();
    const db = new Database(path);
    db.pragma(`user_version = ${latestVersion() + 1}`);
    db.close();
    const err = await expectRefusal(path, 'newer_version');
    expect(err.message).toMatch(/newer Field Coder/);
  });

  it('a truncated project file', async () => {
    const path = await makeProject();
    const size = readFileSync(path).length;
    truncateSync(path, Math.floor(size / 2));
    await expectRefusal(path, 'corrupt');
  });

  it('a project file with flipped bytes in its pages', async () => {
    const path = await makeProject();
    const buf = readFileSync(path);
    const pageSize = buf.readUInt16BE(16) || 65536;
    // Scramble the second half of every page after the first: b-tree cells and their pointers.
    for (let page = 1; page * pageSize < buf.length; page++) {
      for (let i = page * pageSize + 8; i < (page + 1) * pageSize && i < buf.length; i += 7) buf[i] = buf[i]! ^ 0x5a;
    }
    writeFileSync(path, buf);
    await expectRefusal(path, 'corrupt');
  });

  it('a read-only project file', async () => {
    const path = await makeProject();
    chmodSync(path, 0o444);
    try {
      await expectRefusal(path, 'read_only');
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it('a project that another process has open', async () => {
    const path = await makeProject();
    // A second process opens the project the way Field Coder does and holds it.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)});
         db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE; COMMIT');
         process.stdout.write('holding\\n'); setTimeout(() => db.close(), 20000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('holding') && resolve());
        holder.on('exit', () => reject(new Error('holder exited early')));
      });
      const before = sha(path);
      await expect(openProject(path, testAuthor)).rejects.toMatchObject({ code: 'locked' });
      expect(sha(path)).toBe(before);
    } finally {
      holder.kill();
    }
  });

  it('a second open of a project this process holds', async () => {
    const path = await makeProject();
    const { project } = await openProject(path, testAuthor);
    try {
      await expect(openProject(path, testAuthor)).rejects.toMatchObject({ code: 'locked' });
    } finally {
      project.close();
    }
  });
});

describe('opening an older project', () => {
  it('backs the file up with the backup API, then migrates it in place', async () => {
    const path = fresh();
    // A schema-1 Field Coder file with a row in it. (Its schema must be exactly version 1's:
    // a file with tables of its own is refused, see schema-check.test.ts.)
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 1);
    db.prepare("INSERT INTO meta(key, value) VALUES ('legacy_marker', '42')").run();
    db.close();
    const { project, backup } = await openProject(path, testAuthor);
    expect(project.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    project.close();
    expect(backup).toBeDefined();
    expect(backup!.startsWith(backupDirFor(path))).toBe(true);
    const old = new Database(backup!, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    expect(old.prepare("SELECT value FROM meta WHERE key = 'legacy_marker'").get()).toEqual({ value: '42' });
    expect(old.pragma('quick_check', { simple: true })).toBe('ok');
    old.close();
  });

  it('a project of the previous schema version is backed up and upgraded, keeping its rows', async () => {
    const path = fresh();
    // Build a version-(latest - 1) project by applying all but the last migration.
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, latestVersion() - 1);
    db.prepare(
      "INSERT INTO memos(id, title, body, stamp) VALUES ('m-old', 'Old memo', 'Kept', '2026-01-01T00:00:00.000Z-0000-0123456789abcdef')",
    ).run();
    db.close();
    const { project, backup } = await openProject(path, testAuthor);
    expect(project.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(project.db.prepare("SELECT body FROM memos WHERE id = 'm-old'").get()).toEqual({ body: 'Kept' });
    project.close();
    const old = new Database(backup!, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(latestVersion() - 1);
    old.close();
  });

  it('copies of one file opened elsewhere keep their own device stamps', async () => {
    const path = await makeProject();
    const copy = fresh();
    copyFileSync(path, copy);
    const other = { ...testAuthor, deviceId: 'fedcba9876543210', coderId: '00000000-0000-4000-8000-000000000002', coderName: 'Colleague' };
    const { project } = await openProject(copy, other);
    expect(project.db.prepare('SELECT name FROM coders WHERE id = ?').get(other.coderId)).toEqual({ name: 'Colleague' });
    expect(project.clock.next().endsWith('fedcba9876543210')).toBe(true);
    project.close();
  });
});
