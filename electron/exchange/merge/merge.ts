// Merging a colleague's copy into ours, field by field. Rows match by UUID, never by name.
// Each field's value comes from the side whose change to it is later (hybrid logical clock
// stamps, see migrations/0003_sync.sql); a tombstone is just the `deleted` field. When both
// sides changed a field without having seen the other's change, the later value shows and the
// pair is kept in sync_conflicts until someone resolves it. Everything here is a function of
// the two copies' contents, so merging A into B and B into A give the same project, and
// merging the same file again changes nothing.
import { AppError, storageError } from '../../core/errors.js';
import { derivedUuid } from '../../core/ids.js';
import { backupWholeFile, startBackup } from '../../project/backup.js';
import { writeSeal } from '../../project/seal.js';
import type { Project } from '../../project/project.js';
import { SYNCED_TABLES, type SyncedTable } from '../../project/synced-tables.js';
import { checkTheirSchema, prepareTheirCopy, type TheirCopy } from './their-copy.js';

// identities merge only when the user asks; sync_conflicts comes last.
export { SYNCED_TABLES };

/** Bookkeeping columns: not content, never compared. */
const META = new Set(['rid', 'id', 'stamp', 'coder_id']);

export interface MergeOptions {
  dryRun?: boolean;
  /** Real names and contacts merge only when the user asks. */
  identities?: boolean;
}

export interface MergeConflict {
  id: string;
  table: string;
  rowId: string;
  field: string;
  shown: unknown;
  other: unknown;
}

export interface MergeReport {
  dryRun: boolean;
  theirVersion: number;
  upgraded: boolean;
  tables: Record<string, { added: number; changed: number }>;
  conflicts: MergeConflict[];
  backup?: string;
}

type Row = Record<string, unknown> & { id: string; stamp: string; coder_id: string | null };
type Vector = Map<string, string>;

const device = (stamp: string) => stamp.slice(-16);

/**
 * What a copy has seen of each device: the latest stamp per device in its sync_seen, rows and
 * field stamps. One query; `schema` is 'main.' or 'theirs.'.
 */
const seenSql = (schema: 'main.' | 'theirs.') =>
  [
    `SELECT device AS d, stamp AS s FROM ${schema}sync_seen`,
    ...[...SYNCED_TABLES, 'sync_fields'].map((t) => `SELECT substr(stamp, -16), max(stamp) FROM ${schema}${t} GROUP BY 1`),
  ].join(' UNION ALL ');

function seenVector(rows: { d: string; s: string }[]): Vector {
  const v: Vector = new Map();
  for (const { d, s } of rows) if (s > (v.get(d) ?? '')) v.set(d, s);
  return v;
}

const seenBy = (project: Project, schema: 'main' | 'theirs'): Vector =>
  seenVector(project.db.prepare(seenSql(`${schema}.` as const)).all() as { d: string; s: string }[]);

/** The same id on both sides of a merge: it depends only on the field and the two changes. */
const conflictId = (table: string, rowId: string, col: string, a: string, b: string) =>
  derivedUuid('sync_conflict', [table, rowId, col, a < b ? a : b, a < b ? b : a].join('\u0000'));

interface Pending {
  rows: { table: string; rowId: string; col: string; a: unknown; sa: string; b: unknown; sb: string }[];
}

/** A table's columns (our schema's, which theirs was checked to match) and its fields: all but the bookkeeping. */
function columnsOf(project: Project, table: string): { cols: string[]; fields: string[] } {
  const cols = (project.db.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[])
    .map((c) => c.name)
    .filter((c) => c !== 'rid');
  return { cols, fields: cols.filter((c) => !META.has(c)) };
}

/**
 * The SQL functions the set-based merge calls where a decision is JavaScript's, and CASE calls
 * them only in those rare cases: two values of one field at the same stamp, and whether a change
 * is unseen by the other copy.
 *
 * A stamp names one change, and a change has one value: two copies that hold different values
 * at one stamp disagree about what was saved, so one of them was damaged after it was written (a
 * flipped byte inside a value, which no check of SQLite's can see; the byte-flip corpus merged
 * such values as the colleague's). The merge stops there, before anything is committed, and says
 * which value it is. (It used to take the greater value, which spread the damage.)
 */
function registerFunctions(project: Project, vOurs: Vector, vTheirs: Vector): void {
  const db = project.db;
  db.function('merge_same_change', { deterministic: true }, (table: unknown, field: unknown, rowId: unknown) => {
    throw new AppError(
      'corrupt',
      `This project and the colleague's file hold different values for one and the same change (${String(table)} ${String(rowId)}, field "${String(field)}"): one of the two files was damaged after it was saved. Nothing was merged. Check both files ("Check project", or field-coder check) and restore a backup of the damaged one.`,
    );
  });
  // Both changed it, neither having seen the other's change: ours unseen by them, theirs by us.
  db.function('merge_apart', { deterministic: true }, (a: unknown, b: unknown) =>
    String(a) > (vTheirs.get(device(String(a))) ?? '') && String(b) > (vOurs.get(device(String(b))) ?? '') ? 1 : 0,
  );
}

/**
 * Merges one table, set-based: every step is one statement over all the table's rows (or one
 * per field), so the work stays in SQLite whatever the number of rows.
 */
function mergeTable(project: Project, t: SyncedTable, pending: Pending): { added: number; changed: number } {
  const db = project.db;
  const { cols, fields } = columnsOf(project, t);
  const list = cols.join(', ');
  // New rows, in bulk: everything of theirs that we do not have, with its field stamps.
  db.exec('DROP TABLE IF EXISTS temp.merge_new; CREATE TEMP TABLE merge_new(id TEXT PRIMARY KEY)');
  db.prepare(`INSERT INTO temp.merge_new SELECT id FROM theirs.${t} EXCEPT SELECT id FROM main.${t}`).run();
  const added =
    t === 'excerpt_codes'
      ? mergeNewExcerptCodes(project, cols)
      : db.prepare(`INSERT INTO main.${t}(${list}) SELECT ${list} FROM theirs.${t} WHERE id IN (SELECT id FROM temp.merge_new)`).run()
          .changes;
  db.prepare(
    `INSERT OR REPLACE INTO main.sync_fields(tbl, row_id, col, stamp)
     SELECT tbl, row_id, col, stamp FROM theirs.sync_fields WHERE tbl = ? AND row_id IN (SELECT id FROM temp.merge_new)`,
  ).run(t);
  return { added, changed: mergeBoth(project, t, fields, pending) };
}

/**
 * Rows both copies have, where anything differs, field by field. Copies of one project mostly
 * keep a row at the same rowid on both sides, so theirs is looked up by our rowid first (a walk
 * down their table in order) and by id only where that row is another (rows added apart).
 * Each field takes the later change's value and stamp (equal stamps with different values stop the merge), two
 * changes made apart are kept as a conflict, and the row's stamp becomes the latest of everything
 * it holds. Field stamps are `sync_fields`' or else the row's. Four steps, each one statement:
 *   merge_both   the differing rows with both sides' field stamps and which fields differ;
 *   merge_fields which side each field comes from, and which are conflicts;
 *   merge_rows   the merged stamps, and whether the row must be written at all;
 *   the writes   values taken from theirs, field by field (so that the search index triggers
 *                fire only for fields that changed), then the field stamps, then the row stamp
 *                (whose sync trigger then finds every field stamp already right and writes nothing).
 */
function mergeBoth(project: Project, t: SyncedTable, fields: string[], pending: Pending): number {
  const db = project.db;
  const F = fields.map((f, i) => ({ f, i }));
  const fieldStamp = (schema: 'main' | 'theirs', side: 'o' | 't', f: string) =>
    `coalesce((SELECT stamp FROM ${schema}.sync_fields WHERE tbl = '${t}' AND row_id = o.id AND col = '${f}'), ${side}.stamp)`;
  db.exec(`DROP TABLE IF EXISTS temp.merge_both; DROP TABLE IF EXISTS temp.merge_fields; DROP TABLE IF EXISTS temp.merge_rows;
    CREATE TEMP TABLE merge_both AS
    SELECT o.rowid AS orow, t.rowid AS trow, o.id AS id, o.stamp AS o_stamp, t.stamp AS t_stamp, o.coder_id AS o_coder, t.coder_id AS t_coder,
      ${F.map(({ f, i }) => `${fieldStamp('main', 'o', f)} AS a${i}, ${fieldStamp('theirs', 't', f)} AS b${i}, o.${f} IS NOT t.${f} AS d${i}`).join(',\n      ')}
    FROM main.${t} o NOT INDEXED LEFT JOIN theirs.${t} r ON r.rowid = o.rowid
      JOIN theirs.${t} t ON t.rowid = iif(r.id = o.id, o.rowid, (SELECT x.rowid FROM theirs.${t} x WHERE x.id = o.id))
    WHERE o.stamp IS NOT t.stamp OR ${fields.map((f) => `o.${f} IS NOT t.${f}`).join(' OR ')};
    CREATE TEMP TABLE merge_fields AS
    SELECT *, ${F.map(
      ({ f, i }) =>
        `CASE WHEN b${i} > a${i} THEN 1 WHEN b${i} = a${i} AND d${i} THEN merge_same_change('${t}', '${f}', m.id) ELSE 0 END AS l${i},
      ${t === 'sync_conflicts' ? '0' : `CASE WHEN d${i} AND a${i} IS NOT b${i} THEN merge_apart(a${i}, b${i}) ELSE 0 END`} AS c${i}`,
    ).join(',\n      ')}
    FROM temp.merge_both m;
    CREATE TEMP TABLE merge_rows AS
    SELECT orow, trow, id, o_stamp, o_coder, ${F.map(({ i }) => `l${i} AND d${i} AS take${i}, CASE WHEN l${i} THEN b${i} ELSE a${i} END AS s${i}, l${i} AND b${i} IS NOT a${i} AS moved${i}`).join(', ')},
      max(${F.map(({ i }) => `CASE WHEN l${i} THEN b${i} ELSE a${i} END`).join(', ')}, o_stamp, t_stamp) AS new_stamp,
      CASE WHEN t_stamp > o_stamp THEN t_coder ELSE o_coder END AS new_coder
    FROM temp.merge_fields;`);

  // Conflicts, read before our values are overwritten: the later value shows, both are kept.
  const conflicts = db
    .prepare(
      `SELECT m.id, ${F.map(({ f, i }) => `m.a${i}, m.b${i}, m.l${i}, m.c${i}, o.${f} AS o${i}, t.${f} AS t${i}`).join(', ')}
       FROM temp.merge_fields m JOIN main.${t} o ON o.rowid = m.orow JOIN theirs.${t} t ON t.rowid = m.trow
       WHERE ${F.map(({ i }) => `m.c${i}`).join(' OR ')} ORDER BY m.orow`,
    )
    .all() as Record<string, unknown>[];
  for (const r of conflicts) {
    for (const { f, i } of F) {
      if (!r[`c${i}`]) continue;
      const [a, b, ours, theirs] = [r[`a${i}`] as string, r[`b${i}`] as string, r[`o${i}`], r[`t${i}`]];
      const [later, laterStamp, earlier, earlierStamp] = r[`l${i}`] ? [theirs, b, ours, a] : [ours, a, theirs, b];
      pending.rows.push({ table: t, rowId: r.id as string, col: f, a: later, sa: laterStamp, b: earlier, sb: earlierStamp });
    }
  }

  // Only rows that change: a value or a field stamp taken from theirs, or a later row stamp or coder.
  db.exec(`DELETE FROM temp.merge_rows WHERE NOT (${F.map(({ i }) => `take${i} OR moved${i}`).join(' OR ')}
    OR new_stamp IS NOT o_stamp OR new_coder IS NOT o_coder)`);
  const changed = db
    .prepare(`SELECT count(*) FROM temp.merge_rows WHERE ${F.map(({ i }) => `take${i}`).join(' OR ')}`)
    .pluck()
    .get() as number;
  for (const { f, i } of F) {
    db.prepare(
      `UPDATE main.${t} SET ${f} = tt.${f} FROM temp.merge_rows m JOIN theirs.${t} tt ON tt.rowid = m.trow
       WHERE m.take${i} AND main.${t}.rowid = m.orow`,
    ).run();
    db.prepare(
      `INSERT INTO main.sync_fields(tbl, row_id, col, stamp) SELECT '${t}', id, '${f}', s${i} FROM temp.merge_rows WHERE true
       ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp WHERE stamp IS NOT excluded.stamp`,
    ).run();
  }
  db.prepare(
    `UPDATE main.${t} SET stamp = m.new_stamp, coder_id = m.new_coder FROM temp.merge_rows m WHERE main.${t}.rowid = m.orow`,
  ).run();
  return changed;
}

/**
 * excerpt_codes is unique on (excerpt, code): two people who gave one excerpt the same code
 * apart made two rows for one fact. The smaller id is kept, on both sides alike, with the
 * later of the two tombstones. Their rows without such a twin go in at once.
 */
function mergeNewExcerptCodes(project: Project, cols: string[]): number {
  const db = project.db;
  const list = cols.join(', ');
  const twins = db
    .prepare(
      `SELECT ${cols.map((c) => `n.${c}`).join(', ')} FROM theirs.excerpt_codes n
       WHERE n.id IN (SELECT id FROM temp.merge_new)
         AND EXISTS (SELECT 1 FROM main.excerpt_codes o WHERE o.excerpt_id = n.excerpt_id AND o.code_id = n.code_id)`,
    )
    .all() as Row[];
  const added = db
    .prepare(
      `INSERT INTO main.excerpt_codes(${list}) SELECT ${list} FROM theirs.excerpt_codes n
       WHERE n.id IN (SELECT id FROM temp.merge_new)
         AND NOT EXISTS (SELECT 1 FROM main.excerpt_codes o WHERE o.excerpt_id = n.excerpt_id AND o.code_id = n.code_id)`,
    )
    .run().changes;
  const twin = db.prepare('SELECT * FROM main.excerpt_codes WHERE excerpt_id = ? AND code_id = ?');
  const insert = db.prepare(`INSERT INTO main.excerpt_codes(${list}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
  for (const r of twins) {
    const o = twin.get(r.excerpt_id, r.code_id) as Row;
    const later = r.stamp > o.stamp ? r : o;
    const keep = { ...(r.id < o.id ? r : o), deleted: later.deleted, stamp: later.stamp, coder_id: later.coder_id };
    if (keep.id !== o.id) {
      db.prepare('DELETE FROM main.sync_fields WHERE tbl = ? AND row_id = ?').run('excerpt_codes', o.id);
      db.prepare('DELETE FROM main.excerpt_codes WHERE id = ?').run(o.id);
      insert.run(keep);
    } else if (keep.deleted !== o.deleted || keep.stamp !== o.stamp) {
      db.prepare('UPDATE main.excerpt_codes SET deleted = ?, stamp = ?, coder_id = ? WHERE id = ?').run(
        keep.deleted,
        keep.stamp,
        keep.coder_id,
        o.id,
      );
    }
  }
  db.prepare('DELETE FROM temp.merge_new WHERE id NOT IN (SELECT id FROM main.excerpt_codes)').run();
  return added;
}

function recordConflicts(project: Project, pending: Pending): MergeConflict[] {
  const db = project.db;
  const insert = db.prepare(
    `INSERT INTO main.sync_conflicts(id, tbl, row_id, col, value_a, stamp_a, value_b, stamp_b, resolved, stamp, coder_id, deleted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, NULL, 0) ON CONFLICT(id) DO NOTHING`,
  );
  return pending.rows.map((p) => {
    const id = conflictId(p.table, p.rowId, p.col, p.sa, p.sb);
    // The conflict's own stamp is the later change's: the same on both sides of a merge.
    insert.run(id, p.table, p.rowId, p.col, JSON.stringify(p.a), p.sa, JSON.stringify(p.b), p.sb, p.sa);
    return { id, table: p.table, rowId: p.rowId, field: p.col, shown: p.a, other: p.b };
  });
}

class DryRun extends Error {}

/**
 * A merge that failed while the check of their file was still running may have failed because
 * the file is damaged: then that is what the user is told.
 */
async function damageFirst(copy: TheirCopy, e: unknown): Promise<unknown> {
  try {
    await copy.check.wait();
  } catch (damage) {
    return damage;
  }
  return e;
}

/**
 * Their file passed its checks but its rows do not fit ours (loose types, missing parents, a
 * schema that lies about its version): the transaction rolled back; say so in words.
 */
function asRefusal(e: unknown): unknown {
  if (e instanceof AppError || !String((e as { code?: unknown })?.code ?? '').startsWith('SQLITE')) return e;
  return (
    storageError(e, 'the merge') ??
    new AppError('invalid', `The colleague's file does not fit this project (${(e as Error).message}). Nothing was merged.`)
  );
}

/** Our backup failed: on a full disk, or one that refuses writes, say so in words. */
const backupFailure = (e: unknown): unknown => storageError(e, 'the merge') ?? e;

/** Anything written to this file since: a row changed by this connection, or a commit by another. */
const fileState = (db: Project['db']) =>
  `${db.prepare('SELECT total_changes()').pluck().get() as number}:${db.pragma('data_version', { simple: true }) as number}`;

/**
 * Merges the project file at `theirsPath` into `ours`, all or nothing, after a backup. The backup
 * is copied first, then synced and checked in a worker thread while the merge goes on; it is made
 * again if anything wrote our file meanwhile, and named (and so trusted) before anything is
 * committed. Their copy's integrity check runs in another worker while the merge reads it and
 * writes ours, and the transaction commits only once that check has passed too.
 */
export async function mergeProject(ours: Project, theirsPath: string, opts: MergeOptions = {}): Promise<MergeReport> {
  if (theirsPath === ours.path) throw new AppError('invalid', 'This is the project itself; choose a colleague’s copy.');
  const db = ours.db;
  const backup = opts.dryRun
    ? undefined
    : await startBackup(db, ours.path, 'pre-merge').catch((e: unknown) => {
        throw backupFailure(e);
      });
  const backedUp = fileState(db);
  let copy: TheirCopy;
  try {
    copy = await prepareTheirCopy(theirsPath, ours.author);
  } catch (e) {
    await backup?.discard();
    throw asRefusal(e);
  }
  const report: MergeReport = { dryRun: !!opts.dryRun, theirVersion: copy.version, upgraded: copy.upgraded, tables: {}, conflicts: [] };
  const cacheSize = db.pragma('main.cache_size', { simple: true }) as number;
  try {
    try {
      db.prepare('ATTACH DATABASE ? AS theirs').run(copy.path);
    } catch (e) {
      await backup?.discard();
      throw await damageFirst(copy, asRefusal(e));
    }
    try {
      const tables = SYNCED_TABLES.filter((t) => opts.identities || t !== 'identities');
      // Every synced table, identities included: the seen-vector reads them all. Their file is
      // still being checked: anything read from it that fails may fail for damage.
      let vTheirs: Vector;
      try {
        checkTheirSchema(db, [...SYNCED_TABLES, 'sync_fields', 'sync_seen']);
        vTheirs = seenBy(ours, 'theirs');
      } catch (e) {
        await backup?.discard();
        throw await damageFirst(copy, asRefusal(e));
      }
      // The backup is synced and checked in its worker while we merge, and named just before the
      // commit. If anything wrote our file since it was copied, it is not a backup of what we
      // merge into: a new one is made first.
      let pendingBackup = backup;
      if (backup && fileState(db) !== backedUp) {
        await backup.discard();
        pendingBackup = undefined;
        const again = await backupWholeFile(db, ours.path, 'pre-merge');
        report.backup = again.path;
        // Its checkpoint cleared our seal; sealed again at once, from the copy (see below).
        const resealed = again.fileSeal();
        if (resealed) writeSeal(db, resealed);
      }
      const vOurs = seenBy(ours, 'main');
      // The merge rewrites pages all over the big tables: a page cache that holds them saves
      // writing and reading them again (2 MB by default; given back afterwards).
      db.pragma('main.cache_size = -65536');
      db.pragma('theirs.cache_size = -32768');
      try {
        // Deferred, not IMMEDIATE: BEGIN IMMEDIATE would take a write lock on their copy too, and
        // the check reading it meanwhile runs FTS5's integrity-check, which needs one (and writes
        // nothing). Ours is locked anyway: the project holds its file exclusively.
        db.transaction(() => {
          db.pragma('defer_foreign_keys = ON');
          const pending: Pending = { rows: [] };
          registerFunctions(ours, vOurs, vTheirs);
          for (const t of tables) report.tables[t] = mergeTable(ours, t, pending);
          report.conflicts = recordConflicts(ours, pending);
          // What we have now seen of every device.
          const seen = db.prepare(
            'INSERT INTO main.sync_seen(device, stamp) VALUES (?, ?) ON CONFLICT(device) DO UPDATE SET stamp = max(stamp, excluded.stamp)',
          );
          for (const v of [vOurs, vTheirs]) for (const [d, s] of v) seen.run(d, s);
          // Nothing is committed from a file that has not passed its check (a preview neither),
          // nor without a named backup of ours as it was.
          copy.check.waitSync();
          if (pendingBackup) {
            try {
              report.backup = pendingBackup.readySync();
            } catch (e) {
              throw backupFailure(e);
            }
            // Where a checkpoint had cleared our seal (the backup's own, where it could not copy
            // the WAL in its worker, or a large WAL's before it) and our file is still what the
            // backup copied, the copy's seal is its seal again: a crash after this commit leaves
            // it checked.
            const resealed = pendingBackup.fileSeal();
            if (resealed) writeSeal(db, resealed);
            pendingBackup = undefined;
          }
          if (opts.dryRun) throw new DryRun();
        })();
      } catch (e) {
        // A backup that did not get its name (the merge stopped before) is not kept.
        await pendingBackup?.discard();
        if (!(e instanceof DryRun)) throw await damageFirst(copy, asRefusal(e));
      }
      // Our next changes must come after everything we merged (a preview changes nothing).
      const latest = [...vTheirs.values()].reduce((a, b) => (b > a ? b : a), '');
      if (latest && !opts.dryRun) ours.clock.observe(latest);
      // An identity a colleague rewrote (or cleared) leaves its old bytes nowhere, as setIdentity's.
      if (!opts.dryRun && (report.tables.identities?.changed ?? 0) > 0) ours.checkpointSealedNow();
    } finally {
      db.exec(
        'DROP TABLE IF EXISTS temp.merge_new; DROP TABLE IF EXISTS temp.merge_both; DROP TABLE IF EXISTS temp.merge_fields; DROP TABLE IF EXISTS temp.merge_rows',
      );
      db.prepare('DETACH DATABASE theirs').run();
      db.pragma(`main.cache_size = ${cacheSize}`);
    }
  } finally {
    copy.dispose();
  }
  return report;
}
