// Autosave for the memo editor: a save goes ~800 ms after typing stops, or at once on flush
// (blur, switching memo, leaving the screen). Saves run one after another, so an older text
// never lands after a newer one; a failed save keeps its text pending for the next try.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Memo } from '../../../electron/api/contract';
import { api, ApiError } from '../api/client';
import { describeFailure } from '../app/work';

export interface Draft {
  id: string;
  title: string;
  body: string;
}

export type SaveState = { kind: 'saved' } | { kind: 'unsaved' } | { kind: 'saving' } | { kind: 'failed'; message: string };

export interface Autosave {
  state: SaveState;
  change(draft: Draft): void;
  /** Sends any pending text now; resolves false if it could not be saved. */
  flush(): Promise<boolean>;
  /** Forgets pending text, for when the memo is replaced (a restored version). */
  discard(): void;
}

const DELAY_MS = 800;

/** For actions that need the text saved first (switching memo, exporting) when it could not be. */
export const notSaved = () =>
  new ApiError({
    code: 'invalid',
    message: 'The latest changes to this memo could not be saved yet, so nothing else was done. Try again.',
  });

export function useAutosave(onSaved: (memo: Memo) => void): Autosave {
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const pending = useRef<Draft | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));
  const saved = useRef(onSaved);
  useEffect(() => {
    saved.current = onSaved;
  }, [onSaved]);

  const flush = useCallback((): Promise<boolean> => {
    window.clearTimeout(timer.current);
    const draft = pending.current;
    if (!draft) return chain.current;
    pending.current = null;
    chain.current = chain.current.then(async () => {
      setState({ kind: 'saving' });
      try {
        // An empty title is refused by the host; the body is still worth keeping.
        const memo = await api.call('memos.save', {
          id: draft.id,
          body: draft.body,
          ...(draft.title.trim() ? { title: draft.title } : {}),
        });
        saved.current(memo);
        if (!pending.current) setState({ kind: 'saved' });
        return true;
      } catch (err) {
        pending.current ??= draft;
        setState({ kind: 'failed', message: describeFailure(err) ?? 'The memo could not be saved.' });
        return false;
      }
    });
    return chain.current;
  }, []);

  const change = useCallback(
    (draft: Draft) => {
      pending.current = draft;
      setState({ kind: 'unsaved' });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DELAY_MS);
    },
    [flush],
  );

  const discard = useCallback(() => {
    window.clearTimeout(timer.current);
    pending.current = null;
    setState({ kind: 'saved' });
  }, []);

  // Leaving the Memos screen saves what was typed last.
  useEffect(() => () => void flush(), [flush]);

  return { state, change, flush, discard };
}
