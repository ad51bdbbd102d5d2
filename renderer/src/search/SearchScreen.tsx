// Search results: how many, which aliases were added, filters to narrow them, and the hits with
// their snippets. A document or excerpt hit opens the reader at the hit with the terms marked.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Code, DocumentKind, SearchHit, SearchResult, SearchScope } from '../../../electron/api/contract';
import { api } from '../api/client';
import { MAIN_ID } from '../app/SkipLink';
import { KIND_LABELS, KINDS, SCOPE_LABELS, SCOPES } from '../documents/labels';
import { opensInReader, resultCount, type SearchRequest } from './request';
import { Snippet } from './Snippet';

interface Props {
  request: SearchRequest;
  result: SearchResult | null;
  searching: boolean;
  onChange(request: SearchRequest): void;
  onOpen(hit: SearchHit, terms: string[]): void;
}

export function SearchScreen({ request, result, searching, onChange, onOpen }: Props) {
  const id = useId();
  const [role, setRole] = useState(request.role);
  const [shownRole, setShownRole] = useState(request.role);
  const heading = useRef<HTMLHeadingElement>(null);
  const [codes, setCodes] = useState<Code[]>([]);
  // The codebook for the code filter; without it the filter just offers "any code".
  useEffect(() => {
    api.call('codes.list', {}).then(setCodes, () => setCodes([]));
  }, []);
  if (request.role !== shownRole) {
    setShownRole(request.role);
    setRole(request.role);
  }

  // Coming back from the reader (whose Back button is gone), start at the results rather than
  // the top of the page; after a search from the box, focus stays in the box.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active.id === MAIN_ID) heading.current?.focus({ preventScroll: true });
  }, []);

  function toggleScope(scope: SearchScope, on: boolean) {
    const scopes = on ? [...request.scopes, scope] : request.scopes.filter((s) => s !== scope);
    onChange({ ...request, scopes: SCOPES.filter((s) => scopes.includes(s)) });
  }

  function applyRole(event?: FormEvent) {
    event?.preventDefault();
    if (role !== request.role) onChange({ ...request, role });
  }

  const noScope = request.scopes.length === 0;

  return (
    <div className="search-screen">
      <h2 ref={heading} tabIndex={-1}>
        Search results
      </h2>
      <div role="status" className="search-summary">
        {noScope ? (
          <p>Choose at least one kind of result to search in.</p>
        ) : searching && !result ? (
          <p className="quiet">Searching…</p>
        ) : (
          result && (
            <>
              <p className="result-count">
                <strong>{resultCount(result)}</strong> for “{request.q}”{searching && <span className="quiet"> (updating…)</span>}
              </p>
              {result.expandedWith.length > 0 && <p className="quiet expanded">also searched for: {result.expandedWith.join(', ')}</p>}
            </>
          )
        )}
      </div>

      <form className="search-filters" onSubmit={applyRole} aria-label="Filters">
        <fieldset className="scopes">
          <legend>Search in</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="check">
              <input type="checkbox" checked={request.scopes.includes(scope)} onChange={(e) => toggleScope(scope, e.target.checked)} />
              {SCOPE_LABELS[scope].many}
            </label>
          ))}
        </fieldset>
        <div className="filter-field">
          <label htmlFor={`${id}-kind`}>Document kind</label>
          <select
            id={`${id}-kind`}
            value={request.kind}
            onChange={(e) => onChange({ ...request, kind: e.target.value as DocumentKind | '' })}
          >
            <option value="">any kind</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-role`}>Interviewee role</label>
          <input
            id={`${id}-role`}
            type="text"
            value={role}
            placeholder="e.g. NGO official"
            autoComplete="off"
            onChange={(e) => setRole(e.target.value)}
            onBlur={() => applyRole()}
          />
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-from`}>Date from</label>
          <input id={`${id}-from`} type="date" value={request.from} onChange={(e) => onChange({ ...request, from: e.target.value })} />
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-to`}>Date to</label>
          <input id={`${id}-to`} type="date" value={request.to} onChange={(e) => onChange({ ...request, to: e.target.value })} />
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-code`}>Code</label>
          <select id={`${id}-code`} value={request.codeId} onChange={(e) => onChange({ ...request, codeId: e.target.value })}>
            <option value="">any code</option>
            {codes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </form>

      {result && !noScope && (
        <ol className="hits" aria-label="Results">
          {result.hits.map((hit) => (
            <li key={`${hit.scope}-${hit.id}-${hit.offset ?? ''}`} className="hit">
              <div className="hit-head">
                <span className={`tag scope-badge scope-${hit.scope}`}>{SCOPE_LABELS[hit.scope].one}</span>
                {opensInReader(hit) ? (
                  <button type="button" className="hit-title link-button" onClick={() => onOpen(hit, result.terms)}>
                    {hit.title}
                  </button>
                ) : (
                  <span className="hit-title">{hit.title}</span>
                )}
              </div>
              <Snippet parts={hit.snippet} />
            </li>
          ))}
        </ol>
      )}
      {result && !noScope && result.hits.length === 0 && <p>Nothing found. Try fewer words, a prefix with *, or OR between words.</p>}
    </div>
  );
}
