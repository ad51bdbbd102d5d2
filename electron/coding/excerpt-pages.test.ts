// Excerpts at scale on a real project file: paging (every excerpt exactly once, in list order,
// with inserts and trashing between pages), offsets and totals, passages cut from a long
// document's chunks (astral characters across chunk edges), codes' counts and the CSV export.
import fc from 'fast-check';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPastedText } from '../documents/document-service.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { parseCsv } from './csv.js';
import { createCode, listCodes } from './codes-service.js';
import {
  createExcerpt,
  deleteExcerpt,
  exportExcerptsCsv,
  getExcerpt,
  listExcerptPage,
  listExcerpts,
  listingPlan,
  updateExcerpt,
  type ExcerptFilter,
} from './excerpts-service.js';
import type { Excerpt } from './types.js';

const dir = tempDir();
let p: Project;
const docs: { id: string; text: string }[] = [];
const codes: string[] = [];

/** A small deterministic generator, so the project is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['border', 'fuel', 'Хатлон', 'Dushanbe', 'naïve', '𝔄𝔅', '😀', 'police', 'café', 'trafficking'];

function prose(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]! + (r() < 0.1 ? '.\n\n' : ' '));
  return out.join('').trim();
}

function walk(filter: ExcerptFilter, limit: number, between?: (page: number) => void): { rows: Excerpt[]; total: number | null } {
  const rows: Excerpt[] = [];
  let page = listExcerptPage(p, { ...filter, limit });
  const total = page.total;
  for (let n = 0; ; n++) {
    rows.push(...page.excerpts);
    expect(page.excerpts.length).toBeLessThanOrEqual(limit);
    if (!page.next) break;
    between?.(n);
    page = listExcerptPage(p, { ...filter, limit, after: page.next });
  }
  return { rows, total };
}

const key = (e: Excerpt): string => e.id;
const textOf = (id: string): string => (p.db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string }).text;

beforeAll(async () => {
  p = (await createProject(join(dir, 'pages.fieldcoder'), testAuthor, { name: 'Pages' })).project;
  const r = rng(7);
  // Titles repeat ("Interview") so that ties between documents are broken by id.
  for (let i = 0; i < 6; i++) {
    const text = prose(r, 300);
    const doc = importPastedText(p, i % 2 ? 'Interview' : `Interview ${i}`, text, 'interview').document!;
    docs.push({ id: doc.id, text: textOf(doc.id) });
  }
  for (const name of ['fuel', 'border', 'rare']) codes.push(createCode(p, { name }).id);
  for (let i = 0; i < 240; i++) {
    const d = docs[Math.floor(r() * docs.length)]!;
    const n = [...d.text].length;
    const len = 1 + Math.floor(r() * 30);
    const start = Math.floor(r() * (n - len));
    const picked = i % 40 === 0 ? [codes[2]!] : [codes[Math.floor(r() * 2)]!];
    createExcerpt(p, { documentId: d.id, start, end: start + len, codeIds: picked });
  }
  // Same position twice: the excerpt id breaks the tie.
  createExcerpt(p, { documentId: docs[0]!.id, start: 0, end: 5, codeIds: [codes[0]!] });
  createExcerpt(p, { documentId: docs[0]!.id, start: 0, end: 5, codeIds: [codes[0]!] });
});

describe('excerpt pages', () => {
  it('walk every excerpt exactly once, in the same order as the full list, for each filter', () => {
    const filters: ExcerptFilter[] = [
      {},
      { codeId: codes[0] },
      { codeId: codes[2] },
      { documentId: docs[1]!.id },
      { role: '' },
      { coderId: testAuthor.coderId },
    ];
    for (const f of filters) {
      const all = listExcerpts(p, f);
      for (const limit of [1, 7, 50, 1000]) {
        const { rows, total } = walk(f, limit);
        expect(rows.map(key)).toEqual(all.map(key));
        expect(total).toBe(all.length);
      }
    }
    expect(listExcerpts(p).length).toBe(242);
  });

  it("walk a code's excerpts the same way through either plan (from its codings, or along all excerpts)", () => {
    const fromCodings = listExcerpts(p, { codeId: codes[0] });
    listingPlan.fewCodings = 0;
    try {
      expect(listExcerpts(p, { codeId: codes[0] }).map(key)).toEqual(fromCodings.map(key));
      const { rows, total } = walk({ codeId: codes[0] }, 13);
      expect(rows.map(key)).toEqual(fromCodings.map(key));
      expect(total).toBe(fromCodings.length);
    } finally {
      listingPlan.fewCodings = 3000;
    }
  });

  it('keep to title, then document, then position', () => {
    const all = listExcerpts(p);
    const sorted = [...all].sort(
      (a, b) =>
        (a.documentTitle < b.documentTitle ? -1 : a.documentTitle > b.documentTitle ? 1 : 0) ||
        (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0) ||
        a.start - b.start ||
        a.end - b.end ||
        (a.id < b.id ? -1 : 1),
    );
    expect(all.map(key)).toEqual(sorted.map(key));
  });

  it('meet every excerpt that exists throughout the walk once, with excerpts added and trashed between pages', () => {
    const before = new Set(listExcerpts(p).map(key));
    const added: string[] = [];
    const trashed: string[] = [];
    const r = rng(11);
    const { rows } = walk({}, 9, (page) => {
      const d = docs[Math.floor(r() * docs.length)]!;
      added.push(createExcerpt(p, { documentId: d.id, start: page, end: page + 3, codeIds: [] }).id);
      if (page % 3 === 0) {
        const victim = [...before][Math.floor(r() * before.size)]!;
        if (!trashed.includes(victim)) {
          deleteExcerpt(p, victim);
          trashed.push(victim);
        }
      }
    });
    const seen = rows.map(key);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) if (!trashed.includes(id)) expect(seen).toContain(id);
    // Added ones show when they land after the page that was being read; never twice.
    expect(seen.filter((id) => added.includes(id)).length).toBeLessThanOrEqual(added.length);
  });

  it('jump to an offset and count the total on the first page only', () => {
    const all = listExcerpts(p);
    const first = listExcerptPage(p, { limit: 10 });
    expect(first.total).toBe(all.length);
    const mid = listExcerptPage(p, { limit: 10, offset: 100 });
    expect(mid.total).toBeNull();
    expect(mid.excerpts.map(key)).toEqual(all.slice(100, 110).map(key));
    const next = listExcerptPage(p, { limit: 10, after: mid.next! });
    expect(next.excerpts.map(key)).toEqual(all.slice(110, 120).map(key));
    const end = listExcerptPage(p, { limit: 10, offset: all.length - 3 });
    expect(end.excerpts.map(key)).toEqual(all.slice(-3).map(key));
    expect(end.next).toBeNull();
    expect(listExcerptPage(p, { limit: 10, offset: all.length + 5 }).excerpts).toEqual([]);
  });

  it('refuse a cursor that is not one of theirs, in words', () => {
    for (const after of ['nonsense', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')])
      expect(() => listExcerptPage(p, { limit: 5, after })).toThrow(/list them again/);
  });

  it('give rows equal to getExcerpt', () => {
    for (const e of listExcerptPage(p, { limit: 20 }).excerpts) expect(getExcerpt(p, e.id)).toEqual(e);
  });
});

describe('codes and export', () => {
  it("count each code's live excerpts, leaving out trashed excerpts and codings", () => {
    const live = listExcerpts(p);
    for (const c of listCodes(p).filter((x) => codes.includes(x.id)))
      expect(c.excerptCount, c.name).toBe(live.filter((e) => e.codeIds.includes(c.id)).length);
  });

  it('exports the excerpts as CSV, one row each in list order, quotes and line breaks intact', () => {
    const e = listExcerpts(p)[0]!;
    updateExcerpt(p, e.id, { note: 'He said "no",\nthen left.' });
    const out = exportExcerptsCsv(p);
    const rows = parseCsv(out.csv);
    const all = listExcerpts(p);
    expect(out.rows).toBe(all.length);
    expect(rows[0]!.fields).toEqual(['document', 'role', 'codes', 'start', 'end', 'text', 'note', 'coder']);
    expect(rows.length).toBe(all.length + 1);
    const names = new Map(listCodes(p).map((c) => [c.id, c.name]));
    all.forEach((x, i) => {
      expect(rows[i + 1]!.fields).toEqual([
        x.documentTitle,
        x.role,
        x.codeIds
          .map((id) => names.get(id)!)
          .sort()
          .join('; '),
        String(x.start),
        String(x.end),
        x.text,
        x.note,
        x.coderName,
      ]);
    });
    expect(out.next).toBeNull();
    expect(exportExcerptsCsv(p, { codeId: codes[2] }).rows).toBe(listExcerpts(p, { codeId: codes[2] }).length);
  });

  it('exports in parts that, joined, are the whole file', () => {
    const whole = exportExcerptsCsv(p).csv;
    for (const limit of [1, 7, 100]) {
      let part = exportExcerptsCsv(p, { limit });
      const parts = [part.csv];
      let rows = part.rows;
      while (part.next) {
        part = exportExcerptsCsv(p, { limit, after: part.next });
        expect(part.rows).toBeLessThanOrEqual(limit);
        parts.push(part.csv);
        rows += part.rows;
      }
      expect(parts.join('')).toBe(whole);
      expect(rows).toBe(listExcerpts(p).length);
    }
  });
});

describe('passages of a long document', () => {
  let long: { id: string; cps: string[] };

  beforeAll(() => {
    // Long enough to be cut into chunks; astral characters land on chunk edges.
    const text = prose(rng(3), 9000);
    const doc = importPastedText(p, 'Diary', text, 'fieldnote').document!;
    long = { id: doc.id, cps: [...textOf(doc.id)] };
    expect(long.cps.length).toBeGreaterThan(4 * 4096);
  });

  const chunkRows = () => p.db.prepare('SELECT count(*) AS n FROM text_chunks WHERE document_id = ?').get(long.id) as { n: number };

  it('are the document text between the code point offsets, anywhere, across chunk edges', () => {
    const n = long.cps.length;
    const edges = [0, 1, 4095, 4096, 4097, 8191, 8192, n - 4097, n - 2];
    for (const s of edges) {
      const ex = createExcerpt(p, { documentId: long.id, start: s, end: Math.min(n, s + 2), codeIds: [] });
      expect(ex.text).toBe(long.cps.slice(s, Math.min(n, s + 2)).join(''));
    }
    expect(chunkRows().n).toBe(Math.ceil(n / 4096));
    fc.assert(
      fc.property(fc.nat(n - 1), fc.integer({ min: 1, max: 9000 }), (start, len) => {
        const end = Math.min(n, start + len);
        const ex = createExcerpt(p, { documentId: long.id, start, end, codeIds: [] });
        expect(ex.text).toBe(long.cps.slice(start, end).join(''));
        expect(getExcerpt(p, ex.id).text).toBe(ex.text);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('are right again after the chunks were lost or left incomplete', () => {
    p.db
      .prepare('DELETE FROM text_chunks WHERE document_id = ? AND seq = (SELECT max(seq) FROM text_chunks WHERE document_id = ?)')
      .run(long.id, long.id);
    const n = long.cps.length;
    const ex = createExcerpt(p, { documentId: long.id, start: n - 10, end: n, codeIds: [] });
    expect(ex.text).toBe(long.cps.slice(n - 10).join(''));
    expect(chunkRows().n).toBe(Math.ceil(n / 4096));
    const moved = updateExcerpt(p, ex.id, { start: 4090, end: 4100 });
    expect(moved.text).toBe(long.cps.slice(4090, 4100).join(''));
  });

  it('still refuse offsets outside the document', () => {
    const n = long.cps.length;
    expect(() => createExcerpt(p, { documentId: long.id, start: n - 1, end: n + 1, codeIds: [] })).toThrow(/inside its document/);
  });
});
