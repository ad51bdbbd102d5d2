// The integrity check of a received file (integrity.ts) beyond PRAGMA integrity_check: a flipped
// byte in a transcript's text, which integrity_check passes, is found by comparing the search
// index with the text; a flipped byte in a long document's cut text by comparing it with the
// document. Both on opening and, in the worker, when a colleague's file is merged.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCode } from '../coding/codes-service.js';
import { createExcerpt } from '../coding/excerpts-service.js';
import { importPastedText } from '../documents/document-service.js';
import { mergeProject } from '../exchange/merge/merge.js';
import { unsealed } from '../test-support/unsealed.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { createProject, openProject } from './open-project.js';

const dir = tempDir();
let n = 0;
const fresh = (): string => join(dir, `i${++n}.fieldcoder`);
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

// Long enough to be cut into chunks when coded (more than 16,384 code points), with one word
// that occurs once.
const LONG_TEXT = `${'The convoy waited at the border post for fuel and papers. '.repeat(400)}Zarafshan ${'Officers rotated every month. '.repeat(100)}`;

/** A project with the long interview, coded once (so its text is also kept in chunks). */
async function project(): Promise<string> {
  const path = fresh();
  const p = (await createProject(path, testAuthor, { name: 'Integrity' })).project;
  const doc = importPastedText(p, 'Interview', LONG_TEXT, 'interview').document!;
  const code = createCode(p, { name: 'logistics' });
  createExcerpt(p, { documentId: doc.id, start: 20_000, end: 20_100, codeIds: [code.id] });
  p.close();
  return path;
}

/**
 * Flips one bit of the one occurrence of `word` that lies on a page of `table`, in the file
 * unsealed first: these checks are what a file without a seal (one left by a crash) relies on.
 */
function flipIn(path: string, table: string, word: string): void {
  unsealed(path);
  const db = new Database(path, { readonly: true });
  const pages = new Set(db.prepare('SELECT pageno FROM dbstat WHERE name = ?').pluck().all(table) as number[]);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(path);
  const hits: number[] = [];
  for (let at = bytes.indexOf(word); at >= 0; at = bytes.indexOf(word, at + 1)) {
    if (pages.has(Math.floor(at / pageSize) + 1)) hits.push(at);
  }
  expect(hits).toHaveLength(1);
  bytes[hits[0]!] = bytes[hits[0]!]! ^ 0x01;
  writeFileSync(path, bytes);
  const check = new Database(path, { readonly: true });
  expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
  check.close();
}

describe('the integrity check of a received file', () => {
  it('refuses a flipped byte in a transcript’s text, which integrity_check passes, writing nothing', async () => {
    const path = await project();
    flipIn(path, 'documents', 'Zarafshan');
    const before = digest(path);
    await expect(openProject(path, testAuthor)).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('search index documents_fts does not match its text'),
    });
    expect(digest(path)).toBe(before);
  });

  it('refuses a flipped byte in a long document’s cut text', async () => {
    const path = await project();
    flipIn(path, 'text_chunks', 'Zarafshan');
    await expect(openProject(path, testAuthor)).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/the text kept for excerpting document \S+ differs from the document/),
    });
  });

  it('refuses, before committing anything, a colleague’s file with a flipped byte in a transcript', async () => {
    const ours = await project();
    const theirs = fresh();
    copyFileSync(ours, theirs);
    flipIn(theirs, 'documents', 'Zarafshan');
    const p = (await openProject(ours, testAuthor)).project;
    await expect(mergeProject(p, theirs)).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('search index documents_fts does not match its text'),
    });
    expect(p.db.prepare("SELECT count(*) FROM documents WHERE text LIKE '%Zarafshan%'").pluck().get()).toBe(1);
    p.close();
  });
});
