// From a file's name and bytes to normalised text, whatever the format. Formats are chosen by
// extension, with a look at the first bytes so a PDF or DOCX with the wrong name still works.
import { extname } from 'node:path';
import { AppError } from '../core/errors.js';
import { decodeText } from './decode-text.js';
import { extractDocx } from './extract/docx.js';
import { extractHtml } from './extract/html.js';
import { extractPdf } from './extract/pdf.js';
import { normalizeImportedText } from './normalize.js';

/** Texts larger than this are refused: split them (a 500,000-word transcript is ~3.5 MB). */
export const MAX_TEXT_BYTES = 50 * 1024 * 1024;

export interface FileText {
  text: string;
  format: 'txt' | 'md' | 'html' | 'docx' | 'pdf';
  title?: string;
  notes: string[];
}

const startsWith = (bytes: Uint8Array, sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);

function formatOf(fileName: string, bytes: Uint8Array): FileText['format'] | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf'; // %PDF
  const ext = extname(fileName).toLowerCase();
  if (ext === '.docx' || startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'docx';
  if (ext === '.pdf') return 'pdf';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.txt' || ext === '.text' || ext === '') return 'txt';
  return null;
}

function sizeLabel(n: number): string {
  return `${(n / 1024 / 1024).toFixed(0)} MB`;
}

export async function extractFile(fileName: string, bytes: Uint8Array): Promise<FileText> {
  if (bytes.length === 0) throw new AppError('invalid', 'This file is empty.');
  const format = formatOf(fileName, bytes);
  if (!format) {
    throw new AppError('invalid', `Field Coder cannot import ${extname(fileName)} files. Import .txt, .md, .docx, .pdf or .html.`);
  }
  const notes: string[] = [];
  let raw: string;
  let title: string | undefined;
  if (format === 'docx' || format === 'pdf') {
    const extracted = format === 'docx' ? extractDocx(bytes) : await extractPdf(bytes);
    raw = extracted.text;
    title = extracted.title;
    notes.push(...extracted.warnings);
  } else {
    if (bytes.length > MAX_TEXT_BYTES) {
      throw new AppError(
        'invalid',
        `This file is ${sizeLabel(bytes.length)}; Field Coder imports texts up to ${sizeLabel(MAX_TEXT_BYTES)}. Split it into parts and import those.`,
      );
    }
    const decoded = decodeText(bytes);
    if (decoded.encoding !== 'UTF-8') notes.push(`decoded as ${decoded.encoding}`);
    if (format === 'html') {
      const extracted = extractHtml(decoded.text);
      raw = extracted.text;
      title = extracted.title;
      notes.push(...extracted.warnings);
    } else raw = decoded.text;
  }
  const text = normalizeImportedText(raw);
  if (text.trim().length === 0) throw new AppError('invalid', 'This file holds no text.');
  if (text.length > MAX_TEXT_BYTES) {
    throw new AppError(
      'invalid',
      `The text of this file is too long (over ${sizeLabel(MAX_TEXT_BYTES)}). Split it into parts and import those.`,
    );
  }
  return { text, format, ...(title?.trim() ? { title: title.trim() } : {}), notes };
}
