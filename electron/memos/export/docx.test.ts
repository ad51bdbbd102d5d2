import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../documents/extract/docx.js';
import { tempDir } from '../../test-support/tmp.js';
import type { RenderedMemo } from '../render/model.js';
import { HOSTILE, sampleMemo } from '../render/sample.test-data.js';
import { memoToDocx } from './docx.js';

const dir = tempDir('fc-docx-export-');

function writeDocx(name: string, memo: RenderedMemo): string {
  const path = join(dir, name);
  writeFileSync(path, memoToDocx(memo));
  return path;
}

function unzipParts(path: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(path)))) parts[name] = strFromU8(bytes);
  return parts;
}

/** Fails unless each needle occurs in `text` after the one before it. */
function expectInOrder(text: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    expect(at, `${JSON.stringify(needle)} after offset ${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

const all = (xml: string, re: RegExp): string[] => [...xml.matchAll(re)].map((m) => m[1] ?? m[0]);

const NOTES = [
  'Lawrence P. Markowitz, State Erosion (Ithaca: Cornell University Press, 2013), 24.',
  'Stephen Watts et al., Countering Others’ Insurgencies (Santa Monica: RAND, 2015).',
  'Interview with a law-enforcement official, Dushanbe, 2016.',
  `See Markowitz, State Erosion, 30; ${HOSTILE}.`,
];
const BIBLIOGRAPHY = [
  'Markowitz, Lawrence P. State Erosion. Ithaca: Cornell University Press, 2013.',
  'Watts, Stephen, et al. Countering Others’ Insurgencies. Santa Monica: RAND, 2015.',
];

describe('memoToDocx', () => {
  it('reads back with the DOCX importer: blocks in order, footnotes in order, hostile text literal', () => {
    const memo = sampleMemo(true);
    const extracted = extractDocx(readFileSync(writeDocx('chicago.docx', memo)));
    const [body = '', notes = ''] = extracted.text.split('\n\nNotes\n\n');

    expect(extracted.title).toBe(memo.title);
    expectInOrder(body, [
      memo.title,
      'Conceptual framework',
      'State capacity has two dimensions and four outcomes[1]. See the archive and code().\n' + HOSTILE,
      'Table 1. Outcomes of State Capacities',
      '\tHigh willingness\tLow willingness\nHigh capability\tHegemonic\tCaptured\nLow capability\tDegraded\tFailed[2]',
      'Evidence',
      '“each respective [security] agency functions as an individual silo”[3]',
      'first point',
      `second point, with ${HOSTILE}[4]`,
      'one\n\ntwo',
      'SELECT 1;\n<b>not bold</b>',
      'Unresolved: [@nokey]',
      'Bibliography',
      ...BIBLIOGRAPHY,
    ]);
    expect(notes.split('\n\n')).toEqual(NOTES.map((n, i) => `[${i + 1}] ${n}`));
  });

  it('writes well-formed parts with real footnotes, styles, a table and an external link', () => {
    const path = writeDocx('parts.docx', sampleMemo(true));
    const parts = unzipParts(path);
    const xmlFiles = Object.keys(parts).map((name) => {
      const file = join(dir, 'parts', name);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, parts[name]!);
      return file;
    });
    // xmllint exits non-zero (and execFileSync throws) if any part is not well-formed.
    execFileSync('xmllint', ['--noout', ...xmlFiles]);

    const document = parts['word/document.xml']!;
    const footnotes = parts['word/footnotes.xml']!;
    const styles = parts['word/styles.xml']!;

    expect(all(footnotes, /<w:footnote w:type="(\w+)" w:id="-?\d+">/g)).toEqual(['separator', 'continuationSeparator']);
    expect(all(footnotes, /<w:footnote w:id="(\d+)">/g)).toEqual(['1', '2', '3', '4']);
    expect(all(document, /<w:footnoteReference w:id="(\d+)"\/>/g)).toEqual(['1', '2', '3', '4']);
    expect(all(document, /<w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference/g)).toHaveLength(4);
    const firstNote = /<w:footnote w:id="1">.*?<\/w:footnote>/.exec(footnotes)?.[0] ?? '';
    expect(firstNote).toContain('<w:pStyle w:val="FootnoteText"/>');
    expect(firstNote).toContain('<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">State Erosion</w:t></w:r>');

    expect(all(document, /<w:tbl>/g)).toHaveLength(1);
    expect(all(document, /<w:tblHeader\/>/g)).toHaveLength(1);
    expect(document).toContain('<w:tblStyle w:val="TableGrid"/>');
    expect(document).toContain('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">High willingness</w:t></w:r>');
    expect(document).toMatch(/<w:pStyle w:val="Caption"\/><\/w:pPr><w:r><w:t xml:space="preserve">Table 1\. /);
    for (const [id, name] of [
      ['Title', 'Title'],
      ['Heading1', 'heading 1'],
      ['Heading6', 'heading 6'],
      ['Quote', 'Quote'],
      ['FootnoteText', 'footnote text'],
      ['FootnoteReference', 'footnote reference'],
      ['TableGrid', 'Table Grid'],
      ['Bibliography', 'Bibliography'],
    ]) {
      expect(styles).toMatch(new RegExp(`w:styleId="${id}"( w:default="1")?><w:name w:val="${name}"/>`));
    }

    const linkId = /<w:hyperlink r:id="(\w+)"/.exec(document)?.[1];
    expect(parts['word/_rels/document.xml.rels']).toContain(
      `Id="${linkId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/a?b=1&amp;c=2" TargetMode="External"/>`,
    );
    expect(all(parts['word/numbering.xml']!, /<w:num w:numId="(\d+)">/g)).toEqual(['1', '2']);

    // Hostile text stays text: escaped everywhere, never a raw tag.
    expect(document).not.toContain('<script>');
    expect(document).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;w:p/&gt; ]]&gt;');
    expect(document).toContain('<w:color w:val="FF0000"/></w:rPr><w:t xml:space="preserve">[@nokey]</w:t>');
    expect(parts['docProps/core.xml']).not.toMatch(/creator|lastModifiedBy/);

    // Same memo, same bytes: no timestamps, so re-exports do not show up as changes.
    expect(Buffer.from(memoToDocx(sampleMemo(true))).equals(readFileSync(path))).toBe(true);
  });

  it('drops characters XML forbids and writes tabs and newlines as Word tabs and breaks', () => {
    const memo = sampleMemo(true);
    memo.title = 'Nul\u0000 and \uFFFE and lone \uD800 surrogate';
    memo.blocks = [{ type: 'paragraph', content: [{ text: 'a\tb\nc\u000Bd \u{1F600}' }] }];
    const path = writeDocx('illegal.docx', memo);
    const document = unzipParts(path)['word/document.xml']!;
    expect(document).toContain('<w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t><w:br/>');
    const extracted = extractDocx(readFileSync(path));
    expect(extracted.title).toBe('Nul and and lone surrogate');
    expect(extracted.text).toContain('a\tb\ncd \u{1F600}');
  });

  it('gives a link inside a footnote a relationship of the footnotes part', () => {
    const memo = sampleMemo(true);
    memo.clusters[0]!.formatted.push({ text: 'doi', href: 'https://doi.org/10.1/x' });
    const parts = unzipParts(writeDocx('note-link.docx', memo));
    const linkId = /<w:hyperlink r:id="(\w+)"/.exec(parts['word/footnotes.xml']!)?.[1];
    expect(parts['word/_rels/footnotes.xml.rels']).toContain(`Id="${linkId}"`);
    expect(parts['word/_rels/footnotes.xml.rels']).toContain('Target="https://doi.org/10.1/x" TargetMode="External"');
  });

  it('puts author-date citations in the text and writes no footnotes', () => {
    const path = writeDocx('apa.docx', sampleMemo(false));
    const parts = unzipParts(path);
    expect(all(parts['word/footnotes.xml']!, /<w:footnote [^>]*>/g)).toHaveLength(2);
    expect(parts['word/document.xml']).not.toContain('footnoteReference');

    const { text } = extractDocx(readFileSync(path));
    expect(text).not.toContain('Notes');
    expectInOrder(text, [
      `outcomes${NOTES[0]}. See the archive`,
      `Failed${NOTES[1]}`,
      `silo”${NOTES[2]}`,
      `${HOSTILE}${NOTES[3]}`,
      'Unresolved: [@nokey]',
      'References',
      ...BIBLIOGRAPHY,
    ]);
  });
});

function onPath(name: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(folder, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

const soffice = onPath('soffice') ?? onPath('libreoffice');
const pdftotext = onPath('pdftotext');
const missing = !soffice ? 'LibreOffice (soffice) is not on PATH' : !pdftotext ? 'pdftotext (poppler-utils) is not on PATH' : undefined;
// Developers without LibreOffice still get a green run; CI installs it, so there it must run.
if (missing && !process.env.CI) console.log(`docx.test.ts: skipping the LibreOffice round trip: ${missing}`);

describe('memoToDocx in LibreOffice', () => {
  it.skipIf(missing !== undefined && !process.env.CI)(
    'converts to PDF with headings, table cells and footnotes in order',
    async () => {
      if (!soffice || !pdftotext) throw new Error(`${missing}; CI must install it`);
      const run = promisify(execFile);
      const docx = writeDocx('round-trip.docx', sampleMemo(true));
      const out = join(dir, 'pdf');
      // A fresh profile, so a running LibreOffice or another test's profile lock cannot interfere.
      const profile = pathToFileURL(join(dir, 'lo-profile')).href;
      await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, docx], {
        timeout: 120_000,
      });
      const { stdout } = await run(pdftotext, ['-layout', join(out, 'round-trip.pdf'), '-']);
      const text = stdout.replace(/\s+/g, ' ');

      expectInOrder(text, [
        'Tajikistan: captured state capacity',
        'Conceptual framework',
        'State capacity has two dimensions',
        HOSTILE,
        'Table 1. Outcomes of State Capacities',
        'High willingness Low willingness',
        'High capability Hegemonic Captured',
        'Low capability Degraded Failed',
        'Evidence',
        'first point',
        '1. one',
        '2. two',
        'SELECT 1;',
        'Unresolved: [@nokey]',
        'Bibliography',
        ...BIBLIOGRAPHY,
      ]);
      // Notes sit at the foot of their page, so they are checked in order among themselves.
      expectInOrder(text, NOTES);
    },
    150_000,
  );
});
