// The reader: one document's text with its metadata beside it. Opened from a search hit it
// shows where the hit is and marks the search's terms.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Code, DocumentFull, DocumentKind, DocumentRow, Excerpt, Framework } from '../../../electron/api/contract';
import { AssessmentForm } from '../coding/AssessmentForm';
import { rememberRecent } from '../coding/CodePicker';
import { Dialog } from '../coding/Dialog';
import { ExcerptPanel } from '../coding/ExcerptPanel';
import { excerptsToUtf16, wordStep } from '../coding/logic';
import { SelectionPopover } from '../coding/SelectionPopover';
import type { CodedSpan } from './ReaderText';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { UndoStatus } from '../app/UndoStatus';
import type { ReaderFrom, ReaderTarget } from '../app/navigation';
import { useWork } from '../app/work';
import { IdentitySection } from './IdentitySection';
import { KIND_LABELS } from './labels';
import { MetadataPanel } from './MetadataPanel';
import { ReaderText } from './ReaderText';

interface Props {
  target: ReaderTarget;
  from: ReaderFrom;
  onBack(): void;
  onTrashed(row: DocumentRow): void;
  onProjectChanged(): void;
}

type Loaded = { state: 'loading' } | { state: 'ready'; doc: DocumentFull } | { state: 'failed' };

const NO_TERMS: string[] = [];
/** Excerpts listed beside the text until "Show all": a long diary's thousand would each be laid out on opening. */
const SIDE_LIST = 50;
/** Colours for codes made from the selection popover, in turn (the Coding screen can change them). */
const NEW_CODE_COLORS = ['#1d5fa8', '#2e7d32', '#c62828', '#6a1b9a', '#ef6c00', '#00838f', '#5d4037', '#ad1457'];

export function Reader({ target, from, onBack, onTrashed, onProjectChanged }: Props) {
  const { run } = useWork();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('document');
  const [terms, setTerms] = useState<string[]>(target.terms ?? NO_TERMS);
  const [deleted, setDeleted] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const [codes, setCodes] = useState<Code[]>([]);
  const [excerpts, setExcerpts] = useState<Excerpt[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(target.excerptId ?? null);
  const [pending, setPending] = useState<{ start: number; end: number; rect: { top: number; left: number; bottom: number } } | null>(null);
  const [codingStatus, setCodingStatus] = useState<{ text: string; undo?: string } | null>(null);
  const [assessing, setAssessing] = useState<Framework | null>(null);
  const [showAllExcerpts, setShowAllExcerpts] = useState(false);

  // The text first, then its excerpts: the host answers one call at a time, and the text is
  // what the first screen shows.
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

  const loadExcerpts = useCallback(
    () =>
      run(async () => {
        const [codeList, list] = await Promise.all([
          api.call('codes.list', {}),
          api.call('excerpts.list', { documentId: target.documentId }),
        ]);
        setCodes(codeList);
        setExcerpts(list);
      }),
    [run, target.documentId],
  );
  // Asked for once the text has come: asked at once, the diary's 576 kB of excerpts and the code
  // list reached the host with the text and held up its first screen (229 ms at L, against 200).
  const textReady = loaded.state === 'ready';
  useEffect(() => {
    if (textReady) void loadExcerpts();
  }, [loadExcerpts, textReady]);

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

  const backLabel = {
    search: 'Back to results',
    documents: 'Back to documents',
    coding: 'Back to coding',
    framework: 'Back to the framework',
  }[from];

  const docText = loaded.state === 'ready' ? loaded.doc.text : '';
  const spans = useMemo<CodedSpan[]>(() => {
    const byId = new Map(codes.map((c) => [c.id, c]));
    // All offsets in one pass over the text: per excerpt, a 500,000-word diary took seconds.
    const at = excerptsToUtf16(docText, excerpts);
    return excerpts.map((e, i) => ({
      id: e.id,
      ...at[i]!,
      codes: e.codeIds.flatMap((id) => {
        const c = byId.get(id);
        return c ? [{ id: c.id, name: c.name, color: c.color }] : [];
      }),
    }));
  }, [codes, excerpts, docText]);
  const spanById = useMemo(() => new Map(spans.map((sp) => [sp.id, sp])), [spans]);
  const selected = excerpts.find((e) => e.id === selectedId) ?? null;
  const quote = pending ? [...docText].slice(pending.start, pending.end).join('') : '';

  const onSelectText = useCallback((span: { start: number; end: number }, rect: DOMRect) => {
    setPending({ ...span, rect: { top: rect.top, left: rect.left, bottom: rect.bottom } });
  }, []);
  // Back to the text after the popover, so the keyboard carries on where the selection was.
  const backToText = () => document.querySelector<HTMLElement>('.reader-text')?.focus({ preventScroll: true });
  const closePopover = useCallback(() => {
    setPending(null);
    backToText();
  }, []);

  const createCode = async (name: string): Promise<Code | null> => {
    let made: Code | null = null;
    await run(async () => {
      made = await api.call('codes.create', { name, color: NEW_CODE_COLORS[codes.length % NEW_CODE_COLORS.length] });
      setCodes(await api.call('codes.list', {}));
      onProjectChanged();
    });
    return made;
  };

  const codeSelection = (codeIds: string[], note: string) => {
    if (!pending) return;
    void run(async () => {
      const excerpt = await api.call('excerpts.create', {
        documentId: target.documentId,
        start: pending.start,
        end: pending.end,
        codeIds,
        note: note || undefined,
      });
      rememberRecent(codeIds);
      setPending(null);
      window.getSelection()?.removeAllRanges();
      backToText();
      setSelectedId(excerpt.id);
      setCodingStatus({ text: `Coded the excerpt with ${codeIds.map((id) => codes.find((c) => c.id === id)?.name ?? '').join(', ')}.` });
      await loadExcerpts();
      onProjectChanged();
    });
  };

  const updateExcerpt = (patch: { codeIds?: string[]; note?: string; start?: number; end?: number }) => {
    if (!selected) return;
    void run(async () => {
      const next = await api.call('excerpts.update', { id: selected.id, ...patch });
      if (patch.codeIds) rememberRecent(patch.codeIds.filter((id) => !selected.codeIds.includes(id)));
      setExcerpts((list) => list.map((e) => (e.id === next.id ? next : e)));
    });
  };

  const deleteExcerpt = () => {
    if (!selected) return;
    void run(async () => {
      await api.call('excerpts.delete', { id: selected.id });
      setSelectedId(null);
      setCodingStatus({ text: 'Deleted the excerpt.', undo: selected.id });
      await loadExcerpts();
      onProjectChanged();
    });
  };

  const undoDelete = (id: string) =>
    void run(async () => {
      await api.call('excerpts.restore', { id });
      setSelectedId(id);
      setCodingStatus({ text: 'Restored the excerpt.' });
      await loadExcerpts();
      onProjectChanged();
    });

  const openAssessment = () =>
    void run(async () => {
      setAssessing(await api.call('framework.get', {}));
    });

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
              excerpts={spans}
              selectedExcerptId={selectedId}
              onSelectExcerpt={setSelectedId}
              onSelectText={onSelectText}
            />
            <aside className="reader-side" aria-label="Document details">
              <UndoStatus text={codingStatus?.text} onUndo={codingStatus?.undo ? () => undoDelete(codingStatus.undo!) : undefined} />
              {selected && (
                <ExcerptPanel
                  key={`${selected.id}:${selected.note}`}
                  excerpt={selected}
                  codes={codes}
                  onUpdate={updateExcerpt}
                  onDelete={deleteExcerpt}
                  onAssess={openAssessment}
                  onClose={() => setSelectedId(null)}
                  wordStep={(at, direction) => wordStep(docText, at, direction)}
                />
              )}
              {excerpts.length > 0 && (
                <section className="document-excerpts" aria-labelledby="document-excerpts-heading">
                  <h3 id="document-excerpts-heading">Excerpts in this document ({excerpts.length})</h3>
                  <ul>
                    {(showAllExcerpts ? excerpts : excerpts.slice(0, SIDE_LIST)).map((e) => (
                      <li key={e.id}>
                        <button
                          type="button"
                          className="link-button"
                          aria-pressed={e.id === selectedId}
                          onClick={() => setSelectedId(e.id)}
                        >
                          {spanById
                            .get(e.id)
                            ?.codes.map((c) => c.name)
                            .join(', ') || 'no code'}
                          : “{e.text.length > 60 ? `${e.text.slice(0, 60)}…` : e.text}”
                        </button>
                      </li>
                    ))}
                  </ul>
                  {!showAllExcerpts && excerpts.length > SIDE_LIST && (
                    <button type="button" className="button subtle small" onClick={() => setShowAllExcerpts(true)}>
                      Show all {excerpts.length.toLocaleString('en')}
                    </button>
                  )}
                </section>
              )}
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
          {pending && (
            <SelectionPopover
              codes={codes}
              quote={quote}
              rect={pending.rect}
              onCode={codeSelection}
              onCreateCode={createCode}
              onClose={closePopover}
            />
          )}
          {assessing && selected && (
            <Dialog label="Record assessment" onClose={() => setAssessing(null)}>
              <AssessmentForm
                framework={assessing}
                choosePlace
                excerptId={selected.id}
                onRecorded={(n) => {
                  setAssessing(null);
                  setCodingStatus({ text: `Recorded ${n} judgement${n === 1 ? '' : 's'}.` });
                  onProjectChanged();
                }}
              />
            </Dialog>
          )}
        </>
      )}
    </div>
  );
}
