// The one normalisation applied to every imported text, before it is stored. After this the
// text never changes, because excerpt offsets point into it.

// C0 controls other than tab, newline and form feed, DEL and C1 controls: never prose, and
// some (U+0001, U+0002) mark search hits in snippets.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

export function normalizeImportedText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(CONTROL, '').normalize('NFC');
}

/** Words: runs between white space that hold at least one letter or digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) n++;
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
