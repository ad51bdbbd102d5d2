// For a document that is the text of a published work: which reference in the library it is.
// The choice saves at once (documents.update), like the metadata panel's other selects.
import { useEffect, useId, useState } from 'react';
import type { DocumentRow, Output } from '../../../electron/api/contract';
import { api } from '../api/client';
import { useWork } from '../app/work';

type Reference = Output<'references.list'>[number];

/** "matveeva2005 — The Tajik Civil War (2005)" */
export function referenceLabel(r: Reference): string {
  return `${r.citationKey} — ${r.title}${r.year === null ? '' : ` (${r.year})`}`;
}

interface Props {
  row: DocumentRow;
  onSaved(row: DocumentRow): void;
}

export function ReferenceSelect({ row, onSaved }: Props) {
  const { run } = useWork();
  const id = useId();
  const [references, setReferences] = useState<Reference[] | null>(null);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const list = await api.call('references.list', {});
      if (current) setReferences(list);
    });
    return () => {
      current = false;
    };
  }, [run]);

  const choose = (value: string) =>
    run(async () => {
      onSaved(await api.call('documents.update', { id: row.id, patch: { referenceId: value === '' ? null : value } }));
    });

  const value = row.referenceId ?? '';
  return (
    <div className="meta-field">
      <label htmlFor={`${id}-reference`}>Reference</label>
      <select
        id={`${id}-reference`}
        value={value}
        disabled={references === null}
        onChange={(e) => void choose(e.target.value)}
        aria-describedby={references?.length === 0 ? `${id}-none` : undefined}
      >
        <option value="">none</option>
        {/* A linked reference the list does not hold (e.g. trashed) still shows as chosen. */}
        {value !== '' && references !== null && !references.some((r) => r.id === value) && (
          <option value={value}>(a removed reference)</option>
        )}
        {references?.map((r) => (
          <option key={r.id} value={r.id}>
            {referenceLabel(r)}
          </option>
        ))}
      </select>
      {references?.length === 0 && (
        <p id={`${id}-none`} className="quiet">
          The reference library is empty.
        </p>
      )}
    </div>
  );
}
