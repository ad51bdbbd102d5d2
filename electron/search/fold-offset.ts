// Where a term first occurs in a text, matched as search matches (case- and diacritic-
// insensitively), as a code point offset into the original text.

/** Folds as FTS5's unicode61 with remove_diacritics 2 compares: accents off, lower case. */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folds one code point; ASCII (most of most texts) without the costly normalisation. */
function foldCodePoint(ch: string, code: number): string {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
  return foldText(ch);
}

/**
 * Folds code point by code point, white space runs to one space (line breaks fall inside
 * phrases in text extracted from PDFs), keeping for each folded UTF-16 unit its source code point.
 */
function foldWithMap(text: string): { folded: string; at: number[] } {
  const parts: string[] = [];
  const at: number[] = [];
  let cp = 0;
  let lastWasSpace = false;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const space = code === 32 || code === 10 || code === 9 || code === 13 || (code > 127 && /\s/.test(ch));
    if (space) {
      if (!lastWasSpace) {
        parts.push(' ');
        at.push(cp);
      }
      lastWasSpace = true;
    } else {
      const f = foldCodePoint(ch, code) || ' ';
      parts.push(f);
      for (let k = 0; k < f.length; k++) at.push(cp);
      lastWasSpace = false;
    }
    cp++;
  }
  return { folded: parts.join(''), at };
}

export function firstOccurrence(text: string, terms: string[]): number | undefined {
  const needles = terms.map((t) => foldText(t).replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0);
  if (needles.length === 0) return undefined;
  const { folded, at } = foldWithMap(text);
  let best: number | undefined;
  for (const n of needles) {
    const i = folded.indexOf(n);
    if (i !== -1 && (best === undefined || i < best)) best = i;
  }
  return best === undefined ? undefined : at[best];
}
