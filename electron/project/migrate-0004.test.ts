// Migration 0004 (listing at scale): on a version 3 file with documents, excerpts and codings,
// live and trashed, it adds the text_chunks table and the partial indexes, keeps every row, and
// the indexes hold exactly the rows their conditions name.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/tmp.js';
import { migrate, schemaVersion } from './migrate.js';

const dir = tempDir();

function v3WithRows(): Database.Database {
  const db = new Database(join(dir, 'v3.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, 3);
  const stamp = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef';
  db.prepare("INSERT INTO coders(id, name, stamp) VALUES ('c1', 'A', ?)").run(stamp);
  const doc = db.prepare('INSERT INTO documents(id, kind, title, text, char_count, stamp, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)');
  doc.run('d1', 'interview', 'B', 'Border posts without fuel.', 26, stamp, 0);
  doc.run('d2', 'interview', 'A', 'Trashed interview.', 18, stamp, 1);
  const ex = db.prepare(
    'INSERT INTO excerpts(id, document_id, start_offset, end_offset, text, stamp, coder_id, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  ex.run('e1', 'd1', 0, 6, 'Border', stamp, 'c1', 0);
  ex.run('e2', 'd1', 7, 12, 'posts', stamp, 'c1', 1);
  ex.run('e3', 'd2', 0, 7, 'Trashed', stamp, 'c1', 0);
  db.prepare("INSERT INTO codes(id, name, stamp) VALUES ('k1', 'fuel', ?)").run(stamp);
  const ec = db.prepare('INSERT INTO excerpt_codes(id, excerpt_id, code_id, stamp, deleted) VALUES (?, ?, ?, ?, ?)');
  ec.run('x1', 'e1', 'k1', stamp, 0);
  ec.run('x2', 'e2', 'k1', stamp, 0);
  ec.run('x3', 'e3', 'k1', stamp, 1);
  return db;
}

const count = (db: Database.Database, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

describe('migration 0004_listing_at_scale', () => {
  it('adds text_chunks and the listing indexes on a version 3 file, keeping every row', () => {
    const db = v3WithRows();
    const before = ['documents', 'excerpts', 'excerpt_codes', 'codes', 'coders'].map((t) => count(db, `SELECT count(*) AS n FROM ${t}`));
    expect(migrate(db, 4)).toEqual([4]);
    expect(schemaVersion(db)).toBe(4);
    expect(['documents', 'excerpts', 'excerpt_codes', 'codes', 'coders'].map((t) => count(db, `SELECT count(*) AS n FROM ${t}`))).toEqual(
      before,
    );
    const indexes = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(indexes).toEqual(
      expect.arrayContaining([
        'documents_live_title',
        'excerpts_live_order',
        'excerpts_trashed',
        'excerpt_codes_live',
        'excerpt_codes_live_excerpt',
      ]),
    );
    expect(count(db, 'SELECT count(*) AS n FROM text_chunks')).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('indexes exactly the live (or, for excerpts_trashed, the trashed) rows', () => {
    const db = new Database(join(dir, 'v3.db'));
    const ids = (sql: string) => (db.prepare(sql).pluck().all() as string[]).join(',');
    expect(ids('SELECT id FROM documents INDEXED BY documents_live_title WHERE deleted = 0 ORDER BY title, id')).toBe('d1');
    expect(ids('SELECT id FROM excerpts INDEXED BY excerpts_live_order WHERE deleted = 0 ORDER BY document_id, start_offset')).toBe(
      'e1,e3',
    );
    expect(ids('SELECT id FROM excerpts INDEXED BY excerpts_trashed WHERE deleted = 1')).toBe('e2');
    expect(
      ids("SELECT excerpt_id FROM excerpt_codes INDEXED BY excerpt_codes_live WHERE code_id = 'k1' AND deleted = 0 ORDER BY excerpt_id"),
    ).toBe('e1,e2');
    expect(ids("SELECT code_id FROM excerpt_codes INDEXED BY excerpt_codes_live_excerpt WHERE excerpt_id = 'e3' AND deleted = 0")).toBe('');
    // A chunk is one per (document, seq).
    db.prepare("INSERT INTO text_chunks(document_id, seq, text) VALUES ('d1', 0, 'Border')").run();
    expect(() => db.prepare("INSERT INTO text_chunks(document_id, seq, text) VALUES ('d1', 0, 'again')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO text_chunks(document_id, seq, text) VALUES ('d1', -1, 'x')").run()).toThrow(/CHECK/);
    db.close();
  });
});
