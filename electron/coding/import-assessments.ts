// Assessments from CSV (columns unit, period, dimension, level, coder, confidence, rationale).
// Units and periods match by name or alias, dimensions and levels by key or name, coders by
// name (new names become coders). All rows are checked first; one bad row imports nothing.
//
// Set-based (issue 8): names are resolved through maps built once, rows are read one at a time
// and kept only as ids, and the writes go through statements prepared once, in one transaction,
// with the live judgements looked up in a map rather than a query per row. The writes are the
// ones writing each row with writeAssessment would make, in the same order, with the same stamps.
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { getFramework } from '../framework/framework-service.js';
import type { Project } from '../project/project.js';
import { foldKey } from '../search/query.js';
import { csvRows } from './csv.js';

const REQUIRED = ['unit', 'period', 'dimension', 'level', 'coder'] as const;
/**
 * Rows one file may hold: four times a 24,000-judgement project (the bench's L size); 100,000
 * rows (about 14 MB) import in 2-4 s on a busy two-core laptop, within issue 8's 10 s.
 */
export const MAX_ROWS = 100_000;
/** New coders one file may bring (each is a row of its own): real teams are a few dozen people. */
export const MAX_NEW_CODERS = 1_000;

export interface AssessmentImportResult {
  rows: number;
  newCoders: string[];
}

/** One checked row: ids only, the text fields as written. */
interface Row {
  unitId: string;
  periodId: string;
  dimensionId: string;
  levelId: string;
  assessorId: string;
  confidence: string;
  rationale: string;
}

type Column = (typeof REQUIRED)[number] | 'confidence' | 'rationale';

export function importAssessmentsCsv(project: Project, csv: string): AssessmentImportResult {
  const rows = csvRows(csv);
  const first = rows.next();
  const header = first.done ? [] : first.value.fields.map((h) => h.trim().toLowerCase());
  const at = (name: Column): number => header.indexOf(name);
  const columns = { unit: at('unit'), period: at('period'), dimension: at('dimension'), level: at('level'), coder: at('coder') };
  const optional = { confidence: at('confidence'), rationale: at('rationale') };
  const col = (i: number, fields: string[]): string => (i === -1 ? '' : (fields[i] ?? '').trim());
  const missing = REQUIRED.find((c) => columns[c] === -1);

  const fw = getFramework(project);
  const units = new Map<string, string>();
  for (const u of fw.units) for (const name of [u.name, u.key, ...u.aliases]) if (name) units.set(foldKey(name), u.id);
  const periods = new Map(fw.periods.map((p) => [foldKey(p.name), p.id]));
  const dims = new Map<string, { id: string; name: string; levels: Map<string, string> }>();
  for (const d of fw.dimensions) {
    // The first level whose key or name matches, as a search through the levels in order finds it.
    const levels = new Map<string, string>();
    for (const l of d.levels) for (const name of [l.key, l.name]) if (!levels.has(foldKey(name))) levels.set(foldKey(name), l.id);
    for (const name of [d.key, d.name]) dims.set(foldKey(name), { id: d.id, name: d.name, levels });
  }
  const coders = new Map(
    (project.db.prepare('SELECT id, name FROM coders WHERE deleted = 0').all() as { id: string; name: string }[]).map((c) => [
      foldKey(c.name),
      c,
    ]),
  );
  // Files repeat the same few names on every row: fold each distinct one once.
  const folded = new Map<string, string>();
  const fold = (s: string): string => {
    let f = folded.get(s);
    if (f === undefined) folded.set(s, (f = foldKey(s)));
    return f;
  };

  const newCoders = new Map<string, { id: string; name: string }>();
  const parsed: Row[] = [];
  let dataRows = 0;
  let problem: AppError | undefined;
  // Every row is read even after a problem: an unclosed quote anywhere, no data rows or too many
  // rows are what the file is refused for first, and a missing column before any row's problem.
  for (const row of rows) {
    dataRows++;
    if (problem || missing || dataRows > MAX_ROWS) continue;
    const f = row.fields;
    const fail = (msg: string): undefined => {
      problem = new AppError('invalid', `line ${row.line}: ${msg}. Nothing was imported.`);
    };
    const unitId = units.get(fold(col(columns.unit, f)));
    if (!unitId) {
      fail(`unknown unit "${col(columns.unit, f)}"`);
      continue;
    }
    const periodId = periods.get(fold(col(columns.period, f)));
    if (!periodId) {
      fail(`unknown period "${col(columns.period, f)}"`);
      continue;
    }
    const dim = dims.get(fold(col(columns.dimension, f)));
    if (!dim) {
      fail(`unknown dimension "${col(columns.dimension, f)}"`);
      continue;
    }
    const levelId = dim.levels.get(fold(col(columns.level, f)));
    if (!levelId) {
      fail(`"${col(columns.level, f)}" is not a level of ${dim.name}`);
      continue;
    }
    const coderName = col(columns.coder, f);
    if (!coderName) {
      fail('the coder is empty');
      continue;
    }
    const key = fold(coderName);
    let coder = coders.get(key) ?? newCoders.get(key);
    if (!coder) {
      if (newCoders.size === MAX_NEW_CODERS) {
        fail(
          `"${coderName}" would be new coder number ${MAX_NEW_CODERS + 1}; a file may bring at most ${MAX_NEW_CODERS.toLocaleString('en-US')} (is the coder column the right one?)`,
        );
        continue;
      }
      coder = { id: newId(), name: coderName };
      newCoders.set(key, coder);
    }
    parsed.push({
      unitId,
      periodId,
      dimensionId: dim.id,
      levelId,
      assessorId: coder.id,
      confidence: col(optional.confidence, f),
      rationale: col(optional.rationale, f),
    });
  }
  if (dataRows === 0) throw new AppError('invalid', 'The CSV has no data rows (the first row must name the columns).');
  if (dataRows > MAX_ROWS)
    throw new AppError('invalid', `The CSV has more than ${MAX_ROWS.toLocaleString('en-US')} rows. Split it into parts and import those.`);
  if (missing) throw new AppError('invalid', `line 1: the column "${missing}" is missing.`);
  if (problem) throw problem;

  const db = project.db;
  const cellKey = (unitId: string, periodId: string, dimensionId: string, assessorId: string): string =>
    `${unitId}\u0000${periodId}\u0000${dimensionId}\u0000${assessorId}`;
  project.write((stamp) => {
    const insCoder = db.prepare('INSERT INTO coders(id, name, stamp, coder_id) VALUES (?, ?, ?, ?)');
    for (const c of newCoders.values()) insCoder.run(c.id, c.name, stamp(), project.coderId);
    // Each coder's live (non-consensus) judgement per cell and dimension; if a file from
    // elsewhere holds two, the first by rowid, as the per-row lookup through the cell index found it.
    const live = new Map<string, string>();
    const existing = db
      .prepare(
        'SELECT id, unit_id AS u, period_id AS p, dimension_id AS d, assessor_id AS a FROM assessments WHERE consensus = 0 AND deleted = 0 ORDER BY rowid',
      )
      .iterate() as Iterable<{ id: string; u: string; p: string; d: string; a: string }>;
    for (const r of existing) {
      const k = cellKey(r.u, r.p, r.d, r.a);
      if (!live.has(k)) live.set(k, r.id);
    }
    const update = db.prepare('UPDATE assessments SET level_id = ?, confidence = ?, rationale = ?, stamp = ?, coder_id = ? WHERE id = ?');
    const insert = db.prepare(
      `INSERT INTO assessments(id, unit_id, period_id, dimension_id, level_id, assessor_id, consensus, confidence, rationale, stamp, coder_id)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    );
    for (const a of parsed) {
      const k = cellKey(a.unitId, a.periodId, a.dimensionId, a.assessorId);
      const id = live.get(k);
      if (id) update.run(a.levelId, a.confidence, a.rationale, stamp(), project.coderId, id);
      else {
        const fresh = newId();
        insert.run(
          fresh,
          a.unitId,
          a.periodId,
          a.dimensionId,
          a.levelId,
          a.assessorId,
          a.confidence,
          a.rationale,
          stamp(),
          project.coderId,
        );
        live.set(k, fresh);
      }
    }
  });
  return { rows: parsed.length, newCoders: [...newCoders.values()].map((c) => c.name) };
}
