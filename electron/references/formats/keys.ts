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

function stem(item: CslItem): string {
  const name = item.author?.[0] ?? item.editor?.[0];
  const who = name ? asciiFold(name.family ?? name.literal?.split(/\s+/)[0] ?? '') : '';
  if (who) return who.slice(0, 30);
  const word = (item.title ?? '')
    .split(/\s+/)
    .map(asciiFold)
    .find((w) => w && !STOP.has(w));
  return (word ?? 'ref').slice(0, 30);
}

/** A key unique against `taken` (not added to it: the caller decides whether the key is used). */
export function citationKey(item: CslItem, taken: Set<string>): string {
  const base = stem(item) + (issuedYear(item) ?? '');
  if (!taken.has(base)) return base;
  // a..z, then aa..zz: enough for any real collision, bounded for a hostile `taken`.
  for (let n = 0; n < 26 + 26 * 26; n++) {
    const suffix =
      n < 26 ? String.fromCharCode(97 + n) : String.fromCharCode(97 + Math.floor(n / 26) - 1) + String.fromCharCode(97 + (n % 26));
    if (!taken.has(base + suffix)) return base + suffix;
  }
  let i = 1;
  while (taken.has(`${base}_${i}`)) i++;
  return `${base}_${i}`;
}
