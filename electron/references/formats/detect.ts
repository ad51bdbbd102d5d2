// Which format a file is in: by extension first, by content when the extension says nothing.
import { AppError } from '../../core/errors.js';
import { parseBibtex } from './bibtex.js';
import { validateCslItemsWithWarnings, type CslItem } from './csl.js';
import { parseRis } from './ris.js';

export type ReferenceFormat = 'csljson' | 'bibtex' | 'ris';

function sniff(text: string): ReferenceFormat | undefined {
  const t = text.trimStart();
  if (t.startsWith('[') || t.startsWith('{')) return 'csljson';
  if (/^TY {1,2}-/m.test(text.slice(0, 100_000))) return 'ris';
  if (/^[ \t]*@[A-Za-z]+[ \t]*[{(]/m.test(text.slice(0, 100_000))) return 'bibtex';
  return undefined;
}

function parseCslJson(text: string): { items: CslItem[]; warnings: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppError('invalid', `Not valid CSL-JSON: ${e instanceof Error ? e.message.split('\n')[0] : 'unreadable JSON'}.`);
  }
  // Some tools wrap the list: {"items": [...]}.
  if (data && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { items?: unknown }).items))
    data = (data as { items: unknown }).items;
  return validateCslItemsWithWarnings(data);
}

/** Reads a bibliography file; AppError('invalid') with a one-line reason when nothing can be read. */
export function parseReferences(fileName: string, text: string): { format: ReferenceFormat; items: CslItem[]; warnings: string[] } {
  const body = text.replace(/^\uFEFF/, '');
  // NUL bytes or many U+FFFD (undecodable bytes): a binary file, such as a PDF or a Zotero database.
  // eslint-disable-next-line no-control-regex
  const bad = (body.slice(0, 10_000).match(/[\u0000\uFFFD]/g) ?? []).length;
  if (bad > 0 && bad * 50 > Math.min(body.length, 10_000))
    throw new AppError('invalid', `${fileName} is not a text file: expected BibTeX, RIS or CSL-JSON.`);
  const ext = /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const byExt: Record<string, ReferenceFormat> = {
    json: 'csljson',
    csljson: 'csljson',
    bib: 'bibtex',
    bibtex: 'bibtex',
    biblatex: 'bibtex',
    ris: 'ris',
  };
  const format = (ext && byExt[ext]) ?? sniff(body);
  if (!format) throw new AppError('invalid', `${fileName} is not BibTeX, RIS or CSL-JSON.`);
  const parse = (f: ReferenceFormat) => (f === 'csljson' ? parseCslJson(body) : f === 'bibtex' ? parseBibtex(body) : parseRis(body));
  // A .bib that is really RIS, or a .json that is BibTeX (it happens with "download citation" links): trust the content.
  const other = sniff(body);
  let used = format;
  let parsed: { items: CslItem[]; warnings: string[] };
  try {
    parsed = parse(format);
  } catch (e) {
    if (!(e instanceof AppError) || !other || other === format || other === 'csljson') throw e;
    parsed = { items: [], warnings: [e.message] };
  }
  if (!parsed.items.length && other && other !== format) {
    parsed = parse(other);
    used = other;
  }
  if (!parsed.items.length) {
    const why = parsed.warnings[0] ? ` (${parsed.warnings[0].replace(/\.$/, '')})` : '';
    const name = { csljson: 'CSL-JSON', bibtex: 'BibTeX', ris: 'RIS' }[used];
    throw new AppError('invalid', `No references found in ${fileName} as ${name}${why}.`);
  }
  return { format: used, ...parsed };
}
