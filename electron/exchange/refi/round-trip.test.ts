import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../project/open-project.js';
import type { Project } from '../../project/project.js';
import { tempDir, testAuthor } from '../../test-support/tmp.js';
import { exportQdpx } from './export-qdpx.js';
import { importRefi, type ImportReport } from './import-qdpx.js';
import { makeMasker, projectMaskTerms } from './mask-names.js';
import { codedProject, type CodedProject } from './test-project.js';

interface Doc {
  id: string;
  kind: string;
  title: string;
  text: string;
  notes: string;
  pseudonym: string;
  role: string;
  place: string;
  interview_date: string;
}

const docs = (p: Project): Doc[] =>
  p.db
    .prepare('SELECT id, kind, title, text, notes, pseudonym, role, place, interview_date FROM documents WHERE deleted = 0 ORDER BY id')
    .all() as Doc[];

/** Codes as paths of names, with colour and description: ids differ when a code matched by name. */
function codes(p: Project): string[] {
  const rows = p.db.prepare('SELECT id, parent_id AS parent, name, color, description FROM codes WHERE deleted = 0').all() as {
    id: string;
    parent: string | null;
    name: string;
    color: string;
    description: string;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const path = (id: string | null): string => (id === null ? '' : `${path(byId.get(id)!.parent)}/${byId.get(id)!.name}`);
  return rows.map((r) => `${path(r.id)} ${r.color} ${r.description}`).sort();
}

function excerpts(p: Project): string[] {
  const rows = p.db
    .prepare(
      `SELECT e.id, e.document_id AS doc, e.start_offset AS s, e.end_offset AS e, e.text, e.note,
              (SELECT group_concat(c.name, '|') FROM (SELECT c.name FROM excerpt_codes ec JOIN codes c ON c.id = ec.code_id
                 WHERE ec.excerpt_id = e.id AND ec.deleted = 0 ORDER BY c.name) c) AS codes
       FROM excerpts e WHERE e.deleted = 0 ORDER BY e.id`,
    )
    .all() as Record<string, unknown>[];
  return rows.map((r) => JSON.stringify(r));
}

describe('REFI-QDA round trip: export, then import into a fresh project', () => {
  const dir = tempDir('fc-refi-round-');
  let m: CodedProject;
  let fresh: Project;
  let report: ImportReport;
  let mask: (s: string) => string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    m = await codedProject(dir);
    mask = makeMasker(projectMaskTerms(m.project)).mask;
    ({ bytes } = await exportQdpx(m.project));
    ({ project: fresh } = await createProject(join(dir, 'fresh.fieldcoder'), testAuthor, { name: 'Fresh' }));
    report = importRefi(fresh, 'tajikistan.qdpx', bytes);
  });

  it('keeps documents: ids, texts, titles, kinds and interview metadata (names masked as exported)', () => {
    const expected = docs(m.project).map((d) => ({ ...d, title: mask(d.title), text: mask(d.text) }));
    expect(docs(fresh)).toEqual(expected);
    expect(expected.map((d) => d.kind).sort()).toEqual(['fieldnote', 'interview', 'interview']);
  });

  it('keeps codes: names, hierarchy, colours and descriptions', () => {
    // #f0c goes out as the #RRGGBB the standard's users expect: the same colour.
    expect(codes(fresh)).toEqual(codes(m.project).map((c) => c.replace(' #f0c ', ' #ff00cc ')));
    // The fresh project's starter codes were matched by name, not doubled.
    expect(report.existing.codes).toBe(13);
    expect(report.imported.codes).toBe(3);
  });

  it('keeps excerpts: positions, texts, notes and codes', () => {
    const masked = excerpts(m.project).map((e) => mask(e));
    expect(excerpts(fresh)).toEqual(masked);
    expect(report.imported).toMatchObject({ documents: 3, excerpts: 4, codings: 4 });
  });

  it('brings memos back as memos and assessment notes as memos, and skips the framework’s unit cases', () => {
    const memo = fresh.db.prepare("SELECT body FROM memos WHERE title = 'Reflexive memo'").get() as { body: string };
    expect(memo.body).toBe('# Trade\n\nThe bazaar matters [@int-R12]. <b>not markup</b> & more.');
    expect(report.imported.memos).toBe(26);
    expect(report.skipped).toContainEqual({ what: 'cases not linked to a text source (with their variables)', count: 3 });
  });

  it('is idempotent: a second import adds nothing', () => {
    const before = [docs(fresh), codes(fresh), excerpts(fresh)];
    const again = importRefi(fresh, 'tajikistan.qdpx', bytes);
    expect(Object.values(again.imported).every((n) => n === 0)).toBe(true);
    expect([docs(fresh), codes(fresh), excerpts(fresh)]).toEqual(before);
    expect(again.existing).toMatchObject({ documents: 3, excerpts: 4, codings: 4, memos: 26, codes: 16 });
  });
});
