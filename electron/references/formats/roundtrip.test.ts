// CSL-JSON validation, writeBibtex -> parseBibtex round trips, citation keys and format detection.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { parseBibtex, writeBibtex } from './bibtex.js';
import { validateCslItems, type CslItem } from './csl.js';
import { parseReferences } from './detect.js';
import { BIBLATEX, BIBTEX, CSLJSON, RIS } from './fixtures.test-data.js';
import { citationKey } from './keys.js';

const KEYS = ['title', 'author', 'editor', 'container-title', 'page', 'DOI', 'volume', 'issue', 'publisher', 'publisher-place', 'URL'];

function expectSame(a: CslItem[], b: CslItem[]) {
  expect(a.length).toBe(b.length);
  for (const [i, x] of a.entries()) {
    const y = b[i] as CslItem;
    for (const k of KEYS) expect([k, x[k]]).toEqual([k, y[k]]);
    expect(x.issued?.['date-parts']?.[0]?.map(Number)).toEqual(y.issued?.['date-parts']?.[0]?.map(Number));
  }
}

describe('validateCslItems', () => {
  it('reads a Zotero CSL-JSON export, keeping unknown fields', () => {
    const items = validateCslItems(JSON.parse(CSLJSON));
    expect(items).toHaveLength(6);
    expect(items[5]?.['zotero-custom-field']).toBe('kept');
    expect(items[0]?.id).toBe('http://zotero.org/users/1/items/ABCD1234');
  });
  it('accepts a single object, trims and removes control characters', () => {
    const [item] = validateCslItems({
      id: 7,
      type: ' book ',
      title: '  <b>Bold</b>\u0000\u001b[31m title \n',
      author: [{ family: 'X\u0007' }],
    });
    expect(item).toEqual({ id: '7', type: 'book', title: '<b>Bold</b>[31m title', author: [{ family: 'X' }] });
  });
  it.each([
    [[1], /item 1: is not an object/],
    [[{ type: 'book' }, { title: 'no type' }], /item 2: missing "type"/],
    [[{ type: 'book', author: 'Smith' }], /item 1: "author" must be a list/],
    [[{ type: 'book', author: ['Smith'] }], /item 1: "author" name 1/],
    [[{ type: 'book', issued: { 'date-parts': 2014 } }], /item 1: "issued" has malformed date-parts/],
    [[{ type: 'book', id: {} }], /item 1: "id" must be/],
  ])('rejects %j', (data, msg) => {
    expect(() => validateCslItems(data)).toThrow(msg);
    try {
      validateCslItems(data);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('invalid');
    }
  });
});

describe('writeBibtex round trips', () => {
  it('CSL-JSON -> BibTeX -> CSL-JSON keeps title, names, year, container, pages, DOI', () => {
    const items = validateCslItems(JSON.parse(CSLJSON));
    const bib = writeBibtex(items);
    const back = parseBibtex(bib);
    expect(back.warnings).toEqual([]);
    expectSame(
      back.items,
      items.map((i) => ({ ...i, page: typeof i.page === 'string' ? i.page : undefined })),
    );
    expect(back.items.map((i) => i.id)).toEqual([
      'markowitz2013',
      'dedanieli2014',
      'bleuer2014',
      'watts2015',
      'matveeva2005',
      'rytovuori-apunen2016',
    ]);
    expect(bib).toContain('month = nov');
    expect(bib).toContain('title = {State {Erosion:} {Unlootable} {Resources} and {Unruly} {Elites} in {Central} {Asia}}');
    expect(bib).toContain('author = {Rytövuori-Apunen, Helena and Usmonov, Firdavs}');
  });
  it('BibTeX and BibLaTeX -> write -> parse is stable', () => {
    for (const src of [BIBTEX, BIBLATEX]) {
      const first = parseBibtex(src).items;
      expectSame(parseBibtex(writeBibtex(first)).items, first);
    }
  });
  it('keeps a web page title and site through @misc', () => {
    const web: CslItem = {
      id: 'aan',
      type: 'webpage',
      title: 'Home',
      'container-title': 'Afghanistan Analysts Network',
      URL: 'https://www.afghanistan-analysts.org/a_b%20c',
      accessed: { 'date-parts': [[2019, 5, 1]] },
    };
    expect(parseBibtex(writeBibtex([web])).items[0]).toMatchObject({ ...web, type: 'document' });
  });
  it('escapes special characters so they come back as text', () => {
    const nasty: CslItem = {
      id: 'odd key with spaces',
      type: 'article-journal',
      title: 'Braces {x} } { 100% & $5 #1 a_b ~ ^ back\\slash -- `` \'\' "quoted" @string{y=z}',
      author: [
        { family: 'Smith, Jr and Sons', given: 'A.' },
        { literal: 'Barnes and Noble' },
        { family: 'van der Berg', given: 'Jan', suffix: 'III' },
      ],
      'container-title': 'Journal <script>alert(1)</script>',
      page: '1235–1240',
      DOI: '10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0_a--b%',
      issued: { 'date-parts': [[2014, 6, 12]] },
    };
    const bib = writeBibtex([nasty]);
    // Real BibTeX counts every brace, escaped or not: the output must balance.
    expect(bib.split('{').length).toBe(bib.split('}').length);
    const { items, warnings } = parseBibtex(bib);
    expect(warnings).toEqual([]);
    expect(items[0]).toMatchObject({
      id: 'oddkeywithspaces',
      title: nasty.title,
      author: nasty.author,
      'container-title': nasty['container-title'],
      page: '1235-1240',
      DOI: nasty.DOI,
      issued: { 'date-parts': [[2014, 6, 12]] },
    });
  });
});

describe('citationKey', () => {
  const item = (family: string, year?: number, title?: string): CslItem => ({
    id: '',
    type: 'book',
    ...(family ? { author: [{ family }] } : {}),
    ...(year ? { issued: { 'date-parts': [[year]] } } : {}),
    ...(title ? { title } : {}),
  });
  it('folds to ASCII and adds letters on collision', () => {
    expect(citationKey(item('Markowitz', 2013), new Set())).toBe('markowitz2013');
    expect(citationKey(item('Rytövuori-Apunen', 2016), new Set())).toBe('rytovuoriapunen2016');
    expect(citationKey(item('Straße Łódź Ærø', 2000), new Set())).toBe('strasselodzaero2000');
    expect(citationKey(item('Matveeva', 2005), new Set(['matveeva2005']))).toBe('matveeva2005a');
    expect(citationKey(item('Matveeva', 2005), new Set(['matveeva2005', 'matveeva2005a']))).toBe('matveeva2005b');
    const many = new Set(['x2000', ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `x2000${c}`)]);
    expect(citationKey(item('X', 2000), many)).toBe('x2000aa');
  });
  it('falls back to editor, literal, then the first title word', () => {
    expect(citationKey({ id: '', type: 'book', editor: [{ family: 'Gorenburg' }], issued: { 'date-parts': [[2005]] } }, new Set())).toBe(
      'gorenburg2005',
    );
    expect(citationKey({ id: '', type: 'report', author: [{ literal: 'RAND Corporation' }] }, new Set())).toBe('rand');
    expect(citationKey(item('', 2019, 'The Afghanistan Analysts Network'), new Set())).toBe('afghanistan2019');
    expect(citationKey(item('', undefined, '???'), new Set())).toBe('ref');
  });
});

describe('parseReferences', () => {
  it('picks the format by extension', () => {
    expect(parseReferences('My Library.bib', BIBTEX).format).toBe('bibtex');
    expect(parseReferences('x.bibtex', BIBLATEX).items).toHaveLength(5);
    expect(parseReferences('export.ris', RIS).items).toHaveLength(6);
    expect(parseReferences('export.json', CSLJSON).items).toHaveLength(6);
  });
  it('sniffs content when the extension says nothing, or lies', () => {
    expect(parseReferences('clipboard', `\uFEFF${BIBTEX}`).format).toBe('bibtex');
    expect(parseReferences('download.txt', RIS).format).toBe('ris');
    expect(parseReferences('paste', CSLJSON).format).toBe('csljson');
    expect(parseReferences('citation.bib', RIS).format).toBe('ris');
    expect(parseReferences('citation.json', BIBTEX).format).toBe('bibtex');
  });
  it.each([
    ['notes.txt', 'Just a shopping list', /notes\.txt is not BibTeX, RIS or CSL-JSON/],
    ['lib.json', '{"broken": ', /Not valid CSL-JSON/],
    ['lib.json', '[]', /No references found in lib\.json as CSL-JSON\./],
    ['lib.bib', '@article{x title={y}}', /No references found in lib\.bib as BibTeX \(Line 1: skipped a malformed entry/],
    ['paper.pdf', '%PDF-1.7\u0000\u0000\u0001\ufffd\ufffd\ufffd\u0000', /paper\.pdf is not a text file/],
  ])('%s: a clear AppError', (name, text, msg) => {
    let err: unknown;
    try {
      parseReferences(name, text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid');
    expect((err as AppError).message).toMatch(msg);
    expect((err as AppError).message).not.toContain('\n');
  });
});
