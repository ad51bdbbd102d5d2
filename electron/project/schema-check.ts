// A received file's schema must be exactly the one its version's migrations make: every table,
// index, trigger and view, by name and by the SQL that made it. integrity_check does not look at
// that text: the byte-flip corpus found a flipped byte in a search index's shadow table name
// (excerpts_fts_docsize read as excerpts_fts_doCsize) that every other check passed. A file
// with an object of its own (a trigger, a view, a table) is refused the same way, whoever made it.
// The expected schema is built once per version in memory, from the same migration files.
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import { migrate } from './migrate.js';

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

// SQLite's own statistics tables come and go with ANALYZE; they are not part of a version's schema.
const SCHEMA_SQL = (schema: string) =>
  `SELECT type, name, tbl_name, sql FROM ${schema}.sqlite_schema WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' ORDER BY type, name`;

const expected = new Map<number, Map<string, SchemaObject>>();

const key = (o: SchemaObject) => `${o.type} ${o.name}`;

function expectedSchema(version: number): Map<string, SchemaObject> {
  let objects = expected.get(version);
  if (!objects) {
    const db = new Database(':memory:');
    try {
      migrate(db, version);
      objects = new Map((db.prepare(SCHEMA_SQL('main')).all() as SchemaObject[]).map((o) => [key(o), o]));
    } finally {
      db.close();
    }
    expected.set(version, objects);
  }
  return objects;
}

/** What differs from version `version`'s schema, in words; null when nothing does. */
export function schemaDifference(db: Database.Database, version: number, schema = 'main'): string | null {
  const want = expectedSchema(version);
  const have = db.prepare(SCHEMA_SQL(schema)).all() as SchemaObject[];
  const seen = new Set<string>();
  for (const o of have) {
    const w = want.get(key(o));
    if (!w) return `${o.type} "${o.name}" is not part of it`;
    if (w.tbl_name !== o.tbl_name || w.sql !== o.sql) return `${o.type} "${o.name}" is defined differently`;
    seen.add(key(o));
  }
  for (const [k, w] of want) if (!seen.has(k)) return `${w.type} "${w.name}" is missing`;
  return null;
}

/** Refuses a file whose schema is not exactly its version's, saying what differs. */
export function checkSchema(db: Database.Database, version: number): void {
  const diff = schemaDifference(db, version);
  if (diff) {
    throw new AppError(
      'corrupt',
      `This project file is damaged, or was changed by another program: its structure is not the one Field Coder writes for version ${version} (${diff}). Field Coder did not change it; restore a backup.`,
    );
  }
}
