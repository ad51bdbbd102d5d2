// One search across documents, excerpts, memos and references (FTS5), with the framework's
// unit aliases expanding the query and filters by document kind, role, date and code.
import type { SearchInput } from '../api/contract.js';
import { AppError } from '../core/errors.js';
import type { Project } from '../project/project.js';
import { firstOccurrence, snippetHitOffset } from './fold-offset.js';
import { compileQuery, foldKey } from './query.js';
import { SEARCH_SCOPES, type SearchHit, type SearchResult, type SearchScope, type SnippetPart } from './types.js';

const OPEN = '\u0001';
const CLOSE = '\u0002';

/** Every spelling of every unit, keyed by each folded spelling. */
export function unitAliases(project: Project): Map<string, string[]> {
  const rows = project.db
    .prepare(
      `SELECT u.id, u.name, a.alias FROM units u
       JOIN frameworks f ON f.id = u.framework_id AND f.active = 1 AND f.deleted = 0
       LEFT JOIN unit_aliases a ON a.unit_id = u.id AND a.deleted = 0
       WHERE u.deleted = 0 ORDER BY u.sort_order, a.sort_order`,
    )
    .all() as { id: string; name: string; alias: string | null }[];
  const byUnit = new Map<string, string[]>();
  for (const r of rows) {
    const list = byUnit.get(r.id) ?? [r.name];
    if (r.alias && !list.includes(r.alias)) list.push(r.alias);
    byUnit.set(r.id, list);
  }
  const map = new Map<string, string[]>();
  for (const spellings of byUnit.values()) {
    for (const s of spellings) {
      const key = foldKey(s);
      // A spelling shared by two units (e.g. a river and a district) expands to both.
      map.set(key, [...new Set([...(map.get(key) ?? []), ...spellings])]);
    }
  }
  return map;
}

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length) {
    const open = rest.indexOf(OPEN);
    if (open === -1) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), hit: false });
    const close = rest.indexOf(CLOSE, open);
    const end = close === -1 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), hit: true });
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

interface Filters {
  sql: string;
  params: (string | number)[];
}

/** Document-level filters, for documents and for the documents of excerpts (alias `d`). */
function documentFilters(input: SearchInput): Filters {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (input.documentKind) {
    clauses.push('d.kind = ?');
    params.push(input.documentKind);
  }
  if (input.role?.trim()) {
    clauses.push("d.role LIKE ? ESCAPE '\\'");
    params.push(`%${input.role.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const date = "COALESCE(NULLIF(d.interview_date, ''), NULLIF(d.doc_date, ''))";
  if (input.from?.trim()) {
    clauses.push(`${date} >= ?`);
    params.push(input.from.trim());
  }
  if (input.to?.trim()) {
    // '2016' as an upper bound includes all of 2016
    clauses.push(`${date} <= ?`);
    params.push(`${input.to.trim()}\uffff`);
  }
  return { sql: clauses.map((c) => ` AND ${c}`).join(''), params };
}

function runFts<T>(project: Project, sql: string, params: (string | number)[]): T[] {
  try {
    return project.db.prepare(sql).all(...params) as T[];
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_ERROR'))
      throw new AppError('invalid', `Search could not read that query: ${(err as Error).message.replace(/^fts5: /, '')}`);
    throw err;
  }
}

interface Row {
  id: string;
  title: string;
  snip: string;
  rank: number;
  documentId?: string;
  offset?: number;
}

export function search(project: Project, input: SearchInput): SearchResult {
  const started = performance.now();
  const compiled = compileQuery(input.q, unitAliases(project));
  const empty: SearchResult = { hits: [], terms: compiled.terms, expandedWith: compiled.expandedWith, total: 0, tookMs: 0 };
  if (!compiled.match) return empty;
  const scopes = new Set<SearchScope>(input.scopes?.length ? input.scopes : SEARCH_SCOPES);
  const docLevel = Boolean(input.documentKind || input.role?.trim() || input.from?.trim() || input.to?.trim() || input.codeId);
  const limit = input.limit;
  const f = documentFilters(input);
  const found: { scope: SearchScope; row: Row }[] = [];

  if (scopes.has('document')) {
    const code = input.codeId
      ? ' AND EXISTS (SELECT 1 FROM excerpts e JOIN excerpt_codes ec ON ec.excerpt_id = e.id AND ec.deleted = 0 WHERE e.document_id = d.id AND e.deleted = 0 AND ec.code_id = ?)'
      : '';
    // Rank first, then make snippets for the top rows only: a snippet of a long transcript
    // costs far more than its rank, and the rest are never shown.
    const top = runFts<{ rid: number }>(
      project,
      `SELECT d.rid, bm25(documents_fts) AS rank
       FROM documents_fts JOIN documents d ON d.rid = documents_fts.rowid
       WHERE documents_fts MATCH ? AND d.deleted = 0${f.sql}${code} ORDER BY rank LIMIT ?`,
      [compiled.match, ...f.params, ...(input.codeId ? [input.codeId] : []), limit],
    );
    const rows = runFts<Row>(
      project,
      `SELECT d.id, d.title, snippet(documents_fts, 1, '${OPEN}', '${CLOSE}', '…', 24) AS snip, bm25(documents_fts) AS rank
       FROM documents_fts JOIN documents d ON d.rid = documents_fts.rowid
       WHERE documents_fts MATCH ? AND documents_fts.rowid IN (SELECT value FROM json_each(?)) ORDER BY rank`,
      [compiled.match, JSON.stringify(top.map((t) => t.rid))],
    );
    for (const r of rows) found.push({ scope: 'document', row: { ...r, documentId: r.id } });
  }
  if (scopes.has('excerpt')) {
    const code = input.codeId
      ? ' AND EXISTS (SELECT 1 FROM excerpt_codes ec WHERE ec.excerpt_id = e.id AND ec.deleted = 0 AND ec.code_id = ?)'
      : '';
    const rows = runFts<Row>(
      project,
      `SELECT e.id, d.title, snippet(excerpts_fts, -1, '${OPEN}', '${CLOSE}', '…', 24) AS snip, bm25(excerpts_fts) AS rank,
              e.document_id AS documentId, e.start_offset AS offset
       FROM excerpts_fts JOIN excerpts e ON e.rid = excerpts_fts.rowid JOIN documents d ON d.id = e.document_id
       WHERE excerpts_fts MATCH ? AND e.deleted = 0 AND d.deleted = 0${f.sql}${code} ORDER BY rank LIMIT ?`,
      [compiled.match, ...f.params, ...(input.codeId ? [input.codeId] : []), limit],
    );
    for (const r of rows) found.push({ scope: 'excerpt', row: r });
  }
  if (scopes.has('memo') && !docLevel) {
    const rows = runFts<Row>(
      project,
      `SELECT m.id, m.title, snippet(memos_fts, 1, '${OPEN}', '${CLOSE}', '…', 24) AS snip, bm25(memos_fts) AS rank
       FROM memos_fts JOIN memos m ON m.rid = memos_fts.rowid WHERE memos_fts MATCH ? AND m.deleted = 0 ORDER BY rank LIMIT ?`,
      [compiled.match, limit],
    );
    for (const r of rows) found.push({ scope: 'memo', row: r });
  }
  if (scopes.has('reference') && !docLevel) {
    const rows = runFts<Row>(
      project,
      `SELECT r.id, r.title, snippet(refs_fts, -1, '${OPEN}', '${CLOSE}', '…', 16) AS snip, bm25(refs_fts) AS rank
       FROM refs_fts JOIN refs r ON r.rid = refs_fts.rowid WHERE refs_fts MATCH ? AND r.deleted = 0 ORDER BY rank LIMIT ?`,
      [compiled.match, limit],
    );
    for (const r of rows) found.push({ scope: 'reference', row: r });
  }

  // bm25 ranks are comparable enough across our small tables to interleave; best first.
  found.sort((a, b) => a.row.rank - b.row.rank);
  const top = found.slice(0, limit);
  const textOf = project.db.prepare('SELECT text FROM documents WHERE id = ?');
  const hits: SearchHit[] = top.map(({ scope, row }) => {
    let offset = row.offset;
    const snippet = snippetParts(row.snip);
    if (scope === 'document') {
      // Open at the hit the snippet shows; fold the whole text only when that cannot be placed.
      const { text } = textOf.get(row.id) as { text: string };
      offset = snippetHitOffset(text, snippet) ?? firstOccurrence(text, compiled.terms);
    }
    return {
      scope,
      id: row.id,
      title: row.title,
      ...(row.documentId ? { documentId: row.documentId } : {}),
      ...(offset !== undefined ? { offset } : {}),
      snippet,
    };
  });
  return { ...empty, hits, total: found.length, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}
