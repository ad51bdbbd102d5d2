import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemo } from '../../memos/memo-service.js';
import { SECRET_NAME } from '../../test-support/memo-project.js';
import { tempDir } from '../../test-support/tmp.js';
import { exportQdpx, type ExportReport } from './export-qdpx.js';
import { codedProject, EMOJI_TEXT, type CodedProject } from './test-project.js';
import { schemaErrors } from './validate-xml.js';
import { attr, text } from './xml-out.js';

const dir = tempDir('fc-refi-export-');
let m: CodedProject;
let bytes: Uint8Array;
let report: ExportReport;
let files: Record<string, Uint8Array>;
let qde: string;

beforeAll(async () => {
  m = await codedProject(dir);
  // Characters XML 1.0 forbids, and markup, in a memo: stripped and escaped, never invalid.
  createMemo(m.project, 'Hostile <memo> & "quotes"', 'a\u0001b\uFFFEc\r\nd ]]> <![CDATA[ e');
  ({ bytes, report } = await exportQdpx(m.project));
  files = unzipSync(bytes);
  qde = strFromU8(files['project.qde']!);
});

describe('REFI-QDA export', () => {
  it('validates against Project.xsd with xmllint-wasm and with Debian’s xmllint', async () => {
    expect(await schemaErrors(qde)).toEqual([]);
    const out = join(dir, 'unpacked');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'project.qde'), qde);
    const xsd = join(import.meta.dirname, '../../../resources/refi-qda/Project.xsd');
    const result = execFileSync('/usr/bin/xmllint', ['--noout', '--schema', xsd, join(out, 'project.qde')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(result).toBe('');
  });

  it('is a zip of project.qde and one UTF-8 text per source, named by GUID', () => {
    const docs = m.project.db.prepare('SELECT id FROM documents WHERE deleted = 0 ORDER BY rid').all() as { id: string }[];
    expect(Object.keys(files)).toEqual(['project.qde', ...docs.map((d) => `sources/${d.id}.txt`)]);
    expect(qde).toContain('xmlns="urn:QDA-XML:project:1.0"');
    for (const d of docs) expect(qde).toContain(`plainTextPath="internal://${d.id}.txt"`);
    expect(strFromU8(files[`sources/${m.fieldnoteId}.txt`]!)).toBe(EMOJI_TEXT);
  });

  it('writes no local path and no identity, masking names in texts without moving positions', () => {
    const everything = [qde, ...Object.values(files).map((f) => strFromU8(f))].join('\n');
    expect(everything).not.toContain(SECRET_NAME);
    expect(everything).not.toContain('Rustam');
    expect(everything).not.toContain('+992');
    expect(everything).not.toContain(dir);
    expect(everything).not.toContain(m.project.path);
    expect(qde).not.toMatch(/basePath|file:|absolute:|relative:/);
    const ngo = m.project.db.prepare("SELECT id, text FROM documents WHERE pseudonym = 'R07'").get() as { id: string; text: string };
    const exported = strFromU8(files[`sources/${ngo.id}.txt`]!);
    expect([...exported].length).toBe([...ngo.text].length);
    expect(exported).toContain('██████ ███████ told me so');
    expect(report.approximated.join('\n')).toMatch(/3 occurrences of interviewees’ names/);
  });

  it('counts selection positions in code points of the source text', () => {
    const source = [...strFromU8(files[`sources/${m.fieldnoteId}.txt`]!)];
    const rows = m.project.db.prepare('SELECT id, text FROM excerpts WHERE document_id = ? AND deleted = 0').all(m.fieldnoteId) as {
      id: string;
      text: string;
    }[];
    expect(rows.length).toBe(3);
    for (const r of rows) {
      const sel = new RegExp(`guid="${r.id}" startPosition="(\\d+)" endPosition="(\\d+)"`).exec(qde)!;
      expect(source.slice(Number(sel[1]), Number(sel[2])).join('')).toBe(r.text);
    }
    expect(rows.map((r) => r.text)).toContain('café 🍵 was closed');
  });

  it('escapes markup and drops characters XML forbids', () => {
    expect(qde).toContain('name="Hostile &lt;memo&gt; &amp; &quot;quotes&quot;"');
    expect(qde).toContain('<PlainTextContent>abc&#13;\nd ]]&gt; &lt;![CDATA[ e</PlainTextContent>');
    expect(qde).toContain('Trade outside the state’s view &amp; &lt;rules&gt;.');
    // SQLite cannot hold a lone surrogate, so that case is checked on the escaper itself.
    expect(text('x\uD800y\uDC00z😀')).toBe('xyz😀');
    expect(attr('a\tb\nc"')).toBe('a&#9;b&#10;c&quot;');
  });

  it('writes codes with hierarchy and #RRGGBB colours, codings and excerpt notes', () => {
    expect(qde).toMatch(
      new RegExp(
        `<Code guid="${m.codeIds.parent}" name="Informal economy" isCodable="true" color="#AA5500"><Description>[^<]*</Description><Code guid="${m.codeIds.child}" name="Bazaar" isCodable="true" color="#ff00cc"/></Code>`,
      ),
    );
    expect(qde).toContain(`<CodeRef targetGUID="${m.codeIds.other}"/>`);
    expect(qde).toContain('Tea 🍵 &amp; talk');
    expect(report.written).toMatchObject({ sources: 3, selections: 4, codings: 4, memos: 2, excerptNotes: 2, users: 2 });
  });

  it('gives the same GUIDs and the same bytes when exported again', async () => {
    const again = await exportQdpx(m.project);
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
    const guids = (xml: string) => [...xml.matchAll(/guid="([^"]+)"/g)].map((x) => x[1]);
    expect(guids(strFromU8(unzipSync(again.bytes)['project.qde']!))).toEqual(guids(qde));
  });

  it('reports assessments as approximated and the framework, references and history as omitted', () => {
    expect(report.approximated.join('\n')).toMatch(/25 framework assessments .* note “Assessment: unit × period × dimension = level”/);
    expect(report.written.assessmentNotes).toBe(25);
    expect(qde).toContain('Assessment: Sughd Province × 2005–2010 × Capability = high');
    expect(qde).toMatch(/Evidence:\n- “each respective \[security\] agency/);
    const omitted = report.omitted.join('\n');
    expect(omitted).toMatch(/outcome rules/);
    expect(omitted).toMatch(/4 references with their CSL data/);
    expect(omitted).toMatch(/saved memo versions/);
    expect(omitted).toMatch(/1 identities .* never exported/);
  });
});
