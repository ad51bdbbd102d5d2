// Plain-text decoding: BOMs, UTF-8, UTF-16, legacy Cyrillic code pages, binary refusal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.js';
import { codePointLength, countWords, normalizeImportedText } from './normalize.js';

/** Node decodes legacy code pages but cannot encode them: invert the decoder's byte table. */
function encodeLegacy(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from(
    [...text].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`${ch} is not in ${encoding}`);
      return b;
    }),
  );
}

const RUSSIAN = 'Интервью с сотрудником НКО в Душанбе, 2016 год. Граница с Афганистаном остаётся проницаемой; наркотрафик растёт.';

describe('decodeText', () => {
  it('reads UTF-8, with or without a BOM', () => {
    const bytes = new TextEncoder().encode(RUSSIAN);
    expect(decodeText(bytes)).toEqual({ text: RUSSIAN, encoding: 'UTF-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes])).text).toBe(RUSSIAN);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.from(`\ufeff${RUSSIAN}`, 'utf16le');
    expect(decodeText(le)).toEqual({ text: RUSSIAN, encoding: 'UTF-16LE' });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(be)).toEqual({ text: RUSSIAN, encoding: 'UTF-16BE' });
  });

  it('tells Windows-1251 from KOI8-R', () => {
    expect(decodeText(encodeLegacy(RUSSIAN, 'windows-1251'))).toEqual({ text: RUSSIAN, encoding: 'Windows-1251' });
    expect(decodeText(encodeLegacy(RUSSIAN, 'koi8-r'))).toEqual({ text: RUSSIAN, encoding: 'KOI8-R' });
  });

  it('reads Latin-1 text that is not UTF-8 as Windows-1252', () => {
    const text = 'Mélanie Sadozaï, Rytövuori-Apunen: café société';
    expect(decodeText(encodeLegacy(text, 'windows-1252'))).toEqual({ text, encoding: 'Windows-1252' });
  });

  it('refuses binary files renamed .txt', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(() => decodeText(png)).toThrow(/binary/);
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    expect(() => decodeText(noise)).toThrow(/binary/);
  });
});

describe('normalisation at import', () => {
  it('composes to NFC, unifies line ends and drops control characters', () => {
    const decomposed = 'Rytövuori'.normalize('NFD');
    expect(decomposed).not.toBe('Rytövuori');
    expect(normalizeImportedText(`${decomposed}\r\nline\rtwo\u0001\u0002\u0000end`)).toBe('Rytövuori\nline\ntwo' + 'end');
  });

  it('counts words and code points', () => {
    expect(countWords('Two dimensions – capability and willingness.')).toBe(5);
    expect(countWords('  ')).toBe(0);
    expect(codePointLength('a𝔸b')).toBe(3);
    // Beyond the BMP: a mathematical letter is a word, an emoji is not; lone surrogates are neither.
    expect(countWords('𝔸 😀 \ud800 \udc00x')).toBe(2);
  });

  it('counts words as splitting on white space and testing each run for a letter or digit would', () => {
    const reference = (text: string): number => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
    const pieces = fc.constantFrom(' ', '\u00a0', '\u3000', '\n\t', 'a', 'Ж', 'é', '٣', '–', '.', '𝔸', '😀', '\ud800', '\udc00', '\u200b');
    const texts = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(pieces).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(texts, (text) => countWords(text) === reference(text)),
      { numRuns: 2000 },
    );
  });
});
