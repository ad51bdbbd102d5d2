// Case and source variables -> a document's metadata. Variables whose names match our fields
// (Role, Place, Interview date, …, in any spelling of case and spacing) fill them; the rest are
// kept, as "Name: value" lines, in the document's notes, so nothing a researcher recorded is lost.
import { CONSENT_VALUES, DOCUMENT_KINDS, type DocumentKind } from '../../documents/types.js';

export interface DocMeta {
  kind: DocumentKind;
  author: string;
  doc_date: string;
  language: string;
  pseudonym: string;
  role: string;
  org_type: string;
  interview_date: string;
  place: string;
  interviewer: string;
  consent: string;
  notes: string;
}

type Field = Exclude<keyof DocMeta, 'notes'>;

const FIELD_OF: Record<string, Field> = {
  pseudonym: 'pseudonym',
  role: 'role',
  organisationtype: 'org_type',
  organizationtype: 'org_type',
  orgtype: 'org_type',
  place: 'place',
  location: 'place',
  interviewdate: 'interview_date',
  dateofinterview: 'interview_date',
  interviewer: 'interviewer',
  consent: 'consent',
  language: 'language',
  author: 'author',
  date: 'doc_date',
  documentdate: 'doc_date',
  kind: 'kind',
  documentkind: 'kind',
};

const INTERVIEW_FIELDS: Field[] = ['pseudonym', 'role', 'org_type', 'interview_date', 'interviewer'];

const key = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function acceptable(field: Field, value: string): boolean {
  if (field === 'kind') return (DOCUMENT_KINDS as readonly string[]).includes(value);
  if (field === 'consent') return (CONSENT_VALUES as readonly string[]).includes(value);
  return true;
}

export function documentMeta(values: { name: string; value: string }[], notes: string[]): DocMeta {
  const set = new Map<Field, string>();
  const extra: string[] = [];
  for (const { name, value } of values) {
    if (!value) continue;
    const field = FIELD_OF[key(name)];
    if (field && !set.has(field) && acceptable(field, value)) set.set(field, value);
    else if (!(field && set.get(field) === value)) extra.push(`${name || 'Variable'}: ${value}`);
  }
  const kind = (set.get('kind') as DocumentKind | undefined) ?? (INTERVIEW_FIELDS.some((f) => set.has(f)) ? 'interview' : 'document');
  const get = (f: Field): string => set.get(f) ?? '';
  return {
    kind,
    author: get('author'),
    doc_date: get('doc_date'),
    language: get('language'),
    pseudonym: get('pseudonym'),
    role: get('role'),
    org_type: get('org_type'),
    interview_date: get('interview_date'),
    place: get('place'),
    interviewer: get('interviewer'),
    consent: get('consent') || 'unknown',
    notes: [...notes.map((n) => n.trim()).filter(Boolean), extra.join('\n')].filter(Boolean).join('\n\n'),
  };
}
