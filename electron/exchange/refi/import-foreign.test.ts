// Files as other tools write them: a codebook (.qdc), and a project whose .qde is named after
// the project, with "Sources/" capitalised, Windows line ends, inline text, cases, notes and
// parts Field Coder does not hold (pictures, audio, video, a PDF without text, sets, links, graphs).
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../project/open-project.js';
import type { Project } from '../../project/project.js';
import { tempDir, testAuthor } from '../../test-support/tmp.js';
import { importRefi, type ImportReport } from './import-qdpx.js';
import { schemaErrors } from './validate-xml.js';

const G = (n: number) => `{AAAAAAAA-0000-4000-8000-${String(n).padStart(12, '0')}}`;
const g = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

const CODEBOOK = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Other tool">
  <Codes>
    <Code guid="${G(1)}" name="Emotions" isCodable="false" color="#C0C">
      <Description>Folder &amp; parent</Description>
      <Code guid="${G(2)}" name="Joy" isCodable="true" color="#00FF7F"/>
      <Code guid="${G(3)}" name="Fear" isCodable="true"/>
    </Code>
  </Codes>
  <Sets><Set guid="${G(4)}" name="Some"><MemberCode guid="${G(2)}"/></Set></Sets>
</CodeBook>`;

const TEXT = 'First line\r\nCafe\u0301 talk 🌍 here.\r\nLast line';
const PROJECT = `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Other" basePath="C:/Users/someone/Project">
  <Users><User guid="${G(10)}" name="Ana"/><User guid="${G(11)}" name="Test Coder"/></Users>
  <CodeBook><Codes><Code guid="${G(2)}" name="Joy" isCodable="true"/><Code guid="${G(20)}" name="Place" isCodable="true"><NoteRef targetGUID="${G(55)}"/></Code></Codes></CodeBook>
  <Variables><Variable guid="${G(30)}" name="ROLE" typeOfVariable="Text"/><Variable guid="${G(31)}" name="Age" typeOfVariable="Integer"/><Variable guid="${G(32)}" name="Date of interview" typeOfVariable="Date"/></Variables>
  <Cases><Case guid="${G(40)}" name="Person A"><VariableValue><VariableRef targetGUID="${G(30)}"/><TextValue>teacher</TextValue></VariableValue><VariableValue><VariableRef targetGUID="${G(31)}"/><IntegerValue>42</IntegerValue></VariableValue><VariableValue><VariableRef targetGUID="${G(32)}"/><DateValue>2020-02-03</DateValue></VariableValue><SourceRef targetGUID="${G(50)}"/></Case></Cases>
  <Sources>
    <TextSource guid="${G(50)}" name="Interview A" plainTextPath="internal://${G(50).slice(1, -1)}.txt" creatingUser="${G(10)}">
      <Description>Recorded in a café</Description>
      <PlainTextSelection guid="${G(60)}" name="talk" startPosition="12" endPosition="26" creatingUser="${G(11)}">
        <Description>Talk about café</Description>
        <Coding guid="${G(61)}" creatingUser="${G(10)}"><CodeRef targetGUID="${G(2)}"/></Coding>
        <Coding guid="${G(62)}"><CodeRef targetGUID="${G(999)}"/></Coding>
        <NoteRef targetGUID="${G(70)}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(63)}" startPosition="30" endPosition="9999"/>
      <Coding guid="${G(64)}"><CodeRef targetGUID="${G(20)}"/></Coding>
      <NoteRef targetGUID="${G(71)}"/>
    </TextSource>
    <TextSource guid="${G(51)}" name="Inline"><PlainTextContent>Inline text, no file.</PlainTextContent></TextSource>
    <TextSource guid="${G(52)}" name="Elsewhere" plainTextPath="absolute:///C:/data/x.txt"/>
    <PictureSource guid="${G(80)}" name="Photo" path="internal://x.jpg"/>
    <PDFSource guid="${G(81)}" name="Scan" path="internal://x.pdf"/>
    <AudioSource guid="${G(82)}" name="Audio" path="internal://x.m4a"/>
    <VideoSource guid="${G(83)}" name="Video" path="internal://x.mp4"/>
  </Sources>
  <Notes>
    <Note guid="${G(70)}" name="Selection note"><PlainTextContent>About this passage.</PlainTextContent></Note>
    <Note guid="${G(71)}" name="Source note"><PlainTextContent>About the whole interview.</PlainTextContent></Note>
    <Note guid="${G(72)}" name="Project memo"><PlainTextContent>Thoughts &lt;so far&gt;.</PlainTextContent></Note>
    <Note guid="${G(55)}"><PlainTextContent>Code note.</PlainTextContent></Note>
  </Notes>
  <Links><Link guid="${G(90)}" originGUID="${G(2)}" targetGUID="${G(20)}"/></Links>
  <Sets><Set guid="${G(91)}" name="S"/></Sets>
  <Graphs><Graph guid="${G(92)}"/></Graphs>
  <NoteRef targetGUID="${G(72)}"/>
</Project>`;

const count = (p: Project, table: string) =>
  (p.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted = 0`).get() as { n: number }).n;
const dir = tempDir('fc-refi-foreign-');
let project: Project;

beforeAll(async () => {
  ({ project } = await createProject(join(dir, 'f.fieldcoder'), testAuthor, { name: 'F' }));
});

describe('a codebook (.qdc) from another tool', () => {
  let report: ImportReport;
  beforeAll(() => {
    report = importRefi(project, 'other.qdc', strToU8(CODEBOOK));
  });

  it('is a valid codebook (the fixture is checked against Codebook.xsd)', async () => {
    expect(await schemaErrors(CODEBOOK, 'Codebook.xsd')).toEqual([]);
  });

  it('imports the hierarchy with GUIDs as ids and colours as #RRGGBB', () => {
    expect(report.format).toBe('qdc');
    expect(report.imported.codes).toBe(3);
    const rows = project.db
      .prepare('SELECT id, parent_id AS p, name, color, description FROM codes WHERE id LIKE ? ORDER BY id')
      .all('aaaaaaaa%');
    expect(rows).toEqual([
      { id: g(1), p: null, name: 'Emotions', color: '#CC00CC', description: 'Folder & parent' },
      { id: g(2), p: g(1), name: 'Joy', color: '#00FF7F', description: '' },
      { id: g(3), p: g(1), name: 'Fear', color: '', description: '' },
    ]);
    expect(report.skipped).toEqual([{ what: 'code sets', count: 1 }]);
    expect(report.notes).toContain('1 code folders (isCodable="false") became ordinary codes');
  });

  it('adds nothing the second time', () => {
    const again = importRefi(project, 'other.qdc', strToU8(CODEBOOK));
    expect(again.imported.codes).toBe(0);
    expect(again.existing.codes).toBe(3);
  });
});

describe('a project (.qdpx) from another tool', () => {
  let report: ImportReport;
  beforeAll(() => {
    const bytes = zipSync({
      'Other Project.qde': strToU8(PROJECT),
      [`Sources/${G(50).slice(1, -1)}.TXT`]: strToU8(TEXT),
    });
    report = importRefi(project, 'other.qdpx', bytes);
  });

  it('is a valid project (the fixture is checked against Project.xsd)', async () => {
    expect(await schemaErrors(PROJECT)).toEqual([]);
  });

  it('normalises the text and moves the selection with it', () => {
    const doc = project.db.prepare('SELECT * FROM documents WHERE id = ?').get(g(50)) as Record<string, string>;
    expect(doc.text).toBe('First line\nCafé talk 🌍 here.\nLast line');
    const ex = project.db
      .prepare('SELECT start_offset AS s, end_offset AS e, text, note, coder_id AS coder FROM excerpts WHERE id = ?')
      .get(g(60));
    // Positions 12–26 of the CRLF text ("Café talk 🌍 h" with a decomposed é) are 11–24 here.
    expect(ex).toEqual({ s: 11, e: 24, text: 'Café talk 🌍 h', note: 'Talk about café\n\nAbout this passage.', coder: testAuthor.coderId });
    expect(report.notes.join('\n')).toMatch(/normalised .* selections were moved/);
  });

  it('maps case variables onto interview metadata and keeps the rest in the notes', () => {
    const doc = project.db
      .prepare('SELECT kind, role, interview_date AS d, notes, coder_id AS coder FROM documents WHERE id = ?')
      .get(g(50));
    expect(doc).toEqual({
      kind: 'interview',
      role: 'teacher',
      d: '2020-02-03',
      notes: 'Recorded in a café\n\nAbout the whole interview.\n\nCase: Person A\nAge: 42',
      coder: g(10),
    });
  });

  it('matches users by GUID or name, codes by GUID, and takes inline text', () => {
    expect(report.imported.coders).toBe(1);
    expect(report.existing.coders).toBe(1);
    expect(report.existing.codes).toBe(1);
    expect((project.db.prepare('SELECT text FROM documents WHERE id = ?').get(g(51)) as { text: string }).text).toBe(
      'Inline text, no file.',
    );
    expect((project.db.prepare('SELECT description FROM codes WHERE id = ?').get(g(20)) as { description: string }).description).toBe(
      'Code note.',
    );
  });

  it('turns a whole-source coding into an excerpt spanning the source', () => {
    const codes = project.db
      .prepare(
        'SELECT e.start_offset AS s, e.end_offset AS e FROM excerpt_codes ec JOIN excerpts e ON e.id = ec.excerpt_id WHERE ec.code_id = ?',
      )
      .all(g(20));
    expect(codes).toEqual([{ s: 0, e: 38 }]);
  });

  it('makes project-level notes memos, and reports everything it left behind', () => {
    expect(count(project, 'memos')).toBe(1);
    expect((project.db.prepare('SELECT title, body FROM memos').get() as { title: string }).title).toBe('Project memo');
    expect(report.imported).toMatchObject({ documents: 2, excerpts: 2, codings: 2, memos: 1 });
    expect(Object.fromEntries(report.skipped.map((s) => [s.what, s.count]))).toEqual({
      'selection names (excerpts have none; the text is kept)': 1,
      'codings whose code is not in the codebook': 1,
      'selections with positions outside their source, or empty': 1,
      'text sources stored outside the archive (external paths are never followed)': 1,
      sets: 1,
      links: 1,
      graphs: 1,
      'PDF sources without a text representation': 1,
      'picture sources': 1,
      'audio sources (and their transcripts)': 1,
      'video sources (and their transcripts)': 1,
    });
  });
});
