// RIS (Zotero, EndNote, Mendeley, publishers' "download citation") <-> CSL items.
// Lines are "TY  - JOUR"; a line without a tag continues the previous field (wrapped abstracts).
import { capWarnings, cleanField, issuedYear, type CslItem, type CslName } from './csl.js';
import { formatDate, parseDate } from './dates.js';
import { CitationKeys } from './keys.js';

const TYPES: Record<string, string> = {
  JOUR: 'article-journal',
  JFULL: 'article-journal',
  EJOUR: 'article-journal',
  ABST: 'article-journal',
  INPR: 'article-journal',
  MGZN: 'article-magazine',
  NEWS: 'article-newspaper',
  BOOK: 'book',
  EBOOK: 'book',
  EDBOOK: 'book',
  CHAP: 'chapter',
  ECHAP: 'chapter',
  RPRT: 'report',
  GOVDOC: 'report',
  ELEC: 'webpage',
  WEB: 'webpage',
  BLOG: 'post-weblog',
  THES: 'thesis',
  CONF: 'paper-conference',
  CPAPER: 'paper-conference',
  GEN: 'document',
  UNPB: 'manuscript',
  MANSCPT: 'manuscript',
  DATA: 'dataset',
  COMP: 'software',
  PAT: 'patent',
  CASE: 'legal_case',
  STAT: 'legislation',
  BILL: 'bill',
  HEAR: 'hearing',
  MAP: 'map',
  ART: 'graphic',
  SOUND: 'song',
  MUSIC: 'song',
  VIDEO: 'motion_picture',
  MPCT: 'motion_picture',
  PCOMM: 'personal_communication',
  ICOMM: 'personal_communication',
  DICT: 'entry-dictionary',
  ENCYC: 'entry-encyclopedia',
  STAND: 'standard',
  SER: 'book',
  PAMP: 'pamphlet',
};
const WRITE_TYPES: Record<string, string> = {
  'article-journal': 'JOUR',
  'article-magazine': 'MGZN',
  'article-newspaper': 'NEWS',
  book: 'BOOK',
  chapter: 'CHAP',
  report: 'RPRT',
  webpage: 'ELEC',
  'post-weblog': 'BLOG',
  thesis: 'THES',
  'paper-conference': 'CONF',
  manuscript: 'UNPB',
  dataset: 'DATA',
  software: 'COMP',
  patent: 'PAT',
  legal_case: 'CASE',
  legislation: 'STAT',
  map: 'MAP',
  graphic: 'ART',
  song: 'SOUND',
  motion_picture: 'VIDEO',
  personal_communication: 'PCOMM',
  'entry-dictionary': 'DICT',
  'entry-encyclopedia': 'ENCYC',
  standard: 'STAND',
  pamphlet: 'PAMP',
};

// Tags whose value is simply one CSL field (first occurrence wins).
const PLAIN: Record<string, string> = {
  VL: 'volume',
  IS: 'issue',
  PB: 'publisher',
  CY: 'publisher-place',
  PP: 'publisher-place',
  ET: 'edition',
  LA: 'language',
  T3: 'collection-title',
  J2: 'container-title-short',
  JA: 'container-title-short',
  ST: 'title-short',
  M3: 'genre',
  AB: 'abstract',
  N2: 'abstract',
  CN: 'call-number',
  AN: 'archive_location',
  DB: 'source',
  NV: 'number-of-volumes',
};

/** "Markowitz, Lawrence P." / "Markowitz, L. P., Jr." / "Afghanistan Analysts Network" (an organisation). */
function name(v: string): CslName {
  const parts = v.split(',').map((p) => p.trim());
  if (parts.length === 1) return { literal: v };
  const n: CslName = { family: parts[0] as string };
  if (parts[1]) n.given = parts[1];
  if (parts[2]) n.suffix = parts.slice(2).join(', ');
  return n;
}

const LINE = /^([A-Z][A-Z0-9])  ?-(?: (.*))?$/;

export function parseRis(text: string): { items: CslItem[]; warnings: string[] } {
  const warnings: string[] = [];
  const items: CslItem[] = [];
  const keys = new CitationKeys();
  let rec: { tag: string; value: string; line: number }[] | null = null;
  let start = 0;

  const finish = () => {
    if (!rec) return;
    const item = toItem(rec, start, warnings);
    item.id = keys.next(item);
    keys.take(item.id);
    items.push(item);
    rec = null;
  };

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  lines.forEach((raw, i) => {
    const m = LINE.exec(raw.trimEnd());
    if (!m) {
      // A continuation line, or noise between records.
      const last = rec?.[rec.length - 1];
      if (last && raw.trim()) last.value += `${last.tag === 'AB' || last.tag === 'N1' || last.tag === 'N2' ? '\n' : ' '}${raw.trim()}`;
      return;
    }
    const tag = m[1] as string;
    const value = (m[2] ?? '').trim();
    if (tag === 'TY') {
      if (rec) {
        warnings.push(`Line ${start}: record without "ER  -" ended at the next "TY".`);
        finish();
      }
      rec = [{ tag, value, line: i + 1 }];
      start = i + 1;
    } else if (tag === 'ER') {
      if (!rec) warnings.push(`Line ${i + 1}: "ER" without a record.`);
      finish();
    } else if (!rec) {
      warnings.push(`Line ${i + 1}: "${tag}" outside a record ignored.`);
    } else rec.push({ tag, value, line: i + 1 });
  });
  if (rec) {
    warnings.push(`Line ${start}: last record has no "ER  -"; read anyway.`);
    finish();
  }
  return { items, warnings: capWarnings(warnings) };
}

function toItem(rec: { tag: string; value: string }[], line: number, warnings: string[]): CslItem {
  const warn = (m: string) => warnings.push(m);
  const ty = (rec[0]?.value ?? '').toUpperCase();
  let type = TYPES[ty];
  if (!type) {
    warn(`Line ${line}: unknown RIS type "${ty}" read as a generic document.`);
    type = 'document';
  }
  const item: CslItem = { id: '', type };
  const all = (...tags: string[]) =>
    rec
      .filter((f) => tags.includes(f.tag) && f.value)
      .map((f) => cleanField(f.value, `Line ${line} ${f.tag}`, warn))
      .filter(Boolean);
  const first = (...tags: string[]) => {
    for (const t of tags) {
      const v = all(t)[0];
      if (v) return v;
    }
    return undefined;
  };
  const set = (k: string, v: unknown) => {
    if (v !== undefined && v !== '' && !(Array.isArray(v) && !v.length) && item[k] === undefined) item[k] = v;
  };

  set('author', all('AU', 'A1').map(name));
  set('editor', all('ED', 'A2').map(name));
  set('translator', all('A4').map(name));
  // Old RIS put a book's own title in BT; in a chapter BT is the book.
  set('title', first('TI', 'T1', 'CT') ?? (type === 'book' ? first('BT') : undefined));
  set('container-title', first('T2', 'JF', 'JO', 'JA', 'J1', 'J2', ...(type === 'book' ? [] : ['BT'])));
  for (const [tag, k] of Object.entries(PLAIN)) set(k, first(tag));
  const sp = first('SP');
  const ep = first('EP');
  set('page', sp && ep && !sp.includes('-') ? `${sp}-${ep}` : (sp ?? ep));
  // DA is Zotero's full date, PY/Y1 the year (or "2014/06/12/"): take whichever is more precise.
  const dates = [first('DA'), first('PY'), first('Y1')].map((d) => (d ? parseDate(d) : undefined)).filter((d) => d !== undefined);
  dates.sort((a, b) => (b['date-parts']?.[0]?.length ?? 0) - (a['date-parts']?.[0]?.length ?? 0));
  set('issued', dates[0]);
  const y2 = first('Y2');
  set('accessed', y2 ? parseDate(y2) : undefined);
  set('DOI', first('DO')?.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, ''));
  set('URL', first('UR', 'L2'));
  const sn = first('SN');
  set(type === 'book' || type === 'chapter' ? 'ISBN' : 'ISSN', sn);
  set('keyword', all('KW').join(', '));
  set('note', all('N1').join('\n'));
  return item;
}

/** CSL items -> RIS as Zotero writes it. */
export function writeRis(items: CslItem[]): string {
  const out: string[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '').replace(/\s*\n\s*/g, ' ').trim();
  for (const item of items) {
    const line = (tag: string, v: unknown) => {
      const s = str(v);
      if (s) out.push(`${tag}  - ${s}`);
    };
    const names = (tag: string, v: unknown) => {
      if (Array.isArray(v))
        for (const n of v as CslName[]) line(tag, n.literal ?? [n.family, n.given, n.suffix].filter(Boolean).join(', '));
    };
    line('TY', WRITE_TYPES[item.type] ?? 'GEN');
    line('TI', item.title);
    names('AU', item.author);
    names(item.type === 'chapter' || item.type === 'paper-conference' ? 'A2' : 'ED', item.editor);
    names('A4', item.translator);
    line('T2', item['container-title']);
    line('T3', item['collection-title']);
    line('J2', item['container-title-short']);
    const dp = item.issued?.['date-parts']?.[0];
    const year = issuedYear(item);
    if (year !== undefined) line('PY', String(year));
    if (dp && dp.length > 1) line('DA', formatDate(item.issued, '/'));
    else if (year === undefined) line('DA', item.issued?.literal);
    line('VL', item.volume);
    line('IS', item.issue ?? item.number);
    const [sp, ep] = str(item.page).split(/\s*[-–—]\s*/);
    line('SP', sp);
    line('EP', ep);
    line('ET', item.edition);
    line('PB', item.publisher);
    line('CY', item['publisher-place']);
    line('M3', item.genre);
    line('SN', item.ISBN ?? item.ISSN);
    line('DO', item.DOI);
    line('UR', item.URL);
    line('Y2', formatDate(item.accessed));
    line('LA', item.language);
    line('AB', item.abstract);
    for (const k of str(item.keyword).split(/\s*[,;]\s*/)) line('KW', k);
    line('N1', item.note);
    out.push('ER  - ', '');
  }
  return out.join('\n');
}
