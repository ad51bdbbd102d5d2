import { describe, expect, it } from 'vitest';
import { findMatches, fold, foldTerm, highlight, mergeRanges, segmentText } from './highlight';
import { codePointToUtf16, utf16ToCodePoint } from './offsets';
import { looksHardWrapped, paragraphAt, splitParagraphs } from './paragraphs';

const marked = (text: string, terms: string[]) =>
  highlight(text, terms)
    .filter((s) => s.mark)
    .map((s) => s.text);

describe('codePointToUtf16', () => {
  it('is the identity for text inside the Basic Multilingual Plane', () => {
    expect(codePointToUtf16('Rytövuori', 3)).toBe(3);
    expect(codePointToUtf16('abc', 0)).toBe(0);
  });

  it('counts an astral character as two UTF-16 units', () => {
    const text = 'a𝒳b😀c';
    // code points: a 𝒳 b 😀 c
    expect(codePointToUtf16(text, 1)).toBe(1);
    expect(codePointToUtf16(text, 2)).toBe(3);
    expect(codePointToUtf16(text, 3)).toBe(4);
    expect(codePointToUtf16(text, 4)).toBe(6);
    expect(text.slice(codePointToUtf16(text, 4))).toBe('c');
    expect([...text][4]).toBe('c');
  });

  it('clamps to the text and survives lone surrogates', () => {
    expect(codePointToUtf16('ab', 10)).toBe(2);
    expect(codePointToUtf16('ab', -3)).toBe(0);
    expect(codePointToUtf16('a\ud800b', 2)).toBe(2);
    expect(utf16ToCodePoint('a\ud800b', 2)).toBe(2);
  });

  it('round-trips with utf16ToCodePoint', () => {
    const text = '𝒳 Nazarov 😀 Khorog, Гарм';
    for (let cp = 0; cp <= [...text].length; cp++) expect(utf16ToCodePoint(text, codePointToUtf16(text, cp))).toBe(cp);
  });
});

describe('fold', () => {
  it('strips diacritics, lowers case, collapses whitespace, and maps back', () => {
    const f = fold('Rytövuori-Apunen\n\n  MÉLANIE');
    expect(f.text).toBe('rytovuori-apunen melanie');
    expect(f.text.length).toBe(f.start.length);
    // the space stands for "\n\n  "
    const space = f.text.indexOf(' ');
    expect(f.start[space]).toBe(16);
    expect(f.end[space]).toBe(20);
  });

  it('keeps a decomposed combining mark with its letter', () => {
    const text = 'Sadoze\u0301 x';
    const f = fold(text);
    expect(f.text).toBe('sadoze x');
    expect(f.end[5]).toBe(7);
  });

  it('folds search syntax off terms', () => {
    expect(foldTerm('"Drug Trade"')).toBe('drug trade');
    expect(foldTerm('Taliban*')).toBe('taliban');
    expect(foldTerm('  ')).toBe('');
  });
});

describe('findMatches', () => {
  it('matches case- and diacritic-insensitively, on the original characters', () => {
    const text = 'Mélanie Sadozaï met NAZAROV; nazarov’s men and Nazárov.';
    expect(marked(text, ['nazarov'])).toEqual(['NAZAROV', 'nazarov', 'Nazárov']);
    expect(marked(text, ['MELANIE', 'sadozai'])).toEqual(['Mélanie', 'Sadozaï']);
  });

  it('finds accented terms in plain text too', () => {
    expect(marked('Rytovuori wrote', ['Rytövuori'])).toEqual(['Rytovuori']);
  });

  it('matches words from their start only', () => {
    expect(marked('toward the war, warlords', ['war'])).toEqual(['war', 'war']);
  });

  it('matches phrases across line breaks', () => {
    const text = 'state collusion in the drug\ntrade and more';
    const ranges = findMatches(text, ['"drug trade"']);
    expect(ranges).toHaveLength(1);
    expect(text.slice(ranges[0]!.start, ranges[0]!.end)).toBe('drug\ntrade');
  });

  it('maps correctly past astral characters and decomposed letters', () => {
    const text = '😀 Khatlon and Hatlon; Khatlo\u0301n 𝒳 KHATLON';
    const ranges = findMatches(text, ['khatlon', 'Hatlon']);
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Khatlon', 'Hatlon', 'Khatlo\u0301n', 'KHATLON']);
  });

  it('merges overlapping matches of several terms', () => {
    const ranges = findMatches('Dushanbe-based', ['dushanbe', 'dushanbe-based']);
    expect(ranges).toEqual([{ start: 0, end: 14 }]);
    expect(
      mergeRanges([
        { start: 5, end: 8 },
        { start: 0, end: 2 },
        { start: 1, end: 3 },
      ]),
    ).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 8 },
    ]);
  });

  it('finds nothing for empty terms', () => {
    expect(findMatches('text', ['', '*', '""'])).toEqual([]);
  });
});

describe('segmentText', () => {
  it('cuts text into plain and marked parts and flags the current mark', () => {
    const text = 'one two one two';
    const segments = segmentText(text, findMatches(text, ['two']), 5);
    expect(segments).toEqual([
      { text: 'one ', mark: false },
      { text: 'two', mark: true, current: true },
      { text: ' one ', mark: false },
      { text: 'two', mark: true },
    ]);
    expect(segmentText('', [])).toEqual([{ text: '', mark: false }]);
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines, with start offsets into the whole text', () => {
    const text = '  First line\nsame paragraph\n\n\nSecond 😀\r\n\r\nThird\n   \n';
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(['First line\nsame paragraph', 'Second 😀', 'Third']);
    for (const p of paragraphs) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });

  it('returns nothing for an empty or blank text', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs('\n\n  \n')).toEqual([]);
  });

  it('cuts very long paragraphs at a line break or a space, never inside a surrogate pair', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(30)}`).join('\n');
    const parts = splitParagraphs(lines, 200);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(200);
      expect(lines.slice(p.start, p.start + p.text.length)).toBe(p.text);
    }
    const astral = '😀'.repeat(150);
    const cut = splitParagraphs(astral, 101);
    expect(cut.map((p) => p.text).join('')).toBe(astral);
    for (const p of cut) expect(p.text.length % 2).toBe(0);
  });

  it('finds the paragraph holding an offset', () => {
    const text = 'aaa\n\nbbb\n\nccc';
    const paragraphs = splitParagraphs(text);
    expect(paragraphAt(paragraphs, 0)).toBe(0);
    expect(paragraphAt(paragraphs, 4)).toBe(0);
    expect(paragraphAt(paragraphs, 5)).toBe(1);
    expect(paragraphAt(paragraphs, 12)).toBe(2);
    expect(paragraphAt([], 3)).toBe(-1);
  });
});

describe('looksHardWrapped', () => {
  it('tells lines wrapped by a PDF from lines the author broke', () => {
    const wrapped =
      'The DCA highlights the limits of uneven security capabilities. Under Director Rustam\n' +
      'Nazarov (2004-2015), and as a recipient of considerable foreign assistance, the DCA was\n' +
      'deemed fairly effective.';
    expect(looksHardWrapped(wrapped)).toBe(true);
    expect(looksHardWrapped('Q: Where were you in 1997?\nA: In Khorog.\nQ: And then?\nA: Dushanbe.')).toBe(false);
    expect(looksHardWrapped('One line only, however long it happens to be, it has no breaks at all')).toBe(false);
  });
});
