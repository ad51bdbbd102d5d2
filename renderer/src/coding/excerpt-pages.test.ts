// The Coding screen's page bookkeeping: which pages the rows in view need, how each is asked for
// (by key after a known page, else by offset), and dropping far pages.
import { describe, expect, it } from 'vitest';
import type { Excerpt, ExcerptPage } from '../../../electron/api/contract';
import { ExcerptPages } from './excerpt-pages';

const row = (i: number) => ({ id: `e${i}` }) as Excerpt;
const page = (from: number, n: number, total: number | null, next: string | null): ExcerptPage => ({
  excerpts: Array.from({ length: n }, (_, i) => row(from + i)),
  total,
  next,
});

describe('ExcerptPages', () => {
  it('asks for the first page by offset, then the next by its key, and reads rows from both', () => {
    const pages = new ExcerptPages(10);
    expect(pages.missing(0, 9)).toEqual([0]);
    expect(pages.request(0)).toEqual({ limit: 10, offset: 0 });
    expect(pages.missing(0, 9)).toEqual([]); // on its way
    pages.loaded(0, page(0, 10, 35, 'k0'));
    expect(pages.total).toBe(35);
    expect(pages.missing(5, 25)).toEqual([1, 2]);
    expect(pages.request(1)).toEqual({ limit: 10, after: 'k0' });
    expect(pages.request(2)).toEqual({ limit: 10, offset: 20 });
    pages.loaded(1, page(10, 10, null, 'k1'));
    expect(pages.total).toBe(35);
    expect(pages.rowAt(13)?.id).toBe('e13');
    expect(pages.rowAt(25)).toBeUndefined();
    // Never beyond the total.
    expect(pages.missing(30, 200)).toEqual([3]);
  });

  it('asks again for a page that failed', () => {
    const pages = new ExcerptPages(10);
    pages.request(0);
    pages.failed(0);
    expect(pages.missing(0, 9)).toEqual([0]);
  });

  it('drops the pages farthest from the view, keeping the ones in it', () => {
    const pages = new ExcerptPages(10);
    for (let p = 0; p < 8; p++) {
      pages.request(p);
      pages.loaded(p, page(p * 10, 10, p === 0 ? 80 : null, `k${p}`));
    }
    pages.trim(40, 49, 3);
    expect(pages.loadedPages).toBe(3);
    expect([3, 4, 5].every((p) => pages.rowAt(p * 10) !== undefined)).toBe(true);
    expect(pages.rowAt(0)).toBeUndefined();
    // A dropped page's key is gone too: the page after it is asked for by offset.
    expect(pages.request(1)).toEqual({ limit: 10, offset: 10 });
  });
});
