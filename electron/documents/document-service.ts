// Documents in a project: import (one transaction per file, or per group of files), list, read,
// edit metadata, trash and restore. Document text is immutable once imported: excerpts point into it by offset.
import { basename, extname } from 'node:path';
import type { DocumentMetaPatch } from '../api/contract.js';
import { AppError, toErrorValue } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Project } from '../project/project.js';
import { extractFile } from './extract-file.js';
import { codePointLength, countWords, normalizeImportedText } from './normalize.js';
import type { DocumentFull, DocumentKind, DocumentRow, Identity, ImportOutcome } from './types.js';

const ROW_COLUMNS = `d.id, d.kind, d.title, d.author, d.doc_date AS docDate, d.language, d.reference_id AS referenceId,
  d.pseudonym, d.role, d.org_type AS orgType, d.interview_date AS interviewDate, d.place, d.interviewer, d.consent, d.notes,
  d.word_count AS wordCount, d.char_count AS charCount, d.source_name AS sourceName, d.source_format AS sourceFormat,
  d.imported_at AS importedAt, d.deleted,
  (SELECT count(*) FROM excerpts e WHERE e.document_id = d.id AND e.deleted = 0) AS excerptCount`;

type RawRow = Omit<DocumentRow, 'deleted'> & { deleted: number };
const toRow = (r: RawRow): DocumentRow => ({ ...r, deleted: r.deleted === 1 });

/** Patch fields -> columns. Only these can be changed; the text never can. */
const COLUMN_OF: Record<keyof DocumentMetaPatch, string> = {
  title: 'title',
  kind: 'kind',
  author: 'author',
  docDate: 'doc_date',
  language: 'language',
  referenceId: 'reference_id',
  pseudonym: 'pseudonym',
  role: 'role',
  orgType: 'org_type',
  interviewDate: 'interview_date',
  place: 'place',
  interviewer: 'interviewer',
  consent: 'consent',
  notes: 'notes',
};

export interface NewDocument {
  title: string;
  text: string;
  kind: DocumentKind;
  sourceName: string;
  sourceFormat: string;
  meta?: DocumentMetaPatch;
}

const INSERT_COLUMNS = `INSERT INTO documents(id, kind, title, text, char_count, word_count, source_name, source_format, imported_at, stamp, coder_id) VALUES `;
/** Rows per INSERT statement: a group of files' worth (IMPORT_GROUP_FILES), well inside SQLite's bound-parameter limit. */
const ROWS_PER_INSERT = 50;

/**
 * Inserts documents; their `text` must already be normalised. Call inside `project.write`.
 * Several rows go in one statement because FTS5 (the insert trigger feeds documents_fts) flushes
 * its pending index at every statement: one statement per document made the index in many small
 * segments and cost about 40% more than one per group (issue 7, measured at the bench's L size).
 */
function insertDocuments(project: Project, docs: NewDocument[], stamp: () => string): string[] {
  const ids = docs.map(() => newId());
  const importedAt = new Date().toISOString();
  for (let from = 0; from < docs.length; from += ROWS_PER_INSERT) {
    const rows = docs.slice(from, from + ROWS_PER_INSERT);
    project.db
      .prepare(INSERT_COLUMNS + rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', '))
      .run(
        rows.flatMap((doc, k) => [
          ids[from + k]!,
          doc.kind,
          doc.title,
          doc.text,
          codePointLength(doc.text),
          countWords(doc.text),
          doc.sourceName,
          doc.sourceFormat,
          importedAt,
          stamp(),
          project.coderId,
        ]),
      );
  }
  docs.forEach((doc, k) => {
    if (doc.meta) applyPatch(project, ids[k]!, doc.meta, stamp);
  });
  return ids;
}

function applyPatch(project: Project, id: string, patch: DocumentMetaPatch, stamp: () => string): void {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof DocumentMetaPatch, unknown][];
  if (entries.length === 0) return;
  if (patch.referenceId) {
    const ref = project.db.prepare('SELECT 1 FROM refs WHERE id = ? AND deleted = 0').get(patch.referenceId);
    if (!ref) throw new AppError('not_found', 'That reference is not in the library.');
  }
  const sets = entries.map(([k]) => `${COLUMN_OF[k]} = ?`).join(', ');
  project.db
    .prepare(`UPDATE documents SET ${sets}, stamp = ?, coder_id = ? WHERE id = ?`)
    .run(...entries.map(([, v]) => v as string | null), stamp(), project.coderId, id);
}

function titleFromFileName(fileName: string): string {
  return basename(fileName, extname(fileName)).trim() || 'Untitled';
}

/**
 * Imports one file (a group of one; see importFiles). Every outcome is a value: a refused file
 * says why and leaves nothing behind; an imported one is complete (text, metadata and search
 * index in one transaction). `meta` is set with it: its title, if any, names the document.
 */
export async function importFile(
  project: Project,
  fileName: string,
  bytes: Uint8Array,
  kind: DocumentKind,
  meta?: DocumentMetaPatch,
): Promise<ImportOutcome> {
  return (await importFiles(project, [{ fileName, bytes, ...(meta ? { meta } : {}) }], kind))[0]!;
}

/**
 * Imports a group of files in one transaction. Each file is read on its own and may be refused
 * on its own (its outcome says why); the readable ones are then written together, because each
 * commit is a sync to disk (`synchronous=FULL`) and per-file commits were most of an import's
 * time (at the bench's L size, 1,000 interviews: about 7 ms of sync per file on this disk). If
 * the write fails (a full disk, say) none of the group is written and every file says why.
 */
export async function importFiles(
  project: Project,
  files: { fileName: string; bytes: Uint8Array; meta?: DocumentMetaPatch }[],
  kind: DocumentKind,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  const ready: { index: number; doc: NewDocument; notes: string }[] = [];
  for (const f of files) {
    const name = basename(f.fileName);
    try {
      const extracted = await extractFile(name, f.bytes);
      const doc: NewDocument = {
        title: f.meta?.title ?? extracted.title ?? titleFromFileName(name),
        text: extracted.text,
        kind,
        sourceName: name,
        sourceFormat: extracted.format,
        ...(f.meta ? { meta: f.meta } : {}),
      };
      ready.push({ index: outcomes.length, doc, notes: extracted.notes.join('; ') });
      outcomes.push({ fileName: name, status: 'imported', message: '' });
    } catch (err) {
      outcomes.push({ fileName: name, status: 'refused', message: toErrorValue(err).message });
    }
  }
  if (!ready.length) return outcomes;
  let ids: string[];
  try {
    ids = project.write((stamp) =>
      insertDocuments(
        project,
        ready.map((r) => r.doc),
        stamp,
      ),
    );
  } catch (err) {
    const message = toErrorValue(err).message;
    for (const r of ready) outcomes[r.index] = { fileName: r.doc.sourceName, status: 'refused', message };
    return outcomes;
  }
  ready.forEach((r, k) => {
    outcomes[r.index] = { fileName: r.doc.sourceName, status: 'imported', message: r.notes, document: getRow(project, ids[k]!) };
  });
  return outcomes;
}

export function importPastedText(project: Project, title: string, text: string, kind: DocumentKind): ImportOutcome {
  const normalized = normalizeImportedText(text);
  if (!normalized.trim()) return { fileName: title, status: 'refused', message: 'There is no text to import.' };
  const [id] = project.write((stamp) =>
    insertDocuments(project, [{ title, text: normalized, kind, sourceName: '', sourceFormat: 'pasted' }], stamp),
  );
  return { fileName: title, status: 'imported', message: '', document: getRow(project, id!) };
}

export function listDocuments(project: Project, trash = false): DocumentRow[] {
  const rows = project.db
    .prepare(`SELECT ${ROW_COLUMNS} FROM documents d WHERE d.deleted = ? ORDER BY d.title COLLATE NOCASE, d.rid`)
    .all(trash ? 1 : 0) as RawRow[];
  return rows.map(toRow);
}

export function getRow(project: Project, id: string): DocumentRow {
  const row = project.db.prepare(`SELECT ${ROW_COLUMNS} FROM documents d WHERE d.id = ?`).get(id) as RawRow | undefined;
  if (!row) throw new AppError('not_found', 'No such document in this project.');
  return toRow(row);
}

export function getDocument(project: Project, id: string): DocumentFull {
  const row = getRow(project, id);
  const { text } = project.db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string };
  return { ...row, text };
}

export function updateDocument(project: Project, id: string, patch: DocumentMetaPatch): DocumentRow {
  getRow(project, id);
  project.write((stamp) => applyPatch(project, id, patch, stamp));
  return getRow(project, id);
}

function setDeleted(project: Project, id: string, deleted: 0 | 1): DocumentRow {
  getRow(project, id);
  project.setDeleted('documents', id, deleted === 1);
  return getRow(project, id);
}

/** To the trash: a tombstone, so the delete merges and can be undone. */
export const deleteDocument = (project: Project, id: string): DocumentRow => setDeleted(project, id, 1);
export const restoreDocument = (project: Project, id: string): DocumentRow => setDeleted(project, id, 0);

export function getIdentity(project: Project, documentId: string): Identity | null {
  getRow(project, documentId);
  const row = project.db
    .prepare(
      'SELECT document_id AS documentId, real_name AS realName, contact, notes FROM identities WHERE document_id = ? AND deleted = 0 ORDER BY stamp DESC LIMIT 1',
    )
    .get(documentId) as Identity | undefined;
  return row ?? null;
}

export function setIdentity(project: Project, identity: Identity): Identity {
  getRow(project, identity.documentId);
  project.write((stamp) => {
    const existing = project.db.prepare('SELECT id FROM identities WHERE document_id = ? AND deleted = 0').get(identity.documentId) as
      { id: string } | undefined;
    if (existing) {
      project.db
        .prepare('UPDATE identities SET real_name = ?, contact = ?, notes = ?, stamp = ?, coder_id = ? WHERE id = ?')
        .run(identity.realName, identity.contact, identity.notes, stamp(), project.coderId, existing.id);
    } else {
      project.db
        .prepare('INSERT INTO identities(id, document_id, real_name, contact, notes, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(newId(), identity.documentId, identity.realName, identity.contact, identity.notes, stamp(), project.coderId);
    }
  });
  // The old name or contact must not linger in the file's old page or the WAL's older frames
  // (issue 8): SQLite's automatic checkpoints are off (project/seal.ts), so checkpoint now, the
  // file sealed as it will then be.
  project.checkpointSealedNow();
  return getIdentity(project, identity.documentId)!;
}
