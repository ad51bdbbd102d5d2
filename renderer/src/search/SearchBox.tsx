// The header's search: one box for everything in the project. Enter searches; "?" explains the
// query language. Esc closes the help.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

interface Props {
  /** The query of the search on show, so the box reflects it. */
  query: string;
  onSearch(q: string): void;
}

export function SearchBox({ query, onSearch }: Props) {
  const id = useId();
  const [value, setValue] = useState(query);
  const [shownQuery, setShownQuery] = useState(query);
  const [helpOpen, setHelpOpen] = useState(false);
  const helpButton = useRef<HTMLButtonElement>(null);
  const help = useRef<HTMLDivElement>(null);

  // A search started elsewhere (or cleared) shows in the box.
  if (query !== shownQuery) {
    setShownQuery(query);
    setValue(query);
  }

  useEffect(() => {
    if (!helpOpen) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setHelpOpen(false);
        helpButton.current?.focus();
      }
    }
    function onPointerDown(event: PointerEvent) {
      const target = event.target as Node | null;
      if (!target || help.current?.contains(target) || helpButton.current?.contains(target)) return;
      setHelpOpen(false);
    }
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [helpOpen]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = value.trim();
    if (q) onSearch(q);
  }

  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor={`${id}-q`} className="visually-hidden">
        Search everything
      </label>
      <input
        id={`${id}-q`}
        type="search"
        value={value}
        placeholder="Search everything"
        autoComplete="off"
        spellCheck={false}
        maxLength={1000}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button">
        Search
      </button>
      <button
        ref={helpButton}
        type="button"
        className="button help-button"
        aria-label="Search help"
        aria-expanded={helpOpen}
        aria-controls={helpOpen ? `${id}-help` : undefined}
        onClick={() => setHelpOpen((o) => !o)}
      >
        ?
      </button>
      {helpOpen && (
        <div id={`${id}-help`} ref={help} className="popover search-help" role="note" aria-label="How to search">
          <p>Searches documents, excerpts, memos and references. Case and accents do not matter.</p>
          <dl>
            <dt>
              <code>border security</code>
            </dt>
            <dd>words: finds texts with all of them</dd>
            <dt>
              <code>"drug trade"</code>
            </dt>
            <dd>a phrase, word for word</dd>
            <dt>
              <code>traffick*</code>
            </dt>
            <dd>a prefix: trafficking, traffickers…</dd>
            <dt>
              <code>Sughd OR Khatlon</code>
            </dt>
            <dd>either word</dd>
            <dt>
              <code>Taliban AND Badakhshan</code>
            </dt>
            <dd>both (the same as a space)</dd>
            <dt>
              <code>Taliban NOT Afghanistan</code>
            </dt>
            <dd>the first without the second</dd>
          </dl>
          <p className="quiet">Place names also find their other spellings: Khatlon finds Hatlon.</p>
        </div>
      )}
    </form>
  );
}
