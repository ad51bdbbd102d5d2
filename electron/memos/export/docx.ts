// A rendered memo as a Word document, written by hand as the smallest WordprocessingML package
// Word and LibreOffice open without complaint: real heading styles (so the navigation pane and
// table of contents work), real numbering, real footnotes and real tables. Every string from the
// memo goes through `text()` or `escapeXml()`, so titles and quotes can never become markup.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { isBreak, isCite, isRun, type Block, type Inline, type RenderedMemo, type Run } from '../render/model.js';

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// A local-time Date reads back the same fields in every time zone, so the zip bytes do not
// depend on where the export ran.
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/** Twips: A4 with one-inch margins, and the indent steps used for quotes and lists. */
const TEXT_WIDTH = 11906 - 2 * 1440;
const INDENT = 720;
const HANGING = 360;

const MONO = '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>';
// The model only lets these through; checked again because a stray javascript: link in a
// shared document is worse than a plain-text one.
const SAFE_HREF = /^(https?:|mailto:)/i;

// XML 1.0 forbids these outright; a parser rejects the whole part if one slips through.
const ILLEGAL_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeXml(s: string): string {
  return s.replace(ILLEGAL_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Run content: tabs and line breaks become Word's own elements, the rest literal text. */
function text(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .split(/([\t\n])/)
    .map((part) =>
      part === '\t' ? '<w:tab/>' : part === '\n' ? '<w:br/>' : part ? `<w:t xml:space="preserve">${escapeXml(part)}</w:t>` : '',
    )
    .join('');
}

export function memoToDocx(memo: RenderedMemo): Uint8Array {
  const w = new DocxWriter(memo);
  const body = w.body();
  const parts: Record<string, string> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': relationships([
      rel('rId1', `${NS_R}/officeDocument`, 'word/document.xml'),
      rel('rId2', `${NS_PKG_RELS}/metadata/core-properties`, 'docProps/core.xml'),
    ]),
    'docProps/core.xml': coreXml(memo.title),
    'word/document.xml': `${DECL}<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}"><w:body>${body}${SECTION}</w:body></w:document>`,
    'word/_rels/document.xml.rels': relationships([
      rel('rIdStyles', `${NS_R}/styles`, 'styles.xml'),
      rel('rIdSettings', `${NS_R}/settings`, 'settings.xml'),
      rel('rIdNumbering', `${NS_R}/numbering`, 'numbering.xml'),
      rel('rIdFootnotes', `${NS_R}/footnotes`, 'footnotes.xml'),
      ...w.bodyLinks.xml(),
    ]),
    'word/styles.xml': STYLES,
    'word/settings.xml': SETTINGS,
    'word/numbering.xml': numberingXml(w.lists),
    'word/footnotes.xml': `${DECL}<w:footnotes xmlns:w="${NS_W}" xmlns:r="${NS_R}">${SEPARATORS}${w.footnotes.join('')}</w:footnotes>`,
  };
  // Links inside footnotes resolve against the footnotes part's own relationships.
  const noteLinks = w.noteLinks.xml();
  if (noteLinks.length > 0) parts['word/_rels/footnotes.xml.rels'] = relationships(noteLinks);

  const files: Zippable = {};
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return zipSync(files, { level: 6, mtime: FIXED_MTIME });
}

/** The hyperlinks of one part: each distinct address gets one external relationship. */
class Links {
  private readonly ids = new Map<string, string>();

  id(href: string): string {
    let id = this.ids.get(href);
    if (id === undefined) this.ids.set(href, (id = `rIdLink${this.ids.size + 1}`));
    return id;
  }

  xml(): string[] {
    return [...this.ids].map(([href, id]) => rel(id, `${NS_R}/hyperlink`, href, true));
  }
}

interface Where {
  /** Style of plain paragraphs here: Quote inside a block quote, ListParagraph inside a list item. */
  style?: string;
  /** Left indent in twips, grown by each enclosing quote or list. */
  indent: number;
  /** List nesting, which picks the numbering level (bullet shape, 1./a./i.). */
  depth: number;
}

interface Look {
  bold?: boolean;
  link?: boolean;
  unresolved?: boolean;
}

type TableBlock = Extract<Block, { type: 'table' }>;
type ListBlock = Extract<Block, { type: 'list' }>;

class DocxWriter {
  readonly bodyLinks = new Links();
  readonly noteLinks = new Links();
  readonly footnotes: string[] = [];
  /** One numbering instance per list (true = ordered), so every list starts again at 1. */
  readonly lists: boolean[] = [];

  constructor(private readonly memo: RenderedMemo) {}

  body(): string {
    const { memo } = this;
    const top: Where = { indent: 0, depth: 0 };
    let out = memo.title ? paragraph({ style: 'Title' }, runXml({ text: memo.title })) : '';
    out += this.blocks(memo.blocks, top);
    if (memo.bibliography.length > 0) {
      out += paragraph({ style: 'Heading1' }, runXml({ text: memo.noteStyle ? 'Bibliography' : 'References' }));
      for (const entry of memo.bibliography) out += paragraph({ style: 'Bibliography' }, this.inlines(entry, this.bodyLinks));
    }
    return out;
  }

  private blocks(blocks: Block[], where: Where): string {
    let out = '';
    blocks.forEach((b, i) => {
      // Word and LibreOffice merge two tables that touch into one.
      if (b.type === 'table' && !b.caption?.length && blocks[i - 1]?.type === 'table') out += '<w:p/>';
      out += this.block(b, where);
    });
    return out;
  }

  private block(b: Block, where: Where): string {
    const indent = where.indent || undefined;
    switch (b.type) {
      case 'heading':
        return paragraph({ style: `Heading${b.level}` }, this.inlines(b.content, this.bodyLinks));
      case 'paragraph':
        return paragraph({ style: where.style, indent }, this.inlines(b.content, this.bodyLinks));
      case 'quote':
        return this.blocks(b.blocks, { ...where, style: 'Quote', indent: where.indent + INDENT });
      case 'list':
        return this.list(b, where);
      case 'table':
        return this.table(b);
      case 'code':
        return paragraph({ style: 'SourceCode', indent }, runXml({ text: b.text }));
      case 'rule':
        return paragraph({ rule: true, indent }, '');
    }
  }

  private list(b: ListBlock, where: Where): string {
    this.lists.push(b.ordered);
    const num = { id: this.lists.length, level: Math.min(where.depth, 8) };
    const inner: Where = { style: 'ListParagraph', indent: where.indent + INDENT, depth: where.depth + 1 };
    const numbered: Para = { style: 'ListParagraph', num, indent: inner.indent, hanging: HANGING };
    return b.items
      .map((item) => {
        const [first, ...rest] = item;
        if (first?.type === 'paragraph') return paragraph(numbered, this.inlines(first.content, this.bodyLinks)) + this.blocks(rest, inner);
        // An item that opens with a table, code or another list still gets its number.
        return paragraph(numbered, '') + this.blocks(item, inner);
      })
      .join('');
  }

  private table(b: TableBlock): string {
    const caption = b.caption?.length ? paragraph({ style: 'Caption' }, this.inlines(b.caption, this.bodyLinks)) : '';
    const rows = [...b.header.map((cells) => ({ cells, header: true })), ...b.rows.map((cells) => ({ cells, header: false }))];
    const columns = Math.max(0, ...rows.map((r) => r.cells.length));
    if (columns === 0) return caption;
    const width = Math.floor(TEXT_WIDTH / columns);
    const row = ({ cells, header }: { cells: Inline[][]; header: boolean }): string => {
      let tcs = '';
      for (let i = 0; i < columns; i++) {
        const content = this.inlines(cells[i] ?? [], this.bodyLinks, { bold: header });
        tcs += `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraph({}, content)}</w:tc>`;
      }
      // tblHeader repeats the header rows on every page the table spans.
      return `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${tcs}</w:tr>`;
    };
    return (
      caption +
      '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>' +
      '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>' +
      `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>${rows.map(row).join('')}</w:tbl>`
    );
  }

  private inlines(content: Inline[], links: Links, look: Look = {}): string {
    let out = '';
    for (let i = 0; i < content.length;) {
      const href = linkOf(content[i]);
      if (href) {
        // Adjacent runs of one link (a link with an italic word in it) stay one hyperlink.
        let runs = '';
        for (let item = content[i]; item && isRun(item) && linkOf(item) === href; item = content[++i])
          runs += runXml(item, { ...look, link: true });
        out += `<w:hyperlink r:id="${links.id(href)}" w:history="1">${runs}</w:hyperlink>`;
        continue;
      }
      const item = content[i++];
      if (item === undefined) break;
      if (isCite(item)) out += this.cite(item.cite, links, look);
      else if (isBreak(item)) out += '<w:r><w:br/></w:r>';
      else out += runXml(item, look);
    }
    return out;
  }

  private cite(index: number, links: Links, look: Look): string {
    const cluster = this.memo.clusters[index];
    if (!cluster || cluster.formatted.length === 0) {
      // Shown as written and in red, so the author sees what to fix; an empty note would hide it.
      const keys = (cluster?.cites ?? []).map((c) => `@${c.id}`).join('; ');
      return runXml({ text: `[${keys}]` }, { ...look, unresolved: true });
    }
    if (!this.memo.noteStyle) return this.inlines(cluster.formatted, links, look);
    // Ids follow reference order, which is also the order Word numbers the notes in.
    const id = this.footnotes.length + 1;
    const body = noteMark('<w:footnoteRef/>') + runXml({ text: ' ' }) + this.inlines(cluster.formatted, this.noteLinks);
    this.footnotes.push(`<w:footnote w:id="${id}">${paragraph({ style: 'FootnoteText' }, body)}</w:footnote>`);
    return noteMark(`<w:footnoteReference w:id="${id}"/>`);
  }
}

/** The superscript number: in the text it points at the note, in the note it repeats it. */
const noteMark = (mark: string): string => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>${mark}</w:r>`;

function linkOf(item: Inline | undefined): string | undefined {
  return item && isRun(item) && item.href && SAFE_HREF.test(item.href) ? item.href : undefined;
}

function runXml(r: Run, look: Look = {}): string {
  const style = look.link ? 'Hyperlink' : r.code ? 'VerbatimChar' : undefined;
  // Element order is fixed by the schema; Word refuses a file that breaks it.
  const props = [
    style && `<w:rStyle w:val="${style}"/>`,
    look.link && r.code && MONO,
    (r.bold || look.bold) && '<w:b/>',
    r.italic && '<w:i/>',
    r.smallCaps && '<w:smallCaps/>',
    look.unresolved && '<w:color w:val="FF0000"/>',
    r.sup ? '<w:vertAlign w:val="superscript"/>' : r.sub ? '<w:vertAlign w:val="subscript"/>' : '',
  ]
    .filter(Boolean)
    .join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${text(r.text)}</w:r>`;
}

interface Para {
  style?: string;
  num?: { id: number; level: number };
  rule?: boolean;
  indent?: number;
  hanging?: number;
}

function paragraph(p: Para, content: string): string {
  const props = [
    p.style && `<w:pStyle w:val="${p.style}"/>`,
    p.num && `<w:numPr><w:ilvl w:val="${p.num.level}"/><w:numId w:val="${p.num.id}"/></w:numPr>`,
    p.rule && '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>',
    p.indent && `<w:ind w:left="${p.indent}"${p.hanging ? ` w:hanging="${p.hanging}"` : ''}/>`,
  ]
    .filter(Boolean)
    .join('');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${content}</w:p>`;
}

function rel(id: string, type: string, target: string, external = false): string {
  return `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"${external ? ' TargetMode="External"' : ''}/>`;
}

function relationships(rels: string[]): string {
  return `${DECL}<Relationships xmlns="${NS_PKG_RELS}">${rels.join('')}</Relationships>`;
}

// No creator, dates or revision: the file should say nothing about who made it or when.
function coreXml(title: string): string {
  return (
    `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title></cp:coreProperties>`
  );
}

const WORDML = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
const CONTENT_TYPES =
  `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/word/document.xml" ContentType="${WORDML}.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="${WORDML}.styles+xml"/>` +
  `<Override PartName="/word/settings.xml" ContentType="${WORDML}.settings+xml"/>` +
  `<Override PartName="/word/numbering.xml" ContentType="${WORDML}.numbering+xml"/>` +
  `<Override PartName="/word/footnotes.xml" ContentType="${WORDML}.footnotes+xml"/>` +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const SECTION =
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
  '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>';

// Word requires these two notes and points at them from settings.xml.
const SEPARATORS =
  '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>' +
  '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>';

const SETTINGS =
  `${DECL}<w:settings xmlns:w="${NS_W}"><w:defaultTabStop w:val="720"/>` +
  '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
  '</w:settings>';

const BULLETS = ['•', '◦', '▪'];
const ORDERED = ['decimal', 'lowerLetter', 'lowerRoman'];

function numberingXml(lists: boolean[]): string {
  const levels = (ordered: boolean): string =>
    Array.from({ length: 9 }, (_, l) => {
      const format = ordered ? ORDERED[l % 3] : 'bullet';
      const label = ordered ? `%${l + 1}.` : BULLETS[l % 3];
      return (
        `<w:lvl w:ilvl="${l}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${label}"/><w:lvlJc w:val="left"/>` +
        `<w:pPr><w:ind w:left="${INDENT * (l + 1)}" w:hanging="${HANGING}"/></w:pPr></w:lvl>`
      );
    }).join('');
  const abstract = `<w:abstractNum w:abstractNumId="0">${levels(false)}</w:abstractNum><w:abstractNum w:abstractNumId="1">${levels(true)}</w:abstractNum>`;
  // Lists sharing an abstract definition would otherwise continue each other's count.
  const restart = Array.from({ length: 9 }, (_, l) => `<w:lvlOverride w:ilvl="${l}"><w:startOverride w:val="1"/></w:lvlOverride>`).join('');
  const nums = lists.map(
    (ordered, i) => `<w:num w:numId="${i + 1}"><w:abstractNumId w:val="${ordered ? 1 : 0}"/>${ordered ? restart : ''}</w:num>`,
  );
  return `${DECL}<w:numbering xmlns:w="${NS_W}">${abstract}${nums.join('')}</w:numbering>`;
}

interface StyleDef {
  type: 'paragraph' | 'character' | 'table' | 'numbering';
  id: string;
  /** Word's built-in names ("heading 1", "footnote text") make Word and LibreOffice map them to their own. */
  name: string;
  basedOn?: string;
  next?: string;
  isDefault?: boolean;
  pPr?: string;
  rPr?: string;
  tblPr?: string;
}

function styleXml(s: StyleDef): string {
  return (
    `<w:style w:type="${s.type}" w:styleId="${s.id}"${s.isDefault ? ' w:default="1"' : ''}><w:name w:val="${s.name}"/>` +
    (s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : '') +
    (s.next ? `<w:next w:val="${s.next}"/>` : '') +
    '<w:qFormat/>' +
    (s.pPr ? `<w:pPr>${s.pPr}</w:pPr>` : '') +
    (s.rPr ? `<w:rPr>${s.rPr}</w:rPr>` : '') +
    (s.tblPr ? `<w:tblPr>${s.tblPr}</w:tblPr>` : '') +
    '</w:style>'
  );
}

const HEADING_SIZES = [32, 28, 26, 24, 22, 22];
const BORDER = (side: string): string => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;
const CELL_MARGINS =
  '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>';

const STYLE_DEFS: StyleDef[] = [
  { type: 'paragraph', id: 'Normal', name: 'Normal', isDefault: true },
  { type: 'character', id: 'DefaultParagraphFont', name: 'Default Paragraph Font', isDefault: true },
  { type: 'table', id: 'TableNormal', name: 'Normal Table', isDefault: true, tblPr: `<w:tblInd w:w="0" w:type="dxa"/>${CELL_MARGINS}` },
  { type: 'numbering', id: 'NoList', name: 'No List', isDefault: true },
  {
    type: 'paragraph',
    id: 'Title',
    name: 'Title',
    basedOn: 'Normal',
    next: 'Normal',
    pPr: '<w:spacing w:after="240"/>',
    rPr: '<w:sz w:val="48"/>',
  },
  ...HEADING_SIZES.map((size, i): StyleDef => ({
    type: 'paragraph',
    id: `Heading${i + 1}`,
    name: `heading ${i + 1}`,
    basedOn: 'Normal',
    next: 'Normal',
    pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="${i < 2 ? 360 : 240}" w:after="120"/><w:outlineLvl w:val="${i}"/>`,
    rPr: `<w:b/>${i === 5 ? '<w:i/>' : ''}<w:sz w:val="${size}"/>`,
  })),
  {
    type: 'paragraph',
    id: 'Quote',
    name: 'Quote',
    basedOn: 'Normal',
    next: 'Normal',
    pPr: `<w:ind w:left="${INDENT}" w:right="${INDENT}"/>`,
  },
  {
    type: 'paragraph',
    id: 'ListParagraph',
    name: 'List Paragraph',
    basedOn: 'Normal',
    pPr: `<w:ind w:left="${INDENT}"/><w:contextualSpacing/>`,
  },
  {
    type: 'paragraph',
    id: 'SourceCode',
    name: 'Source Code',
    basedOn: 'Normal',
    pPr: '<w:spacing w:after="160" w:line="240" w:lineRule="auto"/>',
    rPr: `${MONO}<w:sz w:val="20"/>`,
  },
  { type: 'character', id: 'VerbatimChar', name: 'Verbatim Char', rPr: MONO },
  { type: 'character', id: 'Hyperlink', name: 'Hyperlink', rPr: '<w:color w:val="0563C1"/><w:u w:val="single"/>' },
  {
    type: 'paragraph',
    id: 'Caption',
    name: 'caption',
    basedOn: 'Normal',
    next: 'Normal',
    pPr: '<w:keepNext/><w:spacing w:after="120"/>',
    rPr: '<w:b/><w:sz w:val="20"/>',
  },
  {
    type: 'paragraph',
    id: 'FootnoteText',
    name: 'footnote text',
    basedOn: 'Normal',
    pPr: '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
    rPr: '<w:sz w:val="20"/>',
  },
  { type: 'character', id: 'FootnoteReference', name: 'footnote reference', rPr: '<w:vertAlign w:val="superscript"/>' },
  {
    type: 'paragraph',
    id: 'Bibliography',
    name: 'Bibliography',
    basedOn: 'Normal',
    pPr: `<w:ind w:left="${INDENT}" w:hanging="${INDENT}"/>`,
  },
  {
    type: 'table',
    id: 'TableGrid',
    name: 'Table Grid',
    basedOn: 'TableNormal',
    pPr: '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
    tblPr: `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(BORDER).join('')}</w:tblBorders>${CELL_MARGINS}`,
  },
];

const STYLES =
  `${DECL}<w:styles xmlns:w="${NS_W}"><w:docDefaults>` +
  '<w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:eastAsia="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>' +
  '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>' +
  `</w:docDefaults>${STYLE_DEFS.map(styleXml).join('')}</w:styles>`;
