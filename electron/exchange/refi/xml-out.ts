// Writing QDA-XML. Every string from the project passes through `text` or `attr`, so a title
// like `<script>` or `&` stays text, and characters XML 1.0 forbids (which would make the whole
// file unreadable for the next tool) are dropped.

// XML 1.0 Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF (so no lone surrogates).
const ILLEGAL_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripIllegalXml(s: string): string {
  return s.replace(ILLEGAL_XML, '');
}

/** Character data. A CR is written as a reference: a parser would turn a literal one into LF. */
export function text(s: string): string {
  return stripIllegalXml(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value; white space as references, since parsers normalise literal tabs and newlines to spaces. */
export function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

export type Attrs = [name: string, value: string | number | undefined][];

/** `<name a="…" …>` or, with no children, `<name … />`; attributes whose value is undefined are left out. */
export function open(name: string, attrs: Attrs, selfClose = false): string {
  const a = attrs
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${attr(String(v))}"`)
    .join('');
  return `<${name}${a}${selfClose ? '/>' : '>'}`;
}

export function leaf(name: string, content: string): string {
  return `<${name}>${text(content)}</${name}>`;
}
