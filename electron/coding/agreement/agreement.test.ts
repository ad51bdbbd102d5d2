// Agreement statistics against published worked examples, checked to 3 decimals, with the
// intermediate figures worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import { cohensKappa, disagreements, fromTable, krippendorffAlpha, percentAgreement } from './agreement.js';

const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
/** One coder's row from a space-separated line, '.' = missing. */
const K = (s: string) => s.split(' ').map((v) => (v === '.' ? null : v));
const ORDER = ['1', '2', '3', '4', '5'];

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders, 12 units, missing data.
const four = fromTable(
  [K('1 2 3 3 2 1 4 1 2 . . .'), K('1 2 3 3 2 2 4 1 2 5 . 3'), K('. 3 3 3 2 3 4 2 2 5 1 .'), K('1 2 3 3 2 4 4 1 2 5 1 .')],
  ['A', 'B', 'C', 'D'],
);
// Coincidence matrix by hand (unit 12 has one value and is dropped):
//   o11 = 3/2·2 (u1) + 2 (u8) + 2 (u11) = 7, o22 = 2 + 4 + 4 = 10, o33 = 8, o44 = 4, o55 = 3;
//   o12 = 1/3 (u6) + 1 (u8) = 4/3, o23 = 1 (u2) + 1/3 = 4/3, o13 = o14 = o24 = o34 = 1/3 (u6).
//   Marginals n1..n5 = 9, 13, 10, 5, 3; n = 40.

describe("Krippendorff's alpha", () => {
  it('nominal: 0.743 on the 4-coder example, with 40 pairable values', () => {
    // Off-diagonal Σo = 40 − 32 = 8, so D_o = 8/40; Σ_{c≠k} n_c n_k = 40² − Σ n_c² = 1600 − 384 = 1216,
    // so D_e = 1216/(40·39); α = 1 − 39·8/1216 = 0.743.
    const a = krippendorffAlpha(four, { metric: 'nominal' });
    expect(a.n).toBe(40);
    expect(a.observedDisagreement).toBeCloseTo(8 / 40, 12);
    expect(a.expectedDisagreement).toBeCloseTo(1216 / 1560, 12);
    expect(r3(a.value)).toBe(0.743);
  });

  it('ordinal: 0.815 on the same data', () => {
    // δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², e.g. δ²_12 = (22 − 11)² = 121, δ²_13 = (32 − 9.5)² = 506.25.
    // Σ o δ² = 1891 and Σ n_c n_k δ² = 399480, so α = 1 − 39·1891/399480 = 0.815.
    const a = krippendorffAlpha(four, { metric: 'ordinal', order: ORDER });
    expect(a.n).toBe(40);
    expect(a.observedDisagreement).toBeCloseTo(1891 / 40, 9);
    expect(a.expectedDisagreement).toBeCloseTo(399480 / 1560, 9);
    expect(r3(a.value)).toBe(0.815);
  });

  it('ordinal: levels nobody used do not change the result, the order does not have to be numeric', () => {
    const wide = krippendorffAlpha(four, { metric: 'ordinal', order: ['0', ...ORDER, '6'] });
    expect(r3(wide.value)).toBe(0.815);
    const names = ['very low', 'low', 'mid', 'high', 'very high'];
    const rows = [K('1 2 3 3 2 1 4 1 2 . . .'), K('1 2 3 3 2 2 4 1 2 5 . 3'), K('. 3 3 3 2 3 4 2 2 5 1 .'), K('1 2 3 3 2 4 4 1 2 5 1 .')];
    const named = fromTable(
      rows.map((r) => r.map((v) => (v === null ? null : names[Number(v) - 1]!))),
      ['A', 'B', 'C', 'D'],
    );
    expect(r3(krippendorffAlpha(named, { metric: 'ordinal', order: names }).value)).toBe(0.815);
  });

  it('two coders, binary data: 0.095 (the paper’s first example)', () => {
    // o00 = 10, o01 = o10 = 4, o11 = 2; n0 = 14, n1 = 6, n = 20.
    // D_o = 8/20, D_e = 2·14·6/(20·19); α = 1 − 19·4/(14·6) = 1 − 76/84 = 0.095.
    const two = fromTable([K('0 1 0 0 0 0 0 0 1 0'), K('1 1 1 0 0 1 0 0 0 0')], ['A', 'B']);
    const a = krippendorffAlpha(two, { metric: 'nominal' });
    expect(a.n).toBe(20);
    expect(a.observedDisagreement).toBeCloseTo(0.4, 12);
    expect(a.expectedDisagreement).toBeCloseTo(168 / 380, 12);
    expect(r3(a.value)).toBe(0.095);
  });

  it('is null with one coder, no data, no unit coded twice, or no variation (D_e = 0)', () => {
    expect(krippendorffAlpha(fromTable([K('1 2 3')], ['A']), { metric: 'nominal' })).toEqual({
      value: null,
      n: 0,
      observedDisagreement: 0,
      expectedDisagreement: 0,
    });
    expect(krippendorffAlpha(fromTable([], []), { metric: 'nominal' }).value).toBeNull();
    expect(krippendorffAlpha(fromTable([K('1 .'), K('. 2')], ['A', 'B']), { metric: 'ordinal', order: ['1', '2'] }).value).toBeNull();
    const flat = krippendorffAlpha(fromTable([K('1 1'), K('1 1')], ['A', 'B']), { metric: 'nominal' });
    expect(flat).toEqual({ value: null, n: 4, observedDisagreement: 0, expectedDisagreement: 0 });
  });

  it('throws a clear error for an ordinal metric without a usable order', () => {
    expect(() => krippendorffAlpha(four, { metric: 'ordinal' })).toThrow(/ordinal metric needs `order`/);
    expect(() => krippendorffAlpha(fromTable([], []), { metric: 'ordinal' })).toThrow(/needs `order`/);
    expect(() => krippendorffAlpha(four, { metric: 'ordinal', order: ['1', '2', '3', '4'] })).toThrow(/value "5" is not in/);
    expect(() => krippendorffAlpha(four, { metric: 'ordinal', order: ['1', '1', '2'] })).toThrow(/twice/);
  });
});

describe("Cohen's kappa", () => {
  // Wikipedia's example, 50 items: both yes 20, A yes / B no 5, A no / B yes 10, both no 15.
  // p_o = 35/50 = 0.70; A says yes 25/50, B says yes 30/50: p_e = 0.5·0.6 + 0.5·0.4 = 0.50; κ = 0.2/0.5 = 0.40.
  const a = [...Array<string>(25).fill('yes'), ...Array<string>(25).fill('no')];
  const b = [
    ...Array<string>(20).fill('yes'),
    ...Array<string>(5).fill('no'),
    ...Array<string>(10).fill('yes'),
    ...Array<string>(15).fill('no'),
  ];
  const ab = (rowA: (string | null)[], rowB: (string | null)[]) => cohensKappa(fromTable([rowA, rowB], ['A', 'B']), 'A', 'B');

  it('p_o = 0.70, p_e = 0.50, kappa = 0.40', () => {
    const k = ab(a, b);
    expect(k.n).toBe(50);
    expect(r3(k.observed)).toBe(0.7);
    expect(r3(k.expected)).toBe(0.5);
    expect(r3(k.value)).toBe(0.4);
  });

  it('is 1 for perfect agreement', () => {
    expect(ab(K('x y x z'), K('x y x z')).value).toBe(1);
  });

  it('is null when p_e = 1 (both always give the same single value) or nothing was coded by both', () => {
    const same = ab(K('x x x'), K('x x x'));
    expect(same.expected).toBe(1);
    expect(same.value).toBeNull();
    expect(ab(K('x .'), K('. x'))).toEqual({ value: null, n: 0, observed: 0, expected: 0 });
    expect(cohensKappa(fromTable([], []), 'A', 'B').value).toBeNull();
    expect(cohensKappa(fromTable([K('x y')], ['A']), 'A', 'B').value).toBeNull();
  });

  it('uses only the units both coded', () => {
    // A and B on the 4-coder example: both coded units 1–9 only; they differ on unit 6 alone.
    const k = cohensKappa(four, 'A', 'B');
    expect(k.n).toBe(9);
    expect(k.observed).toBeCloseTo(8 / 9, 12);
  });
});

describe('percent agreement and disagreements', () => {
  it('counts agreeing coder pairs within units, ignoring missing values', () => {
    // Values per unit 3,4,4,4,4,4,4,4,4,3,2,1 → pairs C(m,2) = 3,6,6,6,6,6,6,6,6,3,1,0 = 55.
    // Agreeing pairs: u1 3, u2 3 (A-B, A-D, B-D), u3–u5 6 each, u6 0 (1 2 3 4), u7 6,
    // u8 3 (A-B, A-D, B-D), u9 6, u10 3, u11 1, u12 0 → 43.  43/55 = 0.782.
    const p = percentAgreement(four);
    expect(p.pairs).toBe(55);
    expect(p.value).toBeCloseTo(43 / 55, 12);
    expect(r3(p.value)).toBe(0.782);
  });

  it('is null without any pair', () => {
    expect(percentAgreement(fromTable([], []))).toEqual({ value: null, pairs: 0 });
    expect(percentAgreement(fromTable([K('1 2 3')], ['A']))).toEqual({ value: null, pairs: 0 });
    expect(percentAgreement(fromTable([K('1 .'), K('. 1')], ['A', 'B']))).toEqual({ value: null, pairs: 0 });
  });

  it('lists exactly the units where coders differ, with their values, missing ones left out', () => {
    // Unit 2: 2 2 3 2; unit 6: 1 2 3 4; unit 8: 1 1 2 1. Units 1, 10, 11 agree despite gaps; unit 12 has one value.
    const ds = disagreements(four);
    expect(ds.map((d) => d.unit)).toEqual(['2', '6', '8']);
    expect(ds[0]!.values).toEqual([
      { coder: 'A', value: '2' },
      { coder: 'B', value: '2' },
      { coder: 'C', value: '3' },
      { coder: 'D', value: '2' },
    ]);
    const gaps = fromTable([K('1 . 2'), K('. 1 3'), K('2 . 2')], ['A', 'B', 'C']);
    expect(disagreements(gaps)).toEqual([
      {
        unit: '1',
        values: [
          { coder: 'A', value: '1' },
          { coder: 'C', value: '2' },
        ],
      },
      {
        unit: '3',
        values: [
          { coder: 'A', value: '2' },
          { coder: 'B', value: '3' },
          { coder: 'C', value: '2' },
        ],
      },
    ]);
    expect(disagreements(fromTable([K('1 2')], ['A']))).toEqual([]);
  });
});

describe('fromTable', () => {
  it('names units by column, treats null and short rows as missing, and checks the coder count', () => {
    const d = fromTable([K('a . c'), K('x')], ['P', 'Q']);
    expect(d.units).toEqual(['1', '2', '3']);
    expect([d.value('P', '1'), d.value('P', '2'), d.value('P', '3')]).toEqual(['a', undefined, 'c']);
    expect([d.value('Q', '1'), d.value('Q', '3'), d.value('R', '1')]).toEqual(['x', undefined, undefined]);
    expect(() => fromTable([K('1')], ['A', 'B'])).toThrow(/1 rows for 2 coders/);
  });
});
