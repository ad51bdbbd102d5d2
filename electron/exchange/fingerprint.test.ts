import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateCode, listCodes } from '../coding/codes-service.js';
import { setIdentity, listDocuments } from '../documents/document-service.js';
import { createMemo, saveMemo } from '../memos/memo-service.js';
import { createProject, openProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { memoProject } from '../test-support/memo-project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { contentTables, fingerprint } from './fingerprint.js';

const dir = tempDir('fc-fingerprint-');
let n = 0;
const fresh = async (): Promise<Project> => (await createProject(join(dir, `p${n++}.fieldcoder`), testAuthor, { name: 'Fresh' })).project;

/**
 * Makes `to` hold exactly `from`'s content, inserted in the reverse order, so rowids (rid)
 * differ, with stamps and coder ids of its own, as a copy that got there by another route.
 */
function copyReversed(from: Project, to: Project): void {
  const tables = contentTables(from, { identities: true });
  to.write((stamp) => {
    to.db.pragma('defer_foreign_keys = ON');
    for (const t of tables) to.db.prepare(`DELETE FROM ${t}`).run();
    for (const t of [...tables].reverse()) {
      const rows = from.db.prepare(`SELECT * FROM ${t} ORDER BY rowid DESC`).all() as Record<string, unknown>[];
      for (const row of rows) {
        const { rid: _rid, ...rest } = row;
        const values = { ...rest, stamp: stamp(), coder_id: null };
        const cols = Object.keys(values);
        to.db.prepare(`INSERT INTO ${t}(${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(values));
      }
    }
  });
}

describe('fingerprint', () => {
  it('covers the content tables only: no FTS, shadow, meta, history or sync_ tables, identities on request', async () => {
    const p = await fresh();
    p.db.exec('CREATE TABLE sync_peers (id TEXT PRIMARY KEY, last TEXT)');
    p.db.exec("INSERT INTO sync_peers VALUES ('x', 'y')");
    const tables = contentTables(p);
    expect(tables).toContain('documents');
    expect(tables).toContain('coders');
    expect(tables).not.toContain('identities');
    for (const t of tables) expect(t).not.toMatch(/^(sqlite_|sync_)|_fts|^meta$|^memo_versions$/);
    expect(contentTables(p, { identities: true })).toContain('identities');
    p.close();
  });

  it('is equal for the same content reached by another route, and differs when content does', async () => {
    const { project: a } = await memoProject(dir, 'a.fieldcoder');
    const memo = createMemo(a, 'Draft', 'first');
    saveMemo(a, memo.id, { body: 'second' }, { version: true }); // local history only
    const b = await fresh();
    copyReversed(a, b);
    // The copy's physical layout really differs.
    const rids = (p: Project) => (p.db.prepare('SELECT rid FROM documents ORDER BY id').all() as { rid: number }[]).map((r) => r.rid);
    expect(rids(b)).not.toEqual(rids(a));

    const fa = fingerprint(a);
    expect(fingerprint(b)).toEqual(fa);
    expect(fa.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(fa.short).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    expect(fa.hash.startsWith(fa.short.replace(/-/g, ''))).toBe(true);
    expect(fa.tables.documents).toBe(2);
    expect(fa.tables.identities).toBeUndefined();

    // VACUUM, a WAL checkpoint and reopening change pages, not content.
    a.db.exec('VACUUM');
    a.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fingerprint(a)).toEqual(fa);
    a.close();
    const reopened = (await openProject(join(dir, 'a.fieldcoder'), testAuthor, { inspect: true })).project;
    expect(fingerprint(reopened).hash).toBe(fa.hash);
    reopened.close();

    // One field changed.
    const code = listCodes(b)[0]!;
    updateCode(b, code.id, { description: `${code.description}.` });
    const changed = fingerprint(b);
    expect(changed.hash).not.toBe(fa.hash);
    updateCode(b, code.id, { description: code.description });
    expect(fingerprint(b).hash).toBe(fa.hash); // new stamps, same content

    // A tombstone is content; undoing it restores the fingerprint.
    const doc = listDocuments(b)[0]!;
    b.setDeleted('documents', doc.id, true);
    expect(fingerprint(b).hash).not.toBe(fa.hash);
    b.setDeleted('documents', doc.id, false);
    expect(fingerprint(b).hash).toBe(fa.hash);

    // Identities: ignored by default, counted on request.
    const withIds = fingerprint(b, { identities: true });
    expect(withIds.hash).not.toBe(fa.hash);
    expect(withIds.tables.identities).toBe(1);
    setIdentity(b, { documentId: doc.id, realName: 'Someone Else', contact: '', notes: '' });
    expect(fingerprint(b).hash).toBe(fa.hash);
    expect(fingerprint(b, { identities: true }).hash).not.toBe(withIds.hash);
    b.close();
  });

  it('timing on the memo project', async () => {
    const { project } = await memoProject(dir, 'timing.fieldcoder');
    fingerprint(project);
    const runs = 20;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) fingerprint(project);
    const ms = (performance.now() - t0) / runs;
    const rows = Object.values(fingerprint(project).tables).reduce((s, x) => s + x, 0);
    console.log(`fingerprint(memoProject): ${ms.toFixed(2)} ms per run (${rows} rows, mean of ${runs})`);
    expect(ms).toBeLessThan(1000);
    project.close();
  });
});
