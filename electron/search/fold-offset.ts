// Where a term first occurs in a text, matched as search matches (case- and diacritic-
// insensitively), as a code point offset into the original text.

function foldChar(ch: string): string {
  return ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Folds code point by code point, white space runs to one space (line breaks fall inside
 * phrases in text extracted from PDFs), keeping for each folded UTF-16 unit its source code point.
 */
function foldWithMap(text: string): { folded: string; at: number[] } {
  let folded = '';
  const at: number[] = [];
  let cp = 0;
  let lastWasSpace = false;
  for (const ch of text) {
    if (/\s/.test(ch)) {
      if (!lastWasSpace) {
        folded += ' ';
        at.push(cp);
      }
      lastWasSpace = true;
    } else {
      const f = foldChar(ch) || ' ';
      folded += f;
      for (let k = 0; k < f.length; k++) at.push(cp);
      lastWasSpace = false;
    }
    cp++;
  }
  return { folded, at };
}

export function firstOccurrence(text: string, terms: string[]): number | undefined {
  const needles = terms.map((t) => foldChar(t).replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0);
  if (needles.length === 0) return undefined;
  const { folded, at } = foldWithMap(text);
  let best: number | undefined;
  for (const n of needles) {
    const i = folded.indexOf(n);
    if (i !== -1 && (best === undefined || i < best)) best = i;
  }
  return best === undefined ? undefined : at[best];
}
