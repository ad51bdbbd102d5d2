import { describe, expect, it } from 'vitest';
import { normalizeImportedText } from '../../documents/normalize.js';
import { normalizeWithMap } from './normalize-map.js';

const cp = (s: string) => [...s];

describe('normalising an imported source while keeping its selections', () => {
  it('leaves normalised text and positions alone', () => {
    const n = normalizeWithMap('Plain 🌍 text\n');
    expect(n.changed).toBe(false);
    expect([n.start(6), n.end(7)]).toEqual([6, 7]);
  });

  it('moves positions past CRLF, control characters and decomposed accents', () => {
    const raw = 'Cafe\u0301\r\nbar\u0001 baz\rqux';
    const n = normalizeWithMap(raw);
    expect(n.text).toBe('Café\nbar baz\nqux');
    const sel = (word: string) => {
      const s = cp(raw).findIndex((_, i) => cp(raw).slice(i).join('').startsWith(word));
      return cp(n.text)
        .slice(n.start(s), n.end(s + cp(word).length))
        .join('');
    };
    expect(sel('bar')).toBe('bar');
    expect(sel('baz')).toBe('baz');
    expect(sel('qux')).toBe('qux');
    // A selection ending between "e" and its accent grows to take the whole "é".
    expect(cp(n.text).slice(n.start(0), n.end(4)).join('')).toBe('Café');
  });

  it('keeps every selection on atom boundaries equal to the normalised selected text (random texts)', () => {
    const atoms = [
      'a',
      'b',
      ' ',
      '\n',
      '\r\n',
      '\r',
      'e\u0301',
      'o\u0308\u0323',
      '\u0001',
      '\u007f',
      '🌍',
      'é',
      '\u1100\u1161',
      '\uac00\u11a8',
      '\u2028',
    ];
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 300; round++) {
      const parts = Array.from({ length: 1 + rand(30) }, () => atoms[rand(atoms.length)]!);
      const raw = parts.join('');
      const n = normalizeWithMap(raw);
      expect(n.text).toBe(normalizeImportedText(raw));
      expect(n.exact).toBe(true);
      const bounds = [0];
      for (const p of parts) bounds.push(bounds.at(-1)! + cp(p).length);
      for (let k = 0; k < 5; k++) {
        const i = rand(parts.length);
        const j = i + 1 + rand(parts.length - i);
        const want = normalizeImportedText(parts.slice(i, j).join(''));
        // A lone CR at the end of a selection may pair with the next part's LF; both read as one newline.
        if (parts[j - 1] === '\r' && parts[j]?.startsWith('\n')) continue;
        expect(cp(n.text).slice(n.start(bounds[i]!), n.end(bounds[j]!)).join('')).toBe(want);
      }
    }
  });
});
