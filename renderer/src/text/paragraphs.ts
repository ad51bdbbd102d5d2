// A document's text as paragraphs for the reader: split on blank lines, each with its start
// offset (a UTF-16 index into the whole text) so a search hit's offset finds its paragraph.
// Very long paragraphs (a text with no blank lines at all) are cut at a line break, or a space,
// so the reader never has to lay out one enormous node.

export interface Paragraph {
  /** UTF-16 index of the paragraph's first character in the whole text. */
  start: number;
  text: string;
}

export const MAX_PARAGRAPH = 10_000;

const BLANK_LINES = /\n\s*\n/g;

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0xfeff;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where to cut [from, limit): after the last line break, else the last space, else at the limit. */
function cutPoint(text: string, from: number, limit: number): number {
  const floor = from + Math.floor((limit - from) / 2);
  const newline = text.lastIndexOf('\n', limit - 1);
  if (newline >= floor) return newline + 1;
  for (let i = limit - 1; i >= floor; i--) if (isSpace(text.charCodeAt(i))) return i + 1;
  // Never between the two halves of a surrogate pair.
  return isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
}

function pushTrimmed(out: Paragraph[], text: string, from: number, to: number, max: number): void {
  let a = from;
  let b = to;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  while (b - a > max) {
    const cut = cutPoint(text, a, a + max);
    pushTrimmed(out, text, a, cut, max);
    a = cut;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
  }
  if (b > a) out.push({ start: a, text: text.slice(a, b) });
}

export function splitParagraphs(text: string, max: number = MAX_PARAGRAPH): Paragraph[] {
  const out: Paragraph[] = [];
  let from = 0;
  BLANK_LINES.lastIndex = 0;
  for (let m = BLANK_LINES.exec(text); m !== null; m = BLANK_LINES.exec(text)) {
    pushTrimmed(out, text, from, m.index, max);
    from = m.index + m[0].length;
  }
  pushTrimmed(out, text, from, text.length, max);
  return out;
}

/** The index of the paragraph holding UTF-16 index `index` (or the nearest one before it). */
export function paragraphAt(paragraphs: readonly Paragraph[], index: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((paragraphs[mid]?.start ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Whether a paragraph's line breaks are only where a PDF or an e-mail wrapped it (lines of
 * similar, long length) rather than where the author meant them (speaker turns, verse, lists).
 * The reader lets wrapped lines flow and keeps meant ones.
 */
export function looksHardWrapped(text: string): boolean {
  const lines = text.split('\n');
  if (lines.length < 2) return false;
  const body = lines.slice(0, -1).map((l) => l.trim().length);
  const long = body.filter((n) => n >= 40).length;
  const mean = body.reduce((a, b) => a + b, 0) / body.length;
  return mean >= 50 && long / body.length >= 0.7;
}

/**
 * For each paragraph, the spans (UTF-16, in the whole text) that touch it, in their given order:
 * one sweep over paragraphs and spans sorted by start, so the cost is their number plus the
 * touches, not paragraphs × spans (8,000 paragraphs × 1,000 excerpts in a long diary).
 */
export function spansByParagraph<T extends { start: number; end: number }>(
  paragraphs: readonly Paragraph[],
  spans: readonly T[],
): Map<number, T[]> {
  const out = new Map<number, T[]>();
  if (spans.length === 0) return out;
  const byStart = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start);
  let next = 0;
  let active: number[] = [];
  paragraphs.forEach((p, index) => {
    const end = p.start + p.text.length;
    while (next < byStart.length && spans[byStart[next]!]!.start < end) active.push(byStart[next++]!);
    active = active.filter((i) => spans[i]!.end > p.start);
    const touching = active.filter((i) => spans[i]!.start < end);
    if (touching.length > 0)
      out.set(
        index,
        touching.sort((a, b) => a - b).map((i) => spans[i]!),
      );
  });
  return out;
}
