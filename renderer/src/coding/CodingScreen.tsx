// Coding: the codebook on the left, the excerpts on the right, filtered by code, document,
// interviewee role and coder. A row opens the reader at that excerpt.
import { useCallback, useEffect, useState } from 'react';
import type { Code, Excerpt } from '../../../electron/api/contract';
import { api } from '../api/client';
import { UndoStatus } from '../app/UndoStatus';
import { useWork } from '../app/work';
import { CodeTree } from './CodeTree';
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

export function CodingScreen({ onOpenExcerpt, onProjectChanged }: Props) {
  const { run } = useWork();
  const [codes, setCodes] = useState<Code[]>([]);
  const [all, setAll] = useState<Excerpt[]>([]);
  const [excerpts, setExcerpts] = useState<Excerpt[] | null>(null);
  const [coders, setCoders] = useState<{ id: string; name: string }[]>([]);
  const [filters, setFilters] = useState<CodingFilters>({ codeId: null, documentId: '', role: '', coderId: '' });
  const [status, setStatus] = useState<{ text: string; undo?: string[] } | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const [codeList, everything, coderList] = await Promise.all([
        api.call('codes.list', {}),
        api.call('excerpts.list', {}),
        api.call('coders.list', {}),
      ]);
      if (!current) return;
      setCodes(codeList);
      setAll(everything);
      setCoders(coderList);
    });
    return () => {
      current = false;
    };
  }, [run, version]);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const list = await api.call('excerpts.list', {
        codeId: filters.codeId ?? undefined,
        documentId: filters.documentId || undefined,
        role: filters.role || undefined,
        coderId: filters.coderId || undefined,
      });
      if (current) setExcerpts(list);
    });
    return () => {
      current = false;
    };
  }, [run, filters, version]);

  const changed = useCallback(
    (next: { text: string; undo?: string[] }) => {
      setStatus(next);
      setVersion((v) => v + 1);
      onProjectChanged();
    },
    [onProjectChanged],
  );

  const documents = [...new Map(all.map((e) => [e.documentId, e.documentTitle])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const roles = [...new Set(all.map((e) => e.role).filter(Boolean))].sort();
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
          {excerpts === null ? (
            <p className="quiet">Loading excerpts…</p>
          ) : (
            <>
              <p className="table-count quiet">
                {excerpts.length} {excerpts.length === 1 ? 'excerpt' : 'excerpts'}
              </p>
              <ExcerptsTable excerpts={excerpts} codes={codes} onOpen={onOpenExcerpt} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
