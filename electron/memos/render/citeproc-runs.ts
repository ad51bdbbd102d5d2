// citeproc-js formats in its "html" mode so that italics, small caps and superscripts survive
// (Chicago italicises titles); this turns that small, known markup into Runs. Anything citeproc
// took from a reference field arrives entity-escaped, so a hostile title decodes to plain text
// here and is escaped again by each writer for its own format.
import { decodeHtmlEntities } from '../../documents/extract/html-entities.js';
import type { Run } from './model.js';

type Format = Omit<Run, 'text'>;

/** What a citeproc tag switches on or off. Unknown tags (div, a, …) change nothing. */
function formatOf(tag: string, attrs: string): Partial<Format> | null {
  switch (tag) {
    case 'i':
    case 'em':
      return { italic: true };
    case 'b':
    case 'strong':
      return { bold: true };
    case 'sup':
      return { sup: true };
    case 'sub':
      return { sub: true };
    case 'span': {
      const style = /style="([^"]*)"/.exec(attrs)?.[1] ?? '';
      const f: Partial<Format> = {};
      if (/font-style:\s*italic/.test(style)) f.italic = true;
      if (/font-style:\s*normal/.test(style)) f.italic = false;
      if (/font-variant:\s*small-caps/.test(style)) f.smallCaps = true;
      if (/font-variant:\s*normal/.test(style)) f.smallCaps = false;
      if (/font-weight:\s*bold/.test(style)) f.bold = true;
      if (/font-weight:\s*normal/.test(style)) f.bold = false;
      return f;
    }
    default:
      return null;
  }
}

function push(runs: Run[], text: string, f: Format): void {
  if (!text) return;
  const run: Run = { text };
  if (f.italic) run.italic = true;
  if (f.bold) run.bold = true;
  if (f.sup) run.sup = true;
  if (f.sub) run.sub = true;
  if (f.smallCaps) run.smallCaps = true;
  const last = runs[runs.length - 1];
  const same = (a: Run, b: Run) =>
    a.italic === b.italic && a.bold === b.bold && a.sup === b.sup && a.sub === b.sub && a.smallCaps === b.smallCaps;
  if (last && same(last, run)) last.text += text;
  else runs.push(run);
}

export function citeprocHtmlToRuns(html: string): Run[] {
  const runs: Run[] = [];
  const stack: Format[] = [{}];
  const re = /<(\/?)([a-z][a-z0-9]*)([^>]*)>/gi;
  let at = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    push(runs, decodeHtmlEntities(html.slice(at, m.index)), stack[stack.length - 1]!);
    at = m.index + m[0].length;
    const [, close, tag, attrs] = m;
    const name = tag!.toLowerCase();
    if (name === 'br') {
      push(runs, ' ', stack[stack.length - 1]!);
      continue;
    }
    if (close) {
      if (stack.length > 1) stack.pop();
    } else if (!/\/\s*$/.test(attrs!)) {
      stack.push({ ...stack[stack.length - 1]!, ...(formatOf(name, attrs!) ?? {}) });
    }
  }
  push(runs, decodeHtmlEntities(html.slice(at)), stack[stack.length - 1]!);
  // Bibliography entries arrive with the indentation of citeproc's <div>s.
  if (runs.length) {
    runs[0]!.text = runs[0]!.text.replace(/^\s+/, '');
    runs[runs.length - 1]!.text = runs[runs.length - 1]!.text.replace(/\s+$/, '');
  }
  return runs.filter((r) => r.text);
}
