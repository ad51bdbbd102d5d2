// Crafted "colleague's files" for merges: a copy of the fixture project (so rows share ids with
// ours and reach the field-by-field code), edited in memory with SQLite itself into the files a
// careless tool or an attacker could hand over: tables missing, views or loosely typed tables in
// their place, wrong-typed and huge values, triggers, foreign keys to nowhere, stamps that are
// not clock stamps, other schema versions and application ids, damaged pages.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { SYNCED_TABLES } from '../project/synced-tables.js';

// Every table a merge reads, and the merge bookkeeping and meta beside them.
const SYNCED = [...SYNCED_TABLES, 'sync_fields', 'sync_seen', 'meta'] as const;

const LATER = '2099-01-01T00:00:00.000Z-0000-fedcba9876543210';

type Value = string | number | bigint | Buffer | null;

const hostileValue: fc.Arbitrary<() => Value> = fc.oneof(
  fc.constantFrom<() => Value>(
    () => null,
    () => 0,
    () => -1,
    () => 12345,
    () => 1.5,
    () => 2n ** 62n,
    () => '',
    () => 'not json {',
    () => '\u0000',
    () => 'zzzzzzzzzzzzzzzzzzzzzzzzzzzz',
    () => LATER,
    () => '00000000-0000-4000-8000-00000000dead',
    () => Buffer.from([0, 1, 2, 0xff]),
    () => '[]',
    () => '{"date-parts":[[1e400]]}',
  ),
  fc.integer({ min: 1, max: 4 }).map((mb) => () => 'x'.repeat(mb * 1024 * 1024)),
  fc.string({ maxLength: 20 }).map((s) => () => s),
);

// Uniform over [0, 1): fc.double spreads over float bit patterns (nearly all tiny), and fc.integer is
// biased to its ends unless told not to.
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const table = fc.constantFrom(...SYNCED);

type Op = (db: Database.Database) => void;

const cols = (db: Database.Database, t: string): string[] =>
  (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => c.name);

const nthRowid = (db: Database.Database, t: string, at: number): number | bigint | undefined => {
  const n = (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
  if (!n) return undefined;
  return (db.prepare(`SELECT rowid AS r FROM "${t}" LIMIT 1 OFFSET ?`).get(Math.floor(at * n)) as { r: number } | undefined)?.r;
};

/** The same table without STRICT, types or constraints, so any value fits any column. */
function loosen(db: Database.Database, t: string): void {
  const c = cols(db, t).filter((x) => x !== 'rid');
  db.exec(`ALTER TABLE "${t}" RENAME TO "${t}_strict"`);
  db.exec(
    `CREATE TABLE "${t}" (${c.map((x) => `"${x}"`).join(', ')}${cols(db, `${t}_strict`).includes('rid') ? ', rid INTEGER PRIMARY KEY' : ''})`,
  );
  db.exec(
    `INSERT INTO "${t}" SELECT ${cols(db, t)
      .map((x) => `"${x}"`)
      .join(', ')} FROM "${t}_strict"`,
  );
  db.exec(`DROP TABLE "${t}_strict"`);
}

const op: fc.Arbitrary<Op> = fc.oneof(
  table.map(
    (t): Op =>
      (db) =>
        db.exec(`DROP TABLE "${t}"`),
  ),
  table.map(
    (t): Op =>
      (db) =>
        db.exec(`ALTER TABLE "${t}" RENAME TO "${t}_real"; CREATE VIEW "${t}" AS SELECT * FROM "${t}_real"`),
  ),
  fc.tuple(table, fraction, fraction, hostileValue, fc.boolean()).map(([t, c, r, v, loose]): Op => (db) => {
    if (loose) loosen(db, t);
    const names = cols(db, t);
    const col = names[Math.floor(c * names.length)]!;
    const rowid = nthRowid(db, t, r);
    if (rowid === undefined) return;
    const stamp = names.includes('stamp') && col !== 'stamp' ? ', stamp = @later' : '';
    db.prepare(`UPDATE "${t}" SET "${col}" = @v${stamp} WHERE rowid = @rowid`).run({ v: v(), rowid, ...(stamp ? { later: LATER } : {}) });
  }),
  // A copy of an existing row under a new id, with one field made hostile: new rows take the bulk-insert path.
  fc.tuple(table, fraction, fraction, hostileValue, fc.boolean()).map(([t, c, r, v, loose]): Op => (db) => {
    if (loose) loosen(db, t);
    const names = cols(db, t).filter((x) => x !== 'rid');
    const rowid = nthRowid(db, t, r);
    if (rowid === undefined) return;
    const row = db.prepare(`SELECT ${names.map((x) => `"${x}"`).join(', ')} FROM "${t}" WHERE rowid = ?`).get(rowid) as Record<
      string,
      Value
    >;
    if ('id' in row) row.id = `00000000-0000-4000-8000-${String(Math.floor(r * 1e12)).padStart(12, '0')}`;
    row[names[Math.floor(c * names.length)]!] = v();
    if ('stamp' in row && typeof row.stamp === 'string') row.stamp = LATER;
    db.prepare(`INSERT INTO "${t}" (${names.map((x) => `"${x}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
      ...names.map((x) => row[x]),
    );
  }),
  fc.tuple(table, fc.constantFrom('', 'zzzz', '9999', `${LATER.slice(0, -16)}zzzzzzzzzzzzzzzz`, '2099', 'é', LATER)).map(
    ([t, stamp]): Op =>
      (db) =>
        db.prepare(`UPDATE "${t}" SET stamp = ?`).run(stamp),
  ),
  fc.constantFrom<Op>(
    (db) => db.exec(`CREATE TRIGGER evil AFTER UPDATE ON meta BEGIN DELETE FROM codes; END`),
    (db) => db.exec(`CREATE TRIGGER evil BEFORE INSERT ON sync_fields BEGIN SELECT RAISE(ABORT, 'boom'); END`),
    (db) => db.exec(`CREATE TRIGGER evil BEFORE UPDATE ON codes BEGIN SELECT RAISE(FAIL, 'boom'); END`),
    (db) => db.exec(`CREATE TRIGGER evil AFTER INSERT ON memos BEGIN INSERT INTO memos SELECT * FROM memos; END`),
    (db) => db.exec(`CREATE VIEW sync_seen_v AS SELECT * FROM sync_seen; CREATE INDEX evil ON codes(length(name) / 0)`),
    (db) =>
      db.exec(
        `INSERT INTO sync_fields(tbl, row_id, col, stamp) VALUES ('codes', 'x', 'name; DROP TABLE codes', '${LATER}'), ('codes', 'x', 'nope', 'zzz')`,
      ),
    (db) => db.exec(`INSERT INTO sync_seen(device, stamp) VALUES ('', ''), ('fedcba9876543210', 'zzzzzzzzzzzz'), (X'00', 1)`),
    (db) => db.exec(`ALTER TABLE codes ADD COLUMN extra TEXT`),
    (db) => db.exec(`ALTER TABLE memos DROP COLUMN body`),
    (db) => db.exec(`ALTER TABLE codes RENAME COLUMN name TO title`),
    (db) => db.exec(`DELETE FROM meta`),
    (db) => db.exec(`DROP TABLE memo_versions; PRAGMA user_version = 1`),
    (db) => db.exec(`DROP TABLE sync_fields; DROP TABLE sync_seen; DROP TABLE sync_conflicts; PRAGMA user_version = 2`),
    (db) => db.exec(`CREATE TABLE "codes; DROP TABLE meta" (x)`),
    (db) => {
      db.pragma('writable_schema = ON');
      db.prepare(`UPDATE sqlite_schema SET sql = replace(sql, 'STRICT', '') WHERE name = 'codes'`).run();
    },
    (db) => {
      db.pragma('writable_schema = ON');
      db.prepare(`UPDATE sqlite_schema SET sql = 'CREATE TABLE codes(' WHERE name = 'codes'`).run();
    },
  ),
  fc.integer({ min: 1, max: 60_000 }).map((n): Op => (db) => {
    const ins = db.prepare(`INSERT INTO codes(id, name, stamp, coder_id) VALUES (?, ?, ?, NULL)`);
    for (let i = 0; i < n; i++) ins.run(`00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, `code ${i}`, LATER);
  }),
  fc.integer({ min: 1, max: 6 }).map(
    (mb): Op =>
      (db) =>
        db.prepare(`UPDATE memos SET body = ?, stamp = ?`).run('Huge memo. '.repeat((mb * 1024 * 1024) / 11), LATER),
  ),
  fc.constantFrom(-1, 0, 1, 2, 4, 99, 2 ** 31 - 1).map(
    (v): Op =>
      (db) =>
        db.pragma(`user_version = ${v}`),
  ),
  fc.constantFrom(0, 1, 0x46436473, -1).map(
    (v): Op =>
      (db) =>
        db.pragma(`application_id = ${v}`),
  ),
);

type PageEdit =
  { kind: 'flip'; at: number; xor: number } | { kind: 'truncate'; at: number } | { kind: 'header'; offset: number; value: number };

const pageEdit: fc.Arbitrary<PageEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fraction, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  // Header fields: page size, reserved bytes, file change counter, page count, freelist, schema cookie, encoding.
  fc.record({
    kind: fc.constant('header' as const),
    offset: fc.constantFrom(16, 17, 20, 24, 28, 32, 36, 40, 44, 56),
    value: fc.integer({ min: 0, max: 255 }),
  }),
);

function editBytes(b: Uint8Array, e: PageEdit): Uint8Array {
  if (e.kind === 'truncate') return b.slice(0, Math.floor(e.at * b.length));
  const out = b.slice();
  if (e.kind === 'header') out[e.offset] = e.value;
  else {
    // Past the 100-byte header: damage where SQLite keeps pages, not where our header check looks.
    const i = 100 + Math.floor(e.at * (out.length - 100));
    out[i] = out[i]! ^ e.xor;
  }
  return out;
}

export function craftedProject(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edited = fc.array(op, { minLength: 1, maxLength: 4 }).map((ops) => {
    const db = new Database(Buffer.from(base));
    try {
      db.pragma('foreign_keys = OFF');
      db.pragma('legacy_alter_table = ON');
      for (const o of ops) {
        try {
          o(db);
        } catch {
          // An edit SQLite itself refuses (a constraint, a column in use) is simply not made.
        }
      }
      return new Uint8Array(db.serialize());
    } finally {
      db.close();
    }
  });
  return fc.oneof(
    { weight: 6, arbitrary: edited },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.oneof(fc.constant(base), edited), fc.array(pageEdit, { minLength: 1, maxLength: 3 }))
        .map(([b, es]) => es.reduce(editBytes, b)),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 4096 }).map((junk) => Uint8Array.from([...Buffer.from('SQLite format 3\0'), ...junk])),
    },
  );
}
