// BibTeX name lists: "Last, First", "First Last", "von Last, Jr, First", "and"-separated, and
// {Corporate Name} as a literal. Works on the raw value because braces decide what is one word.
import type { CslName } from './csl.js';
import { latexToUnicode } from './latex.js';

/** Splits at `sep` characters (or " and " when sep is 'and') at brace depth 0. Linear. */
function splitTop(s: string, sep: ',' | 'and' | 'space'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (sep === ',' && c === ',') {
        parts.push(s.slice(start, i));
        start = i + 1;
      } else if (sep === 'space' && /\s/.test(c as string)) {
        parts.push(s.slice(start, i));
        start = i + 1;
      } else if (sep === 'and' && /\s/.test(c as string) && !/\s/.test(s[i - 1] ?? '')) {
        // " and " between names (any whitespace, any case); checked once per whitespace run so long runs stay linear.
        let j = i;
        while (j < s.length && /\s/.test(s[j] as string)) j++;
        if (s.slice(j, j + 3).toLowerCase() === 'and' && /\s/.test(s[j + 3] ?? '')) {
          parts.push(s.slice(start, i));
          start = j + 3;
          i = j + 2;
        }
      }
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** A "von" word starts with a lower-case letter; a word that starts with a brace never is (BibTeX's rule, simplified). */
function isVon(word: string): boolean {
  if (word.startsWith('{')) return false;
  // Decode first, so that "\v{S}tefan" counts as upper case.
  const ch = /\p{L}/u.exec(latexToUnicode(word))?.[0];
  return ch !== undefined && ch === ch.toLowerCase() && ch !== ch.toUpperCase();
}

const text = (words: string[]) => latexToUnicode(words.join(' '));

function parseOne(raw: string): CslName | undefined {
  const s = raw.trim();
  if (!s || s.toLowerCase() === 'others') return undefined;
  // One fully braced group: an organisation, kept whole.
  if (s.startsWith('{') && s.endsWith('}') && splitTop(s, 'space').length === 1 && !s.slice(1, -1).includes('}'))
    return { literal: latexToUnicode(s) };
  const commas = splitTop(s, ',');
  // BibLaTeX's extended form: "family=Berg, given=Jan, prefix=van der".
  if (commas.every((p) => /^(family|given|prefix|suffix)\s*=/i.test(p))) {
    const f: Record<string, string> = {};
    for (const p of commas) {
      const eq = p.indexOf('=');
      f[p.slice(0, eq).trim().toLowerCase()] = latexToUnicode(p.slice(eq + 1));
    }
    return tidy({ family: [f.prefix, f.family].filter(Boolean).join(' '), given: f.given, suffix: f.suffix });
  }
  if (commas.length === 1) {
    const words = splitTop(s, 'space');
    if (words.length === 1) return { literal: text(words) };
    const last = words.length - 1;
    const firstVon = words.findIndex((w, i) => i < last && isVon(w));
    // Particles ("van der") are folded into the family name, as Zotero stores them.
    if (firstVon < 0) return tidy({ family: text(words.slice(last)), given: text(words.slice(0, last)) });
    return tidy({ family: text(words.slice(firstVon)), given: text(words.slice(0, firstVon)) });
  }
  const [family = '', a = '', b] = commas;
  return b === undefined
    ? tidy({ family: latexToUnicode(family), given: latexToUnicode(a) })
    : tidy({ family: latexToUnicode(family), suffix: latexToUnicode(a), given: latexToUnicode(b) });
}

function tidy(n: CslName): CslName {
  const out: CslName = {};
  if (n.family) out.family = n.family;
  if (n.given) out.given = n.given;
  if (n.suffix) out.suffix = n.suffix;
  if (!out.family && out.given) return { literal: out.given };
  return out;
}

/** "Markowitz, Lawrence P. and {World Bank}" -> CSL names. */
export function parseNameList(raw: string): CslName[] {
  return splitTop(raw, 'and')
    .map(parseOne)
    .filter((n): n is CslName => n !== undefined);
}
