// `field-coder merge` and `field-coder conflicts` as a user runs them (the built bin), and a
// merge killed with SIGKILL at random moments: the project must open, pass its integrity
// check and hold either none or all of the merge.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCode, listCodes, updateCode } from '../coding/codes-service.js';
import { createExcerpt } from '../coding/excerpts-service.js';
import { importPastedText } from '../documents/document-service.js';
import { packageRoot } from '../core/paths.js';
import { createProject, openProject } from '../project/open-project.js';
import type { Author } from '../project/project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';

const dir = tempDir();
const bin = join(packageRoot(), 'bin', 'field-coder.mjs');
const colleague: Author = { deviceId: 'fedcba9876543210', coderId: '00000000-0000-4000-8000-000000000002', coderName: 'Colleague' };
const env = { ...process.env, FIELD_CODER_HOME: join(dir, 'home') };
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const ours = join(dir, 'ours.fieldcoder');
const theirs = join(dir, 'theirs.fieldcoder');

beforeAll(async () => {
  const a = (await createProject(ours, testAuthor, { name: 'Shared' })).project;
  const code = createCode(a, { name: 'border' });
  await a.db.backup(theirs);
  updateCode(a, code.id, { name: 'border posts' });
  a.close();
  const b = (await openProject(theirs, colleague)).project;
  updateCode(b, code.id, { name: 'borders' });
  createCode(b, { name: 'religion' });
  // Enough rows that a merge takes a while, for the kill test.
  const doc = importPastedText(b, 'Long interview', 'word '.repeat(40_000), 'interview').document!;
  b.db.transaction(() => {
    for (let i = 0; i < 20_000; i++) createExcerpt(b, { documentId: doc.id, start: i * 5, end: i * 5 + 4, codeIds: [] });
  })();
  b.close();
}, 120_000);

describe('merge CLI', () => {
  it('a dry run lists the changes and the conflict and changes nothing', () => {
    const r = cli('merge', ours, theirs, '--dry-run');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Dry run: nothing was changed');
    expect(r.out).toMatch(/codes: 1 new, 1 changed/);
    expect(r.out).toMatch(/excerpts: 20000 new/);
    expect(r.out).toMatch(/1 conflict\(s\)/);
    expect(cli('conflicts', ours).out).toBe('No open conflicts.\n');
  });

  it('refuses the project itself, a missing file and a non-project, changing nothing', () => {
    expect(cli('merge', ours, ours).err).toMatch(/This is the project itself/);
    expect(cli('merge', ours, join(dir, 'nope.fieldcoder')).code).toBe(1);
    const notProject = join(dir, 'notes.txt');
    spawnSync('sh', ['-c', `echo hello > ${notProject}`]);
    expect(cli('merge', ours, notProject).err).toMatch(/not|damaged/i);
  });

  it('survives SIGKILL mid-merge: the file opens, passes integrity and holds all or none of it', async () => {
    let complete = 0;
    let none = 0;
    // Kills later and later (with jitter) until one merge gets to finish.
    // Bounded in time too: on a loaded machine every kill may land before the commit.
    const until = Date.now() + 60_000;
    for (let i = 0; i < 12 && Date.now() < until; i++) {
      const child = spawn(process.execPath, [bin, 'merge', ours, theirs], { env, stdio: 'ignore' });
      // Listening from the start: a merge that finishes before the kill has exited already.
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, 100 + i * 150 + Math.random() * 100));
      child.kill('SIGKILL');
      await exited;
      const { project } = await openProject(ours, testAuthor);
      expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const excerpts = (project.db.prepare('SELECT count(*) AS n FROM excerpts').get() as { n: number }).n;
      const codes = listCodes(project).map((c) => c.name);
      if (excerpts === 20_000) {
        complete++;
        expect(codes).toContain('religion');
        project.close();
        break;
      }
      expect(excerpts).toBe(0);
      expect(codes).not.toContain('religion');
      none++;
      project.close();
    }
    console.log(`merge kill test: ${none} killed before commit, ${complete} completed`);
    const r = cli('merge', ours, theirs, '--json');
    expect(r.code, r.err).toBe(0);
    const list = cli('conflicts', ours);
    expect(list.out).toMatch(/codes\.name \(borders\) "borders" shown, "border posts" kept/);
  }, 240_000);
});
