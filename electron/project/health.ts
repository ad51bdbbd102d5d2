// A project's health beyond SQLite's own integrity check: rows pointing at rows that do not
// exist (foreign keys), live rows under tombstoned parents, excerpts whose stored text no
// longer matches their document at their offsets, and full-text indexes out of step with their
// tables. Reads only: FTS5's integrity-check command compares, it does not rebuild.
import type Database from 'better-sqlite3';
import { SEARCH_INDEXES, searchIndexCheckSql } from './integrity.js';

export interface Health {
  integrity: string;
  /** Rows whose foreign key names a missing row, per table. */
  missingParents: Record<string, number>;
  /** Live rows whose parent is in the trash (they vanish from the app with it), per kind. */
  underTrashedParents: Record<string, number>;
  /** Excerpts whose text differs from their document's text at their offsets. */
  excerptMismatches: number;
  /** Each full-text index: 'ok' or what FTS5 reported. */
  fts: Record<string, string>;
  ok: boolean;
}

const has = (db: Database.Database, name: string) => !!db.prepare('SELECT 1 FROM sqlite_schema WHERE name = ?').get(name);

const UNDER_TRASH: [string, string][] = [
  [
    'excerpts of trashed documents',
    'SELECT count(*) AS n FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted = 0 AND d.deleted = 1',
  ],
  [
    'codings of trashed codes',
    'SELECT count(*) AS n FROM excerpt_codes x JOIN codes c ON c.id = x.code_id WHERE x.deleted = 0 AND c.deleted = 1',
  ],
];

export function projectHealth(db: Database.Database): Health {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  const missingParents: Record<string, number> = {};
  for (const r of db.pragma('foreign_key_check') as { table: string }[]) missingParents[r.table] = (missingParents[r.table] ?? 0) + 1;
  const underTrashedParents: Record<string, number> = {};
  for (const [what, sql] of UNDER_TRASH) {
    const n = (db.prepare(sql).get() as { n: number }).n;
    if (n) underTrashedParents[what] = n;
  }
  // substr() counts characters (code points), as excerpt offsets do.
  const excerptMismatches = (
    db
      .prepare(
        `SELECT count(*) AS n FROM excerpts e JOIN documents d ON d.id = e.document_id
         WHERE substr(d.text, e.start_offset + 1, e.end_offset - e.start_offset) IS NOT e.text`,
      )
      .get() as { n: number }
  ).n;
  const fts: Record<string, string> = {};
  for (const t of SEARCH_INDEXES) {
    if (!has(db, t)) continue;
    try {
      db.prepare(searchIndexCheckSql(t)).run();
      fts[t] = 'ok';
    } catch (e) {
      fts[t] = (e as Error).message;
    }
  }
  const ok = integrity === 'ok' && !Object.keys(missingParents).length && !excerptMismatches && Object.values(fts).every((v) => v === 'ok');
  return { integrity, missingParents, underTrashedParents, excerptMismatches, fts, ok };
}
