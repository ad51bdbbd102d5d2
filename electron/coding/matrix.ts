// The matrix of units x periods (the memo's Table 2): per cell, each dimension's level in the
// chosen view, and the outcome the framework's table derives from them. A cell with a missing
// or conflicting dimension shows that, never a guessed outcome.
//
// The judgements are read with one indexed query that answers one integer per judgement (the
// rowids of its unit, period, dimension, level and coder, packed), never their UUID strings:
// at 24,000 judgements, making 120,000 strings cost more than all the rest. Everything after
// that works on arrays indexed by position in the framework.
import { getFramework, type Framework } from '../framework/framework-service.js';
import type { Project } from '../project/project.js';
import type { CellDimension, Matrix, MatrixCell, MatrixView } from './types.js';

/**
 * The framework's live judgements as integer columns, one entry per judgement, ordered by unit
 * (rowid), period id, dimension id and judgement rowid: the order that decides which of two
 * judgements by one coder of one cell and dimension counts as the first and which as the last.
 */
export interface JudgementTable {
  length: number;
  /** Position in `fw.units`; −1 for a deleted unit of the framework. */
  unit: Int32Array;
  /** Position in `fw.periods`; −1 for a period that is deleted or not the framework's. */
  period: Int32Array;
  /** Position in `fw.dimensions`; −1 likewise. */
  dimension: Int32Array;
  /** Position in `levelIds`. */
  level: Int32Array;
  /** Position in `coders`. */
  coder: Int32Array;
  consensus: Uint8Array;
  /** Every level of the project, deleted ones included. */
  levelIds: string[];
  /** Every coder of the project. */
  coders: { id: string; name: string }[];
}

interface Keyed {
  rowid: number;
  id: string;
}

/** rowid -> position for the rows of one table (−1 for a row without one), by offset from `min`. */
class RowidIndex {
  readonly min: number;
  /** max − min + 1: the radix of this table's rowids in a packed judgement. */
  readonly span: number;
  private readonly dense?: Int32Array;
  private readonly sparse?: Map<number, number>;

  constructor(rows: Keyed[], position: (id: string) => number) {
    let min = rows.length ? Infinity : 0;
    let max = rows.length ? -Infinity : 0;
    for (const r of rows) {
      if (r.rowid < min) min = r.rowid;
      if (r.rowid > max) max = r.rowid;
    }
    this.min = min;
    this.span = max - min + 1;
    if (this.span <= 4 * rows.length + 1024) {
      this.dense = new Int32Array(this.span).fill(-1);
      for (const r of rows) this.dense[r.rowid - min] = position(r.id);
    } else {
      this.sparse = new Map(rows.map((r) => [r.rowid - min, position(r.id)]));
    }
  }

  at(offset: number): number {
    return this.dense ? (this.dense[offset] ?? -1) : (this.sparse!.get(offset) ?? -1);
  }
}

function positionIn(ids: readonly string[]): (id: string) => number {
  const m = new Map(ids.map((id, i) => [id, i]));
  return (id) => m.get(id) ?? -1;
}

// units_framework, then assessments_cell, whose order is the ORDER BY's: SQLite sorts nothing.
const FROM = `FROM units u JOIN assessments a ON a.unit_id = u.id
  JOIN periods p ON p.id = a.period_id JOIN dimensions d ON d.id = a.dimension_id
  JOIN levels l ON l.id = a.level_id JOIN coders c ON c.id = a.assessor_id
  WHERE u.framework_id = ? AND a.deleted = 0
  ORDER BY u.rowid, a.period_id, a.dimension_id, a.rowid`;

/**
 * The framework's judgements in one query. Each comes packed into one number unless the tables'
 * rowids are too far apart for a double to hold them exactly; then (or with `packed: false`, for
 * tests) the query answers the ids themselves, slower but exact whatever the rowids.
 */
export function loadJudgements(project: Project, fw: Framework, opts: { packed?: boolean } = {}): JudgementTable {
  const db = project.db;
  const keyed = (sql: string, ...params: string[]) => db.prepare(sql).all(...params) as Keyed[];
  const levelRows = keyed('SELECT rowid, id FROM levels');
  const coderRows = db.prepare('SELECT rowid, id, name FROM coders').all() as (Keyed & { name: string })[];
  const levelIds = levelRows.map((r) => r.id);
  // In packing order: unit, period, dimension, level, coder.
  const position = [
    positionIn(fw.units.map((u) => u.id)),
    positionIn(fw.periods.map((p) => p.id)),
    positionIn(fw.dimensions.map((d) => d.id)),
    positionIn(levelIds),
    positionIn(coderRows.map((r) => r.id)),
  ];
  const idx = [
    new RowidIndex(keyed('SELECT rowid, id FROM units WHERE framework_id = ?', fw.id), position[0]!),
    new RowidIndex(keyed('SELECT rowid, id FROM periods'), position[1]!),
    new RowidIndex(keyed('SELECT rowid, id FROM dimensions'), position[2]!),
    new RowidIndex(levelRows, position[3]!),
    new RowidIndex(coderRows, position[4]!),
  ];
  const alias = ['u', 'p', 'd', 'l', 'c'];

  const t = (n: number): JudgementTable => ({
    length: n,
    unit: new Int32Array(n),
    period: new Int32Array(n),
    dimension: new Int32Array(n),
    level: new Int32Array(n),
    coder: new Int32Array(n),
    consensus: new Uint8Array(n),
    levelIds,
    coders: coderRows.map((r) => ({ id: r.id, name: r.name })),
  });
  const capacity = idx.reduce((n, x) => n * x.span, 2);
  if (opts.packed !== false && capacity < Number.MAX_SAFE_INTEGER && idx.every((x) => Number.isSafeInteger(x.min))) {
    // ((((u·P + p)·D + d)·L + l)·C + c)·2 + consensus, each rowid as an offset from its table's
    // smallest; every step stays below `capacity`, exact in SQLite's integers and in a double.
    let expr = `(u.rowid - ${idx[0]!.min})`;
    for (let i = 1; i < idx.length; i++) expr = `(${expr} * ${idx[i]!.span} + (${alias[i]}.rowid - ${idx[i]!.min}))`;
    const packed = db.prepare(`SELECT ${expr} * 2 + a.consensus ${FROM}`).pluck().all(fw.id) as number[];
    const out = t(packed.length);
    const columns = [out.unit, out.period, out.dimension, out.level, out.coder];
    for (let i = 0; i < packed.length; i++) {
      let v = packed[i]!;
      const consensus = v % 2;
      out.consensus[i] = consensus;
      v = (v - consensus) / 2;
      for (let f = idx.length - 1; f >= 0; f--) {
        const span = idx[f]!.span;
        const offset = v % span;
        columns[f]![i] = idx[f]!.at(offset);
        v = (v - offset) / span;
      }
    }
    return out;
  }
  const rows = db
    .prepare(`SELECT ${alias.map((a) => `${a}.id`).join(', ')}, a.consensus ${FROM}`)
    .raw()
    .all(fw.id) as [string, string, string, string, string, number][];
  const out = t(rows.length);
  const columns = [out.unit, out.period, out.dimension, out.level, out.coder];
  rows.forEach((r, i) => {
    for (let f = 0; f < columns.length; f++) columns[f]![i] = position[f]!(r[f] as string);
    out.consensus[i] = r[5];
  });
  return out;
}

interface Read {
  key: string;
  judgements: JudgementTable;
  evidence?: Map<number, number>;
}

const reads = new WeakMap<Project['db'], Read>();

/**
 * The framework's judgements (and, once asked for, its evidence counts), read once per state of
 * the file: the matrix and the agreement report, which the Matrix screen asks for together, and
 * the matrix's views share one read. Any change reads again: the key holds this connection's
 * count of changed rows (every insert, update and delete, rolled back or not) and SQLite's
 * data_version (commits by any other connection).
 */
function readOf(project: Project, fw: Framework): Read {
  const db = project.db;
  const key = `${fw.id}\u0000${db.prepare('SELECT total_changes()').pluck().get() as number}\u0000${db.pragma('data_version', { simple: true }) as number}`;
  let read = reads.get(db);
  if (read?.key !== key) {
    read = { key, judgements: loadJudgements(project, fw) };
    reads.set(db, read);
  }
  return read;
}

export function judgementsOf(project: Project, fw: Framework): JudgementTable {
  return readOf(project, fw).judgements;
}

/** The outcome for one level per dimension, from the framework's outcome table. */
export function deriveOutcome(fw: Framework, levels: Map<string, string>): string | null {
  const rule = fw.rules.find((r) => fw.dimensions.every((d) => r.levels[d.id] === levels.get(d.id)));
  return rule?.outcomeId ?? null;
}

/**
 * Distinct pieces of evidence per cell (an excerpt, or a reference at a locator), however many
 * judgements cite them: one excerpt cited for two dimensions is one piece of evidence. Read
 * from the evidence side (fewer rows than judgements); answered by position: unit · P + period.
 */
function evidenceByCell(project: Project, fw: Framework): Map<number, number> {
  const rows = project.db
    .prepare(
      `SELECT u.id, p.id, count(DISTINCT COALESCE('e:' || ev.excerpt_id, 'r:' || ev.reference_id || '@' || ev.locator))
       FROM assessment_evidence ev CROSS JOIN assessments a ON a.id = ev.assessment_id
       CROSS JOIN units u ON u.id = a.unit_id CROSS JOIN periods p ON p.id = a.period_id
       WHERE ev.deleted = 0 AND a.deleted = 0 AND u.framework_id = ? GROUP BY u.rowid, p.rowid`,
    )
    .raw()
    .all(fw.id) as [string, string, number][];
  const unit = positionIn(fw.units.map((u) => u.id));
  const period = positionIn(fw.periods.map((p) => p.id));
  const P = fw.periods.length;
  const out = new Map<number, number>();
  for (const [u, p, count] of rows) {
    const [ui, pi] = [unit(u), period(p)];
    if (ui >= 0 && pi >= 0) out.set(ui * P + pi, count);
  }
  return out;
}

export function computeMatrix(project: Project, view: MatrixView = { kind: 'pooled' }): Matrix {
  const fw = getFramework(project);
  const read = readOf(project, fw);
  const t = read.judgements;
  const evidence = (read.evidence ??= evidenceByCell(project, fw));
  const P = fw.periods.length;
  const D = fw.dimensions.length;
  const items = fw.units.length * P * D;

  // Per cell and dimension (item = (unit · P + period) · D + dimension): the coders' judgements
  // counted, their distinct levels in order of appearance, the first consensus level, and the
  // viewed coder's first level.
  const judgements = new Int32Array(items);
  const distinct: number[][] = Array.from({ length: items }, () => []);
  const consensusLevel = new Int32Array(items).fill(-1);
  const coderLevel = new Int32Array(items).fill(-1);
  const hasConsensus = new Uint8Array(fw.units.length * P);
  const viewed = view.kind === 'coder' ? t.coders.findIndex((c) => c.id === view.coderId) : -1;
  for (let i = 0; i < t.length; i++) {
    const u = t.unit[i]!;
    const p = t.period[i]!;
    if (u < 0 || p < 0) continue;
    const cell = u * P + p;
    if (t.consensus[i]) hasConsensus[cell] = 1; // whatever the dimension, as a cell has consensus
    const d = t.dimension[i]!;
    if (d < 0) continue;
    const item = cell * D + d;
    const level = t.level[i]!;
    if (t.consensus[i]) {
      if (consensusLevel[item]! < 0) consensusLevel[item] = level;
      continue;
    }
    judgements[item]!++;
    if (!distinct[item]!.includes(level)) distinct[item]!.push(level);
    if (t.coder[i] === viewed && coderLevel[item]! < 0) coderLevel[item] = level;
  }

  // The outcome table by level position; a rule naming a level that is not there matches nothing.
  const levelPosition = positionIn(t.levelIds);
  const rules = fw.rules.map((r) => ({
    outcomeId: r.outcomeId,
    levels: fw.dimensions.map((d) => (r.levels[d.id] === undefined ? -1 : levelPosition(r.levels[d.id]!))),
  }));
  const levelIds = t.levelIds;

  const cells: MatrixCell[] = [];
  const units = fw.units.filter((u) => u.inMatrix);
  fw.units.forEach((u, ui) => {
    if (!u.inMatrix) return;
    fw.periods.forEach((p, pi) => {
      const cell = ui * P + pi;
      const shown = new Int32Array(D);
      const dimensions: CellDimension[] = fw.dimensions.map((d, di) => {
        const item = cell * D + di;
        const base = { dimensionId: d.id, levels: distinct[item]!.map((l) => levelIds[l]!), judgements: judgements[item]! };
        const level =
          view.kind === 'coder'
            ? coderLevel[item]!
            : view.kind === 'consensus' || consensusLevel[item]! >= 0
              ? consensusLevel[item]!
              : distinct[item]!.length > 1
                ? -2
                : (distinct[item]![0] ?? -1);
        shown[di] = level;
        if (level === -2) return { ...base, status: 'conflict', levelId: null };
        return level >= 0 ? { ...base, status: 'set', levelId: levelIds[level]! } : { ...base, status: 'missing', levelId: null };
      });
      const complete = shown.every((l) => l >= 0);
      const outcomeId = complete ? (rules.find((r) => r.levels.every((l, di) => l === shown[di]))?.outcomeId ?? null) : null;
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
        evidenceCount: evidence.get(cell) ?? 0,
        agreed: dimensions.every((d) => d.levels.length <= 1),
        hasConsensus: hasConsensus[cell] === 1,
      });
    });
  });
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
  const byCell = new Map(m.cells.map((c) => [`${c.unitId}|${c.periodId}`, c]));
  const header = ['unit', ...m.periods.map((p) => p.name)];
  const rows = m.units.map((u) => [
    u.name,
    ...m.periods.map((p) => {
      const c = byCell.get(`${u.id}|${p.id}`)!;
      return c.outcomeId ? outcomeName.get(c.outcomeId)! : c.status === 'unmapped' ? 'no outcome' : c.status;
    }),
  ]);
  return [header, ...rows];
}
