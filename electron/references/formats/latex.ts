// LaTeX as it appears in BibTeX fields -> plain Unicode. One left-to-right pass, no recursion and no
// backtracking regexes, so a 1 MB field or 100,000 nested braces cost linear time.

// Accent commands -> combining marks; NFC at the end composes "o" + U+0308 into "ö".
const ACCENTS: Record<string, string> = {
  '`': '\u0300',
  "'": '\u0301',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  u: '\u0306',
  '.': '\u0307',
  '"': '\u0308',
  r: '\u030A',
  H: '\u030B',
  v: '\u030C',
  d: '\u0323',
  c: '\u0327',
  k: '\u0328',
  b: '\u0331',
  t: '\u0361',
};

// Control words that stand for a character.
const SYMBOLS: Record<string, string> = {
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  o: 'ø',
  O: 'Ø',
  ss: 'ß',
  SS: 'SS',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  dj: 'đ',
  DJ: 'Đ',
  textendash: '–',
  textemdash: '—',
  ldots: '…',
  dots: '…',
  textellipsis: '…',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  guillemotleft: '«',
  guillemotright: '»',
  textbackslash: '\\',
  textbraceleft: '{',
  textbraceright: '}',
  textasciitilde: '~',
  textasciicircum: '^',
  textunderscore: '_',
  textbar: '|',
  textless: '<',
  textgreater: '>',
  S: '§',
  P: '¶',
  copyright: '©',
  textregistered: '®',
  texttrademark: '™',
  pounds: '£',
  euro: '€',
  textdegree: '°',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  relax: '',
  par: ' ',
  newline: ' ',
  noopsort: '',
};

// Control symbols: a backslash and one non-letter.
const ESCAPED: Record<string, string> = {
  '&': '&',
  '%': '%',
  $: '$',
  '#': '#',
  _: '_',
  '{': '{',
  '}': '}',
  ' ': ' ',
  ',': ' ',
  ';': ' ',
  '!': '',
  '-': '',
  '/': '',
  '@': '',
};

const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** Reads the argument of an accent: "o", "{o}", "{\i}", " o". Bounded look-ahead. */
function accentArg(s: string, i: number): { ch: string; next: number } {
  let j = i;
  while (s[j] === ' ') j++;
  if (s[j] === '{') {
    // Only short groups ("{o}", "{\i}") are accent arguments; anything longer is left for the main loop.
    const close = s.indexOf('}', j);
    if (close > j && close - j <= 4) {
      const inner = s.slice(j + 1, close).trim();
      const ch = inner === '\\i' ? 'i' : inner === '\\j' ? 'j' : inner;
      return { ch, next: close + 1 };
    }
    return { ch: '', next: j };
  }
  if (s[j] === '\\' && (s[j + 1] === 'i' || s[j + 1] === 'j') && !isLetter(s[j + 2])) return { ch: s[j + 1] as string, next: j + 2 };
  if (s[j] !== undefined && s[j] !== '}' && s[j] !== '\\') return { ch: s[j] as string, next: j + 1 };
  return { ch: '', next: j };
}

/** Converts a raw field value (outer delimiters already removed) to Unicode text. Protective braces go. */
export function latexToUnicode(s: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '{' || c === '}') {
      i++;
    } else if (c === '\\') {
      const n = s[i + 1];
      if (n === undefined) {
        i++;
      } else if (n === '\\') {
        out.push(' '); // a line break
        i += 2;
      } else if (ACCENTS[n] && (!isLetter(n) || !isLetter(s[i + 2]))) {
        const { ch, next } = accentArg(s, i + 2);
        out.push(ch ? ch + (ACCENTS[n] as string) : '');
        i = next;
      } else if (isLetter(n)) {
        let j = i + 1;
        while (isLetter(s[j])) j++;
        const word = s.slice(i + 1, j);
        while (s[j] === ' ') j++; // TeX swallows spaces after a control word
        if (s[j] === '{' && s[j + 1] === '}') j += 2; // "\ss{}"
        // Unknown commands (\emph, \textit, \url, ...) vanish and leave their argument as text.
        out.push(SYMBOLS[word] ?? '');
        i = j;
      } else {
        out.push(ESCAPED[n] ?? n);
        i += 2;
      }
    } else if (c === '-' && s[i + 1] === '-') {
      if (s[i + 2] === '-') {
        out.push('—');
        i += 3;
      } else {
        out.push('–');
        i += 2;
      }
    } else if (c === '~') {
      out.push('\u00a0');
      i++;
    } else if (c === '`' && s[i + 1] === '`') {
      out.push('“');
      i += 2;
    } else if (c === "'" && s[i + 1] === "'") {
      out.push('”');
      i += 2;
    } else if (c === '$') {
      i++; // math shift: the formula stays as its source text
    } else {
      // Copy a run of ordinary characters at once.
      let j = i + 1;
      while (j < s.length && !"{}\\-~`'$".includes(s[j] as string)) j++;
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out.join('').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Escapes Unicode text for a braced BibTeX value so latexToUnicode gives it back unchanged. */
export function unicodeToLatex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const n = s[i + 1];
    if (c === '\\') out += '\\textbackslash{}';
    // BibTeX counts every brace, escaped or not, so literal braces are written as words to keep values balanced.
    else if (c === '{') out += '\\textbraceleft{}';
    else if (c === '}') out += '\\textbraceright{}';
    else if (c === '%' || c === '&' || c === '$' || c === '#' || c === '_') out += `\\${c}`;
    else if (c === '~') out += '\\textasciitilde{}';
    else if (c === '^') out += '\\textasciicircum{}';
    else if (c === '\u00a0') out += '~';
    else if ((c === '-' && n === '-') || (c === '`' && n === '`') || (c === "'" && n === "'"))
      out += `${c}{}`; // keep ligatures from forming
    else out += c;
  }
  return out;
}
