// Memos: analytic writing in Markdown with citations and live blocks from the project's data,
// autosaved, versioned, previewed as it will export, and exported to Word, PDF, HTML or Markdown.
import { useCallback, useEffect, useState } from 'react';
import type { Memo, MemoSummary } from '../../../electron/api/contract';
import { api } from '../api/client';
import { UndoStatus } from '../app/UndoStatus';
import { useWork } from '../app/work';
import { MemoList } from './MemoList';
import { MemoWorkspace } from './MemoWorkspace';
import { notSaved, useAutosave } from './useAutosave';
import type { MemoStyle } from './usePreview';

interface Status {
  text: string;
  undo?: MemoSummary;
}

const byTitle = (a: MemoSummary, b: MemoSummary) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' });
const summary = ({ id, title, words, stamp }: Memo): MemoSummary => ({ id, title, words, stamp });
const upsert = (list: MemoSummary[] | null, m: MemoSummary) => [...(list ?? []).filter((x) => x.id !== m.id), m].sort(byTitle);

export function MemosScreen({ onProjectChanged }: { onProjectChanged(): void }) {
  const { run } = useWork();
  const [memos, setMemos] = useState<MemoSummary[] | null>(null);
  const [current, setCurrent] = useState<Memo | null>(null);
  const [fresh, setFresh] = useState(false);
  const [style, setStyle] = useState<MemoStyle>('chicago');
  const [status, setStatus] = useState<Status | null>(null);
  const saved = useCallback((memo: Memo) => setMemos((list) => upsert(list, summary(memo))), []);
  const autosave = useAutosave(saved);

  useEffect(() => {
    let live = true;
    void run(async () => {
      const list = await api.call('memos.list', {});
      if (!live) return;
      setMemos(list);
      if (list[0]) setCurrent(await api.call('memos.get', { id: list[0].id }));
    });
    return () => {
      live = false;
    };
  }, [run]);

  /** Shows a memo, after saving what was typed in the one on screen. */
  async function show(memo: Memo | Promise<Memo>, isNew = false): Promise<Memo> {
    const m = await memo;
    setMemos((list) => upsert(list, summary(m)));
    setFresh(isNew);
    setCurrent(m);
    return m;
  }

  function open(id: string) {
    if (id === current?.id) return;
    void run(async () => {
      if (!(await autosave.flush())) throw notSaved();
      await show(api.call('memos.get', { id }));
    });
  }

  const create = () =>
    void run(async () => {
      if (!(await autosave.flush())) throw notSaved();
      await show(api.call('memos.create', { title: 'Untitled memo' }), true);
      setStatus(null);
      onProjectChanged();
    });

  const importFile = (file: File) =>
    void run(async () => {
      if (!(await autosave.flush())) throw notSaved();
      const title = file.name.replace(/\.(md|markdown|txt)$/i, '').trim() || 'Imported memo';
      const { memo, unresolved } = await api.call('memos.importMarkdown', { title, markdown: await file.text() });
      await show(memo);
      setStatus({
        text: unresolved.length
          ? `Imported “${memo.title}”. Citation keys that match no reference or interview: ${unresolved.join(', ')}.`
          : `Imported “${memo.title}”.`,
      });
      onProjectChanged();
    });

  const trash = (memo: Memo, title: string) =>
    void run(async () => {
      if (!(await autosave.flush())) throw notSaved();
      await api.call('memos.delete', { id: memo.id });
      const rest = (memos ?? []).filter((m) => m.id !== memo.id);
      setMemos(rest);
      setCurrent(null);
      setStatus({ text: `Moved “${title}” to the trash.`, undo: summary(memo) });
      onProjectChanged();
    });

  const undo = (m: MemoSummary) =>
    void run(async () => {
      const memo = await show(api.call('memos.restore', { id: m.id }));
      setStatus({ text: `Restored “${memo.title}” from the trash.` });
      onProjectChanged();
    });

  const undoable = status?.undo;
  return (
    <div className="memos-screen">
      <h2>Memos</h2>
      <UndoStatus text={status?.text} onUndo={undoable && (() => undo(undoable))} />
      <div className="memos-layout">
        <MemoList memos={memos} currentId={current?.id ?? null} onOpen={open} onCreate={create} onImport={importFile} />
        {current ? (
          <MemoWorkspace
            key={current.id}
            memo={current}
            autosave={autosave}
            style={style}
            onStyleChange={setStyle}
            fresh={fresh}
            onTrash={(title) => trash(current, title)}
            onReplaced={saved}
          />
        ) : (
          memos !== null && <p className="quiet">Choose a memo, or start a new one.</p>
        )}
      </div>
    </div>
  );
}
