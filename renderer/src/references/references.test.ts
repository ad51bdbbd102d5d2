import { describe, expect, it } from 'vitest';
import type { Reference } from '../../../electron/api/contract';
import type { CslItem, CslName } from '../../../electron/references/formats/csl';
import { candidateLine, matchesQuery, typesIn, usedByLabel } from './library';
import { draftOf, draftProblems, itemFromDraft, nameLine, parseDate, parseNames } from './reference-form';

const imported: CslItem = {
  id: 'vanbeek2010',
  type: 'article-journal',
  title: 'Borders',
  author: [{ family: 'Beek', given: 'Jan', 'non-dropping-particle': 'van' } as CslName],
  issued: { 'date-parts': [[2010, 3], [2011]] },
  ISBN: '978-0-00',
};

describe('reference form', () => {
  it('reads names one per line, organisations without a comma', () => {
    expect(parseNames('Matveeva, Anna\n\n  UNDP \nKing, Martin Luther, Jr')).toEqual([
      { family: 'Matveeva', given: 'Anna' },
      { literal: 'UNDP' },
      { family: 'King', given: 'Martin Luther', suffix: 'Jr' },
    ]);
    expect(nameLine({ family: 'King', given: 'Martin Luther', suffix: 'Jr' })).toBe('King, Martin Luther, Jr');
  });

  it('reads dates as date-parts, ranges, or literals', () => {
    expect(parseDate('2014-06-12')).toEqual({ 'date-parts': [[2014, 6, 12]] });
    expect(parseDate('2014/2015')).toEqual({ 'date-parts': [[2014], [2015]] });
    expect(parseDate('2014-13')).toEqual({ literal: '2014-13' });
    expect(parseDate('Spring 2014')).toEqual({ literal: 'Spring 2014' });
  });

  it('keeps untouched fields exactly, and removes emptied ones', () => {
    const draft = { ...draftOf(imported), title: 'Borders and states', issued: draftOf(imported).issued };
    expect(draft.author).toBe('van Beek, Jan');
    const out = itemFromDraft(imported, 'article-journal', { ...draft, DOI: 'https://doi.org/10.1/x' }, 'vanbeek2010');
    expect(out).toMatchObject({
      title: 'Borders and states',
      author: imported.author,
      issued: imported.issued,
      ISBN: '978-0-00',
      DOI: '10.1/x',
    });
    expect(itemFromDraft(imported, 'book', { ...draft, title: '' }, '')).not.toHaveProperty('title');
  });

  it('asks for a title and a DOI that looks like one', () => {
    const draft = { ...draftOf(null), DOI: 'not a doi' };
    expect(Object.keys(draftProblems(draft)).sort()).toEqual(['DOI', 'title']);
  });
});

describe('library', () => {
  const ref = (over: Partial<Reference>): Reference => ({
    id: '1',
    citationKey: 'markowitz2013',
    type: 'article-journal',
    title: 'State Erosion',
    authors: 'Lawrence Markowitz',
    year: 2013,
    doi: '10.1080/x',
    csl: { id: 'markowitz2013', type: 'article-journal' },
    note: '',
    usedBy: { documents: 0, evidence: 0, memos: 0 },
    ...over,
  });

  it('filters on every word across key, title, authors, year and DOI, ignoring accents', () => {
    expect(matchesQuery(ref({}), 'erosion 2013')).toBe(true);
    expect(matchesQuery(ref({ title: 'État' }), 'etat 10.1080')).toBe(true);
    expect(matchesQuery(ref({}), 'erosion 2014')).toBe(false);
  });

  it('says where a reference is used', () => {
    expect(usedByLabel({ documents: 2, evidence: 3, memos: 2 })).toBe('2 documents · 3 evidence · 2 memos');
    expect(usedByLabel({ documents: 1, evidence: 0, memos: 0 })).toBe('1 document · 0 evidence · 0 memos');
    expect(usedByLabel({ documents: 0, evidence: 0, memos: 1 })).toBe('0 documents · 0 evidence · 1 memo');
    expect(usedByLabel({ documents: 0, evidence: 0, memos: 0 })).toBe('Not used');
  });

  it('lists types most common first, and summarises an incoming item', () => {
    expect(typesIn([ref({ type: 'book' }), ref({}), ref({})])).toEqual(['article-journal', 'book']);
    expect(candidateLine(imported)).toEqual({ title: 'Borders', detail: 'van Beek, Jan · 2010 · vanbeek2010' });
  });
});
