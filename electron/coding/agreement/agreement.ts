// Inter-coder agreement: percent agreement, Cohen's kappa and Krippendorff's alpha (nominal
// and ordinal, any number of coders, missing values allowed). Alpha follows the coincidence-
// matrix formulation of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".

export type Value = string;

export interface ReliabilityData {
  coders: string[];
  units: string[];
  /** The value coder `coder` gave unit `unit`, or undefined where it is missing. */
  value(coder: string, unit: string): Value | undefined;
}

export interface AgreementOptions {
  metric: 'nominal' | 'ordinal';
  /** Values ranked from low to high; required for the ordinal metric. */
  order?: Value[];
}

function valuesOf(d: ReliabilityData, unit: string): { coder: string; value: Value }[] {
  const out: { coder: string; value: Value }[] = [];
  for (const coder of d.coders) {
    const value = d.value(coder, unit);
    if (value !== undefined) out.push({ coder, value });
  }
  return out;
}

/** Share of agreeing pairs among all pairs of values given to the same unit. Null with no pairs. */
export function percentAgreement(d: ReliabilityData): { value: number | null; pairs: number } {
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
 * Cohen's kappa for two coders over the units both coded: (p_o - p_e) / (1 - p_e). Null when
 * no unit was coded by both, or when p_e = 1 (both always gave one and the same value).
 */
export function cohensKappa(d: ReliabilityData, coderA: string, coderB: string) {
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
  const value = expected >= 1 ? null : (observed - expected) / (1 - expected);
  return { value, n, observed, expected };
}

/**
 * Krippendorff's alpha = 1 - D_o / D_e over the coincidence matrix o: each unit with m >= 2
 * values adds 1/(m-1) for every ordered pair of its values; units with one value are not
 * pairable. With n_c the marginals and n their sum (the pairable values):
 *   D_o = Σ o_ck δ²_ck / n,   D_e = Σ n_c n_k δ²_ck / (n (n - 1)).
 * Nominal δ² is 0 for equal values and 1 otherwise; ordinal δ²_ck = (Σ_{g=c..k} n_g - (n_c + n_k)/2)².
 * Null when fewer than two values are pairable or D_e = 0 (every value the same: no variation
 * to tell agreement from chance, which Krippendorff leaves undefined).
 */
export function krippendorffAlpha(d: ReliabilityData, opts: AgreementOptions) {
  if (opts.metric === 'ordinal' && !opts.order) throw new Error('The ordinal metric needs the order of the values.');
  const o = new Map<Value, Map<Value, number>>();
  const add = (c: Value, k: Value, w: number): void => {
    const row = o.get(c) ?? new Map<Value, number>();
    row.set(k, (row.get(k) ?? 0) + w);
    o.set(c, row);
  };
  for (const u of d.units) {
    const vs = valuesOf(d, u).map((x) => x.value);
    const m = vs.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(vs[i]!, vs[j]!, 1 / (m - 1));
  }
  const marg = new Map<Value, number>();
  for (const [c, row] of o) for (const w of row.values()) marg.set(c, (marg.get(c) ?? 0) + w);
  const n = [...marg.values()].reduce((s, x) => s + x, 0);
  const nRounded = Math.round(n * 1e9) / 1e9;
  if (n < 2) return { value: null, n: nRounded, observedDisagreement: 0, expectedDisagreement: 0 };

  const values = opts.metric === 'ordinal' ? opts.order!.filter((v) => marg.has(v)) : [...marg.keys()];
  if (opts.metric === 'ordinal') {
    for (const v of marg.keys()) if (!opts.order!.includes(v)) throw new Error(`The value ${v} is not in the given order.`);
  }
  const rank = new Map(values.map((v, i) => [v, i]));
  const delta2 = (c: Value, k: Value): number => {
    if (c === k) return 0;
    if (opts.metric === 'nominal') return 1;
    const [lo, hi] = [rank.get(c)!, rank.get(k)!].sort((x, y) => x - y) as [number, number];
    let sum = 0;
    for (let g = lo; g <= hi; g++) sum += marg.get(values[g]!)!;
    return (sum - (marg.get(c)! + marg.get(k)!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (const c of values) {
    for (const k of values) {
      const dd = delta2(c, k);
      if (dd === 0) continue;
      observed += (o.get(c)?.get(k) ?? 0) * dd;
      expected += marg.get(c)! * marg.get(k)! * dd;
    }
  }
  const Do = observed / n;
  const De = expected / (n * (n - 1));
  return { value: De === 0 ? null : 1 - Do / De, n: nRounded, observedDisagreement: Do, expectedDisagreement: De };
}

export interface Disagreement {
  unit: string;
  values: { coder: string; value: Value }[];
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

/** Reliability data from a table: one row per coder, one column per unit, null where missing. */
export function fromTable(rows: (Value | null)[][], coders: string[]): ReliabilityData {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const units = Array.from({ length: width }, (_, i) => String(i + 1));
  return {
    coders,
    units,
    value: (coder, unit) => rows[coders.indexOf(coder)]?.[Number(unit) - 1] ?? undefined,
  };
}
