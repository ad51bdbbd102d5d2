// Coded excerpts: a passage [start, end) of a document (code point offsets), its text, a note
// and its codes. Excerpts may overlap and nest.
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Project } from '../project/project.js';
import type Database from 'better-sqlite3';
import { csvLine } from './csv.js';
import type { Excerpt, ExcerptPage, ExcerptsExport } from './types.js';

const COLUMNS = `e.id, e.document_id AS documentId, d.title AS documentTitle, d.role, e.start_offset AS start,
  e.end_offset AS "end", e.text, e.note, e.coder_id AS coderId, COALESCE(c.name, '') AS coderName, e.stamp,
  (SELECT group_concat(ec.code_id) FROM excerpt_codes ec JOIN codes k ON k.id = ec.code_id AND k.deleted = 0
    WHERE ec.excerpt_id = e.id AND ec.deleted = 0) AS codeList`;
const SELECT = `SELECT ${COLUMNS}
  FROM excerpts e JOIN documents d ON d.id = e.document_id LEFT JOIN coders c ON c.id = e.coder_id`;

type Raw = Omit<Excerpt, 'codeIds'> & { codeList: string | null };
const toExcerpt = ({ codeList, ...r }: Raw): Excerpt => ({ ...r, codeIds: codeList ? codeList.split(',').sort() : [] });

/** Statements prepared once per connection: preparing costs more than running most of them. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt(project: Project, sql: string): Database.Statement {
  let byText = statements.get(project.db);
  if (!byText) statements.set(project.db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = project.db.prepare(sql)));
  return st;
}

export function getExcerpt(project: Project, id: string): Excerpt {
  const row = stmt(project, `${SELECT} WHERE e.id = ?`).get(id) as Raw | undefined;
  if (!row) throw new AppError('not_found', 'No such excerpt in this project.');
  return toExcerpt(row);
}

export interface ExcerptFilter {
  codeId?: string;
  documentId?: string;
  role?: string;
  coderId?: string;
}

// Excerpts are listed in one order everywhere: by document title, then by position in the
// document (document id, start, end and excerpt id break ties, so the order is total and a page
// can start right after the last row of the one before). Two plans give that order through
// indexes (migration 0004): documents by title with each one's excerpts by position, or, for a
// code with few excerpts, the code's codings sorted (cheaper than passing every excerpt).
const ORDER = 'ORDER BY d.title, d.id, e.start_offset, e.end_offset, e.id';
/** Below `fewCodings` codings a code's excerpts are found from its codings, not by walking all excerpts. (Tests lower it.) */
export const listingPlan = { fewCodings: 3000 };

/** Where a page starts: just after the row with this key. */
type PageKey = [title: string, documentId: string, start: number, end: number, id: string];

const encodeKey = (e: Excerpt): string =>
  Buffer.from(JSON.stringify([e.documentTitle, e.documentId, e.start, e.end, e.id] satisfies PageKey)).toString('base64url');

function decodeKey(cursor: string): PageKey {
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(k) &&
      k.length === 5 &&
      typeof k[0] === 'string' &&
      typeof k[1] === 'string' &&
      Number.isInteger(k[2]) &&
      Number.isInteger(k[3]) &&
      typeof k[4] === 'string'
    )
      return k as PageKey;
  } catch {
    // falls through to the refusal
  }
  throw new AppError('invalid', 'That page of excerpts cannot be found; list them again from the start.');
}

interface Plan {
  sql: string;
  params: Record<string, string | number>;
}

/** The query for `f` (optionally after a key), in list order; `columns` is what to select. */
function plan(project: Project, f: ExcerptFilter, columns: string, after: PageKey | null, fromCodings = false): Plan {
  const params: Record<string, string | number> = {};
  const where = ['d.deleted = 0', 'e.deleted = 0'];
  if (f.documentId) {
    where.push('d.id = @documentId');
    params.documentId = f.documentId;
  }
  if (f.role) {
    where.push('d.role = @role');
    params.role = f.role;
  }
  if (f.coderId) {
    where.push('e.coder_id = @coderId');
    params.coderId = f.coderId;
  }
  if (after) {
    where.push(
      'd.title >= @afterTitle',
      `(d.title > @afterTitle OR (d.title = @afterTitle AND (d.id > @afterDoc OR (d.id = @afterDoc
        AND (e.start_offset, e.end_offset, e.id) > (@afterStart, @afterEnd, @afterId)))))`,
    );
    Object.assign(params, { afterTitle: after[0], afterDoc: after[1], afterStart: after[2], afterEnd: after[3], afterId: after[4] });
  }
  const coders = columns === COLUMNS ? 'LEFT JOIN coders c ON c.id = e.coder_id' : '';
  if (f.codeId) {
    params.codeId = f.codeId;
    const codings = (
      stmt(project, 'SELECT count(*) AS n FROM excerpt_codes WHERE code_id = ? AND deleted = 0').get(f.codeId) as { n: number }
    ).n;
    if (fromCodings || codings < listingPlan.fewCodings) {
      return {
        sql: `SELECT ${columns} FROM excerpt_codes x INDEXED BY excerpt_codes_live CROSS JOIN excerpts e ON e.id = x.excerpt_id
          CROSS JOIN documents d ON d.id = e.document_id ${coders}
          WHERE x.code_id = @codeId AND x.deleted = 0 AND ${where.join(' AND ')} ${ORDER}`,
        params,
      };
    }
    where.push(
      'EXISTS (SELECT 1 FROM excerpt_codes x INDEXED BY excerpt_codes_live_excerpt WHERE x.excerpt_id = e.id AND x.code_id = @codeId AND x.deleted = 0)',
    );
  }
  return {
    sql: `SELECT ${columns} FROM documents d INDEXED BY documents_live_title
      CROSS JOIN excerpts e INDEXED BY excerpts_live_order ON e.document_id = d.id ${coders}
      WHERE ${where.join(' AND ')} ${ORDER}`,
    params,
  };
}

/** Every excerpt matching `f`, in list order. Unbounded: prefer `listExcerptPage` for all of a big project. */
export function listExcerpts(project: Project, f: ExcerptFilter = {}): Excerpt[] {
  const { sql, params } = plan(project, f, COLUMNS, null);
  return (stmt(project, sql).all(params) as Raw[]).map(toExcerpt);
}

export interface ExcerptPageRequest extends ExcerptFilter {
  /** `next` of the page before; without it the list starts at `offset` (default 0). */
  after?: string;
  /** Rows to skip when there is no `after` (the Coding screen's table jumping to a row). */
  offset?: number;
  limit: number;
}

/**
 * One page of the excerpts matching the filter, in list order. `next` is a key, not a position,
 * so walking pages meets every excerpt that exists throughout the walk exactly once, whatever is
 * added or trashed meanwhile.
 */
export function listExcerptPage(project: Project, req: ExcerptPageRequest): ExcerptPage {
  const after = req.after ? decodeKey(req.after) : null;
  const offset = after ? 0 : Math.max(0, Math.floor(req.offset ?? 0));
  const limit = Math.max(1, Math.floor(req.limit));
  const { sql, params } = plan(project, req, COLUMNS, after);
  const rows = (stmt(project, `${sql} LIMIT @limit OFFSET @offset`).all({ ...params, limit: limit + 1, offset }) as Raw[]).map(toExcerpt);
  const more = rows.length > limit;
  if (more) rows.pop();
  let total: number | null = null;
  if (!after && offset === 0) {
    if (!more) total = rows.length;
    else {
      // A code's excerpts are counted from its codings: the walk along all excerpts that finds a
      // page quickly would have to pass every one of them to count.
      const count = plan(project, req, 'count(*) AS n', null, true);
      total = (stmt(project, count.sql.replace(ORDER, '')).get(count.params) as { n: number }).n;
    }
  }
  const last = rows[rows.length - 1];
  return { excerpts: rows, total, next: more && last ? encodeKey(last) : null };
}

export interface ExportRequest extends ExcerptFilter {
  /** `next` of the part before; without it the export starts, with the header row. */
  after?: string;
  /** Rows in this part. */
  limit?: number;
}

/** Rows per part of an export when the caller does not say: about 1.5 MB of CSV at L. */
export const EXPORT_PART_ROWS = 5000;

/**
 * The coded excerpts matching `f` as CSV, in parts: document, role, codes (names), start, end,
 * text, note, coder. Each part is `limit` rows in list order and ends with a line break; the
 * first starts with the header row; `next` asks for the part after it. The parts joined are the
 * whole file, and the host never holds more than one part: an export of 100,000 excerpts is
 * 30 MB of CSV, and as one answer it would be held several times over (rows, text, JSON, bytes).
 */
export function exportExcerptsCsv(project: Project, req: ExportRequest = {}): ExcerptsExport {
  const names = new Map(
    (stmt(project, 'SELECT id, name FROM codes WHERE deleted = 0').all() as { id: string; name: string }[]).map((c) => [c.id, c.name]),
  );
  const after = req.after ? decodeKey(req.after) : null;
  const limit = Math.max(1, Math.floor(req.limit ?? EXPORT_PART_ROWS));
  const { sql, params } = plan(project, req, COLUMNS, after);
  const lines: string[] = after ? [] : [csvLine(['document', 'role', 'codes', 'start', 'end', 'text', 'note', 'coder'])];
  let last: Excerpt | undefined;
  let more = false;
  for (const r of stmt(project, `${sql} LIMIT @limit`).iterate({ ...params, limit: limit + 1 }) as IterableIterator<Raw>) {
    if (lines.length - (after ? 0 : 1) === limit) {
      more = true;
      break;
    }
    last = toExcerpt(r);
    const codes = last.codeIds.map((id) => names.get(id) ?? '').sort();
    lines.push(csvLine([r.documentTitle, r.role, codes.join('; '), String(r.start), String(r.end), r.text, r.note, r.coderName]));
  }
  const rows = lines.length - (after ? 0 : 1);
  return {
    fileName: 'coded-excerpts.csv',
    csv: lines.length ? `${lines.join('\n')}\n` : '',
    rows,
    next: more && last ? encodeKey(last) : null,
  };
}

// A passage's text. Short documents are cut by SQLite (substr counts characters, i.e. code
// points, in UTF-8). Long ones are cut from their chunks (text_chunks, migration 0004), so the
// cost does not grow with the document: substr would walk the text from its start.
const CHUNK = 4096;
const LONG_DOCUMENT = 4 * CHUNK;

interface DocumentHead {
  n: number;
  deleted: number;
  title: string;
  role: string;
}

function documentHead(project: Project, documentId: string): DocumentHead {
  const doc = stmt(project, 'SELECT char_count AS n, deleted, title, role FROM documents WHERE id = ?').get(documentId) as
    DocumentHead | undefined;
  if (!doc || doc.deleted) throw new AppError('not_found', 'No such document in this project.');
  return doc;
}

/** The UTF-16 index of code point `cp` in `s`, counting from UTF-16 index `from`. */
function utf16At(s: string, cp: number, from = 0): number {
  let i = from;
  for (let seen = 0; seen < cp && i < s.length; seen++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/** Writes a long document's chunks, unless they are there and complete (the last one has its length). */
function ensureChunks(project: Project, documentId: string, n: number): void {
  const lastSeq = Math.floor((n - 1) / CHUNK);
  const last = stmt(project, 'SELECT length(text) AS len FROM text_chunks WHERE document_id = ? AND seq = ?').get(documentId, lastSeq) as
    { len: number } | undefined;
  if (last?.len === n - lastSeq * CHUNK) return;
  const text = (stmt(project, 'SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string }).text;
  stmt(project, 'DELETE FROM text_chunks WHERE document_id = ?').run(documentId);
  const ins = stmt(project, 'INSERT INTO text_chunks(document_id, seq, text) VALUES (?, ?, ?)');
  for (let seq = 0, at = 0; at < text.length; seq++) {
    const next = utf16At(text, CHUNK, at);
    ins.run(documentId, seq, text.slice(at, next));
    at = next;
  }
}

function passage(project: Project, doc: DocumentHead, documentId: string, start: number, end: number): string {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= doc.n)) {
    throw new AppError('invalid', `An excerpt must lie inside its document (0–${doc.n}) and hold at least one character.`);
  }
  if (doc.n <= LONG_DOCUMENT) {
    return (
      stmt(project, 'SELECT substr(text, ?, ?) AS t FROM documents WHERE id = ?').get(start + 1, end - start, documentId) as { t: string }
    ).t;
  }
  ensureChunks(project, documentId, doc.n);
  const first = Math.floor(start / CHUNK);
  const chunks = stmt(project, 'SELECT text FROM text_chunks WHERE document_id = ? AND seq BETWEEN ? AND ? ORDER BY seq')
    .pluck()
    .all(documentId, first, Math.floor((end - 1) / CHUNK)) as string[];
  const joined = chunks.join('');
  const from = utf16At(joined, start - first * CHUNK);
  return joined.slice(from, utf16At(joined, end - start, from));
}

function requireCodes(project: Project, codeIds: readonly string[]): void {
  if (codeIds.length === 0) return;
  const live = stmt(project, 'SELECT count(*) AS n FROM codes WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))').get(
    JSON.stringify(codeIds),
  ) as { n: number };
  if (live.n !== codeIds.length) throw new AppError('not_found', 'One of those codes is not in the codebook.');
}

function setCodesIn(project: Project, excerptId: string, codeIds: readonly string[], stamp: () => string): void {
  const current = stmt(project, 'SELECT id, code_id AS codeId, deleted FROM excerpt_codes WHERE excerpt_id = ?').all(excerptId) as {
    id: string;
    codeId: string;
    deleted: number;
  }[];
  const want = new Set(codeIds);
  const upd = stmt(project, 'UPDATE excerpt_codes SET deleted = ?, stamp = ?, coder_id = ? WHERE id = ?');
  for (const c of current) {
    const del = want.has(c.codeId) ? 0 : 1;
    if (del !== c.deleted) upd.run(del, stamp(), project.coderId, c.id);
    want.delete(c.codeId);
  }
  addCodings(project, excerptId, want, stamp);
}

function addCodings(project: Project, excerptId: string, codeIds: Iterable<string>, stamp: () => string): void {
  const ins = stmt(project, 'INSERT INTO excerpt_codes(id, excerpt_id, code_id, stamp, coder_id) VALUES (?, ?, ?, ?, ?)');
  for (const codeId of codeIds) ins.run(newId(), excerptId, codeId, stamp(), project.coderId);
}

export interface NewExcerpt {
  documentId: string;
  start: number;
  end: number;
  codeIds: string[];
  note?: string;
}

/**
 * Creates an excerpt with its codes in one transaction: a handful of prepared statements, none
 * of which reads more of the document than the passage (see `passage`). The answer is built
 * from what was written rather than read back.
 */
export function createExcerpt(project: Project, input: NewExcerpt): Excerpt {
  const id = newId();
  const codeIds = [...new Set(input.codeIds)].sort();
  const note = input.note ?? '';
  let made: Excerpt | undefined;
  project.write((stamp) => {
    requireCodes(project, codeIds);
    const doc = documentHead(project, input.documentId);
    const text = passage(project, doc, input.documentId, input.start, input.end);
    const rowStamp = stamp();
    stmt(
      project,
      'INSERT INTO excerpts(id, document_id, start_offset, end_offset, text, note, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, input.documentId, input.start, input.end, text, note, rowStamp, project.coderId);
    addCodings(project, id, codeIds, stamp);
    const coder = stmt(project, 'SELECT name FROM coders WHERE id = ?').get(project.coderId) as { name: string } | undefined;
    made = {
      id,
      documentId: input.documentId,
      documentTitle: doc.title,
      role: doc.role,
      start: input.start,
      end: input.end,
      text,
      note,
      codeIds,
      coderId: project.coderId,
      coderName: coder?.name ?? '',
      stamp: rowStamp,
    };
  });
  return made!;
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
      const text = passage(project, documentHead(project, ex.documentId), ex.documentId, start, end);
      stmt(project, 'UPDATE excerpts SET start_offset = ?, end_offset = ?, text = ?, stamp = ?, coder_id = ? WHERE id = ?').run(
        start,
        end,
        text,
        stamp(),
        project.coderId,
        id,
      );
    }
    if (patch.note !== undefined)
      stmt(project, 'UPDATE excerpts SET note = ?, stamp = ?, coder_id = ? WHERE id = ?').run(patch.note, stamp(), project.coderId, id);
    if (patch.codeIds) {
      const codeIds = [...new Set(patch.codeIds)];
      requireCodes(project, codeIds);
      setCodesIn(project, id, codeIds, stamp);
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
