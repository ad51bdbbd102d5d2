// BibTeX and BibLaTeX <-> CSL-JSON items. Scanning is in bibtex-scan.ts, LaTeX in latex.ts, names in names.ts;
// this file is the field and type mapping, which follows Zotero's own BibTeX/BibLaTeX translators.
import { capWarnings, cleanField, cleanText, issuedYear, type CslItem, type CslName } from './csl.js';
import { dateFromParts, formatDate, parseDate } from './dates.js';
import { CitationKeys } from './keys.js';
import { latexToUnicode, unicodeToLatex } from './latex.js';
import { parseNameList } from './names.js';
import { scanBibtex, type RawEntry } from './bibtex-scan.js';

const TYPES: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  collection: 'book',
  mvcollection: 'book',
  proceedings: 'book',
  mvproceedings: 'book',
  reference: 'book',
  manual: 'book',
  booklet: 'pamphlet',
  inbook: 'chapter',
  incollection: 'chapter',
  bookinbook: 'chapter',
  suppbook: 'chapter',
  suppcollection: 'chapter',
  inreference: 'entry-encyclopedia',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  report: 'report',
  techreport: 'report',
  thesis: 'thesis',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
  misc: 'document',
  unpublished: 'manuscript',
  patent: 'patent',
  periodical: 'periodical',
  dataset: 'dataset',
  software: 'software',
  letter: 'personal_communication',
  movie: 'motion_picture',
  video: 'motion_picture',
  audio: 'song',
  artwork: 'graphic',
  review: 'review',
  standard: 'standard',
  legislation: 'legislation',
  jurisdiction: 'legal_case',
  interview: 'interview',
};

const PLAIN: Record<string, string> = {
  volume: 'volume',
  edition: 'edition',
  publisher: 'publisher',
  isbn: 'ISBN',
  issn: 'ISSN',
  abstract: 'abstract',
  keywords: 'keyword',
  language: 'language',
  langid: 'language',
  shortjournal: 'container-title-short',
  shorttitle: 'title-short',
  series: 'collection-title',
  chapter: 'chapter-number',
  pagetotal: 'number-of-pages',
  eventtitle: 'event-title',
  venue: 'event-place',
  version: 'version',
  type: 'genre',
  issue: 'issue',
};

/** Names per field; a "paper" with 5,000 authors exists, but a list must not be an attack. */
const MAX_NAMES = 1000;

function toItem(e: RawEntry, warn: (m: string) => void): CslItem {
  const raw = (f: string) => e.fields.get(f);
  const where = (f: string) => `Line ${e.line} (${e.key}) ${f}`;
  const txt = (f: string) => {
    const v = raw(f);
    return v === undefined ? undefined : cleanField(latexToUnicode(v), where(f), warn) || undefined;
  };
  const subtype = txt('entrysubtype')?.toLowerCase();
  let type = TYPES[e.type];
  if (!type) {
    warn(`Line ${e.line}: unknown entry type @${e.type} read as a generic document.`);
    type = 'document';
  }
  if (type === 'article-journal' && (subtype === 'magazine' || subtype === 'newspaper')) type = `article-${subtype}`;
  const item: CslItem = { id: e.key, type };
  const set = (k: string, v: unknown) => {
    if (v !== undefined && v !== '' && item[k] === undefined) item[k] = v;
  };

  const names = (f: string) => {
    const v = raw(f);
    if (v === undefined) return undefined;
    const list = parseNameList(v.length > 200_000 ? v.slice(0, 200_000) : v).map((n) => {
      const out: CslName = {};
      for (const [k, x] of Object.entries(n)) if (x) out[k as keyof CslName] = cleanField(x, where(f), warn);
      return out;
    });
    if (list.length > MAX_NAMES) warn(`${where(f)}: only the first ${MAX_NAMES} of ${list.length} names kept.`);
    return list.length ? list.slice(0, MAX_NAMES) : undefined;
  };
  set('author', names('author'));
  set('editor', names('editor'));
  set('translator', names('translator'));
  set('container-author', names('bookauthor'));

  const title = txt('title');
  const subtitle = txt('subtitle');
  set('title', title && subtitle ? `${title}: ${subtitle}` : title);
  const container = txt('journaltitle') ?? txt('journal') ?? txt('booktitle') ?? txt('maintitle');
  set('container-title', container);

  for (const [f, k] of Object.entries(PLAIN)) set(k, txt(f));
  // "number" is the issue of an article, the number of a report, the volume of a series.
  const number = txt('number');
  if (number) {
    if (type.startsWith('article')) set('issue', number);
    else if (item['collection-title']) set('collection-number', number);
    else set('number', number);
  }
  // Page ranges use a plain hyphen in CSL-JSON, as Zotero writes them.
  set('page', txt('pages')?.replace(/\s*[–—-]+\s*/g, '-'));
  set('publisher', txt('institution') ?? txt('school') ?? txt('organization'));
  set('publisher-place', txt('location') ?? txt('address'));
  if (type === 'thesis' && !item.genre)
    set('genre', e.type === 'mastersthesis' ? "Master's thesis" : e.type === 'phdthesis' ? 'PhD thesis' : undefined);

  const date = txt('date');
  set('issued', date ? parseDate(date) : dateFromParts(txt('year'), txt('month'), txt('day')));
  const urldate = txt('urldate');
  set('accessed', urldate ? parseDate(urldate) : undefined);

  // DOIs and URLs are verbatim in BibLaTeX: read raw so "--", "~" and "%20" survive; undo escapes some tools add anyway.
  const verbatim = (f: string) => {
    const v = raw(f)
      ?.replace(/[{}]/g, '')
      .replace(/\\([_%&#$])/g, '$1')
      .trim();
    return v ? cleanField(v, where(f), warn) : undefined;
  };
  set('DOI', verbatim('doi')?.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, ''));
  set('URL', verbatim('url'));
  const how = txt('howpublished');
  if (how && /^\\?url|^https?:/i.test(how)) set('URL', how.replace(/^url\s*/i, ''));
  // A @misc's howpublished is where it appeared (a website's name), which is how writeBibtex uses it too.
  else if (type === 'document' || type === 'webpage') set('container-title', how);
  else set('medium', how);

  const eprint = txt('eprint');
  const eprinttype = (txt('eprinttype') ?? txt('archiveprefix'))?.toLowerCase();
  if (eprint && eprinttype === 'arxiv') {
    set('number', eprint);
    set('URL', `https://arxiv.org/abs/${eprint}`);
  } else if (eprint && eprinttype === 'doi') set('DOI', eprint);
  else if (eprint) set('archive_location', eprint);

  const notes = [txt('note'), txt('annote') ?? txt('annotation'), txt('addendum')].filter(Boolean);
  set('note', notes.join('\n'));
  return item;
}

/** BibTeX or BibLaTeX text -> CSL items; the entry key becomes item.id. Malformed entries are skipped with a warning. */
export function parseBibtex(text: string): { items: CslItem[]; warnings: string[] } {
  const { entries, warnings } = scanBibtex(text);
  const seen = new CitationKeys();
  const items: CslItem[] = [];
  for (const e of entries) {
    const item = toItem(e, (m) => warnings.push(m));
    if (seen.has(item.id)) {
      const key = seen.next(item);
      warnings.push(`Line ${e.line}: duplicate key "${item.id}" renamed to "${key}".`);
      item.id = key;
    }
    seen.take(item.id);
    items.push(item);
  }
  return { items, warnings: capWarnings(warnings) };
}

// ---- writing ----

const WRITE_TYPES: Record<string, string> = {
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  book: 'book',
  chapter: 'incollection',
  'paper-conference': 'inproceedings',
  report: 'techreport',
  thesis: 'phdthesis',
  manuscript: 'unpublished',
  pamphlet: 'booklet',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A name as BibTeX reads it back: "Family, Jr, Given"; organisations in braces. */
function writeName(n: CslName): string {
  const esc = (s: string) => {
    const t = unicodeToLatex(s);
    // A comma or " and " inside a name part would split it: protect the whole part.
    return /,|\sand\s/i.test(s) ? `{${t}}` : t;
  };
  if (n.literal || !n.family) return `{${unicodeToLatex(n.literal ?? n.given ?? '')}}`;
  const parts = [esc(n.family)];
  if (n.suffix) parts.push(esc(n.suffix));
  if (n.given || n.suffix) parts.push(esc(n.given ?? ''));
  return parts.join(', ');
}

function protectCase(text: string): string {
  return unicodeToLatex(text)
    .split(' ')
    .map((w, i) => (/\p{Lu}/u.test(i === 0 ? w.slice(1) : w) ? `{${w}}` : w))
    .join(' ');
}

/** CSL items -> BibTeX (UTF-8; special characters escaped so parseBibtex gives the same text back). */
export function writeBibtex(items: CslItem[]): string {
  const taken = new CitationKeys();
  return items
    .map((item) => {
      // Keys BibTeX accepts are kept (spaces dropped); anything else, such as Zotero's item URIs, gets a generated key.
      let key = str(item.id).replace(/\s+/g, '');
      if (!/^[\p{L}\p{N}_:.+-]+$/u.test(key) || taken.has(key)) key = taken.next(item);
      taken.take(key);
      const type = item.type === 'thesis' && /master/i.test(str(item.genre)) ? 'mastersthesis' : (WRITE_TYPES[item.type] ?? 'misc');
      const fields: [string, string, boolean?][] = []; // [field, value, bare (a macro, not braced)]
      const add = (f: string, v: unknown) => {
        const s = str(v).trim();
        if (s) fields.push([f, unicodeToLatex(s)]);
      };
      const names = (f: string, v: unknown) => {
        if (Array.isArray(v) && v.length) fields.push([f, (v as CslName[]).map(writeName).join(' and ')]);
      };
      names('author', item.author);
      names('editor', item.editor);
      names('translator', item.translator);
      // Words with capitals are braced, as Zotero does, so sentence-casing styles keep "Central Asia" as written.
      const title = str(item.title).trim();
      if (title) fields.push(['title', protectCase(title)]);
      const container = type === 'article' ? 'journal' : type === 'incollection' || type === 'inproceedings' ? 'booktitle' : '';
      if (container) add(container, item['container-title']);
      else if (item['container-title']) add('howpublished', item['container-title']);
      add('series', item['collection-title']);
      add('edition', item.edition);
      add('volume', item.volume);
      add('number', type === 'article' ? item.issue : (item.number ?? item['collection-number'] ?? item.issue));
      const page = str(item.page);
      if (page) fields.push(['pages', unicodeToLatex(page).replace(/(\d)\s*[-–—]\s*(?=\d)/g, '$1--')]);
      const publisherField =
        type === 'techreport' ? 'institution' : type === 'phdthesis' || type === 'mastersthesis' ? 'school' : 'publisher';
      add(publisherField, item.publisher);
      add('address', item['publisher-place']);
      const year = issuedYear(item);
      const dp = item.issued?.['date-parts']?.[0];
      if (year !== undefined) {
        fields.push(['year', String(year)]);
        const m = Number(dp?.[1]);
        if (m >= 1 && m <= 12) fields.push(['month', MONTHS[m - 1] as string, true]);
        if (dp?.[2] !== undefined) add('date', formatDate(item.issued));
      } else add('year', item.issued?.literal);
      if (type === 'techreport' || type === 'phdthesis' || type === 'mastersthesis') add('type', item.genre);
      // Verbatim fields: written as they are, except braces (percent-encoded) and backslashes, which BibTeX cannot carry.
      for (const [f, v] of [
        ['doi', item.DOI],
        ['url', item.URL],
      ] as const) {
        const t = cleanText(str(v)).replace(/[{}\\\s]/g, (c) => encodeURIComponent(c));
        if (t) fields.push([f, t]);
      }
      add('urldate', formatDate(item.accessed));
      add('isbn', item.ISBN);
      add('issn', item.ISSN);
      add('keywords', item.keyword);
      add('language', item.language);
      add('abstract', item.abstract);
      add('note', item.note);
      const body = fields.map(([f, v, bare]) => `  ${f} = ${bare ? v : `{${v}}`}`).join(',\n');
      return `@${type}{${key}${body ? `,\n${body}` : ''}\n}\n`;
    })
    .join('\n');
}
