// The documents as a table: sortable by any column, filterable per column, with the columns a
// person chose. Rows are virtualised at a fixed height, so ten thousand documents put only the
// few dozen visible rows in the DOM. Spacer rows above and below keep the scroll height, and the
// table keeps real table semantics (aria-rowcount and aria-rowindex say where a row is).
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef as TableColumnDef,
  type ColumnFiltersState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { DocumentRow } from '../../../electron/api/contract';
import { Button } from '../app/Button';
import { columnDef, COLUMNS, compareValues, matchesFilter, sortValue, type ColumnDef, type ColumnId } from './columns';

export const ROW_HEIGHT = 40;
const RESTORE_COLUMN = 'restore';
const estimateSize = () => ROW_HEIGHT;
const RESTORE_WIDTH = 120;
/** The header and filter rows come before the first document row. */
const HEADER_ROWS = 2;

/** What the person did to the table, kept while they visit the reader and come back. */
export interface TableView {
  sorting: SortingState;
  filters: ColumnFiltersState;
}

export const INITIAL_TABLE_VIEW: TableView = { sorting: [], filters: [] };

interface Props {
  rows: DocumentRow[];
  trash: boolean;
  hidden: readonly ColumnId[];
  view: TableView;
  onViewChange(view: TableView): void;
  /** A document to scroll to and focus once the rows are there (the one the reader showed). */
  focusId?: string;
  onOpen(row: DocumentRow): void;
  onRestore(row: DocumentRow): void;
}

function tableColumn(def: ColumnDef): TableColumnDef<DocumentRow, string | number | undefined> {
  return {
    id: def.id,
    accessorFn: (row) => sortValue(def, row),
    header: def.label,
    size: def.width,
    sortUndefined: 'last',
    // Every column sorts A→Z / smallest first on the first click.
    sortDescFirst: false,
    sortingFn: (a, b, id) => compareValues(a.getValue<string | number>(id), b.getValue<string | number>(id)),
    filterFn: (row, id, filter: string) => matchesFilter(def.type, row.getValue<string | number | undefined>(id), filter),
    enableHiding: def.id !== 'title',
  };
}

export function DocumentTable({ rows, trash, hidden, view, onViewChange, focusId, onOpen, onRestore }: Props) {
  const { sorting, filters } = view;
  const scroller = useRef<HTMLDivElement>(null);

  /** A new order or filter starts at the top of the list. */
  function changeView(next: TableView) {
    onViewChange(next);
    if (scroller.current) scroller.current.scrollTop = 0;
  }

  const columns = useMemo(() => {
    const list = COLUMNS.map(tableColumn);
    if (!trash) return list;
    const restore: TableColumnDef<DocumentRow, string | number | undefined> = {
      id: RESTORE_COLUMN,
      header: 'Restore',
      size: RESTORE_WIDTH,
      enableSorting: false,
      enableColumnFilter: false,
    };
    // First, so it is in sight however wide the table is.
    return [restore, ...list];
  }, [trash]);

  const columnVisibility = useMemo<VisibilityState>(() => Object.fromEntries(hidden.map((id) => [id, false])), [hidden]);

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, columnFilters: filters, columnVisibility },
    onSortingChange: (updater) => changeView({ ...view, sorting: typeof updater === 'function' ? updater(sorting) : updater }),
    onColumnFiltersChange: (updater) => changeView({ ...view, filters: typeof updater === 'function' ? updater(filters) : updater }),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getRowId: (row) => row.id,
  });

  const tableRows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();
  const visibleKey = visibleColumns.map((c) => c.id).join(',');
  const visibleIds = useMemo(() => visibleKey.split(','), [visibleKey]);
  const tableWidth = visibleColumns.reduce((sum, c) => sum + c.getSize(), 0);

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

  // Stable functions: the virtualiser recomputes every row's offset when they change.
  const getItemKey = useCallback((index: number) => tableRows[index]?.id ?? index, [tableRows]);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    overscan: 12,
    // The rows start below the (sticky) header, inside the same scroll box.
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    getItemKey,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0]!.start - headHeight : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - headHeight) : 0;

  // Roving focus: one row is in the tab order; arrows, Page keys, Home and End move it.
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const activeIndex = Math.min(active, Math.max(0, tableRows.length - 1));
  const renderedActive = items.some((item) => item.index === activeIndex);
  const tabStop = renderedActive ? activeIndex : (items[0]?.index ?? 0);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const el = scroller.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: false });
    }
  });

  // Back from the reader: the document just read is where the person left the list.
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || !focusId) return;
    focused.current = true;
    const index = tableRows.findIndex((r) => r.id === focusId);
    if (index >= 0) moveTo(index);
  });

  function moveTo(index: number) {
    const target = Math.max(0, Math.min(tableRows.length - 1, index));
    setActive(target);
    pendingFocus.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  }

  const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 3);

  /** The row (its index in the sorted, filtered list) an event happened in. */
  function rowIndexOf(target: EventTarget): number | null {
    const tr = (target as Element).closest?.('tr[data-index]');
    const index = tr ? Number(tr.getAttribute('data-index')) : NaN;
    return Number.isInteger(index) ? index : null;
  }

  function onBodyClick(event: MouseEvent<HTMLTableSectionElement>) {
    const index = rowIndexOf(event.target);
    if (index === null || (event.target as Element).closest('button')) return;
    setActive(index);
    const row = tableRows[index];
    if (row && !trash) onOpen(row.original);
  }

  function onBodyFocus(event: FocusEvent<HTMLTableSectionElement>) {
    const index = rowIndexOf(event.target);
    if (index !== null) setActive(index);
  }

  function onBodyKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    // Keys on the row itself only: a Restore button inside keeps its own Enter and Space.
    if (!(event.target instanceof HTMLTableRowElement)) return;
    const index = rowIndexOf(event.target);
    if (index === null) return;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + pageRows,
      PageUp: index - pageRows,
      Home: 0,
      End: tableRows.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key] ?? index);
    } else if ((event.key === 'Enter' || event.key === ' ') && !trash) {
      event.preventDefault();
      const row = tableRows[index];
      if (row) onOpen(row.original);
    }
  }

  const colSpan = Math.max(1, visibleColumns.length);

  return (
    <>
      <p className="table-count quiet">{countLabel(tableRows.length, rows.length, trash)}</p>
      <div className="doc-table-scroll" ref={scroller}>
        <table
          className="data-table doc-table"
          aria-label={trash ? 'Documents in the trash' : 'Documents'}
          aria-rowcount={tableRows.length + HEADER_ROWS}
          style={{ width: tableWidth }}
        >
          <thead ref={head}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      style={{ width: header.getSize() }}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                    >
                      {canSort ? (
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                          {label}
                          <span className="sort-arrow" aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        <span className="visually-hidden">{label}</span>
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
            <tr className="filter-row" aria-rowindex={2}>
              {visibleColumns.map((column) => {
                const def = COLUMNS.find((c) => c.id === column.id);
                return (
                  <td key={column.id}>
                    {def && column.getCanFilter() && (
                      <input
                        type="text"
                        className="filter-input"
                        aria-label={`Filter ${def.label}`}
                        placeholder={def.type === 'number' ? '>100' : def.type === 'date' ? '2016' : 'Filter'}
                        value={(column.getFilterValue() as string | undefined) ?? ''}
                        onChange={(event) => column.setFilterValue(event.target.value || undefined)}
                      />
                    )}
                  </td>
                );
              })}
            </tr>
          </thead>
          <tbody onClick={onBodyClick} onKeyDown={onBodyKeyDown} onFocus={onBodyFocus}>
            {padTop > 0 && (
              <tr aria-hidden="true" className="spacer-row">
                <td colSpan={colSpan} style={{ height: padTop }} />
              </tr>
            )}
            {items.map((item) => {
              const row = tableRows[item.index];
              if (!row) return null;
              return (
                <DocRow
                  key={row.id}
                  row={row.original}
                  index={item.index}
                  columnIds={visibleIds}
                  trash={trash}
                  tabbable={item.index === tabStop}
                  onRestore={onRestore}
                />
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true" className="spacer-row">
                <td colSpan={colSpan} style={{ height: padBottom }} />
              </tr>
            )}
            {tableRows.length === 0 && (
              <tr>
                <td colSpan={colSpan} className="quiet">
                  No documents match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** How many rows the filters leave, for the count above the table. */
export function countLabel(shown: number, total: number, trash: boolean): string {
  const noun = total === 1 ? 'document' : 'documents';
  const where = trash ? ' in the trash' : '';
  return shown === total ? `${total} ${noun}${where}` : `${shown} of ${total} ${noun}${where}`;
}

interface DocRowProps {
  row: DocumentRow;
  index: number;
  columnIds: readonly string[];
  trash: boolean;
  tabbable: boolean;
  onRestore(row: DocumentRow): void;
}

/** One document's row. Memoised: scrolling renders only the rows that come into view. */
const DocRow = memo(function DocRow({ row, index, columnIds, trash, tabbable, onRestore }: DocRowProps) {
  return (
    <tr
      data-index={index}
      aria-rowindex={index + HEADER_ROWS + 1}
      className={trash ? 'doc-row in-trash' : 'doc-row'}
      tabIndex={tabbable ? 0 : -1}
      style={{ height: ROW_HEIGHT }}
    >
      {columnIds.map((id) => {
        if (id === RESTORE_COLUMN) {
          return (
            <td key={id}>
              <Button className="button small" aria-label={`Restore ${row.title}`} onClick={() => onRestore(row)}>
                Restore
              </Button>
            </td>
          );
        }
        // Plain text, so a cut-off value shows whole on hover.
        const text = columnDef(id)?.display(row) ?? '';
        return id === 'title' ? (
          <th key={id} scope="row" title={text}>
            {text}
          </th>
        ) : (
          <td key={id} title={text}>
            {text}
          </td>
        );
      })}
    </tr>
  );
});
