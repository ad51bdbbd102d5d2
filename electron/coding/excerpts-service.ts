// Coded excerpts: a passage [start, end) of a document (code point offsets), its text, a note
// and its codes. Excerpts may overlap and nest.
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Project } from '../project/project.js';
import type { Excerpt } from './types.js';

const SELECT = `SELECT e.id, e.document_id AS documentId, d.title AS documentTitle, d.role, e.start_offset AS start,
  e.end_offset AS "end", e.text, e.note, e.coder_id AS coderId, COALESCE(c.name, '') AS coderName, e.stamp,
  (SELECT group_concat(ec.code_id) FROM excerpt_codes ec JOIN codes k ON k.id = ec.code_id AND k.deleted = 0
    WHERE ec.excerpt_id = e.id AND ec.deleted = 0) AS codeList
  FROM excerpts e JOIN documents d ON d.id = e.document_id LEFT JOIN coders c ON c.id = e.coder_id`;

type Raw = Omit<Excerpt, 'codeIds'> & { codeList: string | null };
const toExcerpt = ({ codeList, ...r }: Raw): Excerpt => ({ ...r, codeIds: codeList ? codeList.split(',') : [] });

export function getExcerpt(project: Project, id: string): Excerpt {
  const row = project.db.prepare(`${SELECT} WHERE e.id = ?`).get(id) as Raw | undefined;
  if (!row) throw new AppError('not_found', 'No such excerpt in this project.');
  return toExcerpt(row);
}

export interface ExcerptFilter {
  codeId?: string;
  documentId?: string;
  role?: string;
  coderId?: string;
}

export function listExcerpts(project: Project, f: ExcerptFilter = {}): Excerpt[] {
  const where = ['e.deleted = 0', 'd.deleted = 0'];
  const params: string[] = [];
  if (f.codeId) {
    // Driven from the code's codings (indexed), not a scan of every excerpt.
    where.push('e.id IN (SELECT ec.excerpt_id FROM excerpt_codes ec WHERE ec.code_id = ? AND ec.deleted = 0)');
    params.push(f.codeId);
  }
  if (f.documentId) {
    where.push('e.document_id = ?');
    params.push(f.documentId);
  }
  if (f.role) {
    where.push('d.role = ?');
    params.push(f.role);
  }
  if (f.coderId) {
    where.push('e.coder_id = ?');
    params.push(f.coderId);
  }
  const rows = project.db
    .prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.title, e.start_offset, e.end_offset`)
    .all(...params) as Raw[];
  return rows.map(toExcerpt);
}

/** The passage's text, cut by SQLite (substr counts characters, i.e. code points, in UTF-8). */
function passage(project: Project, documentId: string, start: number, end: number): string {
  const doc = project.db.prepare('SELECT char_count AS n, deleted FROM documents WHERE id = ?').get(documentId) as
    { n: number; deleted: number } | undefined;
  if (!doc || doc.deleted) throw new AppError('not_found', 'No such document in this project.');
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= doc.n)) {
    throw new AppError('invalid', `An excerpt must lie inside its document (0–${doc.n}) and hold at least one character.`);
  }
  return (
    project.db.prepare('SELECT substr(text, ?, ?) AS t FROM documents WHERE id = ?').get(start + 1, end - start, documentId) as {
      t: string;
    }
  ).t;
}

function requireCodes(project: Project, codeIds: string[]): void {
  const st = project.db.prepare('SELECT 1 FROM codes WHERE id = ? AND deleted = 0');
  for (const c of codeIds) if (!st.get(c)) throw new AppError('not_found', 'One of those codes is not in the codebook.');
}

function setCodesIn(project: Project, excerptId: string, codeIds: string[], stamp: () => string): void {
  const db = project.db;
  const current = db.prepare('SELECT id, code_id AS codeId, deleted FROM excerpt_codes WHERE excerpt_id = ?').all(excerptId) as {
    id: string;
    codeId: string;
    deleted: number;
  }[];
  const want = new Set(codeIds);
  const upd = db.prepare('UPDATE excerpt_codes SET deleted = ?, stamp = ?, coder_id = ? WHERE id = ?');
  for (const c of current) {
    const del = want.has(c.codeId) ? 0 : 1;
    if (del !== c.deleted) upd.run(del, stamp(), project.coderId, c.id);
    want.delete(c.codeId);
  }
  const ins = db.prepare('INSERT INTO excerpt_codes(id, excerpt_id, code_id, stamp, coder_id) VALUES (?, ?, ?, ?, ?)');
  for (const codeId of want) ins.run(newId(), excerptId, codeId, stamp(), project.coderId);
}

export interface NewExcerpt {
  documentId: string;
  start: number;
  end: number;
  codeIds: string[];
  note?: string;
}

export function createExcerpt(project: Project, input: NewExcerpt): Excerpt {
  const id = newId();
  project.write((stamp) => {
    requireCodes(project, input.codeIds);
    const text = passage(project, input.documentId, input.start, input.end);
    project.db
      .prepare(
        'INSERT INTO excerpts(id, document_id, start_offset, end_offset, text, note, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, input.documentId, input.start, input.end, text, input.note ?? '', stamp(), project.coderId);
    setCodesIn(project, id, input.codeIds, stamp);
  });
  return getExcerpt(project, id);
}

export function updateExcerpt(
  project: Project,
  id: string,
  patch: { start?: number; end?: number; note?: string; codeIds?: string[] },
): Excerpt {
  const ex = getExcerpt(project, id);
  project.write((stamp) => {
    if (patch.start !== undefined || patch.end !== undefined) {
      const start = patch.start ?? ex.start;
      const end = patch.end ?? ex.end;
      const text = passage(project, ex.documentId, start, end);
      project.db
        .prepare('UPDATE excerpts SET start_offset = ?, end_offset = ?, text = ?, stamp = ?, coder_id = ? WHERE id = ?')
        .run(start, end, text, stamp(), project.coderId, id);
    }
    if (patch.note !== undefined)
      project.db
        .prepare('UPDATE excerpts SET note = ?, stamp = ?, coder_id = ? WHERE id = ?')
        .run(patch.note, stamp(), project.coderId, id);
    if (patch.codeIds) {
      requireCodes(project, patch.codeIds);
      setCodesIn(project, id, patch.codeIds, stamp);
    }
  });
  return getExcerpt(project, id);
}

function setDeleted(project: Project, id: string, deleted: 0 | 1): Excerpt {
  getExcerpt(project, id);
  project.setDeleted('excerpts', id, deleted === 1);
  return getExcerpt(project, id);
}

export const deleteExcerpt = (project: Project, id: string): Excerpt => setDeleted(project, id, 1);
export const restoreExcerpt = (project: Project, id: string): Excerpt => setDeleted(project, id, 0);
