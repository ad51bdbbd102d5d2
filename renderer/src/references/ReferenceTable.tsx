// The library as a sortable table. Rows have a fixed height and are virtualised, so a library
// of thousands puts only the rows in view (and a few either side) in the DOM; spacer rows keep
// the scroll height and aria-rowcount / aria-rowindex say where each row is.
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Reference } from '../../../electron/api/contract';
import { compareValues } from '../documents/columns';
import { usedByLabel, usedByTotal } from './library';
import { typeLabel } from './reference-form';

const ROW_HEIGHT = 40;
const estimateSize = () => ROW_HEIGHT;

type Value = string | number | undefined;

interface Column {
  id: string;
  label: string;
  width: number;
  /** What the column sorts on; undefined sorts last. */
  value(r: Reference): Value;
  display(r: Reference): string;
}

const text = (v: string): Value => (v === '' ? undefined : v);

const COLUMNS: Column[] = [
  { id: 'key', label: 'Key', width: 130, value: (r) => r.citationKey, display: (r) => r.citationKey },
  { id: 'type', label: 'Type', width: 90, value: (r) => typeLabel(r.type), display: (r) => typeLabel(r.type) },
  { id: 'authors', label: 'Authors', width: 170, value: (r) => text(r.authors), display: (r) => r.authors },
  { id: 'year', label: 'Year', width: 72, value: (r) => r.year ?? undefined, display: (r) => (r.year === null ? '' : String(r.year)) },
  { id: 'title', label: 'Title', width: 300, value: (r) => text(r.title), display: (r) => r.title },
  { id: 'doi', label: 'DOI', width: 160, value: (r) => text(r.doi), display: (r) => r.doi },
  { id: 'usedBy', label: 'Used by', width: 180, value: (r) => usedByTotal(r.usedBy), display: (r) => usedByLabel(r.usedBy) },
];

const TABLE_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);

const TABLE_COLUMNS: ColumnDef<Reference, Value>[] = COLUMNS.map((c) => ({
  id: c.id,
  accessorFn: c.value,
  header: c.label,
  size: c.width,
  sortUndefined: 'last',
  sortDescFirst: false,
  sortingFn: (a, b, id) => compareValues(a.getValue<string | number>(id), b.getValue<string | number>(id)),
}));

interface Props {
  /** Already filtered: the table only sorts. */
  references: Reference[];
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  selectedId: string | null;
  onSelect(reference: Reference): void;
}

export function ReferenceTable({ references, sorting, onSortingChange, selectedId, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const table = useReactTable({
    data: references,
    columns: TABLE_COLUMNS,
    state: { sorting },
    onSortingChange,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => r.id,
  });
  const rows = table.getRowModel().rows;

  // The sticky header sits inside the scroll box: the rows start below it.
  const head = useRef<HTMLTableSectionElement>(null);
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => {
    const el = head.current;
    if (!el) return;
    const measure = () => setHeadHeight(el.offsetHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    overscan: 12,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0]!.start - headHeight : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - headHeight) : 0;

  // Roving focus: one row is in the tab order; arrows, Page keys, Home and End move it.
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const tabStop = items.some((i) => i.index === activeIndex) ? activeIndex : (items[0]?.index ?? 0);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const el = scroller.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    }
  });

  function moveTo(index: number) {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActive(target);
    pendingFocus.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  }

  function rowIndexOf(target: EventTarget): number | null {
    const tr = (target as Element).closest?.('tr[data-index]');
    const index = tr ? Number(tr.getAttribute('data-index')) : NaN;
    return Number.isInteger(index) ? index : null;
  }

  function onBodyClick(event: MouseEvent<HTMLTableSectionElement>) {
    const index = rowIndexOf(event.target);
    const row = index === null ? undefined : rows[index];
    if (index === null || !row) return;
    setActive(index);
    onSelect(row.original);
  }

  function onBodyKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const index = rowIndexOf(event.target);
    if (index === null) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key] ?? index);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const row = rows[index];
      if (row) onSelect(row.original);
    }
  }

  return (
    <div className="doc-table-scroll ref-table-scroll" ref={scroller}>
      <table className="data-table doc-table" aria-label="References" aria-rowcount={rows.length + 1} style={{ width: TABLE_WIDTH }}>
        <thead ref={head}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    style={{ width: header.getSize() }}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  >
                    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span className="sort-arrow" aria-hidden="true">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody onClick={onBodyClick} onKeyDown={onBodyKeyDown} onFocus={(e) => setActive(rowIndexOf(e.target) ?? active)}>
          {padTop > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS.length} style={{ height: padTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <ReferenceRow
                key={row.id}
                reference={row.original}
                index={item.index}
                selected={row.id === selectedId}
                tabbable={item.index === tabStop}
              />
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS.length} style={{ height: padBottom }} />
            </tr>
          )}
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="quiet">
                No references match these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  reference: Reference;
  index: number;
  selected: boolean;
  tabbable: boolean;
}

/** Memoised: scrolling renders only the rows that come into view. Cells are text, never markup. */
const ReferenceRow = memo(function ReferenceRow({ reference, index, selected, tabbable }: RowProps) {
  return (
    <tr
      data-index={index}
      aria-rowindex={index + 2}
      aria-current={selected || undefined}
      className={selected ? 'doc-row selected' : 'doc-row'}
      tabIndex={tabbable ? 0 : -1}
      style={{ height: ROW_HEIGHT }}
    >
      {COLUMNS.map((c) => {
        const shown = c.display(reference);
        return c.id === 'title' ? (
          <th key={c.id} scope="row" title={shown}>
            {shown}
          </th>
        ) : (
          <td key={c.id} title={shown} className={c.id === 'usedBy' && usedByTotal(reference.usedBy) === 0 ? 'quiet' : undefined}>
            {shown}
          </td>
        );
      })}
    </tr>
  );
});
