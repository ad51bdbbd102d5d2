// Framework assessments have no place in REFI-QDA. They travel as what a reader of another tool
// can still use: one note per judgement (unit × period × dimension = level, who, rationale,
// evidence), and each assessed unit as a case whose variables hold the agreed level per
// dimension and period, linked to the excerpts cited as evidence.
import type { Project } from '../../project/project.js';
import { variable } from './export-cases.js';
import type { XCase, XNote, XValue, XVariable } from './export-types.js';
import { derivedUuid } from '../../core/ids.js';
import { guidFor } from './guid.js';

interface Row {
  id: string;
  unitId: string;
  unit: string;
  periodId: string;
  period: string;
  dimensionId: string;
  dimension: string;
  level: string;
  assessor: string;
  consensus: number;
  confidence: string;
  rationale: string;
  stamp: string;
}

interface EvidenceRow {
  assessmentId: string;
  excerptId: string | null;
  quote: string | null;
  documentTitle: string | null;
  start: number | null;
  end: number | null;
  citationKey: string | null;
  refTitle: string | null;
  authors: string | null;
  year: number | null;
  locator: string;
  note: string;
}

export interface AssessmentExport {
  notes: XNote[];
  cases: XCase[];
  variables: XVariable[];
  count: number;
}

function readRows(project: Project): { rows: Row[]; evidence: EvidenceRow[] } {
  const rows = project.db
    .prepare(
      `SELECT a.id, a.unit_id AS unitId, u.name AS unit, a.period_id AS periodId, p.name AS period, a.dimension_id AS dimensionId,
              d.name AS dimension, l.name AS level, COALESCE(c.name, '') AS assessor, a.consensus, a.confidence, a.rationale, a.stamp
       FROM assessments a JOIN units u ON u.id = a.unit_id JOIN periods p ON p.id = a.period_id
         JOIN dimensions d ON d.id = a.dimension_id JOIN levels l ON l.id = a.level_id LEFT JOIN coders c ON c.id = a.assessor_id
       WHERE a.deleted = 0
       ORDER BY u.sort_order, u.name, p.sort_order, p.start_year, p.name, d.sort_order, d.key, a.consensus DESC, assessor, a.id`,
    )
    .all() as Row[];
  const evidence = project.db
    .prepare(
      `SELECT ev.assessment_id AS assessmentId, ev.excerpt_id AS excerptId, e.text AS quote, doc.title AS documentTitle,
              e.start_offset AS start, e.end_offset AS "end", r.citation_key AS citationKey, r.title AS refTitle, r.authors,
              r.issued_year AS year, ev.locator, ev.note
       FROM assessment_evidence ev
         LEFT JOIN excerpts e ON e.id = ev.excerpt_id AND e.deleted = 0
         LEFT JOIN documents doc ON doc.id = e.document_id AND doc.deleted = 0
         LEFT JOIN refs r ON r.id = ev.reference_id
       WHERE ev.deleted = 0
       ORDER BY ev.assessment_id, ev.excerpt_id IS NULL, doc.title, e.start_offset, r.citation_key, ev.locator, ev.id`,
    )
    .all() as EvidenceRow[];
  return { rows, evidence };
}

function evidenceLine(e: EvidenceRow, mask: (s: string) => string): string | null {
  const extra = [e.locator, e.note].filter(Boolean).join('; ');
  if (e.excerptId) {
    if (e.quote === null || e.documentTitle === null) return null; // excerpt or its document in the trash
    const where = `${mask(e.documentTitle)}, characters ${e.start}–${e.end}; selection ${guidFor(e.excerptId)}`;
    return `- “${mask(e.quote)}” (${where}${extra ? `; ${mask(extra)}` : ''})`;
  }
  const who = [e.authors, e.year].filter((x) => x !== null && x !== '').join(' ');
  const ref = [who, e.refTitle ? `“${e.refTitle}”` : '', e.citationKey ? `[@${e.citationKey}]` : ''].filter(Boolean).join(', ');
  return `- ${mask(ref || 'reference')}${extra ? `, ${mask(extra)}` : ''}`;
}

function noteFor(r: Row, evidence: EvidenceRow[], mask: (s: string) => string): XNote {
  const cell = `${r.unit} × ${r.period} × ${r.dimension}`;
  const lines = [
    `Assessment: ${cell} = ${r.level}`,
    `Assessed by: ${r.assessor || 'unknown coder'} (${r.consensus ? 'consensus' : 'individual judgement'})`,
  ];
  if (r.confidence) lines.push(`Confidence: ${r.confidence}`);
  if (r.rationale) lines.push(`Rationale: ${r.rationale}`);
  const ev = evidence.map((e) => evidenceLine(e, mask)).filter((x): x is string => x !== null);
  if (ev.length) lines.push('Evidence:', ...ev);
  return { guid: guidFor(r.id), name: mask(`Assessment: ${cell}`), content: mask(lines.join('\n')) };
}

/** The level a unit's case shows for one dimension and period: the consensus, else what all coders agree on. */
function agreedLevel(judgements: Row[]): string | null {
  const consensus = judgements.find((j) => j.consensus === 1);
  if (consensus) return consensus.level;
  const levels = new Set(judgements.map((j) => j.level));
  return levels.size === 1 ? judgements[0]!.level : null;
}

export function assessmentExport(project: Project, mask: (s: string) => string, exportedExcerpts: Set<string>): AssessmentExport {
  const projectId = project.getMeta('project_id') ?? '';
  const { rows, evidence } = readRows(project);
  const byAssessment = new Map<string, EvidenceRow[]>();
  for (const e of evidence) byAssessment.set(e.assessmentId, [...(byAssessment.get(e.assessmentId) ?? []), e]);

  const notes = rows.map((r) => noteFor(r, byAssessment.get(r.id) ?? [], mask));

  const variables = new Map<string, XVariable>();
  const cases = new Map<string, XCase>();
  const cells = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.unitId}\u0000${r.periodId}\u0000${r.dimensionId}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  for (const judgements of cells.values()) {
    const r = judgements[0]!;
    let c = cases.get(r.unitId);
    if (!c) {
      c = {
        guid: guidFor(r.unitId),
        name: mask(r.unit),
        description: 'Unit of analysis of the framework',
        values: [],
        sourceRefs: [],
        selectionRefs: [],
      };
      cases.set(r.unitId, c);
    }
    for (const j of judgements)
      for (const e of byAssessment.get(j.id) ?? [])
        if (e.excerptId && exportedExcerpts.has(e.excerptId) && !c.selectionRefs.includes(guidFor(e.excerptId)))
          c.selectionRefs.push(guidFor(e.excerptId));
    const level = agreedLevel(judgements);
    if (level === null) continue;
    const name = `${r.dimension}, ${r.period}`;
    let v = variables.get(name);
    if (!v) {
      v = variable(projectId, name, 'Text', `Assessed level of ${r.dimension} in ${r.period}`);
      v.guid = derivedUuid('assessment-variable', `${projectId}\u0000${r.dimensionId}\u0000${r.periodId}`);
      variables.set(name, v);
    }
    c.values.push({ variable: v, value: mask(level) } satisfies XValue);
  }
  for (const c of cases.values()) c.selectionRefs.sort();
  return { notes, cases: [...cases.values()], variables: [...variables.values()], count: rows.length };
}
