// Splits a .bib file into raw entries: type, key and field values with macros expanded but LaTeX
// untouched. A hand-written scanner: every character is visited a bounded number of times.
// A malformed entry is abandoned at the next line that starts a new entry ("@type{"), so one bad
// brace costs one entry, not the rest of the file.

export interface RawEntry {
  type: string;
  key: string;
  fields: Map<string, string>;
  line: number;
}

// Month macros as numbers: CSL dates want numbers, and BibTeX styles print either.
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Expanded @string text in total: a chain of doubling macros must not eat memory. */
const MACRO_BUDGET = 2_000_000;
/** One raw value; the parser truncates text further to MAX_FIELD_CHARS. */
const MAX_RAW = 1_200_000;

class Malformed extends Error {}

export function scanBibtex(text: string): { entries: RawEntry[]; warnings: string[] } {
  const s = text;
  const n = s.length;
  const entries: RawEntry[] = [];
  const warnings: string[] = [];
  const macros = new Map<string, string>(MONTHS.map((m, i) => [m, String(i + 1)]));
  let macroChars = 0;
  let pos = 0;

  // Line numbers: positions of newlines, found once, searched by bisection.
  const newlines: number[] = [];
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) newlines.push(i);
  const lineOf = (p: number) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] as number) < p) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };

  // Where the next entry starts: "@" at the start of a line (after blanks), followed by a name and a delimiter.
  const entryStart = /\n[ \t]*@[A-Za-z]+[ \t]*[{(]/g;
  // Cached: stray "@"s between entries would otherwise rescan the same stretch again and again.
  let cachedFrom = n + 1;
  let cached = n;
  const nextEntryAfter = (p: number) => {
    if (p >= cachedFrom && p < cached) return cached;
    entryStart.lastIndex = p;
    const m = entryStart.exec(s);
    cachedFrom = p;
    cached = m ? m.index + 1 : n;
    return cached;
  };
  let limit = n; // the current entry may not read past the next entry's start

  const skipWs = () => {
    for (;;) {
      while (pos < limit && /\s/.test(s[pos] as string)) pos++;
      // "%" comments are not BibTeX, but many tools (and people) write them between fields.
      if (s[pos] === '%') {
        while (pos < limit && s[pos] !== '\n') pos++;
      } else return;
    }
  };
  const ident = () => {
    const start = pos;
    while (pos < limit && /[^\s"#%'(),={}]/.test(s[pos] as string)) pos++;
    return s.slice(start, pos);
  };
  const bad = (msg: string): never => {
    throw new Malformed(msg);
  };

  /** A braced value; returns the inside. Nesting is counted, never recursed. */
  const braced = () => {
    const start = ++pos;
    let depth = 1;
    while (pos < limit) {
      const c = s[pos];
      if (c === '\\') pos++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return s.slice(start, pos++);
      pos++;
    }
    return bad('unterminated braces');
  };
  const quoted = () => {
    const start = ++pos;
    let depth = 0;
    while (pos < limit) {
      const c = s[pos];
      if (c === '\\') pos++;
      else if (c === '{') depth++;
      else if (c === '}') depth = Math.max(0, depth - 1);
      else if (c === '"' && depth === 0) return s.slice(start, pos++);
      pos++;
    }
    return bad('unterminated quotes');
  };

  /** value ("#" value)*, with macros expanded. */
  const value = (): string => {
    const parts: string[] = [];
    let len = 0;
    for (;;) {
      skipWs();
      const c = s[pos];
      let part: string;
      if (c === '{') part = braced();
      else if (c === '"') part = quoted();
      else {
        const name = ident();
        if (!name) bad(`expected a value, found ${c === undefined || pos >= limit ? 'the end of the entry' : `"${c}"`}`);
        if (/^\d+$/.test(name)) part = name;
        else {
          const m = macros.get(name.toLowerCase());
          if (m === undefined) warnings.push(`Line ${lineOf(pos)}: unknown @string macro "${name}" left empty.`);
          part = m ?? '';
        }
      }
      if (len + part.length > MAX_RAW) part = part.slice(0, Math.max(0, MAX_RAW - len));
      parts.push(part);
      len += part.length;
      skipWs();
      if (s[pos] !== '#') return parts.join('');
      pos++;
    }
  };

  /** Skips a balanced {...} or (...) body of @comment/@preamble; unbalanced ones end at the next entry. */
  const skipBody = (open: string) => {
    const close = open === '{' ? '}' : ')';
    let depth = 0;
    while (pos < limit) {
      const c = s[pos++];
      if (c === open) depth++;
      else if (c === close && --depth === 0) return;
    }
  };

  while (pos < n) {
    const at = s.indexOf('@', pos);
    if (at < 0) break;
    pos = at + 1;
    limit = nextEntryAfter(pos);
    const line = lineOf(at);
    try {
      skipWs();
      const type = ident().toLowerCase();
      skipWs();
      const open = s[pos];
      if (!type || (open !== '{' && open !== '(')) {
        // Text outside entries is a comment in BibTeX; a stray "@" (an e-mail address) is fine.
        pos = at + 1;
        continue;
      }
      if (type === 'comment' || type === 'preamble') {
        skipBody(open);
        continue;
      }
      const close = open === '{' ? '}' : ')';
      pos++;
      if (type === 'string') {
        skipWs();
        const name = ident().toLowerCase();
        skipWs();
        if (!name || s[pos] !== '=') bad('@string without "name = value"');
        pos++;
        let v = value();
        if (macroChars + v.length > MACRO_BUDGET) {
          warnings.push(
            `Line ${line}: @string "${name}" ignored: macros expand to more than ${MACRO_BUDGET.toLocaleString('en')} characters.`,
          );
          v = '';
        }
        macroChars += v.length;
        macros.set(name, v);
        skipWs();
        if (s[pos] !== close) bad(`@string not closed with "${close}"`);
        pos++;
        continue;
      }
      skipWs();
      const key = ident();
      skipWs();
      const fields = new Map<string, string>();
      if (s[pos] === ',') pos++;
      else if (s[pos] !== close) bad(key ? `missing comma after the key "${key}"` : 'missing citation key');
      for (;;) {
        skipWs();
        if (s[pos] === close) {
          pos++;
          break;
        }
        const field = ident().toLowerCase();
        if (!field) bad(pos >= limit ? `entry not closed with "${close}"` : `unexpected "${s[pos]}"`);
        skipWs();
        if (s[pos] !== '=') bad(`missing "=" after field "${field}"`);
        pos++;
        const v = value();
        if (!fields.has(field)) fields.set(field, v);
        skipWs();
        if (s[pos] === ',') pos++;
        else if (s[pos] !== close) bad(`missing comma after field "${field}"`);
      }
      if (!key) bad('missing citation key');
      entries.push({ type, key, fields, line });
    } catch (e) {
      if (!(e instanceof Malformed)) throw e;
      warnings.push(`Line ${line}: skipped a malformed entry (${e.message}).`);
      pos = limit;
    }
  }
  return { entries, warnings };
}
