// Pure logic behind coding in the reader: from a selection to code point offsets, excerpts cut
// into a paragraph's pieces, lanes for the coding stripes, and what a matrix cell says.
import { codePointsToUtf16, codePointToUtf16, utf16ToCodePoint } from '../text/offsets';
import type { MatrixCell, Outcome } from '../../../electron/api/contract';

/** One end of a selection: the paragraph's start (UTF-16 index in the whole text) and the UTF-16 offset inside it. */
export interface TextPoint {
  paragraphStart: number;
  within: number;
}

/**
 * The code point span [start, end) of a selection between two points (in either order), with
 * surrounding whitespace left out; null when nothing but whitespace is selected.
 */
export function selectionToOffsets(text: string, a: TextPoint, b: TextPoint): { start: number; end: number } | null {
  let from = a.paragraphStart + a.within;
  let to = b.paragraphStart + b.within;
  if (to < from) [from, to] = [to, from];
  from = Math.max(0, Math.min(from, text.length));
  to = Math.max(0, Math.min(to, text.length));
  while (from < to && /\s/.test(text.charAt(from))) from++;
  while (to > from && /\s/.test(text.charAt(to - 1))) to--;
  if (to <= from) return null;
  return { start: utf16ToCodePoint(text, from), end: utf16ToCodePoint(text, to) };
}

/** An excerpt's span as UTF-16 indices into the text. For many excerpts, use excerptsToUtf16. */
export function excerptToUtf16(text: string, start: number, end: number): { start: number; end: number } {
  return { start: codePointToUtf16(text, start), end: codePointToUtf16(text, end) };
}

/**
 * Every excerpt's span as UTF-16 indices into the text, in one pass over it (excerptToUtf16 per
 * excerpt walks the text from its start each time: 1,000 excerpts on a 3 MB diary took seconds).
 */
export function excerptsToUtf16(text: string, spans: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const at = codePointsToUtf16(
    text,
    spans.flatMap((s) => [s.start, s.end]),
  );
  return spans.map((_, i) => ({ start: at[2 * i]!, end: at[2 * i + 1]! }));
}

export interface Span {
  id: string;
  start: number;
  end: number;
}

/** Lanes for overlapping spans: each span gets the lowest lane free at its start. */
export function layoutLanes(spans: readonly Span[]): Map<string, number> {
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end);
  const laneEnds: number[] = [];
  const lanes = new Map<string, number>();
  for (const s of sorted) {
    let lane = laneEnds.findIndex((end) => end <= s.start);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(s.end);
    } else laneEnds[lane] = s.end;
    lanes.set(s.id, lane);
  }
  return lanes;
}

export interface Piece {
  start: number;
  end: number;
  mark: boolean;
  current: boolean;
  excerptIds: string[];
}

/**
 * Cuts a text of `length` at every boundary of the search marks and the excerpts (all UTF-16,
 * relative to the text): each piece knows whether it is marked and which excerpts cover it.
 */
export function cutPieces(
  length: number,
  marks: readonly { start: number; end: number }[],
  excerpts: readonly Span[],
  currentMark = -1,
): Piece[] {
  const cuts = new Set<number>([0, length]);
  for (const r of [...marks, ...excerpts]) {
    cuts.add(Math.max(0, Math.min(length, r.start)));
    cuts.add(Math.max(0, Math.min(length, r.end)));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const markIndex = marks.findIndex((m) => m.start <= start && m.end >= end);
    pieces.push({
      start,
      end,
      mark: markIndex >= 0,
      current: markIndex >= 0 && markIndex === currentMark,
      excerptIds: excerpts.filter((e) => e.start <= start && e.end >= end).map((e) => e.id),
    });
  }
  if (pieces.length === 0) pieces.push({ start: 0, end: length, mark: false, current: false, excerptIds: [] });
  return pieces;
}

export type CellLabelKind = 'outcome' | 'missing' | 'conflict' | 'unmapped';

export interface CellLabel {
  kind: CellLabelKind;
  text: string;
  color: string | null;
}

/** What a matrix cell shows: its outcome, or plainly why there is none (never a guess). */
export function cellLabel(cell: MatrixCell | undefined, outcomes: readonly Pick<Outcome, 'id' | 'name' | 'color'>[]): CellLabel {
  if (!cell || cell.status === 'missing') return { kind: 'missing', text: 'missing', color: null };
  if (cell.status === 'conflict') return { kind: 'conflict', text: 'conflict', color: null };
  const outcome = cell.outcomeId ? outcomes.find((o) => o.id === cell.outcomeId) : undefined;
  if (cell.status === 'complete' && outcome) return { kind: 'outcome', text: outcome.name, color: outcome.color };
  return { kind: 'unmapped', text: 'no outcome', color: null };
}

/** "✓ agreed" / "≠ disagreement" for a cell, or nothing when no one has judged it. */
export function agreementMark(cell: MatrixCell | undefined): { symbol: string; label: string } | null {
  if (!cell || cell.dimensions.every((d) => d.judgements === 0)) return null;
  return cell.agreed ? { symbol: '✓', label: 'agreed' } : { symbol: '≠', label: 'disagreement' };
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * A code point offset moved by one word: forward (1) past the next word, or back (-1) to the
 * start of the word before. Used to extend or shrink an excerpt's bounds.
 */
export function wordStep(text: string, at: number, direction: 1 | -1): number {
  const chars = [...text];
  let i = Math.max(0, Math.min(at, chars.length));
  if (direction === 1) {
    while (i < chars.length && !WORD.test(chars[i]!)) i++;
    while (i < chars.length && WORD.test(chars[i]!)) i++;
  } else {
    while (i > 0 && !WORD.test(chars[i - 1]!)) i--;
    while (i > 0 && WORD.test(chars[i - 1]!)) i--;
  }
  return i;
}
