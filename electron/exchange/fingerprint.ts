// A project's content fingerprint: one SHA-256 that two colleagues can compare (by voice, the
// short form) to know whether their copies hold the same work, however each copy was made.
//
// Definition (version 1; change FORMAT below if this changes, so old and new never agree):
// - Tables: every ordinary table in sqlite_schema except
//     sqlite_*                  SQLite's own (sequence, statistics);
//     virtual tables and their shadow tables (documents_fts, documents_fts_data, …): an index
//                               is rebuilt from content and its pages depend on history;
//     meta                      this file's settings and its local clock, not shared content
//                               (so the project name and redaction list are not covered);
//     memo_versions             local history of memo edits, not merged;
//     text_chunks               long documents' text again, cut for quick excerpting (v4):
//                               derived, written when a document is first coded;
//     file_seal                 this file's own checksum (v5), which any write clears;
//     sync_*                    merge bookkeeping;
//     identities                unless `{ identities: true }`, so colleagues who do not share
//                               real names still agree.
//   A table with no rows contributes nothing, so a copy made before a migration added an empty
//   table still agrees with one made after.
// - Columns: all but `rid` (a physical rowid for FTS; VACUUM and import order change it),
//   `stamp` and `coder_id` (when and by whom a row last changed: two copies that reached the same
//   content by merging in a different order differ there and nowhere else). `deleted` stays: a
//   tombstoned row is content, since merging it deletes the row elsewhere.
// - A row is serialised as JSON: an array of [column, type, value] sorted by column name, with
//   type null (value null), integer (decimal string, exact 64-bit), real (JavaScript's shortest
//   round-trip decimal, "-0" for negative zero), text (the string) or blob (lowercase hex).
// - Each row is hashed (SHA-256); a table's row digests are sorted bytewise, which makes row
//   order irrelevant while memory stays at 32 bytes a row.
// - The fingerprint is SHA-256 over FORMAT, then for each table in name order (code-unit order)
//   a line `table "<name>" <row count>` (name as JSON) followed by its sorted row digests.
import { createHash } from 'node:crypto';
import type { Project } from '../project/project.js';

const FORMAT = 'field-coder content fingerprint 1\n';

/** Columns that record how a row got here rather than what it says. */
const DROPPED_COLUMNS = new Set(['rid', 'stamp', 'coder_id']);
/** Tables that are never content, whatever the options (besides sqlite_*, virtual and sync_*). */
const LOCAL_TABLES = new Set(['meta', 'memo_versions', 'text_chunks', 'file_seal']);

export interface FingerprintOptions {
  /** Include real names and contacts (the `identities` table). Default false. */
  identities?: boolean;
}

export interface Fingerprint {
  /** 64 hex characters. */
  hash: string;
  /** The first 12, grouped for reading aloud: 3f2a-91c0-7b4e. */
  short: string;
  /** Rows hashed per table (tombstoned rows included). */
  tables: Record<string, number>;
}

const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The tables the fingerprint covers, by name. */
export function contentTables(project: Project, opts: FingerprintOptions = {}): string[] {
  const rows = project.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as {
    name: string;
    sql: string | null;
  }[];
  const virtual = rows.filter((r) => /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  // Modules name their shadow tables `<virtual table>_<suffix>` (fts5: _data, _idx, _content,
  // _docsize, _config), so the prefix finds them without knowing the module.
  const isShadow = (name: string): boolean => virtual.some((v) => name.startsWith(`${v}_`));
  return rows
    .map((r) => r.name)
    .filter(
      (name) =>
        !/^sqlite_/i.test(name) &&
        !/^sync_/i.test(name) &&
        !virtual.includes(name) &&
        !isShadow(name) &&
        !LOCAL_TABLES.has(name) &&
        (opts.identities === true || name !== 'identities'),
    )
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function typed(value: unknown): [string, string | null] {
  if (value === null) return ['null', null];
  if (typeof value === 'bigint') return ['integer', value.toString()];
  if (typeof value === 'number') return ['real', Object.is(value, -0) ? '-0' : String(value)];
  if (typeof value === 'string') return ['text', value];
  if (Buffer.isBuffer(value)) return ['blob', value.toString('hex')];
  throw new Error(`unexpected SQLite value of type ${typeof value}`);
}

export function fingerprint(project: Project, opts: FingerprintOptions = {}): Fingerprint {
  const db = project.db;
  const total = createHash('sha256').update(FORMAT);
  const tables: Record<string, number> = {};
  // One read transaction: every table from the same snapshot.
  db.transaction(() => {
    for (const table of contentTables(project, opts)) {
      const columns = (db.pragma(`table_info(${quoteId(table)})`) as { name: string }[])
        .map((c) => c.name)
        .filter((c) => !DROPPED_COLUMNS.has(c))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (columns.length === 0) continue;
      // safeIntegers tells INTEGER (bigint) from REAL (number) even when a real is whole.
      const stmt = db
        .prepare(`SELECT ${columns.map(quoteId).join(', ')} FROM ${quoteId(table)}`)
        .safeIntegers(true)
        .raw(true);
      const digests: Buffer[] = [];
      for (const row of stmt.iterate() as Iterable<unknown[]>) {
        const cells = columns.map((c, i) => [c, ...typed(row[i])]);
        digests.push(createHash('sha256').update(JSON.stringify(cells)).digest());
      }
      tables[table] = digests.length;
      if (digests.length === 0) continue;
      digests.sort(Buffer.compare);
      total.update(`table ${JSON.stringify(table)} ${digests.length}\n`);
      for (const d of digests) total.update(d);
    }
  }).deferred();
  const hash = total.digest('hex');
  return { hash, short: `${hash.slice(0, 4)}-${hash.slice(4, 8)}-${hash.slice(8, 12)}`, tables };
}
