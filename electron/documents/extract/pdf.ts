// PDF to plain text with pdf.js: the text layer of each page in content order, lines broken
// where pdf.js sees an end of line or the baseline moves, pages separated by a blank line.
// Scanned PDFs have no text layer; we say so rather than import an empty document.
//
// pdf.js runs in this process: its worker module is imported here and handed over as
// globalThis.pdfjsWorker, which pdf.js uses as an in-process "fake worker", so no worker file
// has to be found on disk at run time (that lookup breaks in bundles and packaged apps).
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { AppError } from '../../core/errors.js';
import type { Extracted } from './extracted.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const MESSAGES = {
  damaged: 'This PDF is damaged and cannot be read.',
  password: 'This PDF is password-protected. Save a copy without the password and import that.',
  noText: 'This PDF has no text layer (it is probably scanned). Run OCR on it first, then import it again.',
};

let loading: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/** The CMaps shipped with pdfjs-dist: without them, text in fonts using predefined CJK CMaps is lost. */
function cMapDir(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps') + sep;
  } catch {
    return undefined;
  }
}

export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const pdfjs = await loadPdfJs();
  const cMapUrl = cMapDir();
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdf.js takes ownership of (detaches) the buffer it is given
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
    ...(cMapUrl ? { cMapUrl, cMapPacked: true } : {}),
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      const name = (err as { name?: unknown } | null)?.name;
      throw new AppError('invalid', name === 'PasswordException' ? MESSAGES.password : MESSAGES.damaged);
    }
    const pages: string[] = [];
    let unreadable = 0;
    let blank = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const text = joinItems(content.items.filter((item): item is TextItem => 'str' in item));
        page.cleanup();
        if (text) pages.push(text);
        else blank++;
      } catch {
        unreadable++;
      }
    }
    if (doc.numPages === 0 || unreadable === doc.numPages) throw new AppError('invalid', MESSAGES.damaged);
    if (pages.length === 0) throw new AppError('invalid', MESSAGES.noText);

    const warnings: string[] = [];
    if (unreadable > 0) warnings.push(`${plural(unreadable, 'page')} could not be read and ${unreadable === 1 ? 'was' : 'were'} left out`);
    if (blank > 0) warnings.push(`${plural(blank, 'page')} had no text (blank or scanned)`);
    const title = await readTitle(doc);
    return { text: pages.join('\n\n'), ...(title ? { title } : {}), warnings };
  } finally {
    await task.destroy(); // also destroys the document and its in-process worker
  }
}

/** One page's text items to lines. Items come in content-stream order, which is reading order for most producers. */
function joinItems(items: TextItem[]): string {
  let out = '';
  let lastY: number | undefined;
  let lastEnd = 0; // x where the previous item ended
  let lastHeight = 0;
  let brokeLine = true;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    if (item.str.length > 0) {
      const lineHeight = Math.max(item.height, lastHeight) || 10;
      if (!brokeLine && lastY !== undefined && Math.abs(y - lastY) > lineHeight * 0.5) out += '\n';
      else if (!brokeLine && x - lastEnd > lineHeight * 0.15 && !out.endsWith(' ') && !item.str.startsWith(' ')) out += ' ';
      out += item.str;
      brokeLine = false;
      lastY = y;
      lastEnd = x + item.width;
      lastHeight = item.height;
    }
    if (item.hasEOL && !brokeLine) {
      out += '\n';
      brokeLine = true;
    }
  }
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

async function readTitle(doc: { getMetadata(): Promise<{ info: object }> }): Promise<string | undefined> {
  try {
    const { info } = await doc.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    if (typeof title !== 'string') return undefined;
    // Word's "Save as PDF" used to record the window title, e.g. "Microsoft Word - interview3.docx".
    const cleaned = title.replace(/^Microsoft Word - /, '').trim();
    return cleaned || undefined;
  } catch {
    return undefined;
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
