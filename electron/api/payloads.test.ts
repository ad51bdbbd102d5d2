// Every API call fed quote, comment and control-character payloads in every string it takes,
// with valid ids of real rows where ids are expected: each call answers with a value or a typed
// refusal (never an internal error from SQL), and afterwards the project is intact — no table
// dropped, no row changed by a payload's SQL. Inputs are built from the contract's own schemas,
// so a new call is covered the day it is added.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Session } from '../app/session.js';
import { createExcerpt } from '../coding/excerpts-service.js';
import { importPastedText } from '../documents/document-service.js';
import { tempDir } from '../test-support/tmp.js';
import { contract, type Method } from './contract.js';
import { dispatch } from './dispatch.js';
import { createHandlers } from './handlers.js';
import { writeSuiteReport } from '../faults/report.js';

const PAYLOADS = ["'; DROP TABLE documents; --", '" OR 1=1 --', 'a\u0000b\u0007c\u001b[31m', "Robert'); DELETE FROM codes;--", '%_\\*'];
// Calls that end or switch the session, or wait for a dialog: exercised by their own tests.
const SKIP = new Set<string>([
  'project.close',
  'project.createDialog',
  'project.openDialog',
  'project.saveCopyDialog',
  'project.open',
  'project.create',
]);

type Any = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** A value the schema accepts where it can, with `text` in every free string. */
function sample(schema: Any, text: string, ids: string[], key = ''): unknown {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, Any>;
      return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, sample(v, text, ids, k)]));
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'prefault':
      return sample(def.innerType as Any, text, ids, key);
    case 'pipe':
      return sample(def.in as Any, text, ids, key);
    case 'string': {
      const checks = (schema as unknown as { _zod: { bag?: { format?: string; patterns?: Set<RegExp> } } })._zod.bag;
      if (checks?.format === 'uuid' || /id$/i.test(key)) return ids[0] ?? randomUUID();
      return text;
    }
    case 'number':
    case 'int':
      return 0;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array':
      return [sample(def.element as Any, text, ids, key)];
    case 'record':
      return {};
    case 'union':
      return sample((def.options as Any[])[0]!, text, ids, key);
    default:
      return text;
  }
}

describe('hostile strings through every API call', () => {
  it('give a value or a typed refusal, never an internal error, and leave the project intact', async () => {
    const session = new Session(join(tempDir(), 'home'));
    await session.create('Payloads');
    const p = session.requireProject();
    const doc = importPastedText(p, 'Interview', 'The border posts were left without fuel.', 'interview').document!;
    const ex = createExcerpt(p, { documentId: doc.id, start: 0, end: 10, codeIds: [] });
    const handlers = createHandlers(session, 'web');
    const tables = () =>
      (p.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const before = tables();
    const internal: string[] = [];
    let calls = 0;
    const outcomes = new Map<string, number>();
    for (const method of Object.keys(contract) as Method[]) {
      if (SKIP.has(method)) continue;
      for (const text of PAYLOADS) {
        for (const ids of [[doc.id], [ex.id], [randomUUID()]]) {
          const input = sample(contract[method].input as unknown as Any, text, ids);
          const r = await dispatch(handlers, method, input, () => undefined);
          calls++;
          const outcome = r.ok ? 'ok' : r.error.code;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          if (!r.ok && r.error.code === 'internal') internal.push(`${method} ${JSON.stringify(input).slice(0, 120)}`);
        }
      }
    }
    expect(internal).toEqual([]);
    const live = session.requireProject();
    expect(live.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(tables()).toEqual(before);
    expect(live.db.prepare('SELECT count(*) AS n FROM documents WHERE id = ?').get(doc.id)).toEqual({ n: 1 });
    writeSuiteReport('payloads', `payloads: ${calls} calls over ${Object.keys(contract).length - SKIP.size} methods`, { calls });
    console.log(`payloads: ${calls} calls over ${Object.keys(contract).length - SKIP.size} methods:`, Object.fromEntries(outcomes));
    // Most calls must reach their handler (and its SQL), not stop at validation.
    expect(calls - (outcomes.get('bad_request') ?? 0)).toBeGreaterThan(calls / 2);
    session.closeProject();
  }, 120_000);
});
