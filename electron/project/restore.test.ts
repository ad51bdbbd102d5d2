// Backups and restores: every backup is checked before it gets its name, the newest are kept,
// a daily one is made while in use, and a restore — of a sound or a damaged project — keeps the
// project as it was first and never writes to a damaged file.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session, handleFor } from '../app/session.js';
import { createCode, listCodes } from '../coding/codes-service.js';
import { importPastedText } from '../documents/document-service.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { backupDirFor, backupProject, dailyBackupIfDue, KEEP_BACKUPS, listBackups } from './backup.js';
import { latestVersion } from './migrate.js';
import { createProject, openProject } from './open-project.js';
import { restoreBackup } from './restore.js';

const dir = tempDir();
let n = 0;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function scramble(path: string): void {
  const buf = readFileSync(path);
  const pageSize = buf.readUInt16BE(16) || 65536;
  for (let page = 1; page * pageSize < buf.length; page++) {
    for (let i = page * pageSize + 8; i < (page + 1) * pageSize && i < buf.length; i += 7) buf[i] = buf[i]! ^ 0x5a;
  }
  writeFileSync(path, buf);
}

describe('backups', () => {
  it('are checked, named by reason and version, kept to the newest few', async () => {
    const path = join(dir, `b${++n}.fieldcoder`);
    const { project } = await createProject(path, testAuthor, { name: 'B' });
    const first = await backupProject(project.db, path, 'pre-merge');
    expect(listBackups(path)[0]).toMatchObject({ file: first.split('/').pop(), reason: 'pre-merge', schemaVersion: latestVersion() });
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) await backupProject(project.db, path, 'daily');
    expect(listBackups(path)).toHaveLength(KEEP_BACKUPS);
    expect(readdirSync(backupDirFor(path)).some((f) => f.endsWith('.partial'))).toBe(false);
    project.close();
  });

  it('makes a daily backup when the newest is a day old', async () => {
    const path = join(dir, `d${++n}.fieldcoder`);
    const { project } = await createProject(path, testAuthor, { name: 'D' });
    expect(await dailyBackupIfDue(project.db, path)).toMatch(/\.daily\.fieldcoder$/);
    expect(await dailyBackupIfDue(project.db, path)).toBeNull();
    expect(await dailyBackupIfDue(project.db, path, Date.now() + 25 * 3600 * 1000)).toMatch(/\.daily/);
    project.close();
  });
});

describe('restoring', () => {
  it('puts a backup back and keeps the project as it was as a backup', async () => {
    const path = join(dir, `r${++n}.fieldcoder`);
    const { project } = await createProject(path, testAuthor, { name: 'R' });
    createCode(project, { name: 'kept in the backup' });
    const b = await backupProject(project.db, path, 'daily');
    createCode(project, { name: 'made after the backup' });
    project.close();
    const r = await restoreBackup(path, b.split('/').pop()!);
    expect(r.keptAs).toMatch(/pre-restore\.fieldcoder$/);
    const back = (await openProject(path, testAuthor)).project;
    const names = listCodes(back).map((c) => c.name);
    expect(names).toContain('kept in the backup');
    expect(names).not.toContain('made after the backup');
    back.close();
    const before = (await openProject(r.keptAs, testAuthor, { inspect: true })).project;
    expect(listCodes(before).map((c) => c.name)).toContain('made after the backup');
    before.close();
  });

  it('restores over a damaged file without writing to it, setting its bytes aside', async () => {
    const path = join(dir, `x${++n}.fieldcoder`);
    const { project } = await createProject(path, testAuthor, { name: 'X' });
    createCode(project, { name: 'precious' });
    await backupProject(project.db, path, 'daily');
    project.close();
    scramble(path);
    const damaged = sha(path);
    await expect(openProject(path, testAuthor)).rejects.toMatchObject({ code: 'corrupt' });
    expect(sha(path)).toBe(damaged);
    writeFileSync(`${path}-wal`, 'stale wal of the damaged file');
    const r = await restoreBackup(path, 'latest');
    expect(r.keptAs).toMatch(/\.damaged$/);
    expect(sha(r.keptAs)).toBe(damaged);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const back = (await openProject(path, testAuthor)).project;
    expect(listCodes(back).map((c) => c.name)).toContain('precious');
    back.close();
  });

  it('refuses a backup whose search index does not match its text, before anything is replaced', async () => {
    const path = join(dir, `f${++n}.fieldcoder`);
    const { project } = await createProject(path, testAuthor, { name: 'F' });
    importPastedText(project, 'Transcript', 'The checkpoint at Khorog was staffed at night.', 'interview');
    // The index loses the document's words: quick_check (every backup's check) cannot see that.
    project.db.exec("INSERT INTO documents_fts(documents_fts, rowid, title, text) SELECT 'delete', rid, title, text FROM documents");
    const bad = (await backupProject(project.db, path, 'daily')).split('/').pop()!;
    project.db.exec("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')");
    createCode(project, { name: 'made after the backup' });
    project.close();
    const before = sha(path);
    await expect(restoreBackup(path, bad)).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/backup is damaged \(search index documents_fts does not match its text.*project was not changed/s),
    });
    expect(sha(path)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes(`f${n}.fieldcoder.restoring`))).toEqual([]);
    expect(listBackups(path).map((b) => b.reason)).toEqual(['daily']);
    const still = (await openProject(path, testAuthor)).project;
    expect(listCodes(still).map((c) => c.name)).toContain('made after the backup');
    still.close();
  });

  it('refuses a name that is not one of the project’s backups', async () => {
    const path = join(dir, `y${++n}.fieldcoder`);
    (await createProject(path, testAuthor, { name: 'Y' })).project.close();
    await expect(restoreBackup(path, '../../etc/passwd')).rejects.toMatchObject({ code: 'not_found' });
    await expect(restoreBackup(path, 'latest')).rejects.toThrow(/no backups/);
  });

  it('the session restores a project that fails to open, by handle, and opens it', async () => {
    const session = new Session(join(dir, 'home'));
    const summary = await session.create('Field study');
    createCode(session.requireProject(), { name: 'precious' });
    const path = session.requireProject().path;
    await backupProject(session.requireProject().db, path, 'daily');
    session.closeProject();
    scramble(path);
    await expect(session.open(handleFor(path))).rejects.toMatchObject({ code: 'corrupt' });
    expect(session.backups(summary.handle).length).toBeGreaterThan(0);
    const opened = await session.restore(summary.handle, 'latest');
    expect(opened.keptAs).toMatch(/\.damaged$/);
    expect(listCodes(session.requireProject()).map((c) => c.name)).toContain('precious');
    session.closeProject();
  });
});
