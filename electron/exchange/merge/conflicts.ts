// The Conflicts view's data: pairs of values two colleagues gave one field apart. Resolving
// writes the chosen value as a new change (so it wins on every copy it reaches) and marks the
// pair resolved; both are ordinary stamped writes, so resolutions merge like anything else.
import { AppError } from '../../core/errors.js';
import type { Project } from '../../project/project.js';
import { SYNCED_TABLES } from './merge.js';

export interface Conflict {
  id: string;
  table: string;
  rowId: string;
  field: string;
  /** What a person would call the row: a code's name, a document's title, … */
  label: string;
  shown: unknown;
  shownStamp: string;
  other: unknown;
  otherStamp: string;
}

const LABEL: Record<string, string> = {
  codes: 'name',
  documents: 'title',
  memos: 'title',
  refs: 'citation_key',
  units: 'name',
  periods: 'name',
  coders: 'name',
  excerpts: 'text',
  frameworks: 'name',
  dimensions: 'name',
  outcomes: 'name',
};

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export function listConflicts(project: Project): Conflict[] {
  // A file from before merging existed (schema < 3), read without upgrading it, has none.
  if (!project.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sync_conflicts'").get()) return [];
  const rows = project.db
    .prepare(
      `SELECT id, tbl, row_id AS rowId, col, value_a, stamp_a, value_b, stamp_b FROM sync_conflicts
       WHERE resolved = 0 AND deleted = 0 ORDER BY tbl, stamp_a`,
    )
    .all() as { id: string; tbl: string; rowId: string; col: string; value_a: string; stamp_a: string; value_b: string; stamp_b: string }[];
  return rows.map((r) => {
    const labelCol = LABEL[r.tbl];
    const label =
      labelCol && (SYNCED_TABLES as readonly string[]).includes(r.tbl)
        ? String(
            (project.db.prepare(`SELECT ${labelCol} AS l FROM ${r.tbl} WHERE id = ?`).get(r.rowId) as { l: unknown } | undefined)?.l ?? '',
          ).slice(0, 120)
        : '';
    return {
      id: r.id,
      table: r.tbl,
      rowId: r.rowId,
      field: r.col,
      label,
      shown: parse(r.value_a),
      shownStamp: r.stamp_a,
      other: parse(r.value_b),
      otherStamp: r.stamp_b,
    };
  });
}

/** Keeps the value shown, or puts the other one back; either way the pair is closed. */
export function resolveConflict(project: Project, id: string, keep: 'shown' | 'other'): void {
  const c = listConflicts(project).find((x) => x.id === id);
  if (!c) throw new AppError('not_found', 'No such open conflict.');
  if (!(SYNCED_TABLES as readonly string[]).includes(c.table)) throw new AppError('invalid', 'This conflict names an unknown table.');
  const cols = (project.db.prepare(`PRAGMA table_info(${c.table})`).all() as { name: string }[]).map((x) => x.name);
  if (!cols.includes(c.field) || ['id', 'rid', 'stamp', 'coder_id'].includes(c.field))
    throw new AppError('invalid', 'This conflict names an unknown field.');
  project.write((stamp) => {
    if (keep === 'other') {
      project.db
        .prepare(`UPDATE ${c.table} SET ${c.field} = ?, stamp = ?, coder_id = ? WHERE id = ?`)
        .run(c.other as never, stamp(), project.coderId, c.rowId);
    }
    project.db.prepare('UPDATE sync_conflicts SET resolved = 1, stamp = ?, coder_id = ? WHERE id = ?').run(stamp(), project.coderId, id);
  });
}
