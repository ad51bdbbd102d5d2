import { describe, expect, it } from 'vitest';
import { HybridClock, parseStamp } from './hlc.js';

describe('hybrid logical clock', () => {
  it('stamps sort in the order they were made, even within one millisecond', () => {
    const clock = new HybridClock('0123456789abcdef', () => 1_700_000_000_000);
    const stamps = Array.from({ length: 5 }, () => clock.next());
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(5);
    expect(parseStamp(stamps[4]!)).toEqual({ millis: 1_700_000_000_000, counter: 4, device: '0123456789abcdef' });
  });

  it('never goes backwards when the wall clock does', () => {
    let now = 2_000_000_000_000;
    const clock = new HybridClock('0123456789abcdef', () => now);
    const a = clock.next();
    now -= 60_000;
    expect(clock.next() > a).toBe(true);
  });

  it('moves past stamps it observes from other devices', () => {
    const clock = new HybridClock('0123456789abcdef', () => 1_000);
    const other = new HybridClock('fedcba9876543210', () => 5_000);
    const theirs = other.next();
    clock.observe(theirs);
    expect(clock.next() > theirs).toBe(true);
  });

  it('ignores malformed stamps and stamps implausibly far in the future', () => {
    const clock = new HybridClock('0123456789abcdef', () => 1_000_000);
    clock.observe('not a stamp');
    clock.observe(new HybridClock('fedcba9876543210', () => 1_000_000 + 24 * 3600_000).next());
    expect(parseStamp(clock.next())!.millis).toBe(1_000_000);
  });

  it('rejects a malformed device id', () => {
    expect(() => new HybridClock('xyz')).toThrow();
  });
});
