import { describe, expect, it } from 'vitest';
import { newRequest, opensInReader, resultCount, toSearchInput } from './request';

describe('toSearchInput', () => {
  it('sends only the filters that narrow the search', () => {
    expect(toSearchInput(newRequest('  Nazarov '))).toEqual({ q: 'Nazarov', limit: 200 });
    const narrowed = {
      ...newRequest('border'),
      scopes: ['excerpt' as const, 'document' as const],
      kind: 'interview' as const,
      role: ' NGO ',
      from: '2016-01-01',
      to: '',
      codeId: '00000000-0000-4000-8000-000000000c0d',
    };
    expect(toSearchInput(narrowed)).toEqual({
      q: 'border',
      limit: 200,
      scopes: ['document', 'excerpt'],
      documentKind: 'interview',
      role: 'NGO',
      from: '2016-01-01',
      codeId: '00000000-0000-4000-8000-000000000c0d',
    });
  });

  it('keeps the filters for a new query', () => {
    const first = { ...newRequest('a'), kind: 'fieldnote' as const };
    expect(newRequest('b', first)).toEqual({ ...first, q: 'b' });
  });
});

describe('resultCount', () => {
  it('says how many, and when only some are shown', () => {
    expect(resultCount({ total: 1, hits: [{} as never] })).toBe('1 result');
    expect(resultCount({ total: 0, hits: [] })).toBe('0 results');
    expect(resultCount({ total: 3, hits: [{}, {}] as never[] })).toBe('3 results, showing the first 2');
  });
});

describe('opensInReader', () => {
  it('opens documents and excerpts that name their document', () => {
    expect(opensInReader({ scope: 'document', documentId: 'x' })).toBe(true);
    expect(opensInReader({ scope: 'excerpt', documentId: 'x' })).toBe(true);
    expect(opensInReader({ scope: 'memo', documentId: 'x' })).toBe(false);
    expect(opensInReader({ scope: 'document' })).toBe(false);
  });
});
