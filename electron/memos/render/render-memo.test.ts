// The memo as the preview and every exporter see it, on a project like the seed memo's: both
// tables from live data, interview citations by role, literature notes formatted by citeproc in
// Chicago and APA, unresolved keys kept visible, identities absent, the redaction list applied.
import { beforeAll, describe, expect, it } from 'vitest';
import { memoProject, seedLikeMemo, SECRET_NAME, HOSTILE_TITLE, type MemoProject } from '../../test-support/memo-project.js';
import { table2 } from '../../test-support/memo-table2.js';
import { tempDir } from '../../test-support/tmp.js';
import { formatCitations, MAX_CITES } from '../cite.js';
import { citeprocHtmlToRuns } from './citeproc-runs.js';
import type { Block, Inline, RenderedMemo, Run } from './model.js';
import { MAX_LIVE_BLOCKS } from './live-blocks.js';
import { renderMemo } from './render-memo.js';

const dir = tempDir();
let m: MemoProject;
beforeAll(async () => {
  m = await memoProject(dir);
});

const text = (xs: Inline[] | Run[]) => xs.map((x) => ('text' in x ? x.text : '')).join('');
const tables = (r: RenderedMemo) => r.blocks.filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
const grid = (t: Extract<Block, { type: 'table' }>) => [...t.header, ...t.rows].map((row) => row.map(text));
const notes = (r: RenderedMemo) => r.clusters.map((c) => text(c.formatted));

describe('rendering a memo', () => {
  it('builds Table 1 and Table 2 from the project, numbered in order', () => {
    const r = renderMemo(m.project, { title: 'Tajikistan', body: seedLikeMemo(m) });
    const [t1, t2] = tables(r);
    expect(text(t1!.caption!)).toBe('Table 1. Outcomes of State Capacities');
    expect(grid(t1!)).toEqual([
      ['', 'High willingness', 'Low willingness'],
      ['High capability', 'Hegemonic', 'Captured'],
      ['Low capability', 'Degraded', 'Failed'],
    ]);
    expect(text(t2!.caption!)).toBe('Table 2. Periodization and Subnational Cases of State Capacities');
    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    expect(grid(t2!).slice(1)).toEqual(
      table2()
        .slice(1)
        .map(([u, ...cells]) => [u, ...cells.map(cap)]),
    );
    expect(grid(t2!)[0]!.slice(1)).toEqual(table2()[0]!.slice(1));
  });

  it('formats every note exactly as citeproc does for Chicago, with interviews by role', () => {
    const r = renderMemo(m.project, { title: 'T', body: seedLikeMemo(m) });
    expect(r.noteStyle).toBe(true);
    const resolved = r.clusters.filter((c) => !c.unresolved.length).map((c) => c.cites);
    const expected = formatCitations(r.items, resolved, 'chicago', 'html').citations.map((h) => text(citeprocHtmlToRuns(h)));
    expect(notes(r).filter(Boolean)).toEqual(expected);
    expect(notes(r)[0]).toBe(
      'Lawrence P. Markowitz, State Erosion: Unlootable Resources and Unruly Elites in Central Asia (Ithaca: Cornell University Press, 2013), 24.',
    );
    expect(notes(r)).toContain('Interview with an NGO team leader, Dushanbe, 2016.');
    expect(notes(r).some((n) => n.startsWith('Interview with a law-enforcement official, Khorog, 2016; see Stephen Watts'))).toBe(true);
    expect(r.clusters[0]!.formatted.find((x) => x.italic)?.text).toMatch(/^State Erosion/);
    expect(r.bibliography.map(text)).toContain(
      'Markowitz, Lawrence P. State Erosion: Unlootable Resources and Unruly Elites in Central Asia. Ithaca: Cornell University Press, 2013.',
    );
  });

  it('quotes an excerpt and lists a cell’s evidence with their citations', () => {
    const r = renderMemo(m.project, { title: 'T', body: seedLikeMemo(m) });
    const quote = r.blocks.find((b) => b.type === 'quote') as Extract<Block, { type: 'quote' }>;
    const p = quote.blocks[0] as Extract<Block, { type: 'paragraph' }>;
    expect(text(p.content)).toBe('“each respective [security] agency functions as an individual silo that only protects its interests”');
    const cite = p.content.find((x) => 'cite' in x) as { cite: number };
    // Chicago shortens a second note for the same interview.
    expect(text(r.clusters[cite.cite]!.formatted)).toBe('Interview with an NGO team leader, Dushanbe.');
    const list = r.blocks.find((b) => b.type === 'list') as Extract<Block, { type: 'list' }>;
    expect(list.items).toHaveLength(2);
    const [quoteItem, refItem] = list.items.map((i) => (i[0] as Extract<Block, { type: 'paragraph' }>).content);
    expect(text(quoteItem!)).toMatch(/^High capability: “each respective/);
    const refCite = refItem!.find((x) => 'cite' in x) as { cite: number };
    expect(r.clusters[refCite.cite]!.cites).toEqual([{ id: m.keys.markowitz, locator: '24', label: 'page' }]);
  });

  it('keeps unresolved keys visible and hostile reference fields as plain text', () => {
    const r = renderMemo(m.project, { title: 'T', body: seedLikeMemo(m) });
    expect(r.unresolved).toEqual(['nokey']);
    const last = r.clusters[r.clusters.length - 1]!;
    expect(last).toMatchObject({ formatted: [], unresolved: ['nokey'] });
    expect(notes(r).join('\n')).toContain('<script>alert(');
    expect(r.items.find((i) => i.id === m.keys.hostile)!.title).toBe(HOSTILE_TITLE);
  });

  it('never carries an identity: not in notes, items, quotes or labels', () => {
    const r = renderMemo(m.project, { title: 'T', body: seedLikeMemo(m) });
    expect(JSON.stringify(r)).not.toContain(SECRET_NAME);
    expect(JSON.stringify(r)).not.toContain('Qodirov');
  });

  it('formats in APA in the text, and applies the redaction list everywhere with counts', () => {
    const apa = renderMemo(m.project, { title: 'T', body: seedLikeMemo(m), style: 'apa' });
    expect(apa.noteStyle).toBe(false);
    expect(notes(apa)[0]).toBe('(Markowitz, 2013, p. 24)');
    const resolved = apa.clusters.filter((c) => !c.unresolved.length).map((c) => c.cites);
    const expected = formatCitations(apa.items, resolved, 'apa', 'html').citations.map((h) => text(citeprocHtmlToRuns(h)));
    expect(notes(apa).filter(Boolean)).toEqual(expected);
    const red = renderMemo(m.project, { title: 'Dushanbe notes', body: seedLikeMemo(m), redact: ['dushanbe', 'Sughd Province'] });
    const all = JSON.stringify({ ...red, redactions: [] });
    expect(all).not.toMatch(/Dushanbe|Sughd Province/i);
    expect(red.redactions).toEqual([
      { term: 'dushanbe', count: expect.any(Number) },
      { term: 'Sughd Province', count: expect.any(Number) },
    ]);
    expect(red.redactions.every((x) => x.count >= 2)).toBe(true);
    expect(text((red.blocks.find((b) => b.type === 'quote') as never as { blocks: { content: Inline[] }[] }).blocks[0]!.content)).toContain(
      'silo',
    );
  });

  it('says in place why a live block cannot be built, and renders without a framework problem elsewhere', () => {
    const r = renderMemo(m.project, {
      title: 'T',
      body: '{{matrix coder="Nobody"}}\n\n{{evidence unit=Atlantis period=2005-2010}}\n\n{{excerpt id=00000000-0000-4000-8000-000000000000}}\n\n{{nonsense}}',
    });
    expect(r.blocks.map((b) => text((b as { content: Inline[] }).content))).toEqual([
      '[{{matrix coder="Nobody"}}: no coder called "Nobody"]',
      '[{{evidence unit=Atlantis period=2005-2010}}: no unit called "Atlantis"]',
      '[{{excerpt id=00000000-0000-4000-8000-000000000000}}: no such excerpt]',
      '[{{nonsense}}: unknown block; use one of outcomes, matrix, excerpt, evidence]',
    ]);
  });

  it('refuses a memo with more citations than the limit, whatever the style, and formats one at the limit', () => {
    const cites = (n: number) => Array.from({ length: n }, (_, i) => `Claim ${i} [@${m.keys.markowitz}, p. ${i + 1}].`).join(' ');
    for (const style of ['chicago', 'apa'] as const)
      expect(() => renderMemo(m.project, { title: 'Long', body: cites(MAX_CITES + 1), style })).toThrow(
        /^This memo cites sources 301 times; Field Coder formats at most 300 citations in one memo/,
      );
    // Unresolved keys are not formatted, so they do not count.
    const r = renderMemo(m.project, { title: 'Long', body: `${cites(MAX_CITES)} [@nosuchkey] [@nosuchkey]`, style: 'apa' });
    expect(r.clusters).toHaveLength(MAX_CITES + 2);
    expect(r.unresolved).toEqual(['nosuchkey']);
  });

  it('builds at most MAX_LIVE_BLOCKS live blocks and says so in place of the rest (a fuzz find: 25,000 matrices)', () => {
    const body = Array.from({ length: MAX_LIVE_BLOCKS + 2 }, () => '{{matrix view=pooled}}').join('\n\n');
    const r = renderMemo(m.project, { title: 'Many tables', body });
    expect(tables(r)).toHaveLength(MAX_LIVE_BLOCKS);
    expect(grid(tables(r).at(-1)!)).toEqual(grid(tables(r)[0]!));
    expect(text(tables(r).at(-1)!.caption!)).toMatch(new RegExp(`^Table ${MAX_LIVE_BLOCKS}\\. `));
    const rest = r.blocks.slice(-2).map((b) => (b.type === 'paragraph' ? text(b.content) : b.type));
    expect(rest).toEqual(Array(2).fill('[{{matrix view=pooled}}: a memo may hold at most 200 live blocks; this one is not built]'));
  });
});
