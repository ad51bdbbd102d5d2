// A document's text, paragraph by paragraph, virtualised with measured heights: a 500,000-word
// interview opens at once and only the paragraphs near the view are in the DOM. Opened from a
// search hit it scrolls to the hit and marks the search's terms; otherwise it goes back to where
// the person stopped reading.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { cutPieces, layoutLanes, selectionToOffsets, type Span, type TextPoint } from '../coding/logic';
import { findMatches } from '../text/highlight';
import { codePointToUtf16 } from '../text/offsets';
import { looksHardWrapped, paragraphAt, spansByParagraph, splitParagraphs } from '../text/paragraphs';
import { loadPosition, savePosition } from './reading-position';

interface Props {
  documentId: string;
  title: string;
  text: string;
  terms: readonly string[];
  /** Code point offset of a search hit to scroll to. */
  offset?: number;
  /** Excerpts of this document as UTF-16 spans, with the colour and name of their codes. */
  excerpts?: readonly CodedSpan[];
  selectedExcerptId?: string | null;
  onSelectExcerpt?(id: string): void;
  /** The person selected text: its code point span and where on screen it is. */
  onSelectText?(span: { start: number; end: number }, rect: DOMRect): void;
}

export interface CodedSpan extends Span {
  codes: { id: string; name: string; color: string }[];
}

const NO_SPANS: readonly CodedSpan[] = [];

const NO_TERMS: readonly string[] = [];
/** A rough paragraph height before it is measured: about 90 characters a line. */
const LINE_HEIGHT = 27;
const PARAGRAPH_GAP = 16;

interface ParagraphProps {
  text: string;
  terms: readonly string[];
  focus?: number;
  spans: readonly CodedSpan[];
  selected?: string | null;
}

function spanColor(span: CodedSpan | undefined): string {
  return span?.codes[0]?.color || '#888888';
}

const ParagraphText = memo(function ParagraphText({ text, terms, focus, spans, selected }: ParagraphProps) {
  if (terms.length === 0 && spans.length === 0) return <>{text}</>;
  const marks = terms.length > 0 ? findMatches(text, terms) : [];
  const currentMark = focus === undefined ? -1 : marks.findIndex((r) => r.end > focus);
  const byId = new Map(spans.map((s) => [s.id, s]));
  const pieces = cutPieces(text.length, marks, spans, currentMark);
  return (
    <>
      {pieces.map((piece) => {
        const slice = text.slice(piece.start, piece.end);
        const inner = piece.mark ? <mark className={piece.current ? 'current-hit' : undefined}>{slice}</mark> : slice;
        if (piece.excerptIds.length === 0) return <span key={piece.start}>{inner}</span>;
        // The innermost (last starting) excerpt decides the colour; the click selects it.
        const top = byId.get(piece.excerptIds[piece.excerptIds.length - 1] ?? '');
        const isSelected = selected !== undefined && selected !== null && piece.excerptIds.includes(selected);
        return (
          <span
            key={piece.start}
            className={isSelected ? 'coded selected' : 'coded'}
            data-excerpt={top?.id}
            title={top?.codes.map((c) => c.name).join(', ')}
            style={{ textDecorationColor: spanColor(top), backgroundColor: `${spanColor(top)}22` }}
          >
            {inner}
          </span>
        );
      })}
    </>
  );
});

/** The UTF-16 offset of a DOM point inside a paragraph element: the length of the text before it. */
function pointIn(paragraph: Element, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(paragraph, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

function textPoint(node: Node | null, offset: number): TextPoint | null {
  const el = node instanceof Element ? node : node?.parentElement;
  const paragraph = el?.closest('p[data-start]');
  if (!paragraph || !node) return null;
  return { paragraphStart: Number(paragraph.getAttribute('data-start')), within: pointIn(paragraph, node, offset) };
}

/** The DOM point at UTF-16 offset `offset` of a paragraph's text. */
function domPoint(paragraph: Element, offset: number): { node: Node; offset: number } | null {
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let last: Node | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const length = n.textContent?.length ?? 0;
    if (offset <= seen + length) return { node: n, offset: offset - seen };
    seen += length;
    last = n;
  }
  return last ? { node: last, offset: last.textContent?.length ?? 0 } : null;
}

/**
 * The stripes beside a paragraph: one bar per code of each excerpt touching it, in the
 * excerpt's lane. They start at a proportional guess and are then set to the excerpt's lines
 * as laid out (measured again when the paragraph's size changes).
 */
function Stripes({
  start,
  length,
  spans,
  lanes,
  onSelect,
}: {
  start: number;
  length: number;
  spans: readonly CodedSpan[];
  lanes: Map<string, number>;
  onSelect?(id: string): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const container = box.current;
    const paragraph = container?.nextElementSibling;
    if (!container || !paragraph || spans.length === 0) return;
    const measure = () => {
      const origin = container.getBoundingClientRect().top;
      for (const span of spans) {
        const from = domPoint(paragraph, Math.max(0, span.start - start));
        const to = domPoint(paragraph, Math.min(length, span.end - start));
        if (!from || !to) continue;
        const range = document.createRange();
        range.setStart(from.node, from.offset);
        range.setEnd(to.node, to.offset);
        const rects = Array.from(range.getClientRects()).filter((r) => r.height > 0);
        const first = rects[0];
        const last = rects[rects.length - 1];
        if (!first || !last) continue;
        for (const el of container.querySelectorAll<HTMLElement>(`[data-span="${span.id}"]`)) {
          el.style.top = `${first.top - origin}px`;
          el.style.height = `${Math.max(6, last.bottom - first.top)}px`;
        }
      }
    };
    const observer = new ResizeObserver(measure);
    observer.observe(paragraph);
    return () => observer.disconnect();
  }, [spans, start, length]);
  return (
    <div className="stripes" ref={box}>
      {spans.flatMap((span) => {
        const from = Math.max(0, span.start - start);
        const to = Math.min(length, span.end - start);
        const top = (from / Math.max(1, length)) * 100;
        const height = Math.max(4, ((to - from) / Math.max(1, length)) * 100);
        return span.codes.map((code) => (
          <button
            key={`${span.id}:${code.id}`}
            type="button"
            tabIndex={-1}
            data-span={span.id}
            className="stripe"
            title={code.name}
            aria-label={`Excerpt coded ${code.name}`}
            style={{
              top: `${top}%`,
              height: `${Math.min(height, 100 - top)}%`,
              right: `${(lanes.get(`${span.id}:${code.id}`) ?? 0) * 6}px`,
              backgroundColor: code.color || '#888888',
            }}
            onClick={() => onSelect?.(span.id)}
          />
        ));
      })}
    </div>
  );
}

export function ReaderText({
  documentId,
  title,
  text,
  terms,
  offset,
  excerpts = NO_SPANS,
  selectedExcerptId,
  onSelectExcerpt,
  onSelectText,
}: Props) {
  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  // One lane per stripe: each code of each excerpt, so overlapping excerpts never share a bar.
  const lanes = useMemo(
    () => layoutLanes(excerpts.flatMap((e) => e.codes.map((c) => ({ id: `${e.id}:${c.id}`, start: e.start, end: e.end })))),
    [excerpts],
  );
  // Per paragraph, the excerpts touching it (whole, for the stripes, and relative to the
  // paragraph, for the text), computed once per change so memoised paragraphs stay put on scroll.
  const paragraphSpans = useMemo(() => {
    const whole = new Map<number, CodedSpan[]>();
    const local = new Map<number, CodedSpan[]>();
    if (excerpts.length === 0) return { whole, local };
    spansByParagraph(paragraphs, excerpts).forEach((touching, index) => {
      const p = paragraphs[index]!;
      whole.set(index, touching);
      local.set(
        index,
        touching.map((e) => ({ ...e, start: e.start - p.start, end: e.end - p.start })),
      );
    });
    return { whole, local };
  }, [paragraphs, excerpts]);
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

  // A selection ends (mouse or keyboard): offer to code it. A plain click on coded text selects that excerpt.
  function selectionEnded(event?: MouseEvent) {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      const coded = (event?.target as Element | undefined)?.closest?.('[data-excerpt]');
      const id = coded?.getAttribute('data-excerpt');
      if (id) onSelectExcerpt?.(id);
      return;
    }
    const a = textPoint(selection.anchorNode, selection.anchorOffset);
    const b = textPoint(selection.focusNode, selection.focusOffset);
    if (!a || !b) return;
    const span = selectionToOffsets(text, a, b);
    if (span) onSelectText?.(span, selection.getRangeAt(0).getBoundingClientRect());
  }

  return (
    <div
      ref={scroller}
      className="reader-text"
      tabIndex={0}
      role="region"
      aria-label={`Text of ${title}`}
      onMouseUp={selectionEnded}
      onKeyUp={(event) => {
        if (event.shiftKey) selectionEnded();
      }}
    >
      {paragraphs.length === 0 ? (
        <p className="quiet">This document has no text.</p>
      ) : (
        <div className="reader-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const p = paragraphs[item.index];
            if (!p) return null;
            const focus = item.index === focusParagraph && focusIndex !== undefined ? focusIndex - p.start : undefined;
            const spans = paragraphSpans.whole.get(item.index) ?? NO_SPANS;
            const local = paragraphSpans.local.get(item.index) ?? NO_SPANS;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="reader-row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <Stripes start={p.start} length={p.text.length} spans={spans} lanes={lanes} onSelect={onSelectExcerpt} />
                <p data-start={p.start} className={looksHardWrapped(p.text) ? 'reader-paragraph flow' : 'reader-paragraph'}>
                  <ParagraphText
                    text={p.text}
                    terms={shownTerms}
                    focus={focus}
                    spans={local}
                    selected={selectedExcerptId && local.some((s) => s.id === selectedExcerptId) ? selectedExcerptId : null}
                  />
                </p>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
