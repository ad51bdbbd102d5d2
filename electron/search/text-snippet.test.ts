// Document snippets made without FTS5's snippet(): the first hit as unicode61 with
// remove_diacritics would match it, the same from a string and from UTF-8 bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery } from './query.js';
import { codePointsBeforeByte, documentSnippet, snippetMatcher, textSnippet, type TextSnippet } from './text-snippet.js';

const matcher = (q: string) => snippetMatcher(compileQuery(q).patterns);
const hits = (s: TextSnippet): string[] => s.parts.filter((p) => p.hit).map((p) => p.text);
const shown = (s: TextSnippet): string =>
  s.parts
    .map((p) => p.text)
    .join('')
    .replace(/^…|…$/g, '');
/** Both ways, which must agree; answers the snippet. */
function snip(text: string, q: string): TextSnippet {
  const m = matcher(q);
  const fromText = textSnippet(text, m);
  expect(documentSnippet(Buffer.from(text, 'utf8'), m)).toEqual(fromText);
  return fromText;
}

describe('document snippets', () => {
  it('find whole words only, folding case and accents both ways', () => {
    const text = 'Thereafter the café closed. After that, the CAFE reopened near Rytövuori.';
    const s = snip(text, 'after');
    expect(hits(s)).toEqual(['After']);
    expect(s.offset).toBe(text.indexOf('After'));
    expect(hits(snip(text, 'cafe'))).toEqual(['café', 'CAFE']);
    expect(hits(snip(text, 'RYTOVUORI'))).toEqual(['Rytövuori']);
    expect(snip(text, 'zebra').offset).toBeUndefined();
  });

  it('match phrases across punctuation, and prefixes to the end of the word', () => {
    const text = 'He spoke of the drug — trade, and of drug traders. Collusion; collusive deals.';
    expect(hits(snip(text, '"drug trade"'))).toEqual(['drug — trade']);
    expect(hits(snip(text, 'collu*'))).toEqual(['Collusion', 'collusive']);
    expect(hits(snip(text, '"drug trade"*'))).toEqual(['drug — trade', 'drug traders']);
  });

  it('fold Cyrillic letters with marks the way the query is folded', () => {
    const text = 'Респондент из Душанбе говорил о границе. Бэӯко и Бэуко.';
    expect(hits(snip(text, 'душанбе'))).toEqual(['Душанбе']);
    expect(hits(snip(text, 'бэӯко'))).toEqual(['Бэӯко', 'Бэуко']);
  });

  it('give offsets in code points, past astral characters', () => {
    const text = '😀 note 𝒳 then the border post, and the border again.';
    const s = snip(text, 'border');
    expect(s.offset).toBe([...text.slice(0, text.indexOf('border'))].length);
  });

  it('read decomposed accents (combining marks) the slower way, with the same result', () => {
    const text = 'The cafe\u0301 and the re\u0301sume\u0301 were both in Khujand.';
    expect(hits(snip(text, 'café'))).toEqual(['cafe\u0301']);
    expect(hits(snip(text, 'resume'))).toEqual(['re\u0301sume\u0301']);
  });

  it('show a window of words around a hit deep in a long text, cut at whole words', () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `wörd${i}`).join(' ');
    const text = `${filler} the checkpoint at Pyanj ${filler}`;
    const s = snip(text, 'checkpoint');
    expect(s.offset).toBe(text.indexOf('checkpoint'));
    expect(s.parts[0]).toEqual({ text: '…', hit: false });
    expect(s.parts.at(-1)).toEqual({ text: '…', hit: false });
    expect(text).toContain(shown(s));
    expect(shown(s).split(/\s+/).length).toBeLessThanOrEqual(24);
    expect(shown(s)).toMatch(/^wörd\d+ .* wörd\d+$/);
  });

  it('agree from bytes and from text on hits at every chunk boundary', () => {
    // Place the hit so it starts, straddles and ends at the 8 KB chunk boundary of the byte way.
    for (let pad = 8170; pad < 8200; pad++) {
      const text = `${'a'.repeat(pad - 1)} ßtraße border`;
      const s = snip(text, 'ßtraße');
      expect(hits(s)).toEqual(['ßtraße']);
    }
    for (let pad = 8180; pad < 8200; pad++) {
      const text = `${'x '.repeat(pad / 2)}drug, trade`;
      expect(hits(snip(text, '"drug trade"'))).toEqual(['drug, trade']);
    }
  });

  it('agree from bytes and from text on any text and query (property)', () => {
    const words = ['after', 'Café', 'cafe', 'Душанбе', 'бэӯко', 'border', 'ßtraße', 'naïve', 'NGO', '😀', '—', 'x1', 'ŉ'];
    const text = fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((ws) => ws.join(' '));
    const query = fc.oneof(fc.constantFrom(...words.slice(0, 9)), fc.constantFrom('caf*', '"after border"', 'ду*', 'after OR naive'));
    fc.assert(
      fc.property(text, query, (t, q) => {
        const s = snip(t, q);
        for (const p of s.parts) if (p.text !== '…') expect(t).toContain(p.text);
      }),
      { numRuns: 400 },
    );
  });

  it('without a hit in the text, show its start', () => {
    const s = snip('A report on the border regime.', 'Khatlon');
    expect(s.offset).toBeUndefined();
    expect(shown(s)).toBe('A report on the border regime');
  });
});

describe('counting code points in UTF-8 bytes', () => {
  it('equals the code points of the decoded prefix, at any alignment and cut', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.nat(7), fc.nat(1000), (text, pad, cutAt) => {
        const bytes = Buffer.from(text, 'utf8');
        // At every byte offset in a larger buffer, as SQLite's values and Buffer slices come.
        const host = Buffer.alloc(bytes.length + pad);
        bytes.copy(host, pad);
        const view = host.subarray(pad);
        let end = Math.min(bytes.length, cutAt);
        while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end++; // a character's start
        expect(codePointsBeforeByte(view, end)).toBe([...bytes.toString('utf8', 0, end)].length);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same snippet for a document the second time (its marks remembered by id)', () => {
    const m = matcher('cafe');
    for (const text of ['Le cafe\u0301 ferme. The cafe.', 'The café, the cafe.']) {
      const id = `doc-${text.length}`;
      const first = documentSnippet(Buffer.from(text, 'utf8'), m, id);
      expect(first).toEqual(textSnippet(text, m));
      expect(documentSnippet(Buffer.from(text, 'utf8'), m, id)).toEqual(first);
    }
  });
});
