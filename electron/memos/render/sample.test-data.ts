// A hand-built rendered memo for the writers' tests: every block kind, footnotes with italics,
// a table with a citation in a cell, and hostile text that must stay inert in every format.
import type { RenderedMemo } from './model.js';

export const HOSTILE = '<script>alert("x")</script> & <w:p/> ]]> *not em* [@nokey] \\ ` $1';

export function sampleMemo(noteStyle = true): RenderedMemo {
  const note = (text: string, italic: string, rest: string) => [{ text }, { text: italic, italic: true }, { text: rest }];
  return {
    title: 'Tajikistan: captured state capacity',
    style: noteStyle ? 'chicago' : 'apa',
    noteStyle,
    blocks: [
      { type: 'heading', level: 1, content: [{ text: 'Conceptual framework' }] },
      {
        type: 'paragraph',
        content: [
          { text: 'State capacity has ' },
          { text: 'two', italic: true },
          { text: ' dimensions and ' },
          { text: 'four', bold: true },
          { text: ' outcomes' },
          { cite: 0 },
          { text: '. See ' },
          { text: 'the archive', href: 'https://example.org/a?b=1&c=2' },
          { text: ' and ' },
          { text: 'code()', code: true },
          { text: '.' },
          { br: true },
          { text: HOSTILE },
        ],
      },
      {
        type: 'table',
        caption: [{ text: 'Table 1. Outcomes of State Capacities' }],
        header: [[[{ text: '' }], [{ text: 'High willingness' }], [{ text: 'Low willingness' }]]],
        rows: [
          [[{ text: 'High capability' }], [{ text: 'Hegemonic' }], [{ text: 'Captured' }]],
          [[{ text: 'Low capability' }], [{ text: 'Degraded' }], [{ text: 'Failed' }, { cite: 1 }]],
        ],
      },
      { type: 'heading', level: 2, content: [{ text: 'Evidence' }] },
      {
        type: 'quote',
        blocks: [
          { type: 'paragraph', content: [{ text: '“each respective [security] agency functions as an individual silo”' }, { cite: 2 }] },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [
          [{ type: 'paragraph', content: [{ text: 'first point' }] }],
          [{ type: 'paragraph', content: [{ text: 'second point, with ' }, { text: HOSTILE }, { cite: 3 }] }],
        ],
      },
      {
        type: 'list',
        ordered: true,
        items: [[{ type: 'paragraph', content: [{ text: 'one' }] }], [{ type: 'paragraph', content: [{ text: 'two' }] }]],
      },
      { type: 'code', text: 'SELECT 1;\n<b>not bold</b>' },
      { type: 'rule' },
      { type: 'paragraph', content: [{ text: 'Unresolved: ' }, { cite: 4 }] },
    ],
    clusters: [
      {
        cites: [{ id: 'markowitz2013', locator: '24', label: 'page' }],
        formatted: note('Lawrence P. Markowitz, ', 'State Erosion', ' (Ithaca: Cornell University Press, 2013), 24.'),
        unresolved: [],
      },
      {
        cites: [{ id: 'watts2015' }],
        formatted: [
          { text: 'Stephen Watts et al., ' },
          { text: 'Countering Others’ Insurgencies', italic: true },
          { text: ' (Santa Monica: RAND, 2015).' },
        ],
        unresolved: [],
      },
      { cites: [{ id: 'int-R07' }], formatted: [{ text: 'Interview with a law-enforcement official, Dushanbe, 2016.' }], unresolved: [] },
      {
        cites: [{ id: 'markowitz2013', locator: '30', label: 'page', prefix: 'see' }, { id: 'int-R07' }],
        formatted: [
          { text: 'See Markowitz, ' },
          { text: 'State Erosion', italic: true },
          { text: ', 30; ' },
          { text: HOSTILE },
          { text: '.' },
        ],
        unresolved: [],
      },
      { cites: [{ id: 'nokey' }], formatted: [], unresolved: ['nokey'] },
    ],
    bibliography: [
      [{ text: 'Markowitz, Lawrence P. ' }, { text: 'State Erosion', italic: true }, { text: '. Ithaca: Cornell University Press, 2013.' }],
      [
        { text: 'Watts, Stephen, et al. ' },
        { text: 'Countering Others’ Insurgencies', italic: true },
        { text: '. Santa Monica: RAND, 2015.' },
      ],
    ],
    items: [
      {
        id: 'markowitz2013',
        type: 'book',
        title: 'State Erosion',
        author: [{ family: 'Markowitz', given: 'Lawrence P.' }],
        publisher: 'Cornell University Press',
        'publisher-place': 'Ithaca',
        issued: { 'date-parts': [[2013]] },
      },
      {
        id: 'watts2015',
        type: 'report',
        title: 'Countering Others’ Insurgencies',
        author: [{ family: 'Watts', given: 'Stephen' }],
        publisher: 'RAND',
        'publisher-place': 'Santa Monica',
        issued: { 'date-parts': [[2015]] },
      },
      {
        id: 'int-R07',
        type: 'interview',
        title: 'Interview with a law-enforcement official, Dushanbe',
        issued: { 'date-parts': [[2016]] },
      },
    ],
    cited: [
      { key: 'markowitz2013', kind: 'reference', label: 'State Erosion' },
      { key: 'watts2015', kind: 'reference', label: 'Countering Others’ Insurgencies' },
      { key: 'int-R07', kind: 'interview', label: 'Interview with a law-enforcement official, Dushanbe' },
    ],
    unresolved: ['nokey'],
    redactions: [],
  };
}
