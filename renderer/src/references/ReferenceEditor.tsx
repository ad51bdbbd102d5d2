// One reference's fields, laid out for its type. Saves on "Save" only: a half-typed author list
// saved on blur would be a wrong reference that memos could already cite.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Reference } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { usedByLabel, usedByTotal } from './library';
import {
  draftOf,
  draftProblems,
  EDITABLE_TYPES,
  fieldsFor,
  isMultiline,
  itemFromDraft,
  typeLabel,
  type Draft,
  type FieldId,
} from './reference-form';

interface Props {
  /** The reference to edit, or null to add one. Key the editor by it: it keeps its own draft. */
  reference: Reference | null;
  onSaved(reference: Reference, message: string): void;
  onDelete(reference: Reference): void;
  onClose(): void;
  /** Told whether the form holds changes not saved, so switching away can ask first. */
  onDirtyChange(dirty: boolean): void;
}

export function ReferenceEditor({ reference, onSaved, onDelete, onClose, onDirtyChange }: Props) {
  const { run } = useWork();
  const id = useId();
  const [type, setType] = useState(reference?.type ?? 'article-journal');
  const [draft, setDraft] = useState<Draft>(() => draftOf(reference?.csl ?? null));
  const [key, setKey] = useState(reference?.citationKey ?? '');
  const [problems, setProblems] = useState<Partial<Record<FieldId, string>>>({});
  const [dirty, setDirty] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opening the editor takes the person there, so a keyboard user is not left in the table.
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const types = EDITABLE_TYPES.includes(type) ? EDITABLE_TYPES : [...EDITABLE_TYPES, type];

  function edit(field: FieldId, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    setDirty(true);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const found = draftProblems(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const csl = itemFromDraft(reference?.csl ?? null, type, draft, key);
    await run(async () => {
      if (reference) {
        const updated = await api.call('references.update', { id: reference.id, csl });
        setDraft(draftOf(updated.csl));
        setDirty(false);
        onSaved(updated, `Saved “${updated.title}”.`);
      } else {
        const created = await api.call('references.create', { csl });
        const asked = key.trim();
        onSaved(
          created,
          asked && asked !== created.citationKey
            ? `Added “${created.title}” as ${created.citationKey}: the key ${asked} was taken or not allowed.`
            : `Added “${created.title}” as ${created.citationKey}.`,
        );
      }
    });
  }

  return (
    <section className="meta-panel ref-editor" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
          {reference ? 'Edit reference' : 'Add reference'}
        </h3>
        <button type="button" className="button subtle" onClick={onClose}>
          Close
        </button>
      </div>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="meta-field">
          <label htmlFor={`${id}-type`}>Type</label>
          <select
            id={`${id}-type`}
            value={type}
            onChange={(e) => {
              setType(e.target.value);
              setDirty(true);
            }}
          >
            {types.map((t) => (
              <option key={t} value={t}>
                {typeLabel(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="meta-field">
          <label htmlFor={`${id}-key`}>Citation key</label>
          <input
            id={`${id}-key`}
            type="text"
            value={key}
            readOnly={reference !== null}
            autoComplete="off"
            spellCheck={false}
            placeholder="made from the first author and year"
            aria-describedby={`${id}-key-hint`}
            onChange={(e) => {
              setKey(e.target.value);
              setDirty(true);
            }}
          />
          <p id={`${id}-key-hint`} className="quiet field-hint">
            {reference
              ? 'Memos cite this key, so it stays as it is.'
              : 'Leave empty for one like “markowitz2013”; a key in use gets a letter added.'}
          </p>
        </div>
        {fieldsFor(type).map((spec) => {
          const fieldId = `${id}-${spec.id}`;
          const problem = problems[spec.id];
          const common = {
            id: fieldId,
            value: draft[spec.id],
            placeholder: spec.hint,
            'aria-invalid': problem ? true : undefined,
            'aria-describedby': problem ? `${fieldId}-problem` : undefined,
          };
          return (
            <div className="meta-field" key={spec.id}>
              <label htmlFor={fieldId}>{spec.label}</label>
              {isMultiline(spec.id) ? (
                <textarea {...common} rows={spec.id === 'note' ? 3 : 2} onChange={(e) => edit(spec.id, e.target.value)} />
              ) : (
                <input {...common} type="text" autoComplete="off" onChange={(e) => edit(spec.id, e.target.value)} />
              )}
              {problem && (
                <p id={`${fieldId}-problem`} className="field-problem">
                  {problem}
                </p>
              )}
            </div>
          );
        })}
        <div className="save-row">
          <Button type="submit">{reference ? 'Save' : 'Add'}</Button>
          {reference && (
            <Button className="button danger" onClick={() => onDelete(reference)}>
              Delete
            </Button>
          )}
          <p role="status" className={dirty ? 'save-state unsaved' : 'save-state'}>
            {dirty ? 'Unsaved changes.' : ''}
          </p>
        </div>
      </form>
      {reference && (
        <p className="quiet source-line">
          {usedByTotal(reference.usedBy) === 0
            ? 'No document or evidence uses this reference.'
            : `Used by ${usedByLabel(reference.usedBy)}.`}
        </p>
      )}
    </section>
  );
}
