// Inter-coder agreement for the framework assessments: percent agreement, Cohen's kappa and
// Krippendorff's alpha (nominal and ordinal, any number of coders, missing values allowed),
// plus the list of units the coders disagree on. Pure and dependency-free.
//
// Alpha follows the coincidence-matrix formulation of Krippendorff (2011), "Computing
// Krippendorff's Alpha-Reliability" (Annenberg School for Communication, Departmental Papers 43),
// because it is the one that handles any number of coders and missing values in one pass.
//
// Every statistic returns `value: null` where it is undefined instead of NaN or a made-up number,
// so callers can show "not enough data" rather than a misleading figure.

/** A category (a level id). For the ordinal metric its rank comes from `AgreementOptions.order`. */
export type Value = string;

export interface ReliabilityData {
  /** Coder ids. */
  coders: string[];
  /** Unit (cell) ids, in the order results are reported. */
  units: string[];
  /** The value coder `coder` gave unit `unit`, or undefined where it is missing. */
  value(coder: string, unit: string): Value | undefined;
}

export interface AgreementOptions {
  metric: 'nominal' | 'ordinal';
  /** Values ranked from low to high; required for the ordinal metric. */
  order?: Value[];
}

export interface PercentAgreementResult {
  value: number | null;
  /** Coder pairs that both gave the same unit a value. */
  pairs: number;
}

export interface KappaResult {
  value: number | null;
  /** Units both coders gave a value. */
  n: number;
  /** p_o, the share of those units on which they agree. */
  observed: number;
  /** p_e, the agreement expected from each coder's own distribution of values. */
  expected: number;
}

export interface AlphaResult {
  value: number | null;
  /** Pairable values: all values in units that have at least two of them. */
  n: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

export interface Disagreement {
  unit: string;
  values: { coder: string; value: Value }[];
}

/**
 * Reliability data as a dense table of category numbers: `values[unit * coders + coder]` is the
 * category (0 … categories − 1) that coder gave that unit, or −1 where it is missing. Every
 * statistic below is computed on this form; the string API (`ReliabilityData`) is converted to
 * it first, and the agreement report builds it straight from integer-coded judgements.
 */
export interface CodedTable {
  coders: number;
  units: number;
  values: Int32Array;
  categories: number;
}

/** Turns string-keyed data into a table; categories are numbered in order of first appearance. */
function toTable(d: ReliabilityData, extra: readonly Value[] = []): { table: CodedTable; labels: Value[]; index: Map<Value, number> } {
  const index = new Map<Value, number>();
  const labels: Value[] = [];
  const category = (v: Value): number => {
    let i = index.get(v);
    if (i === undefined) {
      i = labels.length;
      index.set(v, i);
      labels.push(v);
    }
    return i;
  };
  const C = d.coders.length;
  const values = new Int32Array(d.units.length * C).fill(-1);
  d.units.forEach((unit, u) => {
    d.coders.forEach((coder, c) => {
      const v = d.value(coder, unit);
      if (v !== undefined) values[u * C + c] = category(v);
    });
  });
  for (const v of extra) category(v);
  return { table: { coders: C, units: d.units.length, values, categories: labels.length }, labels, index };
}

/**
 * Pairwise percent agreement: over every unit, every pair of coders who both gave it a value
 * counts once, and the result is the share of those pairs that gave the same value. Missing
 * values form no pair. Null when there is no pair (no data, a single coder, or no unit coded
 * twice).
 */
export function percentAgreement(d: ReliabilityData): PercentAgreementResult {
  return percentAgreementOf(toTable(d).table);
}

export function percentAgreementOf(t: CodedTable): PercentAgreementResult {
  const { coders: C, values } = t;
  const seen = new Int32Array(t.categories);
  let pairs = 0;
  let agree = 0;
  for (let base = 0; base < t.units * C; base += C) {
    let m = 0;
    for (let c = 0; c < C; c++) {
      const v = values[base + c]!;
      if (v < 0) continue;
      agree += seen[v]!; // this value agrees with every equal one before it
      seen[v]!++;
      m++;
    }
    pairs += (m * (m - 1)) / 2;
    for (let c = 0; c < C; c++) if (values[base + c]! >= 0) seen[values[base + c]!] = 0;
  }
  return { value: pairs === 0 ? null : agree / pairs, pairs };
}

/**
 * Cohen's kappa for two coders over the units both coded (units either left blank are ignored):
 *   κ = (p_o − p_e) / (1 − p_e),  p_e = Σ_v p_A(v) · p_B(v).
 * Null when no unit was coded by both, or when p_e = 1 — both coders always gave one and the
 * same value, so chance alone explains all agreement and κ is 0/0.
 */
export function cohensKappa(d: ReliabilityData, coderA: string, coderB: string): KappaResult {
  const { table } = toTable({ coders: [coderA, coderB], units: d.units, value: d.value });
  return cohensKappaOf(table, 0, 1);
}

/** Kappa for coders number `a` and `b` of the table (−1: a coder with no values). */
export function cohensKappaOf(t: CodedTable, a: number, b: number): KappaResult {
  const countA = new Int32Array(t.categories);
  const countB = new Int32Array(t.categories);
  const order: number[] = []; // coder A's values in order of first appearance: the sum's order
  let n = 0;
  let same = 0;
  if (a >= 0 && b >= 0) {
    for (let base = 0; base < t.units * t.coders; base += t.coders) {
      const va = t.values[base + a]!;
      const vb = t.values[base + b]!;
      if (va < 0 || vb < 0) continue;
      n++;
      if (va === vb) same++;
      if (countA[va]!++ === 0) order.push(va);
      countB[vb]!++;
    }
  }
  if (n === 0) return { value: null, n, observed: 0, expected: 0 };
  const observed = same / n;
  let expected = 0;
  for (const v of order) expected += (countA[v]! / n) * (countB[v]! / n);
  // p_e is a sum of products of fractions; treat "1 up to rounding" as 1.
  const value = expected > 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  return { value, n, observed, expected };
}

/**
 * Krippendorff's alpha, α = 1 − D_o / D_e, computed from the coincidence matrix as in Krippendorff
 * (2011) for the general case (any metric, any number of observers, missing data):
 *
 * - A unit u with m_u ≥ 2 values adds 1/(m_u − 1) to o_ck for every ordered pair (c, k) of its
 *   values taken from different coders. Units with fewer than two values are not pairable and
 *   are dropped. n_c = Σ_k o_ck are the marginals and n = Σ_c n_c the number of pairable values.
 * - D_o = (1/n) Σ_c Σ_k o_ck δ²_ck,   D_e = 1/(n(n − 1)) Σ_c Σ_k n_c n_k δ²_ck.
 * - Nominal: δ²_ck = 0 if c = k, else 1.
 *   Ordinal: δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with g running over the values between c
 *   and k in `order` (values never used have n_g = 0 and do not matter).
 *
 * Undefined cases, all returning `value: null`:
 * - fewer than two pairable values (no data, one coder, or no unit coded twice);
 * - D_e = 0, which happens exactly when every pairable value is the same (and then D_o = 0 too).
 *   α is 0/0 there; some software reports 1 by convention, but we return null on purpose: with no
 *   variation the data cannot tell agreement from chance, and a 1 would read as perfect reliability.
 *
 * Throws when the metric is ordinal and `order` is missing, has duplicates, or lacks a value
 * that occurs in the data.
 */
export function krippendorffAlpha(d: ReliabilityData, opts: AgreementOptions): AlphaResult {
  const order = opts.metric === 'ordinal' ? checkedOrder(opts.order) : undefined;
  const { table, labels, index } = toTable(d, order);
  return krippendorffAlphaOf(table, { metric: opts.metric, order: order?.map((v) => index.get(v)!) }, (i) => labels[i]!);
}

/**
 * Alpha on a table; `order` ranks category numbers for the ordinal metric, `label` names a
 * category in error messages. Sums run in the same order as the string form's always did.
 */
export function krippendorffAlphaOf(
  t: CodedTable,
  opts: { metric: 'nominal' | 'ordinal'; order?: readonly number[] },
  label: (category: number) => string = String,
): AlphaResult {
  const order = opts.metric === 'ordinal' ? checkedOrder(opts.order) : undefined;

  // Coincidence matrix o over the categories in use, numbered by first appearance in a pairable
  // unit (`used`), and the marginals n_c, counted directly (each pairable value once), which
  // equals the row sums of o but stays an exact integer.
  const C = t.coders;
  const local = new Int32Array(t.categories).fill(-1);
  const used: number[] = [];
  const vs = new Int32Array(C);
  const units: [number, number][] = [];
  let n = 0;
  for (let base = 0; base < t.units * C; base += C) {
    let m = 0;
    for (let c = 0; c < C; c++) {
      const v = t.values[base + c]!;
      if (v >= 0) vs[m++] = v;
    }
    if (m < 2) continue;
    units.push([base, m]);
    n += m;
    for (let i = 0; i < m; i++) if (local[vs[i]!]! < 0) local[vs[i]!] = used.push(vs[i]!) - 1;
  }
  if (n < 2) return { value: null, n, observedDisagreement: 0, expectedDisagreement: 0 };
  const K = used.length;
  const o = new Float64Array(K * K);
  const marg = new Float64Array(K);
  for (const [base, m] of units) {
    let k = 0;
    for (let c = 0; c < C; c++) {
      const v = t.values[base + c]!;
      if (v >= 0) vs[k++] = local[v]!;
    }
    const w = 1 / (m - 1);
    for (let i = 0; i < m; i++) {
      const row = vs[i]! * K;
      marg[vs[i]!]!++;
      for (let j = 0; j < m; j++) if (i !== j) o[row + vs[j]!]! += w;
    }
  }

  // The values in use (local numbers), ranked for the ordinal metric.
  let values: number[];
  if (order) {
    const rank = new Map(order.map((v, i) => [v, i]));
    for (const v of used) {
      if (!rank.has(v))
        throw new Error(`krippendorffAlpha: value "${label(v)}" is not in the ordinal order [${order.map(label).join(', ')}].`);
    }
    values = order.filter((v) => v >= 0 && v < t.categories && local[v]! >= 0).map((v) => local[v]!);
  } else {
    values = used.map((_, i) => i);
  }
  // cum[i] = Σ of the marginals of values[0..i-1], so Σ_{g=c..k} n_g = cum[k+1] − cum[c].
  const counts = values.map((v) => marg[v]!);
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
    const row = values[i]! * K;
    for (let j = 0; j < values.length; j++) {
      const dd = delta2(i, j);
      if (dd === 0) continue;
      observed += o[row + values[j]!]! * dd;
      expected += counts[i]! * counts[j]! * dd;
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  // expected is a sum of integer (or squared half-integer) terms: exactly 0 iff one value only.
  const value = expectedDisagreement === 0 ? null : 1 - observedDisagreement / expectedDisagreement;
  return { value, n, observedDisagreement, expectedDisagreement };
}

function checkedOrder<T>(order: readonly T[] | undefined): readonly T[] {
  if (!order) throw new Error('krippendorffAlpha: the ordinal metric needs `order`, the values ranked from low to high.');
  if (new Set(order).size !== order.length) throw new Error('krippendorffAlpha: the ordinal `order` lists a value twice.');
  return order;
}

/** Units where two or more coders gave values and they are not all the same, in unit order. */
export function disagreements(d: ReliabilityData): Disagreement[] {
  const { table, labels } = toTable(d);
  return disagreeingUnits(table).map((u) => {
    const values: { coder: string; value: Value }[] = [];
    for (let c = 0; c < table.coders; c++) {
      const v = table.values[u * table.coders + c]!;
      if (v >= 0) values.push({ coder: d.coders[c]!, value: labels[v]! });
    }
    return { unit: d.units[u]!, values };
  });
}

/** The numbers of the units where two or more coders gave values that are not all the same. */
export function disagreeingUnits(t: CodedTable): number[] {
  const out: number[] = [];
  for (let u = 0, base = 0; u < t.units; u++, base += t.coders) {
    let first = -1;
    for (let c = 0; c < t.coders; c++) {
      const v = t.values[base + c]!;
      if (v < 0) continue;
      if (first < 0) first = v;
      else if (v !== first) {
        out.push(u);
        break;
      }
    }
  }
  return out;
}

/**
 * Reliability data from a coders × units table: `rows[i]` holds coder `coders[i]`'s values, one
 * column per unit, null where missing. Units are named "1", "2", … by column; short rows are
 * padded with missing values.
 */
export function fromTable(rows: (Value | null)[][], coders: string[]): ReliabilityData {
  if (rows.length !== coders.length) throw new Error(`fromTable: ${rows.length} rows for ${coders.length} coders.`);
  const width = Math.max(0, ...rows.map((r) => r.length));
  const units = Array.from({ length: width }, (_, i) => String(i + 1));
  const rowOf = new Map(coders.map((c, i) => [c, rows[i]!]));
  return {
    coders,
    units,
    value: (coder, unit) => rowOf.get(coder)?.[Number(unit) - 1] ?? undefined,
  };
}
