// The matrix and the agreement report read judgements as packed integers and compute on typed
// arrays. Here they are checked against the straightforward computation they replaced (kept
// below as the reference: objects, string keys, Maps) on random projects with everything that
// makes the bookkeeping hard: several coders (some sharing a name), repeated judgements of one
// cell by one coder, consensus, tombstones, deleted and out-of-matrix units, deleted periods and
// dimensions, another framework's judgements, evidence cited twice, rowids far apart. Results
// must be equal to the last bit, and the same in the packed and the unpacked read.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getFramework, type Framework } from '../framework/framework-service.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { cohensKappa, disagreements, fromTable, krippendorffAlpha, percentAgreement, type ReliabilityData } from './agreement/agreement.js';
import { agreementReport } from './agreement-report.js';
import { computeMatrix, loadJudgements } from './matrix.js';
import type { AgreementFigure, AgreementReport, CellDimension, Matrix, MatrixCell, MatrixView } from './types.js';

// ---- The reference: the string-keyed computation as it was. -------------------------------

type Value = string;
function refValuesOf(d: ReliabilityData, unit: string): { coder: string; value: Value }[] {
  const out: { coder: string; value: Value }[] = [];
  for (const coder of d.coders) {
    const value = d.value(coder, unit);
    if (value !== undefined) out.push({ coder, value });
  }
  return out;
}
function refPercent(d: ReliabilityData) {
  let pairs = 0;
  let agree = 0;
  for (const u of d.units) {
    const vs = refValuesOf(d, u);
    for (let i = 0; i < vs.length; i++) {
      for (let j = i + 1; j < vs.length; j++) {
        pairs++;
        if (vs[i]!.value === vs[j]!.value) agree++;
      }
    }
  }
  return { value: pairs === 0 ? null : agree / pairs, pairs };
}
function refKappa(d: ReliabilityData, coderA: string, coderB: string) {
  const a = new Map<Value, number>();
  const b = new Map<Value, number>();
  let n = 0;
  let same = 0;
  for (const u of d.units) {
    const va = d.value(coderA, u);
    const vb = d.value(coderB, u);
    if (va === undefined || vb === undefined) continue;
    n++;
    if (va === vb) same++;
    a.set(va, (a.get(va) ?? 0) + 1);
    b.set(vb, (b.get(vb) ?? 0) + 1);
  }
  if (n === 0) return { value: null, n, observed: 0, expected: 0 };
  const observed = same / n;
  let expected = 0;
  for (const [v, count] of a) expected += (count / n) * ((b.get(v) ?? 0) / n);
  const value = expected > 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  return { value, n, observed, expected };
}
function refAlpha(d: ReliabilityData, opts: { metric: 'nominal' | 'ordinal'; order?: Value[] }) {
  const order = opts.metric === 'ordinal' ? opts.order : undefined;
  if (opts.metric === 'ordinal' && (!order || new Set(order).size !== order.length)) throw new Error('bad order');
  const o = new Map<Value, Map<Value, number>>();
  const marg = new Map<Value, number>();
  let n = 0;
  for (const u of d.units) {
    const vs = refValuesOf(d, u).map((x) => x.value);
    const m = vs.length;
    if (m < 2) continue;
    n += m;
    for (let i = 0; i < m; i++) {
      const c = vs[i]!;
      marg.set(c, (marg.get(c) ?? 0) + 1);
      const row = o.get(c) ?? new Map<Value, number>();
      o.set(c, row);
      for (let j = 0; j < m; j++) if (i !== j) row.set(vs[j]!, (row.get(vs[j]!) ?? 0) + 1 / (m - 1));
    }
  }
  if (n < 2) return { value: null, n, observedDisagreement: 0, expectedDisagreement: 0 };
  let values: Value[];
  if (order) {
    for (const v of marg.keys()) {
      if (!order.includes(v)) throw new Error(`krippendorffAlpha: value "${v}" is not in the ordinal order [${order.join(', ')}].`);
    }
    values = order.filter((v) => marg.has(v));
  } else {
    values = [...marg.keys()];
  }
  const counts = values.map((v) => marg.get(v)!);
  const cum = [0];
  for (const x of counts) cum.push(cum[cum.length - 1]! + x);
  const delta2 = (i: number, j: number): number => {
    if (i === j) return 0;
    if (!order) return 1;
    const [lo, hi] = i < j ? [i, j] : [j, i];
    return (cum[hi + 1]! - cum[lo]! - (counts[lo]! + counts[hi]!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < values.length; i++) {
    const row = o.get(values[i]!)!;
    for (let j = 0; j < values.length; j++) {
      const dd = delta2(i, j);
      if (dd === 0) continue;
      observed += (row.get(values[j]!) ?? 0) * dd;
      expected += counts[i]! * counts[j]! * dd;
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  const value = expectedDisagreement === 0 ? null : 1 - observedDisagreement / expectedDisagreement;
  return { value, n, observedDisagreement, expectedDisagreement };
}
function refDisagreements(d: ReliabilityData) {
  const out: { unit: string; values: { coder: string; value: Value }[] }[] = [];
  for (const unit of d.units) {
    const values = refValuesOf(d, unit);
    if (values.length >= 2 && new Set(values.map((v) => v.value)).size > 1) out.push({ unit, values });
  }
  return out;
}

interface Judgement {
  unitId: string;
  periodId: string;
  dimensionId: string;
  levelId: string;
  assessorId: string;
  consensus: number;
}
// The query had no ORDER BY; its plan (units_framework, then assessments_cell) gave this order.
function refLoad(project: Project, fw: Framework): Judgement[] {
  return project.db
    .prepare(
      `SELECT a.unit_id AS unitId, a.period_id AS periodId, a.dimension_id AS dimensionId, a.level_id AS levelId,
              a.assessor_id AS assessorId, a.consensus
       FROM assessments a JOIN units u ON u.id = a.unit_id
       WHERE a.deleted = 0 AND u.framework_id = ? ORDER BY u.rowid, a.period_id, a.dimension_id, a.rowid`,
    )
    .all(fw.id) as Judgement[];
}
function refDimensionIn(view: MatrixView, dimensionId: string, js: Judgement[]): CellDimension {
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
function refMatrix(project: Project, view: MatrixView): Matrix {
  const fw = getFramework(project);
  const evidence = new Map(
    (
      project.db
        .prepare(
          `SELECT a.unit_id || '|' || a.period_id AS cell,
                  count(DISTINCT COALESCE('e:' || ev.excerpt_id, 'r:' || ev.reference_id || '@' || ev.locator)) AS n
           FROM assessment_evidence ev JOIN assessments a ON a.id = ev.assessment_id AND a.deleted = 0
           JOIN units u ON u.id = a.unit_id AND u.framework_id = ?
           WHERE ev.deleted = 0 GROUP BY a.unit_id, a.period_id`,
        )
        .all(fw.id) as { cell: string; n: number }[]
    ).map((r) => [r.cell, r.n]),
  );
  const byCell = new Map<string, Judgement[]>();
  for (const j of refLoad(project, fw)) {
    const key = `${j.unitId}|${j.periodId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), j]);
  }
  const units = fw.units.filter((u) => u.inMatrix);
  const cells: MatrixCell[] = [];
  for (const u of units) {
    for (const p of fw.periods) {
      const js = byCell.get(`${u.id}|${p.id}`) ?? [];
      const dimensions = fw.dimensions.map((d) =>
        refDimensionIn(
          view,
          d.id,
          js.filter((j) => j.dimensionId === d.id),
        ),
      );
      const levels = new Map(dimensions.filter((d) => d.status === 'set').map((d) => [d.dimensionId, d.levelId!]));
      const complete = levels.size === fw.dimensions.length;
      const rule = fw.rules.find((r) => fw.dimensions.every((d) => r.levels[d.id] === levels.get(d.id)));
      const outcomeId = complete ? (rule?.outcomeId ?? null) : null;
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
function refAgreement(project: Project): AgreementReport {
  const fw = getFramework(project);
  const figure = (r: { value: number | null; n?: number; pairs?: number }): AgreementFigure => ({
    value: r.value === null ? null : Math.round(r.value * 1000) / 1000,
    n: r.n ?? r.pairs ?? 0,
  });
  const data = (coders: string[], units: string[], values: Map<string, string>): ReliabilityData => ({
    coders,
    units,
    value: (c, u) => values.get(`${c}\u0000${u}`),
  });
  const judgements = refLoad(project, fw).filter((j) => !j.consensus);
  const names = new Map(
    (project.db.prepare('SELECT id, name FROM coders').all() as { id: string; name: string }[]).map((c) => [c.id, c.name]),
  );
  const coderIds = [...new Set(judgements.map((j) => j.assessorId))].sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? ''));
  const cellOrder = fw.units.flatMap((u) => fw.periods.map((p) => `${u.id}|${p.id}`));
  const overallValues = new Map<string, string>();
  const overallUnits: string[] = [];
  const perDimension = fw.dimensions.map((d) => {
    const values = new Map<string, string>();
    for (const j of judgements.filter((x) => x.dimensionId === d.id)) {
      values.set(`${j.assessorId}\u0000${j.unitId}|${j.periodId}`, j.levelId);
      overallValues.set(`${j.assessorId}\u0000${j.unitId}|${j.periodId}|${d.id}`, j.levelId);
    }
    overallUnits.push(...cellOrder.map((c) => `${c}|${d.id}`));
    const rd = data(coderIds, cellOrder, values);
    const judged = coderIds.filter((c) => cellOrder.some((u) => rd.value(c, u) !== undefined));
    const order = [...d.levels].sort((a, b) => a.rank - b.rank).map((l) => l.id);
    return {
      dimensionId: d.id,
      name: d.name,
      percent: figure(refPercent(rd)),
      alphaNominal: figure(refAlpha(rd, { metric: 'nominal' })),
      alphaOrdinal: figure(refAlpha(rd, { metric: 'ordinal', order })),
      kappa: judged.length === 2 ? figure(refKappa(rd, judged[0]!, judged[1]!)) : null,
    };
  });
  const overall = data(coderIds, overallUnits, overallValues);
  return {
    coders: coderIds.map((id) => ({ id, name: names.get(id) ?? '', judgements: judgements.filter((j) => j.assessorId === id).length })),
    perDimension,
    overall: { percent: figure(refPercent(overall)), alphaNominal: figure(refAlpha(overall, { metric: 'nominal' })) },
    disagreements: refDisagreements(overall).map((dis) => {
      const [unitId, periodId, dimensionId] = dis.unit.split('|') as [string, string, string];
      return { unitId, periodId, dimensionId, values: dis.values.map((v) => ({ coderId: v.coder, levelId: v.value })) };
    }),
  };
}

// ---- Random projects. ----------------------------------------------------------------------

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const dir = tempDir();
let n = 0;
let uuidN = 0;
const uuid = () => `00000000-0000-4000-9000-${(++uuidN).toString(16).padStart(12, '0')}`;

async function randomProject(seed: number): Promise<Project> {
  const r = rng(seed);
  const p = (await createProject(join(dir, `r${++n}.fieldcoder`), testAuthor, { name: 'R' })).project;
  const db = p.db;
  const fw = getFramework(p);
  p.write((stamp) => {
    const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...(args as never[]));
    // Coders, some sharing a name; sometimes one with a rowid far from the others.
    const coderNames = ['Ana', 'Ben', 'Ana', 'Cyrus', 'Dana', 'Ben'];
    const coders = [testAuthor.coderId];
    for (let i = 0, k = 1 + r.int(6); i < k; i++) {
      const id = uuid();
      if (i === 0 && r.chance(0.3)) {
        run(
          'INSERT INTO coders(rowid, id, name, stamp) VALUES (?, ?, ?, ?)',
          r.chance(0.5) ? 1_000_000 : 2 ** 52,
          id,
          coderNames[i]!,
          stamp(),
        );
      } else run('INSERT INTO coders(id, name, stamp) VALUES (?, ?, ?)', id, coderNames[i]!, stamp());
      coders.push(id);
    }
    // More units (some deleted, some out of the matrix), a deleted period, maybe a third
    // dimension the outcome table does not cover, maybe a deleted dimension.
    const units = fw.units.map((u) => u.id);
    for (let i = 0, k = r.int(5); i < k; i++) {
      const id = uuid();
      run(
        'INSERT INTO units(id, framework_id, name, in_matrix, sort_order, deleted, stamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
        id,
        fw.id,
        `Unit ${i}`,
        r.chance(0.2) ? 0 : 1,
        r.int(10),
        r.chance(0.2) ? 1 : 0,
        stamp(),
      );
      units.push(id);
    }
    const periods = fw.periods.map((x) => x.id);
    if (r.chance(0.5)) {
      const id = uuid();
      run("INSERT INTO periods(id, framework_id, name, deleted, stamp) VALUES (?, ?, 'Gone', 1, ?)", id, fw.id, stamp());
      periods.push(id);
    }
    const dims = fw.dimensions.map((d) => ({ id: d.id, levels: d.levels.map((l) => l.id) }));
    if (r.chance(0.3)) {
      const id = uuid();
      run(
        "INSERT INTO dimensions(id, framework_id, key, name, sort_order, stamp) VALUES (?, ?, 'extra', 'Extra', 9, ?)",
        id,
        fw.id,
        stamp(),
      );
      const levels = [uuid(), uuid(), uuid()];
      levels.forEach((l, i) =>
        run(
          'INSERT INTO levels(id, dimension_id, key, name, rank, deleted, stamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
          l,
          id,
          `k${i}`,
          `L${i}`,
          i,
          i === 2 ? 1 : 0,
          stamp(),
        ),
      );
      dims.push({ id, levels });
    }
    if (r.chance(0.15)) run('UPDATE dimensions SET deleted = 1 WHERE id = ?', r.pick(dims).id);
    // Another framework's unit, judged too: never part of this matrix.
    if (r.chance(0.3)) {
      const other = uuid();
      run("INSERT INTO frameworks(id, name, stamp) VALUES (?, 'Other', ?)", other, stamp());
      const id = uuid();
      run("INSERT INTO units(id, framework_id, name, stamp) VALUES (?, ?, 'Elsewhere', ?)", id, other, stamp());
      units.push(id);
    }
    // Evidence to cite: a document's excerpts and references.
    const doc = uuid();
    run("INSERT INTO documents(id, kind, title, text, stamp) VALUES (?, 'interview', 'D', 'Some words said here.', ?)", doc, stamp());
    const excerpts = [uuid(), uuid(), uuid()];
    for (const e of excerpts)
      run("INSERT INTO excerpts(id, document_id, start_offset, end_offset, text, stamp) VALUES (?, ?, 0, 4, 'Some', ?)", e, doc, stamp());
    const refs = [uuid(), uuid()];
    for (const x of refs) run('INSERT INTO refs(id, citation_key, stamp) VALUES (?, ?, ?)', x, `k${x.slice(-4)}`, stamp());

    const judged: string[] = [];
    // In some projects, a level of another dimension, which the ordinal alpha refuses.
    const stray = r.chance(0.15);
    for (let i = 0, k = r.int(250); i < k; i++) {
      const d = r.pick(dims);
      const level = stray && r.chance(0.02) ? r.pick(r.pick(dims).levels) : r.pick(d.levels);
      const id = uuid();
      run(
        'INSERT INTO assessments(id, unit_id, period_id, dimension_id, level_id, assessor_id, consensus, deleted, stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        id,
        r.chance(0.8) ? r.pick(units.slice(0, 3)) : r.pick(units),
        r.chance(0.7) ? r.pick(periods.slice(0, 2)) : r.pick(periods),
        d.id,
        level,
        r.pick(coders),
        r.chance(0.1) ? 1 : 0,
        r.chance(0.1) ? 1 : 0,
        stamp(),
      );
      judged.push(id);
    }
    for (let i = 0, k = judged.length ? r.int(80) : 0; i < k; i++) {
      const excerpt = r.chance(0.6) ? r.pick(excerpts) : null;
      run(
        'INSERT INTO assessment_evidence(id, assessment_id, excerpt_id, reference_id, locator, deleted, stamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
        uuid(),
        r.pick(judged),
        excerpt,
        excerpt ? null : r.pick(refs),
        excerpt ? '' : r.pick(['', 'p. 4', 'p. 5']),
        r.chance(0.1) ? 1 : 0,
        stamp(),
      );
    }
  });
  return p;
}

const outcome = <T>(f: () => T): { ok: T } | { error: string } => {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

describe('matrix and agreement against the straightforward computation', () => {
  it('equal on random projects, in every view, packed or not', async () => {
    let computed = 0;
    let empty = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const p = await randomProject(seed);
      try {
        const fw = getFramework(p);
        const coders = (p.db.prepare('SELECT id FROM coders').pluck().all() as string[]).concat('not-a-coder');
        const views: MatrixView[] = [
          { kind: 'pooled' },
          { kind: 'consensus' },
          ...coders.map((coderId) => ({ kind: 'coder' as const, coderId })),
        ];
        for (const view of views) {
          const got = computeMatrix(p, view);
          const want = refMatrix(p, view);
          expect(got, `seed ${seed}, ${JSON.stringify(view)}`).toEqual(want);
          expect(JSON.stringify(got)).toBe(JSON.stringify(want));
        }
        const got = outcome(() => agreementReport(p));
        const want = outcome(() => refAgreement(p));
        if ('ok' in want) computed++;
        if (fw.dimensions.length && loadJudgements(p, fw).length === 0) empty++;
        expect(got, `seed ${seed}`).toEqual(want);
        expect(JSON.stringify(got)).toBe(JSON.stringify(want));
        // The read is shared between calls until anything changes: change a judgement's level,
        // a coder's name, a tombstone and a piece of evidence, and both must see it.
        const r = rng(seed * 31);
        p.write((stamp) => {
          const db = p.db;
          const one = (sql: string) => db.prepare(sql).pluck().all() as string[];
          const judged = one('SELECT id FROM assessments');
          if (judged.length) {
            const a = r.pick(judged);
            const levels = one(`SELECT id FROM levels WHERE dimension_id = (SELECT dimension_id FROM assessments WHERE id = '${a}')`);
            db.prepare('UPDATE assessments SET level_id = ?, stamp = ? WHERE id = ?').run(r.pick(levels), stamp(), a);
            db.prepare('UPDATE assessments SET deleted = 1 - deleted, stamp = ? WHERE id = ?').run(stamp(), r.pick(judged));
          }
          db.prepare("UPDATE coders SET name = 'Zed', stamp = ? WHERE id = ?").run(stamp(), r.pick(coders.slice(0, -1)));
          db.prepare(
            'UPDATE assessment_evidence SET deleted = 1, stamp = ? WHERE rowid = (SELECT max(rowid) FROM assessment_evidence)',
          ).run(stamp());
        });
        expect(computeMatrix(p), `seed ${seed}, after a change`).toEqual(refMatrix(p, { kind: 'pooled' }));
        expect(
          outcome(() => agreementReport(p)),
          `seed ${seed}, after a change`,
        ).toEqual(outcome(() => refAgreement(p)));
        expect(loadJudgements(p, fw, { packed: false })).toEqual(loadJudgements(p, fw));
      } finally {
        p.close();
      }
    }
    // Most projects get a report (not the ordinal alpha's refusal), and few have no judgements.
    expect(computed).toBeGreaterThan(18);
    expect(empty).toBeLessThan(4);
  }, 120_000);

  it('the statistics equal the reference to the last bit on random tables', () => {
    const r = rng(7);
    for (let round = 0; round < 300; round++) {
      const coders = Array.from({ length: 1 + r.int(5) }, (_, i) => `c${i}`);
      const width = r.int(30);
      const alphabet = ['a', 'b', 'c', 'd', 'e'].slice(0, 1 + r.int(5));
      const rows = coders.map(() => Array.from({ length: width }, () => (r.chance(0.25) ? null : r.pick(alphabet))));
      const d = fromTable(rows, coders);
      const order = r.chance(0.9) ? [...alphabet].sort(() => r.next() - 0.5) : alphabet.slice(1);
      expect(percentAgreement(d)).toEqual(refPercent(d));
      expect(outcome(() => krippendorffAlpha(d, { metric: 'nominal' }))).toEqual(outcome(() => refAlpha(d, { metric: 'nominal' })));
      expect(outcome(() => krippendorffAlpha(d, { metric: 'ordinal', order }))).toEqual(
        outcome(() => refAlpha(d, { metric: 'ordinal', order })),
      );
      const [a, b] = [r.pick(coders), r.pick(coders)];
      expect(cohensKappa(d, a, b)).toEqual(refKappa(d, a, b));
      expect(disagreements(d)).toEqual(refDisagreements(d));
    }
  });
});
