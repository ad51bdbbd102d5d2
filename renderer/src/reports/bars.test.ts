import { describe, expect, it } from 'vitest';
import { barPercent, barsOf, rowTotal } from './bars';

const tab = {
  rows: [
    { id: 'a', name: 'coercion' },
    { id: 'b', name: 'patronage' },
    { id: 'c', name: 'unused' },
  ],
  columns: [
    { id: 'a', name: 'coercion' },
    { id: 'b', name: 'patronage' },
    { id: 'c', name: 'unused' },
  ],
  counts: [
    [0, 3, 1],
    [3, 5, 0],
    [0, 0, 0],
  ],
};

describe('bar scale', () => {
  it('is a share of the largest value, at least 1% when not zero, never over 100%', () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(10, 10)).toBe(100);
    expect(barPercent(1, 3)).toBe(33.3);
    expect(barPercent(1, 100_000)).toBe(1);
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(3, 0)).toBe(0);
    expect(barPercent(20, 10)).toBe(100);
  });
  it('totals each code, leaving out the diagonal for co-occurrence', () => {
    expect(rowTotal(tab, 1)).toBe(8);
    expect(rowTotal(tab, 1, true)).toBe(3);
    expect(barsOf(tab, 'code-document').map((b) => [b.name, b.total, b.percent])).toEqual([
      ['coercion', 4, 50],
      ['patronage', 8, 100],
      ['unused', 0, 0],
    ]);
    expect(barsOf(tab, 'co-occurrence').map((b) => b.percent)).toEqual([100, 75, 0]);
  });
  it('has no bars to scale when nothing is counted', () => {
    expect(barsOf({ rows: [{ id: 'a', name: 'x' }], columns: [], counts: [[]] }, 'code-role')).toEqual([{ id: 'a', name: 'x', total: 0, percent: 0 }]);
  });
});
