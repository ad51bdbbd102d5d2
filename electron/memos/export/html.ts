// A rendered memo as one self-contained HTML file, also the input for the PDF export. The file
// must be safe to open anywhere: every string from the model is escaped here, there are no
// scripts, and the CSP forbids fetching anything, so a hostile title or quote stays text and the
// file never calls home. The only URLs are the writer's own links, which the model limits to
// http(s) and mailto.
import { isBreak, isCite, type Block, type Inline, type RenderedMemo, type Run } from '../render/model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes for text and for quoted attribute values alike. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

// Checked again here, not only in the parser, because this file is what a reader opens.
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
@page { margin: 2.5cm 2.2cm; }
html { color: #111; background: #fff; }
body { font-family: Georgia, 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif; font-size: 12pt; line-height: 1.5;
  max-width: 42em; margin: 2em auto; padding: 0 1em; }
@media print { body { max-width: none; margin: 0; padding: 0; } .fnback { display: none; } }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.4em 0 0.5em; break-after: avoid; }
h1.title { font-size: 1.9em; margin: 0 0 1em; }
h2 { font-size: 1.45em; } h3 { font-size: 1.2em; } h4 { font-size: 1.05em; } h5, h6 { font-size: 1em; font-style: italic; }
p { margin: 0 0 0.8em; orphans: 3; widows: 3; }
li > p { margin: 0 0 0.3em; }
blockquote { margin: 1em 2em; }
a { color: #1a4d8f; }
code, pre { font-family: 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace; font-size: 0.88em; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 0.6em 0.8em; break-inside: avoid; }
table { border-collapse: collapse; margin: 1em 0 1.2em; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.4em; }
th, td { border: 1px solid #555; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
thead th { background: #eee; }
tr { break-inside: avoid; }
hr { border: 0; border-top: 1px solid #888; margin: 1.5em 0; }
.sc { font-variant: small-caps; }
sup.fnref { line-height: 0; }
sup.fnref a { text-decoration: none; }
.unresolved { color: #a00000; }
.footnotes { font-size: 0.85em; margin-top: 2.5em; border-top: 1px solid #888; }
.footnotes h2, .bibliography h2 { font-size: 1.2em; }
.footnotes li { margin-bottom: 0.4em; }
.fnback { text-decoration: none; }
.bibliography p { padding-left: 2em; text-indent: -2em; }
`;

/** Walks the blocks once, numbering footnotes in the order a reader meets them. */
class Writer {
  private readonly notes: string[] = [];

  constructor(private readonly memo: RenderedMemo) {}

  article(): string {
    const { memo } = this;
    const body = memo.blocks.map((b) => this.block(b)).join('\n');
    const parts = [`<article>`, `<h1 class="title">${escapeHtml(memo.title)}</h1>`, body];
    if (this.notes.length) {
      const items = this.notes.map(
        (text, i) =>
          `<li id="fn-${i + 1}"><p>${text} <a href="#fnref-${i + 1}" class="fnback" aria-label="Back to text">↩&#xfe0e;</a></p></li>`,
      );
      parts.push(`<section class="footnotes"><h2>Notes</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</section>`);
    }
    if (memo.bibliography.length) {
      const heading = memo.noteStyle ? 'Bibliography' : 'References';
      const entries = memo.bibliography.map((runs) => `<p>${this.runs(runs)}</p>`);
      parts.push(`<section class="bibliography"><h2>${heading}</h2>\n${entries.join('\n')}\n</section>`);
    }
    parts.push('</article>');
    return parts.join('\n');
  }

  private block(b: Block): string {
    switch (b.type) {
      case 'heading': {
        // The memo title is the only h1, so every heading in the text moves one level down.
        const h = `h${Math.min(b.level + 1, 6)}`;
        return `<${h}>${this.inlines(b.content)}</${h}>`;
      }
      case 'paragraph':
        return `<p>${this.inlines(b.content)}</p>`;
      case 'quote':
        return `<blockquote>\n${b.blocks.map((x) => this.block(x)).join('\n')}\n</blockquote>`;
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        const items = b.items.map((blocks) => `<li>${blocks.map((x) => this.block(x)).join('\n')}</li>`);
        return `<${tag}>\n${items.join('\n')}\n</${tag}>`;
      }
      case 'table': {
        const caption = b.caption ? `<caption>${this.inlines(b.caption)}</caption>` : '';
        const row = (cells: Inline[][], tag: 'th' | 'td'): string =>
          `<tr>${cells.map((c) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}>${this.inlines(c)}</${tag}>`).join('')}</tr>`;
        const head = b.header.length ? `<thead>\n${b.header.map((r) => row(r, 'th')).join('\n')}\n</thead>` : '';
        const rows = `<tbody>\n${b.rows.map((r) => row(r, 'td')).join('\n')}\n</tbody>`;
        return `<table>${caption}\n${head}\n${rows}\n</table>`;
      }
      case 'code':
        return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
      case 'rule':
        return '<hr>';
    }
  }

  private inlines(content: Inline[]): string {
    return content
      .map((i) => {
        if (isBreak(i)) return '<br>';
        if (isCite(i)) return this.cite(i.cite);
        return this.run(i);
      })
      .join('');
  }

  private cite(index: number): string {
    const cluster = this.memo.clusters[index];
    if (!cluster || cluster.formatted.length === 0) {
      // Shown as written, so the writer sees which keys to fix; it takes no note number, so
      // the notes that did resolve stay numbered 1, 2, 3 without gaps.
      const keys = cluster ? cluster.cites.map((c) => `@${c.id}`).join('; ') : `cluster ${index}`;
      return `<span class="unresolved">${escapeHtml(`[${keys}]`)}</span>`;
    }
    if (!this.memo.noteStyle) return `<span class="cite">${this.runs(cluster.formatted)}</span>`;
    this.notes.push(this.runs(cluster.formatted));
    const n = this.notes.length;
    return `<sup class="fnref"><a href="#fn-${n}" id="fnref-${n}">${n}</a></sup>`;
  }

  private runs(runs: Run[]): string {
    return runs.map((r) => this.run(r)).join('');
  }

  private run(r: Run): string {
    let s = escapeHtml(r.text);
    if (r.code) s = `<code>${s}</code>`;
    if (r.smallCaps) s = `<span class="sc">${s}</span>`;
    if (r.italic) s = `<em>${s}</em>`;
    if (r.bold) s = `<strong>${s}</strong>`;
    if (r.sup) s = `<sup>${s}</sup>`;
    if (r.sub) s = `<sub>${s}</sub>`;
    if (r.href && SAFE_HREF.test(r.href)) s = `<a href="${escapeHtml(r.href)}" rel="noopener noreferrer">${s}</a>`;
    return s;
  }
}

/** The memo's `<article>`: title, text, notes and bibliography, with no page around it. */
export function memoBodyHtml(memo: RenderedMemo): string {
  return new Writer(memo).article();
}

/** The memo as a complete HTML5 file that loads nothing from anywhere. */
export function memoToHtml(memo: RenderedMemo): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(memo.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${memoBodyHtml(memo)}
</body>
</html>
`;
}
