// The project's memos by title, with a new memo and a Markdown import at the top.
import type { ChangeEvent } from 'react';
import type { MemoSummary } from '../../../electron/api/contract';
import { Button } from '../app/Button';
import { useWork } from '../app/work';

interface Props {
  memos: MemoSummary[] | null;
  currentId: string | null;
  onOpen(id: string): void;
  onCreate(): void;
  onImport(file: File): void;
}

export function MemoList({ memos, currentId, onOpen, onCreate, onImport }: Props) {
  const { busy } = useWork();

  function chosen(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // So choosing the same file again (after fixing it) fires another change.
    input.value = '';
    if (file) onImport(file);
  }

  return (
    <div className="memo-list-pane">
      <div className="button-row">
        <Button onClick={onCreate}>New memo</Button>
        <label className={busy ? 'button file-button busy' : 'button file-button'}>
          Import Markdown
          <input
            type="file"
            className="visually-hidden"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            aria-disabled={busy || undefined}
            onClick={(event) => {
              if (busy) event.preventDefault();
            }}
            onChange={chosen}
          />
        </label>
      </div>
      {memos?.length === 0 && <p className="quiet">No memos yet.</p>}
      <ul className="memo-list" aria-label="Memos">
        {(memos ?? []).map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className="memo-entry"
              aria-current={m.id === currentId ? 'true' : undefined}
              onClick={() => onOpen(m.id)}
            >
              <span className="memo-entry-title">{m.title}</span>
              <span className="quiet memo-entry-words">{m.words === 1 ? '1 word' : `${m.words} words`}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
