// The search on show: what was asked, what came back, and whether an answer is on its way.
import { useCallback, useRef, useState } from 'react';
import type { SearchResult } from '../../../electron/api/contract';
import { api } from '../api/client';
import { toSearchInput, type SearchRequest } from '../search/request';
import { useWork } from './work';

export interface SearchState {
  request: SearchRequest;
  result: SearchResult | null;
  searching: boolean;
}

export function useSearch(): { search: SearchState | null; runSearch(request: SearchRequest): void; clearSearch(): void } {
  const { run } = useWork();
  const [search, setSearch] = useState<SearchState | null>(null);
  // Only the latest search may show its answer: an earlier, slower one must not overwrite it.
  const latest = useRef(0);

  const runSearch = useCallback(
    (request: SearchRequest) => {
      const seq = ++latest.current;
      // New words clear the old hits; new filters keep them on show until the answer comes.
      setSearch((s) => ({ request, result: s && s.request.q === request.q ? s.result : null, searching: request.scopes.length > 0 }));
      if (request.scopes.length === 0) return;
      void run(async () => {
        try {
          const result = await api.call('search.query', toSearchInput(request));
          if (seq === latest.current) setSearch({ request, result, searching: false });
        } finally {
          if (seq === latest.current) setSearch((s) => (s && s.searching ? { ...s, searching: false } : s));
        }
      });
    },
    [run],
  );

  const clearSearch = useCallback(() => {
    latest.current++;
    setSearch(null);
  }, []);

  return { search, runSearch, clearSearch };
}
