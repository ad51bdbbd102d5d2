// Every migration is tested: each applies on top of the one before, inside one transaction,
// only adds, and a failing migration leaves the file at its previous version.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsDir } from '../core/paths.js';
import { tempDir } from '../test-support/tmp.js';
import { latestVersion, loadMigrations, migrate, schemaVersion } from './migrate.js';

const dir = tempDir();

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

describe('migrations', () => {
  const all = loadMigrations();

  it('are numbered 1..n and named NNNN_name.sql', () => {
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
    expect(latestVersion()).toBe(all.length);
  });

  it('only add: no DROP, RENAME or DELETE in any migration', () => {
    for (const m of all) {
      const code = m.sql.replace(/--.*$/gm, '');
      expect(code, m.name).not.toMatch(/\bDROP\s+(TABLE|COLUMN|INDEX|VIEW|TRIGGER)\b/i);
      expect(code, m.name).not.toMatch(/\bRENAME\b/i);
      expect(code, m.name).not.toMatch(/^\s*DELETE\s+FROM\b/im);
    }
  });

  for (const m of all) {
    it(`${String(m.version).padStart(4, '0')}_${m.name} applies on top of version ${m.version - 1} and keeps its rows`, () => {
      const db = new Database(join(dir, `m${m.version}.db`));
      db.pragma('foreign_keys = ON');
      migrate(db, m.version - 1);
      const before = tables(db);
      expect(migrate(db, m.version)).toEqual([m.version]);
      expect(schemaVersion(db)).toBe(m.version);
      const after = tables(db);
      for (const t of before) expect(after).toContain(t);
      expect(after.length).toBeGreaterThan(before.length);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    });
  }

  it('0001 holds every table the later issues build on, with ids, stamps and tombstones', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    const expected = [
      'assessment_evidence',
      'assessments',
      'codes',
      'coders',
      'dimensions',
      'documents',
      'excerpt_codes',
      'excerpts',
      'frameworks',
      'identities',
      'levels',
      'memos',
      'outcome_rules',
      'outcomes',
      'periods',
      'refs',
      'unit_aliases',
      'units',
    ];
    const have = tables(db);
    for (const t of expected) {
      expect(have).toContain(t);
      const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      expect(cols, t).toEqual(expect.arrayContaining(['id', 'stamp', 'coder_id', 'deleted']));
    }
    // Identities are kept apart from documents: no identity columns on documents.
    const docCols = (db.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).map((c) => c.name);
    expect(docCols).toEqual(
      expect.arrayContaining(['pseudonym', 'role', 'org_type', 'interview_date', 'place', 'language', 'interviewer', 'consent']),
    );
    expect(docCols).not.toContain('real_name');
    expect(docCols).not.toContain('contact');
    db.close();
  });

  it('0001 indexes documents, excerpts, memos and references for diacritic-insensitive search', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    db.prepare(
      "INSERT INTO documents(id, kind, title, text, stamp) VALUES ('d', 'document', 'Rytövuori', 'Душанбе and Khatlon', 's')",
    ).run();
    db.prepare("INSERT INTO memos(id, title, body, stamp) VALUES ('m', 'Memo', 'Mélanie Sadozaï', 's')").run();
    db.prepare(
      "INSERT INTO refs(id, citation_key, title, authors, stamp) VALUES ('r', 'markowitz2013', 'State Erosion', 'Markowitz', 's')",
    ).run();
    db.prepare(
      "INSERT INTO excerpts(id, document_id, start_offset, end_offset, text, stamp) VALUES ('e', 'd', 0, 7, 'Душанбе', 's')",
    ).run();
    const hit = (table: string, q: string): number =>
      (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(q) as { n: number }).n;
    expect(hit('documents_fts', 'rytovuori')).toBe(1);
    expect(hit('documents_fts', 'душанбе')).toBe(1);
    expect(hit('memos_fts', 'melanie')).toBe(1);
    expect(hit('refs_fts', 'erosion')).toBe(1);
    expect(hit('excerpts_fts', 'Душанбе')).toBe(1);
    // renaming a document re-indexes its title; deleting the row removes it from the index
    db.prepare("UPDATE documents SET title = 'Matveeva' WHERE id = 'd'").run();
    expect(hit('documents_fts', 'rytovuori')).toBe(0);
    expect(hit('documents_fts', 'matveeva')).toBe(1);
    db.prepare("DELETE FROM excerpts WHERE id = 'e'").run();
    expect(hit('excerpts_fts', 'Душанбе')).toBe(0);
    db.close();
  });

  it('0003 stamps each field on update: changed fields get the new stamp, the rest keep the old', () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    db.prepare("INSERT INTO codes(id, name, color, stamp) VALUES ('c', 'border', '#000000', 's1')").run();
    expect(db.prepare('SELECT count(*) AS n FROM sync_fields').get()).toEqual({ n: 0 }); // inserts cost nothing
    db.prepare("UPDATE codes SET name = 'borders', stamp = 's2' WHERE id = 'c'").run();
    const fields = () =>
      Object.fromEntries(
        (
          db.prepare("SELECT col, stamp FROM sync_fields WHERE tbl = 'codes' AND row_id = 'c'").all() as { col: string; stamp: string }[]
        ).map((r) => [r.col, r.stamp]),
      );
    expect(fields()).toMatchObject({ name: 's2', color: 's1', deleted: 's1', parent_id: 's1' });
    db.prepare("UPDATE codes SET color = '#ffffff', stamp = 's3' WHERE id = 'c'").run();
    expect(fields()).toMatchObject({ name: 's2', color: 's3', deleted: 's1' });
    db.prepare("UPDATE codes SET deleted = 1, stamp = 's4' WHERE id = 'c'").run();
    expect(fields()).toMatchObject({ name: 's2', color: 's3', deleted: 's4' });
    expect(Object.keys(fields())).not.toContain('stamp');
  });

  it('a failing migration leaves the file at its previous version, with nothing half-applied', () => {
    const mdir = join(dir, 'broken-migrations');
    mkdirSync(mdir);
    writeFileSync(join(mdir, '0001_initial.sql'), readFileSync(join(migrationsDir(), '0001_initial.sql')));
    writeFileSync(join(mdir, '0002_broken.sql'), 'CREATE TABLE half_done(x);\nINSERT INTO no_such_table VALUES (1);\n');
    const broken = loadMigrations(mdir);
    expect(broken).toHaveLength(2);
    const db = new Database(join(dir, 'broken.db'));
    migrate(db, 1);
    expect(() => migrate(db, 2, broken)).toThrow(/no such table/);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });
});
