// The matrix of units x periods (the memo's Table 2): per cell, each dimension's level in the
// chosen view, and the outcome the framework's table derives from them. A cell with a missing
// or conflicting dimension shows that, never a guessed outcome.
import { getFramework, type Framework } from '../framework/framework-service.js';
import type { Project } from '../project/project.js';
import type { CellDimension, Matrix, MatrixCell, MatrixView } from './types.js';

interface Judgement {
  unitId: string;
  periodId: string;
  dimensionId: string;
  levelId: string;
  assessorId: string;
  consensus: number;
}

export function loadJudgements(project: Project, fw: Framework): Judgement[] {
  return project.db
    .prepare(
      `SELECT a.unit_id AS unitId, a.period_id AS periodId, a.dimension_id AS dimensionId, a.level_id AS levelId,
              a.assessor_id AS assessorId, a.consensus
       FROM assessments a JOIN units u ON u.id = a.unit_id
       WHERE a.deleted = 0 AND u.framework_id = ?`,
    )
    .all(fw.id) as Judgement[];
}

/** The outcome for one level per dimension, from the framework's outcome table. */
export function deriveOutcome(fw: Framework, levels: Map<string, string>): string | null {
  const rule = fw.rules.find((r) => fw.dimensions.every((d) => r.levels[d.id] === levels.get(d.id)));
  return rule?.outcomeId ?? null;
}

function dimensionIn(view: MatrixView, dimensionId: string, js: Judgement[]): CellDimension {
  const coders = js.filter((j) => !j.consensus);
  const consensus = js.find((j) => j.consensus);
  const distinct = [...new Set(coders.map((j) => j.levelId))];
  const base = { dimensionId, levels: distinct, judgements: coders.length };
  const pick = (levelId: string | undefined): CellDimension =>
    levelId ? { ...base, status: 'set', levelId } : { ...base, status: 'missing', levelId: null };
  if (view.kind === 'coder') return pick(coders.find((j) => j.assessorId === view.coderId)?.levelId);
  if (view.kind === 'consensus') return pick(consensus?.levelId);
  if (consensus) return pick(consensus.levelId);
  if (distinct.length > 1) return { ...base, status: 'conflict', levelId: null };
  return pick(distinct[0]);
}

/**
 * Distinct pieces of evidence per cell (an excerpt, or a reference at a locator), however many
 * judgements cite them: one excerpt cited for two dimensions is one piece of evidence.
 */
function evidenceByCell(project: Project, fw: Framework): Map<string, number> {
  const rows = project.db
    .prepare(
      `SELECT a.unit_id || '|' || a.period_id AS cell,
              count(DISTINCT COALESCE('e:' || ev.excerpt_id, 'r:' || ev.reference_id || '@' || ev.locator)) AS n
       FROM assessment_evidence ev JOIN assessments a ON a.id = ev.assessment_id AND a.deleted = 0
       JOIN units u ON u.id = a.unit_id AND u.framework_id = ?
       WHERE ev.deleted = 0 GROUP BY a.unit_id, a.period_id`,
    )
    .all(fw.id) as { cell: string; n: number }[];
  return new Map(rows.map((r) => [r.cell, r.n]));
}

export function computeMatrix(project: Project, view: MatrixView = { kind: 'pooled' }): Matrix {
  const fw = getFramework(project);
  const evidence = evidenceByCell(project, fw);
  const byCell = new Map<string, Judgement[]>();
  for (const j of loadJudgements(project, fw)) {
    const key = `${j.unitId}|${j.periodId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), j]);
  }
  const units = fw.units.filter((u) => u.inMatrix);
  const cells: MatrixCell[] = [];
  for (const u of units) {
    for (const p of fw.periods) {
      const js = byCell.get(`${u.id}|${p.id}`) ?? [];
      const dimensions = fw.dimensions.map((d) =>
        dimensionIn(
          view,
          d.id,
          js.filter((j) => j.dimensionId === d.id),
        ),
      );
      const levels = new Map(dimensions.filter((d) => d.status === 'set').map((d) => [d.dimensionId, d.levelId!]));
      const complete = levels.size === fw.dimensions.length;
      const outcomeId = complete ? deriveOutcome(fw, levels) : null;
      const status = complete
        ? outcomeId
          ? 'complete'
          : 'unmapped'
        : dimensions.some((d) => d.status === 'conflict')
          ? 'conflict'
          : 'missing';
      cells.push({
        unitId: u.id,
        periodId: p.id,
        outcomeId,
        status,
        dimensions,
        evidenceCount: evidence.get(`${u.id}|${p.id}`) ?? 0,
        agreed: dimensions.every((d) => d.levels.length <= 1),
        hasConsensus: js.some((j) => j.consensus),
      });
    }
  }
  return {
    view,
    units: units.map((u) => ({ id: u.id, name: u.name })),
    periods: fw.periods.map((p) => ({ id: p.id, name: p.name })),
    cells,
  };
}

/** The matrix as rows of outcome names (or "missing" / "conflict"), for Markdown, CSV and tests. */
export function matrixTable(project: Project, m: Matrix): string[][] {
  const fw = getFramework(project);
  const outcomeName = new Map(fw.outcomes.map((o) => [o.id, o.name]));
  const header = ['unit', ...m.periods.map((p) => p.name)];
  const rows = m.units.map((u) => [
    u.name,
    ...m.periods.map((p) => {
      const c = m.cells.find((x) => x.unitId === u.id && x.periodId === p.id)!;
      return c.outcomeId ? outcomeName.get(c.outcomeId)! : c.status === 'unmapped' ? 'no outcome' : c.status;
    }),
  ]);
  return [header, ...rows];
}
