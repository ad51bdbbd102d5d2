// Codes and excerpts on a real project file: hierarchy, merge, trash and restore; excerpts cut
// by code point offsets, overlapping and nesting, resized, recoded and filtered.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPastedText } from '../documents/document-service.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { createCode, deleteCode, listCodes, mergeCodes, restoreCodes, updateCode } from './codes-service.js';
import { createExcerpt, deleteExcerpt, listExcerpts, restoreExcerpt, updateExcerpt } from './excerpts-service.js';

const dir = tempDir();
let p: Project;
let docId: string;
// Astral and combining characters before the passage: offsets count code points, not UTF-16 units.
const TEXT = '𝔄 note. Heroin moves through Khatlon towards Dushanbe, and the border guards are paid.';
const cp = (s: string): [number, number] => {
  const start = [...TEXT.slice(0, TEXT.indexOf(s))].length;
  return [start, start + [...s].length];
};

beforeAll(async () => {
  p = (await createProject(join(dir, 'c.fieldcoder'), testAuthor, { name: 'C' })).project;
  docId = importPastedText(p, 'Interview 3', TEXT, 'interview').document!.id;
});

describe('codebook', () => {
  it('starts with the template codes and builds a hierarchy', () => {
    const themes = listCodes(p).find((c) => c.name === 'Themes')!;
    const child = createCode(p, { name: 'corruption', parentId: themes.id, color: '#aa0000' });
    expect(child).toMatchObject({ parentId: themes.id, color: '#aa0000', excerptCount: 0 });
    expect(() => updateCode(p, themes.id, { parentId: child.id })).toThrow(/inside itself/);
    expect(updateCode(p, child.id, { name: 'graft' }).name).toBe('graft');
  });

  it('merges: excerpts follow, an excerpt coded with both keeps one coding', () => {
    const a = createCode(p, { name: 'bribes' });
    const b = createCode(p, { name: 'payments' });
    const [s1, e1] = cp('border guards are paid');
    createExcerpt(p, { documentId: docId, start: s1, end: e1, codeIds: [a.id, b.id] });
    const [s2, e2] = cp('paid');
    createExcerpt(p, { documentId: docId, start: s2, end: e2, codeIds: [a.id] });
    const merged = mergeCodes(p, a.id, b.id);
    expect(merged.excerptCount).toBe(2);
    expect(listCodes(p).find((c) => c.id === a.id)).toBeUndefined();
    expect(listExcerpts(p, { codeId: b.id })).toHaveLength(2);
    expect(listExcerpts(p, { codeId: b.id }).every((e) => e.codeIds.filter((c) => c === b.id).length === 1)).toBe(true);
    expect(() => mergeCodes(p, b.id, b.id)).toThrow(/two different/);
  });

  it('deletes a code with its sub-codes to the trash, and restores them', () => {
    const parent = createCode(p, { name: 'security' });
    const child = createCode(p, { name: 'border', parentId: parent.id });
    const ids = deleteCode(p, parent.id);
    expect(ids.sort()).toEqual([parent.id, child.id].sort());
    expect(listCodes(p).map((c) => c.id)).not.toContain(child.id);
    expect(listCodes(p, true).map((c) => c.id)).toEqual(expect.arrayContaining(ids));
    restoreCodes(p, ids);
    expect(listCodes(p).find((c) => c.id === child.id)?.parentId).toBe(parent.id);
  });
});

describe('excerpts', () => {
  it('cut their text by code point offsets, overlap and nest, and can be resized', () => {
    const theme = listCodes(p).find((c) => c.name === 'sub-national trends')!;
    const [s, e] = cp('Khatlon towards Dushanbe');
    const outer = createExcerpt(p, { documentId: docId, start: s, end: e, codeIds: [theme.id], note: 'route' });
    expect(outer.text).toBe('Khatlon towards Dushanbe');
    const [s2, e2] = cp('Khatlon');
    const inner = createExcerpt(p, { documentId: docId, start: s2, end: e2, codeIds: [theme.id] });
    expect(inner.text).toBe('Khatlon');
    const resized = updateExcerpt(p, outer.id, { end: cp('Khatlon towards Dushanbe, and')[1] });
    expect(resized.text).toBe('Khatlon towards Dushanbe, and');
    expect(resized.note).toBe('route');
    expect(listExcerpts(p, { documentId: docId, codeId: theme.id })).toHaveLength(2);
    expect(listExcerpts(p, { role: 'nobody' })).toHaveLength(0);
  });

  it('refuse bounds outside the document and codes not in the codebook', () => {
    expect(() => createExcerpt(p, { documentId: docId, start: 5, end: 5000, codeIds: [] })).toThrow(/inside its document/);
    expect(() => createExcerpt(p, { documentId: docId, start: 0, end: 3, codeIds: ['00000000-0000-4000-8000-00000000dead'] })).toThrow(
      /codebook/,
    );
  });

  it('recode, trash and restore', () => {
    const [s, e] = cp('Heroin');
    const codes = listCodes(p);
    const x = createExcerpt(p, { documentId: docId, start: s, end: e, codeIds: [codes[0]!.id] });
    expect(updateExcerpt(p, x.id, { codeIds: [codes[1]!.id, codes[2]!.id] }).codeIds.sort()).toEqual([codes[1]!.id, codes[2]!.id].sort());
    const before = listExcerpts(p).length;
    deleteExcerpt(p, x.id);
    expect(listExcerpts(p)).toHaveLength(before - 1);
    restoreExcerpt(p, x.id);
    expect(listExcerpts(p)).toHaveLength(before);
  });
});
