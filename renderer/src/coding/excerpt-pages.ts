// The Coding screen's excerpts, a page at a time: the table asks for the rows in view and only
// their pages are fetched (`excerpts.page`), the next one by its key when the page before is
// known (cheapest), else by offset (a jump down the scrollbar). Pages far from the view are
// dropped, so scrolling through 100,000 excerpts keeps a few thousand in memory.
import type { Excerpt, ExcerptPage } from '../../../electron/api/contract';

export const PAGE_SIZE = 100;
/** Pages kept at most; the ones farthest from the view go first. */
export const KEEP_PAGES = 40;

export type PageRequest = { limit: number; offset: number } | { limit: number; after: string };

export class ExcerptPages {
  /** How many excerpts match; null until the first page has arrived. */
  total: number | null = null;
  private readonly pages = new Map<number, Excerpt[]>();
  /** Each loaded page's `next`: where the page after it starts. */
  private readonly nexts = new Map<number, string | null>();
  private readonly pending = new Set<number>();

  constructor(readonly pageSize = PAGE_SIZE) {}

  rowAt(index: number): Excerpt | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Pages holding rows [first, last] that are neither loaded nor on their way. */
  missing(first: number, last: number): number[] {
    const out: number[] = [];
    const end = this.total === null ? last : Math.min(last, this.total - 1);
    for (let p = Math.floor(Math.max(0, first) / this.pageSize); p * this.pageSize <= end; p++) {
      if (!this.pages.has(p) && !this.pending.has(p)) out.push(p);
    }
    return out;
  }

  /** Marks page `p` as on its way and answers how to ask for it. */
  request(p: number): PageRequest {
    this.pending.add(p);
    const after = this.nexts.get(p - 1);
    return after ? { limit: this.pageSize, after } : { limit: this.pageSize, offset: p * this.pageSize };
  }

  loaded(p: number, page: ExcerptPage): void {
    this.pending.delete(p);
    if (page.total !== null) this.total = page.total;
    this.pages.set(p, page.excerpts);
    this.nexts.set(p, page.next);
  }

  failed(p: number): void {
    this.pending.delete(p);
  }

  /** Drops the pages farthest from rows [first, last] beyond `keep`. */
  trim(first: number, last: number, keep = KEEP_PAGES): void {
    if (this.pages.size <= keep) return;
    const a = Math.floor(first / this.pageSize);
    const b = Math.floor(last / this.pageSize);
    const distance = (p: number) => (p < a ? a - p : p > b ? p - b : 0);
    const far = [...this.pages.keys()].sort((x, y) => distance(y) - distance(x));
    for (const p of far.slice(0, this.pages.size - keep)) {
      this.pages.delete(p);
      this.nexts.delete(p);
    }
  }

  get loadedPages(): number {
    return this.pages.size;
  }
}
