// Citation keys in the Zotero/Better BibTeX style: "markowitz2013", then "markowitz2013a" on collision.
import { issuedYear, type CslItem } from './csl.js';

// Letters NFKD does not decompose into ASCII.
const FOLD: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
const STOP = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'and', 'der', 'die', 'das', 'le', 'la', 'les', 'el']);

/** Lower-case ASCII letters and digits only: keys must be safe in LaTeX, file names and URLs. */
export function asciiFold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßøæœłđðþıħ]/g, (c) => FOLD[c] ?? '')
    .replace(/[^a-z0-9]/g, '');
}

/** A key's stem: the first author's or editor's family name, else the title's first real word. */
export function keyStem(item: CslItem): string {
  const name = item.author?.[0] ?? item.editor?.[0];
  const who = name ? asciiFold(name.family ?? name.literal?.split(/\s+/)[0] ?? '') : '';
  if (who) return who.slice(0, 30);
  const word = (item.title ?? '')
    .split(/\s+/)
    .map(asciiFold)
    .find((w) => w && !STOP.has(w));
  return (word ?? 'ref').slice(0, 30);
}

/** The n-th candidate key for a base: the base itself, then a..z, aa..zz, then _1, _2, … */
function candidate(base: string, n: number): string {
  if (n === 0) return base;
  const k = n - 1;
  // a..z, then aa..zz: enough for any real collision; then numbers, for a hostile file.
  if (k < 26) return base + String.fromCharCode(97 + k);
  if (k < 26 + 26 * 26) return base + String.fromCharCode(97 + Math.floor(k / 26) - 1) + String.fromCharCode(97 + (k % 26));
  return `${base}_${k - (26 + 26 * 26) + 1}`;
}

/** A key unique against `taken` (not added to it: the caller decides whether the key is used). */
export function citationKey(item: CslItem, taken: ReadonlySet<string>): string {
  const base = keyBase(item);
  let n = 0;
  while (taken.has(candidate(base, n))) n++;
  return candidate(base, n);
}

const keyBase = (item: CslItem): string => keyStem(item) + (issuedYear(item) ?? '');

/**
 * Citation keys for many items at once (an import): the same keys citationKey would give one by
 * one, in linear time. Keys are only ever added to `taken`, so for each base every candidate
 * below the first free one stays taken: the next probe starts there, not at the base again
 * (10,000 references of one author and year would otherwise probe 50 million keys).
 */
export class CitationKeys {
  private readonly firstFree = new Map<string, number>();

  constructor(readonly taken: Set<string> = new Set()) {}

  /** A key unique against the keys taken so far (not taken by this call). */
  next(item: CslItem): string {
    const base = keyBase(item);
    let n = this.firstFree.get(base) ?? 0;
    while (this.taken.has(candidate(base, n))) n++;
    this.firstFree.set(base, n);
    return candidate(base, n);
  }

  take(key: string): void {
    this.taken.add(key);
  }

  has(key: string): boolean {
    return this.taken.has(key);
  }
}
