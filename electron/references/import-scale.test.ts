// Issue 8 (refs-import-quadratic): an import indexes the library once and allocates citation
// keys per base, instead of scanning every reference per item and probing keys from the base
// every time. These tests hold the new code to the old one's results on random libraries (the
// old implementation is copied here as the reference), and check that a big same-author file
// and an oversized one are handled.
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { foldKey } from '../search/query.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { issuedYear, type CslItem } from './formats/csl.js';
import { citationKey, CitationKeys, keyStem } from './formats/keys.js';
import { commitImport, listReferences, MAX_IMPORT_REFERENCES, previewImport } from './reference-service.js';
import type { Reference } from './types.js';

const dir = tempDir();

// ---- the implementation before issue 8's fix, kept as the reference ----

// The stem is unchanged: only how taken keys are found and counted changed.
function oldCitationKey(item: CslItem, taken: Set<string>): string {
  const base = keyStem(item) + (issuedYear(item) ?? '');
  if (!taken.has(base)) return base;
  for (let n = 0; n < 26 + 26 * 26; n++) {
    const suffix =
      n < 26 ? String.fromCharCode(97 + n) : String.fromCharCode(97 + Math.floor(n / 26) - 1) + String.fromCharCode(97 + (n % 26));
    if (!taken.has(base + suffix)) return base + suffix;
  }
  let i = 1;
  while (taken.has(`${base}_${i}`)) i++;
  return `${base}_${i}`;
}
function oldYear(item: CslItem): number | null {
  const y = Number(item.issued?.['date-parts']?.[0]?.[0]);
  return Number.isInteger(y) && y > 0 && y < 100_000 ? y : null;
}
function oldFirstFamily(item: CslItem): string {
  const n = item.author?.[0] ?? item.editor?.[0];
  return n ? foldKey(n.family ?? n.literal ?? '') : '';
}
const oldDoi = (item: CslItem): string =>
  typeof item.DOI === 'string'
    ? item.DOI.trim()
        .toLowerCase()
        .replace(/^https?:\/\/(dx\.)?doi\.org\//, '')
    : '';
function oldFindDuplicate(existing: Reference[], item: CslItem): { id: string; reason: string } | undefined {
  const doi = oldDoi(item);
  if (doi) {
    const r = existing.find((x) => x.doi === doi);
    if (r) return { id: r.id, reason: 'doi' };
  }
  const title = foldKey(typeof item.title === 'string' ? item.title : '');
  if (title) {
    const y = oldYear(item);
    const r = existing.find((x) => foldKey(x.title) === title && x.year === y && oldFirstFamily(x.csl) === oldFirstFamily(item));
    if (r) return { id: r.id, reason: 'title-year-author' };
  }
  return undefined;
}

// ---- random libraries with many near-collisions ----

const family = fc.constantFrom('Smith', 'smith', 'Šmith', 'Müller', 'Muller', 'O’Brien', 'Ли', '', 'De Danieli');
const title = fc.constantFrom(
  'State erosion',
  'State Erosion!',
  'state  erosion',
  'Érosion de l’État',
  'The drug-terror nexus',
  'the drug terror nexus',
  '',
  '   ',
  'Война и мир',
);
const year = fc.constantFrom(2001, 2002, '2001', undefined);
const doi = fc.constantFrom(undefined, '10.1/a', '10.1/A', 'https://doi.org/10.1/a', ' 10.2/b ', '');
const itemArb = fc.record({
  id: fc.constantFrom('', 'smith2001', 'smith2001a', 'smith2001_1', 'x', 'has space', 'muller2002'),
  type: fc.constantFrom('book', 'article-journal'),
  title,
  who: fc.option(fc.tuple(fc.constantFrom('author', 'editor'), family, fc.boolean()), { nil: undefined }),
  year,
  DOI: doi,
});
type Gen = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

function toCsl(g: Gen): CslItem {
  const item: CslItem = { id: g.id, type: g.type };
  if (g.title) item.title = g.title;
  if (g.who) item[g.who[0]] = [g.who[2] ? { literal: `${g.who[1]} Institute` } : { family: g.who[1], given: 'A.' }];
  if (g.year !== undefined) item.issued = { 'date-parts': [[g.year]] };
  if (g.DOI !== undefined) item.DOI = g.DOI;
  return item;
}

describe('citation keys for a whole import', () => {
  it('are the keys citationKey gives one by one (and the old implementation gave)', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 60 }),
        fc.array(fc.constantFrom('smith2001', 'smith2001a', 'smith2001c', 'smith2001zz', 'smith2001_1', 'state2001', 'ref'), {
          maxLength: 8,
        }),
        (gens, preTaken) => {
          const keys = new CitationKeys(new Set<string>(preTaken));
          const oldTaken = new Set<string>(preTaken);
          for (const g of gens) {
            const item = toCsl(g);
            const expected = oldCitationKey(item, oldTaken);
            expect(citationKey(item, oldTaken)).toBe(expected);
            expect(keys.next(item)).toBe(expected);
            // The caller takes the key most of the time, sometimes another one of its own.
            const used = g.id && g.type === 'book' && !oldTaken.has(g.id) ? g.id : expected;
            oldTaken.add(used);
            keys.take(used);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('run past zz to numbered keys in order, in linear time', () => {
    const keys = new CitationKeys();
    const item: CslItem = { id: '', type: 'book', author: [{ family: 'Smith' }], issued: { 'date-parts': [[2001]] } };
    const got = Array.from({ length: 20_000 }, () => {
      const k = keys.next(item);
      keys.take(k);
      return k;
    });
    expect(got.slice(0, 3)).toEqual(['smith2001', 'smith2001a', 'smith2001b']);
    expect(got[26 + 26 * 26]).toBe('smith2001zz');
    expect(got[26 + 26 * 26 + 1]).toBe('smith2001_1');
    expect(got.at(-1)).toBe(`smith2001_${20_000 - 26 - 26 * 26 - 1}`);
    expect(new Set(got).size).toBe(got.length);
  });
});

describe('duplicate detection and keys on import', () => {
  it('flags the same duplicates and assigns the same keys as the old scan, on random libraries', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb, { minLength: 1, maxLength: 25 }),
        fc.array(itemArb, { minLength: 1, maxLength: 25 }),
        async (lib, incoming) => {
          const p: Project = (await createProject(join(dir, `prop-${n++}.fieldcoder`), testAuthor, { name: 'p' })).project;
          try {
            commitImport(p, 'lib.json', JSON.stringify(lib.map(toCsl)), {});
            const existing = listReferences(p);
            const text = JSON.stringify(incoming.map(toCsl));
            const preview = previewImport(p, 'in.json', text);
            expect(
              preview.candidates.map((c) => (c.duplicateOf ? { id: c.duplicateOf.id, reason: c.duplicateOf.reason } : undefined)),
            ).toEqual(preview.candidates.map((c) => oldFindDuplicate(existing, c.item)));
            // Keys of the added items: as the old code would have given them, one by one.
            const taken = new Set(existing.map((r) => r.citationKey));
            const expectedKeys = preview.candidates
              .filter((c) => !c.duplicateOf)
              .map((c) => {
                const id = c.item.id;
                const key = id && !taken.has(id) && /^[\p{L}\p{N}_:.#$%&+?<>~/-]+$/u.test(id) ? id : oldCitationKey(c.item, taken);
                taken.add(key);
                return key;
              });
            const before = new Set(existing.map((r) => r.id));
            commitImport(p, 'in.json', text, {});
            const added = listReferences(p).filter((r) => !before.has(r.id));
            expect(added.map((r) => r.citationKey).sort()).toEqual(expectedKeys.sort());
          } finally {
            p.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('imports 10,000 references of one author and year with distinct keys', async () => {
    const p = (await createProject(join(dir, 'same-author.fieldcoder'), testAuthor, { name: 'same' })).project;
    const ris = Array.from({ length: 10_000 }, (_, i) => `TY  - JOUR\nAU  - Rahmonov, A.\nTI  - Report ${i}\nPY  - 2015\nER  - \n`).join(
      '',
    );
    expect(commitImport(p, 'many.ris', ris, {})).toEqual({ added: 10_000, merged: 0, skipped: 0 });
    const keys = listReferences(p).map((r) => r.citationKey);
    expect(new Set(keys).size).toBe(10_000);
    expect(keys).toContain('rahmonov2015zz');
    expect(keys).toContain(`rahmonov2015_${10_000 - 26 - 26 * 26 - 1}`);
    p.close();
  });

  it(`refuses a file of more than ${MAX_IMPORT_REFERENCES.toLocaleString('en-US')} references in words, writing nothing`, async () => {
    const p = (await createProject(join(dir, 'too-many.fieldcoder'), testAuthor, { name: 'many' })).project;
    const ris = 'TY  - GEN\nER  - \n'.repeat(MAX_IMPORT_REFERENCES + 1);
    let err: unknown;
    try {
      commitImport(p, 'many.ris', ris, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe(
      'This file holds 50,001 references; Field Coder imports up to 50,000 at a time. Split it into parts and import those.',
    );
    expect(listReferences(p)).toEqual([]);
    p.close();
  });
});
