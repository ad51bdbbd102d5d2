// Migration 0005 (the file's seal): on a version 4 project file with rows, it adds `file_seal`
// with its one row and no digest, keeps every row, and the upgraded file is sealed when Field
// Coder closes it, then opens checked against that seal.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRealProject, contentDump, copyAtVersion } from '../faults/real-project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { migrate, schemaVersion } from './migrate.js';
import { openProject } from './open-project.js';

const dir = tempDir('fc-m5-');

describe('migration 0005_file_seal', () => {
  it('adds the seal table to a version 4 file without touching its rows; the upgraded file is sealed on close', async () => {
    const current = await buildRealProject(dir, 'current.fieldcoder', { seeds: 1 });
    const v4 = join(dir, 'v4.fieldcoder');
    copyAtVersion(current, v4, 4);
    const upgraded = join(dir, 'upgraded.fieldcoder');
    copyFileSync(v4, upgraded);

    const db = new Database(v4);
    const before = contentDump(db);
    expect(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'file_seal'").get()).toBeUndefined();
    expect(migrate(db, 5)).toEqual([5]);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT id, digest FROM file_seal').all()).toEqual([{ id: 1, digest: null }]);
    // Every table that was there holds what it held (contentDump leaves the seal out).
    const after = contentDump(db);
    for (const [t, d] of Object.entries(before.tables)) expect(after.tables[t], t).toBe(d);
    // One row only, and only a 32-byte digest or none.
    expect(() => db.prepare('INSERT INTO file_seal(id, digest) VALUES (2, NULL)').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE file_seal SET digest = x'00'").run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    // Opened as a person would (upgrading after a backup), closed, then received again.
    const first = await openProject(upgraded, testAuthor);
    expect(first.seal).toBe('none');
    expect(first.backup).toBeTruthy();
    first.project.close();
    const again = await openProject(upgraded, testAuthor);
    expect(again.seal).toBe('intact');
    again.project.close();
  });
});
