// Real project files for the fault tests (migration faults, the byte-flip corpus): made through
// the services, as a researcher's file would be, plus what a test needs to compare files: a
// content dump, and a copy of a project at an older schema version with the same rows.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCode } from '../coding/codes-service.js';
import { createExcerpt } from '../coding/excerpts-service.js';
import { importPastedText, updateDocument } from '../documents/document-service.js';
import { mergeProject } from '../exchange/merge/merge.js';
import { createMemo, saveMemo } from '../memos/memo-service.js';
import { APPLICATION_ID } from '../project/format.js';
import { migrate } from '../project/migrate.js';
import { openProject } from '../project/open-project.js';
import { unsealed } from '../test-support/unsealed.js';
import type { Author } from '../project/project.js';
import { memoProject, seedLikeMemo } from '../test-support/memo-project.js';
import { seedFiles } from '../test-support/seeds.js';

export const COLLEAGUE: Author = {
  deviceId: 'fedcba9876543210',
  coderId: '00000000-0000-4000-8000-000000000002',
  coderName: 'Colleague',
};

export interface RealProjectOptions {
  /** How many times each seed interview is imported (and coded); more makes a bigger file. */
  copies?: number;
  /** Only the first `seeds` seed interviews (all by default). */
  seeds?: number;
}

/**
 * A closed project file at `dir/name` with every kind of row: interviews (the seed texts) with
 * metadata and an identity, references, a codebook with nesting, coded excerpts, framework
 * assessments with evidence, memos with versions, a trashed document, and a colleague's merged
 * changes (field stamps, seen devices, a conflict).
 */
export async function buildRealProject(dir: string, name: string, opts: RealProjectOptions = {}): Promise<string> {
  const m = await memoProject(dir, name);
  const p = m.project;
  const path = p.path;
  const parent = createCode(p, { name: 'Security sector', color: '#aa3300', description: 'Agencies and their cooperation' });
  const codes = [
    parent,
    createCode(p, { name: 'Border', parentId: parent.id }),
    createCode(p, { name: 'Corruption «коррупция»', parentId: parent.id }),
    createCode(p, { name: 'Trust' }),
  ];
  const seeds = seedFiles().slice(0, opts.seeds);
  for (let copy = 0; copy < (opts.copies ?? 1); copy++) {
    seeds.forEach((file, i) => {
      const text = readFileSync(file, 'utf8');
      const doc = importPastedText(p, `Seed ${i} (${copy})`, text, i % 3 === 2 ? 'fieldnote' : 'interview').document!;
      updateDocument(p, doc.id, { pseudonym: `S${copy}-${i}`, role: 'official', place: 'Khujand', interviewDate: '2017-03-01' });
      const len = doc.charCount;
      for (let k = 0; k < 4 && len > 200; k++) {
        const start = Math.floor((len * k) / 5);
        createExcerpt(p, { documentId: doc.id, start, end: start + 120, codeIds: [codes[(i + k) % codes.length]!.id], note: `note ${k}` });
      }
      if (copy === 0 && i === seeds.length - 1) p.setDeleted('documents', doc.id, true);
    });
  }
  const memo = createMemo(p, 'Argument', seedLikeMemo(m));
  saveMemo(p, memo.id, { body: `${seedLikeMemo(m)}\n\nA second draft.` }, { version: true });
  createMemo(p, 'Fieldwork diary', 'Arrived in Dushanbe. Взял интервью.');

  // A colleague's copy, edited apart and merged back: field stamps, seen devices, a conflict.
  const theirs = join(dir, `${name}.colleague.fieldcoder`);
  await p.db.backup(theirs);
  // The backup API copies the open project as it reads (its WAL's changes in), seal and all: that
  // seal describes the project's file alone, not this copy (a shared copy is sealed anew instead).
  unsealed(theirs);
  const col = (await openProject(theirs, COLLEAGUE)).project;
  createCode(col, { name: 'From the colleague' });
  const [, second] = codes;
  col.db
    .prepare('UPDATE codes SET name = ?, stamp = ?, coder_id = ? WHERE id = ?')
    .run('Borders', col.clock.next(), col.coderId, second!.id);
  col.close();
  p.db.prepare('UPDATE codes SET name = ?, stamp = ?, coder_id = ? WHERE id = ?').run('Frontier', p.clock.next(), p.coderId, second!.id);
  await mergeProject(p, theirs);
  p.close();
  return path;
}

const tablesOf = (db: Database.Database, schema = 'main'): { name: string; withoutRowid: boolean }[] =>
  (
    db.prepare(`SELECT name, sql FROM ${schema}.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as {
      name: string;
      sql: string;
    }[]
  ).map((t) => ({ name: t.name, withoutRowid: /WITHOUT\s+ROWID/i.test(t.sql) }));

function value(v: unknown): unknown {
  return Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : typeof v === 'bigint' ? `${v}n` : v;
}

export interface ContentDump {
  /** SHA-256 of the schema and every row of every table. */
  digest: string;
  /** Rows per table. */
  counts: Record<string, number>;
  /** Per table, a digest of its rows (to say which table differs). */
  tables: Record<string, string>;
}

/**
 * Everything a project holds, in a comparable form: the schema (minus root page numbers) and
 * every row of every table in rowid (or key) order, search indexes' shadow tables included.
 */
export function contentDump(db: Database.Database): ContentDump {
  const all = createHash('sha256');
  const schema = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
  all.update(JSON.stringify(schema));
  const counts: Record<string, number> = {};
  const tables: Record<string, string> = {};
  // The seal (seal.ts) says how the file's bytes were when it was closed, not what it holds: it
  // is cleared by opening and written by closing, so an open file and a closed one differ there.
  for (const t of tablesOf(db).filter((t) => t.name !== 'file_seal')) {
    const h = createHash('sha256');
    let n = 0;
    const order = t.withoutRowid ? '' : ' ORDER BY rowid';
    const select = t.withoutRowid ? `SELECT * FROM "${t.name}"` : `SELECT rowid AS __rowid, * FROM "${t.name}"`;
    // Without rowid, the primary key order is the table's own order.
    for (const row of db.prepare(`${select}${order}`).raw().iterate() as IterableIterator<unknown[]>) {
      h.update(JSON.stringify(row.map(value)));
      h.update('\n');
      n++;
    }
    counts[t.name] = n;
    tables[t.name] = h.digest('hex');
    all.update(`${t.name}\0${tables[t.name]}\0`);
  }
  return { digest: all.digest('hex'), counts, tables };
}

/** The dump of a closed file, read without writing to it. */
export function dumpFile(path: string): ContentDump {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return contentDump(db);
  } finally {
    db.close();
  }
}

/**
 * A project file at schema `version` holding the rows of `src` that the older schema has room
 * for (migrations only add, so that is every row of every table that existed then, in its
 * columns of then). Version 0 is a project file with no schema yet.
 */
export function copyAtVersion(src: string, dest: string, version: number): void {
  const db = new Database(dest);
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, version);
    db.exec(`ATTACH DATABASE '${src.replace(/'/g, "''")}' AS src`);
    const srcTables = new Set(tablesOf(db, 'src').map((t) => t.name));
    // Shadow tables of the search indexes are filled by the triggers as rows arrive.
    const plain = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((n) => !n.startsWith('sqlite_') && !/_fts_(data|idx|docsize|config|content)$/.test(n) && srcTables.has(n));
    db.transaction(() => {
      for (const t of plain) {
        const cols = (db.prepare(`PRAGMA main.table_info("${t}")`).all() as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
        db.exec(`INSERT INTO main."${t}"(${cols}) SELECT ${cols} FROM src."${t}"`);
      }
    })();
    db.exec('DETACH DATABASE src');
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}
