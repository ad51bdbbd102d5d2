// Memos: Markdown with Pandoc citations, autosaved, with a version history. A version is
// snapshotted when a save comes more than ten minutes after the last snapshot, on request, and
// before a restore, so restoring never loses the current text.
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Project } from '../project/project.js';

const SNAPSHOT_EVERY_MS = 10 * 60 * 1000;

export interface MemoSummary {
  id: string;
  title: string;
  words: number;
  stamp: string;
}
export interface Memo extends MemoSummary {
  body: string;
  createdAt: string;
}
export interface MemoVersion {
  id: string;
  title: string;
  body: string;
  savedAt: string;
}

const words = (s: string): number => s.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

export function listMemos(project: Project, trash = false): MemoSummary[] {
  const rows = project.db
    .prepare('SELECT id, title, body, stamp FROM memos WHERE deleted = ? ORDER BY title COLLATE NOCASE')
    .all(trash ? 1 : 0) as {
    id: string;
    title: string;
    body: string;
    stamp: string;
  }[];
  return rows.map(({ body, ...r }) => ({ ...r, words: words(body) }));
}

export function getMemo(project: Project, id: string): Memo {
  const r = project.db.prepare('SELECT id, title, body, stamp, created_at AS createdAt FROM memos WHERE id = ?').get(id) as
    Omit<Memo, 'words'> | undefined;
  if (!r) throw new AppError('not_found', 'No such memo in this project.');
  return { ...r, words: words(r.body) };
}

export function findMemo(project: Project, titleOrId: string): Memo {
  const byId = project.db.prepare('SELECT id FROM memos WHERE id = ? AND deleted = 0').get(titleOrId) as { id: string } | undefined;
  if (byId) return getMemo(project, byId.id);
  const byTitle = project.db.prepare('SELECT id FROM memos WHERE title = ? COLLATE NOCASE AND deleted = 0').all(titleOrId) as {
    id: string;
  }[];
  if (byTitle.length === 1) return getMemo(project, byTitle[0]!.id);
  throw new AppError(
    byTitle.length ? 'invalid' : 'not_found',
    byTitle.length ? `Several memos are called "${titleOrId}"; use its id.` : `No memo called "${titleOrId}".`,
  );
}

function snapshot(project: Project, memoId: string, title: string, body: string, stamp: () => string): void {
  project.db
    .prepare('INSERT INTO memo_versions(id, memo_id, title, body, saved_at, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(newId(), memoId, title, body, new Date().toISOString(), stamp(), project.coderId);
}

export function createMemo(project: Project, title: string, body = ''): Memo {
  const id = newId();
  project.write((stamp) => {
    project.db
      .prepare('INSERT INTO memos(id, title, body, created_at, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, title, body, new Date().toISOString(), stamp(), project.coderId);
    snapshot(project, id, title, body, stamp);
  });
  return getMemo(project, id);
}

export function saveMemo(project: Project, id: string, patch: { title?: string; body?: string }, opts: { version?: boolean } = {}): Memo {
  const old = getMemo(project, id);
  const title = patch.title ?? old.title;
  const body = patch.body ?? old.body;
  project.write((stamp) => {
    if (title !== old.title || body !== old.body) {
      project.db
        .prepare('UPDATE memos SET title = ?, body = ?, stamp = ?, coder_id = ? WHERE id = ?')
        .run(title, body, stamp(), project.coderId, id);
    }
    const last = project.db
      .prepare(
        'SELECT saved_at AS at, body, title FROM memo_versions WHERE memo_id = ? AND deleted = 0 ORDER BY saved_at DESC, rowid DESC LIMIT 1',
      )
      .get(id) as { at: string; body: string; title: string } | undefined;
    const changed = !last || last.body !== body || last.title !== title;
    const due = !last || Date.now() - Date.parse(last.at) > SNAPSHOT_EVERY_MS;
    if (changed && (opts.version || due)) snapshot(project, id, title, body, stamp);
  });
  return getMemo(project, id);
}

export function listVersions(project: Project, memoId: string): MemoVersion[] {
  getMemo(project, memoId);
  return project.db
    .prepare(
      'SELECT id, title, body, saved_at AS savedAt FROM memo_versions WHERE memo_id = ? AND deleted = 0 ORDER BY saved_at DESC, rowid DESC',
    )
    .all(memoId) as MemoVersion[];
}

export function restoreVersion(project: Project, versionId: string): Memo {
  const v = project.db.prepare('SELECT memo_id AS memoId, title, body FROM memo_versions WHERE id = ? AND deleted = 0').get(versionId) as
    { memoId: string; title: string; body: string } | undefined;
  if (!v) throw new AppError('not_found', 'No such version of a memo.');
  const current = getMemo(project, v.memoId);
  project.write((stamp) => {
    snapshot(project, v.memoId, current.title, current.body, stamp);
    project.db
      .prepare('UPDATE memos SET title = ?, body = ?, stamp = ?, coder_id = ? WHERE id = ?')
      .run(v.title, v.body, stamp(), project.coderId, v.memoId);
  });
  return getMemo(project, v.memoId);
}

function setDeleted(project: Project, id: string, deleted: 0 | 1): void {
  getMemo(project, id);
  project.setDeleted('memos', id, deleted === 1);
}
export const deleteMemo = (project: Project, id: string): void => setDeleted(project, id, 1);
export const restoreMemo = (project: Project, id: string): Memo => (setDeleted(project, id, 0), getMemo(project, id));
