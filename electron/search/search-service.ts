// One search across documents, excerpts, memos and references (FTS5), with the framework's
// unit aliases expanding the query and filters by document kind, role, date and code.
import type { SearchInput } from '../api/contract.js';
import { AppError } from '../core/errors.js';
import type { Project } from '../project/project.js';
import { firstOccurrence } from './fold-offset.js';
import { compileQuery, foldKey } from './query.js';
import { documentSnippet, snippetMatcher, textSnippet } from './text-snippet.js';
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

/**
 * The best excerpts. A common word matches tens of thousands of excerpts, and joining each to its
 * excerpt and document row before ranking cost 40 ms at L; without filters, rank in the index
 * alone and join only the best few (a margin covers trashed rows), falling back to the full join
 * in the rare case that the margin was not enough.
 */
function rankExcerpts(
  project: Project,
  match: string,
  input: SearchInput,
  f: Filters,
  docLevel: boolean,
  limit: number,
): Omit<Ranked, 'scope'>[] {
  const cols = 'e.rid, e.id, d.title, e.document_id AS documentId, e.start_offset AS offset';
  if (!docLevel) {
    const take = limit * 2 + 20;
    const best = runFts<{ rid: number; rank: number }>(
      project,
      'SELECT rowid AS rid, rank FROM excerpts_fts WHERE excerpts_fts MATCH ? ORDER BY rank LIMIT ?',
      [match, take],
    );
    const rankOf = new Map(best.map((b) => [b.rid, b.rank]));
    const rows = (
      project.db
        .prepare(
          `SELECT ${cols} FROM excerpts e JOIN documents d ON d.id = e.document_id
           WHERE e.rid IN (SELECT value FROM json_each(?)) AND e.deleted = 0 AND d.deleted = 0`,
        )
        .all(JSON.stringify(best.map((b) => b.rid))) as Omit<Ranked, 'scope' | 'rank'>[]
    ).map((r) => ({ ...r, rank: rankOf.get(r.rid)! }));
    if (rows.length >= limit || best.length < take) return rows.sort((a, b) => a.rank - b.rank).slice(0, limit);
  }
  const code = input.codeId
    ? ' AND EXISTS (SELECT 1 FROM excerpt_codes ec WHERE ec.excerpt_id = e.id AND ec.deleted = 0 AND ec.code_id = ?)'
    : '';
  return runFts<Omit<Ranked, 'scope'>>(
    project,
    `SELECT ${cols}, bm25(excerpts_fts) AS rank
     FROM excerpts_fts JOIN excerpts e ON e.rid = excerpts_fts.rowid JOIN documents d ON d.id = e.document_id
     WHERE excerpts_fts MATCH ? AND e.deleted = 0 AND d.deleted = 0${f.sql}${code} ORDER BY rank LIMIT ?`,
    [match, ...f.params, ...(input.codeId ? [input.codeId] : []), limit],
  );
}

/** A ranked hit before its snippet is made: `rid` is its FTS rowid. */
interface Ranked {
  scope: SearchScope;
  rid: number;
  id: string;
  title: string;
  rank: number;
  documentId?: string;
  offset?: number;
}

/**
 * snippet() for memos and references: table, column, width. Excerpts' snippets are made here
 * like documents' (text-snippet.ts): snippet() needs the MATCH again, and for a prefix that
 * matches thousands of excerpts the MATCH alone took 15 ms at L.
 */
const SNIPPETS: Record<Exclude<SearchScope, 'document' | 'excerpt'>, [string, number, number]> = {
  memo: ['memos_fts', 1, 24],
  reference: ['refs_fts', -1, 16],
};

/**
 * Rank every scope first, then make snippets for the shown hits only: a snippet costs far more
 * than a rank, and most ranked rows are never shown. A document's snippet is made from its text
 * here (text-snippet.ts), which reads only as far as the first hit, rather than by snippet(),
 * which tokenizes the whole transcript.
 */
export function search(project: Project, input: SearchInput): SearchResult {
  const started = performance.now();
  const compiled = compileQuery(input.q, unitAliases(project));
  const empty: SearchResult = { hits: [], terms: compiled.terms, expandedWith: compiled.expandedWith, total: 0, tookMs: 0 };
  if (!compiled.match) return empty;
  const scopes = new Set<SearchScope>(input.scopes?.length ? input.scopes : SEARCH_SCOPES);
  const docLevel = Boolean(input.documentKind || input.role?.trim() || input.from?.trim() || input.to?.trim() || input.codeId);
  const limit = input.limit;
  const f = documentFilters(input);
  const found: Ranked[] = [];
  const add = (scope: SearchScope, rows: Omit<Ranked, 'scope'>[]): void => {
    for (const r of rows) found.push({ scope, ...r });
  };

  if (scopes.has('document')) {
    const code = input.codeId
      ? ' AND EXISTS (SELECT 1 FROM excerpts e JOIN excerpt_codes ec ON ec.excerpt_id = e.id AND ec.deleted = 0 WHERE e.document_id = d.id AND e.deleted = 0 AND ec.code_id = ?)'
      : '';
    const rows = runFts<Omit<Ranked, 'scope'>>(
      project,
      `SELECT d.rid, d.id, d.title, bm25(documents_fts) AS rank, d.id AS documentId
       FROM documents_fts JOIN documents d ON d.rid = documents_fts.rowid
       WHERE documents_fts MATCH ? AND d.deleted = 0${f.sql}${code} ORDER BY rank LIMIT ?`,
      [compiled.match, ...f.params, ...(input.codeId ? [input.codeId] : []), limit],
    );
    add('document', rows);
  }
  if (scopes.has('excerpt')) add('excerpt', rankExcerpts(project, compiled.match, input, f, docLevel, limit));
  if (scopes.has('memo') && !docLevel) {
    const rows = runFts<Omit<Ranked, 'scope'>>(
      project,
      `SELECT m.rid, m.id, m.title, bm25(memos_fts) AS rank
       FROM memos_fts JOIN memos m ON m.rid = memos_fts.rowid WHERE memos_fts MATCH ? AND m.deleted = 0 ORDER BY rank LIMIT ?`,
      [compiled.match, limit],
    );
    add('memo', rows);
  }
  if (scopes.has('reference') && !docLevel) {
    const rows = runFts<Omit<Ranked, 'scope'>>(
      project,
      `SELECT r.rid, r.id, r.title, bm25(refs_fts) AS rank
       FROM refs_fts JOIN refs r ON r.rid = refs_fts.rowid WHERE refs_fts MATCH ? AND r.deleted = 0 ORDER BY rank LIMIT ?`,
      [compiled.match, limit],
    );
    add('reference', rows);
  }

  // bm25 ranks are comparable enough across our small tables to interleave; best first.
  found.sort((a, b) => a.rank - b.rank);
  const top = found.slice(0, limit);

  const snips = new Map<string, string>(); // `${scope}:${rid}` -> snippet with markers
  const excerptSnippets = new Map<number, SnippetPart[]>();
  for (const scope of ['memo', 'reference'] as const) {
    const rids = top.filter((h) => h.scope === scope).map((h) => h.rid);
    if (!rids.length) continue;
    const [table, column, width] = SNIPPETS[scope];
    const rows = runFts<{ rid: number; snip: string }>(
      project,
      `SELECT rowid AS rid, snippet(${table}, ${column}, '${OPEN}', '${CLOSE}', '…', ${width}) AS snip FROM ${table}
       WHERE ${table} MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
      [compiled.match, JSON.stringify(rids)],
    );
    for (const r of rows) snips.set(`${scope}:${r.rid}`, r.snip);
  }
  // As bytes: decoding a whole transcript cost more than finding its hit (text-snippet.ts).
  const bytesOf = project.db.prepare('SELECT CAST(text AS BLOB) FROM documents WHERE rid = ?').pluck();
  const matcher = snippetMatcher(compiled.patterns);
  const excerptRids = top.filter((h) => h.scope === 'excerpt').map((h) => h.rid);
  if (excerptRids.length) {
    const rows = project.db
      .prepare('SELECT rid, text, note FROM excerpts WHERE rid IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(excerptRids)) as { rid: number; text: string; note: string }[];
    for (const r of rows) {
      // The passage where the words are in it, else the note where they are there.
      const inText = textSnippet(r.text, matcher);
      const inNote = inText.offset === undefined && r.note ? textSnippet(r.note, matcher) : undefined;
      excerptSnippets.set(r.rid, inNote?.offset !== undefined ? inNote.parts : inText.parts);
    }
  }
  const hits: SearchHit[] = top.map((h) => {
    let offset = h.offset;
    let snippet: SnippetPart[];
    if (h.scope === 'document') {
      const bytes = bytesOf.get(h.rid) as Buffer;
      const made = documentSnippet(bytes, matcher, h.id);
      snippet = made.parts;
      // Open at the hit the snippet shows; fold the whole text only when none was found.
      offset = made.offset ?? firstOccurrence(bytes.toString('utf8'), compiled.terms);
    } else if (h.scope === 'excerpt') snippet = excerptSnippets.get(h.rid) ?? [];
    else snippet = snippetParts(snips.get(`${h.scope}:${h.rid}`) ?? '');
    return {
      scope: h.scope,
      id: h.id,
      title: h.title,
      ...(h.documentId ? { documentId: h.documentId } : {}),
      ...(offset !== undefined ? { offset } : {}),
      snippet,
    };
  });
  return { ...empty, hits, total: found.length, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}
