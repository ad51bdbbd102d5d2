// A memo like the seed memo, exported to all four formats from a real project file: every
// citation arrives (as a Word footnote, an HTML note, a Pandoc key, a line in the PDF), the
// tables come along, identities never do, and the redaction list reaches every file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocx } from '../documents/extract/docx.js';
import { memoProject, seedLikeMemo, SECRET_NAME, type MemoProject } from '../test-support/memo-project.js';
import { tempDir } from '../test-support/tmp.js';
import { exportMemo, fileBase } from './export-memo.js';
import { findChromium } from './export/pdf.js';
import { createMemo } from './memo-service.js';
import type { MemoExport } from './render/model.js';
import { renderMemo } from './render/render-memo.js';
import { setRedactionList } from './redaction-list.js';

const dir = tempDir();
let m: MemoProject;
let memoId: string;
let notes: string[];

const bytes = (e: MemoExport, i = 0) => Buffer.from(e.files[i]!.base64, 'base64');
const hasTool = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

beforeAll(async () => {
  m = await memoProject(dir);
  memoId = createMemo(m.project, 'Tajikistan: captured capacity', seedLikeMemo(m)).id;
  const r = renderMemo(m.project, { title: 'x', body: seedLikeMemo(m) });
  notes = r.clusters.filter((c) => c.formatted.length).map((c) => c.formatted.map((x) => x.text).join(''));
});

describe('exporting a memo', () => {
  it('DOCX: one Word footnote per citation, in order, with both tables', async () => {
    const e = await exportMemo(m.project, memoId, { format: 'docx' });
    expect(e.files[0]!.fileName).toBe('Tajikistan captured capacity.docx');
    expect(e.report).toMatchObject({ format: 'docx', citations: notes.length, unresolved: ['nokey'] });
    const zip = unzipSync(bytes(e));
    const footnotes = strFromU8(zip['word/footnotes.xml']!);
    const document = strFromU8(zip['word/document.xml']!);
    expect(footnotes.match(/<w:footnote [^>]*w:id="[1-9]/g)).toHaveLength(notes.length);
    expect(document.match(/<w:tbl>/g)).toHaveLength(2);
    const text = extractDocx(bytes(e)).text;
    let at = 0;
    for (const n of notes.map((x) => x.replace(/“|”/g, '"').slice(0, 40))) {
      const i = text.replace(/“|”/g, '"').indexOf(n, at);
      expect(i, n).toBeGreaterThan(-1);
      at = i;
    }
    expect(Object.values(zip).some((f) => strFromU8(f).includes('Qodirov'))).toBe(false);
  });

  it('HTML: self-contained, no scripts, every note present', async () => {
    const e = await exportMemo(m.project, memoId, { format: 'html' });
    const html = bytes(e).toString('utf8');
    // Escaped hostile text may read "onerror="; no tag may carry a handler or load anything.
    expect(html).not.toMatch(/<script|<[^>]*\son\w+=|src="http/i);
    expect(html.match(/class="fnref"/g)).toHaveLength(notes.length);
    expect(html).toContain('Interview with an NGO team leader, Dushanbe, 2016.');
    expect(html).toContain('&lt;script&gt;alert(');
    expect(html).not.toContain(SECRET_NAME);
  });

  it('Markdown: Pandoc keys with a CSL-JSON file beside it that resolves every one', async () => {
    const e = await exportMemo(m.project, memoId, { format: 'md', baseName: 'memo' });
    expect(e.files.map((f) => f.fileName)).toEqual(['memo.md', 'memo.json', 'chicago-fullnote-bibliography.csl']);
    const md = bytes(e).toString('utf8');
    const items = JSON.parse(bytes(e, 1).toString('utf8')) as { id: string }[];
    const keys = [...md.matchAll(/(?<!\\)-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])/gu)].map((x) => x[1]);
    expect(new Set(keys)).toEqual(new Set(items.map((i) => i.id)));
    expect(md).toMatch(/bibliography: '?memo\.json'?\n/);
    expect(md + bytes(e, 1).toString('utf8')).not.toContain(SECRET_NAME);
    if (!hasTool('pandoc')) {
      if (process.env.CI) throw new Error('pandoc is missing in CI');
      console.log('skipped the pandoc check: pandoc is not installed');
      return;
    }
    const out = join(dir, 'md');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'memo.md'), md);
    writeFileSync(join(out, 'memo.json'), bytes(e, 1));
    writeFileSync(join(out, 'chicago-fullnote-bibliography.csl'), bytes(e, 2));
    // As a reader would run it: the front matter names the bibliography and the style.
    const r = spawnSync('pandoc', ['--citeproc', '-t', 'plain', '--wrap=none', 'memo.md'], { cwd: out, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Interview with an NGO team leader, Dushanbe, 2016.');
    expect(r.stdout).toContain('Lawrence P. Markowitz, State Erosion');
    // pandoc numbers its notes [1]…[n]: as many as ours.
    expect(Math.max(...[...r.stdout.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])))).toBe(notes.length);
  });

  it('PDF: printed from the HTML, every note in the text layer', async () => {
    if (!findChromium()) {
      if (process.env.CI) throw new Error('Chromium is missing in CI');
      console.log('skipped the PDF export: no Chromium');
      return;
    }
    const e = await exportMemo(m.project, memoId, { format: 'pdf' });
    expect(bytes(e).subarray(0, 5).toString()).toBe('%PDF-');
    expect(e.report.notes.join()).toMatch(/headless Chromium/);
    const file = join(dir, 'memo.pdf');
    writeFileSync(file, bytes(e));
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    for (const n of notes) expect(text).toContain(n.replace(/\s+/g, ' ').slice(0, 30));
    expect(text).toContain('Periodization and Subnational Cases');
    expect(text).not.toContain('Qodirov');
  }, 60_000);

  it('applies the project’s redaction list to every format and reports what it removed', async () => {
    setRedactionList(m.project, ['Dushanbe', 'NGO team leader']);
    for (const format of ['md', 'docx', 'html'] as const) {
      const e = await exportMemo(m.project, memoId, { format });
      const all = e.files
        .map((f) =>
          f.fileName.endsWith('.docx')
            ? Object.values(unzipSync(Buffer.from(f.base64, 'base64')))
                .map((x) => strFromU8(x))
                .join('')
            : Buffer.from(f.base64, 'base64').toString('utf8'),
        )
        .join('');
      expect(all, format).not.toMatch(/Dushanbe|NGO team leader/);
      expect(all, format).toContain('[redacted]');
      expect(e.report.redactions.map((x) => x.term).sort()).toEqual(['Dushanbe', 'NGO team leader']);
    }
    const explicit = await exportMemo(m.project, memoId, { format: 'html', redact: [] });
    expect(bytes(explicit).toString()).toContain('Dushanbe');
    setRedactionList(m.project, []);
  });

  it('makes file names from titles without paths', () => {
    expect(fileBase('../../etc/passwd')).toBe('etc passwd');
    expect(fileBase('Отчёт: Хатлон / 2016')).toBe('Отчёт Хатлон 2016');
    expect(fileBase('***')).toBe('memo');
  });
});

describe('hostile reference fields in exports', () => {
  it('a 1 MB title with markup and control characters stays inert text in every format', async () => {
    const { createProject } = await import('../project/open-project.js');
    const { createReference } = await import('../references/reference-service.js');
    const { testAuthor } = await import('../test-support/tmp.js');
    const { project } = await createProject(join(dir, 'hostile.fieldcoder'), testAuthor, { name: 'H' });
    const title = `<b onmouseover=alert(1)>bold</b>\u0000\u0007\u001b[31m ${'Ω'.repeat(1_000_000)}`;
    const ref = createReference(project, {
      type: 'book',
      title,
      author: [{ family: '<i>Evil</i>', given: ']]><x/>' }],
      issued: { 'date-parts': [[2020]] },
    });
    const id = createMemo(project, 'Hostile', `Text [@${ref.citationKey}, p. 3].`).id;
    for (const format of ['md', 'docx', 'html'] as const) {
      const e = await exportMemo(project, id, { format });
      expect(e.report.citations, format).toBe(1);
      const main = bytes(e);
      const text =
        format === 'docx'
          ? Object.values(unzipSync(main))
              .map((x) => strFromU8(x))
              .join('')
          : main.toString('utf8');
      // eslint-disable-next-line no-control-regex
      expect(text, format).not.toMatch(/[\u0000\u0007\u001b]/);
      expect(text, format).not.toMatch(/<b onmouseover|<i>Evil|<x\/>/);
      expect(text.length, format).toBeLessThan(3_000_000);
    }
    project.close();
  }, 60_000);
});
