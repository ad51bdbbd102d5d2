// What a REFI-QDA export reads from the project: live rows only, each list in a fixed order so
// the same project always gives the same file.
import type { Project } from '../../project/project.js';

export interface XCoder {
  id: string;
  name: string;
}
export interface XCode {
  id: string;
  parentId: string | null;
  name: string;
  color: string;
  description: string;
}
export interface XDocument {
  id: string;
  kind: string;
  title: string;
  text: string;
  notes: string;
  pseudonym: string;
  role: string;
  orgType: string;
  place: string;
  interviewDate: string;
  importedAt: string;
  coderId: string | null;
}
export interface XExcerpt {
  id: string;
  documentId: string;
  start: number;
  end: number;
  note: string;
  coderId: string | null;
}
export interface XCoding {
  id: string;
  excerptId: string;
  codeId: string;
  coderId: string | null;
}
export interface XMemo {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  coderId: string | null;
}

export interface ExportData {
  projectId: string;
  name: string;
  createdAt: string;
  coders: XCoder[];
  codes: XCode[];
  documents: XDocument[];
  excerpts: XExcerpt[];
  codings: XCoding[];
  memos: XMemo[];
}

export function readExportData(project: Project): ExportData {
  const db = project.db;
  const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
  return {
    projectId: project.getMeta('project_id') ?? '',
    name: project.name,
    createdAt: project.getMeta('created_at') ?? '',
    // Deleted coders too: a coder removed later still made the codings they made.
    coders: all('SELECT id, name FROM coders ORDER BY name, id'),
    codes: all(`SELECT id, parent_id AS parentId, name, color, description FROM codes WHERE deleted = 0 ORDER BY sort_order, name, id`),
    documents: all(
      `SELECT id, kind, title, text, notes, pseudonym, role, org_type AS orgType, place, interview_date AS interviewDate,
              imported_at AS importedAt, coder_id AS coderId
       FROM documents WHERE deleted = 0 ORDER BY rid`,
    ),
    excerpts: all(
      `SELECT e.id, e.document_id AS documentId, e.start_offset AS start, e.end_offset AS "end", e.note, e.coder_id AS coderId
       FROM excerpts e JOIN documents d ON d.id = e.document_id AND d.deleted = 0
       WHERE e.deleted = 0 ORDER BY e.document_id, e.start_offset, e.end_offset, e.id`,
    ),
    codings: all(
      `SELECT ec.id, ec.excerpt_id AS excerptId, ec.code_id AS codeId, ec.coder_id AS coderId
       FROM excerpt_codes ec JOIN codes c ON c.id = ec.code_id AND c.deleted = 0
       WHERE ec.deleted = 0 ORDER BY ec.excerpt_id, c.sort_order, c.name, ec.id`,
    ),
    memos: all('SELECT id, title, body, created_at AS createdAt, coder_id AS coderId FROM memos WHERE deleted = 0 ORDER BY rid'),
  };
}

/** Rows the export leaves out, by what they are: for the report. */
export function omittedCounts(project: Project): Record<string, number> {
  const n = (sql: string): number => (project.db.prepare(sql).get() as { n: number }).n;
  return {
    identities: n('SELECT count(*) AS n FROM identities WHERE deleted = 0'),
    references: n('SELECT count(*) AS n FROM refs WHERE deleted = 0'),
    memoVersions: n('SELECT count(*) AS n FROM memo_versions WHERE deleted = 0'),
    outcomeRules: n('SELECT count(*) AS n FROM outcome_rules WHERE deleted = 0'),
    outcomes: n('SELECT count(*) AS n FROM outcomes WHERE deleted = 0'),
    unitAliases: n('SELECT count(*) AS n FROM unit_aliases WHERE deleted = 0'),
    trash:
      n('SELECT count(*) AS n FROM documents WHERE deleted = 1') +
      n('SELECT count(*) AS n FROM excerpts WHERE deleted = 1') +
      n('SELECT count(*) AS n FROM codes WHERE deleted = 1') +
      n('SELECT count(*) AS n FROM memos WHERE deleted = 1'),
    documentMeta: n(
      `SELECT count(*) AS n FROM documents WHERE deleted = 0 AND (author <> '' OR doc_date <> '' OR language <> ''
         OR interviewer <> '' OR consent <> 'unknown' OR reference_id IS NOT NULL)`,
    ),
  };
}
