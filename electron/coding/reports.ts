// Code reports: how often each code is applied per document, per interviewee role, and
// together with each other code (co-occurrence = both codes on one excerpt). Counts are of
// live excerpts in live documents; each report can be written as CSV.
import type { Project } from '../project/project.js';
import { csvLine } from './csv.js';

export interface CrossTab {
  /** Row headers: codes. */
  rows: { id: string; name: string }[];
  /** Column headers: documents, roles or codes. */
  columns: { id: string; name: string }[];
  /** counts[r][c] */
  counts: number[][];
}

export type ReportKind = 'code-document' | 'code-role' | 'co-occurrence';

function liveCodes(project: Project): { id: string; name: string }[] {
  return project.db.prepare('SELECT id, name FROM codes WHERE deleted = 0 ORDER BY sort_order, name COLLATE NOCASE').all() as {
    id: string;
    name: string;
  }[];
}

function tabulate(rows: CrossTab['rows'], columns: CrossTab['columns'], cells: { r: string; c: string; n: number }[]): CrossTab {
  const ri = new Map(rows.map((r, i) => [r.id, i]));
  const ci = new Map(columns.map((c, i) => [c.id, i]));
  const counts = rows.map(() => columns.map(() => 0));
  for (const { r, c, n } of cells) {
    const i = ri.get(r);
    const j = ci.get(c);
    if (i !== undefined && j !== undefined) counts[i]![j] = n;
  }
  return { rows, columns, counts };
}

const LIVE = `FROM excerpt_codes ec JOIN excerpts e ON e.id = ec.excerpt_id AND e.deleted = 0
  JOIN documents d ON d.id = e.document_id AND d.deleted = 0 WHERE ec.deleted = 0`;

export function codeReport(project: Project, kind: ReportKind): CrossTab {
  const codes = liveCodes(project);
  const db = project.db;
  if (kind === 'code-document') {
    const docs = db
      .prepare('SELECT id, title AS name FROM documents WHERE deleted = 0 ORDER BY title COLLATE NOCASE')
      .all() as CrossTab['columns'];
    const cells = db
      .prepare(`SELECT ec.code_id AS r, e.document_id AS c, count(*) AS n ${LIVE} GROUP BY ec.code_id, e.document_id`)
      .all() as {
      r: string;
      c: string;
      n: number;
    }[];
    return tabulate(codes, docs, cells);
  }
  if (kind === 'code-role') {
    const cells = db
      .prepare(`SELECT ec.code_id AS r, CASE d.role WHEN '' THEN '(no role)' ELSE d.role END AS c, count(*) AS n ${LIVE} GROUP BY 1, 2`)
      .all() as { r: string; c: string; n: number }[];
    const roles = [...new Set(cells.map((c) => c.c))].sort((a, b) => a.localeCompare(b)).map((r) => ({ id: r, name: r }));
    return tabulate(codes, roles, cells);
  }
  const cells = db
    .prepare(
      `SELECT a.code_id AS r, b.code_id AS c, count(*) AS n
       FROM excerpt_codes a JOIN excerpt_codes b ON b.excerpt_id = a.excerpt_id AND b.code_id <> a.code_id AND b.deleted = 0
       JOIN excerpts e ON e.id = a.excerpt_id AND e.deleted = 0 JOIN documents d ON d.id = e.document_id AND d.deleted = 0
       WHERE a.deleted = 0 GROUP BY a.code_id, b.code_id`,
    )
    .all() as { r: string; c: string; n: number }[];
  return tabulate(codes, codes, cells);
}

export function reportCsv(t: CrossTab): string {
  const lines = [csvLine(['code', ...t.columns.map((c) => c.name)])];
  t.rows.forEach((r, i) => lines.push(csvLine([r.name, ...t.counts[i]!.map(String)])));
  return `${lines.join('\n')}\n`;
}
