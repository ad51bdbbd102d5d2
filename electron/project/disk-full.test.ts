// Saving to a full disk fails with a clear message and leaves the project exactly as it was;
// an export to a full disk leaves no partial file. (A read-only file is refused at opening:
// open-project.test.ts.) Uses a small
// tmpfs mounted for the test (needs root, as in CI); skipped with the reason elsewhere.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createCode, listCodes } from '../coding/codes-service.js';
import { importFiles, importPastedText } from '../documents/document-service.js';
import { writeFileAtomic } from '../core/write-file.js';
import { mergeProject } from '../exchange/merge/merge.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { backupProject, listBackups } from './backup.js';
import { createProject, openProject } from './open-project.js';
import { restoreBackup } from './restore.js';

// A colleague's file, off the small disk.
const elsewhere = tempDir();
// Not under tempDir(): the mount must go before its folder is removed.
const mnt = mkdtempSync(join(tmpdir(), 'fc-stick-'));
const mount = (...opts: string[]) => spawnSync('mount', ['-t', 'tmpfs', '-o', opts.join(','), 'tmpfs', mnt], { encoding: 'utf8' });
const mounted = mount('size=4m').status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [mnt]);
  rmSync(mnt, { recursive: true, force: true });
});
beforeEach(() => {
  for (const f of readdirSync(mnt)) rmSync(join(mnt, f), { recursive: true, force: true });
});
if (!mounted) console.log('disk-full tests skipped: cannot mount a tmpfs here (not root?)');

/** Incompressible text, so it really takes the space it claims. */
const noise = (bytes: number) => {
  let s = '';
  let x = 7;
  while (s.length < bytes) s += ((x = (x * 48271) % 2147483647) % 1e9).toString(36) + ' ';
  return s;
};

/** Fills the small disk with a file of its own, `filler`, leaving `room` bytes free. */
const fillLeaving = (room: number) => {
  const free = Number(spawnSync('df', ['-B1', '--output=avail', mnt], { encoding: 'utf8' }).stdout.trim().split('\n').pop());
  writeFileSync(join(mnt, 'filler'), Buffer.alloc(Math.max(0, free - room)));
};

describe.skipIf(!mounted)('a full disk', () => {
  it('a project left by a crash opens even without room for the copy it is checked as', async () => {
    const path = join(mnt, 'working.fieldcoder');
    (await createProject(path, testAuthor, { name: 'Crashed' })).project.close();
    const { project } = await openProject(path, testAuthor);
    for (const name of ['saved before the crash', 'and this']) createCode(project, { name });
    const crashed = join(mnt, 'crashed.fieldcoder');
    writeFileSync(crashed, readFileSync(path));
    writeFileSync(`${crashed}-wal`, readFileSync(`${path}-wal`));
    project.close();
    rmSync(path);
    fillLeaving(statSync(crashed).size / 2);
    const reopened = await openProject(crashed, testAuthor);
    expect(reopened.seal).toBe('intact'); // checked in place
    expect(listCodes(reopened.project).map((c) => c.name)).toEqual(expect.arrayContaining(['saved before the crash', 'and this']));
    reopened.project.close();
    expect(readdirSync(mnt).filter((f) => f.startsWith('.fieldcoder-check'))).toEqual([]);
  });

  it('a change too big for the disk is refused with a clear message; the project is as it was', async () => {
    const path = join(mnt, 'full.fieldcoder');
    const { project } = await createProject(path, testAuthor, { name: 'Full' });
    createCode(project, { name: 'before the disk filled' });
    expect(() => importPastedText(project, 'Huge transcript', noise(6_000_000), 'interview')).toThrow(/disk is full/);
    expect(() => createCode(project, { name: 'x'.repeat(200) })).not.toThrow(); // small writes still fit
    project.close();
    const again = (await openProject(path, testAuthor)).project;
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(again.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
    expect(listCodes(again).map((c) => c.name)).toContain('before the disk filled');
    again.close();
  });

  it('a group of files too big for the disk is refused file by file, and none of it is written', async () => {
    const path = join(mnt, 'group.fieldcoder');
    const { project } = await createProject(path, testAuthor, { name: 'Group' });
    const files = [1, 2, 3].map((i) => ({ fileName: `t${i}.txt`, bytes: Buffer.from(noise(1_500_000 + i)) }));
    const outcomes = await importFiles(project, [...files, { fileName: 'scan.pdf', bytes: Buffer.from('not a pdf') }], 'interview');
    expect(outcomes.map((o) => [o.fileName, o.status])).toEqual([
      ['t1.txt', 'refused'],
      ['t2.txt', 'refused'],
      ['t3.txt', 'refused'],
      ['scan.pdf', 'refused'],
    ]);
    expect(outcomes[0]!.message).toMatch(/disk is full/);
    expect(project.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
    project.close();
  });

  it('a restore that does not fit beside the project is refused in words; the project is as it was', async () => {
    const path = join(mnt, 'restore.fieldcoder');
    const { project } = await createProject(path, testAuthor, { name: 'Restore' });
    importPastedText(project, 'Transcript', noise(150_000), 'interview');
    const backup = (await backupProject(project.db, path, 'daily')).split('/').pop()!;
    createCode(project, { name: 'made after the backup' });
    project.close();
    const sha = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const before = sha();
    expect(statSync(path).size).toBeGreaterThan(300_000);
    // Room for nothing (the backup's check cannot make its index file), then room for the check
    // but not for the copy that would replace the project.
    for (const [room, said] of [
      [0, /disk is full, so this backup could not be checked.*Nothing was changed/],
      [150_000, /disk is full, so the backup could not be copied beside the project.*project is as it was/],
    ] as const) {
      fillLeaving(room);
      await expect(restoreBackup(path, backup)).rejects.toMatchObject({ code: 'disk_full', message: expect.stringMatching(said) });
      expect(sha()).toBe(before);
      expect(readdirSync(mnt).filter((f) => f.includes('.restoring'))).toEqual([]);
      expect(listBackups(path).map((b) => b.file)).toEqual([backup]);
      rmSync(join(mnt, 'filler'));
    }
    const again = (await openProject(path, testAuthor)).project;
    expect(listCodes(again).map((c) => c.name)).toContain('made after the backup');
    again.close();
  });

  it('a merge whose backup does not fit is refused in words; the project is as it was', async () => {
    const path = join(mnt, 'merge.fieldcoder');
    const theirs = join(elsewhere, 'theirs.fieldcoder');
    const { project } = await createProject(path, testAuthor, { name: 'Merge' });
    importPastedText(project, 'Transcript', noise(150_000), 'interview');
    await project.db.backup(theirs);
    project.close();
    const colleague = { deviceId: 'fedcba9876543210', coderId: '00000000-0000-4000-8000-000000000002', coderName: 'Colleague' };
    const other = (await openProject(theirs, colleague)).project;
    createCode(other, { name: 'the colleague’s code' });
    other.close();
    const ours = (await openProject(path, testAuthor)).project;
    // Room for the merge's few pages, not for the backup of the whole project made before it.
    fillLeaving(150_000);
    await expect(mergeProject(ours, theirs)).rejects.toMatchObject({ code: 'disk_full', message: expect.stringMatching(/disk is full/) });
    expect(listCodes(ours).map((c) => c.name)).not.toContain('the colleague’s code');
    expect(readdirSync(join(mnt, 'merge.backups'))).toEqual([]);
    ours.close();
    rmSync(join(mnt, 'filler'));
  });

  it('an export to a full disk leaves no partial file', () => {
    expect(() => writeFileAtomic(join(mnt, 'memo.docx'), new Uint8Array(8_000_000))).toThrow(/disk is full/);
    expect(spawnSync('ls', [mnt], { encoding: 'utf8' }).stdout).not.toMatch(/memo\.docx/);
  });
});
