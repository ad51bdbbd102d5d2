// What a memo can cite: the reference library by citation key, and interviews by role. An
// interview is cited as "Interview with an NGO team leader, Dushanbe, 2016": its role, place and
// year only. The interviewee's identity lives in another table that nothing here reads, and the
// document's title (which researchers sometimes write as a name) is never used either.
import type { Project } from '../../project/project.js';
import type { CslItem } from '../../references/formats/csl.js';
import type { Citable } from './model.js';

export interface CitableIndex {
  citables: Citable[];
  /** Every key a memo may use (an interview answers to two), to its CSL item. */
  items: Map<string, CslItem>;
  kind: Map<string, Citable['kind']>;
  /** An interview document's preferred key, for live blocks that quote its excerpts. */
  interviewKey: Map<string, string>;
  /** A document that is the full text of a reference: its citation key. */
  documentReferenceKey: Map<string, string>;
}

/** "an NGO team leader", "a law-enforcement official", "an official": the article by sound, roughly. */
export function withArticle(role: string): string {
  const word = role.trim().split(/\s+/)[0] ?? '';
  if (!word) return role;
  // Acronyms read letter by letter: "an NGO", "an MIA officer", but "a UN official".
  const acronym = word.length > 1 && word === word.toUpperCase() && /^\p{Lu}/u.test(word);
  const an = acronym ? /^[AEFHILMNORSX]/.test(word) : /^[aeiou]/i.test(word) && !/^(uni|use|usu|eu|one|once)/i.test(word);
  return `${an ? 'an' : 'a'} ${role.trim()}`;
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '');

/** int-<first 8 of the id>: always works, even after the pseudonym changes. */
export const interviewIdKey = (documentId: string) => `int-${documentId.slice(0, 8)}`;

interface InterviewRow {
  id: string;
  pseudonym: string;
  role: string;
  place: string;
  date: string;
}

export function interviewTitle(r: { role: string; place: string }): string {
  const who = r.role.trim() ? `Interview with ${withArticle(r.role)}` : 'Interview';
  return r.place.trim() ? `${who}, ${r.place.trim()}` : who;
}

export function loadCitables(project: Project): CitableIndex {
  const items = new Map<string, CslItem>();
  const kind = new Map<string, Citable['kind']>();
  const citables: Citable[] = [];
  const refs = project.db
    .prepare('SELECT id, citation_key AS key, title, authors, issued_year AS year, csl FROM refs WHERE deleted = 0 ORDER BY citation_key')
    .all() as { id: string; key: string; title: string; authors: string; year: number | null; csl: string }[];
  const refKeyById = new Map<string, string>();
  for (const r of refs) {
    items.set(r.key, { ...(JSON.parse(r.csl) as CslItem), id: r.key });
    kind.set(r.key, 'reference');
    refKeyById.set(r.id, r.key);
    citables.push({ key: r.key, kind: 'reference', label: r.title, detail: [r.authors, r.year ?? ''].filter(Boolean).join(', ') });
  }

  const rows = project.db
    .prepare(
      `SELECT id, pseudonym, role, place, interview_date AS date FROM documents
       WHERE kind = 'interview' AND deleted = 0 ORDER BY interview_date, pseudonym, id`,
    )
    .all() as InterviewRow[];
  const bySlug = new Map<string, number>();
  for (const r of rows) if (slug(r.pseudonym)) bySlug.set(slug(r.pseudonym), (bySlug.get(slug(r.pseudonym)) ?? 0) + 1);
  const interviewKey = new Map<string, string>();
  for (const r of rows) {
    const title = interviewTitle(r);
    const year = /^(\d{4})/.exec(r.date)?.[1];
    const idKey = interviewIdKey(r.id);
    const s = slug(r.pseudonym);
    // A pseudonym two interviews share would cite either: only the id key is offered then.
    const key = s && bySlug.get(s) === 1 && !items.has(`int-${s}`) ? `int-${s}` : idKey;
    const item: CslItem = { id: key, type: 'interview', title, ...(year ? { issued: { 'date-parts': [[Number(year)]] } } : {}) };
    for (const k of new Set([key, idKey])) {
      if (items.has(k)) continue; // a reference keyed "int-…" wins; the interview keeps its other key
      items.set(k, { ...item, id: k });
      kind.set(k, 'interview');
    }
    interviewKey.set(r.id, items.get(key)?.type === 'interview' ? key : idKey);
    citables.push({ key: interviewKey.get(r.id)!, kind: 'interview', label: title, detail: r.date || 'undated' });
  }

  const documentReferenceKey = new Map<string, string>();
  const linked = project.db
    .prepare('SELECT id, reference_id AS ref FROM documents WHERE reference_id IS NOT NULL AND deleted = 0')
    .all() as {
    id: string;
    ref: string;
  }[];
  for (const d of linked) {
    const key = refKeyById.get(d.ref);
    if (key) documentReferenceKey.set(d.id, key);
  }
  return { citables, items, kind, interviewKey, documentReferenceKey };
}
