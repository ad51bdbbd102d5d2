// A minimal, strict, linear XML scanner for the parts of an Office file: elements, attributes
// as a raw string, text, CDATA, comments and processing instructions. DOCTYPE (and so any
// entity declaration) is refused outright: Office never writes one, and it is how "billion
// laughs" and external-entity attacks get in. Only the five predefined entities and numeric
// references are decoded. Element nesting is checked, so a cut-off part reads as damaged.
//
// Hand-written rather than fast-xml-parser: Word's XML is a flat stream of tiny elements, and
// walking it once with callbacks is several times faster than building a preserveOrder tree.

export class XmlDamaged extends Error {
  constructor(reason: string) {
    super(`xml: ${reason}`);
    this.name = 'XmlDamaged';
  }
}

export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data, entities already decoded. */
  text(text: string): void;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Office XML must not carry a DOCTYPE or entity declarations; checked before parsing. */
export function hasDoctype(xml: string): boolean {
  return xml.includes('<!DOCTYPE') || xml.includes('<!ENTITY');
}

export function scanXml(xml: string, handler: XmlHandler): void {
  const n = xml.length;
  const stack: string[] = [];
  let pos = 0;
  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      if (stack.length > 0) handler.text(decodeXmlEntities(xml.slice(pos)));
      break;
    }
    if (lt > pos && stack.length > 0) handler.text(decodeXmlEntities(xml.slice(pos, lt)));
    const c = xml.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0) throw new XmlDamaged('unclosed end tag');
      const name = xml.slice(lt + 2, gt).trimEnd();
      if (stack.pop() !== name) throw new XmlDamaged('mismatched end tag');
      handler.close(name);
      pos = gt + 1;
    } else if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw new XmlDamaged('unclosed comment');
        pos = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlDamaged('unclosed CDATA');
        if (stack.length > 0) handler.text(xml.slice(lt + 9, end));
        pos = end + 3;
      } else {
        throw new XmlDamaged('DOCTYPE or declaration'); // refused, in any spelling
      }
    } else if (c === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlDamaged('unclosed processing instruction');
      pos = end + 2;
    } else {
      let i = lt + 1;
      while (i < n && !isSpace(xml.charCodeAt(i)) && xml.charCodeAt(i) !== 62 && xml.charCodeAt(i) !== 47) i++;
      const name = xml.slice(lt + 1, i);
      if (name.length === 0) throw new XmlDamaged('bad tag');
      // Find the ">" that ends the tag, stepping over quoted attribute values.
      const attrStart = i;
      for (;;) {
        if (i >= n) throw new XmlDamaged('unclosed tag');
        const d = xml.charCodeAt(i);
        if (d === 62) break;
        if (d === 34 || d === 39) {
          const close = xml.indexOf(d === 34 ? '"' : "'", i + 1);
          if (close < 0) throw new XmlDamaged('unclosed attribute');
          i = close + 1;
        } else i++;
      }
      const selfClosing = xml.charCodeAt(i - 1) === 47;
      handler.open(name, xml.slice(attrStart, selfClosing ? i - 1 : i), selfClosing);
      if (selfClosing) handler.close(name);
      else stack.push(name);
      pos = i + 1;
    }
  }
  if (stack.length > 0) throw new XmlDamaged('unclosed element');
}

/** The attributes in an `attrs` string as given to `open`, values decoded. */
export function parseAttrs(attrs: string): Map<string, string> {
  const out = new Map<string, string>();
  const n = attrs.length;
  let i = 0;
  for (;;) {
    while (i < n && isSpace(attrs.charCodeAt(i))) i++;
    if (i >= n) return out;
    const nameStart = i;
    while (i < n && !isSpace(attrs.charCodeAt(i)) && attrs.charCodeAt(i) !== 61) i++;
    const name = attrs.slice(nameStart, i);
    while (i < n && isSpace(attrs.charCodeAt(i))) i++;
    if (attrs.charCodeAt(i) !== 61) return out; // not well-formed: keep what was read
    i++;
    while (i < n && isSpace(attrs.charCodeAt(i))) i++;
    const q = attrs[i];
    if (q !== '"' && q !== "'") return out;
    const end = attrs.indexOf(q, i + 1);
    if (end < 0) return out;
    if (!out.has(name)) out.set(name, decodeXmlEntities(attrs.slice(i + 1, end)));
    i = end + 1;
  }
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,9}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  });
}
