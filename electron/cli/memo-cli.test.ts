// `field-coder memo import` and `field-coder export memo`, run as a user runs them: the built
// bin in a child process, against a project file like the seed memo's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../core/paths.js';
import { findChromium } from '../memos/export/pdf.js';
import { memoProject, seedLikeMemo } from '../test-support/memo-project.js';
import { tempDir } from '../test-support/tmp.js';

const dir = tempDir();
const bin = join(packageRoot(), 'bin', 'field-coder.mjs');
const file = join(dir, 'memo.fieldcoder');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, FIELD_CODER_HOME: join(dir, 'home') } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  const m = await memoProject(dir);
  writeFileSync(join(dir, 'memo.md'), `---\ntitle: "Seed memo"\nauthor: x\n---\n\n${seedLikeMemo(m)}\nAnd [@ghost2019, p. 3].\n`);
  m.project.close();
});

describe('memo CLI', () => {
  it('imports a Markdown memo, taking its title from the front matter and listing unresolved keys', () => {
    const r = cli('memo', 'import', file, join(dir, 'memo.md'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Imported memo "Seed memo"/);
    expect(r.out).toContain('Unresolved citation keys (2): nokey, ghost2019');
  });

  it('exports the memo to DOCX with a footnote per citation', () => {
    const out = join(dir, 'seed.docx');
    const r = cli('export', 'memo', file, 'seed memo', '--format', 'docx', '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/8 citations of 6 sources/);
    expect(r.out).toContain('Unresolved citation keys: nokey, ghost2019');
    const footnotes = strFromU8(unzipSync(readFileSync(out))['word/footnotes.xml']!);
    expect(footnotes).toContain('Interview with an NGO team leader, Dushanbe, 2016.');
  });

  it('exports Markdown with its bibliography and style beside it, and redacts on request', () => {
    const out = join(dir, 'md-out.md');
    const r = cli('export', 'memo', file, 'Seed memo', '--format', 'md', '--style', 'apa', '--redact', 'Dushanbe', '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(dir, 'md-out.json'))).toBe(true);
    expect(existsSync(join(dir, 'apa.csl'))).toBe(true);
    expect(r.out).toMatch(/Redacted "Dushanbe" \d+ times/);
    expect(readFileSync(join(dir, 'md-out.json'), 'utf8')).not.toContain('Dushanbe');
  });

  it('says clearly what is wrong: unknown memo, bad format, missing -o', () => {
    expect(cli('export', 'memo', file, 'Nope', '--format', 'html', '-o', join(dir, 'x.html'))).toMatchObject({ code: 1 });
    expect(cli('export', 'memo', file, 'Nope', '--format', 'html', '-o', join(dir, 'x.html')).err).toMatch(/No memo called "Nope"/);
    expect(cli('export', 'memo', file, 'Seed memo', '--format', 'rtf', '-o', join(dir, 'x.rtf')).err).toMatch(
      /--format is one of md, docx, html, pdf/,
    );
    expect(cli('export', 'memo', file, 'Seed memo', '--format', 'html').err).toMatch(/usage: field-coder export memo/);
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });

  it('exports PDF through headless Chromium, or says how to get it', () => {
    const out = join(dir, 'seed.pdf');
    if (!findChromium()) {
      const r = cli('export', 'memo', file, 'Seed memo', '--format', 'pdf', '-o', out);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Chromium/);
      return;
    }
    const r = cli('export', 'memo', file, 'Seed memo', '--format', 'pdf', '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/PDF printed by headless Chromium/);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const missing = spawnSync(
      process.execPath,
      [bin, 'export', 'memo', file, 'Seed memo', '--format', 'pdf', '-o', join(dir, 'none.pdf')],
      {
        encoding: 'utf8',
        env: { ...process.env, FIELD_CODER_HOME: join(dir, 'home'), FIELD_CODER_CHROMIUM: join(dir, 'no-chromium') },
      },
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Chromium/);
    expect(existsSync(join(dir, 'none.pdf'))).toBe(false);
  }, 60_000);
});
