// Where a person stopped reading each document: the paragraph at the top of the reader and how
// far into it, kept in localStorage by document id so reopening the document goes back there.
import { safeLocalStorage } from './columns';

export interface ReadingPosition {
  /** Index of the paragraph at the top of the view. */
  index: number;
  /** Pixels of that paragraph scrolled past. */
  within: number;
}

const PREFIX = 'field-coder:reading:';

export function readingKey(documentId: string): string {
  return PREFIX + documentId;
}

export function parsePosition(stored: string | null): ReadingPosition | null {
  if (stored === null) return null;
  try {
    const value = JSON.parse(stored) as { index?: unknown; within?: unknown };
    if (typeof value !== 'object' || value === null) return null;
    const { index, within } = value;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return null;
    return { index, within: typeof within === 'number' && Number.isFinite(within) && within > 0 ? Math.round(within) : 0 };
  } catch {
    return null;
  }
}

export function loadPosition(
  documentId: string,
  storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage(),
): ReadingPosition | null {
  try {
    return parsePosition(storage?.getItem(readingKey(documentId)) ?? null);
  } catch {
    return null;
  }
}

export function savePosition(
  documentId: string,
  position: ReadingPosition,
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = safeLocalStorage(),
): void {
  try {
    // The top of the document is where a reader starts anyway: keep nothing for it.
    if (position.index === 0 && position.within === 0) storage?.removeItem(readingKey(documentId));
    else storage?.setItem(readingKey(documentId), JSON.stringify({ index: position.index, within: Math.round(position.within) }));
  } catch {
    // Storage can be full or disabled; the position is then simply not remembered.
  }
}
