// Character references in HTML text: numeric ones and the named ones people actually meet in
// saved web pages and word-processor exports (Latin-1, typography, Greek, a few symbols). The
// full HTML list has ~2,200 names; an unknown name is left as written rather than guessed.

/** Latin-1 names in code point order, starting at U+00A0. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para ' +
  'middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute ' +
  'Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute ' +
  'THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ' +
  'ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const GREEK_UPPER =
  'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_LOWER =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega';

// prettier-ignore
const OTHERS: Record<string, number> = {
  quot: 0x22, amp: 0x26, apos: 0x27, lt: 0x3c, gt: 0x3e,
  OElig: 0x152, oelig: 0x153, Scaron: 0x160, scaron: 0x161, Yuml: 0x178, fnof: 0x192, circ: 0x2c6, tilde: 0x2dc,
  ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c, zwj: 0x200d, lrm: 0x200e, rlm: 0x200f,
  ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d, bdquo: 0x201e,
  dagger: 0x2020, Dagger: 0x2021, bull: 0x2022, hellip: 0x2026, permil: 0x2030, prime: 0x2032, Prime: 0x2033,
  lsaquo: 0x2039, rsaquo: 0x203a, oline: 0x203e, euro: 0x20ac, trade: 0x2122, larr: 0x2190, uarr: 0x2191, rarr: 0x2192,
  darr: 0x2193, harr: 0x2194, minus: 0x2212, le: 0x2264, ge: 0x2265, ne: 0x2260, asymp: 0x2248, infin: 0x221e,
  thetasym: 0x3d1, upsih: 0x3d2, piv: 0x3d6, NewLine: 0x0a, Tab: 0x09,
};

const NAMED = new Map<string, string>();
LATIN1.split(' ').forEach((name, i) => NAMED.set(name, String.fromCharCode(0xa0 + i)));
GREEK_UPPER.split(' ').forEach((name, i) => name !== '_' && NAMED.set(name, String.fromCharCode(0x391 + i)));
GREEK_LOWER.split(' ').forEach((name, i) => NAMED.set(name, String.fromCharCode(0x3b1 + i)));
for (const [name, cp] of Object.entries(OTHERS)) NAMED.set(name, String.fromCodePoint(cp));

/** Names browsers still accept without the ";" (old pages write "&amp" and "&nbsp" bare). */
const BARE_OK = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

/** What browsers show for &#128;–&#159;: the Windows-1252 characters old pages meant. */
const C1_AS_1252 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

function fromCodePoint(cp: number): string {
  if (cp >= 0x80 && cp <= 0x9f) return C1_AS_1252[cp - 0x80] ?? '\ufffd';
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(cp);
}

/** Decodes character references in one run of text. Linear: every character is looked at once. */
export function decodeHtmlEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  const out: string[] = [];
  let last = 0;
  while (amp >= 0) {
    let i = amp + 1;
    let decoded: string | undefined;
    if (s.charCodeAt(i) === 35 /* # */) {
      i++;
      const hex = s.charCodeAt(i) === 120 || s.charCodeAt(i) === 88; // x or X
      if (hex) i++;
      const digitsStart = i;
      let cp = 0;
      while (i < s.length && (hex ? isHex(s.charCodeAt(i)) : isDigit(s.charCodeAt(i)))) {
        // Capped so a thousand digits cannot overflow into a valid-looking number.
        cp = Math.min(cp * (hex ? 16 : 10) + parseInt(s[i] as string, 16), 0x110000);
        i++;
      }
      if (i > digitsStart) {
        decoded = fromCodePoint(cp);
        if (s.charCodeAt(i) === 59 /* ; */) i++;
      }
    } else {
      // Names are short; looking at most 32 characters ahead keeps this linear.
      while (i < s.length && i - amp <= 32 && isAlnum(s.charCodeAt(i))) i++;
      const name = s.slice(amp + 1, i);
      if (s.charCodeAt(i) === 59 && NAMED.has(name)) {
        decoded = NAMED.get(name);
        i++;
      } else if (BARE_OK.has(name)) {
        decoded = NAMED.get(name);
      }
    }
    if (decoded !== undefined) {
      out.push(s.slice(last, amp), decoded);
      last = i;
    }
    amp = s.indexOf('&', Math.max(i, amp + 1));
  }
  out.push(s.slice(last));
  return out.join('');
}
