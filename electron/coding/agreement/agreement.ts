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

/** The values given to one unit, in coder order, missing ones left out. */
function valuesOf(d: ReliabilityData, unit: string): { coder: string; value: Value }[] {
  const out: { coder: string; value: Value }[] = [];
  for (const coder of d.coders) {
    const value = d.value(coder, unit);
    if (value !== undefined) out.push({ coder, value });
  }
  return out;
}

/**
 * Pairwise percent agreement: over every unit, every pair of coders who both gave it a value
 * counts once, and the result is the share of those pairs that gave the same value. Missing
 * values form no pair. Null when there is no pair (no data, a single coder, or no unit coded
 * twice).
 */
export function percentAgreement(d: ReliabilityData): PercentAgreementResult {
  let pairs = 0;
  let agree = 0;
  for (const u of d.units) {
    const vs = valuesOf(d, u);
    for (let i = 0; i < vs.length; i++) {
      for (let j = i + 1; j < vs.length; j++) {
        pairs++;
        if (vs[i]!.value === vs[j]!.value) agree++;
      }
    }
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

  // Coincidence matrix o (sparse), marginals n_c and n. The marginals are counted directly (each
  // pairable value once), which equals the row sums of o but stays an exact integer.
  const o = new Map<Value, Map<Value, number>>();
  const marg = new Map<Value, number>();
  let n = 0;
  for (const u of d.units) {
    const vs = valuesOf(d, u).map((x) => x.value);
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

  // The values in use, ranked for the ordinal metric.
  let values: Value[];
  if (order) {
    for (const v of marg.keys()) {
      if (!order.includes(v)) throw new Error(`krippendorffAlpha: value "${v}" is not in the ordinal order [${order.join(', ')}].`);
    }
    values = order.filter((v) => marg.has(v));
  } else {
    values = [...marg.keys()];
  }
  // cum[i] = Σ of the marginals of values[0..i-1], so Σ_{g=c..k} n_g = cum[k+1] − cum[c].
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
  // expected is a sum of integer (or squared half-integer) terms: exactly 0 iff one value only.
  const value = expectedDisagreement === 0 ? null : 1 - observedDisagreement / expectedDisagreement;
  return { value, n, observedDisagreement, expectedDisagreement };
}

function checkedOrder(order: Value[] | undefined): Value[] {
  if (!order) throw new Error('krippendorffAlpha: the ordinal metric needs `order`, the values ranked from low to high.');
  if (new Set(order).size !== order.length) throw new Error('krippendorffAlpha: the ordinal `order` lists a value twice.');
  return order;
}

/** Units where two or more coders gave values and they are not all the same, in unit order. */
export function disagreements(d: ReliabilityData): Disagreement[] {
  const out: Disagreement[] = [];
  for (const unit of d.units) {
    const values = valuesOf(d, unit);
    if (values.length >= 2 && new Set(values.map((v) => v.value)).size > 1) out.push({ unit, values });
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
