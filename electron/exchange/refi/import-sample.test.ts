import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../core/paths.js';
import { createProject } from '../../project/open-project.js';
import type { Project } from '../../project/project.js';
import { tempDir, testAuthor } from '../../test-support/tmp.js';
import { importRefi, type ImportReport } from './import-qdpx.js';

// The sample is read here with a trusted unzip and regular expressions, independently of the importer.
const SAMPLE = join(packageRoot(), '..', 'shared', 'refi-qda', 'sample-qc-demo.qdpx');
const sampleBytes = readFileSync(SAMPLE);
const entries = unzipSync(sampleBytes);
const xml = strFromU8(entries['project.qde']!);
const lower = (g: string) => g.toLowerCase();

interface Sel {
  guid: string;
  source: string;
  start: number;
  end: number;
  codes: string[];
}

function sampleSelections(): Sel[] {
  const out: Sel[] = [];
  for (const src of xml.matchAll(/<TextSource([^>]*?)(\/>|>([\s\S]*?)<\/TextSource>)/g)) {
    const path = /plainTextPath="([^"]+)"/.exec(src[1]!)![1]!;
    for (const sel of (src[3] ?? '').matchAll(/<PlainTextSelection ([^>]*)>([\s\S]*?)<\/PlainTextSelection>/g)) {
      const a = sel[1]!;
      out.push({
        guid: lower(/guid="([^"]+)"/.exec(a)![1]!),
        source: path,
        start: Number(/startPosition="(\d+)"/.exec(a)![1]),
        end: Number(/endPosition="(\d+)"/.exec(a)![1]),
        codes: [...sel[2]!.matchAll(/<CodeRef targetGUID="([^"]+)"/g)].map((x) => lower(x[1]!)),
      });
    }
  }
  return out;
}

const count = (p: Project, table: string) =>
  (p.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted = 0`).get() as { n: number }).n;

describe('importing a real REFI-QDA export (the qc tool’s sample)', () => {
  const dir = tempDir('fc-refi-sample-');
  let project: Project;
  let report: ImportReport;
  let before: Record<string, number>;

  beforeAll(async () => {
    ({ project } = await createProject(join(dir, 'sample.fieldcoder'), testAuthor, { name: 'Sample' }));
    before = Object.fromEntries(['documents', 'codes', 'excerpts', 'excerpt_codes', 'coders'].map((t) => [t, count(project, t)]));
    report = importRefi(project, SAMPLE, sampleBytes);
  });

  it('brings every text source, code and coding', () => {
    const sources = [...xml.matchAll(/<TextSource /g)].length;
    const codes = [...xml.matchAll(/<Code /g)].length;
    const selections = sampleSelections();
    const codings = [...xml.matchAll(/<Coding /g)].length;
    expect([sources, codes, selections.length, codings]).toEqual([2, 262, 158, 205]);
    expect(report.imported).toEqual({ coders: 1, codes, documents: sources, excerpts: selections.length, codings, memos: 0 });
    expect(count(project, 'documents') - before.documents!).toBe(sources);
    expect(count(project, 'codes') - before.codes!).toBe(codes);
    expect(count(project, 'excerpts') - before.excerpts!).toBe(selections.length);
    expect(count(project, 'excerpt_codes') - before.excerpt_codes!).toBe(codings);
    expect(report.skipped).toEqual([{ what: 'selection names (excerpts have none; the text is kept)', count: 158 }]);
  });

  it('keeps the sources’ texts and cuts each excerpt at the same code points', () => {
    const text = (path: string) => strFromU8(entries[`sources/${path}`]!);
    const docs = project.db.prepare("SELECT id, title, text FROM documents WHERE source_format = 'refi-qda'").all() as {
      id: string;
      title: string;
      text: string;
    }[];
    expect(docs.map((d) => d.title).sort()).toEqual(['admin-1', 'board_2017']);
    for (const d of docs) expect(d.text).toBe(text(`${d.title}.txt`));
    const get = project.db.prepare('SELECT document_id AS doc, start_offset AS s, end_offset AS e, text FROM excerpts WHERE id = ?');
    const codesOf = project.db.prepare('SELECT code_id AS c FROM excerpt_codes WHERE excerpt_id = ? AND deleted = 0');
    for (const sel of sampleSelections()) {
      const row = get.get(sel.guid) as { doc: string; s: number; e: number; text: string };
      expect([row.s, row.e]).toEqual([sel.start, sel.end]);
      expect(row.text).toBe([...text(sel.source)].slice(sel.start, sel.end).join(''));
      expect((codesOf.all(sel.guid) as { c: string }[]).map((r) => r.c).sort()).toEqual([...new Set(sel.codes)].sort());
    }
  });

  it('keeps the code hierarchy, including names repeated under different parents', () => {
    const parent = (name: string) =>
      (
        project.db.prepare('SELECT p.name FROM codes c JOIN codes p ON p.id = c.parent_id WHERE c.name = ? ORDER BY p.name').all(name) as {
          name: string;
        }[]
      ).map((r) => r.name);
    expect(parent('programming')).toEqual(['competencies', 'cs_as_programming']);
    expect(parent('restructure_curriculum')).toEqual(['restructuring_high_school']);
  });

  it('adds nothing when the same file is imported again', () => {
    const counts = () => ['documents', 'codes', 'excerpts', 'excerpt_codes', 'coders', 'memos'].map((t) => count(project, t));
    const first = counts();
    const again = importRefi(project, SAMPLE, sampleBytes);
    expect(counts()).toEqual(first);
    expect(Object.values(again.imported).every((n) => n === 0)).toBe(true);
    expect(again.existing).toMatchObject({ documents: 2, codes: 262, excerpts: 158, codings: 205, coders: 1 });
  });
});
