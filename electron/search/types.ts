// Search results as the API shows them.

export const SEARCH_SCOPES = ['document', 'excerpt', 'memo', 'reference'] as const;
export type SearchScope = (typeof SEARCH_SCOPES)[number];

/** A snippet as text segments, hits marked: the renderer never receives markup. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  scope: SearchScope;
  id: string;
  title: string;
  /** For documents and excerpts: the document to open, and the code point offset of the first hit. */
  documentId?: string;
  offset?: number;
  snippet: SnippetPart[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Words to highlight when a hit is opened: the query's terms and their alias expansions. */
  terms: string[];
  /** Aliases added to the query, for "also searched for: Hatlon". */
  expandedWith: string[];
  total: number;
  tookMs: number;
}
