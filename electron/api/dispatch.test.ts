// The boundary that both transports share (Electron IPC calls it directly; the browser host
// calls it after its own checks).
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { contract, MAX_REQUEST_BYTES, METHODS, type Handlers } from './contract.js';
import { checkSize, dispatch } from './dispatch.js';

/** Handlers that record what reached them; any call that reaches one passed validation. */
function recording(): { handlers: Handlers; seen: unknown[] } {
  const seen: unknown[] = [];
  const handlers = Object.fromEntries(
    METHODS.map((m) => [
      m,
      (input: unknown) => {
        seen.push(input);
        if (m === 'framework.get') throw new Error('secret internal detail at /home/user/x.ts:12');
        if (m === 'project.close') throw new AppError('no_project', 'No project is open.');
        return { echoed: m };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, seen };
}

describe('dispatch', () => {
  it('runs a valid call and returns its value', async () => {
    const { handlers, seen } = recording();
    expect(await dispatch(handlers, 'project.create', { name: ' Study ' })).toEqual({ ok: true, value: { echoed: 'project.create' } });
    expect(seen).toEqual([{ name: 'Study' }]); // trimmed by the schema before the handler sees it
  });

  it('refuses unknown calls before any handler runs', async () => {
    const { handlers, seen } = recording();
    for (const m of ['nope', '__proto__', 'constructor', 'hasOwnProperty', 42, null, undefined, { toString: () => 'app.info' }]) {
      const r = await dispatch(handlers, m, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    }
    expect(seen).toEqual([]);
  });

  it('refuses input that does not match the contract, with the field named', async () => {
    const { handlers, seen } = recording();
    const r = await dispatch(handlers, 'project.open', { handle: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('handle') } });
    expect(await dispatch(handlers, 'app.info', { unexpected: true })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch(handlers, 'app.info', 'a string')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch(handlers, 'framework.importTemplate', { json: 'x'.repeat(MAX_REQUEST_BYTES) })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(seen).toEqual([]);
  });

  it('turns errors into typed values: AppErrors keep their message, anything else hides its details', async () => {
    const { handlers } = recording();
    const logged: unknown[] = [];
    expect(await dispatch(handlers, 'project.close', {}, (m) => logged.push(m))).toEqual({
      ok: false,
      error: { code: 'no_project', message: 'No project is open.' },
    });
    const internal = await dispatch(handlers, 'framework.get', {}, (m) => logged.push(m));
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('secret internal detail');
    expect(logged).toHaveLength(1);
  });

  it('refuses oversized requests by size', () => {
    expect(checkSize(MAX_REQUEST_BYTES)).toBeNull();
    expect(checkSize(MAX_REQUEST_BYTES + 1)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('has an input schema for every call', () => {
    for (const m of METHODS) expect(contract[m].input.safeParse).toBeTypeOf('function');
  });
});
