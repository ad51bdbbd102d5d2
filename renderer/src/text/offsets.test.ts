// The one-pass offset conversion against the per-offset one it replaces, on texts with astral
// characters, lone surrogates of either half, combining marks and line breaks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerptsToUtf16, excerptToUtf16 } from '../coding/logic';
import { codePointsToUtf16, codePointToUtf16 } from './offsets';

/** Texts built from pieces that stress UTF-16: pairs, lone halves, marks, plain letters. */
const PIECES = ['a', 'é', 'e\u0301', '𝔄', '😀', '\ud800', '\udc00', '\n', ' ', 'Ж', '中', '\ud83d', '\ude00'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }).map((parts) => parts.join(''));
const offset = fc.oneof(fc.integer({ min: -3, max: 260 }), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY));

describe('codePointsToUtf16', () => {
  it('gives for each offset what codePointToUtf16 gives, in the order asked', () => {
    fc.assert(
      fc.property(text, fc.array(offset, { maxLength: 60 }), (t, offsets) => {
        expect(codePointsToUtf16(t, offsets)).toEqual(offsets.map((o) => codePointToUtf16(t, o)));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('never lands between the halves of a surrogate pair', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(220), { maxLength: 30 }), (t, offsets) => {
        for (const i of codePointsToUtf16(t, offsets)) {
          const before = t.charCodeAt(i - 1);
          const here = t.charCodeAt(i);
          const split = before >= 0xd800 && before <= 0xdbff && here >= 0xdc00 && here <= 0xdfff;
          expect(split).toBe(false);
        }
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});

describe('excerptsToUtf16', () => {
  it('converts every excerpt as excerptToUtf16 does, overlapping and nested ones included', () => {
    const span = fc.tuple(fc.nat(220), fc.nat(40)).map(([start, len]) => ({ start, end: start + len }));
    fc.assert(
      fc.property(text, fc.array(span, { maxLength: 40 }), (t, spans) => {
        expect(excerptsToUtf16(t, spans)).toEqual(spans.map((s) => excerptToUtf16(t, s.start, s.end)));
      }),
      { numRuns: 500, seed: 9 },
    );
  });

  it('keeps the text an excerpt covers: code points in, the same characters out', () => {
    const t = '𝔄 note. Heroin 😀 moves through Khatlon.';
    const cps = [...t];
    const spans = [
      { start: 0, end: 1 },
      { start: 2, end: 6 },
      { start: 15, end: 16 },
      { start: 15, end: cps.length },
    ];
    excerptsToUtf16(t, spans).forEach((u, i) => {
      expect(t.slice(u.start, u.end)).toBe(cps.slice(spans[i]!.start, spans[i]!.end).join(''));
    });
  });
});
