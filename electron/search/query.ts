// The search box's language, turned into an FTS5 MATCH expression that cannot inject FTS5
// syntax: words, "phrases", prefix*, AND / OR / NOT (upper case), parentheses. Words and
// phrases that name a unit of analysis are expanded with the unit's name and aliases, so
// Khatlon also finds Hatlon.
import { AppError } from '../core/errors.js';
import { foldText } from './fold-offset.js';
import type { TermPattern } from './text-snippet.js';

export type Token =
  | { type: 'term'; text: string; prefix: boolean; phrase: boolean }
  | { type: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { type: 'paren'; open: boolean };

export function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = q.indexOf('"', i + 1);
      const text = q.slice(i + 1, end === -1 ? q.length : end);
      i = end === -1 ? q.length : end + 1;
      const prefix = q[i] === '*';
      if (prefix) i++;
      if (text.trim()) tokens.push({ type: 'term', text: text.trim(), prefix, phrase: true });
    } else if (c === '(' || c === ')') {
      tokens.push({ type: 'paren', open: c === '(' });
      i++;
    } else {
      let j = i;
      while (j < q.length && !/[\s"()]/.test(q[j]!)) j++;
      const word = q.slice(i, j);
      i = j;
      if (word === 'AND' || word === 'OR' || word === 'NOT') tokens.push({ type: 'op', op: word });
      else {
        const prefix = word.endsWith('*');
        const text = word.replace(/\*+$/, '');
        // Punctuation alone is no term (the tokenizer would drop it anyway).
        if (/[\p{L}\p{N}]/u.test(text)) tokens.push({ type: 'term', text, prefix, phrase: false });
      }
    }
  }
  return tokens;
}

/** Case- and diacritic-insensitive key, the way FTS5's unicode61 remove_diacritics 2 sees text. */
export function foldKey(s: string): string {
  return foldText(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

export interface CompiledQuery {
  match: string;
  terms: string[];
  expandedWith: string[];
  /** The positive terms folded into words, to find and mark hits in a text (text-snippet.ts). */
  patterns: TermPattern[];
}

/**
 * `aliases` maps a folded name or alias to every spelling of the same unit.
 */
export function compileQuery(q: string, aliases: Map<string, string[]> = new Map()): CompiledQuery {
  const tokens = tokenize(q);
  const parts: string[] = [];
  const terms: string[] = [];
  const expandedWith: string[] = [];
  const patterns: TermPattern[] = [];
  const pattern = (text: string, prefix: boolean): void => {
    const words = foldKey(text).split(' ').filter(Boolean);
    if (words.length) patterns.push({ words, prefix });
  };
  let depth = 0;
  let expectTerm = true; // at the start, after an operator or an opening parenthesis
  let negated = false;
  for (const t of tokens) {
    if (t.type === 'op') {
      if (expectTerm) throw new AppError('invalid', `Search: ${t.op} needs a word or phrase before it.`);
      parts.push(t.op);
      expectTerm = true;
      negated = t.op === 'NOT';
      continue;
    }
    if (t.type === 'paren') {
      if (t.open) {
        if (!expectTerm) parts.push('AND');
        parts.push('(');
        depth++;
        expectTerm = true;
      } else {
        if (depth === 0 || expectTerm) throw new AppError('invalid', 'Search: the parentheses do not match.');
        parts.push(')');
        depth--;
      }
      continue;
    }
    if (!expectTerm) {
      parts.push('AND');
      negated = false;
    }
    const base = quote(t.text) + (t.prefix ? '*' : '');
    const spellings = t.prefix ? undefined : aliases.get(foldKey(t.text));
    if (!negated) {
      terms.push(t.text);
      pattern(t.text, t.prefix);
    }
    if (spellings && spellings.length > 1) {
      const others = spellings.filter((s) => foldKey(s) !== foldKey(t.text));
      if (!negated) {
        terms.push(...others);
        for (const o of others) pattern(o, false);
        expandedWith.push(...others.filter((s) => !expandedWith.includes(s)));
      }
      parts.push(`(${[base, ...others.map(quote)].join(' OR ')})`);
    } else parts.push(base);
    expectTerm = false;
  }
  if (expectTerm && parts.length > 0) throw new AppError('invalid', 'Search: the query ends with an operator.');
  if (depth !== 0) throw new AppError('invalid', 'Search: the parentheses do not match.');
  return { match: parts.join(' '), terms, expandedWith, patterns };
}
