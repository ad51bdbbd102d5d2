// The reader: one document's text with its metadata beside it. Opened from a search hit it
// shows where the hit is and marks the search's terms.
import { useEffect, useRef, useState } from 'react';
import type { DocumentFull, DocumentKind, DocumentRow } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import type { ReaderTarget } from '../app/navigation';
import { useWork } from '../app/work';
import { IdentitySection } from './IdentitySection';
import { KIND_LABELS } from './labels';
import { MetadataPanel } from './MetadataPanel';
import { ReaderText } from './ReaderText';

interface Props {
  target: ReaderTarget;
  from: 'documents' | 'search';
  onBack(): void;
  onTrashed(row: DocumentRow): void;
  onProjectChanged(): void;
}

type Loaded = { state: 'loading' } | { state: 'ready'; doc: DocumentFull } | { state: 'failed' };

const NO_TERMS: string[] = [];

export function Reader({ target, from, onBack, onTrashed, onProjectChanged }: Props) {
  const { run } = useWork();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('document');
  const [terms, setTerms] = useState<string[]>(target.terms ?? NO_TERMS);
  const [deleted, setDeleted] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    void run(async () => {
      try {
        const doc = await api.call('documents.get', { id: target.documentId });
        if (!current) return;
        setLoaded({ state: 'ready', doc });
        setTitle(doc.title);
        setKind(doc.kind);
        setDeleted(doc.deleted);
      } catch (err) {
        if (current) setLoaded({ state: 'failed' });
        throw err;
      }
    });
    return () => {
      current = false;
    };
  }, [run, target.documentId]);

  // Land on the document's title, so a screen reader says which document opened.
  useEffect(() => {
    if (loaded.state === 'ready') heading.current?.focus();
  }, [loaded.state]);

  const moveToTrash = (doc: DocumentRow) =>
    run(async () => {
      const row = await api.call('documents.delete', { id: doc.id });
      onProjectChanged();
      onTrashed(row);
    });

  const restore = (doc: DocumentRow) =>
    run(async () => {
      await api.call('documents.restore', { id: doc.id });
      setDeleted(false);
      onProjectChanged();
    });

  const backLabel = from === 'search' ? 'Back to results' : 'Back to documents';

  return (
    <div className="reader">
      <div className="reader-head">
        <button type="button" className="button subtle back-button" onClick={onBack}>
          ← {backLabel}
        </button>
        {loaded.state === 'ready' && (
          <>
            <h2 ref={heading} tabIndex={-1} className="reader-title">
              {title}
            </h2>
            <span className="tag reader-kind">{KIND_LABELS[kind]}</span>
          </>
        )}
      </div>
      {loaded.state === 'loading' && <p className="quiet">Opening the document…</p>}
      {loaded.state === 'failed' && <p className="quiet">The document could not be opened.</p>}
      {loaded.state === 'ready' && (
        <>
          {deleted && (
            <div className="notice inline-notice">
              This document is in the trash.{' '}
              <Button className="button small" onClick={() => void restore(loaded.doc)}>
                Restore
              </Button>
            </div>
          )}
          {terms.length > 0 && (
            <p className="highlight-line">
              <span>
                Marked: <span className="terms">{terms.join(', ')}</span>
              </span>
              <button type="button" className="button subtle small" onClick={() => setTerms(NO_TERMS)}>
                Clear marks
              </button>
            </p>
          )}
          <div className="reader-layout">
            <ReaderText
              key={loaded.doc.id}
              documentId={loaded.doc.id}
              title={title}
              text={loaded.doc.text}
              terms={terms}
              offset={target.offset}
            />
            <aside className="reader-side" aria-label="Document details">
              <MetadataPanel
                key={loaded.doc.id}
                row={loaded.doc}
                onSaved={(row) => {
                  setTitle(row.title);
                  setKind(row.kind);
                }}
              >
                <IdentitySection documentId={loaded.doc.id} />
                {!deleted && (
                  <div className="trash-row">
                    <Button className="button danger" onClick={() => void moveToTrash(loaded.doc)}>
                      Move to trash
                    </Button>
                  </div>
                )}
              </MetadataPanel>
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
