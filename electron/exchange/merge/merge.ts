// Merging a colleague's copy into ours, field by field. Rows match by UUID, never by name.
// Each field's value comes from the side whose change to it is later (hybrid logical clock
// stamps, see migrations/0003_sync.sql); a tombstone is just the `deleted` field. When both
// sides changed a field without having seen the other's change, the later value shows and the
// pair is kept in sync_conflicts until someone resolves it. Everything here is a function of
// the two copies' contents, so merging A into B and B into A give the same project, and
// merging the same file again changes nothing.
import { AppError, storageError } from '../../core/errors.js';
import { derivedUuid } from '../../core/ids.js';
import { backupProject } from '../../project/backup.js';
import type { Project } from '../../project/project.js';
import { SYNCED_TABLES } from '../../project/synced-tables.js';
import { checkTheirSchema, prepareTheirCopy } from './their-copy.js';

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

/** The latest stamp per device in one schema: what that copy has seen of each device. */
function seenBy(project: Project, schema: 'main' | 'theirs'): Vector {
  const v: Vector = new Map();
  const note = (d: string, s: string) => {
    if (s > (v.get(d) ?? '')) v.set(d, s);
  };
  for (const r of project.db.prepare(`SELECT device, stamp FROM ${schema}.sync_seen`).all() as { device: string; stamp: string }[])
    note(r.device, r.stamp);
  for (const t of [...SYNCED_TABLES, 'sync_fields']) {
    const rows = project.db.prepare(`SELECT substr(stamp, -16) AS d, max(stamp) AS s FROM ${schema}.${t} GROUP BY d`).all() as {
      d: string;
      s: string;
    }[];
    for (const r of rows) note(r.d, r.s);
  }
  return v;
}

/** The same id on both sides of a merge: it depends only on the field and the two changes. */
const conflictId = (table: string, rowId: string, col: string, a: string, b: string) =>
  derivedUuid('sync_conflict', [table, rowId, col, a < b ? a : b, a < b ? b : a].join('\u0000'));

class TableMerge {
  readonly cols: string[];
  private readonly fieldsOf;
  private readonly putField;
  private readonly update;

  constructor(
    private readonly project: Project,
    readonly table: string,
  ) {
    const db = project.db;
    this.cols = (db.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'rid');
    const fields = this.cols.filter((c) => !META.has(c));
    // Prepared once per table and side: merges look up field stamps for thousands of rows.
    const stmts = {
      main: db.prepare('SELECT col, stamp FROM main.sync_fields WHERE tbl = ? AND row_id = ?'),
      theirs: db.prepare('SELECT col, stamp FROM theirs.sync_fields WHERE tbl = ? AND row_id = ?'),
    };
    this.fieldsOf = (schema: 'main' | 'theirs') => stmts[schema];
    this.putField = db.prepare(
      'INSERT INTO main.sync_fields(tbl, row_id, col, stamp) VALUES (?, ?, ?, ?) ON CONFLICT(tbl, row_id, col) DO UPDATE SET stamp = excluded.stamp',
    );
    this.update = db.prepare(
      `UPDATE main.${table} SET ${fields.map((c) => `${c} = @${c}`).join(', ')}, stamp = @stamp, coder_id = @coder_id WHERE id = @id`,
    );
  }

  get fields(): string[] {
    return this.cols.filter((c) => !META.has(c));
  }

  stamps(schema: 'main' | 'theirs', row: Row): Map<string, string> {
    const m = new Map(this.fields.map((c) => [c, row.stamp]));
    for (const f of this.fieldsOf(schema).all(this.table, row.id) as { col: string; stamp: string }[])
      if (m.has(f.col)) m.set(f.col, f.stamp);
    return m;
  }

  /** Writes the merged row and its field stamps (the trigger's guesses are overwritten). */
  write(row: Row, stamps: Map<string, string>): void {
    this.update.run(row);
    for (const [col, stamp] of stamps) this.putField.run(this.table, row.id, col, stamp);
  }
}

interface Pending {
  conflicts: MergeConflict[];
  rows: { table: string; rowId: string; col: string; a: unknown; sa: string; b: unknown; sb: string }[];
}

function mergeTable(
  project: Project,
  tm: TableMerge,
  vOurs: Vector,
  vTheirs: Vector,
  pending: Pending,
): { added: number; changed: number } {
  const db = project.db;
  const t = tm.table;
  const cols = tm.cols.join(', ');
  // New rows, in bulk: everything of theirs that we do not have, with its field stamps.
  db.exec('DROP TABLE IF EXISTS temp.merge_new; CREATE TEMP TABLE merge_new(id TEXT PRIMARY KEY)');
  db.prepare(`INSERT INTO temp.merge_new SELECT id FROM theirs.${t} EXCEPT SELECT id FROM main.${t}`).run();
  const added =
    t === 'excerpt_codes'
      ? mergeNewExcerptCodes(project, tm)
      : db.prepare(`INSERT INTO main.${t}(${cols}) SELECT ${cols} FROM theirs.${t} WHERE id IN (SELECT id FROM temp.merge_new)`).run()
          .changes;
  db.prepare(
    `INSERT OR REPLACE INTO main.sync_fields SELECT * FROM theirs.sync_fields WHERE tbl = ? AND row_id IN (SELECT id FROM temp.merge_new)`,
  ).run(t);

  // Rows both have, where anything differs: field by field.
  let changed = 0;
  const both = db
    .prepare(
      `SELECT ${tm.cols.map((c) => `o.${c} AS "o.${c}", t.${c} AS "t.${c}"`).join(', ')}
       FROM main.${t} o JOIN theirs.${t} t ON t.id = o.id
       WHERE o.stamp IS NOT t.stamp OR ${tm.fields.map((c) => `o.${c} IS NOT t.${c}`).join(' OR ')}`,
    )
    .all() as Record<string, unknown>[];
  for (const r of both) {
    const ours = Object.fromEntries(tm.cols.map((c) => [c, r[`o.${c}`]])) as Row;
    const theirs = Object.fromEntries(tm.cols.map((c) => [c, r[`t.${c}`]])) as Row;
    const so = tm.stamps('main', ours);
    const st = tm.stamps('theirs', theirs);
    const merged: Row = { ...ours };
    const stamps = new Map(so);
    let tookTheirs = false;
    for (const c of tm.fields) {
      const a = so.get(c)!;
      const b = st.get(c)!;
      const differ = ours[c] !== theirs[c];
      const theirsLater = b > a || (b === a && differ && String(theirs[c]) > String(ours[c]));
      if (theirsLater) {
        stamps.set(c, b);
        if (differ) {
          merged[c] = theirs[c];
          tookTheirs = true;
        }
      }
      // Both changed it, neither having seen the other's change: keep the pair.
      if (differ && a !== b && a > (vTheirs.get(device(a)) ?? '') && b > (vOurs.get(device(b)) ?? '') && t !== 'sync_conflicts') {
        const [later, laterStamp, earlier, earlierStamp] = theirsLater ? [theirs[c], b, ours[c], a] : [ours[c], a, theirs[c], b];
        pending.rows.push({ table: t, rowId: ours.id, col: c, a: later, sa: laterStamp, b: earlier, sb: earlierStamp });
      }
    }
    const rowStamp = [...stamps.values()].reduce((x, y) => (y > x ? y : x), ours.stamp > theirs.stamp ? ours.stamp : theirs.stamp);
    merged.stamp = rowStamp;
    merged.coder_id = theirs.stamp > ours.stamp ? theirs.coder_id : ours.coder_id;
    const stampsMoved = [...stamps].some(([col, stamp]) => stamp !== so.get(col));
    if (tookTheirs || stampsMoved || merged.stamp !== ours.stamp || merged.coder_id !== ours.coder_id) tm.write(merged, stamps);
    if (tookTheirs) changed++;
  }
  return { added, changed };
}

/**
 * excerpt_codes is unique on (excerpt, code): two people who gave one excerpt the same code
 * apart made two rows for one fact. The smaller id is kept, on both sides alike, with the
 * later of the two tombstones.
 */
function mergeNewExcerptCodes(project: Project, tm: TableMerge): number {
  const db = project.db;
  const cols = tm.cols.join(', ');
  let added = 0;
  const rows = db.prepare(`SELECT ${cols} FROM theirs.excerpt_codes WHERE id IN (SELECT id FROM temp.merge_new)`).all() as Row[];
  const twin = db.prepare('SELECT * FROM main.excerpt_codes WHERE excerpt_id = ? AND code_id = ?');
  const insert = db.prepare(`INSERT INTO main.excerpt_codes(${cols}) VALUES (${tm.cols.map((c) => `@${c}`).join(', ')})`);
  for (const r of rows) {
    const o = twin.get(r.excerpt_id, r.code_id) as Row | undefined;
    if (!o) {
      insert.run(r);
      added++;
      continue;
    }
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

/** Merges the project file at `theirsPath` into `ours`, all or nothing, after a backup. */
export async function mergeProject(ours: Project, theirsPath: string, opts: MergeOptions = {}): Promise<MergeReport> {
  if (theirsPath === ours.path) throw new AppError('invalid', 'This is the project itself; choose a colleague’s copy.');
  const copy = await prepareTheirCopy(theirsPath, ours.author).catch((e: unknown) => {
    throw asRefusal(e);
  });
  const db = ours.db;
  const report: MergeReport = { dryRun: !!opts.dryRun, theirVersion: copy.version, upgraded: copy.upgraded, tables: {}, conflicts: [] };
  try {
    db.prepare('ATTACH DATABASE ? AS theirs').run(copy.path);
    try {
      const tables = SYNCED_TABLES.filter((t) => opts.identities || t !== 'identities');
      // Every synced table, identities included: the seen-vector reads them all.
      checkTheirSchema(db, [...SYNCED_TABLES, 'sync_fields', 'sync_seen']);
      if (!opts.dryRun) report.backup = await backupProject(db, ours.path, 'pre-merge');
      const vOurs = seenBy(ours, 'main');
      const vTheirs = seenBy(ours, 'theirs');
      try {
        db.transaction(() => {
          db.pragma('defer_foreign_keys = ON');
          const pending: Pending = { conflicts: [], rows: [] };
          for (const t of tables) report.tables[t] = mergeTable(ours, new TableMerge(ours, t), vOurs, vTheirs, pending);
          report.conflicts = recordConflicts(ours, pending);
          // What we have now seen of every device.
          const seen = db.prepare(
            'INSERT INTO main.sync_seen(device, stamp) VALUES (?, ?) ON CONFLICT(device) DO UPDATE SET stamp = max(stamp, excluded.stamp)',
          );
          for (const v of [vOurs, vTheirs]) for (const [d, s] of v) seen.run(d, s);
          if (opts.dryRun) throw new DryRun();
        }).immediate();
      } catch (e) {
        if (!(e instanceof DryRun)) throw asRefusal(e);
      }
      // Our next changes must come after everything we merged (a preview changes nothing).
      const latest = [...vTheirs.values()].reduce((a, b) => (b > a ? b : a), '');
      if (latest && !opts.dryRun) ours.clock.observe(latest);
    } finally {
      db.exec('DROP TABLE IF EXISTS temp.merge_new');
      db.prepare('DETACH DATABASE theirs').run();
    }
  } finally {
    copy.dispose();
  }
  return report;
}
