// Putting the caret in the memo's textarea after the text was changed by code (a citation key
// chosen from the list, a live block inserted): in the same commit as the new text, before the
// next key is handled. Setting a textarea's value puts the caret at the end; placed a frame later
// (as it was), keys typed meanwhile (a fast typist's "]") went in at the end, and the caret then
// jumped back before them.
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export function usePlaceCaret(area: RefObject<HTMLTextAreaElement | null>): (at: number) => void {
  // A new object for every placing, so that the same offset twice is placed twice.
  const [caretTo, setCaretTo] = useState<{ at: number } | null>(null);
  useLayoutEffect(() => {
    const el = area.current;
    if (!el || !caretTo) return;
    el.focus();
    el.setSelectionRange(caretTo.at, caretTo.at);
  }, [caretTo, area]);
  return useCallback((at: number) => setCaretTo({ at }), []);
}
