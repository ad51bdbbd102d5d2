// "Open a copy anyway" (salvage.ts), through the contract as the renderer calls it and through
// the CLI: a file refused for its seal is copied and the copy opened after every other check; a
// file damaged beyond that leaves no copy; the damaged file is never written.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../api/contract.js';
import { dispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { handleFor, Session } from '../app/session.js';
import { createCode, listCodes } from '../coding/codes-service.js';
import { importPastedText } from '../documents/document-service.js';
import { packageRoot } from '../core/paths.js';
import { tempDir } from '../test-support/tmp.js';

const dir = tempDir('fc-salvage-');
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

/** A closed (sealed) project in the session's projects folder with a code named `name`. */
async function made(session: Session, project: string, name: string): Promise<string> {
  await session.create(project);
  const p = session.requireProject();
  createCode(p, { name });
  const path = p.path;
  session.closeProject();
  return path;
}

/**
 * The first letter of `word` flipped in the file's bytes: by default upper case to lower case, a
 * change to a value that no check but the seal can see.
 */
function flipValue(path: string, word: string, mask = 0x20): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(word));
  expect(at).toBeGreaterThan(0);
  bytes[at] = bytes[at]! ^ mask;
  writeFileSync(path, bytes);
}

describe('opening a copy of a file refused as damaged', () => {
  it('opens a copy of a file whose seal broke, after every other check, and never writes the original', async () => {
    const session = new Session(join(dir, 'home'));
    const handlers = createHandlers(session, 'web');
    const path = await made(session, 'Fieldwork', 'Checkpoint bribes');
    flipValue(path, 'Checkpoint bribes');
    const before = sha(path);
    const handle = handleFor(path);

    const refused = await dispatch(handlers, 'project.open', { handle });
    expect(refused).toMatchObject({ ok: false, error: { code: 'corrupt', message: expect.stringContaining('seal') } });
    const answer = await dispatch(handlers, 'project.salvage', { handle });
    if (!answer.ok) throw new Error(answer.error.message);
    const summary = answer.value as ProjectSummary;
    expect(summary.fileName).toBe('Fieldwork (copy of a damaged file).fieldcoder');
    expect(summary.salvagedFrom).toBe('Fieldwork.fieldcoder');
    expect(listCodes(session.requireProject()).map((c) => c.name)).toContain('checkpoint bribes');
    expect(sha(path)).toBe(before);
    session.closeProject();

    // The copy is now an ordinary, sealed project; a second copy gets a name of its own.
    expect((await dispatch(handlers, 'project.open', { handle: summary.handle })).ok).toBe(true);
    session.closeProject();
    const second = await dispatch(handlers, 'project.salvage', { handle });
    expect(second).toMatchObject({ ok: true, value: { fileName: 'Fieldwork (copy of a damaged file 2).fieldcoder' } });
    session.closeProject();
  });

  it('leaves no copy of a file that is damaged beyond its seal', async () => {
    const session = new Session(join(dir, 'home2'));
    const handlers = createHandlers(session, 'web');
    const folder = join(dir, 'home2', 'projects');
    // A transcript's word changed: the copy without its seal fails the search index check.
    await session.create('Transcript');
    const t = session.requireProject();
    importPastedText(t, 'Interview', 'We waited at the Zarafshan crossing for two days.', 'interview');
    const transcript = t.path;
    session.closeProject();
    flipValue(transcript, 'Zarafshan', 0x01); // Z -> [, which splits the word for the search index
    // Every page scrambled: the copy cannot even be read.
    const scrambled = await made(session, 'Scrambled', 'Water access');
    const bytes = readFileSync(scrambled);
    const pageSize = bytes.readUInt16BE(16);
    for (let i = pageSize + 8; i < bytes.length; i += 7) bytes[i] = bytes[i]! ^ 0x5a;
    writeFileSync(scrambled, bytes);

    for (const [path, message] of [
      [transcript, /^A copy of this file is damaged too, so it was not kept\. .*search index documents_fts/],
      [scrambled, /^Field Coder could not make a readable copy of this file/],
    ] as const) {
      const before = sha(path);
      const answer = await dispatch(handlers, 'project.salvage', { handle: handleFor(path) });
      expect(answer).toMatchObject({ ok: false, error: { code: 'corrupt', message: expect.stringMatching(message) } });
      expect(sha(path)).toBe(before);
    }
    expect(readdirSync(folder).sort()).toEqual(['Scrambled.fieldcoder', 'Transcript.fieldcoder']);
  });

  it('field-coder salvage writes the checked copy beside the file', async () => {
    const session = new Session(join(dir, 'home3'));
    const path = await made(session, 'Cli study', 'Border posts');
    flipValue(path, 'Border posts');
    const bin = join(packageRoot(), 'bin', 'field-coder.mjs');
    const env = { ...process.env, FIELD_CODER_HOME: join(dir, 'home3') };
    const check = spawnSync(process.execPath, [bin, 'check', path], { encoding: 'utf8', env });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('changed since Field Coder last closed it');
    const r = spawnSync(process.execPath, [bin, 'salvage', path], { encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    const copy = join(dir, 'home3', 'projects', 'Cli study (copy of a damaged file).fieldcoder');
    expect(r.stdout).toContain(copy);
    const checked = spawnSync(process.execPath, [bin, 'check', copy], { encoding: 'utf8', env });
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('seal intact');
  });
});
