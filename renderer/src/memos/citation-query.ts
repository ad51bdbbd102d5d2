// The citation type-ahead's text logic, kept apart from React so it can be tested alone: where
// a citation key is being typed, which citables match it, and how the chosen key goes in.
import type { Citable } from '../../../electron/api/contract';

/** A key being typed: the '@' sits at `at`, the typed part of the key runs to the caret. */
export interface CiteQuery {
  at: number;
  prefix: string;
}

// Pandoc's key characters: letters, digits, _ and internal punctuation.
const KEY_CHAR = /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u;
const KEY_TAIL = /[\p{L}\p{N}_:.#$%&\-+?<>~/]*$/u;

/**
 * A key counts as being typed only inside an open bracket on the caret's line, straight after
 * the bracket, a "-" (suppress author), a space or "; ": so an e-mail address in running text
 * never opens the list.
 */
export function citeQueryAt(text: string, caret: number): CiteQuery | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const before = text.slice(lineStart, caret);
  const prefix = KEY_TAIL.exec(before)?.[0] ?? '';
  const atIndex = before.length - prefix.length - 1;
  if (atIndex < 0 || before[atIndex] !== '@') return null;
  const lead = before[atIndex - 1];
  if (lead !== '[' && lead !== '-' && lead !== ' ' && lead !== ';') return null;
  const open = before.lastIndexOf('[', atIndex);
  if (open < 0 || before.indexOf(']', open) !== -1) return null;
  return { at: lineStart + atIndex, prefix };
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase();

/** Keys that start with what was typed first, then keys, titles and details that contain it. */
export function matchCitables(citables: Citable[], prefix: string, limit = 8): Citable[] {
  const q = fold(prefix);
  const rank = (c: Citable): number => {
    const key = fold(c.key);
    if (key.startsWith(q)) return 0;
    if (key.includes(q)) return 1;
    if (fold(c.label).includes(q) || fold(c.detail).includes(q)) return 2;
    return -1;
  };
  return citables
    .map((c) => ({ c, r: rank(c) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r)
    .slice(0, limit)
    .map((x) => x.c);
}

/** Puts the key in place of what was typed (and the rest of a key the caret sat inside). */
export function insertKey(text: string, query: CiteQuery, caret: number, key: string): { text: string; caret: number } {
  let end = caret;
  while (end < text.length && KEY_CHAR.test(text[end]!)) end++;
  const next = text.slice(0, query.at + 1) + key + text.slice(end);
  return { text: next, caret: query.at + 1 + key.length };
}
