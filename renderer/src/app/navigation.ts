// Where the main area is: one of the navigation's screens, the search results, or the reader
// showing one document (opened from the list or from a search hit).
import type { DocumentRow } from '../../../electron/api/contract';
import type { ViewId } from './views';

export interface ReaderTarget {
  documentId: string;
  /** Words to mark in the text (a search's terms and their alias expansions). */
  terms?: string[];
  /** Code point offset of the hit to scroll to. */
  offset?: number;
  /** An excerpt to select (and scroll to) when the reader opens. */
  excerptId?: string;
}

/** Where the reader was opened from, for its Back button. */
export type ReaderFrom = 'documents' | 'search' | 'coding' | 'framework';

export type Place =
  | {
      screen: ViewId;
      /** Set when the reader just moved this document to the trash, for "Undo". */
      trashed?: DocumentRow;
      /** Set when coming back from the reader: the document to focus in the list. */
      returnTo?: string;
    }
  | { screen: 'search' }
  | { screen: 'reader'; target: ReaderTarget; from: ReaderFrom };

/** The navigation item a place belongs to (none for search results). */
export function navItemOf(place: Place): ViewId | null {
  if (place.screen === 'search') return null;
  if (place.screen === 'reader') return place.from === 'coding' || place.from === 'framework' ? place.from : 'documents';
  return place.screen;
}
