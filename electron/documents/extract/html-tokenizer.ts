// A forgiving HTML tokenizer, after the WHATWG rules where they matter for getting text out:
// tags, comments, bogus comments (<!DOCTYPE>, <?xml?>), and raw-text elements (script, style,
// title…) whose content is not markup. It never backtracks: every search starts where the last
// one stopped, and a construct left open at the end of the file swallows the rest, as in a
// browser. So hostile input (millions of "<", unclosed quotes, deep nesting) stays linear.

export type HtmlToken =
  | { kind: 'text'; text: string } // entities not yet decoded
  | { kind: 'start'; name: string } // name in lower case
  | { kind: 'end'; name: string }
  | { kind: 'raw'; name: string; text: string }; // content of a raw-text element, end tag consumed

/** Elements whose content is not parsed as markup. */
const RAW_TEXT = new Set(['script', 'style', 'noscript', 'iframe', 'noembed', 'noframes', 'xmp', 'textarea', 'title', 'plaintext']);

const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const GT = 62;
const SLASH = 47;

interface Tag {
  name: string;
  end: number; // index just past the ">"
}

/** Reads a tag whose name starts at `start`; null if the file ends inside it. */
function readTag(src: string, start: number): Tag | null {
  const n = src.length;
  let i = start;
  while (i < n && !isSpace(src.charCodeAt(i)) && src.charCodeAt(i) !== SLASH && src.charCodeAt(i) !== GT) i++;
  const name = src.slice(start, i).toLowerCase();
  // Attributes are skipped, not kept: the text is all we want. Quoted values may hold ">".
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === GT) return { name, end: i + 1 };
    if (isSpace(c) || c === SLASH) {
      i++;
      continue;
    }
    i++; // first character of an attribute name (may be "=", as in browsers)
    while (i < n) {
      const d = src.charCodeAt(i);
      if (isSpace(d) || d === SLASH || d === GT || d === 61) break;
      i++;
    }
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) !== 61 /* = */) continue;
    i++;
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    const q = src.charCodeAt(i);
    if (q === 34 || q === 39) {
      const close = src.indexOf(q === 34 ? '"' : "'", i + 1);
      if (close < 0) return null;
      i = close + 1;
    } else {
      while (i < n && !isSpace(src.charCodeAt(i)) && src.charCodeAt(i) !== GT) i++;
    }
  }
  return null;
}

/** Where a raw-text element ends: the first "</name" (any case) followed by space, "/" or ">". */
function findRawEnd(src: string, from: number, name: string): { textEnd: number; after: number } {
  const n = src.length;
  if (name === 'plaintext') return { textEnd: n, after: n };
  let p = from;
  for (;;) {
    const lt = src.indexOf('</', p);
    if (lt < 0) return { textEnd: n, after: n };
    let k = 0;
    while (k < name.length && (src.charCodeAt(lt + 2 + k) | 0x20) === name.charCodeAt(k)) k++;
    const next = src.charCodeAt(lt + 2 + name.length);
    if (k === name.length && (isSpace(next) || next === SLASH || next === GT)) {
      const tag = readTag(src, lt + 2);
      return { textEnd: lt, after: tag ? tag.end : n };
    }
    p = lt + 2;
  }
}

export function tokenizeHtml(src: string, emit: (token: HtmlToken) => void): void {
  const n = src.length;
  let textStart = 0;
  let pos = 0;
  const flushText = (end: number): void => {
    if (end > textStart) emit({ kind: 'text', text: src.slice(textStart, end) });
  };
  /** Skips to just past the next ">", or to the end: a bogus comment or a DOCTYPE. */
  const skipPast = (from: number, marker: string): void => {
    const at = src.indexOf(marker, from);
    pos = textStart = at < 0 ? n : at + marker.length;
  };

  while (pos < n) {
    const lt = src.indexOf('<', pos);
    if (lt < 0) break;
    const c = src.charCodeAt(lt + 1);
    if (isAlpha(c)) {
      flushText(lt);
      const tag = readTag(src, lt + 1);
      if (!tag) {
        textStart = n; // the file ends inside a tag: a browser drops it too
        break;
      }
      emit({ kind: 'start', name: tag.name });
      pos = textStart = tag.end;
      if (RAW_TEXT.has(tag.name)) {
        const { textEnd, after } = findRawEnd(src, pos, tag.name);
        emit({ kind: 'raw', name: tag.name, text: src.slice(pos, textEnd) });
        pos = textStart = after;
      }
    } else if (c === SLASH) {
      const c2 = src.charCodeAt(lt + 2);
      if (isAlpha(c2)) {
        flushText(lt);
        const tag = readTag(src, lt + 2);
        if (!tag) {
          textStart = n;
          break;
        }
        emit({ kind: 'end', name: tag.name });
        pos = textStart = tag.end;
      } else if (Number.isNaN(c2)) {
        break; // "</" at the very end stays as text
      } else {
        flushText(lt);
        skipPast(lt + 2, '>'); // "</>" or "</3": ignored
      }
    } else if (c === 33 /* ! */) {
      flushText(lt);
      if (src.startsWith('<!--', lt)) {
        // "<!-->" and "<!--->" are (empty) comments too.
        if (src.startsWith('>', lt + 4)) pos = textStart = lt + 5;
        else if (src.startsWith('->', lt + 4)) pos = textStart = lt + 6;
        else skipPast(lt + 4, '-->');
      } else skipPast(lt + 2, '>');
    } else if (c === 63 /* ? */) {
      flushText(lt);
      skipPast(lt + 2, '>');
    } else {
      pos = lt + 1; // a lone "<" is just text
    }
  }
  flushText(n);
}
