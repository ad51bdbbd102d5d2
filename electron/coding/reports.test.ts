// Code reports on a small coded project, counted by hand.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPastedText, updateDocument } from '../documents/document-service.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { createCode } from './codes-service.js';
import { createExcerpt, deleteExcerpt } from './excerpts-service.js';
import { codeReport, reportCsv } from './reports.js';

const dir = tempDir();
let p: Project;
let ids: { a: string; b: string; d1: string; d2: string };

beforeAll(async () => {
  p = (await createProject(join(dir, 'r.fieldcoder'), testAuthor, { name: 'R' })).project;
  const d1 = importPastedText(p, 'Interview 1', 'Border guards take bribes at the river crossing.', 'interview').document!.id;
  const d2 = importPastedText(p, 'Interview 2', 'Police in Khatlon are paid by traffickers, "they say".', 'interview').document!.id;
  updateDocument(p, d1, { role: 'NGO official' });
  updateDocument(p, d2, { role: 'law-enforcement official' });
  const a = createCode(p, { name: 'corruption' }).id;
  const b = createCode(p, { name: 'border, crossings' }).id;
  ids = { a, b, d1, d2 };
  createExcerpt(p, { documentId: d1, start: 0, end: 12, codeIds: [a, b] });
  createExcerpt(p, { documentId: d1, start: 13, end: 25, codeIds: [a] });
  createExcerpt(p, { documentId: d2, start: 0, end: 6, codeIds: [a] });
  const gone = createExcerpt(p, { documentId: d2, start: 7, end: 17, codeIds: [a, b] });
  deleteExcerpt(p, gone.id); // deleted excerpts do not count
});

const row = (t: ReturnType<typeof codeReport>, codeId: string) => t.counts[t.rows.findIndex((r) => r.id === codeId)]!;

describe('code reports', () => {
  it('code x document', () => {
    const t = codeReport(p, 'code-document');
    expect(t.columns.map((c) => c.name)).toEqual(['Interview 1', 'Interview 2']);
    expect(row(t, ids.a)).toEqual([2, 1]);
    expect(row(t, ids.b)).toEqual([1, 0]);
  });

  it('code x interviewee role', () => {
    const t = codeReport(p, 'code-role');
    expect(t.columns.map((c) => c.name)).toEqual(['law-enforcement official', 'NGO official']);
    expect(row(t, ids.a)).toEqual([1, 2]);
  });

  it('co-occurrence, symmetric', () => {
    const t = codeReport(p, 'co-occurrence');
    const ai = t.columns.findIndex((c) => c.id === ids.a);
    const bi = t.columns.findIndex((c) => c.id === ids.b);
    expect(row(t, ids.a)[bi]).toBe(1);
    expect(row(t, ids.b)[ai]).toBe(1);
    expect(row(t, ids.a)[ai]).toBe(0);
  });

  it('exports as CSV with quoting', () => {
    const csv = reportCsv(codeReport(p, 'code-document'));
    expect(csv.split('\n')[0]).toBe('code,Interview 1,Interview 2');
    expect(csv).toContain('"border, crossings",1,0');
  });
});
