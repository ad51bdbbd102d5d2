// Assessments from CSV (columns unit, period, dimension, level, coder, confidence, rationale).
// Units and periods match by name or alias, dimensions and levels by key or name, coders by
// name (new names become coders). All rows are checked first; one bad row imports nothing.
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { getFramework } from '../framework/framework-service.js';
import type { Project } from '../project/project.js';
import { foldKey } from '../search/query.js';
import { writeAssessment, type AssessmentInput } from './assessments-service.js';
import { parseCsv } from './csv.js';

const REQUIRED = ['unit', 'period', 'dimension', 'level', 'coder'] as const;
const MAX_ROWS = 200_000;

export interface AssessmentImportResult {
  rows: number;
  newCoders: string[];
}

export function importAssessmentsCsv(project: Project, csv: string): AssessmentImportResult {
  const rows = parseCsv(csv);
  if (rows.length < 2) throw new AppError('invalid', 'The CSV has no data rows (the first row must name the columns).');
  if (rows.length > MAX_ROWS + 1) throw new AppError('invalid', `The CSV has more than ${MAX_ROWS} rows.`);
  const header = rows[0]!.fields.map((h) => h.trim().toLowerCase());
  for (const col of REQUIRED) if (!header.includes(col)) throw new AppError('invalid', `line 1: the column "${col}" is missing.`);
  const col = (name: (typeof REQUIRED)[number] | 'confidence' | 'rationale', fields: string[]): string => {
    const i = header.indexOf(name);
    return i === -1 ? '' : (fields[i] ?? '').trim();
  };

  const fw = getFramework(project);
  const units = new Map<string, string>();
  for (const u of fw.units) for (const name of [u.name, u.key, ...u.aliases]) if (name) units.set(foldKey(name), u.id);
  const periods = new Map(fw.periods.map((p) => [foldKey(p.name), p.id]));
  const dims = new Map<string, (typeof fw.dimensions)[number]>();
  for (const d of fw.dimensions) for (const name of [d.key, d.name]) dims.set(foldKey(name), d);
  const coders = new Map(
    (project.db.prepare('SELECT id, name FROM coders WHERE deleted = 0').all() as { id: string; name: string }[]).map((c) => [
      foldKey(c.name),
      c,
    ]),
  );

  const newCoders = new Map<string, { id: string; name: string }>();
  const parsed: AssessmentInput[] = [];
  for (const row of rows.slice(1)) {
    const f = row.fields;
    const fail = (msg: string): never => {
      throw new AppError('invalid', `line ${row.line}: ${msg}. Nothing was imported.`);
    };
    const unitId = units.get(foldKey(col('unit', f))) ?? fail(`unknown unit "${col('unit', f)}"`);
    const periodId = periods.get(foldKey(col('period', f))) ?? fail(`unknown period "${col('period', f)}"`);
    const dim = dims.get(foldKey(col('dimension', f))) ?? fail(`unknown dimension "${col('dimension', f)}"`);
    const level = dim.levels.find((l) => foldKey(l.key) === foldKey(col('level', f)) || foldKey(l.name) === foldKey(col('level', f)));
    if (!level) fail(`"${col('level', f)}" is not a level of ${dim.name}`);
    const coderName = col('coder', f) || fail('the coder is empty');
    const key = foldKey(coderName);
    let coder = coders.get(key) ?? newCoders.get(key);
    if (!coder) {
      coder = { id: newId(), name: coderName };
      newCoders.set(key, coder);
    }
    parsed.push({
      unitId,
      periodId,
      dimensionId: dim.id,
      levelId: level!.id,
      assessorId: coder.id,
      confidence: col('confidence', f),
      rationale: col('rationale', f),
    });
  }

  project.write((stamp) => {
    const ins = project.db.prepare('INSERT INTO coders(id, name, stamp, coder_id) VALUES (?, ?, ?, ?)');
    for (const c of newCoders.values()) ins.run(c.id, c.name, stamp(), project.coderId);
    for (const a of parsed) writeAssessment(project, a, stamp);
  });
  return { rows: parsed.length, newCoders: [...newCoders.values()].map((c) => c.name) };
}
