// The reference library: CSL-JSON items with stable citation keys, duplicate detection (DOI,
// or title + year + first author) that asks before merging, and export as CSL-JSON or BibTeX.
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Project } from '../project/project.js';
import { foldKey } from '../search/query.js';
import { parseCitations } from '../memos/citations.js';
import { validateCslItems, type CslItem, type CslName } from './formats/csl.js';
import { parseReferences } from './formats/detect.js';
import { CitationKeys } from './formats/keys.js';
import { writeBibtex } from './formats/bibtex.js';
import type { DuplicateReason, ImportCandidate, ImportDecision, ImportPreview, Reference } from './types.js';

const nameText = (n: CslName): string => n.literal ?? [n.given, n.family].filter(Boolean).join(' ');

function year(item: CslItem): number | null {
  const y = Number(item.issued?.['date-parts']?.[0]?.[0]);
  // A year column, not any integer: 1e300 is "an integer" and would not fit SQLite's.
  return Number.isInteger(y) && y > 0 && y < 100_000 ? y : null;
}

function firstFamily(item: CslItem): string {
  const n = item.author?.[0] ?? item.editor?.[0];
  return n ? foldKey(n.family ?? n.literal ?? '') : '';
}

const doiOf = (item: CslItem): string =>
  typeof item.DOI === 'string'
    ? item.DOI.trim()
        .toLowerCase()
        .replace(/^https?:\/\/(dx\.)?doi\.org\//, '')
    : '';

/** Derived columns kept beside the CSL JSON for sorting, search and duplicate detection. */
function columns(item: CslItem) {
  return {
    type: item.type,
    title: typeof item.title === 'string' ? item.title : '',
    authors: [...(item.author ?? []), ...(item.editor ?? [])].map(nameText).join('; '),
    year: year(item),
    doi: doiOf(item),
  };
}

interface Row {
  id: string;
  citationKey: string;
  type: string;
  title: string;
  authors: string;
  year: number | null;
  doi: string;
  csl: string;
  note: string;
  documents: number;
  evidence: number;
}

/** How many live memos cite each key: memos hold citations as text, so they are read. */
function memosCiting(project: Project): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { body } of project.db.prepare('SELECT body FROM memos WHERE deleted = 0').iterate() as Iterable<{ body: string }>) {
    for (const key of new Set(parseCitations(body).flatMap((c) => c.cites.map((x) => x.id)))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Live references matching `where` (a condition on `r`), with where each is used. */
function selectReferences(project: Project, where: string, ...params: string[]): Reference[] {
  const rows = project.db
    .prepare(
      `SELECT r.id, r.citation_key AS citationKey, r.item_type AS type, r.title, r.authors, r.issued_year AS year, r.doi, r.csl, r.note,
        (SELECT count(*) FROM documents d WHERE d.reference_id = r.id AND d.deleted = 0) AS documents,
        (SELECT count(*) FROM assessment_evidence ev WHERE ev.reference_id = r.id AND ev.deleted = 0) AS evidence
       FROM refs r WHERE r.deleted = 0 AND ${where} ORDER BY r.citation_key COLLATE NOCASE`,
    )
    .all(...params) as Row[];
  const memos = memosCiting(project);
  return rows.map(({ csl, documents, evidence, ...r }) => ({
    ...r,
    csl: JSON.parse(csl) as CslItem,
    usedBy: { documents, evidence, memos: memos.get(r.citationKey) ?? 0 },
  }));
}

export function listReferences(project: Project): Reference[] {
  return selectReferences(project, '1');
}

export function getReference(project: Project, id: string): Reference {
  const [r] = selectReferences(project, 'r.id = ?', id);
  if (!r) throw new AppError('not_found', 'No such reference in the library.');
  return r;
}

function takenKeys(project: Project): CitationKeys {
  const rows = project.db.prepare('SELECT citation_key AS k FROM refs WHERE deleted = 0').all() as { k: string }[];
  return new CitationKeys(new Set(rows.map((r) => r.k)));
}

const INSERT_REF =
  'INSERT INTO refs(id, citation_key, item_type, title, authors, issued_year, doi, csl, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

function insert(
  project: Project,
  item: CslItem,
  stamp: () => string,
  keys: CitationKeys,
  statement = project.db.prepare(INSERT_REF),
): string {
  const key = item.id && !keys.has(item.id) && /^[\p{L}\p{N}_:.#$%&+?<>~/-]+$/u.test(item.id) ? item.id : keys.next(item);
  keys.take(key);
  const c = columns(item);
  const id = newId();
  statement.run(id, key, c.type, c.title, c.authors, c.year, c.doi, JSON.stringify({ ...item, id: key }), stamp(), project.coderId);
  return id;
}

/** Adds one reference typed in by hand (or pasted CSL-JSON). */
export function createReference(project: Project, item: unknown): Reference {
  const [valid] = validateCslItems(item);
  if (!valid) throw new AppError('invalid', 'A reference needs at least a type.');
  const id = project.write((stamp) => insert(project, valid, stamp, takenKeys(project)));
  return getReference(project, id);
}

export function updateReference(project: Project, id: string, item: unknown, note?: string): Reference {
  const old = getReference(project, id);
  const [valid] = validateCslItems(item);
  if (!valid) throw new AppError('invalid', 'A reference needs at least a type.');
  const c = columns(valid);
  project.write((stamp) =>
    project.db
      .prepare(
        'UPDATE refs SET item_type = ?, title = ?, authors = ?, issued_year = ?, doi = ?, csl = ?, note = ?, stamp = ?, coder_id = ? WHERE id = ?',
      )
      // The citation key is stable: memos cite it.
      .run(
        c.type,
        c.title,
        c.authors,
        c.year,
        c.doi,
        JSON.stringify({ ...valid, id: old.citationKey }),
        note ?? old.note,
        stamp(),
        project.coderId,
        id,
      ),
  );
  return getReference(project, id);
}

function setDeleted(project: Project, id: string, deleted: 0 | 1): void {
  if (!project.db.prepare('SELECT 1 FROM refs WHERE id = ?').get(id)) throw new AppError('not_found', 'No such reference in the library.');
  project.setDeleted('refs', id, deleted === 1);
}
export const deleteReference = (project: Project, id: string): void => setDeleted(project, id, 1);
export const restoreReference = (project: Project, id: string): Reference => (setDeleted(project, id, 0), getReference(project, id));

type Duplicate = NonNullable<ImportCandidate['duplicateOf']>;

/** The title + year + first author an item is matched on, or '' when it has no title. */
function titleKey(title: string, year: number | null, item: CslItem): string {
  const folded = foldKey(title);
  return folded ? JSON.stringify([folded, year, firstFamily(item)]) : '';
}

/**
 * The library indexed once for duplicate detection: by DOI, and by folded title + year + first
 * author. Each key keeps the first reference in the library's order, as a scan would find it.
 */
class LibraryIndex {
  private readonly byDoi = new Map<string, Reference>();
  private readonly byTitle = new Map<string, Reference>();

  constructor(existing: Reference[]) {
    for (const r of existing) {
      if (r.doi && !this.byDoi.has(r.doi)) this.byDoi.set(r.doi, r);
      const key = titleKey(r.title, r.year, r.csl);
      if (key && !this.byTitle.has(key)) this.byTitle.set(key, r);
    }
  }

  /** Which existing reference an incoming item duplicates, if any: DOI first, then title + year + first author. */
  find(item: CslItem): Duplicate | undefined {
    const match = (r: Reference, reason: DuplicateReason): Duplicate => ({ id: r.id, citationKey: r.citationKey, title: r.title, reason });
    const doi = doiOf(item);
    const byDoi = doi ? this.byDoi.get(doi) : undefined;
    if (byDoi) return match(byDoi, 'doi');
    const c = columns(item);
    const byTitle = this.byTitle.get(titleKey(c.title, c.year, item));
    return byTitle ? match(byTitle, 'title-year-author') : undefined;
  }
}

/**
 * References one import may bring: about 4 s of writing on a busy two-core laptop (the search
 * index is most of it). Far beyond a real library file; a bigger one is imported in parts.
 */
export const MAX_IMPORT_REFERENCES = 50_000;

/** Reads a file of references and says, for each, whether it looks like one already in the library. */
export function previewImport(project: Project, fileName: string, text: string): ImportPreview {
  const parsed = parseReferences(fileName, text);
  if (parsed.items.length > MAX_IMPORT_REFERENCES)
    throw new AppError(
      'invalid',
      `This file holds ${parsed.items.length.toLocaleString('en-US')} references; Field Coder imports up to ${MAX_IMPORT_REFERENCES.toLocaleString('en-US')} at a time. Split it into parts and import those.`,
    );
  const library = new LibraryIndex(listReferences(project));
  const candidates = parsed.items.map((item, index) => {
    const dup = library.find(item);
    return dup ? { index, item, duplicateOf: dup } : { index, item };
  });
  return { format: parsed.format, candidates, warnings: parsed.warnings };
}

/**
 * Imports after the user decided: 'add' makes a new reference, 'skip' leaves it out, 'merge'
 * fills the duplicate's empty fields from the incoming item (existing values win). One
 * transaction: all or nothing.
 */
export function commitImport(
  project: Project,
  fileName: string,
  text: string,
  decisions: Record<number, ImportDecision>,
): { added: number; merged: number; skipped: number } {
  const preview = previewImport(project, fileName, text);
  const keys = takenKeys(project);
  const counts = { added: 0, merged: 0, skipped: 0 };
  const readCsl = project.db.prepare('SELECT id, citation_key AS citationKey, csl FROM refs WHERE id = ? AND deleted = 0');
  const insertRef = project.db.prepare(INSERT_REF);
  project.write((stamp) => {
    for (const c of preview.candidates) {
      const decision = decisions[c.index] ?? (c.duplicateOf ? 'skip' : 'add');
      if (decision === 'skip') counts.skipped++;
      else if (decision === 'merge') {
        if (!c.duplicateOf) throw new AppError('invalid', `Item ${c.index + 1} has nothing to merge with.`);
        // The row as it is now (an earlier item of this file may have merged into it too).
        const old = readCsl.get(c.duplicateOf.id) as { id: string; citationKey: string; csl: string } | undefined;
        if (!old) throw new AppError('not_found', 'No such reference in the library.');
        const oldCsl = JSON.parse(old.csl) as CslItem;
        const merged = {
          ...c.item,
          ...Object.fromEntries(Object.entries(oldCsl).filter(([, v]) => v !== undefined && v !== '')),
        } as CslItem;
        const cols = columns(merged);
        project.db
          .prepare(
            'UPDATE refs SET item_type = ?, title = ?, authors = ?, issued_year = ?, doi = ?, csl = ?, stamp = ?, coder_id = ? WHERE id = ?',
          )
          .run(
            cols.type,
            cols.title,
            cols.authors,
            cols.year,
            cols.doi,
            JSON.stringify({ ...merged, id: old.citationKey }),
            stamp(),
            project.coderId,
            old.id,
          );
        counts.merged++;
      } else {
        insert(project, c.item, stamp, keys, insertRef);
        counts.added++;
      }
    }
  });
  return counts;
}

export function exportReferences(project: Project, format: 'csljson' | 'bibtex'): string {
  const items = listReferences(project).map((r) => ({ ...r.csl, id: r.citationKey }));
  return format === 'csljson' ? `${JSON.stringify(items, null, 2)}\n` : writeBibtex(items);
}
