// A document hit's snippet, made here rather than by FTS5's snippet().
//
// snippet() tokenizes the whole column to choose its window, about 5 ms for one 5,000-word
// interview; fifty such hits made a common word's search take 300 ms at the bench's L size. A
// person wants to see the first place the words occur, so this finds that place the way
// unicode61 with remove_diacritics 2 matches (case and accents folded, whole words, phrases
// across punctuation, prefixes) with one regular expression over the text as stored: each letter
// of a term becomes the alternatives of every character that folds to it. Folding the text
// instead (normalize, strip marks) cost more than FTS5 did, and so did decoding it: documents are
// searched as their UTF-8 bytes, and only a window around the hit is decoded. The hit is also
// where the reader opens.
import { foldText } from './fold-offset.js';
import type { SnippetPart } from './types.js';

/** One positive term of a query, folded: a word, a phrase of words, or a prefix. */
export interface TermPattern {
  words: string[];
  prefix: boolean;
}

export interface TextSnippet {
  parts: SnippetPart[];
  /** Code point offset of the first hit; undefined when no hit was found in the text. */
  offset?: number;
}

const WORD = '\\p{L}\\p{N}\\p{Co}\\p{M}';
const WORD_CHAR = new RegExp(`[${WORD}]`, 'u');

let variants: Map<string, string[]> | null = null;

/**
 * For each folded character, the characters that fold to it (E, É, é, È… for e; Й for и), from
 * the scripts field texts are written in: Latin, Greek, Cyrillic and their extensions. Built once.
 */
function foldVariants(): Map<string, string[]> {
  if (variants) return variants;
  variants = new Map();
  const ranges: [number, number][] = [
    [0x41, 0x5a],
    [0xc0, 0x24f],
    [0x370, 0x52f],
    [0x1e00, 0x1fff],
  ];
  for (const [lo, hi] of ranges)
    for (let cp = lo; cp <= hi; cp++) {
      const ch = String.fromCodePoint(cp);
      const f = foldText(ch);
      if (f.length !== 1 || f === ch) continue;
      const list = variants.get(f) ?? [];
      list.push(ch);
      variants.set(f, list);
    }
  return variants;
}

const escape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
const charsOf = (c: string): string[] => [c, ...(foldVariants().get(c) ?? [])];

/** The query's patterns as regexes over a document: made once per query. */
export interface SnippetMatcher {
  /** Over text without combining marks (imported text is NFC, so nearly all). */
  plain: RegExp;
  /** Over text with combining marks: \p{M}* after every letter makes a scan ~40 times slower. */
  marked: RegExp;
  /** Over UTF-8 bytes read as Latin-1, one character per byte. */
  bytes: RegExp;
}

/** A character as its UTF-8 bytes, each a Latin-1 character in a regex. */
const utf8Pattern = (ch: string): string =>
  [...Buffer.from(ch, 'utf8')].map((b) => (b < 0x80 ? escape(String.fromCharCode(b)) : `\\x${b.toString(16)}`)).join('');

/** Between a phrase's words, in bytes: ASCII punctuation and space, Latin-1 and general punctuation. */
const BYTE_SEPARATOR = '(?:[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]|\\xc2[\\x80-\\xbf]|\\xe2\\x80[\\x80-\\xbf])+';
/** A prefix's rest, in bytes: ASCII letters and digits, Latin, Greek and Cyrillic letters. */
const BYTE_WORD_REST = '(?:[A-Za-z0-9]|[\\xc3-\\xd4][\\x80-\\xbf]|\\xe1[\\xb8-\\xbb][\\x80-\\xbf])*';

/**
 * Phrases match across punctuation. Word boundaries are checked apart (`isWordAt`, `isWordByte`),
 * not by lookarounds, which made the engine test every position.
 */
export function snippetMatcher(patterns: TermPattern[]): SnippetMatcher | null {
  const usable = patterns.filter((p) => p.words.length > 0 && p.words.every((w) => w.length > 0));
  if (!usable.length) return null;
  const regex = (letter: (c: string) => string, separator: string, rest: string, flags: string): RegExp =>
    new RegExp(
      usable.map((p) => p.words.map((w) => [...w].map(letter).join('')).join(separator) + (p.prefix ? rest : '')).join('|'),
      flags,
    );
  const letterClass = (c: string): string => `[${charsOf(c).map(escape).join('')}]`;
  return {
    plain: regex(letterClass, `[^${WORD}]+`, `[${WORD}]*`, 'gu'),
    marked: regex((c) => `${letterClass(c)}\\p{M}*`, `[^${WORD}]+`, `[${WORD}]*`, 'gu'),
    bytes: regex((c) => `(?:${charsOf(c).map(utf8Pattern).join('|')})`, BYTE_SEPARATOR, BYTE_WORD_REST, 'g'),
  };
}

/** Combining marks of the scripts whose accents are folded: a fast test, unlike \p{M}. */
// eslint-disable-next-line no-misleading-character-class -- ranges of marks on purpose, no mark follows a letter here
const COMBINING = /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;
/**
 * Whether UTF-8 bytes hold one of those marks, with the engine's byte search rather than a
 * regex, which costs far more per byte. (E2 83 also starts a few currency signs: they only send
 * a text the slower, decoded way.)
 */
const MARK_BYTES = [
  [0xcc],
  [0xcd],
  ...[0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89].map((b) => [0xd2, b]),
  [0xe1, 0xaa],
  [0xe1, 0xab],
  [0xe1, 0xb7],
  [0xe2, 0x83],
  [0xef, 0xb8],
].map((b) => Buffer.from(b));
const hasMarkBytes = (buf: Buffer): boolean => MARK_BYTES.some((needle) => buf.indexOf(needle) !== -1);

/**
 * hasMarkBytes per document id. A document's text never changes after import, so the answer
 * holds for as long as the process runs; it saves eleven scans of every document shown (4.5 ms
 * for the bench's 3.5 MB diary, which common words always hit). Bounded: cleared when full.
 */
const markCache = new Map<string, boolean>();
const MARK_CACHE_SIZE = 50_000;

function hasMarks(utf8: Buffer, documentId: string | undefined): boolean {
  if (documentId === undefined) return hasMarkBytes(utf8);
  let has = markCache.get(documentId);
  if (has === undefined) {
    if (markCache.size >= MARK_CACHE_SIZE) markCache.clear();
    has = hasMarkBytes(utf8);
    markCache.set(documentId, has);
  }
  return has;
}

/**
 * Code points in utf8[0, end): its bytes less its continuation bytes (10xxxxxx), counted four
 * bytes at a time. A byte loop took 6 ms to reach a hit 2.8 million characters into the diary.
 */
export function codePointsBeforeByte(utf8: Buffer, end: number): number {
  let continuations = 0;
  let i = 0;
  // Bytes one by one up to a 4-byte boundary of the underlying memory (or to the end).
  const lead = (4 - (utf8.byteOffset & 3)) & 3;
  if (end <= lead) {
    for (; i < end; i++) if (isContinuation(utf8[i]!)) continuations++;
    return end - continuations;
  }
  for (; i < lead; i++) if (isContinuation(utf8[i]!)) continuations++;
  const words = new Uint32Array(utf8.buffer, utf8.byteOffset + i, (end - i) >>> 2);
  for (let w = 0; w < words.length; w++) {
    const x = words[w]!;
    // The top bit of each byte that has its top bit set and the next one clear.
    const m = x & ~(x << 1) & 0x80808080;
    if (m !== 0) continuations += Math.imul((m >>> 7) & 0x01010101, 0x01010101) >>> 24;
  }
  for (i += words.length * 4; i < end; i++) if (isContinuation(utf8[i]!)) continuations++;
  return end - continuations;
}

const isWordAt = (text: string, i: number): boolean => {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  // The low half of a surrogate pair: test the pair.
  const cp = c >= 0xdc00 && c <= 0xdfff && i > 0 ? text.codePointAt(i - 1)! : text.codePointAt(i)!;
  return WORD_CHAR.test(String.fromCodePoint(cp));
};

const isContinuation = (b: number): boolean => (b & 0xc0) === 0x80;

/** Whether the character whose UTF-8 bytes include byte `i` is a word character. */
function isWordByte(buf: Buffer, i: number): boolean {
  if (i < 0 || i >= buf.length) return false;
  const b = buf[i]!;
  if (b < 0x80) return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  let start = i;
  while (start > 0 && isContinuation(buf[start]!)) start--;
  let end = start + 1;
  while (end < buf.length && isContinuation(buf[end]!)) end++;
  return WORD_CHAR.test(buf.toString('utf8', start, end));
}

/** The matches of `re` in `text` that start and end at word boundaries, in order. */
function* wholeWords(
  text: string,
  re: RegExp,
  isWord: (i: number) => boolean = (i) => isWordAt(text, i),
): Generator<{ start: number; end: number }> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (!isWord(m.index - 1) && !isWord(end)) yield { start: m.index, end };
    re.lastIndex = m.index + 1;
  }
}

const BEFORE = 8; // words shown before the first hit
const WIDTH = 24; // words in all, as snippet(…, 24) showed
const TOKEN = new RegExp(`[${WORD}]+`, 'gu');

/** A stretch of a document, decoded, with the hit's place in it. */
interface Window {
  text: string;
  /** UTF-16 index of the hit in `text`, or -1. */
  hit: number;
  /** The window starts after the document's start / ends before its end. */
  cutBefore: boolean;
  cutAfter: boolean;
}

/** WIDTH words of the window around its hit, every hit among them marked. */
function windowParts(w: Window, re: RegExp | null): SnippetPart[] {
  const tokens: { start: number; end: number }[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(w.text); m; m = TOKEN.exec(w.text)) tokens.push({ start: m.index, end: m.index + m[0].length });
  // The first and last tokens may be words cut by the window: never show them.
  const firstWhole = w.cutBefore ? 1 : 0;
  const lastWhole = tokens.length - (w.cutAfter ? 1 : 0);
  const hitToken = w.hit === -1 ? firstWhole : tokens.findIndex((t) => t.start >= w.hit);
  const a = Math.max(firstWhole, hitToken - BEFORE);
  const b = Math.min(lastWhole, a + WIDTH);
  if (b <= a) return [];

  const shown = w.text.slice(tokens[a]!.start, tokens[b - 1]!.end);
  const parts: SnippetPart[] = [];
  if (w.cutBefore || a > 0) parts.push({ text: '…', hit: false });
  let cursor = 0;
  if (re)
    for (const m of wholeWords(shown, re)) {
      if (m.start < cursor) continue;
      if (m.start > cursor) parts.push({ text: shown.slice(cursor, m.start), hit: false });
      parts.push({ text: shown.slice(m.start, m.end), hit: true });
      cursor = m.end;
    }
  if (cursor < shown.length) parts.push({ text: shown.slice(cursor), hit: false });
  if (w.cutAfter || b < tokens.length) parts.push({ text: '…', hit: false });
  return parts;
}

function codePointsBefore(text: string, utf16Index: number): number {
  let n = 0;
  for (let i = 0; i < utf16Index; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // every unit but the low half of a surrogate pair
  }
  return n;
}

/**
 * The snippet around the first hit of the query: a few words before it, up to WIDTH words in
 * all, every hit among them marked. Without a hit (the match was in the title, say), the start.
 */
export function textSnippet(text: string, matcher: SnippetMatcher | null): TextSnippet {
  const re = matcher && (COMBINING.test(text) ? matcher.marked : matcher.plain);
  const hit = re ? (wholeWords(text, re).next().value?.start ?? -1) : -1;
  const from = hit === -1 ? 0 : Math.max(0, hit - 400);
  const to = Math.min(text.length, Math.max(hit, 0) + 1200);
  const parts = windowParts(
    { text: text.slice(from, to), hit: hit === -1 ? -1 : hit - from, cutBefore: from > 0, cutAfter: to < text.length },
    re,
  );
  return hit === -1 ? { parts } : { parts, offset: codePointsBefore(text, hit) };
}

/**
 * textSnippet for a document's UTF-8 bytes, decoding only a window around the hit. Texts with
 * combining marks, and texts where the bytes show no hit, take the decoded way.
 */
export function documentSnippet(utf8: Buffer, matcher: SnippetMatcher | null, documentId?: string): TextSnippet {
  if (!matcher || hasMarks(utf8, documentId)) return textSnippet(utf8.toString('utf8'), matcher);
  const hit = firstByteHit(utf8, matcher.bytes);
  if (hit === -1) return textSnippet(utf8.toString('utf8'), matcher);
  let from = Math.max(0, hit - 600);
  while (from < hit && isContinuation(utf8[from]!)) from++;
  let to = Math.min(utf8.length, hit + 1800);
  while (to < utf8.length && isContinuation(utf8[to]!)) to--;
  const window: Window = {
    text: utf8.toString('utf8', from, to),
    hit: utf8.toString('utf8', from, hit).length,
    cutBefore: from > 0,
    cutAfter: to < utf8.length,
  };
  return { parts: windowParts(window, matcher.plain), offset: codePointsBeforeByte(utf8, hit) };
}

const BYTE_CHUNK = 8192;
const BYTE_OVERLAP = 512; // a phrase across a chunk's end is found in the overlap

/**
 * The byte offset of the first whole-word hit, reading the bytes as Latin-1 a chunk at a time:
 * a common word is found in the first chunk, without converting the rest.
 */
function firstByteHit(utf8: Buffer, re: RegExp): number {
  for (let start = 0; start < utf8.length; start += BYTE_CHUNK) {
    const end = Math.min(utf8.length, start + BYTE_CHUNK + BYTE_OVERLAP);
    const chunk = utf8.toString('latin1', start, end);
    const isWord = (i: number): boolean => isWordByte(utf8, start + i);
    for (const m of wholeWords(chunk, re, isWord)) {
      if (m.start >= BYTE_CHUNK) break; // the next chunk sees it whole
      // A match cut by the chunk's end may be the start of a longer word: the whole word is
      // in the next chunk's reading, so only trust a match that ends inside this reading.
      if (end < utf8.length && m.end >= chunk.length) break;
      return start + m.start;
    }
  }
  return -1;
}
