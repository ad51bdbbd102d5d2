// RIS as Zotero exports it, and RIS written back.
import { describe, expect, it } from 'vitest';
import { RIS } from './fixtures.test-data.js';
import { parseRis, writeRis } from './ris.js';

describe('parseRis', () => {
  const { items, warnings } = parseRis(RIS);
  it('reads every record with generated citation keys', () => {
    expect(warnings).toEqual([]);
    expect(items.map((i) => i.id)).toEqual([
      'markowitz2013',
      'dedanieli2014',
      'bleuer2014',
      'watts2015',
      'matveeva2005',
      'rytovuoriapunen2016',
    ]);
    expect(items.map((i) => i.type)).toEqual(['book', 'article-journal', 'report', 'report', 'chapter', 'chapter']);
  });
  it('maps article fields: journal, DA over PY, pages, DOI, keywords, wrapped abstract', () => {
    expect(items[1]).toMatchObject({
      title: 'Beyond the drug-terror nexus: Drug trafficking and state-crime relations in Central Asia',
      author: [{ family: 'De Danieli', given: 'Filippo' }],
      'container-title': 'International Journal of Drug Policy',
      'container-title-short': 'Int J Drug Policy',
      issued: { 'date-parts': [[2014, 11, 1]] },
      volume: '25',
      issue: '6',
      page: '1235-1240',
      DOI: '10.1016/j.drugpo.2014.01.013',
      ISSN: '0955-3959',
      keyword: 'Central Asia, Drug trafficking',
      abstract: 'This paper examines the relations between\ndrug trafficking and state actors.',
    });
  });
  it('maps books, reports and chapters', () => {
    expect(items[0]).toMatchObject({ publisher: 'Cornell University Press', 'publisher-place': 'Ithaca', ISBN: '978-0-8014-5172-3' });
    expect(items[2]?.author).toEqual([
      { family: 'Bleuer', given: 'Christian' },
      { family: 'Kazemi', given: 'Said Reza' },
    ]);
    expect(items[3]).toMatchObject({
      URL: 'https://www.rand.org/pubs/research_reports/RR808.html',
      accessed: { 'date-parts': [[2024, 3, 2]] },
    });
    expect(items[5]).toMatchObject({
      author: [
        { family: 'Rytövuori-Apunen', given: 'Helena' },
        { family: 'Usmonov', given: 'Firdavs' },
      ],
      editor: [{ family: 'Rytövuori-Apunen', given: 'Helena' }],
      'container-title': 'The Regional Security Puzzle around Afghanistan',
      page: '95-118',
    });
  });
  it('collides keys with a letter suffix', () => {
    const two = parseRis('TY  - CHAP\nAU  - Matveeva, Anna\nPY  - 2005\nER  - \nTY  - JOUR\nAU  - Matveeva, A.\nPY  - 2005\nER  - \n');
    expect(two.items.map((i) => i.id)).toEqual(['matveeva2005', 'matveeva2005a']);
  });
  it('warns about a missing ER, stray tags and unknown types, and still reads', () => {
    const r = parseRis('AU  - Nobody\r\nTY  - XYZ\r\nTI  - One\r\nTY  - JOUR\r\nTI  - Two\r\n');
    expect(r.items.map((i) => [i.type, i.title])).toEqual([
      ['document', 'One'],
      ['article-journal', 'Two'],
    ]);
    expect(r.warnings).toHaveLength(4);
  });
  it('treats garbage as no records', () => {
    expect(parseRis('hello\nworld').items).toEqual([]);
  });
});

describe('writeRis', () => {
  it('round-trips through parseRis', () => {
    const { items } = parseRis(RIS);
    const again = parseRis(writeRis(items)).items;
    for (const [i, a] of again.entries()) {
      const b = items[i];
      expect(a.id).toBe(b?.id);
      for (const k of ['type', 'title', 'author', 'editor', 'container-title', 'page', 'DOI', 'volume', 'issue', 'publisher', 'URL'])
        expect(a[k]).toEqual(b?.[k]);
      expect(a.issued).toEqual(b?.issued);
    }
  });
});
