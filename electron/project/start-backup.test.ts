// The backups a merge makes: a whole-file copy (after a checkpoint) instead of the backup API's,
// and a backup whose sync and check run in a worker thread while the caller works. Either way
// the backup must hold the project as it was, pass its check before it gets its name, and leave
// nothing behind when it is discarded.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCode, listCodes } from '../coding/codes-service.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { backupDirFor, backupProject, backupWholeFile, checkBackupFile, listBackups, startBackup } from './backup.js';
import { createProject, openProject } from './open-project.js';
import type { Project } from './project.js';

const dir = tempDir();
let n = 0;

/** A project with changes still in its WAL, which a copy of the file alone would miss. */
async function projectWithWal(): Promise<{ project: Project; path: string }> {
  const path = join(dir, `s${++n}.fieldcoder`);
  const { project } = await createProject(path, testAuthor, { name: 'S' });
  project.db.pragma('wal_autocheckpoint = 0');
  for (const name of ['border', 'fuel', 'corruption']) createCode(project, { name });
  return { project, path };
}

const codeNames = (project: Project) =>
  listCodes(project)
    .map((c) => c.name)
    .sort();

const codesIn = async (file: string) => {
  const { project } = await openProject(file, { ...testAuthor, deviceId: 'fedcba9876543210' }, { inspect: true });
  try {
    return codeNames(project);
  } finally {
    project.close();
  }
};

const leftovers = (path: string) => readdirSync(backupDirFor(path)).filter((f) => /\.partial|-wal$|-shm$/.test(f));

describe('backups made for a merge', () => {
  it('a whole-file copy holds what was in the WAL, is checked and named', async () => {
    const { project, path } = await projectWithWal();
    const want = codeNames(project);
    const file = (await backupWholeFile(project.db, path, 'pre-merge')).path;
    project.close();
    expect(leftovers(path)).toEqual([]);
    expect(checkBackupFile(file).schemaVersion).toBeGreaterThan(0);
    expect(await codesIn(file)).toEqual(want);
  });

  it('checked in a worker: named only once it passed, waited for either way', async () => {
    const { project, path } = await projectWithWal();
    const want = codeNames(project);
    const backup = await startBackup(project.db, path, 'pre-merge');
    expect(listBackups(path)).toEqual([]); // not a backup until it passed its check
    const file = await backup.ready();
    expect(listBackups(path).map((b) => b.path)).toEqual([file]);
    expect(leftovers(path)).toEqual([]);
    expect(await codesIn(file)).toEqual(want);
    // The same, waited for without yielding (as a merge does inside its transaction).
    const again = await startBackup(project.db, path, 'pre-merge');
    const second = again.readySync();
    expect(listBackups(path).map((b) => b.path)).toEqual([second, file]);
    expect(leftovers(path)).toEqual([]);
    expect(await codesIn(second)).toEqual(want);
    project.close();
  });

  it('copied in the worker while the caller writes on: the backup holds the project as it was when it started', async () => {
    const { project, path } = await projectWithWal();
    const want = codeNames(project);
    const backup = await startBackup(project.db, path, 'pre-merge');
    // A merge writes on meanwhile, into the WAL: the file the worker copies stays as it was.
    project.db.transaction(() => {
      for (let i = 0; i < 200; i++) createCode(project, { name: `written meanwhile ${i}` });
    })();
    const file = backup.readySync();
    expect(await codesIn(file)).toEqual(want);
    expect(listCodes(project)).toHaveLength(want.length + 200);
    project.close();
  });

  it('discarded: nothing is left, and no older backup was pruned for it', async () => {
    const { project, path } = await projectWithWal();
    const kept = await backupProject(project.db, path, 'daily');
    const backup = await startBackup(project.db, path, 'pre-merge');
    await backup.discard();
    expect(listBackups(path).map((b) => b.path)).toEqual([kept]);
    expect(leftovers(path)).toEqual([]);
    expect(existsSync(kept)).toBe(true);
    project.close();
  });
});
