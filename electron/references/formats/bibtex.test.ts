// BibTeX/BibLaTeX reading of realistic Zotero exports, LaTeX to Unicode, names, malformed input.
import { describe, expect, it } from 'vitest';
import { parseBibtex } from './bibtex.js';
import { BIBLATEX, BIBTEX } from './fixtures.test-data.js';
import { latexToUnicode } from './latex.js';
import { parseNameList } from './names.js';

describe('parseBibtex: Zotero BibTeX export', () => {
  const { items, warnings } = parseBibtex(BIBTEX);
  const byId = Object.fromEntries(items.map((i) => [i.id, i]));

  it('reads every entry with its key, ignoring @comment and @preamble', () => {
    expect(warnings).toEqual([]);
    expect(items.map((i) => i.id)).toEqual([
      'markowitz2013',
      'dedanieli2014',
      'bleuer2014',
      'watts2015',
      'matveeva2005',
      'rytovuori-apunen2016',
    ]);
  });

  it('maps a book with an @string macro for the publisher', () => {
    expect(byId.markowitz2013).toMatchObject({
      type: 'book',
      title: 'State Erosion: Unlootable Resources and Unruly Elites in Central Asia',
      publisher: 'Cornell University Press',
      'publisher-place': 'Ithaca',
      ISBN: '978-0-8014-5172-3',
      author: [{ family: 'Markowitz', given: 'Lawrence P.' }],
      issued: { 'date-parts': [[2013]] },
    });
  });

  it('maps an article: quotes, month macro, number as issue, page range, DOI', () => {
    expect(byId.dedanieli2014).toMatchObject({
      type: 'article-journal',
      title: 'Beyond the drug-terror nexus: Drug trafficking and state-crime relations in Central Asia',
      'container-title': 'International Journal of Drug Policy',
      volume: '25',
      issue: '6',
      page: '1235-1240',
      DOI: '10.1016/j.drugpo.2014.01.013',
      author: [{ family: 'De Danieli', given: 'Filippo' }],
      issued: { 'date-parts': [[2014, 11]] },
    });
  });

  it('maps reports with institution, number and urldate', () => {
    expect(byId.bleuer2014).toMatchObject({
      type: 'report',
      publisher: 'Afghanistan Analysts Network',
      author: [
        { family: 'Bleuer', given: 'Christian' },
        { family: 'Kazemi', given: 'Said Reza' },
      ],
      issued: { 'date-parts': [[2014, 6]] },
    });
    expect(byId.watts2015).toMatchObject({ type: 'report', number: 'RR-808-A', accessed: { 'date-parts': [[2024, 3, 2]] } });
    expect(byId.watts2015?.URL).toBe('https://www.rand.org/pubs/research_reports/RR808.html');
  });

  it('maps chapters with editors and decodes {\\"o}', () => {
    expect(byId.matveeva2005).toMatchObject({ type: 'chapter', editor: [{ family: 'Gorenburg', given: 'Dmitry' }], page: '133-152' });
    const r = byId['rytovuori-apunen2016'];
    expect(r?.author).toEqual([
      { family: 'Rytövuori-Apunen', given: 'Helena' },
      { family: 'Usmonov', given: 'Firdavs' },
    ]);
    expect(r?.['container-title']).toBe('The Regional Security Puzzle around Afghanistan');
    expect(r?.['publisher-place']).toBe('London and New York');
  });
});

describe('parseBibtex: BibLaTeX', () => {
  const { items, warnings } = parseBibtex(BIBLATEX);
  const byId = Object.fromEntries(items.map((i) => [i.id, i]));
  it('reads journaltitle, date, location, subtitle, urldate, eprint, @online and corporate authors', () => {
    expect(warnings).toEqual([]);
    expect(byId.markowitz2013).toMatchObject({
      title: 'State Erosion: Unlootable Resources and Unruly Elites in Central Asia',
      'publisher-place': 'Ithaca',
    });
    expect(byId.dedanieli2014).toMatchObject({
      'container-title': 'International Journal of Drug Policy',
      'container-title-short': 'Int J Drug Policy',
      issued: { 'date-parts': [[2014, 11]] },
    });
    expect(byId.bleuer2014).toMatchObject({
      type: 'report',
      genre: 'Thematic Report',
      issued: { 'date-parts': [[2014, 6, 12]] },
      publisher: 'Afghanistan Analysts Network',
    });
    expect(byId.aan2019).toMatchObject({
      type: 'webpage',
      author: [{ literal: 'Afghanistan Analysts Network' }],
      accessed: { 'date-parts': [[2019, 5, 1]] },
    });
    expect(byId.arxiv2020).toMatchObject({ URL: 'https://arxiv.org/abs/2001.01234', number: '2001.01234' });
  });
});

describe('LaTeX to Unicode', () => {
  it.each([
    ['Ryt{\\"o}vuori', 'Rytövuori'],
    ['Ryt\\"{o}vuori', 'Rytövuori'],
    ["{\\'e}cole", 'école'],
    ['\\v{S}ar\\v{s}', 'Šarš'],
    ['Fran\\c{c}ais, Gar\\c con', 'Français, Garçon'],
    ['Espa\\~na', 'España'],
    ['{\\aa}ngstr{\\"o}m', 'ångström'],
    ['Stra\\ss e', 'Straße'],
    ['Gro\\ss{}stadt', 'Großstadt'],
    ['1990--2000 --- a decade', '1990–2000 — a decade'],
    ['L.~P. Markowitz', 'L. P. Markowitz'],
    ['\\emph{Italic} and \\textbf{bold}', 'Italic and bold'],
    ['Profits \\& Losses 50\\%', 'Profits & Losses 50%'],
    ["``quoted''", '“quoted”'],
    ["{\\'\\i}ndice", 'índice'],
    ["\\L{}\\'od\\'z", 'Łódź'],
  ])('%s -> %s', (tex, text) => expect(latexToUnicode(tex)).toBe(text));
});

describe('names', () => {
  it('reads every BibTeX name form', () => {
    expect(
      parseNameList(
        'Markowitz, Lawrence P. and Filippo De Danieli and van der Berg, Jr, Jan and Ludwig van Beethoven and {World Health Organization} and others',
      ),
    ).toEqual([
      { family: 'Markowitz', given: 'Lawrence P.' },
      { family: 'Danieli', given: 'Filippo De' },
      { family: 'van der Berg', suffix: 'Jr', given: 'Jan' },
      { family: 'van Beethoven', given: 'Ludwig' },
      { literal: 'World Health Organization' },
    ]);
  });
  it('decodes LaTeX before deciding what is a particle', () => {
    expect(parseNameList(String.raw`\v{S}tefan Nov\'ak and Kurt {\"O}zt{\"u}rk`)).toEqual([
      { family: 'Novák', given: 'Štefan' },
      { family: 'Öztürk', given: 'Kurt' },
    ]);
  });
  it('does not split inside braces or on "and" inside a word', () => {
    expect(parseNameList('{Barnes and Noble} AND Anderson, Sandra')).toEqual([
      { literal: 'Barnes and Noble' },
      { family: 'Anderson', given: 'Sandra' },
    ]);
    expect(parseNameList('family=Berg, given=Jan, prefix=van der')).toEqual([{ family: 'van der Berg', given: 'Jan' }]);
  });
});

describe('malformed BibTeX', () => {
  it('skips a bad entry with a warning naming its line and keeps the rest', () => {
    const text = `@article{good1, title={One}, year=2001}
@article{bad1, title={Unterminated {nested, year=2002
}
@book{good2, title={Two}, year=2003}
@article{bad2 title={No comma after key}}
@article{bad3, title={A} year={2004}}
@misc{good3, title = "Three" # " and " # {more}}
@article{good4, title={Undefined macro}, journal=nosuch}`;
    const { items, warnings } = parseBibtex(text);
    expect(items.map((i) => i.id)).toEqual(['good1', 'good2', 'good3', 'good4']);
    expect(items[2]?.title).toBe('Three and more');
    expect(warnings.some((w) => w.startsWith('Line 2:') && w.includes('unterminated'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('Line 5:') && w.includes('missing comma after the key'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('Line 6:') && w.includes('missing comma after field "title"'))).toBe(true);
    expect(warnings.some((w) => w.includes('unknown @string macro "nosuch"'))).toBe(true);
  });

  it('reads DOI and URL verbatim, undoing escapes and doi.org prefixes', () => {
    const { items } = parseBibtex(String.raw`@misc{k, doi = {https://doi.org/10.1000/a\_b--c}, url = {http://x.org/a_b%20c~d}}`);
    expect(items[0]).toMatchObject({ DOI: '10.1000/a_b--c', URL: 'http://x.org/a_b%20c~d' });
  });

  it('renames duplicate keys and reads parenthesised entries', () => {
    const { items, warnings } = parseBibtex(
      '@book(x, title={A}, author={Smith, J.}, year={2000})\n@book{x, title={B}, author={Smith, J.}, year={2000}}',
    );
    expect(items.map((i) => i.id)).toEqual(['x', 'smith2000']);
    expect(warnings[0]).toContain('duplicate key');
  });

  it('returns nothing (without throwing) for garbage and binary', () => {
    expect(parseBibtex('just some text with an e-mail@example.com').items).toEqual([]);
    expect(parseBibtex('\u0000\u0001\u00ff@\u0000{'.repeat(1000)).items).toEqual([]);
  });

  it('keeps HTML as inert text and strips control characters', () => {
    const { items } = parseBibtex('@misc{x, title={<script>alert(1)</script>\u0007 Title\u0000}}');
    expect(items[0]?.title).toBe('<script>alert(1)</script> Title');
  });
});
