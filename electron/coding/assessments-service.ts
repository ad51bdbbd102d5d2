// Framework assessments: a coder's judgement of unit x period x dimension -> level, with
// confidence, rationale and evidence. One live judgement per coder per cell and dimension
// (recording again replaces it); the adjudicated judgement is marked `consensus`.
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Project } from '../project/project.js';
import type { Assessment, Evidence, EvidenceInput } from './types.js';

export interface AssessmentInput {
  unitId: string;
  periodId: string;
  dimensionId: string;
  levelId: string;
  /** Whose judgement; the local coder when absent. */
  assessorId?: string;
  consensus?: boolean;
  confidence?: string;
  rationale?: string;
  evidence?: EvidenceInput[];
}

function check(project: Project, sql: string, id: string, what: string): void {
  if (!project.db.prepare(sql).get(id)) throw new AppError('not_found', `No such ${what} in this project.`);
}

/** The level must belong to the dimension, and unit, period and dimension to one framework. */
function validate(project: Project, a: AssessmentInput): void {
  check(project, 'SELECT 1 FROM units WHERE id = ? AND deleted = 0', a.unitId, 'unit');
  check(project, 'SELECT 1 FROM periods WHERE id = ? AND deleted = 0', a.periodId, 'period');
  check(project, 'SELECT 1 FROM dimensions WHERE id = ? AND deleted = 0', a.dimensionId, 'dimension');
  const level = project.db.prepare('SELECT dimension_id AS d FROM levels WHERE id = ? AND deleted = 0').get(a.levelId) as
    { d: string } | undefined;
  if (!level || level.d !== a.dimensionId) throw new AppError('invalid', 'That level does not belong to that dimension.');
  const fw = project.db
    .prepare(
      `SELECT (SELECT framework_id FROM units WHERE id = ?) AS u, (SELECT framework_id FROM periods WHERE id = ?) AS p,
              (SELECT framework_id FROM dimensions WHERE id = ?) AS d`,
    )
    .get(a.unitId, a.periodId, a.dimensionId) as { u: string; p: string; d: string };
  if (fw.u !== fw.p || fw.u !== fw.d) throw new AppError('invalid', 'Unit, period and dimension come from different frameworks.');
  if (a.assessorId) check(project, 'SELECT 1 FROM coders WHERE id = ? AND deleted = 0', a.assessorId, 'coder');
  for (const e of a.evidence ?? []) {
    if (Boolean(e.excerptId) === Boolean(e.referenceId))
      throw new AppError('invalid', 'Each piece of evidence is an excerpt or a reference.');
    if (e.excerptId) check(project, 'SELECT 1 FROM excerpts WHERE id = ? AND deleted = 0', e.excerptId, 'excerpt');
    if (e.referenceId) check(project, 'SELECT 1 FROM refs WHERE id = ? AND deleted = 0', e.referenceId, 'reference');
  }
}

/** Writes one judgement inside a transaction (used by `recordAssessment` and the CSV import). */
export function writeAssessment(project: Project, a: AssessmentInput, stamp: () => string): string {
  const db = project.db;
  const assessor = a.assessorId ?? project.coderId;
  const consensus = a.consensus ? 1 : 0;
  const existing = db
    .prepare(
      'SELECT id FROM assessments WHERE unit_id = ? AND period_id = ? AND dimension_id = ? AND assessor_id = ? AND consensus = ? AND deleted = 0',
    )
    .get(a.unitId, a.periodId, a.dimensionId, assessor, consensus) as { id: string } | undefined;
  const id = existing?.id ?? newId();
  if (existing) {
    db.prepare('UPDATE assessments SET level_id = ?, confidence = ?, rationale = ?, stamp = ?, coder_id = ? WHERE id = ?').run(
      a.levelId,
      a.confidence ?? '',
      a.rationale ?? '',
      stamp(),
      project.coderId,
      id,
    );
  } else {
    db.prepare(
      `INSERT INTO assessments(id, unit_id, period_id, dimension_id, level_id, assessor_id, consensus, confidence, rationale, stamp, coder_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      a.unitId,
      a.periodId,
      a.dimensionId,
      a.levelId,
      assessor,
      consensus,
      a.confidence ?? '',
      a.rationale ?? '',
      stamp(),
      project.coderId,
    );
  }
  const ins = db.prepare(
    'INSERT INTO assessment_evidence(id, assessment_id, excerpt_id, reference_id, locator, note, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const has = db.prepare(
    'SELECT 1 FROM assessment_evidence WHERE assessment_id = ? AND excerpt_id IS ? AND reference_id IS ? AND locator = ? AND deleted = 0',
  );
  for (const e of a.evidence ?? []) {
    const excerpt = e.excerptId ?? null;
    const ref = e.referenceId ?? null;
    if (!has.get(id, excerpt, ref, e.locator ?? ''))
      ins.run(newId(), id, excerpt, ref, e.locator ?? '', e.note ?? '', stamp(), project.coderId);
  }
  return id;
}

export function recordAssessment(project: Project, a: AssessmentInput): Assessment {
  validate(project, a);
  const id = project.write((stamp) => writeAssessment(project, a, stamp));
  return listAssessments(project, { id })[0]!;
}

export function deleteAssessment(project: Project, id: string): void {
  check(project, 'SELECT 1 FROM assessments WHERE id = ? AND deleted = 0', id, 'assessment');
  project.write((stamp) =>
    project.db.prepare('UPDATE assessments SET deleted = 1, stamp = ?, coder_id = ? WHERE id = ?').run(stamp(), project.coderId, id),
  );
}

export function removeEvidence(project: Project, evidenceId: string): void {
  check(project, 'SELECT 1 FROM assessment_evidence WHERE id = ? AND deleted = 0', evidenceId, 'evidence');
  project.write((stamp) =>
    project.db
      .prepare('UPDATE assessment_evidence SET deleted = 1, stamp = ?, coder_id = ? WHERE id = ?')
      .run(stamp(), project.coderId, evidenceId),
  );
}

export interface AssessmentFilter {
  id?: string;
  unitId?: string;
  periodId?: string;
}

export function listAssessments(project: Project, f: AssessmentFilter = {}): Assessment[] {
  const where = ['a.deleted = 0'];
  const params: string[] = [];
  for (const [col, v] of [
    ['a.id', f.id],
    ['a.unit_id', f.unitId],
    ['a.period_id', f.periodId],
  ] as const) {
    if (v) {
      where.push(`${col} = ?`);
      params.push(v);
    }
  }
  const rows = project.db
    .prepare(
      `SELECT a.id, a.unit_id AS unitId, a.period_id AS periodId, a.dimension_id AS dimensionId, a.level_id AS levelId,
              a.assessor_id AS assessorId, COALESCE(c.name, '') AS assessorName, a.consensus, a.confidence, a.rationale, a.stamp
       FROM assessments a LEFT JOIN coders c ON c.id = a.assessor_id WHERE ${where.join(' AND ')}
       ORDER BY a.consensus DESC, c.name, a.stamp`,
    )
    .all(...params) as (Omit<Assessment, 'consensus' | 'evidence'> & { consensus: number })[];
  const evidence = project.db.prepare(
    `SELECT ev.id, ev.excerpt_id AS excerptId, ev.reference_id AS referenceId, ev.locator, ev.note,
            COALESCE(e.text, r.title, '') AS text, e.document_id AS documentId, COALESCE(d.title, '') AS documentTitle
     FROM assessment_evidence ev LEFT JOIN excerpts e ON e.id = ev.excerpt_id LEFT JOIN documents d ON d.id = e.document_id
     LEFT JOIN refs r ON r.id = ev.reference_id WHERE ev.assessment_id = ? AND ev.deleted = 0 ORDER BY ev.stamp`,
  );
  return rows.map((r) => ({ ...r, consensus: r.consensus === 1, evidence: evidence.all(r.id) as Evidence[] }));
}
