// `projectHealth` finds what integrity_check cannot: missing parents, live rows under trashed
// parents, excerpts out of step with their text, and full-text indexes out of step with tables.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExcerpt } from '../coding/excerpts-service.js';
import { importPastedText } from '../documents/document-service.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { projectHealth } from './health.js';
import { createProject } from './open-project.js';

const dir = tempDir();

describe('project health', () => {
  it('is ok for a fresh project with data, and names each kind of damage', async () => {
    const p = (await createProject(join(dir, 'h.fieldcoder'), testAuthor, { name: 'H' })).project;
    const doc = importPastedText(p, 'Interview', 'Душанбе — the border posts were left without fuel.', 'interview').document!;
    const ex = createExcerpt(p, { documentId: doc.id, start: 0, end: 7, codeIds: [] });
    expect(projectHealth(p.db)).toMatchObject({ integrity: 'ok', missingParents: {}, excerptMismatches: 0, ok: true });
    expect(Object.values(projectHealth(p.db).fts)).toEqual(['ok', 'ok', 'ok', 'ok']);

    p.db.prepare("UPDATE excerpts SET text = 'tampered' WHERE id = ?").run(ex.id);
    p.db.pragma('foreign_keys = OFF');
    p.db.prepare("INSERT INTO excerpt_codes(id, excerpt_id, code_id, stamp) VALUES ('x', ?, 'no-such-code', 's')").run(ex.id);
    p.db.prepare('UPDATE documents SET deleted = 1 WHERE id = ?').run(doc.id);
    p.db.prepare("INSERT INTO documents_fts(documents_fts) VALUES ('delete-all')").run();
    const h = projectHealth(p.db);
    expect(h).toMatchObject({
      ok: false,
      missingParents: { excerpt_codes: 1 },
      underTrashedParents: { 'excerpts of trashed documents': 1 },
      excerptMismatches: 1,
    });
    expect(h.fts.documents_fts).not.toBe('ok');
    expect(h.fts.excerpts_fts).toBe('ok');
    p.close();
  });
});
