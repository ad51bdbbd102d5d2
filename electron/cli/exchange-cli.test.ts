// `field-coder fingerprint` and `field-coder share` as a user runs them: the built bin, in a child
// process (run `node scripts/build-node.mjs` first).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../core/paths.js';
import { fingerprint } from '../exchange/fingerprint.js';
import { openProject } from '../project/open-project.js';
import { memoProject, SECRET_NAME } from '../test-support/memo-project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';

const dir = tempDir('fc-exchange-cli-');
const bin = join(packageRoot(), 'bin', 'field-coder.mjs');
const file = join(dir, 'study.fieldcoder');
const CONTACT = '+992 00 000 0000'; // memoProject's identity contact, stored nowhere else

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, FIELD_CODER_HOME: join(dir, 'home') } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
let expected: { content: ReturnType<typeof fingerprint>; all: ReturnType<typeof fingerprint> };

beforeAll(async () => {
  const { project } = await memoProject(dir, 'study.fieldcoder');
  expected = { content: fingerprint(project), all: fingerprint(project, { identities: true }) };
  project.close();
});

describe('field-coder fingerprint and share', () => {
  it('--help lists both verbs', () => {
    const r = cli('--help');
    expect(r.out).toContain('fingerprint FILE');
    expect(r.out).toContain('share FILE -o OUT');
  });

  it('fingerprint prints the short form and the full hash, reads only', () => {
    const before = sha(file);
    const r = cli('fingerprint', file);
    expect(r.code, r.err).toBe(0);
    const [short, full] = r.out.split('\n');
    expect(short).toBe(expected.content.short);
    expect(full).toBe(`sha256 ${expected.content.hash}`);
    const json = JSON.parse(cli('fingerprint', file, '--with-identities', '--json').out) as {
      short: string;
      hash: string;
      identities: boolean;
    };
    expect(json).toMatchObject({ short: expected.all.short, hash: expected.all.hash, identities: true });
    expect(sha(file)).toBe(before);
    expect(cli('fingerprint').code).toBe(1);
    expect(cli('fingerprint', join(dir, 'nothing.fieldcoder')).code).toBe(1);
  });

  it('share writes a copy without identities that fingerprints the same; the original is unchanged', async () => {
    const before = sha(file);
    const out = join(dir, 'to-send.fieldcoder');
    const r = cli('share', file, '-o', out, '--without-identities', '--without-history');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Wrote ${out}`);
    expect(r.out).toContain('Left out: identities, memo_versions.');
    expect(r.out).toContain(`Fingerprint ${expected.content.short}`);
    expect(sha(file)).toBe(before);
    expect(readFileSync(out).includes(CONTACT)).toBe(false);
    expect(cli('fingerprint', out).out.split('\n')[0]).toBe(expected.content.short);
    const { project: copy } = await openProject(out, testAuthor);
    expect(fingerprint(copy).hash).toBe(expected.content.hash);
    copy.close();

    const withIds = join(dir, 'with-identities.fieldcoder');
    const w = cli('share', file, '-o', withIds);
    expect(w.code, w.err).toBe(0);
    expect(w.out).toContain('includes identities');
    expect(readFileSync(withIds).includes(CONTACT)).toBe(true);
    expect(readFileSync(withIds).includes(SECRET_NAME)).toBe(true);
    expect(cli('fingerprint', withIds, '--with-identities').out.split('\n')[0]).toBe(expected.all.short);
  });

  it('share refuses: no -o, an existing file, the project itself, a missing folder', () => {
    expect(cli('share', file).code).toBe(1);
    const taken = join(dir, 'to-send.fieldcoder');
    const again = cli('share', file, '-o', taken);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    const self = cli('share', file, '-o', file);
    expect(self.code).toBe(1);
    expect(self.err).toContain('cannot replace the project itself');
    const missing = cli('share', file, '-o', join(dir, 'no-such-folder', 'x.fieldcoder'));
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toContain('no folder');
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });
});
