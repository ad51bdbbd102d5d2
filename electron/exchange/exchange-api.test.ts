// The exchange calls through the contract, as the renderer makes them.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SharedCopy } from '../api/contract.js';
import { dispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { Session } from '../app/session.js';
import { tempDir } from '../test-support/tmp.js';
import { fingerprint } from './fingerprint.js';

const dir = tempDir('fc-exchange-api-');

describe('project.fingerprint and project.shareCopy', () => {
  it('answer the fingerprint, and the copy as a download with nothing left beside the project', async () => {
    const session = new Session(join(dir, 'data'));
    const handlers = createHandlers(session, 'web');
    expect(await dispatch(handlers, 'project.fingerprint', {})).toMatchObject({ ok: false, error: { code: 'no_project' } });
    await session.create('Field study');
    const project = session.requireProject();
    const fp = await dispatch(handlers, 'project.fingerprint', {});
    expect(fp).toEqual({ ok: true, value: { short: fingerprint(project).short, hash: fingerprint(project).hash } });

    const answer = await dispatch(handlers, 'project.shareCopy', { withoutIdentities: true });
    if (!answer.ok) throw new Error(answer.error.message);
    const shared = answer.value as SharedCopy;
    expect(shared.fileName).toBe('Field study-shared.fieldcoder');
    expect(shared.removed).toEqual(['identities']);
    const bytes = Buffer.from(shared.base64, 'base64');
    expect(bytes.length).toBe(shared.bytes);
    expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(readdirSync(dirname(project.path)).filter((f) => f.startsWith('.'))).toEqual([]);

    expect(await dispatch(handlers, 'project.shareCopy', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    session.closeProject();
  });
});
