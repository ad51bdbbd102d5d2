// The memo's Markdown in a plain textarea, with a citation type-ahead: typing "[@" (or "@" after
// "; " inside brackets) lists the references and interviews whose key, title or detail match.
// Arrow keys move through the list, Enter or Tab puts the key in, Escape closes it. Focus stays
// in the textarea throughout; aria-activedescendant tells assistive technology which is chosen.
import { useId, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Citable } from '../../../electron/api/contract';
import { caretPosition } from './caret-position';
import { citeQueryAt, insertKey, matchCitables, type CiteQuery } from './citation-query';
import { usePlaceCaret } from './usePlaceCaret';

interface Props {
  value: string;
  onChange(value: string): void;
  onBlur(): void;
  citables: Citable[];
  area: RefObject<HTMLTextAreaElement | null>;
}

interface Open {
  query: CiteQuery;
  /** Where the list hangs, under the caret. */
  top: number;
  left: number;
}

export function BodyEditor({ value, onChange, onBlur, citables, area }: Props) {
  const id = useId();
  const [open, setOpen] = useState<Open | null>(null);
  const [active, setActive] = useState(0);
  // The "@" whose list was closed (Escape, or a key chosen): it stays closed until another one.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const placeCaret = usePlaceCaret(area);

  const matches = open ? matchCitables(citables, open.query.prefix) : [];
  const showing = open !== null && matches.length > 0 && dismissed !== open.query.at;
  const current = Math.min(active, Math.max(0, matches.length - 1));

  function track(el: HTMLTextAreaElement) {
    const caret = el.selectionStart;
    const query = el.selectionStart === el.selectionEnd ? citeQueryAt(el.value, caret) : null;
    if (!query) {
      setOpen(null);
      setDismissed(null);
      return;
    }
    if (open?.query.at !== query.at || open.query.prefix !== query.prefix) setActive(0);
    setOpen({ query, ...caretPosition(el, caret) });
  }

  function choose(c: Citable) {
    const el = area.current;
    if (!el || !open) return;
    const next = insertKey(el.value, open.query, el.selectionStart, c.key);
    setDismissed(open.query.at);
    onChange(next.text);
    placeCaret(next.caret);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!showing) return;
    const pick = matches[current];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + matches.length) % matches.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && pick && !event.shiftKey) {
      choose(pick);
    } else if (event.key === 'Escape') {
      setDismissed(open.query.at);
    } else return;
    event.preventDefault();
    event.stopPropagation();
  }

  const optionId = (i: number) => `${id}-cite-${i}`;
  return (
    <div className="memo-body-field">
      <label htmlFor={`${id}-body`}>Text (Markdown)</label>
      <p id={`${id}-hint`} className="field-hint">
        Cite with [@key, p. 24]: type “[@” for a list of references and interviews.
      </p>
      <div className="memo-body-wrap">
        <textarea
          id={`${id}-body`}
          ref={area}
          className="memo-body"
          spellCheck
          value={value}
          aria-describedby={`${id}-hint`}
          aria-autocomplete="list"
          aria-controls={showing ? `${id}-cites` : undefined}
          aria-activedescendant={showing ? optionId(current) : undefined}
          onChange={(event) => {
            onChange(event.target.value);
            track(event.target);
          }}
          onSelect={(event) => track(event.currentTarget)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(null);
            onBlur();
          }}
        />
        {showing && (
          <ul
            id={`${id}-cites`}
            role="listbox"
            aria-label="Citations"
            className="cite-listbox"
            ref={(el) => {
              if (!el) return;
              el.style.top = `${open.top}px`;
              // Near the right edge the list moves left so it stays inside the editor.
              const room = (area.current?.clientWidth ?? 0) - el.offsetWidth;
              el.style.left = `${Math.max(0, Math.min(open.left, room))}px`;
            }}
          >
            {matches.map((c, i) => (
              <li
                key={c.key}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className="cite-option"
                // Keeps focus (and the caret) in the textarea while the pointer picks.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(c)}
              >
                <span className="cite-key">@{c.key}</span> <span className="cite-label">{c.label}</span>
                {c.detail && <span className="cite-detail"> — {c.detail}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
