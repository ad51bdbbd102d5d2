// The two CLI verbs, run in-process as `field-coder` would run them.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/commands.js';
import { packageRoot } from '../../core/paths.js';
import { tempDir } from '../../test-support/tmp.js';
import { codedProject } from './test-project.js';

const dir = tempDir('fc-refi-cli-');
const SAMPLE = join(packageRoot(), '..', 'shared', 'refi-qda', 'sample-qc-demo.qdpx');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

beforeAll(async () => {
  process.env.FIELD_CODER_HOME = join(dir, 'home');
  const m = await codedProject(dir, 'study.fieldcoder');
  m.project.close();
});

describe('field-coder export qdpx / import .qdpx', () => {
  it('exports a project and prints what was approximated and left out', async () => {
    const r = await cli('export', 'qdpx', join(dir, 'study.fieldcoder'), '-o', join(dir, 'study.qdpx'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Wrote .*study\.qdpx: 2 users, 16 codes, 3 sources, 4 selections, 4 codings/);
    expect(r.out).toMatch(/approximated: 25 framework assessments/);
    expect(r.out).toMatch(/left out: 1 identities/);
    expect(existsSync(join(dir, 'study.qdpx'))).toBe(true);
  });

  it('imports .qdpx files beside ordinary documents, and refuses a broken one with exit 1', async () => {
    expect((await cli('new', join(dir, 'other'))).code).toBe(0);
    const target = join(dir, 'other.fieldcoder');
    const r = await cli('import', target, join(dir, 'study.qdpx'), SAMPLE);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/imported .*study\.qdpx \(REFI-QDA project\): .*3 documents, 4 excerpts, 4 codings/);
    expect(r.out).toMatch(
      /imported .*sample-qc-demo\.qdpx \(REFI-QDA project\): 1 coders, 262 codes, 2 documents, 158 excerpts, 205 codings/,
    );
    expect(r.out).toMatch(/skipped: 158 selection names/);

    writeFileSync(join(dir, 'broken.qdpx'), 'not a zip');
    const bad = await cli('import', target, join(dir, 'broken.qdpx'));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/refused .*broken\.qdpx: broken\.qdpx is not a zip archive/);
  });

  it('needs -o and a .qdpx name', async () => {
    expect((await cli('export', 'qdpx', join(dir, 'study.fieldcoder'))).err).toMatch(/usage: field-coder export qdpx FILE -o OUT\.qdpx/);
    expect((await cli('export', 'qdpx', join(dir, 'study.fieldcoder'), '-o', join(dir, 'x.zip'))).code).toBe(1);
  });
});
