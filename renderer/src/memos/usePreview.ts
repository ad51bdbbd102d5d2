// The live preview's model: asked for ~300 ms after the text stops changing. An answer that
// arrives after newer text was typed is dropped, so the preview never goes back in time.
import { useEffect, useState } from 'react';
import type { RenderedMemo } from '../../../electron/api/contract';
import { api } from '../api/client';
import { describeFailure } from '../app/work';

export type MemoStyle = 'chicago' | 'apa';

export interface Preview {
  memo: RenderedMemo | null;
  /** Why the latest preview failed; the last good one stays on show. */
  problem: string | null;
}

const DELAY_MS = 300;

export function usePreview(title: string, body: string, style: MemoStyle): Preview {
  const [preview, setPreview] = useState<Preview>({ memo: null, problem: null });
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      api.call('memos.preview', { title, body, style }).then(
        (memo) => {
          if (current) setPreview({ memo, problem: null });
        },
        (err: unknown) => {
          if (current) setPreview((p) => ({ memo: p.memo, problem: describeFailure(err) ?? 'The preview could not be made.' }));
        },
      );
    }, DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [title, body, style]);
  return preview;
}
