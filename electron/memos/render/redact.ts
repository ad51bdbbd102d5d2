// The redaction list: names and places a researcher wants out of everything that leaves the
// app. Applied to the rendered memo (text, quotes, tables, notes, bibliography, the CSL items a
// Markdown export ships), whole words only and in any case, so "Rustam" goes but "Rustamov"
// stays unless listed too. Counts cover what a reader would see, not the items' copies.
import { REDACTED, type Block, type Inline, type RenderedMemo, type Run } from './model.js';

function matcher(terms: string[]): RegExp | null {
  const clean = [...new Set(terms.map((t) => t.normalize('NFC').trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!clean.length) return null;
  const alternatives = clean.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

export function redactMemo(memo: RenderedMemo, terms: string[]): RenderedMemo {
  const re = matcher(terms);
  if (!re) return { ...memo, redactions: [] };
  const byFold = new Map(terms.map((t) => [t.normalize('NFC').trim().toLocaleLowerCase().replace(/\s+/g, ' '), t.trim()]));
  const counts = new Map<string, number>();
  const cut = (s: string, count = true) =>
    s.normalize('NFC').replace(re, (m) => {
      if (count) {
        const term = byFold.get(m.toLocaleLowerCase().replace(/\s+/g, ' ')) ?? m;
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      return REDACTED;
    });
  const run = (r: Run): Run => ({ ...r, text: cut(r.text), ...(r.href ? { href: cut(r.href) } : {}) });
  const inline = (i: Inline): Inline => ('text' in i ? run(i) : i);
  const inlines = (xs: Inline[]) => xs.map(inline);
  const block = (b: Block): Block => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return { ...b, content: inlines(b.content) };
      case 'quote':
        return { ...b, blocks: b.blocks.map(block) };
      case 'list':
        return { ...b, items: b.items.map((item) => item.map(block)) };
      case 'table':
        return {
          ...b,
          ...(b.caption ? { caption: inlines(b.caption) } : {}),
          header: b.header.map((row) => row.map(inlines)),
          rows: b.rows.map((row) => row.map(inlines)),
        };
      case 'code':
        return { ...b, text: cut(b.text) };
      case 'rule':
        return b;
    }
  };
  const deep = (v: unknown): unknown =>
    typeof v === 'string'
      ? cut(v, false)
      : Array.isArray(v)
        ? v.map(deep)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'id' ? x : deep(x)]))
          : v;

  const out: RenderedMemo = {
    ...memo,
    title: cut(memo.title),
    blocks: memo.blocks.map(block),
    clusters: memo.clusters.map((c) => ({ ...c, formatted: c.formatted.map(run) })),
    bibliography: memo.bibliography.map((e) => e.map(run)),
    items: memo.items.map((i) => deep(i) as typeof i),
    cited: memo.cited.map((c) => ({ ...c, label: cut(c.label, false) })),
  };
  out.redactions = [...counts].map(([term, count]) => ({ term, count }));
  return out;
}
