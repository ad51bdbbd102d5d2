import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { listDocuments, setIdentity } from '../documents/document-service.js';
import { createMemo, saveMemo } from '../memos/memo-service.js';
import { openProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { setRedactionList } from '../memos/redaction-list.js';
import { memoProject, SECRET_NAME } from '../test-support/memo-project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { fingerprint } from './fingerprint.js';
import { shareCopy } from './share-copy.js';

// Lets one test make the final rename fail, after the temp copy exists.
const failRename = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const renameSync: typeof fs.renameSync = (from, to) => {
    if (failRename.on) throw Object.assign(new Error('EACCES: permission denied, rename'), { code: 'EACCES' });
    fs.renameSync(from, to);
  };
  return { ...fs, renameSync, default: { ...fs, renameSync } };
});

const dir = tempDir('fc-share-');
/** Strings that live only in `identities`: a second interviewee's name, and a contact. */
const ONLY_IN_IDENTITIES = ['Zarina Xolmatova-Sharipova', '+992 00 000 0000'];
const HISTORY_ONLY = 'an earlier draft nobody should see';

const occurrences = (bytes: Buffer, s: string): number => {
  let count = 0;
  for (let at = bytes.indexOf(s); at !== -1; at = bytes.indexOf(s, at + 1)) count++;
  return count;
};

function rowCounts(p: Project): Record<string, number> {
  const tables = (
    p.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
  )
    .map((r) => r.name)
    .sort();
  return Object.fromEntries(tables.map((t) => [t, (p.db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

async function project(name: string): Promise<Project> {
  const { project: p } = await memoProject(dir, name);
  const police = listDocuments(p).find((d) => d.title === 'Interview 2')!;
  setIdentity(p, { documentId: police.id, realName: ONLY_IN_IDENTITIES[0]!, contact: '', notes: '' });
  const memo = createMemo(p, 'Findings', HISTORY_ONLY);
  saveMemo(p, memo.id, { body: 'The current text.' }, { version: true });
  saveMemo(p, memo.id, { body: 'The final text.' });
  return p;
}

const leftovers = (folder: string): string[] => readdirSync(folder).filter((f) => f.includes('.sharing'));

describe('shareCopy', () => {
  it('writes one clean file that opens as a project with the same content, without identities', async () => {
    const p = await project('source.fieldcoder');
    setRedactionList(p, ['Zarina Karimova']);
    const before = { content: fingerprint(p), all: fingerprint(p, { identities: true }), rows: rowCounts(p) };
    const out = join(dir, 'to-send.fieldcoder');
    const r = shareCopy(p, out, { withoutIdentities: true });
    expect(r.removed).toEqual(['identities', 'redaction list']);
    expect(occurrences(readFileSync(out), 'Zarina Karimova')).toBe(0);
    expect(r.bytes).toBe(statSync(out).size);
    expect(readdirSync(dir).filter((f) => f.startsWith('to-send') || f.includes('to-send'))).toEqual(['to-send.fieldcoder']);
    const raw = readFileSync(out);
    expect(raw.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect([raw[18], raw[19]]).toEqual([1, 1]); // rollback journal, not WAL: one file

    // No identity survives in the bytes: not in a table, a free page or a page's slack.
    for (const s of ONLY_IN_IDENTITIES) expect(occurrences(raw, s), s).toBe(0);
    // SECRET_NAME is also in that interview's title and transcript (document content, which
    // leaving out identities does not touch): only its identity row's occurrence goes.
    const full = join(dir, 'everything.fieldcoder');
    const all = shareCopy(p, full, { withoutIdentities: false });
    expect(all.removed).toEqual([]);
    const rawAll = readFileSync(full);
    for (const s of ONLY_IN_IDENTITIES) expect(occurrences(rawAll, s), s).toBeGreaterThan(0);
    expect(occurrences(rawAll, SECRET_NAME)).toBe(occurrences(raw, SECRET_NAME) + 1);
    expect(r.bytes).toBeLessThanOrEqual(all.bytes);
    // History stays unless asked.
    expect(occurrences(raw, HISTORY_ONLY)).toBeGreaterThan(0);

    // The original is untouched, and still ours to write.
    expect(fingerprint(p, { identities: true })).toEqual(before.all);
    expect(rowCounts(p)).toEqual(before.rows);
    createMemo(p, 'Still writable');
    p.close();

    // Each copy is a normal project with the original's content.
    const { project: copy } = await openProject(out, testAuthor);
    expect(fingerprint(copy)).toEqual(before.content);
    expect(rowCounts(copy).identities).toBe(0);
    copy.close();
    const { project: copyAll } = await openProject(full, testAuthor);
    expect(fingerprint(copyAll, { identities: true })).toEqual(before.all);
    copyAll.close();
  });

  it('leaves out memo history when asked', async () => {
    const p = await project('history.fieldcoder');
    const content = fingerprint(p);
    const out = join(dir, 'no-history.fieldcoder');
    const withHistory = join(dir, 'with-history.fieldcoder');
    const r = shareCopy(p, out, { withoutIdentities: true, withoutHistory: true });
    const h = shareCopy(p, withHistory, { withoutIdentities: true });
    expect(r.removed).toEqual(['identities', 'memo_versions']);
    expect(occurrences(readFileSync(out), HISTORY_ONLY)).toBe(0);
    expect(r.bytes).toBeLessThanOrEqual(h.bytes);
    expect(rowCounts(p).memo_versions).toBeGreaterThan(0);
    p.close();
    const { project: copy } = await openProject(out, testAuthor);
    expect(rowCounts(copy).memo_versions).toBe(0);
    expect(fingerprint(copy)).toEqual(content);
    copy.close();
  });

  it('takes merge bookkeeping about the removed rows with them', async () => {
    const p = await project('bookkeeping.fieldcoder');
    // As a merge would record a conflict over a real name (whatever sync_ tables exist).
    p.db.exec('CREATE TABLE sync_test_notes (tbl TEXT NOT NULL, row_id TEXT NOT NULL, value TEXT)');
    const insert = p.db.prepare('INSERT INTO sync_test_notes VALUES (?, ?, ?)');
    insert.run('identities', 'x', `${ONLY_IN_IDENTITIES[0]} / Zarina X.`);
    insert.run('codes', 'y', 'kept');
    const out = join(dir, 'bookkeeping-copy.fieldcoder');
    shareCopy(p, out, { withoutIdentities: true });
    p.close();
    expect(occurrences(readFileSync(out), 'Zarina')).toBe(0);
    // Read directly: a project with a table of its own is refused by openProject (schema-check.ts).
    const copy = new Database(out, { readonly: true });
    expect(copy.prepare('SELECT tbl, value FROM sync_test_notes').all()).toEqual([{ tbl: 'codes', value: 'kept' }]);
    copy.close();
  });

  it('refuses its own file and an existing file', async () => {
    const p = await project('refuse.fieldcoder');
    expect(() => shareCopy(p, p.path, { withoutIdentities: true })).toThrow(/cannot replace the project itself/);
    const link = join(dir, 'link.fieldcoder');
    symlinkSync(p.path, link);
    expect(() => shareCopy(p, link, { withoutIdentities: true })).toThrow(expect.objectContaining({ code: 'invalid' }));
    const taken = join(dir, 'taken.fieldcoder');
    writeFileSync(taken, 'mine');
    expect(() => shareCopy(p, taken, { withoutIdentities: true })).toThrow(expect.objectContaining({ code: 'exists' }));
    expect(readFileSync(taken, 'utf8')).toBe('mine');
    p.close();
  });

  it('a failing write leaves nothing behind and says why', async () => {
    const p = await project('failing.fieldcoder');
    const before = fingerprint(p, { identities: true });

    // The folder does not exist.
    expect(() => shareCopy(p, join(dir, 'missing', 'x.fieldcoder'), { withoutIdentities: true })).toThrow(
      expect.objectContaining({ code: 'not_found', message: expect.stringContaining('no folder') }),
    );
    // A file where the folder should be.
    const notDir = join(dir, 'plain-file');
    writeFileSync(notDir, '');
    expect(() => shareCopy(p, join(notDir, 'x.fieldcoder'), { withoutIdentities: true })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );

    // The last step fails, after the temp copy was made and cleaned.
    const out = join(dir, 'rename-fails');
    mkdirSync(out);
    failRename.on = true;
    try {
      expect(() => shareCopy(p, join(out, 'x.fieldcoder'), { withoutIdentities: true })).toThrow(
        expect.objectContaining({ code: 'read_only', message: expect.stringContaining('Nothing was written') }),
      );
    } finally {
      failRename.on = false;
    }
    expect(readdirSync(out)).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
    expect(fingerprint(p, { identities: true })).toEqual(before);
    p.close();
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder gives a clear error and no temp file', async () => {
    const p = await project('readonly.fieldcoder');
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    try {
      expect(() => shareCopy(p, join(ro, 'x.fieldcoder'), { withoutIdentities: true })).toThrow(
        expect.objectContaining({ code: 'read_only', message: expect.stringContaining('cannot be written') }),
      );
      expect(readdirSync(ro)).toEqual([]);
    } finally {
      chmodSync(ro, 0o755);
      p.close();
    }
  });
});
