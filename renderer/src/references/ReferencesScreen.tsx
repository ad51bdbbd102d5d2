// References: the project's library as a table to sort and filter, an editor beside it for one
// reference, bibliography files in (after a review of likely duplicates) and out.
import type { SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Reference } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { UndoStatus } from '../app/UndoStatus';
import { useWork } from '../app/work';
import { downloadText } from '../framework/download';
import { ImportButton, ImportReview, type PendingImport } from './ImportReview';
import { countLabel, matchesQuery, typesIn, usedByLabel, usedByTotal } from './library';
import { ReferenceEditor } from './ReferenceEditor';
import { ReferenceTable } from './ReferenceTable';
import { typeLabel } from './reference-form';

interface Status {
  text: string;
  undo?: Reference;
}

/** 'new' for the empty form, a reference id for the one being edited. */
type Editing = string | null;

export function ReferencesScreen({ onProjectChanged }: { onProjectChanged(): void }) {
  const { run } = useWork();
  const id = useId();
  const [library, setLibrary] = useState<Reference[] | null>(null);
  const [reload, setReload] = useState(0);
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const [sorting, setSorting] = useState<SortingState>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const dirty = useRef(false);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);

  /** Opens another reference (or the empty form, or none), asking first if typing would be lost. */
  function open(next: Editing): boolean {
    if (next === editing) return true;
    if (dirty.current && !window.confirm('Discard the changes you have not saved?')) return false;
    dirty.current = false;
    setEditing(next);
    return true;
  }

  useEffect(() => {
    let current = true;
    void run(async () => {
      const list = await api.call('references.library', {});
      if (current) setLibrary(list);
    });
    return () => {
      current = false;
    };
  }, [run, reload]);

  const refresh = useCallback(() => {
    setReload((n) => n + 1);
    onProjectChanged();
  }, [onProjectChanged]);

  const shown = useMemo(
    () => (library ?? []).filter((r) => (type === '' || r.type === type) && matchesQuery(r, query)),
    [library, type, query],
  );
  const types = useMemo(() => {
    const present = typesIn(library ?? []);
    // The chosen type stays choosable after its last reference goes, so the filter can be seen and undone.
    return type === '' || present.includes(type) ? present : [...present, type];
  }, [library, type]);
  const selected = editing && editing !== 'new' ? (library?.find((r) => r.id === editing) ?? null) : null;

  function saved(reference: Reference, message: string) {
    setStatus({ text: message });
    dirty.current = false;
    setEditing(reference.id);
    refresh();
  }

  const remove = (reference: Reference) =>
    run(async () => {
      await api.call('references.delete', { id: reference.id });
      dirty.current = false;
      setEditing(null);
      const used = usedByTotal(reference.usedBy) > 0 ? ` It was used by ${usedByLabel(reference.usedBy)}.` : '';
      setStatus({ text: `Deleted “${reference.title || reference.citationKey}”.${used}`, undo: reference });
      refresh();
    });

  const restore = (reference: Reference) =>
    run(async () => {
      const restored = await api.call('references.restore', { id: reference.id });
      setStatus({ text: `Restored “${restored.title || restored.citationKey}”.` });
      refresh();
    });

  const exportAs = (format: 'csljson' | 'bibtex') =>
    run(async () => {
      const file = await api.call('references.export', { format });
      downloadText(file.fileName, file.text, format === 'csljson' ? 'application/json' : 'application/x-bibtex');
      setStatus({ text: `Exported ${countLabel(library?.length ?? 0, library?.length ?? 0)} as ${file.fileName}.` });
    });

  const empty = library !== null && library.length === 0;

  return (
    <div className="references-screen">
      <h2>References</h2>
      <div className="button-row">
        <button ref={addButton} type="button" className="button" onClick={() => open('new')}>
          Add reference
        </button>
        <ImportButton onPreview={setPending} />
        <Button disabled={empty} onClick={() => void exportAs('csljson')}>
          Export CSL-JSON
        </Button>
        <Button disabled={empty} onClick={() => void exportAs('bibtex')}>
          Export BibTeX
        </Button>
      </div>

      <UndoStatus
        className="status documents-status"
        text={status?.text}
        onUndo={status?.undo ? () => void restore(status.undo!) : undefined}
      />

      {pending && (
        <ImportReview
          key={`${pending.fileName}:${pending.text.length}`}
          pending={pending}
          onCancel={() => setPending(null)}
          onDone={(result) => {
            setPending(null);
            setStatus({
              text: `Imported ${pending.fileName}: ${result.added} added, ${result.merged} merged, ${result.skipped} skipped.`,
            });
            refresh();
          }}
        />
      )}

      <div className="table-toolbar">
        <label htmlFor={`${id}-filter`} className="visually-hidden">
          Filter references
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          className="ref-filter"
          placeholder="Filter by key, title, author, year or DOI"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="inline-field">
          <label htmlFor={`${id}-type`}>Type</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">all types</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {typeLabel(t)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className={editing ? 'references-layout with-editor' : 'references-layout'}>
        <div className="references-list">
          {library === null ? (
            <p className="quiet">Loading references…</p>
          ) : empty ? (
            <p className="quiet">
              No references yet. Add one by hand, or import a BibTeX, RIS or CSL-JSON file from your reference manager.
            </p>
          ) : (
            <>
              <p className="table-count quiet">{countLabel(shown.length, library.length)}</p>
              <ReferenceTable
                references={shown}
                sorting={sorting}
                onSortingChange={setSorting}
                selectedId={selected?.id ?? null}
                onSelect={(r) => open(r.id)}
              />
            </>
          )}
        </div>
        {(editing === 'new' || selected) && (
          <ReferenceEditor
            key={selected?.id ?? 'new'}
            reference={selected}
            onSaved={saved}
            onDelete={(r) => void remove(r)}
            onDirtyChange={onDirtyChange}
            onClose={() => {
              if (open(null)) addButton.current?.focus();
            }}
          />
        )}
      </div>
    </div>
  );
}
