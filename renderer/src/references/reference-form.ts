// The reference editor's form as plain text fields, and the way back to a CSL-JSON item. Fields
// the form does not show (or the person did not touch) keep their value exactly: an imported
// item's name particles, date ranges and unknown fields must not be lost by opening and saving.
import type { CslItem, CslName } from '../../../electron/references/formats/csl';

export type FieldId =
  | 'title'
  | 'author'
  | 'editor'
  | 'interviewer'
  | 'issued'
  | 'container-title'
  | 'volume'
  | 'issue'
  | 'page'
  | 'publisher'
  | 'publisher-place'
  | 'DOI'
  | 'URL'
  | 'accessed'
  | 'note';

export type Draft = Record<FieldId, string>;

const NAME_FIELDS = new Set<FieldId>(['author', 'editor', 'interviewer']);
const DATE_FIELDS = new Set<FieldId>(['issued', 'accessed']);

export const FIELD_IDS: readonly FieldId[] = [
  'title',
  'author',
  'editor',
  'interviewer',
  'issued',
  'container-title',
  'volume',
  'issue',
  'page',
  'publisher',
  'publisher-place',
  'DOI',
  'URL',
  'accessed',
  'note',
];

export interface FieldSpec {
  id: FieldId;
  label: string;
  hint?: string;
}

/** The types a person can choose when adding by hand, in CSL's names. */
export const TYPE_LABELS: Record<string, string> = {
  'article-journal': 'article',
  book: 'book',
  chapter: 'chapter',
  report: 'report',
  webpage: 'web page',
  interview: 'interview',
};
export const EDITABLE_TYPES = Object.keys(TYPE_LABELS);

/** Imported items bring CSL's other types; they read better without hyphens. */
export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type.replace(/[-_]/g, ' ');
}

const f = (id: FieldId, label: string, hint?: string): FieldSpec => (hint ? { id, label, hint } : { id, label });
const TITLE = f('title', 'Title');
const AUTHORS = f('author', 'Authors', 'One per line: Family, Given');
const DATE = f('issued', 'Year or date', 'YYYY, YYYY-MM or YYYY-MM-DD');
const PUBLISHER = f('publisher', 'Publisher');
const PLACE = f('publisher-place', 'Place');
const DOI = f('DOI', 'DOI', '10.1234/abcd');
const URL_FIELD = f('URL', 'URL');
const NOTE = f('note', 'Note');

const FIELDS: Record<string, FieldSpec[]> = {
  'article-journal': [
    TITLE,
    AUTHORS,
    DATE,
    f('container-title', 'Journal'),
    f('volume', 'Volume'),
    f('issue', 'Issue'),
    f('page', 'Pages', 'e.g. 12-34'),
    DOI,
    URL_FIELD,
    NOTE,
  ],
  book: [TITLE, AUTHORS, f('editor', 'Editors', 'One per line: Family, Given'), DATE, PUBLISHER, PLACE, DOI, URL_FIELD, NOTE],
  chapter: [
    TITLE,
    AUTHORS,
    f('container-title', 'Book title'),
    f('editor', 'Editors of the book', 'One per line: Family, Given'),
    DATE,
    f('page', 'Pages', 'e.g. 12-34'),
    PUBLISHER,
    PLACE,
    DOI,
    URL_FIELD,
    NOTE,
  ],
  report: [TITLE, AUTHORS, DATE, f('publisher', 'Institution'), PLACE, DOI, URL_FIELD, NOTE],
  webpage: [TITLE, AUTHORS, f('container-title', 'Website'), DATE, URL_FIELD, f('accessed', 'Accessed', 'YYYY-MM-DD'), NOTE],
  interview: [
    TITLE,
    f('author', 'Interviewees', 'One per line: Family, Given'),
    f('interviewer', 'Interviewers', 'One per line: Family, Given'),
    f('issued', 'Date', 'YYYY-MM-DD'),
    PLACE,
    URL_FIELD,
    NOTE,
  ],
};

/** For the types the form has no layout of its own (theses, conference papers…): the common fields. */
const OTHER: FieldSpec[] = [
  TITLE,
  AUTHORS,
  f('editor', 'Editors', 'One per line: Family, Given'),
  DATE,
  f('container-title', 'Published in'),
  f('volume', 'Volume'),
  f('issue', 'Issue'),
  f('page', 'Pages'),
  PUBLISHER,
  PLACE,
  DOI,
  URL_FIELD,
  NOTE,
];

export function fieldsFor(type: string): FieldSpec[] {
  return FIELDS[type] ?? OTHER;
}

export function isMultiline(id: FieldId): boolean {
  return NAME_FIELDS.has(id) || id === 'note';
}

/** "Family, Given" (with ", Suffix" when there is one); particles stay with the family name. */
export function nameLine(n: CslName): string {
  if (n.literal) return n.literal;
  // CSL-JSON from other tools may carry particles ("van", "de") the CslName type does not declare.
  const extra = n as Record<string, unknown>;
  const particle = [extra['dropping-particle'], extra['non-dropping-particle']].filter((p) => typeof p === 'string' && p).join(' ');
  const family = [particle, n.family].filter(Boolean).join(' ');
  return [family, n.given, n.suffix].filter(Boolean).join(', ');
}

/** One name per line: "Family, Given[, Suffix]"; a line without a comma is an organisation or a single name. */
export function parseNames(text: string): CslName[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const parts = line.split(',').map((p) => p.trim());
      const [family, given, ...rest] = parts;
      if (parts.length === 1 || !family) return { literal: line };
      const name: CslName = { family };
      if (given) name.given = given;
      if (rest.length && rest.join(', ')) name.suffix = rest.join(', ');
      return name;
    });
}

type CslDate = { 'date-parts'?: (number | string)[][]; literal?: string };

/** A CSL date as "2014-06-12" (its first date, for a range), or its literal. */
export function formatDate(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const d = value as CslDate;
  const p = d['date-parts']?.[0];
  if (p?.length)
    return p
      .slice(0, 3)
      .map((x, i) => (i === 0 ? String(x) : String(x).padStart(2, '0')))
      .join('-');
  return typeof d.literal === 'string' ? d.literal : '';
}

const ISO_DATE = /^(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** "2014", "2014-06", "2014-06-12" as date-parts, "2014/2015" as a range; anything else ("Spring 2014") as a literal. */
export function parseDate(text: string): CslDate {
  const one = (s: string) => {
    const m = ISO_DATE.exec(s.trim());
    if (!m) return null;
    const parts = m
      .slice(1)
      .filter((x): x is string => x !== undefined)
      .map(Number);
    return (parts[1] ?? 1) >= 1 && (parts[1] ?? 1) <= 12 && (parts[2] ?? 1) >= 1 && (parts[2] ?? 1) <= 31 ? parts : null;
  };
  const ends = text.split('/').map(one);
  if (ends.length <= 2 && ends.every((e) => e !== null)) return { 'date-parts': ends as number[][] };
  return { literal: text.trim() };
}

function fieldText(item: CslItem | null, id: FieldId): string {
  if (!item) return '';
  const v = item[id];
  if (NAME_FIELDS.has(id)) return Array.isArray(v) ? (v as CslName[]).map(nameLine).join('\n') : '';
  if (DATE_FIELDS.has(id)) return formatDate(v);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

export function draftOf(item: CslItem | null): Draft {
  return Object.fromEntries(FIELD_IDS.map((id) => [id, fieldText(item, id)])) as Draft;
}

function fieldValue(id: FieldId, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (NAME_FIELDS.has(id)) {
    const names = parseNames(t);
    return names.length ? names : undefined;
  }
  if (DATE_FIELDS.has(id)) return parseDate(t);
  // DOIs are compared and exported bare; people paste them as links.
  if (id === 'DOI') return t.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '');
  return t;
}

/**
 * The item to save: `base` (the saved item, or a new one) with every field the person changed
 * set from the form, or removed when emptied. Untouched fields keep their stored shape.
 */
export function itemFromDraft(base: CslItem | null, type: string, draft: Draft, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base ?? {}), type };
  const before = draftOf(base);
  for (const id of FIELD_IDS) {
    if (draft[id] === before[id]) continue;
    const v = fieldValue(id, draft[id]);
    if (v === undefined) delete out[id];
    else out[id] = v;
  }
  const k = key.trim();
  if (k) out.id = k;
  else delete out.id;
  return out;
}

/** Problems the form can see before asking the host; the host checks the rest. */
export function draftProblems(draft: Draft): Partial<Record<FieldId, string>> {
  const problems: Partial<Record<FieldId, string>> = {};
  if (!draft.title.trim()) problems.title = 'A reference needs a title.';
  const doi = draft.DOI.trim().replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '');
  if (doi && !/^10\.\S+\/\S+$/.test(doi)) problems.DOI = 'A DOI starts with “10.” and has a “/”, e.g. 10.1234/abcd.';
  return problems;
}
