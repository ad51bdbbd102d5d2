// The reference library on a real project file: import with duplicate detection that asks,
// merge, stable keys, export and re-import.
import { createMemo, deleteMemo } from '../memos/memo-service.js';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPastedText, updateDocument } from '../documents/document-service.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { search } from '../search/search-service.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import {
  commitImport,
  createReference,
  deleteReference,
  exportReferences,
  listReferences,
  previewImport,
  restoreReference,
  updateReference,
} from './reference-service.js';

const dir = tempDir();
let p: Project;

const BIB = `@book{markowitz2013,
  author = {Markowitz, Lawrence P.},
  title = {State Erosion: Unlootable Resources and Unruly Elites in Central Asia},
  publisher = {Cornell University Press},
  address = {Ithaca},
  year = {2013}
}
@article{dedanieli2014,
  author = {De Danieli, Filippo},
  title = {Beyond the drug-terror nexus: Drug trafficking and state-crime relations in Central Asia},
  journal = {International Journal of Drug Policy},
  volume = {25}, number = {6}, pages = {1235--1240}, year = {2014},
  doi = {10.1016/j.drugpo.2014.01.013}
}`;

beforeAll(async () => {
  p = (await createProject(join(dir, 'refs.fieldcoder'), testAuthor, { name: 'Refs' })).project;
});

describe('reference library', () => {
  it('imports BibTeX with the entry keys as citation keys, searchable', () => {
    const preview = previewImport(p, 'library.bib', BIB);
    expect(preview.format).toBe('bibtex');
    expect(preview.candidates.every((c) => !c.duplicateOf)).toBe(true);
    expect(commitImport(p, 'library.bib', BIB, {})).toEqual({ added: 2, merged: 0, skipped: 0 });
    const refs = listReferences(p);
    expect(refs.map((r) => [r.citationKey, r.year])).toEqual([
      ['dedanieli2014', 2014],
      ['markowitz2013', 2013],
    ]);
    expect(refs[0]!.doi).toBe('10.1016/j.drugpo.2014.01.013');
    expect(search(p, { q: 'unlootable', limit: 10 }).hits.map((h) => h.scope)).toEqual(['reference']);
  });

  it('finds duplicates by DOI or title + year + first author, and asks', () => {
    const again = `@article{other,
  author = {De Danieli, F.}, title = {Something else}, journal = {IJDP}, year = {2014}, doi = {https://doi.org/10.1016/J.DRUGPO.2014.01.013}
}
@book{mk,
  author = {Markowitz, L.}, title = {State erosion: unlootable resources and unruly elites in Central Asia}, year = {2013}, note = {from a colleague}
}`;
    const preview = previewImport(p, 'again.bib', again);
    expect(preview.candidates.map((c) => c.duplicateOf?.reason)).toEqual(['doi', 'title-year-author']);
    // by default duplicates are skipped; 'merge' fills empty fields, existing values win
    expect(commitImport(p, 'again.bib', again, { 1: 'merge' })).toEqual({ added: 0, merged: 1, skipped: 1 });
    const mk = listReferences(p).find((r) => r.citationKey === 'markowitz2013')!;
    expect(mk.csl.title).toBe('State Erosion: Unlootable Resources and Unruly Elites in Central Asia');
    expect(mk.csl.note).toBe('from a colleague');
    expect(listReferences(p)).toHaveLength(2);
  });

  it('adds by hand with a generated key, edits without changing the key, trashes and restores', () => {
    const r = createReference(p, {
      type: 'report',
      title: 'Between Co-operation and Insulation',
      author: [
        { family: 'Bleuer', given: 'Christian' },
        { family: 'Kazemi', given: 'S. Reza' },
      ],
      issued: { 'date-parts': [[2014]] },
      publisher: 'Afghanistan Analysts Network',
    });
    expect(r.citationKey).toMatch(/^bleuer2014/);
    const edited = updateReference(p, r.id, {
      ...r.csl,
      title: 'Between Co-operation and Insulation: Afghanistan’s Relations with the Central Asian Republics',
    });
    expect(edited.citationKey).toBe(r.citationKey);
    deleteReference(p, r.id);
    expect(listReferences(p).map((x) => x.id)).not.toContain(r.id);
    expect(restoreReference(p, r.id).title).toMatch(/Central Asian Republics/);
  });

  it('shows where a reference is used', () => {
    const ref = listReferences(p).find((r) => r.citationKey === 'markowitz2013')!;
    const doc = importPastedText(p, 'State Erosion (excerpt)', 'Unruly elites…', 'document').document!;
    updateDocument(p, doc.id, { referenceId: ref.id });
    expect(listReferences(p).find((r) => r.id === ref.id)!.usedBy).toEqual({ documents: 1, evidence: 0, memos: 0 });
    const memo = createMemo(p, 'Draft', 'Elites [@markowitz2013, p. 3]; again [see @markowitz2013]. Not [@other].');
    createMemo(p, 'Second', 'Cited [@markowitz2013].');
    expect(listReferences(p).find((r) => r.id === ref.id)!.usedBy).toEqual({ documents: 1, evidence: 0, memos: 2 });
    deleteMemo(p, memo.id);
    expect(listReferences(p).find((r) => r.id === ref.id)!.usedBy.memos).toBe(1);
  });

  it('exports CSL-JSON and BibTeX that import again into another project unchanged', async () => {
    const q = (await createProject(join(dir, 'refs2.fieldcoder'), testAuthor, { name: 'Refs 2' })).project;
    for (const format of ['csljson', 'bibtex'] as const) {
      const text = exportReferences(p, format);
      const name = format === 'csljson' ? 'refs.json' : 'refs.bib';
      const target =
        format === 'csljson' ? q : (await createProject(join(dir, `refs-${format}.fieldcoder`), testAuthor, { name: format })).project;
      commitImport(target, name, text, {});
      const pick = (refs: ReturnType<typeof listReferences>) => refs.map((r) => [r.citationKey, r.title, r.year, r.doi, r.authors]);
      expect(pick(listReferences(target))).toEqual(pick(listReferences(p)));
    }
  });

  it('refuses unreadable files with a clear message and changes nothing', () => {
    const before = listReferences(p).length;
    expect(() => previewImport(p, 'x.bib', '\u0000\u0001binary')).toThrow();
    expect(() => commitImport(p, 'x.json', '{"not": "csl"', {})).toThrow();
    expect(listReferences(p)).toHaveLength(before);
  });
});
