// Citation formatting through citeproc-js with the bundled styles, offline.
import { describe, expect, it } from 'vitest';
import type { CslItem } from '../references/formats/csl.js';
import { AppError } from '../core/errors.js';
import { forgetEngines, formatCitations, MAX_CITES } from './cite.js';

const items: CslItem[] = [
  {
    id: 'markowitz2013',
    type: 'book',
    title: 'State Erosion: Unlootable Resources and Unruly Elites in Central Asia',
    author: [{ family: 'Markowitz', given: 'Lawrence P.' }],
    issued: { 'date-parts': [[2013]] },
    publisher: 'Cornell University Press',
    'publisher-place': 'Ithaca',
  },
  {
    id: 'dedanieli2014',
    type: 'article-journal',
    title: 'Beyond the drug-terror nexus: Drug trafficking and state-crime relations in Central Asia',
    author: [{ family: 'De Danieli', given: 'Filippo' }],
    issued: { 'date-parts': [[2014]] },
    'container-title': 'International Journal of Drug Policy',
    volume: '25',
    issue: '6',
    page: '1235-1240',
    DOI: '10.1016/j.drugpo.2014.01.013',
  },
];
const clusters = [[{ id: 'markowitz2013', locator: '24' }], [{ id: 'markowitz2013', locator: '30' }], [{ id: 'dedanieli2014' }]];

describe('formatCitations', () => {
  it('Chicago notes: a full first note, a short subsequent note, and the bibliography', () => {
    const r = formatCitations(items, clusters, 'chicago');
    expect(r.noteStyle).toBe(true);
    expect(r.citations).toEqual([
      'Lawrence P. Markowitz, State Erosion: Unlootable Resources and Unruly Elites in Central Asia (Ithaca: Cornell University Press, 2013), 24.',
      'Markowitz, 30.',
      'Filippo De Danieli, “Beyond the Drug-Terror Nexus: Drug Trafficking and State-Crime Relations in Central Asia,” International Journal of Drug Policy 25, no. 6 (2014): 1235–40, https://doi.org/10.1016/j.drugpo.2014.01.013.',
    ]);
    expect(r.bibliography[1]).toBe(
      'Markowitz, Lawrence P. State Erosion: Unlootable Resources and Unruly Elites in Central Asia. Ithaca: Cornell University Press, 2013.',
    );
  });

  it('APA: author–date in the text', () => {
    const r = formatCitations(items, clusters, 'apa');
    expect(r.noteStyle).toBe(false);
    expect(r.citations).toEqual(['(Markowitz, 2013, p. 24)', '(Markowitz, 2013, p. 30)', '(De Danieli, 2014)']);
    expect(r.bibliography[0]).toMatch(/^De Danieli, F\. \(2014\)\. Beyond the drug-terror nexus/);
  });

  it('an unknown key is a clear error', () => {
    expect(() => formatCitations(items, [[{ id: 'nobody2020' }]])).toThrow(/nobody2020/);
  });

  it('hostile fields stay text in HTML output', () => {
    const hostile = [
      { id: 'x', type: 'book', title: '<script>alert(1)</script> & <b>bold</b>', issued: { 'date-parts': [[2020]] } },
    ] as CslItem[];
    const html = formatCitations(hostile, [[{ id: 'x' }]], 'chicago', 'html');
    expect(html.citations[0]).not.toContain('<script>');
    expect(html.bibliography.join('')).not.toContain('<script>');
  });

  it(`refuses more than ${MAX_CITES} citations in words (citeproc's time grows faster than their number, issue 8)`, () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => [{ id: i % 2 ? 'markowitz2013' : 'dedanieli2014', locator: String(i + 1) }]);
    let err: unknown;
    try {
      formatCitations(items, [...many(MAX_CITES - 1), [{ id: 'markowitz2013' }, { id: 'dedanieli2014' }]], 'chicago');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe(
      'This memo cites sources 301 times; Field Coder formats at most 300 citations in one memo (more would take too long). Split it into two memos.',
    );
  });
});

describe('citeproc-js case changes (cite.ts replaces them with plain ones where they agree)', () => {
  it('keep Turkish, Azeri and Lithuanian casing, and give every other language the plain mapping', async () => {
    const CSL = (await import('citeproc')).default;
    await import('./cite.js');
    const as = (langs: string[]) => ({ tmp: { lang_array: langs } });
    expect(CSL.toLocaleLowerCase.call(as(['tr-TR', 'tr']), 'DIŞİŞLERİ I')).toBe('dışişleri ı');
    expect(CSL.toLocaleUpperCase.call(as(['az']), 'istiqlal')).toBe('İSTİQLAL');
    expect('istiqlal'.toUpperCase()).toBe('ISTIQLAL'); // which the plain mapping would have given
    expect(CSL.toLocaleLowerCase.call(as(['lt']), 'Ĩ')).toBe('Ĩ'.toLocaleLowerCase('lt'));
    expect(CSL.toLocaleLowerCase.call(as(['en-US', 'en']), 'DIŞİŞLERİ I')).toBe('DIŞİŞLERİ I'.toLowerCase());
    expect(CSL.toLocaleUpperCase.call(as(['ru-RU', 'ru']), 'государство')).toBe('ГОСУДАРСТВО');
    // Anything unexpected in the list keeps citeproc-js's own way.
    expect(CSL.toLocaleLowerCase.call({ tmp: {} }, 'ABC')).toBe('abc');
  });
});

describe('engines kept between calls (cite.ts)', () => {
  const more: CslItem[] = [
    ...items,
    {
      id: 'markowitz2017',
      type: 'article-journal',
      title: 'Beyond kompromat: coercion, corruption, and deterred defection in Uzbekistan',
      author: [{ family: 'Markowitz', given: 'Lawrence P.' }],
      issued: { 'date-parts': [[2017]] },
      'container-title': 'Comparative Politics',
    },
  ];
  const batches = [
    [
      [{ id: 'markowitz2013', locator: '24' }],
      [{ id: 'markowitz2017' }],
      [{ id: 'markowitz2013', locator: '30' }],
      [{ id: 'dedanieli2014' }],
    ],
    [[{ id: 'dedanieli2014' }, { id: 'markowitz2017', prefix: 'see ' }], [{ id: 'markowitz2013' }], [{ id: 'markowitz2013' }]],
    [
      [{ id: 'markowitz2017', suppressAuthor: true, locator: '5' }],
      [{ id: 'dedanieli2014', suffix: ', on routes' }],
      [{ id: 'markowitz2013' }],
    ],
  ];

  it('format every batch as a new engine does, in both styles and formats', () => {
    for (const style of ['chicago', 'apa'] as const) {
      for (const format of ['text', 'html'] as const) {
        forgetEngines();
        const kept = batches.map((b) => formatCitations(more, b, style, format));
        const fresh = batches.map((b) => {
          forgetEngines();
          return formatCitations(more, b, style, format);
        });
        expect(kept, `${style} ${format}`).toEqual(fresh);
      }
    }
  });

  it('a reference edited between calls is formatted as it is now', () => {
    forgetEngines();
    expect(formatCitations(items, clusters, 'chicago').bibliography.join(' ')).toContain('State Erosion');
    const edited = items.map((i) => (i.id === 'markowitz2013' ? { ...i, title: 'State Erosion, Second Edition' } : i));
    expect(formatCitations(edited, clusters, 'chicago').bibliography.join(' ')).toContain('State Erosion, Second Edition');
  });
});
