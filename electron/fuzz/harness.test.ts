// The fuzz harness must see each way an input can go wrong for what it is, or the fuzz counts
// mean nothing: a hang, a heap or buffer blow-up, a stack overflow, a non-AppError, an unclear
// AppError, a rejection nobody awaited, and a write left behind by a refusal. It must also go on
// with a fresh child after killing one.
import { describe, expect, it } from 'vitest';
import { memoProject } from '../test-support/memo-project.js';
import { tempDir } from '../test-support/tmp.js';
import { TargetHarness } from './harness.js';
import { SELF_TEST } from './target-names.js';

const dir = tempDir('fc-fuzz-harness-');
const command = (c: string) => new TextEncoder().encode(c);

describe('the fuzz harness', () => {
  it('classifies every kind of misbehaviour and carries on after killing a child', async () => {
    const m = await memoProject(dir, 'harness.fieldcoder');
    m.project.close();
    const harness = new TargetHarness(SELF_TEST, m.project.path, { timeoutMs: 3000, memoryMb: 128 });
    const run = async (c: string) => {
      const r = await harness.run(command(c));
      return `${r.outcome} ${r.reason}`;
    };
    try {
      expect(await run('ok')).toBe('ok ');
      expect(await run('refuse')).toBe('refused invalid');
      expect(await run('internal')).toBe('failure unclear-refusal');
      expect(await run('throw')).toBe('failure not-an-AppError');
      expect(await run('recurse')).toBe('failure stack-overflow');
      expect(await run('reject')).toBe('failure unhandled-rejection');
      expect(await run('partial')).toBe('failure partial-write');
      expect(await run('hang')).toBe('failure timeout');
      expect(await run('ok')).toBe('ok ');
      expect(await run('heap')).toMatch(/^failure (out-of-memory|memory|crash)$/);
      expect(await run('buffers')).toMatch(/^failure (out-of-memory|memory|crash)$/);
      expect(await run('refuse')).toBe('refused invalid');
      expect(harness.spawns).toBeGreaterThanOrEqual(4);
    } finally {
      await harness.close();
    }
  }, 60_000);
});
