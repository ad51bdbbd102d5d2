// Walks the WordprocessingML of document.xml, footnotes.xml or endnotes.xml and collects the
// text a reader sees: one block per paragraph, tables as tab-separated rows, note references as
// markers. Tracked deletions, moved-from text, field instructions and the fallback copy of
// alternate content (text boxes are stored twice) are left out so nothing appears twice.
import { parseAttrs, type XmlHandler } from './xml-scan.js';

const NS = {
  w: ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'],
  m: ['http://schemas.openxmlformats.org/officeDocument/2006/math', 'http://purl.oclc.org/ooxml/officeDocument/math'],
  mc: ['http://schemas.openxmlformats.org/markup-compatibility/2006'],
};

type Action =
  | 'p'
  | 'r'
  | 't'
  | 'tab'
  | 'break'
  | 'hyphen'
  | 'footnoteRef'
  | 'endnoteRef'
  | 'tbl'
  | 'tr'
  | 'tc'
  | 'note'
  | 'fallback'
  | 'deleted'
  | 'inserted';

/** Local names in the w: namespace and what they do. */
const W_ACTIONS: Record<string, Action> = {
  p: 'p',
  r: 'r',
  t: 't',
  tab: 'tab',
  ptab: 'tab',
  br: 'break',
  cr: 'break',
  noBreakHyphen: 'hyphen',
  footnoteReference: 'footnoteRef',
  endnoteReference: 'endnoteRef',
  tbl: 'tbl',
  tr: 'tr',
  tc: 'tc',
  footnote: 'note',
  endnote: 'note',
  del: 'deleted', // tracked deletion (its text is in w:delText, but skip the whole run)
  moveFrom: 'deleted', // the old place of moved text; the text itself is kept at w:moveTo
  ins: 'inserted',
  moveTo: 'inserted',
};

/** Footnotes Word keeps for its own layout: the separator lines, not notes. */
const LAYOUT_NOTES = new Set(['separator', 'continuationSeparator', 'continuationNotice']);

export type NoteKind = 'footnote' | 'endnote';

interface Table {
  rows: string[];
  row: string[] | null;
  cell: string[] | null;
}

export interface DocxWalkOptions {
  /** Called for each note reference in the body; returns the marker to insert, e.g. "[1]". */
  reference?: (kind: NoteKind, id: string) => string;
}

export class DocxWalker implements XmlHandler {
  /** Finished top-level blocks: paragraphs and tables. */
  blocks: string[] = [];
  /** In footnotes.xml / endnotes.xml: note id → its text. */
  readonly notes = new Map<string, string>();
  sawTrackedChanges = false;

  private names: Names | null = null;
  private depth = 0;
  private skipAt = 0; // depth of the element being skipped, 0 when not skipping
  private runDepth = 0;
  private inText = false;
  private readonly paragraphs: string[][] = [];
  private readonly tables: Table[] = [];
  private noteId: string | null = null;

  constructor(private readonly options: DocxWalkOptions = {}) {}

  open(name: string, attrs: string, selfClosing: boolean): void {
    this.depth++;
    if (this.skipAt) return;
    const names = (this.names ??= namesFor(attrs));
    const action = names.actions.get(name);
    if (!action) return;
    switch (action) {
      case 'p':
        this.paragraphs.push([]);
        break;
      case 'r':
        this.runDepth++;
        break;
      case 't':
        this.inText = !selfClosing;
        break;
      case 'tab':
        if (this.runDepth > 0) this.append('\t'); // outside a run, w:tab is a tab stop
        break;
      case 'break':
        if (this.runDepth > 0) this.append('\n');
        break;
      case 'hyphen':
        this.append('-');
        break;
      case 'footnoteRef':
      case 'endnoteRef': {
        const id = parseAttrs(attrs).get(names.w('id'));
        if (id !== undefined && this.options.reference) {
          this.append(this.options.reference(action === 'footnoteRef' ? 'footnote' : 'endnote', id));
        }
        break;
      }
      case 'tbl':
        this.tables.push({ rows: [], row: null, cell: null });
        break;
      case 'tr': {
        const t = this.topTable();
        if (t) t.row = [];
        break;
      }
      case 'tc': {
        const t = this.topTable();
        if (t) t.cell = [];
        break;
      }
      case 'note': {
        const a = parseAttrs(attrs);
        if (LAYOUT_NOTES.has(a.get(names.w('type')) ?? '')) this.skipAt = this.depth;
        else {
          this.noteId = a.get(names.w('id')) ?? null;
          this.blocks = [];
        }
        break;
      }
      case 'deleted':
        this.sawTrackedChanges = true;
        this.skipAt = this.depth; // a self-closing one is un-skipped at once by close()
        break;
      case 'fallback':
        this.skipAt = this.depth;
        break;
      case 'inserted':
        this.sawTrackedChanges = true;
        break;
    }
  }

  close(name: string): void {
    const depth = this.depth--;
    if (this.skipAt) {
      if (depth === this.skipAt) this.skipAt = 0;
      return;
    }
    const action = this.names?.actions.get(name);
    switch (action) {
      case 'p': {
        const parts = this.paragraphs.pop();
        if (parts) this.finishBlock(parts.join('').trim());
        break;
      }
      case 'r':
        this.runDepth--;
        break;
      case 't':
        this.inText = false;
        break;
      case 'tc': {
        const t = this.topTable();
        if (t?.cell) {
          t.row ??= [];
          t.row.push(t.cell.join(' '));
          t.cell = null;
        }
        break;
      }
      case 'tr': {
        const t = this.topTable();
        if (t?.row) {
          if (t.row.some((c) => c.length > 0)) t.rows.push(t.row.join('\t'));
          t.row = null;
        }
        break;
      }
      case 'tbl': {
        const t = this.tables.pop();
        const text = t ? t.rows.join('\n') : '';
        // A table inside a cell is flattened so the outer row stays on one line.
        this.finishBlock(this.topTable()?.cell ? text.replace(/[\t\n]+/g, ' ') : text);
        break;
      }
      case 'note':
        if (this.noteId !== null) this.notes.set(this.noteId, this.blocks.join('\n'));
        this.noteId = null;
        this.blocks = [];
        break;
      default:
        break;
    }
  }

  text(text: string): void {
    if (this.inText && !this.skipAt) this.append(text);
  }

  private topTable(): Table | undefined {
    return this.tables[this.tables.length - 1];
  }

  private append(s: string): void {
    this.paragraphs[this.paragraphs.length - 1]?.push(s);
  }

  /** A paragraph inside a table cell joins the cell (cell paragraphs are joined by spaces). */
  private finishBlock(text: string): void {
    if (text.length === 0) return;
    const cell = this.topTable()?.cell;
    if (cell) cell.push(text);
    else this.blocks.push(text);
  }
}

interface Names {
  actions: Map<string, Action>;
  /** A local name qualified with the document's prefix for the w: namespace. */
  w: (local: string) => string;
}

/** Builds the name → action table from the namespace prefixes declared on the root element. */
function namesFor(rootAttrs: string): Names {
  const prefixes = { w: 'w', m: 'm', mc: 'mc' };
  for (const [name, value] of parseAttrs(rootAttrs)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    for (const key of ['w', 'm', 'mc'] as const) if (NS[key].includes(value)) prefixes[key] = prefix;
  }
  const q = (prefix: string, local: string): string => (prefix ? `${prefix}:${local}` : local);
  const actions = new Map<string, Action>();
  for (const [local, action] of Object.entries(W_ACTIONS)) actions.set(q(prefixes.w, local), action);
  actions.set(q(prefixes.m, 't'), 't'); // text in equations
  actions.set(q(prefixes.m, 'r'), 'r');
  actions.set(q(prefixes.mc, 'Fallback'), 'fallback'); // a second copy of what mc:Choice holds
  return { actions, w: (local) => q(prefixes.w, local) };
}
