// "Columns": which of the table's columns to show. A disclosure with one checkbox per column;
// Escape or a click elsewhere closes it, and focus goes back to the button.
import { useEffect, useId, useRef, useState } from 'react';
import { COLUMNS, type ColumnId } from './columns';

interface Props {
  hidden: readonly ColumnId[];
  onChange(hidden: ColumnId[]): void;
}

export function ColumnsMenu({ hidden, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLInputElement>('input')?.focus();
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        event.preventDefault();
        setOpen(false);
        button.current?.focus();
      }
    }
    function onPointerDown(event: PointerEvent) {
      const target = event.target as Node | null;
      if (!target || panel.current?.contains(target) || button.current?.contains(target)) return;
      setOpen(false);
    }
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  function toggle(id: ColumnId, show: boolean) {
    onChange(show ? hidden.filter((h) => h !== id) : [...hidden, id]);
  }

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        Columns
      </button>
      {open && (
        <div id={panelId} ref={panel} className="popover columns-menu" role="group" aria-label="Visible columns">
          <ul>
            {COLUMNS.filter((c) => c.id !== 'title').map((c) => (
              <li key={c.id}>
                <label className="check">
                  <input type="checkbox" checked={!hidden.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                  {c.label}
                </label>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button subtle"
            onClick={() => {
              setOpen(false);
              button.current?.focus();
            }}
          >
            Done
          </button>
        </div>
      )}
    </div>
  );
}
