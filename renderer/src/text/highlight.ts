// Finding search terms in a text the way a reader expects: case-insensitively and without
// caring about diacritics ("Rytovuori" finds "Rytövuori", "NAZAROV" finds "Nazarov"), while
// the marks land on the original characters. The text is folded (NFD, combining marks
// stripped, lower-cased, whitespace runs collapsed) with a map from every folded UTF-16 unit
// back to the original span it came from.

export interface Folded {
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`: the original UTF-16 span [start, end) it came from. */
  start: number[];
  end: number[];
}

/** A span of the original text, in UTF-16 indices: [start, end). */
export interface Range {
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  mark: boolean;
  /** The mark that contains (or first follows) the place a search hit pointed at. */
  current?: boolean;
}

const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /^\s$/u;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

function foldCodePoint(cp: string): string {
  const code = cp.charCodeAt(0);
  if (code < 0x80) return cp.toLowerCase();
  return cp.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

export function fold(text: string): Folded {
  const out: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let index = 0;
  for (const cp of text) {
    const next = index + cp.length;
    const last = start.length - 1;
    if (WHITESPACE.test(cp)) {
      // A run of whitespace (line breaks included) folds to one space.
      if (last >= 0 && out[out.length - 1] === ' ' && end[last] === index) end[last] = next;
      else {
        out.push(' ');
        start.push(index);
        end.push(next);
      }
    } else {
      const folded = foldCodePoint(cp);
      if (folded === '') {
        // A combining mark on its own (text stored decomposed): it belongs to the letter before.
        if (last >= 0 && end[last] === index) end[last] = next;
      } else {
        out.push(folded);
        for (let i = 0; i < folded.length; i++) {
          start.push(index);
          end.push(next);
        }
      }
    }
    index = next;
  }
  return { text: out.join(''), start, end };
}

/** A search term as it should be looked for: without query syntax, folded. */
export function foldTerm(term: string): string {
  const bare = term
    .trim()
    .replace(/^["“”„«»']+|["“”„«»']+$/g, '')
    .replace(/\*+$/, '')
    .trim();
  return fold(bare).text.trim();
}

/** The code point that ends just before `index` in `s`, or '' at the start. */
function charBefore(s: string, index: number): string {
  if (index <= 0) return '';
  const low = s.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = s.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.slice(index - 2, index);
  }
  return s.charAt(index - 1);
}

function firstCodePoint(s: string): string {
  const cp = s.codePointAt(0);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Sorts ranges and merges the ones that overlap or touch. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/**
 * Every place in `text` where one of `terms` starts a word, as original UTF-16 ranges, sorted
 * and merged. A term matches at the start of a word and may run on (the search itself matches
 * prefixes and word forms), so "trafficker" also marks "traffickers" but "war" not "toward".
 */
export function findMatches(text: string, terms: readonly string[], folded: Folded = fold(text)): Range[] {
  const needles = [...new Set(terms.map(foldTerm).filter((t) => t.length > 0))];
  if (needles.length === 0 || text.length === 0) return [];
  const ranges: Range[] = [];
  const hay = folded.text;
  for (const needle of needles) {
    const checkBoundary = WORD_CHAR.test(firstCodePoint(needle));
    let from = 0;
    for (;;) {
      const at = hay.indexOf(needle, from);
      if (at < 0) break;
      from = at + 1;
      if (checkBoundary && WORD_CHAR.test(charBefore(hay, at))) continue;
      const last = at + needle.length - 1;
      const start = folded.start[at];
      const end = folded.end[last];
      if (start !== undefined && end !== undefined) ranges.push({ start, end });
      from = at + needle.length;
    }
  }
  return mergeRanges(ranges);
}

/**
 * Cuts `text` into plain and marked segments. `focus` (a UTF-16 index into `text`) flags the
 * mark that contains it, or else the first one after it, as current.
 */
export function segmentText(text: string, ranges: readonly Range[], focus?: number): Segment[] {
  let currentIndex = -1;
  if (focus !== undefined) {
    currentIndex = ranges.findIndex((r) => r.end > focus);
  }
  const segments: Segment[] = [];
  let pos = 0;
  ranges.forEach((r, i) => {
    const start = Math.max(r.start, pos);
    const end = Math.min(r.end, text.length);
    if (end <= start) return;
    if (start > pos) segments.push({ text: text.slice(pos, start), mark: false });
    segments.push(
      i === currentIndex ? { text: text.slice(start, end), mark: true, current: true } : { text: text.slice(start, end), mark: true },
    );
    pos = end;
  });
  if (pos < text.length || segments.length === 0) segments.push({ text: text.slice(pos), mark: false });
  return segments;
}

/** One call for a paragraph: its segments for `terms`. */
export function highlight(text: string, terms: readonly string[], focus?: number): Segment[] {
  return segmentText(text, findMatches(text, terms), focus);
}
