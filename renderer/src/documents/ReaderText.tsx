// A document's text, paragraph by paragraph, virtualised with measured heights: a 500,000-word
// interview opens at once and only the paragraphs near the view are in the DOM. Opened from a
// search hit it scrolls to the hit and marks the search's terms; otherwise it goes back to where
// the person stopped reading.
import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { highlight } from '../text/highlight';
import { codePointToUtf16 } from '../text/offsets';
import { looksHardWrapped, paragraphAt, splitParagraphs } from '../text/paragraphs';
import { loadPosition, savePosition } from './reading-position';

interface Props {
  documentId: string;
  title: string;
  text: string;
  terms: readonly string[];
  /** Code point offset of a search hit to scroll to. */
  offset?: number;
}

const NO_TERMS: readonly string[] = [];
/** A rough paragraph height before it is measured: about 90 characters a line. */
const LINE_HEIGHT = 27;
const PARAGRAPH_GAP = 16;

const ParagraphText = memo(function ParagraphText({ text, terms, focus }: { text: string; terms: readonly string[]; focus?: number }) {
  if (terms.length === 0) return <>{text}</>;
  const segments = highlight(text, terms, focus);
  return (
    <>
      {segments.map((s, i) =>
        s.mark ? (
          <mark key={i} className={s.current ? 'current-hit' : undefined}>
            {s.text}
          </mark>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </>
  );
});

export function ReaderText({ documentId, title, text, terms, offset }: Props) {
  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const focusIndex = useMemo(() => (offset === undefined ? undefined : codePointToUtf16(text, offset)), [text, offset]);
  const focusParagraph = focusIndex === undefined ? -1 : paragraphAt(paragraphs, focusIndex);
  const shownTerms = terms.length > 0 ? terms : NO_TERMS;

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: paragraphs.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => Math.ceil((paragraphs[i]?.text.length ?? 0) / 90) * LINE_HEIGHT + PARAGRAPH_GAP,
    overscan: 4,
    // The text's top and bottom margin, inside the scroll box (item offsets include it).
    paddingStart: 16,
    paddingEnd: 16,
  });

  // Open at the search hit, else where the person stopped reading. The virtualiser gets the
  // paragraph into view (its offset is only an estimate until the paragraphs before it are
  // measured); the last step is done against the DOM, once the paragraph is there.
  const placed = useRef(false);
  useLayoutEffect(() => {
    if (placed.current || paragraphs.length === 0) return;
    placed.current = true;
    if (focusParagraph >= 0) {
      virtualizer.scrollToIndex(focusParagraph, { align: 'start' });
      return;
    }
    const saved = loadPosition(documentId);
    if (!saved || saved.index >= paragraphs.length || (saved.index === 0 && saved.within === 0)) return;
    virtualizer.scrollToIndex(saved.index, { align: 'start' });
    let frame = 0;
    let tries = 0;
    let settled = 0;
    const settle = () => {
      const box = scroller.current;
      const el = box?.querySelector<HTMLElement>(`[data-index="${saved.index}"]`);
      if (box && el) {
        const delta = el.getBoundingClientRect().top - box.getBoundingClientRect().top + saved.within;
        if (Math.abs(delta) < 1) settled++;
        else {
          settled = 0;
          box.scrollTop += delta;
        }
      }
      // A few quiet frames in a row: the measurements have stopped moving the paragraph.
      if (settled < 3 && ++tries < 60) frame = requestAnimationFrame(settle);
    };
    frame = requestAnimationFrame(settle);
    return () => {
      // Interrupted (React's StrictMode runs effects twice): the next run places it again.
      cancelAnimationFrame(frame);
      placed.current = false;
    };
  }, [documentId, focusParagraph, paragraphs.length, virtualizer]);

  // Then bring the hit itself into the middle of the view: a paragraph can be taller than the view.
  useEffect(() => {
    if (focusParagraph < 0) return;
    let tries = 0;
    let frame = 0;
    const settle = () => {
      const box = scroller.current;
      const mark = box?.querySelector<HTMLElement>(`[data-index="${focusParagraph}"] mark.current-hit`);
      if (box && mark) {
        const top = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
        if (top < 0 || top > box.clientHeight - 40) box.scrollTop += top - box.clientHeight / 3;
        return;
      }
      if (++tries < 20) frame = requestAnimationFrame(settle);
    };
    frame = requestAnimationFrame(settle);
    return () => cancelAnimationFrame(frame);
  }, [focusParagraph]);

  // Remember the reading position as the person scrolls (at most every 300 ms), and on leaving.
  // The virtualiser's layout offset, not scrollTop: while it corrects for newly measured
  // paragraphs the two can differ, and item offsets are in layout terms.
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const savePlace = useCallback(() => {
    saveTimer.current = undefined;
    const offset = virtualizer.scrollOffset;
    if (offset === null || !placed.current) return;
    const item = virtualizer.getVirtualItemForOffset(offset);
    if (item) savePosition(documentId, { index: item.index, within: Math.max(0, offset - item.start) });
  }, [documentId, virtualizer]);

  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const onScroll = () => {
      saveTimer.current ??= setTimeout(savePlace, 300);
    };
    box.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      box.removeEventListener('scroll', onScroll);
      clearTimeout(saveTimer.current);
      savePlace();
    };
  }, [savePlace]);

  const items = virtualizer.getVirtualItems();

  return (
    <div ref={scroller} className="reader-text" tabIndex={0} role="region" aria-label={`Text of ${title}`}>
      {paragraphs.length === 0 ? (
        <p className="quiet">This document has no text.</p>
      ) : (
        <div className="reader-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const p = paragraphs[item.index];
            if (!p) return null;
            const focus = item.index === focusParagraph && focusIndex !== undefined ? focusIndex - p.start : undefined;
            return (
              <p
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={looksHardWrapped(p.text) ? 'reader-paragraph flow' : 'reader-paragraph'}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <ParagraphText text={p.text} terms={shownTerms} focus={focus} />
              </p>
            );
          })}
        </div>
      )}
    </div>
  );
}
