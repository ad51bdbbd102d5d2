// The Markdown export: what it writes, and what Pandoc makes of it. The round trip compares
// Pandoc's citeproc (Haskell) with ours (citeproc-js) on the same clusters, items and CSL file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../../core/paths.js';
import { formatCitations, STYLES } from '../cite.js';
import type { Cite, StyleName } from '../cite.js';
import type { Cluster, Inline, RenderedMemo, Run } from '../render/model.js';
import { HOSTILE, sampleMemo } from '../render/sample.test-data.js';
import { memoToMarkdown } from './markdown.js';

const chicago = { bibliographyFile: 'memo.json', style: 'chicago' } as const;

/** A memo of one paragraph holding `content`, with the sample's items. */
function memoOf(content: Inline[], clusters: Cluster[] = []): RenderedMemo {
  return { ...sampleMemo(true), blocks: [{ type: 'paragraph', content }], clusters };
}

const bodyOf = (markdown: string): string => markdown.slice(markdown.indexOf('\n---\n') + 5).trim();
const citing = (...cites: Cite[]): Cluster => ({ cites, formatted: [{ text: 'x' }], unresolved: [] });

describe('memoToMarkdown', () => {
  const { markdown, csljson } = memoToMarkdown(sampleMemo(true), chicago);

  it('writes front matter for pandoc --citeproc', () => {
    expect(
      markdown.startsWith(`---
title: 'Tajikistan: captured state capacity'
bibliography: 'memo.json'
csl: 'chicago-fullnote-bibliography.csl'
link-citations: true
---

# Conceptual framework
`),
    ).toBe(true);
    expect(memoToMarkdown(sampleMemo(false), { bibliographyFile: 'memo.json', style: 'apa' }).markdown).toContain("\ncsl: 'apa.csl'\n");
  });

  it('writes every block kind as Pandoc Markdown', () => {
    const body = bodyOf(markdown);
    expect(body).toContain('State capacity has *two* dimensions and **four** outcomes[@markowitz2013, p. 24]. See ');
    expect(body).toContain('[the archive](<https://example.org/a?b=1&c=2>) and `code()`.\\\n');
    expect(body).toContain('| | High willingness | Low willingness |\n|---|---|---|\n| High capability | Hegemonic | Captured |\n');
    expect(body).toContain('| Low capability | Degraded | Failed[@watts2015] |\n\n: Table 1. Outcomes of State Capacities\n');
    expect(body).toContain('\n## Evidence\n\n> “each respective \\[security\\] agency functions as an individual silo”[@int-R07]\n');
    expect(body).toContain('\n-   first point\n-   second point, with ');
    expect(body).toContain('[see @markowitz2013, p. 30; @int-R07]\n\n1.  one\n2.  two\n');
    expect(body).toContain('\n```\nSELECT 1;\n<b>not bold</b>\n```\n\n---\n\nUnresolved: \\[\\@nokey\\]');
  });

  it('escapes hostile text so it stays text', () => {
    const escaped = '\\<script\\>alert("x")\\</script\\> & \\<w:p/\\> \\]\\]\\> \\*not em\\* \\[\\@nokey\\] \\\\ \\` \\$1';
    expect(markdown.split(escaped)).toHaveLength(3);
    expect(markdown).not.toMatch(/(?<!\\)<script|(?<!\\)\[(?<!\\)@nokey/);

    const title = memoToMarkdown({ ...sampleMemo(true), title: `${HOSTILE} it's` }, chicago).markdown;
    expect(title).toContain(`\ntitle: '${escaped} it''s'\n`);
  });

  it('escapes what would start a block at the start of a line', () => {
    const lines = [
      '1. not a list',
      '- nor this',
      'i) nor this',
      '(a) nor this',
      ': nor this',
      '=== nor this',
      '    nor code',
      '+ nor this',
    ];
    const md = memoToMarkdown(memoOf(lines.flatMap((text) => [{ text }, { br: true as const }])), chicago).markdown;
    expect(bodyOf(md)).toBe(
      [
        '1\\. not a list',
        '\\- nor this',
        'i\\) nor this',
        '(a\\) nor this',
        '\\: nor this',
        '\\=== nor this',
        'nor code',
        '\\+ nor this',
      ].join('\\\n'),
    );
  });

  it('writes code spans, code blocks and links that survive backticks and angle brackets', () => {
    const md = memoToMarkdown(
      memoOf([
        { text: 'a `` b', code: true },
        { text: ' and ' },
        { text: '`x', code: true },
        { text: ' and ' },
        { text: 'link', href: 'https://example.org/a b<c>' },
      ]),
      chicago,
    ).markdown;
    expect(bodyOf(md)).toBe('```a `` b``` and `` `x `` and [link](<https://example.org/a%20b%3Cc%3E>)');
    const code = memoToMarkdown({ ...sampleMemo(true), blocks: [{ type: 'code', text: 'x\n````\ny' }] }, chicago).markdown;
    expect(bodyOf(code)).toBe('`````\nx\n````\ny\n`````');
  });

  it('writes clusters in Pandoc citation syntax', () => {
    const clusters = [
      citing({ id: 'a', locator: '24-30, 33' }, { id: 'b', prefix: 'see', locator: '2', label: 'chapter', suppressAuthor: true }),
      citing({ id: 'a', locator: 'iv, A', label: 'section' }, { id: 'b', locator: '3', suffix: 'my emphasis; x' }),
      citing({ id: 'a', suffix: '2nd ed.' }, { id: 'b', suffix: 'passim' }, { id: 'key with space' }),
      { cites: [{ id: 'a' }, { id: 'gone', locator: '3' }], formatted: [{ text: 'x' }], unresolved: ['gone'] },
    ];
    const md = memoToMarkdown(
      memoOf([{ cite: 0 }, { cite: 1 }, { text: '(not a link)' }, { cite: 2 }, { cite: 3 }], clusters),
      chicago,
    ).markdown;
    expect(bodyOf(md)).toBe(
      [
        '[@a, pp. 24-30, 33; see -@b, chap. 2]',
        '<!-- -->',
        '[@a, {sec. iv, A}; @b, {p. 3} my emphasis\\; x]',
        '\\(not a link)',
        '[@a {} 2nd ed.; @b passim; @{key with space}]',
        '<!-- -->',
        '[@a]\\[\\@gone, p. 3\\]',
      ].join(''),
    );
  });

  it('writes the cited items as CSL-JSON, ordered by id', () => {
    expect(JSON.parse(csljson)).toEqual([...sampleMemo(true).items].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(csljson).toContain('\n  {\n    "id": "int-R07",');
  });
});

// --- Pandoc -------------------------------------------------------------------------------

const pandocFound = spawnSync('pandoc', ['--version']).status === 0;
if (!pandocFound) {
  if (process.env.CI) {
    describe('pandoc round trip', () => it('needs pandoc on PATH on CI', () => expect.fail('pandoc is not on PATH')));
  } else console.warn('Skipping the pandoc round trip: pandoc is not on PATH (CI fails instead).');
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes memo.md, memo.json and the style's CSL file to a fresh directory and runs pandoc there. */
function pandoc(memo: RenderedMemo, style: StyleName, ...args: string[]): { out: string; err: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fc-md-'));
  dirs.push(dir);
  const { markdown, csljson } = memoToMarkdown(memo, { bibliographyFile: 'memo.json', style });
  writeFileSync(join(dir, 'memo.md'), markdown);
  writeFileSync(join(dir, 'memo.json'), csljson);
  copyFileSync(join(resourcesDir(), 'csl', STYLES[style]), join(dir, STYLES[style]));
  const r = spawnSync('pandoc', ['--citeproc', '--csl', STYLES[style], '--wrap=none', ...args, 'memo.md'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pandoc failed: ${r.stderr}`);
  return { out: r.stdout, err: r.stderr };
}

/** The sample with every resolved cluster and the bibliography formatted by our citeproc-js. */
function withOurFormatting(noteStyle: boolean): { memo: RenderedMemo; citations: string[]; bibliography: string[] } {
  const memo = sampleMemo(noteStyle);
  const resolved = memo.clusters.filter((c) => c.unresolved.length === 0);
  const f = formatCitations(
    memo.items,
    resolved.map((c) => c.cites),
    memo.style,
    'text',
  );
  resolved.forEach((c, i) => (c.formatted = [{ text: f.citations[i]! }]));
  memo.bibliography = f.bibliography.map((text) => [{ text }]);
  return { memo, citations: resolved.map((c) => c.formatted.map((r) => r.text).join('')), bibliography: f.bibliography };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e.startsWith('#')
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? m),
  );
const textOf = (html: string): string => decode(html.replace(/<a href="#fnref\d+"[^>]*>[\s\S]*?<\/a>/g, '').replace(/<[^>]+>/g, ''));
const all = (html: string, re: RegExp): string[] => [...html.matchAll(re)].map((m) => textOf(m[1]!));

/** Only typography: white space (pandoc writes no-break spaces) and curly versus straight quotes. */
const normalise = (s: string): string => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();

const notesOf = (html: string) => all(html, /<li id="fn\d+"[^>]*>([\s\S]*?)<\/li>/g);
const entriesOf = (html: string) => all(html, /<div id="ref-[^"]*" class="csl-entry"[^>]*>([\s\S]*?)<\/div>/g);
const inTextOf = (html: string) => all(html, /<span class="citation"[^>]*>([\s\S]*?)<\/span>/g);

describe.skipIf(!pandocFound)('pandoc round trip', () => {
  it('Chicago: pandoc makes the same footnotes and bibliography as citeproc-js', () => {
    const { memo, citations, bibliography } = withOurFormatting(true);
    const html = pandoc(memo, 'chicago', '-t', 'html').out;
    const notes = notesOf(html);
    expect(notes).toHaveLength(4);
    // The one difference on these clusters: pandoc capitalises the first letter of a footnote
    // made from a citation ("see Markowitz" becomes "See Markowitz"); citeproc-js keeps the
    // prefix as written. Nothing else is normalised.
    // Seen while probing other clusters, not in this sample: in a cluster of several cites pandoc
    // leaves the note's closing period outside a closing quote ("Insurgencies”." where citeproc-js
    // writes "Insurgencies.”"), and it does not leave out a space before a suffix that starts with
    // a digit (citeproc-js: "Insurgencies”2nd ed.").
    const capitalised = citations.map((c) => c.replace(/^\p{Ll}/u, (l) => l.toUpperCase()));
    expect(notes.map(normalise)).toEqual(capitalised.map(normalise));
    expect(citations[3]).toMatch(/^see /);
    expect(entriesOf(html).map(normalise)).toEqual(bibliography.map(normalise));

    // The footnotes sit where the model has them: a citation right after a word is not moved
    // past the following punctuation.
    const plain = normalise(pandoc(memo, 'chicago', '-t', 'plain').out);
    for (const at of ['outcomes[1]. See', 'Failed[2]', 'silo"[3]', '$1[4]']) expect(plain).toContain(at);
  });

  it('APA: pandoc makes the same in-text citations and reference list as citeproc-js', () => {
    const { memo, citations, bibliography } = withOurFormatting(false);
    const html = pandoc(memo, 'apa', '-t', 'html').out;
    expect(notesOf(html)).toEqual([]);
    expect(inTextOf(html).map(normalise)).toEqual(citations.map(normalise));
    expect(entriesOf(html).map(normalise)).toEqual(bibliography.map(normalise));
  });

  it('hostile text comes out as literal text, and [@nokey] is not a citation', () => {
    const memo = { ...withOurFormatting(true).memo, title: HOSTILE };
    const { out: html, err } = pandoc(memo, 'chicago', '-t', 'html');
    expect(err).toBe('');
    expect(html).not.toMatch(/<script|<w:p|<b>/i);
    expect(html).not.toContain('nokey"');
    expect(html.split('&lt;script&gt;alert(“x”)&lt;/script&gt; &amp; &lt;w:p/&gt; ]]&gt; *not em* [@nokey] \\ ` $1')).toHaveLength(3);
    expect(html).toContain('<p>Unresolved: [@nokey]</p>');
    expect(html).toContain('<pre><code>SELECT 1;\n&lt;b&gt;not bold&lt;/b&gt;</code></pre>');

    const plain = pandoc(memo, 'chicago', '-t', 'plain').out;
    expect(normalise(plain).split(normalise(HOSTILE))).toHaveLength(3);

    // The title is Markdown in YAML: it must come out as the same literal text.
    const dir = dirs.at(-1)!;
    writeFileSync(join(dir, 'title.html'), '$title$\n');
    const title = pandoc(memo, 'chicago', '-s', '--template', join(dir, 'title.html'), '-t', 'html').out;
    expect(title.trim()).toBe('&lt;script&gt;alert(“x”)&lt;/script&gt; &amp; &lt;w:p/&gt; ]]&gt; *not em* [@nokey] \\ ` $1');
  });

  it("inline formatting and line starts survive pandoc's reader", () => {
    const cases: Inline[][] = [
      [
        { text: 'a', italic: true },
        { text: 'b', bold: true },
      ],
      [
        { text: 'a', bold: true },
        { text: 'b', italic: true },
      ],
      [
        { text: 'a', italic: true },
        { text: 'b', italic: true, bold: true },
        { text: 'c', bold: true },
      ],
      [{ text: 'x' }, { text: ' a ', italic: true }, { text: 'y' }],
      [{ text: 'x' }, { text: 'code`', code: true }, { text: 'more', code: true, italic: true }, { text: '!' }],
      [{ text: 'a', href: 'https://example.org/?q=1' }, { text: 'b', href: 'https://example.org/?q=1', italic: true }, { text: '!' }],
      [{ text: 'x' }, { text: '2', sup: true }, { text: 'i', sub: true }, { text: 'Small Caps', smallCaps: true }],
      [{ text: '1. a' }, { br: true }, { text: '- b' }, { br: true }, { text: '# c' }, { br: true }, { text: 'I. d' }],
      [{ text: HOSTILE.replace(/"/g, '') }, { text: ' {=html} & &amp; :smile: ^x^ ~y~ ~~z~~ \\(m\\) $x$ --' }],
    ];
    for (const content of cases) {
      const dir = mkdtempSync(join(tmpdir(), 'fc-md-'));
      dirs.push(dir);
      writeFileSync(join(dir, 'in.md'), bodyOf(memoToMarkdown(memoOf(content), chicago).markdown));
      // Without "smart", pandoc leaves "--" and quotes alone, so the text compares exactly.
      const r = spawnSync('pandoc', ['-f', 'markdown-smart', '-t', 'json', 'in.md'], { cwd: dir, encoding: 'utf8' });
      const blocks = (JSON.parse(r.stdout) as { blocks: PandocNode[] }).blocks;
      expect(blocks.map((b) => b.t)).toEqual(['Para']);
      expect(runsOf(blocks[0]!.c as PandocNode[])).toEqual(flatten(content));
    }
  });
});

interface PandocNode {
  t: string;
  c?: unknown;
}

type Flat = Omit<Run, 'text'> & { text: string };

/** Adjacent runs with the same format as one; no-break spaces (pandoc's escaped spaces) as spaces. */
function merge(content: Inline[]): (Flat | { br: true })[] {
  const out: (Flat | { br: true })[] = [];
  for (const item of content) {
    if ('br' in item) out.push({ br: true });
    else if ('text' in item) {
      const last = out.at(-1);
      const run = Object.fromEntries(Object.entries(item).filter(([, v]) => v !== false && v !== undefined)) as Flat;
      const { text: _, ...format } = run;
      const text = run.text.replace(/\u00a0/g, ' ');
      if (last && 'text' in last && JSON.stringify({ ...last, text: '' }) === JSON.stringify({ ...format, text: '' })) last.text += text;
      else out.push({ ...run, text });
    }
  }
  return out;
}

/** As merge, with white space at the edges of a format outside it, where Markdown emphasis needs it. */
function flatten(content: Inline[]): (Flat | { br: true })[] {
  const split = merge(content).flatMap((item): Inline[] => {
    if (!('text' in item) || item.code || Object.keys(item).length === 1) return [item];
    const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(item.text)!;
    return [{ text: lead! }, { ...item, text: core! }, { text: trail! }].filter((r) => r.text);
  });
  return merge(split);
}

function runsOf(nodes: PandocNode[], format: Omit<Flat, 'text'> = {}): (Flat | { br: true })[] {
  const runs: Inline[] = [];
  const walk = (list: PandocNode[], f: Omit<Flat, 'text'>) => {
    for (const n of list) {
      const c = n.c as never;
      if (n.t === 'Str') runs.push({ ...f, text: (c as string).replace(/\u00a0/g, ' ') });
      else if (n.t === 'Space' || n.t === 'SoftBreak') runs.push({ ...f, text: ' ' });
      else if (n.t === 'LineBreak') runs.push({ br: true });
      else if (n.t === 'Emph') walk(c, { ...f, italic: true });
      else if (n.t === 'Strong') walk(c, { ...f, bold: true });
      else if (n.t === 'Superscript') walk(c, { ...f, sup: true });
      else if (n.t === 'Subscript') walk(c, { ...f, sub: true });
      else if (n.t === 'SmallCaps') walk(c, { ...f, smallCaps: true });
      else if (n.t === 'Span' && (c[0] as [string, string[]])[1].includes('smallcaps')) walk(c[1], { ...f, smallCaps: true });
      else if (n.t === 'Code') runs.push({ ...f, code: true, text: c[1] as string });
      else if (n.t === 'Link') walk(c[1], { ...f, href: (c[2] as [string])[0] });
      else throw new Error(`Unexpected ${n.t} in pandoc's output`);
    }
  };
  walk(nodes, format);
  return flatten(runs);
}
