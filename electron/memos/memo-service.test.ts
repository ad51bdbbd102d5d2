import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject } from '../project/open-project.js';
import { search } from '../search/search-service.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { createMemo, deleteMemo, findMemo, listMemos, listVersions, restoreMemo, restoreVersion, saveMemo } from './memo-service.js';

const dir = tempDir();

describe('memos', () => {
  it('autosave keeps one version per ten minutes; explicit versions and restore never lose text', async () => {
    const p = (await createProject(join(dir, 'memo.fieldcoder'), testAuthor, { name: 'M' })).project;
    const m = createMemo(p, 'Tajikistan memo', 'Draft.');
    saveMemo(p, m.id, { body: 'Draft, second sentence.' });
    saveMemo(p, m.id, { body: 'Draft, third.' });
    expect(listVersions(p, m.id).map((v) => v.body)).toEqual(['Draft.']); // autosaves within ten minutes
    saveMemo(p, m.id, { body: 'Capacity eroded [@markowitz2013, p. 24].' }, { version: true });
    expect(listVersions(p, m.id).map((v) => v.body)).toEqual(['Capacity eroded [@markowitz2013, p. 24].', 'Draft.']);
    const first = listVersions(p, m.id)[1]!;
    expect(restoreVersion(p, first.id).body).toBe('Draft.');
    expect(listVersions(p, m.id)[0]!.body).toBe('Capacity eroded [@markowitz2013, p. 24].');
    expect(search(p, { q: 'draft', limit: 10 }).hits.map((h) => h.scope)).toEqual(['memo']);
    expect(findMemo(p, 'tajikistan memo').id).toBe(m.id);
    deleteMemo(p, m.id);
    expect(listMemos(p)).toHaveLength(0);
    expect(restoreMemo(p, m.id).title).toBe('Tajikistan memo');
    expect(() => findMemo(p, 'Nope')).toThrow(/No memo called/);
    p.close();
  });
});
