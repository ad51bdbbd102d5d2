// Hostile input finishes quickly and stays inert: huge fields, deep nesting, macro bombs and cycles.
import { describe, expect, it } from 'vitest';
import { parseBibtex } from './bibtex.js';
import { MAX_FIELD_CHARS } from './csl.js';
import { parseReferences } from './detect.js';
import { parseRis } from './ris.js';

const fast = (f: () => void, ms = 2000) => {
  const t = performance.now();
  f();
  expect(performance.now() - t).toBeLessThan(ms);
};

describe('hostile input', () => {
  it('truncates a 1 MB title to 100,000 characters with a warning', () => {
    const big = 'A'.repeat(1_000_000);
    fast(() => {
      const { items, warnings } = parseBibtex(`@book{x, title = {${big}}, year = 2000}`);
      expect(items[0]?.title).toHaveLength(MAX_FIELD_CHARS);
      expect(warnings.join()).toMatch(/title: truncated to 100,000 characters/);
      const ris = parseRis(`TY  - BOOK\nTI  - ${big}\nER  - \n`);
      expect(ris.items[0]?.title).toHaveLength(MAX_FIELD_CHARS);
      expect(ris.warnings).toHaveLength(1);
      const json = parseReferences('x.json', JSON.stringify([{ type: 'book', title: big }]));
      expect(json.items[0]?.title).toHaveLength(MAX_FIELD_CHARS);
      expect(json.warnings).toHaveLength(1);
    });
  });

  it('survives 100,000 nested braces, balanced or not', () => {
    const deep = `${'{'.repeat(100_000)}x${'}'.repeat(100_000)}`;
    fast(() => {
      expect(parseBibtex(`@misc{a, title = {${deep}}}`).items[0]?.title).toBe('x');
      const open = parseBibtex(`@misc{b, title = ${'{'.repeat(100_000)}}\n@misc{c, title={ok}}`);
      expect(open.items.map((i) => i.id)).toEqual(['c']);
      expect(open.warnings[0]).toMatch(/Line 1: skipped/);
    });
  });

  it('expands @string macros at definition, so cycles and doubling chains end', () => {
    const cycle = Array.from({ length: 50 }, (_, i) => `@string{m${i} = m${(i + 1) % 50} # "x"}`).join('\n');
    const doubling = Array.from({ length: 60 }, (_, i) => `@string{d${i + 1} = d${i} # d${i}}`).join('\n');
    fast(() => {
      const { items, warnings } = parseBibtex(`@string{d0 = "ab"}\n${cycle}\n${doubling}\n@misc{k, title = m0 # d60}`);
      expect(items).toHaveLength(1);
      expect(warnings.some((w) => w.includes('unknown @string macro "m1"'))).toBe(true);
      expect(warnings.some((w) => w.includes('ignored: macros expand to more than'))).toBe(true);
      expect((items[0]?.title ?? '').length).toBeLessThanOrEqual(MAX_FIELD_CHARS);
      const bigCycle = Array.from({ length: 20_000 }, (_, i) => `@string{c${i} = c${(i + 1) % 20_000} # c${(i + 2) % 20_000}}`).join('\n');
      expect(parseBibtex(`${bigCycle}\n@misc{k, title = c0}`).items).toHaveLength(1);
    });
  });

  it('stays linear on many stray "@" signs, unterminated entries and long whitespace', () => {
    fast(() => {
      parseBibtex('@ '.repeat(300_000));
      parseBibtex('@a{k,t={\n'.repeat(50_000));
      parseBibtex(`@misc{k, author = {A${' '.repeat(500_000)}and B}}`);
      parseRis('AB  - x\n'.repeat(100_000));
    });
  });

  it('caps warnings and name lists', () => {
    fast(() => {
      const { warnings } = parseBibtex(`@misc{k, ${Array.from({ length: 5000 }, (_, i) => `f${i} = m${i}`).join(', ')}}`);
      expect(warnings).toHaveLength(101);
      expect(warnings[100]).toBe('…and 4,900 more warnings.');
      const many = parseBibtex(`@misc{k, author = {${Array.from({ length: 3000 }, (_, i) => `Author${i}, A.`).join(' and ')}}}`);
      expect(many.items[0]?.author).toHaveLength(1000);
      expect(many.warnings[0]).toMatch(/only the first 1000 of 3000 names/);
    });
  });

  it('walks deeply nested CSL-JSON without overflowing the stack', () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    fast(() => {
      const { items } = parseReferences('x.json', `[{"type":"book","title":"T","custom":${deep}}]`);
      expect(items[0]?.title).toBe('T');
      expect(() => parseReferences('x.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(/item 1: is not an object/);
    });
  });

  it('rejects binary data with a clear error', () => {
    const bin = String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    expect(() => parseReferences('library.bib', bin)).toThrow(/not a text file|No references found/);
  });
});
