// A type-ahead code picker: type to narrow the codebook, arrows to move, Enter to pick. Recently
// used codes come first. Several codes can be picked; each picked code has a remove button.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Code } from '../../../electron/api/contract';

const RECENT_KEY = 'field-coder.recent-codes';

export function loadRecent(): string[] {
  try {
    const raw = localStorage.getItem(RECENT_KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberRecent(ids: readonly string[]): void {
  try {
    const next = [...ids, ...loadRecent().filter((id) => !ids.includes(id))].slice(0, 20);
    localStorage.setItem(RECENT_KEY, JSON.stringify(next));
  } catch {
    // Storage unavailable: recent codes are a convenience only.
  }
}

export function CodeSwatch({ color }: { color: string }) {
  return <span className="swatch" aria-hidden="true" style={{ backgroundColor: color || '#888888' }} />;
}

interface Props {
  codes: readonly Code[];
  chosen: readonly string[];
  onChange(ids: string[]): void;
  autoFocus?: boolean;
  /** Offered when nothing matches what was typed: make a new code of that name and pick it. */
  onCreate?(name: string): Promise<Code | null>;
}

/**
 * Alt+1 … Alt+8 picks the listed code with that number (recent codes come first), so a
 * coder's usual codes are one chord away. Read from `code`, since Alt+digit types other
 * characters on some keyboards.
 */
export function shortcutIndex(event: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string }): number | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const m = /^(?:Digit|Numpad)([1-8])$/.exec(event.code);
  return m ? Number(m[1]) - 1 : null;
}

export function CodePicker({ codes, chosen, onChange, autoFocus, onCreate }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(() => {
    const recent = loadRecent();
    const q = query.trim().toLowerCase();
    const rank = (c: Code) => {
      const r = recent.indexOf(c.id);
      return r < 0 ? 1000 : r;
    };
    return codes
      .filter((c) => !c.deleted && !chosen.includes(c.id) && (q === '' || c.name.toLowerCase().includes(q)))
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
      .slice(0, 8);
  }, [codes, chosen, query]);
  const activeIndex = Math.min(active, matches.length - 1);
  // The popover shows the list at once; elsewhere it opens as the person types (never on blur,
  // which would move the buttons below it under the pointer).
  const open = Boolean(autoFocus) || query.trim() !== '';

  function pick(code: Code | undefined) {
    if (!code) return;
    onChange([...chosen, code.id]);
    setQuery('');
    setActive(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const shortcut = shortcutIndex(event);
    if (shortcut !== null) {
      event.preventDefault();
      pick(matches[shortcut]);
      return;
    }
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(Math.min(matches.length - 1, activeIndex + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(0, activeIndex - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (matches[activeIndex]) pick(matches[activeIndex]);
      else if (onCreate && query.trim()) create();
    }
  }

  function create() {
    const name = query.trim();
    if (!onCreate || !name) return;
    void onCreate(name).then((code) => {
      if (!code) return;
      onChange([...chosen, code.id]);
      setQuery('');
    });
  }

  const byId = new Map(codes.map((c) => [c.id, c]));
  return (
    <div className="code-picker">
      {chosen.length > 0 && (
        <ul className="chosen-codes" aria-label="Chosen codes">
          {chosen.map((id) => {
            const code = byId.get(id);
            return (
              <li key={id} className="code-chip">
                <CodeSwatch color={code?.color ?? ''} />
                {code?.name ?? 'unknown code'}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove ${code?.name ?? 'code'}`}
                  onClick={() => onChange(chosen.filter((c) => c !== id))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <input
        type="text"
        role="combobox"
        aria-label="Find a code"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-activedescendant={matches[activeIndex] ? `${listId}-${matches[activeIndex].id}` : undefined}
        aria-autocomplete="list"
        placeholder="Find a code"
        value={query}
        autoFocus={autoFocus}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Matching codes" className="code-options">
          {matches.map((code, i) => (
            <li
              key={code.id}
              id={`${listId}-${code.id}`}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'code-option active' : 'code-option'}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(code)}
            >
              <CodeSwatch color={code.color} />
              {code.name}
              <kbd className="code-shortcut" aria-hidden="true">
                Alt+{i + 1}
              </kbd>
            </li>
          ))}
        </ul>
      )}
      {open && matches.length === 0 && (
        <p className="quiet code-option-none">
          No matching code.{' '}
          {onCreate && query.trim() && (
            <button type="button" className="button small" onClick={create}>
              Create code “{query.trim()}”
            </button>
          )}
        </p>
      )}
    </div>
  );
}
