// Two colleagues' copies that drifted apart: about `fraction` of each kind of row edited through
// the services, as people would edit them (notes, codes, trashing, metadata, judgements, memo
// text, references), plus new excerpts. Each side draws its own rows, so a few rows are edited
// on both sides and the merge has real conflicts to keep.
import { recordAssessment } from '../electron/coding/assessments-service.js';
import { updateCode } from '../electron/coding/codes-service.js';
import { createExcerpt, deleteExcerpt, updateExcerpt } from '../electron/coding/excerpts-service.js';
import { updateDocument } from '../electron/documents/document-service.js';
import { getMemo, saveMemo } from '../electron/memos/memo-service.js';
import type { Project } from '../electron/project/project.js';
import { getReference, updateReference } from '../electron/references/reference-service.js';
import type { Rng } from './rng.js';

function sample<T>(r: Rng, xs: T[], fraction: number): T[] {
  const n = Math.max(1, Math.round(xs.length * fraction));
  const pool = [...xs];
  for (let i = 0; i < n && i < pool.length; i++) {
    const j = i + Math.floor(r.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

const ids = (project: Project, sql: string): string[] => (project.db.prepare(sql).all() as { id: string }[]).map((x) => x.id);

export function diverge(project: Project, r: Rng, fraction: number, side: string): Record<string, number> {
  const db = project.db;
  const done: Record<string, number> = {};
  const count = (k: string): void => {
    done[k] = (done[k] ?? 0) + 1;
  };
  const codes = ids(project, 'SELECT id FROM codes WHERE deleted = 0');
  // One transaction around the lot (each service call becomes a savepoint): setting up is not
  // what is measured, and tens of thousands of synced commits would take minutes on L.
  db.transaction(() => {
    for (const id of sample(r, ids(project, 'SELECT id FROM excerpts WHERE deleted = 0'), fraction)) {
      const x = r.next();
      if (x < 0.7) updateExcerpt(project, id, { note: `${side}: ${r.uuid().slice(0, 8)} reread this passage` });
      else if (x < 0.9) updateExcerpt(project, id, { codeIds: sample(r, codes, 2 / codes.length) });
      else deleteExcerpt(project, id);
      count('excerpts');
    }
    const docs = db.prepare('SELECT id, char_count AS n FROM documents WHERE deleted = 0').all() as { id: string; n: number }[];
    const fresh = Math.round((db.prepare('SELECT count(*) AS n FROM excerpts').get() as { n: number }).n * fraction * 0.2);
    for (let i = 0; i < fresh; i++) {
      const d = r.pick(docs);
      const start = r.int(0, Math.max(0, d.n - 400));
      createExcerpt(project, {
        documentId: d.id,
        start,
        end: Math.min(d.n, start + r.int(40, 400)),
        codeIds: sample(r, codes, 1 / codes.length),
      });
      count('new excerpts');
    }
    for (const d of sample(r, docs, fraction)) {
      updateDocument(project, d.id, { notes: `${side}: follow up ${r.uuid().slice(0, 8)}` });
      count('documents');
    }
    for (const id of sample(r, codes, fraction)) {
      updateCode(project, id, { description: `${side}: when to use it, ${r.uuid().slice(0, 8)}` });
      count('codes');
    }
    const judgements = db
      .prepare(
        `SELECT a.unit_id AS unitId, a.period_id AS periodId, a.dimension_id AS dimensionId, a.assessor_id AS assessorId, a.level_id AS levelId
         FROM assessments a WHERE a.deleted = 0`,
      )
      .all() as { unitId: string; periodId: string; dimensionId: string; assessorId: string; levelId: string }[];
    const levels = db.prepare('SELECT id FROM levels WHERE dimension_id = ? AND deleted = 0');
    for (const j of sample(r, judgements, fraction)) {
      const other = (levels.all(j.dimensionId) as { id: string }[]).find((l) => l.id !== j.levelId)?.id ?? j.levelId;
      recordAssessment(project, { ...j, levelId: other, rationale: `${side}: revised after the team meeting` });
      count('assessments');
    }
    for (const id of sample(r, ids(project, 'SELECT id FROM memos WHERE deleted = 0'), fraction)) {
      saveMemo(project, id, { body: `${getMemo(project, id).body}\n\n${side} adds a paragraph ${r.uuid().slice(0, 8)}.` });
      count('memos');
    }
    for (const id of sample(r, ids(project, 'SELECT id FROM refs WHERE deleted = 0'), fraction)) {
      updateReference(project, id, getReference(project, id).csl, `${side}: read ${r.uuid().slice(0, 8)}`);
      count('references');
    }
  })();
  return done;
}
