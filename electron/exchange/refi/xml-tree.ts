// QDA-XML from another tool, as a small element tree. The scanner is the one the DOCX reader
// uses: it knows no DTD, so it cannot expand entities (no "billion laughs") nor fetch external
// ones (no XXE); a DOCTYPE is refused before scanning, with a message that says why.
import { AppError } from '../../core/errors.js';
import { hasDoctype, parseAttrs, scanXml, XmlDamaged } from '../../documents/extract/xml-scan.js';

export interface XmlElement {
  /** Local name: a namespace prefix, if any, is dropped. */
  name: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  text: string;
}

const MAX_DEPTH = 256;

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** UTF-8 (the standard's encoding), with a byte-order mark if any; UTF-16 when its mark says so. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

export function parseXmlTree(xml: string, label: string): XmlElement {
  if (hasDoctype(xml))
    throw new AppError('invalid', `${label} declares a DOCTYPE or entities. REFI-QDA files never do, and Field Coder refuses them.`);
  const root: XmlElement = { name: '#document', attrs: new Map(), children: [], text: '' };
  const stack: XmlElement[] = [root];
  const texts: string[][] = [[]];
  try {
    scanXml(xml, {
      open(name, attrs) {
        if (stack.length > MAX_DEPTH) throw new AppError('invalid', `${label} nests elements more than ${MAX_DEPTH} deep; refused.`);
        const attributes = new Map<string, string>();
        for (const [k, v] of parseAttrs(attrs)) attributes.set(local(k), v);
        const el: XmlElement = { name: local(name), attrs: attributes, children: [], text: '' };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
        texts.push([]);
      },
      close() {
        const el = stack.pop()!;
        el.text = texts.pop()!.join('');
      },
      text(t) {
        texts[texts.length - 1]!.push(t);
      },
    });
  } catch (e) {
    if (e instanceof XmlDamaged) throw new AppError('invalid', `${label} is not well-formed XML (${e.message.replace(/^xml: /, '')}).`);
    throw e;
  }
  const top = root.children[0];
  if (!top || root.children.length > 1) throw new AppError('invalid', `${label} does not hold one XML document.`);
  return top;
}

export const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
