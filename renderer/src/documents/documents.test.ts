import { describe, expect, it } from 'vitest';
import type { DocumentRow, ImportOutcome } from '../../../electron/api/contract';
import { COLUMNS, columnDef, compareValues, matchesFilter, parseHiddenColumns, sortValue } from './columns';
import { importBatch, summarise, type ImportProgress } from './import-queue';
import { IMPORT_GROUP_BYTES, IMPORT_GROUP_FILES } from './labels';
import { loadPosition, parsePosition, readingKey, savePosition } from './reading-position';

function row(over: Partial<DocumentRow>): DocumentRow {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    title: 'Untitled',
    kind: 'document',
    author: '',
    docDate: '',
    language: '',
    referenceId: null,
    pseudonym: '',
    role: '',
    orgType: '',
    interviewDate: '',
    place: '',
    interviewer: '',
    consent: 'unknown',
    notes: '',
    wordCount: 0,
    charCount: 0,
    sourceName: 'x.txt',
    sourceFormat: 'txt',
    importedAt: '2024-03-01T10:00:00.000Z',
    excerptCount: 0,
    deleted: false,
    ...over,
  };
}

describe('matchesFilter', () => {
  it('text: every word, ignoring case and diacritics', () => {
    expect(matchesFilter('text', 'Rytövuori-Apunen, Tajikistan', 'rytovuori')).toBe(true);
    expect(matchesFilter('text', 'Rytövuori-Apunen, Tajikistan', 'tajik ryto')).toBe(true);
    expect(matchesFilter('text', 'NGO official', 'diplomat')).toBe(false);
    expect(matchesFilter('text', 'anything', '   ')).toBe(true);
    expect(matchesFilter('text', undefined, 'x')).toBe(false);
  });

  it('number: exact, comparisons and ranges', () => {
    expect(matchesFilter('number', 1200, '1200')).toBe(true);
    expect(matchesFilter('number', 1200, '1,200')).toBe(true);
    expect(matchesFilter('number', 1200, '>1000')).toBe(true);
    expect(matchesFilter('number', 1200, '< 1000')).toBe(false);
    expect(matchesFilter('number', 1000, '>=1000')).toBe(true);
    expect(matchesFilter('number', 300, '100-500')).toBe(true);
    expect(matchesFilter('number', 600, '100–500')).toBe(false);
    expect(matchesFilter('number', 1200, '12')).toBe(false);
  });

  it('date: prefix, or a comparison at the bound’s precision', () => {
    expect(matchesFilter('date', '2016-05-03', '2016')).toBe(true);
    expect(matchesFilter('date', '2016-05-03', '2016-06')).toBe(false);
    expect(matchesFilter('date', '2016-05-03', '<2017')).toBe(true);
    expect(matchesFilter('date', '2016-05-03', '>2016')).toBe(false);
    expect(matchesFilter('date', '2016-05-03', '>=2016-05')).toBe(true);
    expect(matchesFilter('date', '', '>2000')).toBe(false);
    expect(matchesFilter('date', 'spring 2016', 'spring')).toBe(true);
  });
});

describe('sorting', () => {
  it('compares numbers numerically and text naturally, ignoring case and accents', () => {
    expect(compareValues(9, 10)).toBeLessThan(0);
    expect(compareValues('interview 9', 'Interview 10')).toBeLessThan(0);
    expect(compareValues('élan', 'Elan')).toBe(0);
    const titles = ['b', 'Ä', 'a'].sort(compareValues);
    expect(titles[2]).toBe('b');
  });

  it('gives empty values as undefined so they sort last', () => {
    const place = columnDef('place')!;
    expect(sortValue(place, row({ place: '' }))).toBeUndefined();
    expect(sortValue(place, row({ place: 'Khorog' }))).toBe('Khorog');
    expect(sortValue(columnDef('wordCount')!, row({ wordCount: 0 }))).toBe(0);
  });

  it('shows kinds in words', () => {
    expect(columnDef('kind')!.display(row({ kind: 'fieldnote' }))).toBe('field note');
    expect(COLUMNS.map((c) => c.label)).toContain('Organisation type');
  });
});

describe('parseHiddenColumns', () => {
  it('keeps known ids only, never the title, and falls back to the default', () => {
    expect(parseHiddenColumns('["place","title","nonsense","wordCount"]')).toEqual(['place', 'wordCount']);
    expect(parseHiddenColumns('[]')).toEqual([]);
    expect(parseHiddenColumns(null)).toEqual(['orgType', 'place', 'language']);
    expect(parseHiddenColumns('{oops')).toEqual(['orgType', 'place', 'language']);
    expect(parseHiddenColumns('{"a":1}')).toEqual(['orgType', 'place', 'language']);
  });
});

describe('importBatch', () => {
  const files = ['a.txt', 'b.docx', 'c.pdf'].map((name) => new File(['x'], name));
  const imported = (fileName: string): ImportOutcome => ({ fileName, status: 'imported', message: '' });

  it('reports progress file by file, then uploads the group in one go and imports it in one call', async () => {
    const log: string[] = [];
    const progress: ImportProgress[] = [];
    const result = await importBatch(
      files,
      'interview',
      {
        upload: async (batch) => {
          log.push(`upload ${batch.map((f) => f.name).join(',')}`);
          return batch.map((f) => ({ uploadId: f.name }));
        },
        importUploads: async (ids, kind) => {
          log.push(`import ${ids.join(',')} ${kind}`);
          return ids.map(imported);
        },
      },
      (p) => progress.push(p),
      () => false,
    );
    expect(log).toEqual(['upload a.txt,b.docx,c.pdf', 'import a.txt,b.docx,c.pdf interview']);
    expect(progress.map((p) => `${p.index}/${p.total} ${p.fileName}`)).toEqual(['1/3 a.txt', '2/3 b.docx', '3/3 c.pdf']);
    expect(summarise(result)).toBe('3 imported.');
  });

  it('sends a group whenever it reaches the most files or bytes one call takes; a file past the bytes starts the next', async () => {
    const many = Array.from({ length: IMPORT_GROUP_FILES * 2 + 3 }, (_, i) => new File(['x'], `f${i}.txt`));
    const big = new File(['x'], 'big.pdf');
    Object.defineProperty(big, 'size', { value: IMPORT_GROUP_BYTES });
    const groups: number[] = [];
    const uploads: number[] = [];
    const result = await importBatch(
      [...many.slice(0, 5), big, ...many.slice(5)],
      'document',
      {
        upload: async (batch) => {
          uploads.push(batch.reduce((n, f) => n + f.size, 0));
          return batch.map((f) => ({ uploadId: f.name }));
        },
        importUploads: async (ids) => {
          groups.push(ids.length);
          return ids.map(imported);
        },
      },
      () => {},
      () => false,
    );
    // The big file would take the first five past the group's bytes: it goes alone.
    expect(groups).toEqual([5, 1, IMPORT_GROUP_FILES, many.length - 5 - IMPORT_GROUP_FILES]);
    expect(Math.max(...uploads)).toBe(IMPORT_GROUP_BYTES);
    expect(result.outcomes.map((o) => o.fileName)).toEqual([...many.slice(0, 5), big, ...many.slice(5)].map((f) => f.name));
  });

  it('turns a failure into a refused outcome, in the order picked, and goes on', async () => {
    const result = await importBatch(
      files,
      'document',
      {
        upload: async (batch) => batch.map((f) => (f.name === 'b.docx' ? new Error('The file could not be read.') : { uploadId: f.name })),
        importUploads: async (ids) =>
          ids.map((id) => (id === 'c.pdf' ? { fileName: id, status: 'refused', message: 'This PDF has no text layer.' } : imported(id))),
      },
      () => {},
      () => false,
    );
    expect(result.outcomes.map((o) => [o.fileName, o.status, o.message])).toEqual([
      ['a.txt', 'imported', ''],
      ['b.docx', 'refused', 'The file could not be read.'],
      ['c.pdf', 'refused', 'This PDF has no text layer.'],
    ]);
    expect(summarise(result)).toBe('1 imported, 2 refused.');
  });

  it('refuses every file of a group whose upload or import call failed', async () => {
    for (const [steps, message] of [
      [
        {
          upload: async (batch: File[]) => batch.map((f) => ({ uploadId: f.name })),
          importUploads: () => Promise.reject(new Error('The disk is full.')),
        },
        'The disk is full.',
      ],
      [
        {
          upload: () => Promise.reject(new Error('The upload was interrupted.')),
          importUploads: () => Promise.reject(new Error('should not import')),
        },
        'The upload was interrupted.',
      ],
    ] as const) {
      const result = await importBatch(
        files,
        'document',
        steps,
        () => {},
        () => false,
      );
      expect(result.outcomes.map((o) => [o.fileName, o.status, o.message])).toEqual(files.map((f) => [f.name, 'refused', message]));
    }
  });

  it('stops taking files when cancelled, sending and importing the group under way', async () => {
    let stop = false;
    const imports: string[][] = [];
    const result = await importBatch(
      files,
      'document',
      {
        upload: async (batch) => batch.map((f) => ({ uploadId: f.name })),
        importUploads: async (ids) => {
          imports.push(ids);
          return ids.map(imported);
        },
      },
      () => (stop = true),
      () => stop,
    );
    expect(imports).toEqual([['a.txt']]);
    expect(result.outcomes).toHaveLength(1);
    expect(result.skipped).toBe(2);
    expect(summarise(result)).toBe('1 imported, 2 not imported (cancelled).');
  });

  it('refuses a file over the upload limit without sending it', async () => {
    const big = new File(['x'], 'huge.pdf');
    Object.defineProperty(big, 'size', { value: 300 * 1024 * 1024 });
    const result = await importBatch(
      [big],
      'document',
      {
        upload: () => Promise.reject(new Error('should not upload')),
        importUploads: () => Promise.reject(new Error('should not import')),
      },
      () => {},
      () => false,
    );
    expect(result.outcomes[0]?.status).toBe('refused');
    expect(result.outcomes[0]?.message).toContain('256 MB');
  });
});

describe('reading positions', () => {
  it('parses what was stored, and nothing else', () => {
    expect(parsePosition('{"index":18,"within":271.6}')).toEqual({ index: 18, within: 272 });
    expect(parsePosition('{"index":3}')).toEqual({ index: 3, within: 0 });
    expect(parsePosition('{"index":-1,"within":0}')).toBeNull();
    expect(parsePosition('{"index":1.5}')).toBeNull();
    expect(parsePosition('null')).toBeNull();
    expect(parsePosition('nonsense')).toBeNull();
    expect(parsePosition(null)).toBeNull();
  });

  it('keeps one entry per document and forgets the top of a document', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    savePosition('doc-a', { index: 12, within: 40 }, storage);
    savePosition('doc-b', { index: 2, within: 0 }, storage);
    expect(loadPosition('doc-a', storage)).toEqual({ index: 12, within: 40 });
    expect(loadPosition('doc-b', storage)).toEqual({ index: 2, within: 0 });
    expect(store.has(readingKey('doc-a'))).toBe(true);
    savePosition('doc-a', { index: 0, within: 0 }, storage);
    expect(loadPosition('doc-a', storage)).toBeNull();
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {},
    };
    expect(loadPosition('x', broken)).toBeNull();
    expect(() => savePosition('x', { index: 4, within: 1 }, broken)).not.toThrow();
  });
});
