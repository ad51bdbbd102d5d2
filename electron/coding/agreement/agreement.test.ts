// Published worked examples, reproduced exactly.
import { describe, expect, it } from 'vitest';
import { cohensKappa, disagreements, fromTable, krippendorffAlpha, percentAgreement } from './agreement.js';

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4-coder, 12-unit
// example with missing values.
const K = (s: string) => s.split(' ').map((v) => (v === '.' ? null : v));
const four = fromTable(
  [K('1 2 3 3 2 1 4 1 2 . . .'), K('1 2 3 3 2 2 4 1 2 5 . 3'), K('. 3 3 3 2 3 4 2 2 5 1 .'), K('1 2 3 3 2 4 4 1 2 5 1 .')],
  ['A', 'B', 'C', 'D'],
);
const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

describe("Krippendorff's alpha", () => {
  it('nominal: 0.743 on the 4-coder example, with 40 pairable values', () => {
    const a = krippendorffAlpha(four, { metric: 'nominal' });
    expect(r3(a.value)).toBe(0.743);
    expect(a.n).toBe(40);
  });

  it('ordinal: 0.815 on the same data', () => {
    expect(r3(krippendorffAlpha(four, { metric: 'ordinal', order: ['1', '2', '3', '4', '5'] }).value)).toBe(0.815);
  });

  it('two coders, binary data: 0.095 (the paper’s first example)', () => {
    const two = fromTable([K('0 1 0 0 0 0 0 0 1 0'), K('1 1 1 0 0 1 0 0 0 0')], ['A', 'B']);
    expect(r3(krippendorffAlpha(two, { metric: 'nominal' }).value)).toBe(0.095);
  });

  it('is undefined with one coder, no data, or no variation; ordinal needs an order', () => {
    expect(krippendorffAlpha(fromTable([K('1 2 3')], ['A']), { metric: 'nominal' }).value).toBeNull();
    expect(krippendorffAlpha(fromTable([], []), { metric: 'nominal' }).value).toBeNull();
    expect(krippendorffAlpha(fromTable([K('1 1'), K('1 1')], ['A', 'B']), { metric: 'nominal' }).value).toBeNull();
    expect(() => krippendorffAlpha(four, { metric: 'ordinal' })).toThrow(/order/);
  });
});

describe("Cohen's kappa", () => {
  // 50 items: both yes 20, A yes / B no 5, A no / B yes 10, both no 15.
  const a = [...Array(20).fill('yes'), ...Array(5).fill('yes'), ...Array(10).fill('no'), ...Array(15).fill('no')];
  const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
  it('p_o = 0.70, p_e = 0.50, kappa = 0.40', () => {
    const k = cohensKappa(fromTable([a, b], ['A', 'B']), 'A', 'B');
    expect(k.n).toBe(50);
    expect(r3(k.observed)).toBe(0.7);
    expect(r3(k.expected)).toBe(0.5);
    expect(r3(k.value)).toBe(0.4);
  });
  it('is 1 for perfect agreement and undefined when p_e = 1', () => {
    expect(
      cohensKappa(
        fromTable(
          [
            ['x', 'y'],
            ['x', 'y'],
          ],
          ['A', 'B'],
        ),
        'A',
        'B',
      ).value,
    ).toBe(1);
    expect(
      cohensKappa(
        fromTable(
          [
            ['x', 'x'],
            ['x', 'x'],
          ],
          ['A', 'B'],
        ),
        'A',
        'B',
      ).value,
    ).toBeNull();
  });
});

describe('percent agreement and disagreements', () => {
  it('counts agreeing pairs within units, ignoring missing values', () => {
    // Pairs per unit: 3,6,6,6,6,6,6,6,6,3,1,0 = 55; agreeing: 3,3,6,6,6,0,6,3,6,3,1,0 = 43.
    const p = percentAgreement(four);
    expect(p.pairs).toBe(55);
    expect(r3(p.value)).toBe(r3(43 / 55));
    expect(disagreements(four).map((d) => d.unit)).toEqual(['2', '6', '8']);
    expect(disagreements(four)[0]!.values).toEqual([
      { coder: 'A', value: '2' },
      { coder: 'B', value: '2' },
      { coder: 'C', value: '3' },
      { coder: 'D', value: '2' },
    ]);
  });
});
