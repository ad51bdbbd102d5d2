import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { makePdf } from './fixtures/make-pdf.js';
import { endIdlePdfThread, extractPdf, PDF_LIMITS } from './pdf.js';

const DAMAGED = 'This PDF is damaged and cannot be read.';
const NO_TEXT = 'This PDF has no text layer (it is probably scanned). Run OCR on it first, then import it again.';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid');
    return (err as AppError).message;
  }
  throw new Error('expected a refusal');
}

const line = (x: number, y: number, text: string): string => `BT /F1 12 Tf ${x} ${y} Td (${text}) Tj ET`;

describe('extractPdf', () => {
  it('reads lines and pages in order, with the title from the info dictionary', async () => {
    const pdf = makePdf(
      [
        'BT /F1 12 Tf 72 720 Td (Hello) Tj 0 -14 Td (World and Caf\\351) Tj ET',
        `${line(72, 720, 'Page two')} ${line(72, 700, 'Last line')}`,
      ],
      { title: 'Интервью №1' },
    );
    const start = performance.now();
    const result = await extractPdf(pdf);
    console.log(`pdf: two pages in ${(performance.now() - start).toFixed(0)} ms (first call loads pdf.js)`);
    expect(result.text).toBe('Hello\nWorld and Café\n\nPage two\nLast line');
    expect(result.title).toBe('Интервью №1');
    expect(result.warnings).toEqual([]);
  });

  it('keeps words apart that sit on one line in separate text objects', async () => {
    const result = await extractPdf(makePdf([`${line(72, 720, 'Left')} ${line(200, 720, 'Right')} ${line(72, 690, 'Below')}`]));
    expect(result.text).toBe('Left Right\nBelow');
  });

  it('says a PDF without any text is probably scanned, and notes blank pages otherwise', async () => {
    const drawing = '0 0 m 300 300 l S 10 10 100 100 re f';
    expect(await refusal(extractPdf(makePdf([drawing, drawing])))).toBe(NO_TEXT);
    expect(await refusal(extractPdf(makePdf(['BT /F1 12 Tf 72 720 Td (   ) Tj ET'])))).toBe(NO_TEXT);
    const mixed = await extractPdf(makePdf([line(72, 720, 'Typed page'), drawing]));
    expect(mixed.text).toBe('Typed page');
    expect(mixed.warnings).toEqual(['1 page had no text (blank or scanned)']);
  });

  it('says a cut-off or garbage file is damaged', async () => {
    const pdf = makePdf([line(72, 720, 'Hello')]);
    expect(await refusal(extractPdf(pdf.subarray(0, Math.floor(pdf.length / 2))))).toBe(DAMAGED);
    expect(await refusal(extractPdf(pdf.subarray(0, 20)))).toBe(DAMAGED);
    expect(await refusal(extractPdf(new Uint8Array(5000).map((_, i) => (i * 31 + 7) % 256)))).toBe(DAMAGED);
    expect(await refusal(extractPdf(new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF')))).toBe(DAMAGED);
  });

  it('says an encrypted PDF is password-protected (and the fixture really opens with its password)', async () => {
    const pdf = makePdf([line(72, 720, 'Secret words')], { userPassword: 'fieldwork', title: 'Hidden' });
    expect(await refusal(extractPdf(pdf))).toBe('This PDF is password-protected. Save a copy without the password and import that.');

    const task = getDocument({ data: pdf.slice(), password: 'fieldwork', verbosity: 0 });
    const doc = await task.promise;
    const items = (await (await doc.getPage(1)).getTextContent()).items as TextItem[];
    expect(items.map((i) => i.str).join('')).toBe('Secret words');
    await task.destroy();
  });

  it('reads a Node Buffer (the CLI reads files into one) and leaves it whole', async () => {
    const buffer = Buffer.from(makePdf([line(72, 720, 'From a Buffer')]));
    expect((await extractPdf(buffer)).text).toBe('From a Buffer');
    expect(buffer.byteLength).toBeGreaterThan(0);
  });

  it('does not take the caller’s buffer, and runs several extractions at once', async () => {
    const pdfs = ['One', 'Two', 'Three'].map((w) => makePdf([line(72, 720, w)]));
    const results = await Promise.all(pdfs.map((p) => extractPdf(p)));
    expect(results.map((r) => r.text)).toEqual(['One', 'Two', 'Three']);
    expect(pdfs.every((p) => p.byteLength > 0)).toBe(true);
  });
});

describe('extractPdf within its budget (issue 8)', () => {
  const limits = { ...PDF_LIMITS };
  afterEach(async () => {
    Object.assign(PDF_LIMITS, limits);
    await endIdlePdfThread();
  });

  // A fuzz find: a 43 KB encrypted PDF whose page lists one content stream (garbage once
  // decrypted) eight times keeps pdf.js's parser busy for minutes, without a pause.
  const stalling = (): Uint8Array =>
    new Uint8Array(readFileSync(new URL('../../fuzz/regressions/document-pdf/12cd2dc2c139acd4.bin', import.meta.url)));

  it('refuses a PDF that keeps pdf.js busy past the deadline, in words, and reads the next PDF', async () => {
    PDF_LIMITS.timeMs = 1000;
    expect(await refusal(extractPdf(stalling()))).toMatch(/^This PDF takes too long to read \(more than 1 seconds\); .*import that\.$/);
    // The stuck thread was ended; the next file gets a fresh one.
    PDF_LIMITS.timeMs = limits.timeMs;
    expect((await extractPdf(makePdf([line(72, 720, 'Next file')]))).text).toBe('Next file');
  });

  it('refuses a PDF with more text than the cap', async () => {
    PDF_LIMITS.textChars = 20;
    const pdf = makePdf([line(72, 720, 'Twelve chars'), line(72, 720, 'Twelve again')]);
    expect(await refusal(extractPdf(pdf))).toBe(
      'This PDF holds more than 0 million characters of text. Split it into parts and import those.',
    );
    PDF_LIMITS.textChars = 30;
    expect((await extractPdf(pdf)).text).toBe('Twelve chars\n\nTwelve again');
  });

  it('refuses when the pdf.js thread runs out of memory', async () => {
    await endIdlePdfThread();
    PDF_LIMITS.threadHeapMb = 2; // too little even to load pdf.js
    expect(await refusal(extractPdf(makePdf([line(72, 720, 'Hello')])))).toMatch(/^This PDF needs too much memory to read; /);
  });

  it('reads PDFs one after another, each on a fresh thread started ahead', async () => {
    const pdf = makePdf([line(72, 720, 'Again')]);
    for (let i = 0; i < 5; i++) expect((await extractPdf(pdf)).text).toBe('Again');
  });
});
