// The `field-coder` command as a user runs it: the built bin, in a child process.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCode } from '../coding/codes-service.js';
import { packageRoot } from '../core/paths.js';
import { latestVersion } from '../project/migrate.js';
import { openProject } from '../project/open-project.js';
import { seedFiles } from '../test-support/seeds.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';

const dir = tempDir();
const bin = join(packageRoot(), 'bin', 'field-coder.mjs');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, FIELD_CODER_HOME: join(dir, 'home') } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('field-coder CLI', () => {
  it('--help lists the commands and exits 0', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    for (const verb of ['new FILE', 'check FILE', 'framework export']) expect(r.out).toContain(verb);
  });

  it('new creates a project with the default framework; check reports it', () => {
    const r = cli('new', join(dir, 'study'), '--name', 'Tajikistan study');
    expect(r.code, r.err).toBe(0);
    const file = join(dir, 'study.fieldcoder');
    expect(existsSync(file)).toBe(true);
    const before = sha(file);
    const check = cli('check', file, '--json');
    expect(check.code, check.err).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({
      integrity: 'ok',
      schemaVersion: latestVersion(),
      name: 'Tajikistan study',
      counts: { codes: 13, documents: 0 },
    });
    expect(sha(file)).toBe(before); // check reads only
    const text = cli('check', file);
    expect(text.out).toContain('integrity ok');
  });

  it('a reader that stops early (`| head -1`) gets no stack trace, and the command exits 0', () => {
    const file = join(dir, 'piped.fieldcoder');
    expect(cli('new', file, '--name', 'Piped').code).toBe(0);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" check "${file}" | head -1; echo "status \${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      env: { ...process.env, FIELD_CODER_HOME: join(dir, 'home') },
    });
    expect(r.stdout).toMatch(/^piped\.fieldcoder: integrity ok\n$/);
    expect(r.stderr).toBe('status 0\n');
  });

  it('new refuses to overwrite: exit 1 with one line', () => {
    cli('new', join(dir, 'twice.fieldcoder'));
    const r = cli('new', join(dir, 'twice.fieldcoder'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('already exists');
  });

  it('check refuses a file that is not a project: exit 1, one line, no stack', () => {
    const junk = join(dir, 'junk.fieldcoder');
    writeFileSync(junk, 'hello');
    const r = cli('check', junk);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^field-coder: .*not an SQLite database.*\n$/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("check says when a crash cut short the change being saved (its WAL's last commit), which is not in the file", async () => {
    const file = join(dir, 'cut.fieldcoder');
    cli('new', file, '--name', 'Cut');
    const { project } = await openProject(file, testAuthor);
    createCode(project, { name: 'Kept code' });
    createCode(project, { name: 'Cut code' });
    // Two copies as a crash leaves the file: one whole, one with its last commit frame cut short.
    const [whole, cut] = ['crashed-whole', 'crashed-cut'].map((name) => {
      const copy = join(dir, `${name}.fieldcoder`);
      copyFileSync(file, copy);
      copyFileSync(`${file}-wal`, `${copy}-wal`);
      return copy;
    }) as [string, string];
    project.close();
    const wal = readFileSync(`${cut}-wal`);
    const frame = 24 + wal.readUInt32BE(8);
    let last = -1;
    for (let i = 0; 32 + (i + 1) * frame <= wal.length; i++) if (wal.readUInt32BE(32 + i * frame + 4) !== 0) last = i;
    truncateSync(`${cut}-wal`, 32 + last * frame + 100);

    expect(JSON.parse(cli('check', whole, '--json').out)).toMatchObject({ integrity: 'ok', unkeptChange: false });
    expect(cli('check', whole).out).not.toContain('LEFT BY A CRASH');
    const r = cli('check', cut);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('LEFT BY A CRASH while saving a change: that change could not be read back');
    expect(r.out).toMatch(/codes +14\n/); // the default framework's 13 and the kept one, not the cut one
  });

  it('check refuses a project that is open elsewhere', async () => {
    const file = join(dir, 'busy.fieldcoder');
    cli('new', file);
    const { project } = await openProject(file, testAuthor);
    try {
      const r = cli('check', file);
      expect(r.code).toBe(1);
      expect(r.err).toContain('open in another Field Coder');
    } finally {
      project.close();
    }
  });

  it('unknown commands and bad usage exit 1', () => {
    expect(cli('frobnicate').code).toBe(1);
    expect(cli('check').code).toBe(1);
    expect(cli('new', 'a', 'b').code).toBe(1);
    expect(cli('check', 'x', '--nope').code).toBe(1);
  });

  it('framework export then import round-trips through a file', () => {
    const file = join(dir, 'fw.fieldcoder');
    cli('new', file);
    const out = join(dir, 'fw.json');
    expect(cli('framework', 'export', file, '-o', out).code).toBe(0);
    const r = cli('framework', 'import', file, out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('2 dimensions, 4 outcomes, 7 units, 4 periods');
    writeFileSync(join(dir, 'bad.json'), '{"format": "something else"}');
    const bad = cli('framework', 'import', file, join(dir, 'bad.json'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('not valid');
  });

  it('import reports one line per file, lands the good ones and exits 1 if any was refused', () => {
    const file = join(dir, 'import.fieldcoder');
    cli('new', file);
    const junk = join(dir, 'scan.txt');
    writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)));
    const r = cli('import', file, ...seedFiles(), junk, '--kind', 'document');
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.filter((l) => l.startsWith('imported'))).toHaveLength(5);
    expect(lines[5]).toMatch(/^refused +.*scan\.txt: .*binary/);
    expect(r.err).toContain('1 of 6 files were refused');
    expect(cli('import', file, seedFiles()[0]!, '--kind', 'poem').code).toBe(1);
  });

  it('search prints hits with marked snippets, or JSON', () => {
    const file = join(dir, 'import.fieldcoder');
    const r = cli('search', file, 'Nazarov');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^\d+ of \d+ results/);
    expect(r.out).toContain('[Nazarov]');
    const json = JSON.parse(cli('search', file, 'Khatlon', '--json').out) as { expandedWith: string[]; hits: unknown[] };
    expect(json.expandedWith).toContain('Hatlon');
    expect(json.hits.length).toBeGreaterThan(0);
    const bad = cli('search', file, 'AND');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('needs a word');
  });

  it('assessments import, matrix in md/csv/json and per coder, agreement', () => {
    const file = join(dir, 'matrix.fieldcoder');
    cli('new', file);
    const csv = join(dir, 'judgements.csv');
    writeFileSync(
      csv,
      [
        'unit,period,dimension,level,coder,confidence,rationale',
        'Sughd Province,1991–1997,capability,low,Ana,high,"weak, underfunded"',
        'Sughd Province,1991–1997,willingness,high,Ana,high,',
        'Sughd Province,1991–1997,capability,low,Ben,medium,',
        'Sughd Province,1991–1997,willingness,low,Ben,medium,',
        'GBAO,1991–1997,capability,low,Ana,,',
        'GBAO,1991–1997,willingness,low,Ana,,',
        'GBAO,1991–1997,capability,low,Ben,,',
        'GBAO,1991–1997,willingness,low,Ben,,',
      ].join('\n'),
    );
    const imp = cli('assessments', 'import', file, csv);
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out).toContain('Imported 8 judgements (new coders: Ana, Ben)');

    const md = cli('matrix', file);
    expect(md.code, md.err).toBe(0);
    expect(md.out).toContain('| Sughd Province | conflict | missing | missing | missing |');
    expect(md.out).toContain('| GBAO | failed |');
    expect(cli('matrix', file, '--coder', 'ana', '--format', 'csv').out).toContain('Sughd Province,degraded,missing');
    expect(cli('matrix', file, '--coder', 'Ben', '--format', 'csv').out).toContain('Sughd Province,failed,missing');
    expect(cli('matrix', file, '--consensus', '--format', 'csv').out).toContain('GBAO,missing');
    const json = JSON.parse(cli('matrix', file, '--format', 'json').out) as { cells: { status: string }[] };
    expect(json.cells).toHaveLength(12);
    expect(cli('matrix', file, '--coder', 'Nobody').code).toBe(1);

    const agreement = cli('agreement', file, '--json');
    expect(agreement.code, agreement.err).toBe(0);
    const report = JSON.parse(agreement.out) as { perDimension: { name: string; percent: { value: number } }[]; disagreements: unknown[] };
    expect(report.perDimension.map((d) => [d.name, d.percent.value])).toEqual([
      ['Capability', 1],
      ['Willingness', 0.5],
    ]);
    expect(report.disagreements).toHaveLength(1);
    expect(cli('agreement', file).out).toContain('1 disagreeing cells');

    const codeDoc = cli('report', file, 'code-document');
    expect(codeDoc.code, codeDoc.err).toBe(0);
    expect(codeDoc.out.split('\n')[0]).toBe('code');
    expect(codeDoc.out).toContain('struggle for central control');
    expect(cli('report', file, 'pie-chart').code).toBe(1);

    const badCsv = join(dir, 'bad.csv');
    writeFileSync(badCsv, 'unit,period,dimension,level,coder\nAtlantis,1991–1997,capability,low,Ana\n');
    const bad = cli('assessments', 'import', file, badCsv);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('line 2: unknown unit "Atlantis"');
  });

  it('refs import skips likely duplicates and refs export writes CSL-JSON or BibTeX', () => {
    const file = join(dir, 'refs.fieldcoder');
    cli('new', file);
    const bib = join(dir, 'lib.bib');
    writeFileSync(
      bib,
      '@book{markowitz2013, author = {Markowitz, Lawrence P.}, title = {State Erosion}, publisher = {Cornell University Press}, year = {2013}}\n',
    );
    const first = cli('refs', 'import', file, bib);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('Imported 1 references; 0 duplicates skipped.');
    const again = cli('refs', 'import', file, bib);
    expect(again.out).toContain('looks like markowitz2013');
    expect(again.out).toContain('Imported 0 references; 1 duplicates skipped.');
    const json = JSON.parse(cli('refs', 'export', file, '--format', 'csljson').out) as { id: string; title: string }[];
    expect(json).toMatchObject([{ id: 'markowitz2013', title: 'State Erosion' }]);
    expect(cli('refs', 'export', file, '--format', 'bibtex').out).toMatch(/@book\{markowitz2013,/);
    expect(cli('refs', 'export', file, '--format', 'endnote').code).toBe(1);
  });
});
