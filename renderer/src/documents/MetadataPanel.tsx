// A document's metadata beside its text: title, kind, and for an interview who was interviewed
// (by pseudonym and role), where, when and with what consent; for other kinds the author, date
// and language. Text fields save when they lose focus (or on "Save"); selects save at once.
import { useId, useState, type ReactNode } from 'react';
import type { Consent, DocumentKind, DocumentMetaPatch, DocumentRow } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { CONSENT_LABELS, CONSENTS, KIND_LABELS, KINDS } from './labels';
import { ReferenceSelect } from './ReferenceSelect';

type TextField =
  'title' | 'pseudonym' | 'role' | 'orgType' | 'interviewDate' | 'place' | 'language' | 'interviewer' | 'notes' | 'author' | 'docDate';
type Draft = Pick<DocumentRow, TextField | 'kind' | 'consent'>;

const INTERVIEW_FIELDS: { field: TextField; label: string; hint?: string }[] = [
  { field: 'pseudonym', label: 'Pseudonym' },
  { field: 'role', label: 'Role', hint: 'e.g. NGO official, law-enforcement official' },
  { field: 'orgType', label: 'Organisation type' },
  { field: 'interviewDate', label: 'Interview date', hint: 'YYYY-MM-DD' },
  { field: 'place', label: 'Place' },
  { field: 'language', label: 'Language' },
  { field: 'interviewer', label: 'Interviewer' },
];

const OTHER_FIELDS: { field: TextField; label: string; hint?: string }[] = [
  { field: 'author', label: 'Author' },
  { field: 'docDate', label: 'Date', hint: 'YYYY-MM-DD, or a year' },
  { field: 'language', label: 'Language' },
];

const ALL_FIELDS: (TextField | 'kind' | 'consent')[] = [
  'title',
  'kind',
  'pseudonym',
  'role',
  'orgType',
  'interviewDate',
  'place',
  'language',
  'interviewer',
  'consent',
  'notes',
  'author',
  'docDate',
];

function draftOf(row: DocumentRow): Draft {
  const { title, kind, pseudonym, role, orgType, interviewDate, place, language, interviewer, consent, notes, author, docDate } = row;
  return { title, kind, pseudonym, role, orgType, interviewDate, place, language, interviewer, consent, notes, author, docDate };
}

/** The fields of `draft` that differ from `saved`, as a patch for documents.update. */
export function changedFields(draft: Draft, saved: DocumentRow): DocumentMetaPatch {
  const patch: Record<string, string> = {};
  for (const field of ALL_FIELDS) if (draft[field] !== saved[field]) patch[field] = draft[field];
  return patch as DocumentMetaPatch;
}

type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'All changes saved.',
  unsaved: 'Unsaved changes.',
  saving: 'Saving…',
  failed: 'Not saved: see the message above.',
};

interface Props {
  /** The document as loaded; the panel keeps its own copy from then on (key it by document id). */
  row: DocumentRow;
  onSaved(row: DocumentRow): void;
  children?: ReactNode;
}

export function MetadataPanel({ row, onSaved, children }: Props) {
  const { run } = useWork();
  const id = useId();
  const [saved, setSaved] = useState(row);
  const [draft, setDraft] = useState<Draft>(() => draftOf(row));
  const [state, setState] = useState<SaveState>('saved');
  const [titleProblem, setTitleProblem] = useState('');

  async function save(next: Draft) {
    if (next.title.trim() === '') {
      setTitleProblem('A document needs a title.');
      return;
    }
    setTitleProblem('');
    const patch = changedFields(next, saved);
    if (Object.keys(patch).length === 0) {
      setState('saved');
      return;
    }
    setState('saving');
    const ok = await run(async () => {
      const updated = await api.call('documents.update', { id: saved.id, patch });
      setSaved(updated);
      onSaved(updated);
    });
    setState(ok ? 'saved' : 'failed');
  }

  function edit(field: TextField, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    setState('unsaved');
  }

  function choose<F extends 'kind' | 'consent'>(field: F, value: F extends 'kind' ? DocumentKind : Consent) {
    const next = { ...draft, [field]: value };
    setDraft(next);
    void save(next);
  }

  function textField(field: TextField, label: string, hint?: string) {
    const fieldId = `${id}-${field}`;
    return (
      <div className="meta-field" key={field}>
        <label htmlFor={fieldId}>{label}</label>
        <input
          id={fieldId}
          type="text"
          value={draft[field]}
          autoComplete="off"
          placeholder={hint}
          onChange={(e) => edit(field, e.target.value)}
          onBlur={() => void save(draft)}
        />
      </div>
    );
  }

  const fields = draft.kind === 'interview' ? INTERVIEW_FIELDS : OTHER_FIELDS;

  return (
    <section className="meta-panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>About this document</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(draft);
        }}
      >
        <div className="meta-field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input
            id={`${id}-title`}
            type="text"
            value={draft.title}
            maxLength={500}
            autoComplete="off"
            aria-invalid={titleProblem ? true : undefined}
            aria-describedby={titleProblem ? `${id}-title-problem` : undefined}
            onChange={(e) => edit('title', e.target.value)}
            onBlur={() => void save(draft)}
          />
          {titleProblem && (
            <p id={`${id}-title-problem`} className="field-problem">
              {titleProblem}
            </p>
          )}
        </div>
        <div className="meta-field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={draft.kind} onChange={(e) => choose('kind', e.target.value as DocumentKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        {fields.map((f) => textField(f.field, f.label, f.hint))}
        {draft.kind === 'document' && (
          <ReferenceSelect
            row={saved}
            onSaved={(updated) => {
              setSaved(updated);
              onSaved(updated);
            }}
          />
        )}
        {draft.kind === 'interview' && (
          <div className="meta-field">
            <label htmlFor={`${id}-consent`}>Consent</label>
            <select id={`${id}-consent`} value={draft.consent} onChange={(e) => choose('consent', e.target.value as Consent)}>
              {CONSENTS.map((c) => (
                <option key={c} value={c}>
                  {CONSENT_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="meta-field">
          <label htmlFor={`${id}-notes`}>Notes</label>
          <textarea
            id={`${id}-notes`}
            rows={4}
            value={draft.notes}
            onChange={(e) => edit('notes', e.target.value)}
            onBlur={() => void save(draft)}
          />
        </div>
        <div className="save-row">
          <Button type="submit">Save</Button>
          <p role="status" className={`save-state ${state}`}>
            {SAVE_TEXT[state]}
          </p>
        </div>
      </form>
      <p className="quiet source-line">
        Imported from {saved.sourceName} ({saved.sourceFormat}), {saved.wordCount.toLocaleString()} words.
      </p>
      {children}
    </section>
  );
}
