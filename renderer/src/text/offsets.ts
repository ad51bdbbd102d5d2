// The host counts offsets into a document's text in Unicode code points; JavaScript strings index
// UTF-16 code units, where a character outside the Basic Multilingual Plane (many CJK
// extensions, emoji, some historic scripts) takes two. These convert between the two counts.

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The UTF-16 index of the code point at `codePoints` (clamped to the text). A lone surrogate
 * counts as one code point, as the host's own iteration (`for…of`) counts it.
 */
export function codePointToUtf16(text: string, codePoints: number): number {
  if (!Number.isFinite(codePoints) || codePoints <= 0) return 0;
  let index = 0;
  let seen = 0;
  while (index < text.length && seen < codePoints) {
    const code = text.charCodeAt(index);
    index += isHighSurrogate(code) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
    seen += 1;
  }
  return index;
}

/** The number of code points before UTF-16 index `index` (the inverse of codePointToUtf16). */
export function utf16ToCodePoint(text: string, index: number): number {
  const end = Math.max(0, Math.min(index, text.length));
  let seen = 0;
  let i = 0;
  while (i < end) {
    const code = text.charCodeAt(i);
    i += isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    seen += 1;
  }
  return seen;
}

/**
 * Many code point offsets converted to UTF-16 indices in one pass over the text: the offsets
 * are visited in sorted order, so the cost is the text's length plus sorting the offsets, not
 * their number times the length. `out[i]` is `codePointToUtf16(text, offsets[i])`.
 */
export function codePointsToUtf16(text: string, offsets: readonly number[]): number[] {
  // As in codePointToUtf16: an offset that is not a finite positive number means the start.
  const targets = offsets.map((o) => (Number.isFinite(o) && o > 0 ? o : 0));
  const order = targets.map((_, i) => i).sort((a, b) => targets[a]! - targets[b]!);
  const out = new Array<number>(offsets.length);
  let index = 0;
  let seen = 0;
  for (const i of order) {
    const target = targets[i]!;
    while (index < text.length && seen < target) {
      const code = text.charCodeAt(index);
      index += isHighSurrogate(code) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
      seen += 1;
    }
    out[i] = index;
  }
  return out;
}
