// HTML to plain text, the way a reader sees the page: paragraphs and headings become lines with
// a blank line between them, list items and table rows their own lines, table cells separated by
// tabs. Scripts, styles and templates are dropped. Nothing is executed or fetched; it is only a
// walk over tokens, with no tree built, so deep nesting costs nothing.
import type { Extracted } from './extracted.js';
import { decodeHtmlEntities } from './html-entities.js';
import { tokenizeHtml, type HtmlToken } from './html-tokenizer.js';

/** Blocks that end a paragraph: a blank line before and after. */
const PARAGRAPH = new Set(
  (
    'p h1 h2 h3 h4 h5 h6 blockquote pre listing xmp plaintext ul ol dl menu table section article aside header footer ' +
    'main nav figure address hr fieldset form details hgroup center search'
  ).split(' '),
);
/** Blocks that start a new line but not a new paragraph. */
const LINE = new Set('div li dt dd tr summary legend caption figcaption option optgroup thead tbody tfoot html body dialog'.split(' '));
/** Raw-text elements whose content is never shown. */
const HIDDEN_RAW = new Set(['script', 'style', 'noscript', 'iframe', 'noembed', 'noframes']);
/** Whitespace a browser collapses (U+00A0 too: a non-breaking space is still a space in the text). */
const isCollapsible = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xa0;

interface Table {
  cells: number; // cells seen so far in the current row
  inCell: boolean;
}

class TextBuilder {
  private readonly out: string[] = [];
  private last = ''; // last character written, '' at the start
  private pendingBreak = 0; // newlines owed before the next text (at most 2)
  private pendingTabs = 0;
  private pendingSpace = false;
  private readonly tables: Table[] = [];
  private table: Table | undefined; // the innermost open table

  private get inCell(): boolean {
    return this.table !== undefined && this.table.inCell;
  }

  /** A block boundary. Inside a table cell it is only a space, so each row stays on one line. */
  block(newlines: 1 | 2): void {
    if (this.inCell) {
      this.pendingSpace = true;
      return;
    }
    if (this.last === '') return;
    this.pendingBreak = Math.max(this.pendingBreak, newlines);
    this.pendingTabs = 0;
  }

  lineBreak(): void {
    if (this.inCell) this.pendingSpace = true;
    else if (this.last !== '') this.pendingBreak = Math.min(this.pendingBreak + 1, 2);
  }

  startTable(): void {
    this.block(2);
    this.table = { cells: 0, inCell: false };
    this.tables.push(this.table);
  }
  endTable(): void {
    this.tables.pop();
    this.table = this.tables[this.tables.length - 1];
    this.block(2);
  }
  startRow(): void {
    if (this.table) {
      this.table.cells = 0;
      this.table.inCell = false;
    }
    this.block(1);
  }
  startCell(): void {
    const t = this.table;
    if (!t) return this.write(' ', true);
    if (t.inCell) t.inCell = false; // an unclosed cell ends where the next begins
    if (t.cells++ > 0) this.pendingTabs++;
    t.inCell = true;
  }
  endCell(): void {
    if (this.table) this.table.inCell = false;
  }

  /** Text as written in the source: collapsed unless `preformatted`. */
  write(text: string, collapse: boolean): void {
    if (!collapse) {
      // Trailing spaces on a line say nothing; trimmed here, where only preformatted text has them.
      const lines = text
        .replace(/\r\n?/g, '\n')
        .replace(/\u00a0/g, ' ')
        .split('\n');
      if (text.length > 0) this.emit(lines.map((line, i) => (i < lines.length - 1 ? line.trimEnd() : line)).join('\n'));
      return;
    }
    // A hand-written scan: much faster than a regex iterator on pages with millions of tiny texts.
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (isCollapsible(text.charCodeAt(i))) {
        this.pendingSpace = true;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && !isCollapsible(text.charCodeAt(j))) j++;
      this.emit(j - i === n ? text : text.slice(i, j));
      i = j;
    }
  }

  private emit(s: string): void {
    if (this.pendingBreak > 0 && this.last !== '') {
      if (this.last === ' ' || this.last === '\t') this.trimTrailingSpace(); // only preformatted text leaves any
      this.out.push(this.pendingBreak === 1 ? '\n' : '\n\n');
    }
    if (this.pendingTabs > 0) this.out.push('\t'.repeat(this.pendingTabs));
    else if (this.pendingSpace && this.pendingBreak === 0 && this.last !== '' && this.last !== '\n' && this.last !== '\t') {
      this.out.push(' ');
    }
    this.pendingBreak = this.pendingTabs = 0;
    this.pendingSpace = false;
    this.out.push(s);
    this.last = s[s.length - 1] ?? this.last;
  }

  /** Each piece is trimmed or dropped at most once, so this stays linear. */
  private trimTrailingSpace(): void {
    while (this.out.length > 0) {
      const piece = (this.out.pop() as string).trimEnd();
      if (piece.length > 0) {
        this.out.push(piece);
        return;
      }
    }
  }

  toString(): string {
    // More than one blank line in a row says nothing (preformatted text can end with a newline).
    return this.out
      .join('')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

const collapseLine = (s: string): string => s.replace(/[\t\n\f\r \u00a0]+/g, ' ').trim();

export function extractHtml(html: string): Extracted {
  const b = new TextBuilder();
  let title = '';
  let h1 = '';
  let inFirstH1 = false;
  let seenH1 = false;
  let preDepth = 0;
  let templateDepth = 0;

  const onToken = (t: HtmlToken): void => {
    if (templateDepth > 0) {
      // Template content is inert markup for scripts to clone, never shown as it stands.
      if (t.kind === 'start' && t.name === 'template') templateDepth++;
      else if (t.kind === 'end' && t.name === 'template') templateDepth--;
      return;
    }
    switch (t.kind) {
      case 'text': {
        const text = decodeHtmlEntities(t.text);
        if (inFirstH1) h1 += text;
        b.write(text, preDepth === 0);
        return;
      }
      case 'raw':
        if (t.name === 'title') {
          if (!title) title = collapseLine(decodeHtmlEntities(t.text));
        } else if (t.name === 'textarea') {
          b.write(decodeHtmlEntities(t.text), false);
        } else if (!HIDDEN_RAW.has(t.name)) {
          b.write(t.text, false); // xmp, plaintext: shown exactly as written
          b.block(2);
        }
        return;
      case 'start':
        return onStart(t.name);
      case 'end':
        return onEnd(t.name);
    }
  };

  const onStart = (name: string): void => {
    if (name === 'template') templateDepth++;
    else if (name === 'br') {
      b.lineBreak();
      if (inFirstH1) h1 += ' ';
    } else if (name === 'table') b.startTable();
    else if (name === 'tr') b.startRow();
    else if (name === 'td' || name === 'th') b.startCell();
    else if (PARAGRAPH.has(name)) b.block(2);
    else if (LINE.has(name)) b.block(1);
    if (name === 'pre' || name === 'listing') preDepth++;
    if (name === 'h1' && !seenH1) inFirstH1 = seenH1 = true;
  };

  const onEnd = (name: string): void => {
    if (name === 'br')
      b.lineBreak(); // browsers read </br> as <br>
    else if (name === 'table') b.endTable();
    else if (name === 'tr') b.startRow();
    else if (name === 'td' || name === 'th') b.endCell();
    else if (PARAGRAPH.has(name)) b.block(2);
    else if (LINE.has(name)) b.block(1);
    if ((name === 'pre' || name === 'listing') && preDepth > 0) preDepth--;
    if (name === 'h1') inFirstH1 = false;
  };

  tokenizeHtml(html, onToken);
  const heading = collapseLine(h1);
  const found = title || heading;
  return { text: b.toString(), ...(found ? { title: found } : {}), warnings: [] };
}
