// The documents table's columns and the pure logic behind them: how each column's values are
// shown, filtered and sorted, and which columns a person chose to see (kept in localStorage).
import type { DocumentRow } from '../../../electron/api/contract';
import { KIND_LABELS } from './labels';

export type ColumnType = 'text' | 'number' | 'date';

export interface ColumnDef {
  id: ColumnId;
  label: string;
  type: ColumnType;
  /** Width in pixels: rows have a fixed height, so cells never wrap. */
  width: number;
  /** The value sorted and filtered on; '' (or a missing date) sorts last. */
  value(row: DocumentRow): string | number;
  /** What the cell shows. */
  display(row: DocumentRow): string;
}

export const COLUMN_IDS = [
  'title',
  'kind',
  'pseudonym',
  'role',
  'orgType',
  'interviewDate',
  'place',
  'language',
  'wordCount',
  'excerptCount',
  'importedAt',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

const text = (id: ColumnId & keyof DocumentRow, label: string, width: number): ColumnDef => ({
  id,
  label,
  type: 'text',
  width,
  value: (row) => String(row[id] ?? ''),
  display: (row) => String(row[id] ?? ''),
});

const numberFormat = new Intl.NumberFormat();
const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** An ISO timestamp as a short local date; anything unparseable as it is. */
export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateFormat.format(time);
}

export const COLUMNS: readonly ColumnDef[] = [
  text('title', 'Title', 280),
  {
    id: 'kind',
    label: 'Kind',
    type: 'text',
    width: 110,
    value: (r) => KIND_LABELS[r.kind] ?? r.kind,
    display: (r) => KIND_LABELS[r.kind] ?? r.kind,
  },
  text('pseudonym', 'Pseudonym', 130),
  text('role', 'Role', 170),
  text('orgType', 'Organisation type', 160),
  { ...text('interviewDate', 'Interview date', 145), type: 'date' },
  text('place', 'Place', 130),
  text('language', 'Language', 110),
  {
    id: 'wordCount',
    label: 'Words',
    type: 'number',
    width: 90,
    value: (r) => r.wordCount,
    display: (r) => numberFormat.format(r.wordCount),
  },
  {
    id: 'excerptCount',
    label: 'Excerpts',
    type: 'number',
    width: 90,
    value: (r) => r.excerptCount,
    display: (r) => numberFormat.format(r.excerptCount),
  },
  { id: 'importedAt', label: 'Imported', type: 'date', width: 130, value: (r) => r.importedAt, display: (r) => formatDate(r.importedAt) },
];

export function columnDef(id: string): ColumnDef | undefined {
  return COLUMNS.find((c) => c.id === id);
}

/** Lower-case, without diacritics: filters ignore both, as search does. */
export function foldForFilter(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const COMPARISON = /^(>=|<=|>|<|=)\s*(.+)$/;
const NUMBER_RANGE = /^(\d+(?:\.\d+)?)\s*(?:-|–|\.\.)\s*(\d+(?:\.\d+)?)$/;

function compareWith(op: string, cmp: number): boolean {
  switch (op) {
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    default:
      return cmp === 0;
  }
}

/** Parses a number the way people type them: "1,200", "1 200", "1200". */
function parseNumber(s: string): number | null {
  const cleaned = s.replace(/[\s,_\u00a0\u202f]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/**
 * Does a cell's value pass the filter typed above its column?
 * - text: every word of the filter appears in the value (case and diacritics ignored);
 * - number: "1200", ">1000", "<=50", "100-500";
 * - date: "2016" or "2016-05" (starts with), or ">2016-01-01", "<2017" (compares as text, as ISO dates do).
 */
export function matchesFilter(type: ColumnType, value: string | number | undefined, filter: string): boolean {
  const f = filter.trim();
  if (f === '') return true;
  if (value === undefined) return false;
  if (type === 'number' && typeof value === 'number') {
    const range = NUMBER_RANGE.exec(f);
    if (range) return value >= Number(range[1]) && value <= Number(range[2]);
    const comparison = COMPARISON.exec(f);
    const n = parseNumber(comparison ? (comparison[2] ?? '') : f);
    if (n !== null) return compareWith(comparison?.[1] ?? '=', Math.sign(value - n));
    return foldForFilter(String(value)).includes(foldForFilter(f));
  }
  const v = String(value);
  if (type === 'date') {
    const comparison = COMPARISON.exec(f);
    if (comparison) {
      if (v === '') return false;
      const bound = (comparison[2] ?? '').trim();
      // Compare on the bound's precision: "<2017" holds for every date in 2016.
      const head = v.slice(0, bound.length);
      return compareWith(comparison[1] ?? '=', head < bound ? -1 : head > bound ? 1 : 0);
    }
    if (v.startsWith(f)) return true;
  }
  const hay = foldForFilter(v);
  return foldForFilter(f)
    .split(/\s+/)
    .every((word) => hay.includes(word));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Ascending order for a column; empty values are `undefined` to the table, which puts them last. */
export function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** The value the table sorts on: undefined for an empty one, so it sorts last either way. */
export function sortValue(def: ColumnDef, row: DocumentRow): string | number | undefined {
  const v = def.value(row);
  return v === '' ? undefined : v;
}

export const HIDDEN_COLUMNS_KEY = 'field-coder:documents:hidden-columns';
/** Shown by default: the columns that say what a document is; the rest are a click away. */
export const DEFAULT_HIDDEN: readonly ColumnId[] = ['orgType', 'place', 'language'];

/** The hidden columns from storage: a JSON list of known ids; anything else gives the default. */
export function parseHiddenColumns(stored: string | null): ColumnId[] {
  if (stored === null) return [...DEFAULT_HIDDEN];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [...DEFAULT_HIDDEN];
    return COLUMN_IDS.filter((id) => id !== 'title' && value.includes(id));
  } catch {
    return [...DEFAULT_HIDDEN];
  }
}

export function loadHiddenColumns(storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage()): ColumnId[] {
  try {
    return parseHiddenColumns(storage?.getItem(HIDDEN_COLUMNS_KEY) ?? null);
  } catch {
    return [...DEFAULT_HIDDEN];
  }
}

export function saveHiddenColumns(hidden: readonly ColumnId[], storage: Pick<Storage, 'setItem'> | undefined = safeLocalStorage()): void {
  try {
    storage?.setItem(HIDDEN_COLUMNS_KEY, JSON.stringify(hidden));
  } catch {
    // Storage can be full or disabled; the choice then lasts as long as this page.
  }
}

export function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
