// A received file's schema must be exactly its version's (schema-check.ts): files made and
// upgraded by Field Coder pass at every version; a flipped byte in the schema's text, which
// integrity_check passes, and an object of the file's own are refused without a byte written.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unsealed } from '../test-support/unsealed.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { APPLICATION_ID } from './format.js';
import { latestVersion, migrate } from './migrate.js';
import { createProject, openProject } from './open-project.js';
import { schemaDifference } from './schema-check.js';

const dir = tempDir();
let n = 0;
const fresh = (): string => join(dir, `s${++n}.fieldcoder`);
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function madeProject(): Promise<string> {
  const path = fresh();
  (await createProject(path, testAuthor, { name: 'Schema' })).project.close();
  return path;
}

describe('the schema check of a received file', () => {
  it('passes files made at every version, and files upgraded from every version', async () => {
    for (let v = 0; v <= latestVersion(); v++) {
      const path = fresh();
      const db = new Database(path);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      migrate(db, v);
      expect(schemaDifference(db, v)).toBeNull();
      if (v > 0) expect(schemaDifference(db, v - 1)).not.toBeNull();
      db.close();
      // Opened (and so upgraded), closed, then received again: still exactly the latest schema.
      (await openProject(path, testAuthor)).project.close();
      const reopened = (await openProject(path, testAuthor)).project;
      expect(schemaDifference(reopened.db, latestVersion())).toBeNull();
      reopened.close();
    }
    const made = (await openProject(await madeProject(), testAuthor)).project;
    expect(schemaDifference(made.db, latestVersion())).toBeNull();
    made.close();
  });

  it('refuses a flipped byte in a table’s name or definition that integrity_check passes, writing nothing', async () => {
    for (const [text, offset, message] of [
      // The shadow table's name in its schema row, as the corpus found it: docsize -> doCsize.
      ['excerpts_fts_docsizeexcerpts_fts_docsize', 'excerpts_fts_do'.length, /\(table "excerpts_fts_doCsize" is not part of it\)/],
      // A column's declared type in a CREATE TABLE text.
      [
        "CREATE TABLE 'excerpts_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB",
        "CREATE TABLE 'excerpts_fts_docsize'(id INTEGER PRIMARY KEY, sz B".length,
        /\(table "excerpts_fts_docsize" is defined differently\)/,
      ],
    ] as const) {
      // Unsealed, as a file left by a crash is: a sealed one is refused by its seal first.
      const path = unsealed(await madeProject());
      const bytes = readFileSync(path);
      const at = bytes.indexOf(Buffer.from(text));
      expect(at).toBeGreaterThan(0);
      bytes[at + offset] = bytes[at + offset]! ^ 0x20;
      writeFileSync(path, bytes);
      const raw = new Database(path, { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
      const before = digest(path);
      await expect(openProject(path, testAuthor)).rejects.toMatchObject({ code: 'corrupt', message: expect.stringMatching(message) });
      expect(digest(path)).toBe(before);
    }
  });

  it('refuses, in words, a file whose header’s schema format number is flipped (SQLite cannot read its schema)', async () => {
    // Found by the long byte-flip corpus: header byte 47 ^ 0x80 and ^ 0x08.
    for (const bit of [0x80, 0x08]) {
      const path = await madeProject();
      const bytes = readFileSync(path);
      bytes[47] = bytes[47]! ^ bit;
      writeFileSync(path, bytes);
      const before = digest(path);
      await expect(openProject(path, testAuthor)).rejects.toMatchObject({
        code: 'corrupt',
        message: expect.stringContaining('damaged and cannot be read (unsupported file format)'),
      });
      expect(digest(path)).toBe(before);
    }
  });

  it('refuses a file with a trigger, a view or a table of its own', async () => {
    for (const extra of [
      'CREATE TRIGGER sneaky AFTER INSERT ON codes BEGIN SELECT 1; END',
      'CREATE VIEW codes_view AS SELECT * FROM codes',
      'CREATE TABLE notes_of_mine(x)',
      'CREATE INDEX codes_by_colour ON codes(color)',
    ]) {
      const path = await madeProject();
      const db = new Database(path);
      db.exec(extra);
      db.close();
      await expect(openProject(path, testAuthor)).rejects.toMatchObject({ code: 'corrupt', message: /is not part of it/ });
    }
    const dropped = await madeProject();
    const db = new Database(dropped);
    db.exec('DROP INDEX codes_parent');
    db.close();
    await expect(openProject(dropped, testAuthor)).rejects.toMatchObject({ message: /index "codes_parent" is missing/ });
  });
});
