// The one normalisation applied to every imported text, before it is stored. After this the
// text never changes, because excerpt offsets point into it.

// C0 controls other than tab, newline and form feed, DEL and C1 controls: never prose, and
// some (U+0001, U+0002) mark search hits in snippets.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

export function normalizeImportedText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(CONTROL, '').normalize('NFC');
}

const SPACE = 1;
const LETTER_OR_DIGIT = 2;
let classes: Uint8Array | undefined;

/**
 * What each UTF-16 code unit is to countWords: white space (as `\s`), a letter or digit (as
 * `[\p{L}\p{N}]`), or neither. Built once, from the same regular expressions, so that the
 * count stays what they define; a lone surrogate is neither.
 */
function codeUnitClasses(): Uint8Array {
  if (classes) return classes;
  classes = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (/\s/.test(ch)) classes[c] = SPACE;
    else if (/[\p{L}\p{N}]/u.test(ch)) classes[c] = LETTER_OR_DIGIT;
  }
  return classes;
}

/**
 * Words: runs between white space that hold at least one letter or digit. One pass over the
 * code units with a lookup table: splitting a 500,000-word text into strings and testing each
 * with a regular expression was an eighth of an import's time (issue 7).
 */
export function countWords(text: string): number {
  const cls = codeUnitClasses();
  let n = 0;
  let counted = false; // the current run already has its letter or digit
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = cls[c]!;
    if (k === SPACE) {
      counted = false;
      continue;
    }
    if (counted) continue;
    // A character beyond the BMP is a surrogate pair, tested whole.
    const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (k === LETTER_OR_DIGIT || (pair && /[\p{L}\p{N}]/u.test(text.slice(i, i + 2)))) {
      n++;
      counted = true;
    }
  }
  return n;
}

/** Length in Unicode code points, the unit of excerpt offsets. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}
