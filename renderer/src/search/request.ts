// A search as the person set it up (words and filters) and as the contract wants it.
import type { DocumentKind, Input, SearchResult, SearchScope } from '../../../electron/api/contract';
import { SCOPES } from '../documents/labels';

export interface SearchRequest {
  q: string;
  scopes: SearchScope[];
  kind: DocumentKind | '';
  role: string;
  from: string;
  to: string;
  /** Only documents and excerpts coded with this code ('' = any). */
  codeId: string;
}

export const RESULT_LIMIT = 200;

export function newRequest(q: string, previous?: SearchRequest): SearchRequest {
  // A new query keeps the filters the person set: they are usually still what they want.
  return previous ? { ...previous, q } : { q, scopes: [...SCOPES], kind: '', role: '', from: '', to: '', codeId: '' };
}

export function toSearchInput(r: SearchRequest): Input<'search.query'> {
  const input: Input<'search.query'> = { q: r.q.trim(), limit: RESULT_LIMIT };
  // All scopes is the host's default; say nothing then.
  if (r.scopes.length < SCOPES.length) input.scopes = SCOPES.filter((s) => r.scopes.includes(s));
  if (r.kind) input.documentKind = r.kind;
  if (r.role.trim()) input.role = r.role.trim();
  if (r.from) input.from = r.from;
  if (r.to) input.to = r.to;
  if (r.codeId) input.codeId = r.codeId;
  return input;
}

/** "1 result", "42 results", "500 results, showing the first 200". */
export function resultCount(result: Pick<SearchResult, 'total' | 'hits'>): string {
  const n = result.total;
  const words = n === 1 ? '1 result' : `${n.toLocaleString()} results`;
  return result.hits.length < n ? `${words}, showing the first ${result.hits.length.toLocaleString()}` : words;
}

/** Whether a hit opens in the reader: documents and excerpts point into a document's text. */
export function opensInReader(hit: { scope: SearchScope; documentId?: string }): boolean {
  return (hit.scope === 'document' || hit.scope === 'excerpt') && typeof hit.documentId === 'string';
}
