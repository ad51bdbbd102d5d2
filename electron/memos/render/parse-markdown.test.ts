import { describe, expect, it } from 'vitest';
import type { Cite } from '../cite.js';
import type { Block, Inline } from './model.js';
import { parseMarkdown, type LiveBlock } from './parse-markdown.js';

function parse(src: string) {
  const clusters: { cites: Cite[]; raw: string }[] = [];
  const blocks = parseMarkdown(src, (cites, raw) => clusters.push({ cites, raw }) - 1);
  return { blocks, clusters };
}

const blocks = (src: string) => parse(src).blocks;
/** The inline content of a document that is a single paragraph. */
const inline = (src: string): Inline[] => {
  const [b, ...rest] = blocks(src);
  expect(rest).toEqual([]);
  if (b?.type !== 'paragraph') throw new Error(`not a paragraph: ${JSON.stringify(b)}`);
  return b.content;
};
const para = (...content: Inline[]): Block => ({ type: 'paragraph', content });
const item = (text: string): Block[] => [para({ text })];

describe('blocks', () => {
  it('reads ATX headings, with or without closing #s', () => {
    expect(blocks('# One\n## Two ##\n###### Six\n####### Seven\n#hashtag\n# C#')).toEqual([
      { type: 'heading', level: 1, content: [{ text: 'One' }] },
      { type: 'heading', level: 2, content: [{ text: 'Two' }] },
      { type: 'heading', level: 6, content: [{ text: 'Six' }] },
      para({ text: '####### Seven #hashtag' }),
      { type: 'heading', level: 1, content: [{ text: 'C#' }] },
    ]);
  });

  it('joins paragraph lines with a space and breaks lines on two spaces or a backslash', () => {
    expect(blocks('one\ntwo  \nthree\\\nfour\n\nnext')).toEqual([
      para({ text: 'one two' }, { br: true }, { text: 'three' }, { br: true }, { text: 'four' }),
      para({ text: 'next' }),
    ]);
  });

  it('accepts \\r\\n and \\r line ends', () => {
    expect(blocks('# A\r\nb\r\nc\r\rd\re')).toEqual([
      { type: 'heading', level: 1, content: [{ text: 'A' }] },
      para({ text: 'b c' }),
      para({ text: 'd e' }),
    ]);
  });

  it('parses block quotes recursively, with lazy continuation', () => {
    expect(blocks('> quoted *text*\nlazy\n>\n> > inner\n\nafter')).toEqual([
      {
        type: 'quote',
        blocks: [
          para({ text: 'quoted ' }, { text: 'text', italic: true }, { text: ' lazy' }),
          { type: 'quote', blocks: [para({ text: 'inner' })] },
        ],
      },
      para({ text: 'after' }),
    ]);
  });

  it('reads unordered and ordered lists with continuation lines and several paragraphs', () => {
    expect(blocks('- one\n  still one\n* two\n\n  second para\n+ three\n\n1. a\n2) b\nlazy')).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [item('one still one'), [para({ text: 'two' }), para({ text: 'second para' })], item('three')],
      },
      { type: 'list', ordered: true, items: [item('a'), item('b lazy')] },
    ]);
  });

  it('nests lists indented by two or more spaces', () => {
    expect(blocks('1. top\n  - sub a\n  - sub b\n2. next')).toEqual([
      {
        type: 'list',
        ordered: true,
        items: [[para({ text: 'top' }), { type: 'list', ordered: false, items: [item('sub a'), item('sub b')] }], item('next')],
      },
    ]);
  });

  it('ends a list at an unindented paragraph after a blank line, and a number mid-paragraph is no list', () => {
    expect(blocks('- a\n\nafter\n\nin\n1995. Then')).toEqual([
      { type: 'list', ordered: false, items: [item('a')] },
      para({ text: 'after' }),
      para({ text: 'in 1995. Then' }),
    ]);
  });

  it('keeps fenced code verbatim', () => {
    const src = 'before\n```sql\nSELECT *\n  FROM t; -- *not em* [@a]\n\n<b>x</b>\n```\n~~~~\n```\n~~~~\n```\nunclosed';
    const { blocks: out, clusters } = parse(src);
    expect(out).toEqual([
      para({ text: 'before' }),
      { type: 'code', text: 'SELECT *\n  FROM t; -- *not em* [@a]\n\n<b>x</b>' },
      { type: 'code', text: '```' },
      { type: 'code', text: 'unclosed' },
    ]);
    expect(clusters).toEqual([]);
  });

  it('reads ---, *** and ___ as rules, also right under a paragraph line (no setext headings)', () => {
    expect(blocks('Title\n---\n***\n_ _ _\n* * *')).toEqual([
      para({ text: 'Title' }),
      { type: 'rule' },
      { type: 'rule' },
      { type: 'rule' },
      { type: 'rule' },
    ]);
  });

  it('reads pipe tables with alignment rows, escaped pipes and optional outer pipes', () => {
    expect(blocks('| Name | `a\\|b` |\n|:-----|-----:|\n| *x* | 1 |\ny | 2 | extra\n| z\n\nafter')).toEqual([
      {
        type: 'table',
        header: [[[{ text: 'Name' }], [{ text: 'a|b', code: true }]]],
        rows: [
          [[{ text: 'x', italic: true }], [{ text: '1' }]],
          [[{ text: 'y' }], [{ text: '2' }]],
          [[{ text: 'z' }], []],
        ],
      },
      para({ text: 'after' }),
    ]);
  });

  it('takes "Table: …" right above a table, or ": …" below it, as the caption', () => {
    const table = (caption: string) => ({
      type: 'table',
      caption: [{ text: caption }],
      header: [[[{ text: 'a' }], [{ text: 'b' }]]],
      rows: [[[{ text: '1' }], [{ text: '2' }]]],
    });
    expect(blocks('Intro text.\nTable: Outcomes\n| a | b |\n|---|---|\n| 1 | 2 |')).toEqual([
      para({ text: 'Intro text.' }),
      table('Outcomes'),
    ]);
    expect(blocks('Table: Outcomes\n\na | b\n--|--\n1 | 2')).toEqual([table('Outcomes')]);
    expect(blocks('a | b\n--|--\n1 | 2\n\n: Periods\nof rule')).toEqual([table('Periods of rule')]);
    expect(blocks('Table: not a caption\n\nplain')).toEqual([para({ text: 'Table: not a caption' }), para({ text: 'plain' })]);
  });

  it('does not take a line of dashes without pipes, or a mismatched header, as a table', () => {
    expect(blocks('a | b\n---')).toEqual([para({ text: 'a | b' }), { type: 'rule' }]);
    expect(blocks('a | b | c\n|---|---|')).toEqual([para({ text: 'a | b | c |---|---|' })]);
  });

  it('reads live block directives at top level only', () => {
    const live = (name: string, args: Record<string, string>, raw: string): LiveBlock => ({ type: 'live', name, args, raw });
    expect(
      blocks(
        '{{outcomes}}\n  {{matrix view=consensus}}  \n{{matrix coder="Ana Petrova"}}\n{{excerpt id=0b9d…}}\n{{evidence unit="Sughd Province" period=2005-2010}}\n{{q say="a \\"b\\" c\\\\d"}}',
      ),
    ).toEqual([
      live('outcomes', {}, '{{outcomes}}'),
      live('matrix', { view: 'consensus' }, '{{matrix view=consensus}}'),
      live('matrix', { coder: 'Ana Petrova' }, '{{matrix coder="Ana Petrova"}}'),
      live('excerpt', { id: '0b9d…' }, '{{excerpt id=0b9d…}}'),
      live('evidence', { unit: 'Sughd Province', period: '2005-2010' }, '{{evidence unit="Sughd Province" period=2005-2010}}'),
      live('q', { say: 'a "b" c\\d' }, '{{q say="a \\"b\\" c\\\\d"}}'),
    ]);
  });

  it('leaves malformed or nested directives as paragraphs', () => {
    for (const src of [
      '{{Matrix}}',
      '{{matrix view}}',
      '{{matrix coder="Ana}}',
      '{{matrix}} and text',
      '{{matrixview=x}}',
      '{{matrix a=1',
      '{{matrix a=1 b}}',
    ]) {
      expect(blocks(src)).toEqual([para({ text: src })]);
    }
    expect(blocks('{{matrix __proto__=x}}').map((b) => b.type)).toEqual(['paragraph']);
    expect(blocks('> {{outcomes}}')).toEqual([{ type: 'quote', blocks: [para({ text: '{{outcomes}}' })] }]);
  });

  it('lets headings, rules, quotes, lists and directives interrupt a paragraph', () => {
    expect(blocks('text\n# H\ntext\n> q\n\ntext\n- li\n\ntext\n{{outcomes}}\ntext\n| a |\n|---|').map((b) => b.type)).toEqual([
      'paragraph',
      'heading',
      'paragraph',
      'quote',
      'paragraph',
      'list',
      'paragraph',
      'live',
      'paragraph',
      'table',
    ]);
    // Without a blank line, an unmarked line after a list item or quote continues it.
    expect(blocks('- li\ntext\n> q\ntext')).toEqual([
      { type: 'list', ordered: false, items: [item('li text')] },
      { type: 'quote', blocks: [para({ text: 'q text' })] },
    ]);
  });
});

describe('inlines', () => {
  it('reads emphasis, strong and both', () => {
    expect(inline('*em* _em_ **strong** __strong__ ***both*** ___both___')).toEqual([
      { text: 'em', italic: true },
      { text: ' ' },
      { text: 'em', italic: true },
      { text: ' ' },
      { text: 'strong', bold: true },
      { text: ' ' },
      { text: 'strong', bold: true },
      { text: ' ' },
      { text: 'both', italic: true, bold: true },
      { text: ' ' },
      { text: 'both', italic: true, bold: true },
    ]);
    expect(inline('*a **b** c*')).toEqual([
      { text: 'a ', italic: true },
      { text: 'b', italic: true, bold: true },
      { text: ' c', italic: true },
    ]);
  });

  it('keeps intraword underscores, unmatched delimiters and spaced stars literal', () => {
    expect(inline('snake_case_name and a_b_c')).toEqual([{ text: 'snake_case_name and a_b_c' }]);
    expect(inline('*open and **half* 2 * 3 a * b')).toEqual([
      { text: '*open and *' },
      { text: 'half', italic: true },
      { text: ' 2 * 3 a * b' },
    ]);
    expect(inline('un*frigging*believable')).toEqual([{ text: 'un' }, { text: 'frigging', italic: true }, { text: 'believable' }]);
  });

  it('reads code spans verbatim', () => {
    expect(inline('run `*x* [@a] <b>` or `` a`b `` or ` `` `')).toEqual([
      { text: 'run ' },
      { text: '*x* [@a] <b>', code: true },
      { text: ' or ' },
      { text: 'a`b', code: true },
      { text: ' or ' },
      { text: '``', code: true },
    ]);
    expect(inline('an `unclosed span')).toEqual([{ text: 'an `unclosed span' }]);
  });

  it('links only http, https and mailto targets; other links keep just their text', () => {
    expect(
      inline('[the *archive*](https://example.org/a?b=1&c=(2) "Title") [mail](mailto:a@b.org) [js](javascript:alert(1)) [rel](page.html)'),
    ).toEqual([
      { text: 'the ', href: 'https://example.org/a?b=1&c=(2)' },
      { text: 'archive', italic: true, href: 'https://example.org/a?b=1&c=(2)' },
      { text: ' ' },
      { text: 'mail', href: 'mailto:a@b.org' },
      { text: ' js rel' },
    ]);
  });

  it('reads autolinks and leaves raw HTML and other schemes literal', () => {
    expect(inline('<https://x.org/p?q=1> <me@example.org> <b>x</b> <javascript:alert(1)>')).toEqual([
      { text: 'https://x.org/p?q=1', href: 'https://x.org/p?q=1' },
      { text: ' ' },
      { text: 'me@example.org', href: 'mailto:me@example.org' },
      { text: ' <b>x</b> <javascript:alert(1)>' },
    ]);
  });

  it('leaves images, unknown brackets and reference links as text', () => {
    expect(inline('![alt](https://x.org/i.png) [1] [ref][x] [a](b')).toEqual([{ text: '![alt](https://x.org/i.png) [1] [ref][x] [a](b' }]);
    expect(inline('\\![a](https://x.org)')).toEqual([{ text: '!' }, { text: 'a', href: 'https://x.org' }]);
  });

  it('unescapes backslash escapes of ASCII punctuation only', () => {
    expect(inline('\\*not em\\* \\[@a\\] \\_ \\\\ \\q \\é')).toEqual([{ text: '*not em* [@a] _ \\ \\q \\é' }]);
  });
});

describe('citation clusters', () => {
  it('reads Pandoc clusters with the rules of citations.ts', () => {
    const { blocks: out, clusters } = parse('A [@markowitz2013, p. 24]. B [see @dedanieli2014, ch. 2; @watts2015]. C [-@markowitz2013].');
    expect(out).toEqual([para({ text: 'A ' }, { cite: 0 }, { text: '. B ' }, { cite: 1 }, { text: '. C ' }, { cite: 2 }, { text: '.' })]);
    expect(clusters).toEqual([
      { cites: [{ id: 'markowitz2013', locator: '24', label: 'page' }], raw: '[@markowitz2013, p. 24]' },
      {
        cites: [{ id: 'dedanieli2014', prefix: 'see', locator: '2', label: 'chapter' }, { id: 'watts2015' }],
        raw: '[see @dedanieli2014, ch. 2; @watts2015]',
      },
      { cites: [{ id: 'markowitz2013', suppressAuthor: true }], raw: '[-@markowitz2013]' },
    ]);
  });

  it('does not take links, e-mail addresses, half-citations or code spans as clusters', () => {
    const { blocks: out, clusters } = parse('[a link](https://x.org/@user) [write to me@example.org] [@a; no key] `[@b]` [@c](x)');
    expect(clusters).toEqual([]);
    expect(out).toEqual([
      para(
        { text: 'a link', href: 'https://x.org/@user' },
        { text: ' [write to me@example.org] [@a; no key] ' },
        { text: '[@b]', code: true },
        { text: ' @c' },
      ),
    ]);
  });

  it('finds clusters inside emphasis, table cells, list items and quotes, in document order', () => {
    const src = [
      'Table: Sources [@cap]',
      '| Claim | Source |',
      '|---|---|',
      '| x | [@cell1] |',
      '| y | *[@cell2]* |',
      '',
      '*as argued [@em]*',
      '',
      '- item [@li1]',
      '  - nested [@li2]',
      '',
      '> quoted [@q]',
      '',
      '# Heading [@h]',
      '',
      'split [see',
      '@split, p. 3]',
    ].join('\n');
    const { blocks: out, clusters } = parse(src);
    expect(clusters.map((c) => c.cites[0]!.id)).toEqual(['cap', 'cell1', 'cell2', 'em', 'li1', 'li2', 'q', 'h', 'split']);
    expect(clusters.at(-1)).toEqual({ cites: [{ id: 'split', prefix: 'see', locator: '3', label: 'page' }], raw: '[see @split, p. 3]' });
    expect(out[0]).toEqual({
      type: 'table',
      caption: [{ text: 'Sources ' }, { cite: 0 }],
      header: [[[{ text: 'Claim' }], [{ text: 'Source' }]]],
      rows: [
        [[{ text: 'x' }], [{ cite: 1 }]],
        [[{ text: 'y' }], [{ cite: 2 }]],
      ],
    });
    expect(out[1]).toEqual(para({ text: 'as argued ', italic: true }, { cite: 3 }));
  });
});

describe('hostile input', () => {
  it('keeps markup-like and control characters as plain text', () => {
    const src = '<script>alert("x")</script> & <w:p/> ]]> \u0000\u0007\u001b[31m \u202e';
    expect(inline(src)).toEqual([{ text: src }]);
  });

  it('survives unbalanced brackets, stray delimiters and odd nesting', () => {
    for (const src of [
      '[[[@a]',
      '[@a]]]',
      '](',
      '[a](<b',
      '[a](b "t',
      '**_*_**',
      '`',
      '\\',
      '> ',
      '-',
      '1.',
      '|',
      '|\n|-',
      '{{',
      '```',
      '<',
      '<a@',
      '[@',
      '* * a',
    ]) {
      expect(() => parseMarkdown(src, () => 0)).not.toThrow();
    }
    expect(inline('[[[@a] x')).toEqual([{ text: '[[' }, { cite: 0 }, { text: ' x' }]);
  });

  it('handles pathological inputs quickly', () => {
    const cases = [
      'a' + '*'.repeat(50_000) + 'b',
      '*a '.repeat(30_000),
      '_a '.repeat(30_000) + '_',
      '['.repeat(50_000),
      '[@'.repeat(50_000),
      '[@'.repeat(50_000) + ']',
      '[a]('.repeat(30_000),
      '[a](<'.repeat(30_000),
      '[a](x "'.repeat(20_000),
      '`'.repeat(50_000),
      '` `` ```'.repeat(10_000),
      '<a'.repeat(50_000),
      '<http:' + 'x'.repeat(100_000),
      'a' + ' '.repeat(100_000) + 'b\nc',
      '>'.repeat(50_000) + ' deep',
      Array.from({ length: 1_000 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n'),
      '| a '.repeat(20_000) + '\n' + '|---'.repeat(20_000),
      '{{a ' + 'k=v '.repeat(20_000) + '}}',
    ];
    for (const src of cases) {
      const t = performance.now();
      const out = parseMarkdown(src, () => 0);
      expect(performance.now() - t, src.slice(0, 30)).toBeLessThan(2000);
      expect(out.length).toBeGreaterThan(0);
    }
  });

  it('keeps deep nesting bounded and the text intact', () => {
    const out = blocks('>'.repeat(1000) + ' deep');
    let depth = 0;
    for (let b = out[0]; b?.type === 'quote'; b = b.blocks[0]) depth++;
    expect(depth).toBe(16);
    expect(JSON.stringify(out)).toContain('> deep');
  });

  it('parses a 1 MB memo well within two seconds', () => {
    const chunk = [
      '## Section with *emphasis* and a [link](https://example.org)',
      '',
      'Capacity eroded [@markowitz2013, p. 24] while **elites** captured rents [see @watts2015; @int-R07]. snake_case',
      'continues here with `code` and an escaped \\* star.',
      '',
      '- point one [@a]',
      '- point two',
      '',
      '> A quotation [@b]',
      '',
      '| A | B |',
      '|---|---|',
      '| 1 | [@c] |',
      '',
      '{{matrix view=consensus}}',
      '',
    ].join('\n');
    const src = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
    let clusters = 0;
    const t = performance.now();
    const out = parseMarkdown(src, () => clusters++);
    expect(performance.now() - t).toBeLessThan(2000);
    const reps = Math.ceil(1_000_000 / chunk.length);
    expect(out.length).toBe(reps * 6);
    expect(clusters).toBe(reps * 5);
  });
});
