// Memo bodies are Markdown as researchers write it for Pandoc. This reads the subset the preview
// and the exporters support into the render model; anything else stays plain text. It never
// throws and stays close to linear on hostile input: no regular expression here can backtrack
// over more than a bounded stretch, quotes and lists nest only so deep, and emphasis uses the
// CommonMark delimiter algorithm with its "openers bottom" so unmatched runs are not rescanned.
import type { Cite } from '../cite.js';
import { parseCluster } from '../citations.js';
import { isRun, type Block, type Inline, type Run } from './model.js';

export interface LiveBlock {
  type: 'live';
  name: string;
  args: Record<string, string>;
  raw: string;
}

type OnCluster = (cites: Cite[], raw: string) => number;

/** onCluster is called once per citation cluster in document order and returns the index to store in the CiteRef. */
export function parseMarkdown(src: string, onCluster: OnCluster): (Block | LiveBlock)[] {
  const lines = src
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  return new BlockParser(onCluster).blocks(lines, 0);
}

/** Deeper quotes and lists are read as text, so "> > > …" cannot exhaust the stack. */
const MAX_DEPTH = 16;

const isBlank = (line: string) => /^[ \t]*$/.test(line);
const isBlock = (b: Block | LiveBlock): b is Block => b.type !== 'live';
const paragraphText = (lines: string[]) =>
  lines
    .map((l) => l.trimStart())
    .join('\n')
    .trimEnd();

/** Leading white space in columns (a tab reaches the next multiple of 4) and the text after it. */
function lead(line: string): { indent: number; rest: string } {
  let col = 0;
  let i = 0;
  for (; i < line.length; i++) {
    if (line[i] === ' ') col++;
    else if (line[i] === '\t') col += 4 - (col % 4);
    else break;
  }
  return { indent: col, rest: line.slice(i) };
}

/** The line without up to `cols` columns of indentation; a tab straddling the cut leaves spaces. */
function dedent(line: string, cols: number): string {
  let col = 0;
  let i = 0;
  for (; i < line.length && col < cols; i++) {
    if (line[i] === ' ') col++;
    else if (line[i] === '\t') {
      const next = col + 4 - (col % 4);
      if (next > cols) return ' '.repeat(next - cols) + line.slice(i + 1);
      col = next;
    } else break;
  }
  return line.slice(i);
}

function heading(line: string): { level: 1 | 2 | 3 | 4 | 5 | 6; text: string } | null {
  const { indent, rest } = lead(line);
  const m = indent <= 3 ? /^(#{1,6})(?:[ \t]|$)/.exec(rest) : null;
  if (!m) return null;
  let text = rest.slice(m[1]!.length).trim();
  // A closing run of #s goes only when it stands apart: "# C#" keeps its "#".
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === 0) text = '';
  else if (end < text.length && (text[end - 1] === ' ' || text[end - 1] === '\t')) text = text.slice(0, end).trimEnd();
  return { level: m[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, text };
}

const RULE = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
function isRule(line: string): boolean {
  const { indent, rest } = lead(line);
  return indent <= 3 && RULE.test(rest);
}

function fenceOpen(line: string): { indent: number; marker: string } | null {
  const { indent, rest } = lead(line);
  const marker = indent <= 3 ? /^(?:`{3,}|~{3,})/.exec(rest)?.[0] : undefined;
  // A backtick in the info string means this is inline code, as in CommonMark.
  if (!marker || (marker[0] === '`' && rest.includes('`', marker.length))) return null;
  return { indent, marker };
}

function fenceCloses(line: string, marker: string): boolean {
  const { indent, rest } = lead(line);
  const t = rest.trimEnd();
  return indent <= 3 && t.length >= marker.length && t === marker[0]!.repeat(t.length);
}

function isQuote(line: string): boolean {
  const { indent, rest } = lead(line);
  return indent <= 3 && rest[0] === '>';
}

const stripQuote = (line: string) => dedent(lead(line).rest.slice(1), 1);

interface Marker {
  ordered: boolean;
  start: number;
  indent: number;
  /** Column where the item's text starts; continuation lines are dedented by this much. */
  content: number;
  text: string;
}

function listMarker(line: string): Marker | null {
  const { indent, rest } = lead(line);
  const m = indent <= 3 ? /^(?:[-*+]|(\d{1,9})[.)])(?=[ \t]|$)/.exec(rest) : null;
  if (!m) return null;
  const after = lead(rest.slice(m[0].length));
  // Past four spaces the text would be indented code in CommonMark; we just keep it.
  const gap = after.rest === '' || after.indent > 4 ? 1 : after.indent;
  return { ordered: m[1] !== undefined, start: Number(m[1] ?? 1), indent, content: indent + m[0].length + gap, text: after.rest };
}

/** A table row's cells; "\|" is a pipe inside a cell, and the outer pipes are optional. */
function splitRow(line: string): string[] {
  const s = line.trim();
  const cells: string[] = [];
  let cell = '';
  let from = 0;
  let closingPipe = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') {
      cell += s.slice(from, i) + '|';
      from = ++i + 1;
    } else if (s[i] === '\\') i++;
    else if (s[i] === '|') {
      cells.push(cell + s.slice(from, i));
      cell = '';
      from = i + 1;
      closingPipe = i === s.length - 1;
    }
  }
  cells.push(cell + s.slice(from));
  if (s.startsWith('|')) cells.shift();
  if (closingPipe) cells.pop();
  return cells.map((c) => c.trim());
}

/** Columns of a separator row like |---|:--:|, or 0. A row without a pipe is a rule, not this. */
function separatorColumns(line: string): number {
  if (!line.includes('|')) return 0;
  const cells = splitRow(line);
  return cells.length && cells.every((c) => /^:?-+:?$/.test(c)) ? cells.length : 0;
}

function tableStarts(lines: string[], i: number): boolean {
  const head = lines[i]!;
  const sep = lines[i + 1];
  return sep !== undefined && head.includes('|') && lead(head).indent <= 3 && separatorColumns(sep) === splitRow(head).length;
}

/** "Table: caption" or ": caption", Pandoc's table captions, above or below the table. */
const CAPTION = /^(?:table:[ \t]*|:[ \t]+)(?=\S)/i;

/** key=value or key="quoted value", after the name in {{name …}}. */
const LIVE_ARG = /[ \t]+([A-Za-z][\w-]*)=(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/y;

function liveBlock(line: string): LiveBlock | null {
  const raw = line.trim();
  const m = /^\{\{([a-z][a-z0-9-]*)/.exec(raw);
  if (!m || !raw.endsWith('}}')) return null;
  const body = raw.slice(m[0].length, -2);
  const args: Record<string, string> = {};
  let pos = 0;
  while (pos < body.length) {
    LIVE_ARG.lastIndex = pos;
    const a = LIVE_ARG.exec(body);
    if (!a) {
      if (isBlank(body.slice(pos))) break;
      return null;
    }
    args[a[1]!] = a[2] !== undefined ? a[2].replace(/\\(["\\])/g, '$1') : a[3]!;
    pos = LIVE_ARG.lastIndex;
  }
  return { type: 'live', name: m[1]!, args, raw };
}

/** A cheap first test: most lines of prose start no block. */
const mayStartBlock = (line: string) => /^[ \t]*[-#`~*_>+{\d]/.test(line) || line.includes('|');

/** Whether line i starts a block, and so ends the paragraph (or lazy continuation) before it. */
function interrupts(lines: string[], i: number, depth: number): boolean {
  const line = lines[i]!;
  if (!mayStartBlock(line)) return false;
  if (heading(line) || fenceOpen(line) || isRule(line) || (depth === 0 && liveBlock(line))) return true;
  if (depth < MAX_DEPTH) {
    if (isQuote(line)) return true;
    // As in CommonMark, so that "in 1995\n2. …" stays one paragraph.
    const m = listMarker(line);
    if (m && m.text !== '' && m.start === 1) return true;
  }
  return tableStarts(lines, i);
}

class BlockParser {
  /** Paragraphs that read "Table: …", with the caption they give a table that follows. */
  private readonly captions = new WeakMap<Block | LiveBlock, Inline[]>();

  constructor(private readonly onCluster: OnCluster) {}

  blocks(lines: string[], depth: number): (Block | LiveBlock)[] {
    const out: (Block | LiveBlock)[] = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i]!;
      if (isBlank(line)) {
        i++;
        continue;
      }
      if (!mayStartBlock(line)) {
        i = this.paragraph(lines, i, depth, out);
        continue;
      }
      const live = depth === 0 ? liveBlock(line) : null;
      const h = live ? null : heading(line);
      const fence = live || h ? null : fenceOpen(line);
      if (live) {
        out.push(live);
        i++;
      } else if (h) {
        out.push({ type: 'heading', level: h.level, content: this.inline(h.text) });
        i++;
      } else if (fence) i = this.code(lines, i, fence, out);
      else if (isRule(line)) {
        out.push({ type: 'rule' });
        i++;
      } else if (depth < MAX_DEPTH && isQuote(line)) i = this.quote(lines, i, depth, out);
      else if (depth < MAX_DEPTH && listMarker(line)) i = this.list(lines, i, depth, out);
      else if (tableStarts(lines, i)) i = this.table(lines, i, depth, out);
      else i = this.paragraph(lines, i, depth, out);
    }
    return out;
  }

  private nested(lines: string[], depth: number): Block[] {
    return this.blocks(lines, depth).filter(isBlock);
  }

  private inline(text: string): Inline[] {
    if (!HAS_MARKUP.test(text)) return text ? [{ text }] : [];
    return new InlineParser(text, this.onCluster).parse();
  }

  private code(lines: string[], i: number, fence: { indent: number; marker: string }, out: (Block | LiveBlock)[]): number {
    let j = i + 1;
    while (j < lines.length && !fenceCloses(lines[j]!, fence.marker)) j++;
    out.push({
      type: 'code',
      text: lines
        .slice(i + 1, j)
        .map((l) => dedent(l, fence.indent))
        .join('\n'),
    });
    return j + 1;
  }

  private quote(lines: string[], i: number, depth: number, out: (Block | LiveBlock)[]): number {
    const inner: string[] = [];
    let j = i;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (isQuote(line)) inner.push(stripQuote(line));
      // Lazy continuation: an unmarked line goes on with the quoted paragraph above it.
      else if (!isBlank(line) && !isBlank(inner.at(-1)!) && !interrupts(lines, j, depth)) inner.push(line);
      else break;
    }
    out.push({ type: 'quote', blocks: this.nested(inner, depth + 1) });
    return j;
  }

  private list(lines: string[], i: number, depth: number, out: (Block | LiveBlock)[]): number {
    let m = listMarker(lines[i]!)!;
    const ordered = m.ordered;
    const items: Block[][] = [];
    let j = i;
    for (;;) {
      const body = [m.text];
      // Two columns make a nested list even under "1. ", whose text starts at column 3.
      const need = Math.min(m.content, m.indent + 2);
      for (j++; j < lines.length; j++) {
        const line = lines[j]!;
        if (isBlank(line)) {
          let k = j + 1;
          while (k < lines.length && isBlank(lines[k]!)) k++;
          if (k === lines.length || lead(lines[k]!).indent < need) break;
          for (; j < k; j++) body.push('');
          j = k - 1;
        } else if (lead(line).indent >= need) body.push(dedent(line, m.content));
        else if (!isBlank(body.at(-1)!) && !listMarker(line) && !interrupts(lines, j, depth)) body.push(line);
        else break;
      }
      items.push(this.nested(body, depth + 1));
      let k = j;
      while (k < lines.length && isBlank(lines[k]!)) k++;
      const next = k < lines.length && !isRule(lines[k]!) ? listMarker(lines[k]!) : null;
      if (next?.ordered !== ordered) break;
      m = next;
      j = k;
    }
    out.push({ type: 'list', ordered, items });
    return j;
  }

  private table(lines: string[], i: number, depth: number, out: (Block | LiveBlock)[]): number {
    const columns = splitRow(lines[i]!).length;
    const row = (line: string) => {
      const cells = splitRow(line).slice(0, columns);
      while (cells.length < columns) cells.push('');
      return cells.map((c) => this.inline(c));
    };
    const above = out.at(-1);
    let caption = above && this.captions.get(above);
    if (caption) out.pop();
    const header = [row(lines[i]!)];
    const rows: Inline[][][] = [];
    let j = i + 2;
    for (; j < lines.length && !isBlank(lines[j]!) && lines[j]!.includes('|'); j++) rows.push(row(lines[j]!));
    if (!caption) {
      let k = j;
      while (k < lines.length && isBlank(lines[k]!)) k++;
      if (k < lines.length && CAPTION.test(lead(lines[k]!).rest)) {
        const end = this.paragraphEnd(lines, k, depth);
        const text = paragraphText(lines.slice(k, end));
        caption = this.inline(text.slice(CAPTION.exec(text)![0].length));
        j = end;
      }
    }
    out.push({ type: 'table', ...(caption ? { caption } : {}), header, rows });
    return j;
  }

  private paragraphEnd(lines: string[], i: number, depth: number): number {
    let j = i + 1;
    while (j < lines.length && !isBlank(lines[j]!) && !interrupts(lines, j, depth)) j++;
    return j;
  }

  private paragraph(lines: string[], i: number, depth: number, out: (Block | LiveBlock)[]): number {
    const end = this.paragraphEnd(lines, i, depth);
    let body = lines.slice(i, end);
    // "Table: …" as the last line right above a table is that table's caption, not this paragraph's.
    if (body.length > 1 && end < lines.length && tableStarts(lines, end) && CAPTION.test(body.at(-1)!.trimStart())) {
      out.push(this.para(body.slice(0, -1)));
      body = body.slice(-1);
    }
    out.push(this.para(body));
    return end;
  }

  private para(lines: string[]): Block {
    const text = paragraphText(lines);
    const marker = CAPTION.exec(text)?.[0];
    if (marker === undefined) return { type: 'paragraph', content: this.inline(text) };
    // Parsed once, without the marker, so a table below can take it as its caption without
    // reporting its citations twice.
    const caption = this.inline(text.slice(marker.length));
    const block: Block = { type: 'paragraph', content: merge([{ text: marker }, ...caption]) };
    this.captions.set(block, caption);
    return block;
  }
}

interface Delim {
  ch: '*' | '_';
  /** Characters left unmatched; they print as literal text. */
  count: number;
  orig: number;
  open: boolean;
  close: boolean;
  /** Index in the node list; emphasis applies to the nodes strictly between opener and closer. */
  node: number;
  prev: Delim | null;
  next: Delim | null;
}

type Node = Inline | Delim;
const isDelim = (n: Node): n is Delim => 'ch' in n;

const SPECIAL = /[\\`*_[<\n]/g;
/** Text without any of these is one plain run, without the cost of a parser. */
const HAS_MARKUP = /[\\`*_[<\n]/;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const SAFE_URL = /^(?:https?:|mailto:)/i;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;
const EMAIL =
  /<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
/** Parentheses nest this deep in a link destination at most, as in cmark; it bounds rescanning. */
const MAX_PARENS = 32;

const isSpace = (c: string) => /\s/u.test(c);
const isPunct = (c: string) => /[\p{P}\p{S}]/u.test(c);

const sameFormat = (a: Run, b: Run) =>
  a.italic === b.italic &&
  a.bold === b.bold &&
  a.code === b.code &&
  a.href === b.href &&
  a.smallCaps === b.smallCaps &&
  a.sup === b.sup &&
  a.sub === b.sub;

function merge(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  let same: Run[] = [];
  const join = () => {
    if (same.length) out.push(same.length === 1 ? same[0]! : { ...same[0]!, text: same.map((r) => r.text).join('') });
    same = [];
  };
  for (const n of inlines) {
    if (!isRun(n)) {
      join();
      out.push(n);
    } else if (n.text) {
      if (same.length && !sameFormat(same[0]!, n)) join();
      same.push(n);
    }
  }
  join();
  return out;
}

function unlink(d: Delim): void {
  if (d.prev) d.prev.next = d.next;
  if (d.next) d.next.prev = d.prev;
}

/** Opener and closer may not pair when one can do both and their lengths sum to a multiple of 3. */
const ruleOfThree = (o: Delim, c: Delim) => (o.close || c.open) && (o.orig + c.orig) % 3 === 0 && (o.orig % 3 !== 0 || c.orig % 3 !== 0);

class InlineParser {
  private readonly nodes: Node[] = [];
  /** Plain text since the last node, in pieces: appending to one long string and then reading
   * its end would flatten it on every line. */
  private readonly text: string[] = [];
  private firstDelim: Delim | null = null;
  private lastDelim: Delim | null = null;
  /** Where the last backslash escape ended, so "\![x](y)" is a link and not an image. */
  private escapedTo = -1;
  /** Backtick runs by length, and how far each list has been passed: finding code spans stays linear. */
  private ticks: Map<number, number[]> | null = null;
  private tickAt: Map<number, number> | null = null;

  constructor(
    private readonly src: string,
    private readonly onCluster: OnCluster,
  ) {}

  parse(): Inline[] {
    const s = this.src;
    let i = 0;
    while (i < s.length) {
      SPECIAL.lastIndex = i;
      const m = SPECIAL.exec(s);
      const at = m ? m.index : s.length;
      this.text.push(s.slice(i, at));
      if (at === s.length) break;
      switch (s[at]) {
        case '\\':
          i = this.escape(at);
          break;
        case '\n':
          i = this.newline(at);
          break;
        case '`':
          i = this.codeSpan(at);
          break;
        case '[':
          i = this.bracket(at);
          break;
        case '<':
          i = this.autolink(at);
          break;
        default:
          i = this.delimiterRun(at);
      }
    }
    this.flush();
    return this.emphasize();
  }

  private flush(): void {
    const text = this.text.join('');
    if (text) this.nodes.push({ text });
    this.text.length = 0;
  }

  private push(n: Inline): void {
    this.flush();
    this.nodes.push(n);
  }

  /** Trailing white space of the current line, which is always in the last piece. */
  private trimLineEnd(): number {
    const last = this.text.pop() ?? '';
    let end = last.length;
    while (end > 0 && (last[end - 1] === ' ' || last[end - 1] === '\t')) end--;
    this.text.push(last.slice(0, end));
    return last.length - end;
  }

  private lineBreak(): void {
    this.trimLineEnd();
    this.push({ br: true });
  }

  private escape(i: number): number {
    const c = this.src[i + 1];
    if (c === '\n') {
      this.lineBreak();
      return i + 2;
    }
    if (c !== undefined && ASCII_PUNCT.test(c)) {
      this.text.push(c);
      return (this.escapedTo = i + 2);
    }
    this.text.push('\\');
    return i + 1;
  }

  private newline(i: number): number {
    if (this.trimLineEnd() >= 2) this.lineBreak();
    else this.text.push(' ');
    return i + 1;
  }

  private closingTicks(length: number, from: number): number {
    if (!this.ticks || !this.tickAt) {
      this.ticks = new Map();
      this.tickAt = new Map();
      for (const m of this.src.matchAll(/`+/g)) {
        const list = this.ticks.get(m[0].length) ?? [];
        list.push(m.index);
        this.ticks.set(m[0].length, list);
      }
    }
    const list = this.ticks.get(length) ?? [];
    let k = this.tickAt.get(length) ?? 0;
    while (k < list.length && list[k]! < from) k++;
    this.tickAt.set(length, k);
    return k < list.length ? list[k]! : -1;
  }

  private codeSpan(i: number): number {
    const s = this.src;
    let n = 1;
    while (s[i + n] === '`') n++;
    const close = this.closingTicks(n, i + n);
    if (close < 0) {
      this.text.push('`'.repeat(n));
      return i + n;
    }
    let code = s.slice(i + n, close).replaceAll('\n', ' ');
    // One space each side lets a code span start or end with a backtick, as in CommonMark.
    if (code.startsWith(' ') && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
    this.push({ text: code, code: true });
    return close + n;
  }

  private charBefore(i: number): string {
    const c = this.src[i - 1];
    if (c === undefined) return ' ';
    const code = c.charCodeAt(0);
    return code >= 0xdc00 && code <= 0xdfff && i >= 2 ? this.src.slice(i - 2, i) : c;
  }

  private delimiterRun(i: number): number {
    const s = this.src;
    const ch = s[i] as '*' | '_';
    let n = 1;
    while (s[i + n] === ch) n++;
    const before = this.charBefore(i);
    const after = s.codePointAt(i + n);
    const next = after === undefined ? ' ' : String.fromCodePoint(after);
    const left = !isSpace(next) && (!isPunct(next) || isSpace(before) || isPunct(before));
    const right = !isSpace(before) && (!isPunct(before) || isSpace(next) || isPunct(next));
    // Underscores inside a word (snake_case) are never emphasis.
    const open = ch === '*' ? left : left && (!right || isPunct(before));
    const close = ch === '*' ? right : right && (!left || isPunct(next));
    if (!open && !close) {
      this.text.push(ch.repeat(n));
      return i + n;
    }
    this.flush();
    const d: Delim = { ch, count: n, orig: n, open, close, node: this.nodes.length, prev: this.lastDelim, next: null };
    if (this.lastDelim) this.lastDelim.next = d;
    else this.firstDelim = d;
    this.lastDelim = d;
    this.nodes.push(d);
    return i + n;
  }

  private bracket(i: number): number {
    const s = this.src;
    // Brackets do not nest here, so each scan ends at the next bracket and the whole pass stays linear.
    let j = i + 1;
    while (j < s.length && s[j] !== ']' && s[j] !== '[') j += s[j] === '\\' ? 2 : 1;
    if (s[j] === ']') {
      const inner = s.slice(i + 1, j);
      if (s[j + 1] === '(') {
        const image = s[i - 1] === '!' && this.escapedTo !== i;
        const link = image ? null : this.destination(j + 2);
        if (link) {
          this.flush();
          // Link text holds no brackets, so neither links nor citations nest inside it.
          for (const n of new InlineParser(inner, this.onCluster).parse())
            this.nodes.push(isRun(n) && link.href ? { ...n, href: link.href } : n);
          return link.end;
        }
      } else if (inner.includes('@')) {
        const cites = parseCluster(inner.replaceAll('\n', ' '));
        if (cites) {
          this.push({ cite: this.onCluster(cites, s.slice(i, j + 1).replaceAll('\n', ' ')) });
          return j + 1;
        }
      }
    }
    this.text.push('[');
    return i + 1;
  }

  /** The "(url "title")" after a link's text, from just past the "(". */
  private destination(k: number): { href?: string; end: number } | null {
    const s = this.src;
    const skipSpace = () => {
      while (s[k] === ' ' || s[k] === '\t' || s[k] === '\n') k++;
    };
    skipSpace();
    let url: string;
    if (s[k] === '<') {
      const start = ++k;
      while (k < s.length && s[k] !== '>' && s[k] !== '<' && s[k] !== '\n') k += s[k] === '\\' ? 2 : 1;
      if (s[k] !== '>') return null;
      url = s.slice(start, k++);
    } else {
      const start = k;
      let depth = 0;
      for (; k < s.length && s[k]! > ' '; k++) {
        if (s[k] === '\\') k++;
        else if (s[k] === '(' && ++depth > MAX_PARENS) return null;
        else if (s[k] === ')') {
          if (depth === 0) break;
          depth--;
        }
      }
      if (depth) return null;
      url = s.slice(start, k);
    }
    const afterUrl = k;
    skipSpace();
    const quote = s[k];
    if (k > afterUrl && (quote === '"' || quote === "'")) {
      for (k++; k < s.length && s[k] !== quote; k += s[k] === '\\' ? 2 : 1);
      if (k >= s.length) return null;
      k++;
      skipSpace();
    }
    if (s[k] !== ')') return null;
    url = url.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    return { ...(SAFE_URL.test(url) ? { href: url } : {}), end: k + 1 };
  }

  private autolink(i: number): number {
    AUTOLINK.lastIndex = i;
    const m = AUTOLINK.exec(this.src);
    if (m) {
      if (SAFE_URL.test(m[1]!)) this.push({ text: m[1]!, href: m[1]! });
      else this.text.push(m[0]);
      return i + m[0].length;
    }
    EMAIL.lastIndex = i;
    const e = EMAIL.exec(this.src);
    if (e) {
      this.push({ text: e[1]!, href: `mailto:${e[1]!}` });
      return i + e[0].length;
    }
    this.text.push('<');
    return i + 1;
  }

  /** CommonMark's "process emphasis", then formatting applied through running counts. */
  private emphasize(): Inline[] {
    const italic = new Int32Array(this.nodes.length + 1);
    const bold = new Int32Array(this.nodes.length + 1);
    // Per kind of closer, the node below which no opener can match it: never searched again.
    const floor = new Map<string, number>();
    let closer = this.firstDelim;
    while (closer) {
      if (!closer.close) {
        closer = closer.next;
        continue;
      }
      const key = `${closer.ch}${closer.open}${closer.orig % 3}`;
      const bottom = floor.get(key) ?? -1;
      let opener = closer.prev;
      while (opener && opener.node > bottom && !(opener.ch === closer.ch && opener.open && !ruleOfThree(opener, closer)))
        opener = opener.prev;
      if (opener && opener.node > bottom) {
        const strong = opener.count >= 2 && closer.count >= 2;
        const marks = strong ? bold : italic;
        marks[opener.node + 1]!++;
        marks[closer.node]!--;
        opener.count -= strong ? 2 : 1;
        closer.count -= strong ? 2 : 1;
        // Delimiters between the pair can no longer match anything.
        opener.next = closer;
        closer.prev = opener;
        if (!opener.count) unlink(opener);
        if (!closer.count) {
          unlink(closer);
          closer = closer.next;
        }
      } else {
        floor.set(key, closer.prev?.node ?? -1);
        if (!closer.open) unlink(closer);
        closer = closer.next;
      }
    }

    const out: Inline[] = [];
    let it = 0;
    let bd = 0;
    this.nodes.forEach((n, k) => {
      it += italic[k]!;
      bd += bold[k]!;
      const inline: Inline | null = isDelim(n) ? (n.count ? { text: n.ch.repeat(n.count) } : null) : n;
      if (inline && isRun(inline) && (it > 0 || bd > 0))
        out.push({ ...inline, ...(it > 0 ? { italic: true } : {}), ...(bd > 0 ? { bold: true } : {}) });
      else if (inline) out.push(inline);
    });
    return merge(out);
  }
}
