// The check a project file from elsewhere gets before use, and what it found, in words, wherever
// it ran: on the opening connection (open-project.ts) or in a worker while a merge reads the file
// (integrity-worker.ts, which runs the same steps from the same SQL).
//
//   1. PRAGMA integrity_check, not quick_check: the byte-flip corpus found files that pass
//      quick_check with an index that no longer matches its table, which then read wrong rows.
//   2. Each search index against the text it was made from (FTS5's integrity-check with rank 1).
//      integrity_check checks an external-content index only against itself, so a flipped byte
//      in a transcript's text (or in the index) passed it.
//   3. Long documents' cut text (text_chunks) against the document: excerpts are cut from it.
// Steps 2 and 3 read only; FTS5's check is an INSERT that writes nothing, run inside a
// transaction that is rolled back.
import type Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';

/** The check's rows, or the error the check itself raised. */
export type IntegrityOutcome = { rows: string[]; error?: undefined } | { error: string; rows?: undefined };

/** The search indexes, each an external-content FTS5 table. */
export const SEARCH_INDEXES = ['documents_fts', 'excerpts_fts', 'memos_fts', 'refs_fts'] as const;

/** FTS5's own check of `table` against its content (rank 1: the text, not only the index). */
export const searchIndexCheckSql = (table: string) => `INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`;

/** A document whose chunks, joined in order, are not its text (text_chunks, migration 0004). */
export const CHUNKS_CHECK_SQL = `SELECT d.id FROM documents d
  JOIN (SELECT document_id, group_concat(text, '' ORDER BY seq) AS t FROM text_chunks GROUP BY document_id) c ON c.document_id = d.id
  WHERE c.t IS NOT d.text LIMIT 1`;

export const searchIndexDamage = (table: string, message: string) => `search index ${table} does not match its text (${message})`;
export const chunksDamage = (documentId: string) => `the text kept for excerpting document ${documentId} differs from the document`;

/** Steps 1-3 on `db`, which must not be inside a transaction. */
export function checkIntegrity(db: Database.Database): IntegrityOutcome {
  try {
    const rows = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (rows.length !== 1 || rows[0] !== 'ok') return { rows };
    const present = new Set(db.prepare('SELECT name FROM sqlite_schema').pluck().all() as string[]);
    db.exec('BEGIN');
    try {
      for (const t of SEARCH_INDEXES) {
        if (!present.has(t)) continue;
        try {
          db.prepare(searchIndexCheckSql(t)).run();
        } catch (e) {
          return { rows: [searchIndexDamage(t, (e as Error).message)] };
        }
      }
    } finally {
      db.exec('ROLLBACK');
    }
    const bad = present.has('text_chunks') ? (db.prepare(CHUNKS_CHECK_SQL).pluck().get() as string | undefined) : undefined;
    return { rows: bad === undefined ? ['ok'] : [chunksDamage(bad)] };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Null for a sound file. An error from the check itself (e.g. a search index's damaged config)
 * is damage too.
 */
export function integrityVerdict(o: IntegrityOutcome): AppError | null {
  if (o.error !== undefined) {
    return new AppError(
      'corrupt',
      `This project file is damaged (integrity check: ${o.error}). Field Coder did not change it; restore a backup.`,
    );
  }
  if (o.rows.length === 1 && o.rows[0] === 'ok') return null;
  return new AppError(
    'corrupt',
    `This project file is damaged (integrity check: ${o.rows[0] ?? 'no answer'}). Field Coder did not change it; restore a backup.`,
  );
}
