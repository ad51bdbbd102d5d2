// Word (.docx) to plain text: the body's paragraphs separated by blank lines, tables as
// tab-separated rows, and footnotes and endnotes kept as "[1]" markers in the text with a
// "Notes" section at the end. Only four parts of the zip are ever read, under fixed names, so
// paths with "..", absolute paths or backslashes are never touched. Headers, footers and
// comments are not imported.
import { AppError } from '../../core/errors.js';
import { DocxWalker, type NoteKind } from './docx-text.js';
import type { Extracted } from './extracted.js';
import { hasDoctype, scanXml, XmlDamaged, type XmlHandler } from './xml-scan.js';
import { readZipDirectory, readZipEntry, ZipProblem, type ZipEntry } from './zip-read.js';

const MAX_ENTRIES = 10_000;
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

const DOCUMENT = 'word/document.xml';
const FOOTNOTES = 'word/footnotes.xml';
const ENDNOTES = 'word/endnotes.xml';
const CORE = 'docProps/core.xml';
const NEEDED = [DOCUMENT, FOOTNOTES, ENDNOTES, CORE];

const MESSAGES = {
  damaged: 'This .docx file is damaged or not a Word document.',
  password: 'This .docx file is password-protected. Remove the password in Word and import it again.',
  oldWord: 'This is an old-format Word (.doc) file, not a .docx. Open it in Word or LibreOffice, save it as .docx, and import that file.',
  tooManyEntries: 'This .docx file has more than 10,000 parts, far more than any Word document, so it was not opened.',
  tooLarge: 'This .docx file unpacks to more than 200 MB of text and layout, more than Field Coder imports. Split it into parts first.',
};

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function extractDocx(bytes: Uint8Array): Extracted {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // Office saves a password-protected .docx as an OLE compound file holding an
    // "EncryptedPackage" stream; any other OLE file here is a legacy .doc.
    throw new AppError('invalid', containsUtf16(bytes, 'EncryptedPackage') ? MESSAGES.password : MESSAGES.oldWord);
  }
  try {
    return extract(bytes);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof ZipProblem) {
      if (err.kind === 'encrypted') throw new AppError('invalid', MESSAGES.password);
      if (err.kind === 'too_many_entries') throw new AppError('invalid', MESSAGES.tooManyEntries);
      if (err.kind === 'too_large') throw new AppError('invalid', MESSAGES.tooLarge);
    }
    // XmlDamaged, ZipProblem('damaged'), or anything a malformed file provokes.
    throw new AppError('invalid', MESSAGES.damaged);
  }
}

function extract(bytes: Uint8Array): Extracted {
  const parts = readParts(bytes);
  const document = parts.get(DOCUMENT);
  if (document === undefined) throw new AppError('invalid', MESSAGES.damaged);

  // Notes are numbered in the order the body first refers to them, as Word displays them.
  const numbers = new Map<string, number>();
  const order: { kind: NoteKind; id: string }[] = [];
  const reference = (kind: NoteKind, id: string): string => {
    const key = `${kind}:${id}`;
    let n = numbers.get(key);
    if (n === undefined) {
      order.push({ kind, id });
      numbers.set(key, (n = order.length));
    }
    return `[${n}]`;
  };
  const body = walk(document, new DocxWalker({ reference }));
  const notes: Record<NoteKind, Map<string, string>> = {
    footnote: walkNotes(parts.get(FOOTNOTES)),
    endnote: walkNotes(parts.get(ENDNOTES)),
  };

  const noteLines: string[] = [];
  for (const [i, { kind, id }] of order.entries()) {
    const text = notes[kind].get(id);
    if (text !== undefined) noteLines.push(`[${i + 1}] ${text}`.trimEnd());
    notes[kind].delete(id);
  }
  // Notes the body never refers to are still text the author wrote: keep them, numbered on.
  for (const kind of ['footnote', 'endnote'] as const) {
    for (const text of notes[kind].values()) if (text) noteLines.push(`[${noteLines.length + 1}] ${text}`);
  }

  let text = body.blocks.join('\n\n');
  if (noteLines.length > 0) text += `${text ? '\n\n' : ''}Notes\n\n${noteLines.join('\n\n')}`;
  const warnings: string[] = [];
  if (body.sawTrackedChanges) warnings.push('tracked changes: deleted text was left out, inserted text kept');
  const title = readTitle(parts.get(CORE));
  return { text, ...(title ? { title } : {}), warnings };
}

/** Inflates only the parts we read, after checking entry count and declared sizes. */
function readParts(bytes: Uint8Array): Map<string, string> {
  const entries = readZipDirectory(bytes, MAX_ENTRIES);
  const chosen = new Map<string, ZipEntry>();
  for (const e of entries) if (NEEDED.includes(e.name) && !chosen.has(e.name)) chosen.set(e.name, e);
  let declared = 0;
  for (const e of chosen.values()) declared += e.size;
  if (declared > MAX_UNPACKED_BYTES) throw new ZipProblem('too_large');

  const utf8 = new TextDecoder('utf-8'); // strips a BOM; Word writes UTF-8 only
  const parts = new Map<string, string>();
  for (const [name, e] of chosen) {
    const xml = utf8.decode(readZipEntry(bytes, e));
    if (hasDoctype(xml)) throw new XmlDamaged('DOCTYPE');
    parts.set(name, xml);
  }
  return parts;
}

function walk(xml: string, walker: DocxWalker): DocxWalker {
  scanXml(xml, walker);
  return walker;
}

function walkNotes(xml: string | undefined): Map<string, string> {
  return xml === undefined ? new Map() : walk(xml, new DocxWalker()).notes;
}

/** dc:title from docProps/core.xml; a damaged core.xml only costs the title. */
function readTitle(xml: string | undefined): string | undefined {
  if (xml === undefined) return undefined;
  let depthInTitle = 0;
  let title = '';
  const isTitle = (name: string): boolean => name === 'title' || name.endsWith(':title');
  const handler: XmlHandler = {
    open: (name) => void (isTitle(name) && depthInTitle++),
    close: (name) => void (isTitle(name) && depthInTitle--),
    text: (text) => void (depthInTitle > 0 && (title += text)),
  };
  try {
    scanXml(xml, handler);
  } catch {
    return undefined;
  }
  return title.replace(/\s+/g, ' ').trim() || undefined;
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const needle = Buffer.from(word, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}
