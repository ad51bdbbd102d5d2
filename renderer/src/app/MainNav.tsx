// The main navigation. Tab reaches every item; arrow keys, Home and End move between them too,
// as people who know menu bars expect.
import { useRef, type KeyboardEvent } from 'react';
import { VIEWS, type ViewId } from './views';

interface Props {
  /** The item the main area belongs to; null on screens outside the navigation (search results). */
  current: ViewId | null;
  onSelect(view: ViewId): void;
}

const STEP: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

export function MainNav({ current, onSelect }: Props) {
  const items = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    let next: number;
    if (event.key in STEP) next = (index + (STEP[event.key] ?? 0) + VIEWS.length) % VIEWS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = VIEWS.length - 1;
    else return;
    event.preventDefault();
    items.current[next]?.focus();
  }

  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {VIEWS.map((view, index) => (
          <li key={view.id}>
            <button
              type="button"
              ref={(el) => {
                items.current[index] = el;
              }}
              className="nav-item"
              aria-current={view.id === current ? 'page' : undefined}
              onClick={() => onSelect(view.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {view.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
