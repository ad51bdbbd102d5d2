// Bringing documents in: files from the picker or dropped on the screen, one after another with
// progress and a Cancel that stops after the current file, or text pasted into a small form.
// Every file ends with an outcome the person can read: imported, or refused and why.
import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { DocumentKind, ImportOutcome } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { importBatch, summarise, type BatchResult, type ImportProgress } from './import-queue';
import { IMPORT_ACCEPT, KIND_LABELS, KINDS } from './labels';

export interface Importer {
  kind: DocumentKind;
  setKind(kind: DocumentKind): void;
  progress: ImportProgress | null;
  cancelling: boolean;
  results: { outcomes: ImportOutcome[]; summary: string } | null;
  start(files: readonly File[]): void;
  cancel(): void;
  addOutcome(outcome: ImportOutcome): void;
  clearResults(): void;
}

/**
 * The import's state. Kept above the Documents screen (per open project), so a long batch goes
 * on while the person reads a document, and the picker and drops share it.
 */
export function useImporter(onImported: () => void): Importer {
  const [kind, setKind] = useState<DocumentKind>('document');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [results, setResults] = useState<Importer['results']>(null);
  const stop = useRef(false);
  const running = useRef(false);

  const start = useCallback(
    (files: readonly File[]) => {
      if (running.current || files.length === 0) return;
      running.current = true;
      stop.current = false;
      setCancelling(false);
      setResults(null);
      void importBatch(
        files,
        kind,
        {
          upload: (batch) => api.uploadMany(batch),
          importUploads: (uploadIds, k) => api.call('documents.importMany', { uploadIds, kind: k }),
        },
        setProgress,
        () => stop.current,
      )
        .then((result: BatchResult) => setResults({ outcomes: result.outcomes, summary: summarise(result) }))
        .finally(() => {
          running.current = false;
          setProgress(null);
          setCancelling(false);
          onImported();
        });
    },
    [kind, onImported],
  );

  // The batch belongs to the project it started in: leaving the project (this hook's owner
  // unmounts) stops it after the current file, so nothing lands in the next project.
  useEffect(
    () => () => {
      stop.current = true;
    },
    [],
  );

  const cancel = useCallback(() => {
    stop.current = true;
    setCancelling(true);
  }, []);

  const addOutcome = useCallback((outcome: ImportOutcome) => {
    setResults({ outcomes: [outcome], summary: outcome.status === 'imported' ? '1 imported.' : '1 refused.' });
  }, []);

  const clearResults = useCallback(() => setResults(null), []);

  return { kind, setKind, progress, cancelling, results, start, cancel, addOutcome, clearResults };
}

interface Props {
  importer: Importer;
  onImported(): void;
}

export function ImportPanel({ importer, onImported }: Props) {
  const { busy, run } = useWork();
  const kindId = useId();
  const pasteId = useId();
  const [pasteOpen, setPasteOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const importing = importer.progress !== null;
  const unavailable = busy || importing;

  function chosen(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = input.files ? Array.from(input.files) : [];
    // So choosing the same files again fires another change.
    input.value = '';
    importer.start(files);
  }

  async function importPasted(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (unavailable) return;
    let imported = false;
    await run(async () => {
      const outcome = await api.call('documents.importText', { title, text, kind: importer.kind });
      importer.addOutcome(outcome);
      imported = outcome.status === 'imported';
    });
    if (imported) {
      setTitle('');
      setText('');
      setPasteOpen(false);
      onImported();
    }
  }

  return (
    <section className="import-panel" aria-labelledby="import-heading">
      <h3 id="import-heading" className="visually-hidden">
        Import
      </h3>
      <div className="import-controls">
        {/* A real file input named "Import files", styled as a button; it stays keyboard-focusable. */}
        <label className={unavailable ? 'button file-button busy' : 'button file-button'}>
          Import files…
          <input
            type="file"
            className="visually-hidden"
            aria-label="Import files"
            multiple
            accept={IMPORT_ACCEPT}
            aria-disabled={unavailable || undefined}
            onClick={(event) => {
              if (unavailable) event.preventDefault();
            }}
            onChange={chosen}
          />
        </label>
        <div className="inline-field">
          <label htmlFor={kindId}>Kind</label>
          <select id={kindId} value={importer.kind} disabled={importing} onChange={(e) => importer.setKind(e.target.value as DocumentKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button"
          aria-expanded={pasteOpen}
          aria-controls={pasteOpen ? pasteId : undefined}
          onClick={() => setPasteOpen((o) => !o)}
        >
          Paste text…
        </button>
        <span className="quiet drop-hint">or drop files here (.txt, .md, .docx, .pdf, .html)</span>
      </div>

      {pasteOpen && (
        <form id={pasteId} className="paste-form" onSubmit={importPasted} aria-label="Paste text">
          <label htmlFor={`${pasteId}-title`}>Title</label>
          <input
            id={`${pasteId}-title`}
            type="text"
            value={title}
            maxLength={500}
            autoComplete="off"
            onChange={(e) => setTitle(e.target.value)}
          />
          <label htmlFor={`${pasteId}-text`}>Text</label>
          <textarea id={`${pasteId}-text`} rows={8} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="button-row">
            <Button type="submit" disabled={importing}>
              Import pasted text
            </Button>
            <button type="button" className="button subtle" onClick={() => setPasteOpen(false)}>
              Close
            </button>
          </div>
        </form>
      )}

      <div role="status" className="import-status">
        {importer.progress && (
          <div className="import-progress">
            <p>
              Importing {importer.progress.index} of {importer.progress.total}: {importer.progress.fileName}
              {importer.cancelling && ' (stopping after this file)'}
            </p>
            <progress max={importer.progress.total} value={importer.progress.index - 1} aria-label="Import progress" />
          </div>
        )}
        {importer.results && <p className="import-summary">{importer.results.summary}</p>}
      </div>
      {importer.progress && (
        // A plain button: the import does not mark the app busy, so Cancel always answers.
        <button type="button" className="button" onClick={importer.cancel} aria-disabled={importer.cancelling || undefined}>
          Cancel
        </button>
      )}

      {importer.results && (
        <section className="import-results" aria-labelledby="import-results-heading">
          <div className="section-head">
            <h3 id="import-results-heading">Import results</h3>
            <button type="button" className="button subtle" onClick={importer.clearResults}>
              Clear results
            </button>
          </div>
          <ul className="outcome-list">
            {importer.results.outcomes.map((o, i) => (
              <li key={`${i}-${o.fileName}`} className={`import-outcome ${o.status}`}>
                <span className={`tag tag-${o.status}`}>{o.status === 'imported' ? 'Imported' : 'Refused'}</span>{' '}
                <span className="outcome-file">{o.fileName}</span>
                {o.message && <span className="outcome-message">{o.message}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
