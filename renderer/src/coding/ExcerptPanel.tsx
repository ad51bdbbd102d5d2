// The selected excerpt beside the reader's text: its codes (add, remove), note, bounds, delete.
import { useState } from 'react';
import type { Code, Excerpt } from '../../../electron/api/contract';
import { Button } from '../app/Button';
import { CodePicker } from './CodePicker';

interface Props {
  excerpt: Excerpt;
  codes: readonly Code[];
  onUpdate(patch: { codeIds?: string[]; note?: string; start?: number; end?: number }): void;
  onDelete(): void;
  onAssess(): void;
  onClose(): void;
  /** Code point offset moved by a word from `at` in `direction`. */
  wordStep(at: number, direction: 1 | -1): number;
}

export function ExcerptPanel({ excerpt, codes, onUpdate, onDelete, onAssess, onClose, wordStep }: Props) {
  const [note, setNote] = useState(excerpt.note);
  const move = (which: 'start' | 'end', direction: 1 | -1) => {
    const next = wordStep(excerpt[which], direction);
    const start = which === 'start' ? next : excerpt.start;
    const end = which === 'end' ? next : excerpt.end;
    if (end > start) onUpdate({ [which]: next });
  };
  return (
    <section className="excerpt-panel" aria-label="Selected excerpt">
      <div className="dialog-head">
        <h3>Excerpt</h3>
        <button type="button" className="button subtle small" onClick={onClose}>
          Close
        </button>
      </div>
      <blockquote className="selection-quote">{excerpt.text}</blockquote>
      <p className="quiet">
        Coded by {excerpt.coderName || 'unknown'} · characters {excerpt.start}–{excerpt.end}
      </p>
      <CodePicker codes={codes} chosen={excerpt.codeIds} onChange={(codeIds) => onUpdate({ codeIds })} />
      <label className="block-label">
        Note
        <textarea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => note !== excerpt.note && onUpdate({ note })}
        />
      </label>
      <div className="panel-actions" role="group" aria-label="Bounds">
        <Button className="button small" onClick={() => move('start', -1)}>
          Extend start by a word
        </Button>
        <Button className="button small" onClick={() => move('start', 1)}>
          Shrink start by a word
        </Button>
        <Button className="button small" onClick={() => move('end', -1)}>
          Shrink end by a word
        </Button>
        <Button className="button small" onClick={() => move('end', 1)}>
          Extend end by a word
        </Button>
      </div>
      <div className="panel-actions">
        <Button onClick={onAssess}>Record assessment…</Button>
        <Button className="button danger" onClick={onDelete}>
          Delete excerpt
        </Button>
      </div>
    </section>
  );
}
