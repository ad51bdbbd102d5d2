// Importing documents into a real project file: the seed texts, encodings, and every kind of
// bad input, each with a clear outcome and the project left consistent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { search } from '../search/search-service.js';
import { seedFiles } from '../test-support/seeds.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import {
  deleteDocument,
  getDocument,
  getIdentity,
  importFile,
  importFiles,
  importPastedText,
  listDocuments,
  restoreDocument,
  setIdentity,
  updateDocument,
} from './document-service.js';

const dir = tempDir();
let n = 0;
const newProject = async (): Promise<Project> =>
  (await createProject(join(dir, `d${++n}.fieldcoder`), testAuthor, { name: 'Docs' })).project;

/** What a project holds, to show that a refused import left it exactly as it was. */
function fingerprint(p: Project) {
  const count = (sql: string) => (p.db.prepare(sql).get() as { n: number }).n;
  return {
    documents: count('SELECT count(*) AS n FROM documents'),
    fts: count('SELECT count(*) AS n FROM documents_fts'),
    integrity: p.db.pragma('integrity_check', { simple: true }),
  };
}

function ftsIntact(p: Project): void {
  p.db.prepare("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)").run();
}

const q = (p: Project, query: string) => search(p, { q: query, limit: 100 });

describe('the seed texts', () => {
  let p: Project;
  beforeAll(async () => {
    p = await newProject();
    for (const file of seedFiles()) {
      const outcome = await importFile(p, file, readFileSync(file), 'document');
      expect(outcome.status, `${file}: ${outcome.message}`).toBe('imported');
    }
  });

  it('import cleanly with their word counts', () => {
    const docs = listDocuments(p);
    expect(docs.map((d) => [d.sourceName, d.wordCount])).toEqual([
      ['000_4aa1f1eecd01e541.txt', 2911],
      ['001_29db55eb496432e6.txt', 7464],
      ['002_26a68c01647ecdb3.txt', 11714],
      ['003_470a3538cf8bebb2.txt', 1490],
      ['004_0e8dfcc676eeae0f.txt', 6801],
    ]);
    for (const d of docs) {
      const full = getDocument(p, d.id);
      expect(full.text).toBe(full.text.normalize('NFC'));
      expect(d.charCount).toBe([...full.text].length);
    }
    ftsIntact(p);
  });

  it.each([
    ['000_4aa1f1eecd01e541.txt', '"Nazarov was reportedly removed"'],
    ['001_29db55eb496432e6.txt', '"tarnished by the civil war"'],
    ['002_26a68c01647ecdb3.txt', '"Borderland Dynamics of the Outpost"'],
    ['003_470a3538cf8bebb2.txt', '"Panji Poyon border outpost"'],
    ['004_0e8dfcc676eeae0f.txt', '"Presidential Palace in Kabul"'],
  ])('%s: a known passage is found, at its place in the text', (file, phrase) => {
    const r = q(p, phrase);
    const hit = r.hits.find((h) => h.scope === 'document');
    expect(hit).toBeDefined();
    const doc = getDocument(p, hit!.documentId!);
    expect(doc.sourceName).toBe(file);
    const words = phrase.replace(/"/g, '');
    const at = [...doc.text].slice(hit!.offset!, hit!.offset! + words.length + 20).join('');
    expect(at.replace(/\s+/g, ' ').startsWith(words)).toBe(true);
    expect(hit!.snippet.some((s) => s.hit)).toBe(true);
  });

  it('Nazarov is found in the memo and the two chapters that mention him', () => {
    const r = q(p, 'Nazarov');
    const files = r.hits.map((h) => getDocument(p, h.documentId!).sourceName).sort();
    expect(files).toEqual(['000_4aa1f1eecd01e541.txt', '001_29db55eb496432e6.txt', '002_26a68c01647ecdb3.txt']);
  });
});

describe('encodings', () => {
  it('a Windows-1251 Cyrillic transcript is converted and searchable in Cyrillic', async () => {
    const p = await newProject();
    const text = 'Респондент: сотрудник правоохранительных органов, Душанбе.\nГраница с Афганистаном.';
    const table = new Map<string, number>();
    const dec = new TextDecoder('windows-1251');
    for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
    const bytes = Uint8Array.from([...text].map((c) => table.get(c)!));
    const outcome = await importFile(p, 'transcript-ru.txt', bytes, 'interview');
    expect(outcome).toMatchObject({ status: 'imported', message: 'decoded as Windows-1251' });
    expect(getDocument(p, outcome.document!.id).text).toBe(text);
    expect(q(p, 'душанбе').hits).toHaveLength(1);
    expect(q(p, 'Афганистан*').hits).toHaveLength(1);
    p.close();
  });
});

describe('a group of files in one transaction', () => {
  it('imports the readable ones together, refuses the others in place, in the order given', async () => {
    const p = await newProject();
    const [first, second] = seedFiles();
    const outcomes = await importFiles(
      p,
      [
        { fileName: first!, bytes: readFileSync(first!) },
        { fileName: 'scan.txt', bytes: Uint8Array.from([0, 1, 2, 0, 0xff, 0, 3]) },
        { fileName: second!, bytes: readFileSync(second!) },
      ],
      'interview',
    );
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'refused', 'imported']);
    expect(outcomes[1]!.message).toMatch(/binary/);
    expect(outcomes.map((o) => o.fileName)).toEqual([first!.split('/').pop(), 'scan.txt', second!.split('/').pop()]);
    const docs = listDocuments(p);
    expect(docs.map((d) => d.id).sort()).toEqual([outcomes[0]!.document!.id, outcomes[2]!.document!.id].sort());
    expect(docs.every((d) => d.kind === 'interview')).toBe(true);
    expect(q(p, 'Nazarov').hits.length + q(p, 'Dushanbe').hits.length).toBeGreaterThan(0);
    p.close();
  });

  it('a group larger than one INSERT statement: each file its own row, counts, metadata and index entry', async () => {
    const p = await newProject();
    const files = Array.from({ length: 123 }, (_, i) => ({
      fileName: `memo-${i}.txt`,
      bytes: new TextEncoder().encode(`Report ${i}: the ward${i} clinic, seen by Жанна. ${'word '.repeat(i)}`),
      ...(i === 77 ? { meta: { title: 'Seventy-seven', place: 'Khorog' } } : {}),
    }));
    const outcomes = await importFiles(p, files, 'fieldnote');
    expect(outcomes.every((o) => o.status === 'imported')).toBe(true);
    outcomes.forEach((o, i) => {
      const title = i === 77 ? 'Seventy-seven' : `memo-${i}`;
      expect([o.fileName, o.document!.title, o.document!.wordCount]).toEqual([`memo-${i}.txt`, title, 8 + i]);
      expect(q(p, `ward${i}`).hits.map((h) => h.title)).toEqual([title]);
    });
    expect(getDocument(p, outcomes[77]!.document!.id).place).toBe('Khorog');
    expect(new Set(outcomes.map((o) => o.document!.id)).size).toBe(123);
    ftsIntact(p);
    p.close();
  });

  it('takes the same group size as the renderer sends', async () => {
    const labels = await import('../../renderer/src/documents/labels.js');
    const contract = await import('../api/contract.js');
    expect([labels.IMPORT_GROUP_FILES, labels.IMPORT_GROUP_BYTES, labels.MAX_UPLOAD_BYTES]).toEqual([
      contract.IMPORT_GROUP_FILES,
      contract.IMPORT_GROUP_BYTES,
      contract.MAX_UPLOAD_BYTES,
    ]);
  });
});

describe('bad input: a clear outcome, and the project as it was', () => {
  let p: Project;
  beforeAll(async () => {
    p = await newProject();
    importPastedText(p, 'Keep me', 'A document that must survive every refusal.', 'document');
  });

  const zipHeader = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
  const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
  const cases: [string, string, () => Uint8Array, RegExp][] = [
    ['an empty file', 'empty.txt', () => new Uint8Array(0), /empty/],
    ['white space only', 'blank.txt', () => new TextEncoder().encode('  \n\n\t  '), /no text/],
    ['a binary file renamed .txt', 'photo.txt', () => Uint8Array.from({ length: 2048 }, (_, i) => (i * 31) % 256), /binary/],
    ['a truncated .docx', 'cut.docx', () => zipHeader, /damaged|not a Word/i],
    ['a legacy .doc (or password-protected .docx) renamed .docx', 'old.docx', () => ole, /old-format|password/i],
    ['a truncated .pdf', 'cut.pdf', () => new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog'), /damaged|cannot be read/i],
    ['an unsupported format', 'slides.pptx.key', () => new TextEncoder().encode('hello'), /cannot import/],
    ['a 100 MB text file', 'huge.txt', () => new Uint8Array(100 * 1024 * 1024).fill(0x61), /up to 50 MB/],
  ];

  it.each(cases)('%s', async (_label, name, bytes, reason) => {
    const before = fingerprint(p);
    const outcome = await importFile(p, name, bytes(), 'document');
    expect(outcome.status).toBe('refused');
    expect(outcome.message).toMatch(reason);
    expect(outcome.fileName).toBe(name);
    expect(fingerprint(p)).toEqual(before);
  });

  it('10,000 tiny files each get their own outcome and the index stays whole', async () => {
    const q2 = await newProject();
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const outcome = await importFile(
        q2,
        `note-${i}.txt`,
        new TextEncoder().encode(`Field note ${i}: checkpoint number${i}.`),
        'fieldnote',
      );
      if (outcome.status !== 'imported') throw new Error(outcome.message);
    }
    const ms = performance.now() - started;
    console.log(`10,000 tiny files imported in ${(ms / 1000).toFixed(1)} s`);
    expect(listDocuments(q2)).toHaveLength(10_000);
    expect(q(q2, 'number9999').hits.map((h) => h.title)).toEqual(['note-9999']);
    ftsIntact(q2);
    q2.close();
  }, 300_000);
});

describe('reading and editing documents', () => {
  it('edits metadata in place, renames, trashes and restores', async () => {
    const p = await newProject();
    const { document } = importPastedText(p, 'Interview 7', 'The border post at Panji Poyon was quiet.', 'interview');
    const id = document!.id;
    const edited = updateDocument(p, id, {
      role: 'NGO team leader',
      place: 'Dushanbe',
      interviewDate: '2016-05-12',
      consent: 'oral',
      title: 'Interview 7 (NGO)',
    });
    expect(edited).toMatchObject({
      role: 'NGO team leader',
      place: 'Dushanbe',
      interviewDate: '2016-05-12',
      consent: 'oral',
      title: 'Interview 7 (NGO)',
    });
    expect(q(p, 'NGO').hits.map((h) => h.id)).toEqual([id]); // the new title is indexed
    const textBefore = getDocument(p, id).text;
    deleteDocument(p, id);
    expect(listDocuments(p)).toHaveLength(0);
    expect(listDocuments(p, true).map((d) => d.id)).toEqual([id]);
    expect(q(p, 'Panji').hits).toHaveLength(0);
    restoreDocument(p, id);
    expect(listDocuments(p).map((d) => d.id)).toEqual([id]);
    expect(q(p, 'Panji').hits).toHaveLength(1);
    expect(getDocument(p, id).text).toBe(textBefore);
    p.close();
  });

  it('links a source text to the reference it is the full text of', async () => {
    const p = await newProject();
    const { document } = importPastedText(p, 'Matveeva 2005', 'Tajikistan: evolution of the security sector.', 'document');
    const refId = '00000000-0000-4000-8000-0000000000f1';
    p.write((stamp) =>
      p.db
        .prepare(
          "INSERT INTO refs(id, citation_key, title, stamp) VALUES (?, 'matveeva2005', 'Tajikistan: Evolution of the Security Sector', ?)",
        )
        .run(refId, stamp()),
    );
    expect(updateDocument(p, document!.id, { referenceId: refId, author: 'Anna Matveeva', docDate: '2005' })).toMatchObject({
      referenceId: refId,
      author: 'Anna Matveeva',
    });
    expect(() => updateDocument(p, document!.id, { referenceId: '00000000-0000-4000-8000-0000000000f2' })).toThrow(/not in the library/);
    expect(updateDocument(p, document!.id, { referenceId: null }).referenceId).toBeNull();
    p.close();
  });

  it('keeps identities apart from documents, shown only when asked for', async () => {
    const p = await newProject();
    const { document } = importPastedText(p, 'Interview 9', 'Transcript.', 'interview');
    expect(getIdentity(p, document!.id)).toBeNull();
    setIdentity(p, { documentId: document!.id, realName: 'Firuz Example', contact: '+992 000', notes: '' });
    setIdentity(p, { documentId: document!.id, realName: 'Firuz Example', contact: '+992 111', notes: 'moved' });
    expect(getIdentity(p, document!.id)).toEqual({
      documentId: document!.id,
      realName: 'Firuz Example',
      contact: '+992 111',
      notes: 'moved',
    });
    expect(JSON.stringify(getDocument(p, document!.id))).not.toContain('Firuz');
    expect(JSON.stringify(listDocuments(p))).not.toContain('Firuz');
    expect(q(p, 'Firuz').hits).toHaveLength(0);
    p.close();
  });
});

describe('search semantics', () => {
  let p: Project;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    p = await newProject();
    const add = (key: string, title: string, text: string, kind: 'interview' | 'document' = 'document') => {
      ids[key] = importPastedText(p, title, text, kind).document!.id;
    };
    add('khatlon', 'Report A', 'Heroin moves through Khatlon towards Dushanbe.');
    add('hatlon', 'Report B', 'In Hatlon the police were paid off.');
    add('pyanj', 'Report C', 'The crossing at Pyanj was busy at night.');
    add('gorno', 'Report D', 'Gorno-Badakhshan stayed calm during the unrest.');
    add('rytov', 'Chapter', 'Rytövuori-Apunen writes about the outpost on the Afghan frontier.');
    add('ngo', 'Interview 1', 'The NGO team leader described state collusion in the drug trade.', 'interview');
    add('officer', 'Interview 2', 'A law-enforcement official denied any collusion.', 'interview');
    updateDocument(p, ids.ngo!, { role: 'NGO team leader', interviewDate: '2016-04-02' });
    updateDocument(p, ids.officer!, { role: 'law-enforcement official', interviewDate: '2017-01-20' });
  });
  const found = (query: string, extra: Partial<Parameters<typeof search>[1]> = {}) =>
    search(p, { q: query, limit: 100, ...extra })
      .hits.map((h) => Object.entries(ids).find(([, v]) => v === h.id)?.[0])
      .sort();

  it('unit aliases expand: Khatlon finds Hatlon, Panj finds Pyanj, GBAO finds Gorno-Badakhshan', () => {
    expect(found('Khatlon')).toEqual(['hatlon', 'khatlon']);
    expect(found('Hatlon')).toEqual(['hatlon', 'khatlon']);
    expect(found('Panj')).toEqual(['pyanj']);
    expect(found('GBAO')).toEqual(['gorno']);
    expect(search(p, { q: 'Khatlon', limit: 10 }).expandedWith).toContain('Hatlon');
  });

  it('is diacritic- and case-insensitive', () => {
    expect(found('rytovuori')).toEqual(['rytov']);
    expect(found('RYTÖVUORI')).toEqual(['rytov']);
  });

  it('phrases, prefixes and AND / OR / NOT', () => {
    expect(found('"drug trade"')).toEqual(['ngo']);
    expect(found('"trade drug"')).toEqual([]);
    expect(found('collu*')).toEqual(['ngo', 'officer']);
    expect(found('collusion NOT NGO')).toEqual(['officer']);
    expect(found('heroin OR crossing')).toEqual(['khatlon', 'pyanj']);
    expect(found('collusion official')).toEqual(['officer']);
  });

  it('filters by kind, role and date range', () => {
    expect(found('collusion', { documentKind: 'interview', role: 'NGO' })).toEqual(['ngo']);
    expect(found('collusion', { from: '2017' })).toEqual(['officer']);
    expect(found('collusion', { to: '2016' })).toEqual(['ngo']);
    expect(found('Khatlon', { documentKind: 'interview' })).toEqual([]);
  });

  it('filters by code: documents with an excerpt coded so, and those excerpts', () => {
    const code = (p.db.prepare("SELECT id FROM codes WHERE name = 'state collusion in the drug trade'").get() as { id: string }).id;
    p.write((stamp) => {
      p.db
        .prepare(
          "INSERT INTO excerpts(id, document_id, start_offset, end_offset, text, stamp) VALUES ('00000000-0000-4000-8000-0000000000e1', ?, 4, 19, 'NGO team leader', ?)",
        )
        .run(ids.ngo, stamp());
      p.db
        .prepare(
          "INSERT INTO excerpt_codes(id, excerpt_id, code_id, stamp) VALUES ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000e1', ?, ?)",
        )
        .run(code, stamp());
    });
    expect(found('collusion', { codeId: code, scopes: ['document'] })).toEqual(['ngo']);
    const excerptHits = search(p, { q: 'leader', limit: 10, codeId: code, scopes: ['excerpt'] }).hits;
    expect(excerptHits).toMatchObject([{ scope: 'excerpt', documentId: ids.ngo, offset: 4 }]);
  });

  it('a hostile query is text, or a clear error, never an SQL or FTS5 injection', () => {
    for (const hostile of ["'; DROP TABLE documents; --", 'documents_fts:x', '"unterminated', '* * *', '\u0000\u0001']) {
      expect(() => search(p, { q: hostile, limit: 10 })).not.toThrow();
    }
    expect(() => search(p, { q: 'NOT', limit: 10 })).toThrow(/needs a word/);
    expect(listDocuments(p)).toHaveLength(7);
  });
});
