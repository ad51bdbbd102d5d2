// A rendered memo as Pandoc Markdown plus a CSL-JSON bibliography, so a writer can run
// `pandoc --citeproc memo.md -o memo.docx` (or .tex, .odt, …) and get the citations formatted by
// Pandoc from the same items and style. Citations go out as Pandoc citation syntax, not as our
// formatted text; every other piece of text is escaped so it stays literal text in Pandoc.
import { STYLES } from '../cite.js';
import type { Cite } from '../cite.js';
import type { Block, Cluster, Inline, RenderedMemo, Run } from '../render/model.js';
import { isBreak, isCite } from '../render/model.js';

export interface MarkdownOptions {
  /** File name of the CSL-JSON written next to the Markdown (e.g. "memo.json"). */
  bibliographyFile: string;
  style: 'chicago' | 'apa';
}

// Everything that can open inline syntax in Pandoc Markdown anywhere in a line: escapes,
// emphasis, code, links, citations, raw HTML and TeX, math, super/subscript, strikeout,
// attributes ({=html} after a code span), headings' closing #s and table cells. Quotes, dashes
// and "..." are left to Pandoc's smart typography, which changes their look, not the structure.
const SPECIAL = /[\\`*_[\]<>#|@$^~{}]/g;

function escapeText(text: string): string {
  return (
    text
      .replace(/\s*\n\s*/g, ' ')
      .replace(SPECIAL, '\\$&')
      // "&amp;" would be read as an entity and print as "&".
      .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
      // "!" before a link or a citation would turn it into an image.
      .replace(/!$/, '\\!')
  );
}

// Block syntax that only counts at the start of a line (list markers, setext underlines,
// definition lists, fenced divs); the characters SPECIAL covers are already escaped.
function escapeLineStart(line: string): string {
  const s = line.trimStart(); // four leading spaces would make a code block
  const list = /^\(?(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)(?=[.)](?:\s|$))/.exec(s);
  if (list) return `${list[0]}\\${s.slice(list[0].length)}`;
  return s.replace(/^[-+:=%]/, '\\$&');
}

// YAML single quotes take no escapes but a doubled quote, so Markdown backslashes pass through
// untouched; Pandoc then reads the value as Markdown.
const yamlQuote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** A file name in metadata: Pandoc reads it as Markdown too, so keep it literal, smart typography included. */
const metaLiteral = (s: string): string =>
  yamlQuote(
    escapeLineStart(
      escapeText(s)
        .replace(/['"]/g, '\\$&')
        .replace(/-(?=-)/g, '\\-')
        .replace(/\.(?=\.\.)/g, '\\.'),
    ),
  );

const FLAGS = ['href', 'smallCaps', 'bold', 'italic', 'sup', 'sub'] as const;
type Flag = (typeof FLAGS)[number];

const sameFormat = (a: Run, b: Run): boolean => !!a.code === !!b.code && FLAGS.every((f) => (a[f] || undefined) === (b[f] || undefined));

// Two adjacent code spans would read as one span with backticks inside it; one run per format avoids that.
function mergeRuns(content: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const item of content) {
    const last = out.at(-1);
    if (last && !isCite(last) && !isBreak(last) && !isCite(item) && !isBreak(item) && sameFormat(last, item)) {
      out[out.length - 1] = { ...last, text: last.text + item.text };
    } else out.push(item);
  }
  return out;
}

function codeSpan(text: string): string {
  const flat = text.replace(/\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

// Pandoc reads "<" and ">" as the ends of the destination and backslashes as escapes inside it.
const linkTarget = (href: string): string =>
  href.replace(/[\s<>\\]/g, (c) => (c === '\n' || c === '\r' ? '' : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));

function wrap(flag: Flag, value: string | true, inner: string): string {
  // Emphasis next to white space does not open or close, so the white space goes outside.
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  if (!core) return inner;
  const body = (() => {
    switch (flag) {
      case 'href':
        return `[${core}](<${linkTarget(value as string)}>)`;
      case 'smallCaps':
        return `[${core}]{.smallcaps}`;
      case 'bold':
        return `**${core}**`;
      case 'italic':
        return `*${core}*`;
      // Unescaped spaces end a super- or subscript.
      case 'sup':
        return `^${core.replace(/ /g, '\\ ')}^`;
      case 'sub':
        return `~${core.replace(/ /g, '\\ ')}~`;
    }
  })();
  return `${lead}${body}${trail}`;
}

// Short forms of the en-US locale's terms, which are what Pandoc recognises: it reads "ch." as no
// label at all (a page locator "ch. 3"), so chapters are "chap.".
const LABELS: Record<string, string> = {
  chapter: 'chap.',
  section: 'sec.',
  paragraph: 'para.',
  figure: 'fig.',
  note: 'n.',
  volume: 'vol.',
};

const PANDOC_KEY = /^(?:[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_]|[\p{L}\p{N}_])$/u;

// Inside a cluster ";" separates cites and "]" ends it.
const escapeCiteText = (s: string): string => escapeText(s).replace(/;/g, '\\;');

/** One cite in Pandoc syntax: "see @key, p. 30", "-@key, {ch. 2} my emphasis". */
function citeSyntax(c: Cite): string {
  const prefix = c.prefix ? `${escapeCiteText(c.prefix)} ` : '';
  const key = PANDOC_KEY.test(c.id) ? c.id : `{${c.id}}`;
  let locator = '';
  if (c.locator) {
    const label = c.label ?? 'page';
    const short = label === 'page' ? (/[-–,&]|\band\b/.test(c.locator) ? 'pp.' : 'p.') : (LABELS[label] ?? label);
    // Pandoc reads a plain number or range after the label; anything else, or a locator with a
    // suffix after it, goes in braces so Pandoc takes all of it, and only it, as the locator.
    // A brace inside would end the braces early, so braces are dropped from the locator.
    const simple = /^\d+(?:[-–]\d+)?(?:,\s*\d+(?:[-–]\d+)?)*$/.test(c.locator);
    const text = `${short} ${escapeCiteText(c.locator.replace(/[{}]/g, ''))}`;
    locator = simple && !c.suffix ? `, ${text}` : `, {${text}}`;
  }
  let suffix = '';
  if (c.suffix) {
    // Our parser drops the comma before a suffix and citeproc-js prints the suffix after a space,
    // so no comma goes here either. Without a locator, Pandoc reads a suffix whose first or second
    // word starts with a digit ("2nd ed.", "l. 4") as the locator; an empty locator "{}" stops
    // that, at the cost of Pandoc taking the cite as "ibid. with locator" right after a cite of
    // the same item with a locator.
    const looksLikeLocator = !c.locator && /^\S*\s*\d/.test(c.suffix);
    suffix = `${looksLikeLocator ? ' {}' : ''} ${escapeCiteText(c.suffix)}`;
  }
  return `${prefix}${c.suppressAuthor ? '-' : ''}@${key}${locator}${suffix}`;
}

/**
 * A cluster where the model has it. For note styles Pandoc moves the footnote after following
 * punctuation when the citation follows a space ("text [@a]." becomes "text.¹"), which the model
 * does not; that is Pandoc's typographic convention and is left to it. A citation right after a
 * word ("outcomes[@a].") stays where it is.
 */
function clusterSyntax(cluster: Cluster | undefined): string {
  if (!cluster) return '';
  const unresolved = new Set(cluster.unresolved);
  const found = cluster.cites.filter((c) => !unresolved.has(c.id));
  const missing = cluster.cites.filter((c) => unresolved.has(c.id));
  // Unresolved keys are shown as written, as in the preview: escaped, so Pandoc neither cites
  // them nor warns about them.
  const literal = missing.length ? escapeText(`[${missing.map(citeSyntaxPlain).join('; ')}]`) : '';
  return (found.length ? `[${found.map(citeSyntax).join('; ')}]` : '') + literal;
}

function citeSyntaxPlain(c: Cite): string {
  const locator = c.locator ? `, ${c.label && c.label !== 'page' ? `${LABELS[c.label] ?? c.label} ` : 'p. '}${c.locator}` : '';
  return `${c.prefix ? `${c.prefix} ` : ''}${c.suppressAuthor ? '-' : ''}@${c.id}${locator}${c.suffix ? `, ${c.suffix}` : ''}`;
}

class InlineWriter {
  constructor(private readonly clusters: Cluster[]) {}

  /** Inline content on one line or, with breaks allowed, on several joined by hard line breaks. */
  write(content: Inline[], breaks: boolean): string {
    const lines = this.formatted(mergeRuns(content), 0)
      .split('\n')
      .map((l) => escapeLineStart(l.trimEnd()))
      // Markdown cannot hold an empty line inside a paragraph: leading, trailing and doubled breaks go.
      .filter((l) => l !== '');
    return lines.join(breaks ? '\\\n' : ' ');
  }

  // Nested in a fixed order (link outermost), one flag per level, so every span closes properly.
  private formatted(items: Inline[], level: number): string {
    const flag = FLAGS[level];
    if (!flag) return this.leaves(items);
    const valueOf = (i: Inline) => (isCite(i) || isBreak(i) ? undefined : i[flag] || undefined);
    let out = '';
    for (let start = 0; start < items.length;) {
      const value = valueOf(items[start]!);
      let end = start + 1;
      while (end < items.length && valueOf(items[end]!) === value) end++;
      const inner = this.formatted(items.slice(start, end), level + 1);
      out += value === undefined ? inner : wrap(flag, value, inner);
      start = end;
    }
    return out;
  }

  private leaves(items: Inline[]): string {
    let out = '';
    items.forEach((item, i) => {
      if (isBreak(item)) out += '\n';
      else if (isCite(item)) {
        // "[@a][@b]" reads as a reference link: an empty HTML comment keeps the clusters apart.
        if (i > 0 && isCite(items[i - 1]!)) out += '<!-- -->';
        out += clusterSyntax(this.clusters[item.cite]);
      } else if (item.code) out += item.text ? codeSpan(item.text) : '';
      // "(" right after a cluster would make it a link.
      else out += escapeText(item.text).replace(/^\(/, i > 0 && isCite(items[i - 1]!) ? '\\(' : '(');
    });
    return out;
  }
}

function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${text.replace(/\n$/, '')}${text ? '\n' : ''}${fence}`;
}

const indent = (text: string, first: string, rest: string): string =>
  text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line ? rest : '') + line)
    .join('\n');

class BlockWriter {
  private readonly inline: InlineWriter;

  constructor(clusters: Cluster[]) {
    this.inline = new InlineWriter(clusters);
  }

  blocks(blocks: Block[]): string {
    const out: string[] = [];
    blocks.forEach((block, i) => {
      const prev = blocks[i - 1];
      // Two lists of the same kind in a row would merge into one.
      if (prev?.type === 'list' && block.type === 'list' && prev.ordered === block.ordered) out.push('<!-- -->');
      const text = this.block(block);
      if (text) out.push(text);
    });
    return out.join('\n\n');
  }

  private block(block: Block): string {
    switch (block.type) {
      case 'heading':
        return `${'#'.repeat(block.level)} ${this.inline.write(block.content, false)}`.trimEnd();
      case 'paragraph':
        return this.inline.write(block.content, true);
      case 'quote':
        return this.blocks(block.blocks)
          .split('\n')
          .map((line) => (line ? `> ${line}` : '>'))
          .join('\n');
      case 'list':
        return this.list(block.ordered, block.items);
      case 'table':
        return this.table(block);
      case 'code':
        return codeBlock(block.text);
      case 'rule':
        return '---';
    }
  }

  private list(ordered: boolean, items: Block[][]): string {
    // A paragraph per item, perhaps with sublists, is a tight list; anything else is loose.
    const tight = items.every((item) => item.every((b, i) => (i === 0 ? b.type === 'paragraph' : b.type === 'list')));
    const width = Math.max(4, `${items.length}. `.length);
    return items
      .map((item, i) => {
        const marker = (ordered ? `${i + 1}.` : '-').padEnd(width);
        const body = tight ? item.map((b) => this.block(b)).join('\n') : this.blocks(item);
        return body ? indent(body, marker, ' '.repeat(width)) : marker.trimEnd();
      })
      .join(tight ? '\n' : '\n\n');
  }

  private table(block: Extract<Block, { type: 'table' }>): string {
    // A pipe table has exactly one header row: further header rows go first in the body, and a
    // table without one gets an empty header, which Pandoc leaves out.
    const [head, ...moreHead] = block.header;
    const rows = [...moreHead, ...block.rows];
    const columns = Math.max(1, head?.length ?? 0, ...rows.map((r) => r.length));
    const line = (cells: Inline[][]) =>
      `| ${Array.from({ length: columns }, (_, i) => this.inline.write(cells[i] ?? [], false)).join(' | ')} |`.replace(/ {2,}\|/g, ' |');
    const out = [line(head ?? []), `|${'---|'.repeat(columns)}`, ...rows.map(line)];
    const caption = block.caption ? this.inline.write(block.caption, false) : '';
    return out.join('\n') + (caption ? `\n\n: ${caption}` : '');
  }
}

export function memoToMarkdown(memo: RenderedMemo, opts: MarkdownOptions): { markdown: string; csljson: string } {
  const title = new InlineWriter([]).write([{ text: memo.title }], false);
  const front = [
    '---',
    ...(title ? [`title: ${yamlQuote(title)}`] : []),
    `bibliography: ${metaLiteral(opts.bibliographyFile)}`,
    // Pandoc's default style is Chicago author-date, so the style is always named. The file ships
    // in resources/csl/ and has to sit next to memo.md (or be given with --csl). With a note style
    // such as Chicago full-note, Pandoc makes each citation a footnote by itself.
    `csl: ${metaLiteral(STYLES[opts.style])}`,
    'link-citations: true',
    '---',
  ];
  const body = new BlockWriter(memo.clusters).blocks(memo.blocks);
  const items = [...memo.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { markdown: `${front.join('\n')}\n\n${body}\n`, csljson: `${JSON.stringify(items, null, 2)}\n` };
}
