// Spans per paragraph in one sweep, against the filter per paragraph it replaces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spansByParagraph, splitParagraphs } from './paragraphs';

describe('spansByParagraph', () => {
  it('gives each paragraph the spans touching it, in their given order, as a filter per paragraph does', () => {
    const text = fc.array(fc.constantFrom('word ', 'Ж ', '𝔄 ', '\n', '\n\n', '  \n\n'), { maxLength: 120 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(fc.nat(400), fc.integer({ min: 1, max: 80 })), { maxLength: 40 }),
        fc.integer({ min: 3, max: 50 }),
        (t, raw, max) => {
          const paragraphs = splitParagraphs(t, max);
          const spans = raw.map(([start, len], i) => ({ id: `s${i}`, start, end: start + len }));
          const expected = new Map<number, typeof spans>();
          paragraphs.forEach((p, index) => {
            const end = p.start + p.text.length;
            const touching = spans.filter((s) => s.start < end && s.end > p.start);
            if (touching.length > 0) expected.set(index, touching);
          });
          expect(spansByParagraph(paragraphs, spans)).toEqual(expected);
        },
      ),
      { numRuns: 500, seed: 5 },
    );
  });
});
