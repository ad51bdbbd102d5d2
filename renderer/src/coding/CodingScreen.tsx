// Coding: the codebook on the left, the excerpts on the right, filtered by code, document,
// interviewee role and coder. A row opens the reader at that excerpt. The excerpts come a page
// at a time as the table scrolls (excerpt-pages.ts), so a project with 100,000 of them opens
// as fast as one with ten.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Code, Excerpt } from '../../../electron/api/contract';
import { api } from '../api/client';
import { UndoStatus } from '../app/UndoStatus';
import { useWork } from '../app/work';
import { CodeTree } from './CodeTree';
import { ExcerptPages } from './excerpt-pages';
import { ExcerptsTable } from './ExcerptsTable';

interface Props {
  onOpenExcerpt(excerpt: Excerpt): void;
  onProjectChanged(): void;
}

export interface CodingFilters {
  codeId: string | null;
  documentId: string;
  role: string;
  coderId: string;
}

/** The filter as `excerpts.page` takes it. */
const query = (f: CodingFilters) => ({
  codeId: f.codeId ?? undefined,
  documentId: f.documentId || undefined,
  role: f.role || undefined,
  coderId: f.coderId || undefined,
});

export function CodingScreen({ onOpenExcerpt, onProjectChanged }: Props) {
  const { run } = useWork();
  const [codes, setCodes] = useState<Code[]>([]);
  const [documents, setDocuments] = useState<[string, string][]>([]);
  const [roles, setRoles] = useState<string[]>([]);
  const [coders, setCoders] = useState<{ id: string; name: string }[]>([]);
  const [filters, setFilters] = useState<CodingFilters>({ codeId: null, documentId: '', role: '', coderId: '' });
  const [status, setStatus] = useState<{ text: string; undo?: string[] } | null>(null);
  const [version, setVersion] = useState(0);

  // The excerpts: a fresh set of pages whenever the filter or the project changes. Declared
  // first, so that the first page is asked for before the lists beside it.
  const pages = useMemo(() => {
    void filters;
    void version;
    return new ExcerptPages();
  }, [filters, version]);
  const [, pageArrived] = useReducer((n: number) => n + 1, 0);
  const view = useRef({ first: 0, last: 0 });
  const fetchRows = useCallback(
    (first: number, last: number) => {
      view.current = { first, last };
      for (const p of pages.missing(first, last)) {
        const req = pages.request(p);
        const load = async () => {
          try {
            const page = await api.call('excerpts.page', { ...query(filters), ...req });
            pages.loaded(p, page);
            pages.trim(view.current.first, view.current.last);
            pageArrived();
          } catch (err) {
            pages.failed(p);
            throw err;
          }
        };
        // The first page is the screen's loading; later ones come as the table scrolls, without
        // marking the app busy, and a failed one is asked for again when it is scrolled to.
        if (p === 0) void run(load);
        else load().catch(() => undefined);
      }
    },
    [pages, filters, run],
  );
  useEffect(() => fetchRows(0, pages.pageSize - 1), [fetchRows, pages]);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const [codeList, coderList, documentList] = await Promise.all([
        api.call('codes.list', {}),
        api.call('coders.list', {}),
        api.call('documents.list', {}),
      ]);
      if (!current) return;
      setCodes(codeList);
      setCoders(coderList);
      // The documents and roles that have excerpts, to filter by.
      const coded = documentList.filter((d) => d.excerptCount > 0);
      setDocuments(coded.map((d): [string, string] => [d.id, d.title]).sort((a, b) => a[1].localeCompare(b[1])));
      setRoles([...new Set(coded.map((d) => d.role).filter(Boolean))].sort());
    });
    return () => {
      current = false;
    };
  }, [run, version]);

  const changed = useCallback(
    (next: { text: string; undo?: string[] }) => {
      setStatus(next);
      setVersion((v) => v + 1);
      onProjectChanged();
    },
    [onProjectChanged],
  );

  const set = (patch: Partial<CodingFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <div className="coding-screen">
      <h2>Coding</h2>
      <UndoStatus
        text={status?.text}
        onUndo={
          status?.undo
            ? () => {
                const ids = status.undo!;
                void run(async () => {
                  await api.call('codes.restore', { ids });
                  changed({ text: 'Restored the code.' });
                });
              }
            : undefined
        }
      />
      <div className="coding-layout">
        <CodeTree codes={codes} selectedId={filters.codeId} onSelect={(codeId) => set({ codeId })} onChanged={changed} />
        <section className="coding-excerpts" aria-labelledby="excerpts-heading">
          <h3 id="excerpts-heading">Excerpts</h3>
          <div className="search-filters excerpt-filters">
            <label>
              Code{' '}
              <select value={filters.codeId ?? ''} onChange={(e) => set({ codeId: e.target.value || null })}>
                <option value="">Any code</option>
                {codes.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Document{' '}
              <select value={filters.documentId} onChange={(e) => set({ documentId: e.target.value })}>
                <option value="">Any document</option>
                {documents.map(([id, title]) => (
                  <option key={id} value={id}>
                    {title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Role{' '}
              <select value={filters.role} onChange={(e) => set({ role: e.target.value })}>
                <option value="">Any role</option>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Coder{' '}
              <select value={filters.coderId} onChange={(e) => set({ coderId: e.target.value })}>
                <option value="">Any coder</option>
                {coders.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {pages.total === null ? (
            <p className="quiet">Loading excerpts…</p>
          ) : (
            <>
              <p className="table-count quiet">
                {pages.total.toLocaleString('en')} {pages.total === 1 ? 'excerpt' : 'excerpts'}
              </p>
              <ExcerptsTable total={pages.total} rowAt={(i) => pages.rowAt(i)} onRange={fetchRows} codes={codes} onOpen={onOpenExcerpt} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
