// The excerpts as a virtualised table: document, role, codes, text, note, coder. A row opens
// the reader at that excerpt (click, Enter or Space); arrow keys move between rows. The table
// holds no list of its own: it shows `total` rows, reads each from `rowAt` and tells `onRange`
// which rows are in view, so that their pages are fetched; a row not yet fetched shows as
// loading.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Code, Excerpt } from '../../../electron/api/contract';

const ROW_HEIGHT = 44;
const estimateSize = () => ROW_HEIGHT;

interface Props {
  total: number;
  rowAt(index: number): Excerpt | undefined;
  /** The rows [first, last] in view (with some around them). */
  onRange(first: number, last: number): void;
  codes: Code[];
  onOpen(excerpt: Excerpt): void;
}

export function ExcerptsTable({ total, rowAt, onRange, codes, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const byId = useMemo(() => new Map(codes.map((c) => [c.id, c])), [codes]);
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total > 0) onRange(first, last);
  }, [first, last, total, onRange]);

  function onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, index: number) {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: total - 1 };
    if (event.key in moves) {
      event.preventDefault();
      const next = Math.max(0, Math.min(total - 1, moves[event.key] ?? index));
      setActive(next);
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus());
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const e = rowAt(index);
      if (e) onOpen(e);
    }
  }

  return (
    <div className="excerpt-table-scroll" ref={scroller}>
      <table className="data-table excerpt-table" aria-label="Excerpts" aria-rowcount={total + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Document</th>
            <th scope="col">Role</th>
            <th scope="col">Codes</th>
            <th scope="col">Text</th>
            <th scope="col">Note</th>
            <th scope="col">Coder</th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={6} style={{ height: padTop }} />
            </tr>
          )}
          {items.map((item) => {
            const e = rowAt(item.index);
            if (!e) {
              return (
                <tr key={`loading-${item.index}`} aria-rowindex={item.index + 2} className="doc-row" style={{ height: ROW_HEIGHT }}>
                  <td colSpan={6} className="quiet">
                    Loading…
                  </td>
                </tr>
              );
            }
            return (
              <tr
                key={e.id}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                tabIndex={item.index === Math.min(active, total - 1) ? 0 : -1}
                className="doc-row"
                style={{ height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(item.index);
                  onOpen(e);
                }}
                onKeyDown={(event) => onKeyDown(event, item.index)}
              >
                <th scope="row" title={e.documentTitle}>
                  {e.documentTitle}
                </th>
                <td title={e.role}>{e.role}</td>
                <td>
                  {e.codeIds.map((id) => {
                    const c = byId.get(id);
                    return (
                      <span key={id} className="code-tag">
                        <span className="swatch" aria-hidden="true" style={{ backgroundColor: c?.color || '#888888' }} />
                        {c?.name ?? ''}
                      </span>
                    );
                  })}
                </td>
                <td title={e.text}>{e.text}</td>
                <td title={e.note}>{e.note}</td>
                <td>{e.coderName}</td>
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={6} style={{ height: padBottom }} />
            </tr>
          )}
          {total === 0 && (
            <tr>
              <td colSpan={6} className="quiet">
                No excerpts match these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
