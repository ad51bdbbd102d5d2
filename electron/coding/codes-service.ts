// The codebook: a hierarchy of codes with colour and description. Deletes are tombstones (with
// restore for undo); merging moves one code's excerpts onto another.
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Project } from '../project/project.js';
import type { Code } from './types.js';

type RawCode = Omit<Code, 'deleted'> & { deleted: number };

/**
 * Codes matching `where` (a condition on `c`), with their live excerpt counts: each code's live
 * codings counted on an index (excerpt_codes_live), less those of trashed excerpts, which are
 * looked up once per query (excerpts_trashed) rather than once per coding.
 */
function selectCodes(project: Project, where: string, ...params: (string | number)[]): Code[] {
  const rows = project.db
    .prepare(
      `SELECT c.id, c.parent_id AS parentId, c.name, c.color, c.description, c.sort_order AS sortOrder, c.deleted,
        (SELECT count(*) FROM excerpt_codes ec INDEXED BY excerpt_codes_live
          WHERE ec.code_id = c.id AND ec.deleted = 0
            AND ec.excerpt_id NOT IN (SELECT t.id FROM excerpts t INDEXED BY excerpts_trashed WHERE t.deleted = 1)) AS excerptCount
       FROM codes c WHERE ${where} ORDER BY c.sort_order, c.name COLLATE NOCASE`,
    )
    .all(...params) as RawCode[];
  return rows.map((r) => ({ ...r, deleted: r.deleted === 1 }));
}

export function listCodes(project: Project, trash = false): Code[] {
  return selectCodes(project, 'c.deleted = ?', trash ? 1 : 0);
}

/** One code, live or in the trash. */
export function getCode(project: Project, id: string): Code {
  const [c] = selectCodes(project, 'c.id = ?', id);
  if (!c) throw new AppError('not_found', 'No such code in this project.');
  return c;
}

function requireLive(project: Project, id: string): void {
  if (!project.db.prepare('SELECT 1 FROM codes WHERE id = ? AND deleted = 0').get(id)) {
    throw new AppError('not_found', 'No such code in this project.');
  }
}

function checkParent(project: Project, id: string | null, parentId: string | null): void {
  if (parentId === null) return;
  requireLive(project, parentId);
  // Walk up from the new parent: meeting the code itself would make a cycle.
  for (let at: string | null = parentId; at !== null;) {
    if (at === id) throw new AppError('invalid', 'A code cannot be moved inside itself.');
    at = (project.db.prepare('SELECT parent_id AS p FROM codes WHERE id = ?').get(at) as { p: string | null } | undefined)?.p ?? null;
  }
}

export interface CodeInput {
  name: string;
  parentId?: string | null;
  color?: string;
  description?: string;
}

export function createCode(project: Project, input: CodeInput): Code {
  const parentId = input.parentId ?? null;
  checkParent(project, null, parentId);
  const id = newId();
  project.write((stamp) => {
    const max = project.db.prepare('SELECT max(sort_order) AS m FROM codes WHERE parent_id IS ?').get(parentId) as { m: number | null };
    project.db
      .prepare('INSERT INTO codes(id, parent_id, name, color, description, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, parentId, input.name, input.color ?? '', input.description ?? '', (max.m ?? -1) + 1, stamp(), project.coderId);
  });
  return getCode(project, id);
}

export function updateCode(project: Project, id: string, patch: Partial<CodeInput> & { sortOrder?: number }): Code {
  requireLive(project, id);
  if (patch.parentId !== undefined) checkParent(project, id, patch.parentId);
  const cols: [string, unknown][] = [];
  if (patch.name !== undefined) cols.push(['name', patch.name]);
  if (patch.parentId !== undefined) cols.push(['parent_id', patch.parentId]);
  if (patch.color !== undefined) cols.push(['color', patch.color]);
  if (patch.description !== undefined) cols.push(['description', patch.description]);
  if (patch.sortOrder !== undefined) cols.push(['sort_order', patch.sortOrder]);
  if (cols.length) {
    project.write((stamp) => {
      project.db
        .prepare(`UPDATE codes SET ${cols.map(([c]) => `${c} = ?`).join(', ')}, stamp = ?, coder_id = ? WHERE id = ?`)
        .run(...(cols.map(([, v]) => v) as (string | number | null)[]), stamp(), project.coderId, id);
    });
  }
  return getCode(project, id);
}

/** The code and all its descendants, live ones only. */
function subtree(project: Project, id: string): string[] {
  const rows = project.db
    .prepare(
      `WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT c.id FROM codes c JOIN t ON c.parent_id = t.id WHERE c.deleted = 0) SELECT id FROM t`,
    )
    .all(id) as { id: string }[];
  return rows.map((r) => r.id);
}

/** To the trash with its sub-codes; their codings stay, hidden, so restore brings all back. */
export function deleteCode(project: Project, id: string): string[] {
  requireLive(project, id);
  const ids = subtree(project, id);
  project.write((stamp) => {
    const st = project.db.prepare('UPDATE codes SET deleted = 1, stamp = ?, coder_id = ? WHERE id = ?');
    for (const c of ids) st.run(stamp(), project.coderId, c);
  });
  return ids;
}

export function restoreCodes(project: Project, ids: string[]): Code[] {
  project.write((stamp) => {
    const st = project.db.prepare('UPDATE codes SET deleted = 0, stamp = ?, coder_id = ? WHERE id = ? AND deleted = 1');
    for (const c of ids) st.run(stamp(), project.coderId, c);
  });
  return ids.map((c) => getCode(project, c));
}

/**
 * Merges `fromId` into `intoId`: every coding of `from` moves to `into` (an excerpt coded with
 * both keeps one), `from`'s sub-codes move under `into`, and `from` goes to the trash.
 */
export function mergeCodes(project: Project, fromId: string, intoId: string): Code {
  if (fromId === intoId) throw new AppError('invalid', 'Choose two different codes to merge.');
  requireLive(project, fromId);
  requireLive(project, intoId);
  if (subtree(project, fromId).includes(intoId)) throw new AppError('invalid', 'A code cannot be merged into one of its own sub-codes.');
  project.write((stamp) => {
    const db = project.db;
    const codings = db.prepare('SELECT id, excerpt_id AS excerptId FROM excerpt_codes WHERE code_id = ? AND deleted = 0').all(fromId) as {
      id: string;
      excerptId: string;
    }[];
    const existing = db.prepare('SELECT id, deleted FROM excerpt_codes WHERE excerpt_id = ? AND code_id = ?');
    for (const c of codings) {
      const target = existing.get(c.excerptId, intoId) as { id: string; deleted: number } | undefined;
      if (target?.deleted === 1)
        db.prepare('UPDATE excerpt_codes SET deleted = 0, stamp = ?, coder_id = ? WHERE id = ?').run(stamp(), project.coderId, target.id);
      else if (!target) {
        db.prepare('INSERT INTO excerpt_codes(id, excerpt_id, code_id, stamp, coder_id) VALUES (?, ?, ?, ?, ?)').run(
          newId(),
          c.excerptId,
          intoId,
          stamp(),
          project.coderId,
        );
      }
      db.prepare('UPDATE excerpt_codes SET deleted = 1, stamp = ?, coder_id = ? WHERE id = ?').run(stamp(), project.coderId, c.id);
    }
    db.prepare('UPDATE codes SET parent_id = ?, stamp = ?, coder_id = ? WHERE parent_id = ? AND deleted = 0').run(
      intoId,
      stamp(),
      project.coderId,
      fromId,
    );
    db.prepare('UPDATE codes SET deleted = 1, stamp = ?, coder_id = ? WHERE id = ?').run(stamp(), project.coderId, fromId);
  });
  return getCode(project, intoId);
}
