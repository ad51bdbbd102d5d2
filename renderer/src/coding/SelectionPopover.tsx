// The popover that opens on a text selection in the reader: pick codes, add a note, "Code".
import { useEffect, useRef, useState } from 'react';
import type { Code } from '../../../electron/api/contract';
import { Button } from '../app/Button';
import { CodePicker } from './CodePicker';

interface Props {
  codes: readonly Code[];
  quote: string;
  rect: { top: number; left: number; bottom: number };
  onCode(codeIds: string[], note: string): void;
  onCreateCode?(name: string): Promise<Code | null>;
  onClose(): void;
}

export function SelectionPopover({ codes, quote, rect, onCode, onCreateCode, onClose }: Props) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const below = rect.bottom + 8;
  const top = below + 320 > window.innerHeight ? Math.max(8, rect.top - 330) : below;
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - 370));

  useEffect(() => {
    const onDown = (event: PointerEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [onClose]);

  return (
    <div
      ref={box}
      role="dialog"
      aria-label="Code selection"
      className="selection-popover"
      style={{ top, left }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <h3>Code selection</h3>
      <p className="selection-quote">“{quote.length > 200 ? `${quote.slice(0, 200)}…` : quote}”</p>
      <CodePicker codes={codes} chosen={chosen} onChange={setChosen} onCreate={onCreateCode} autoFocus />
      <label className="block-label">
        Note (optional)
        <textarea className="popover-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="popover-actions">
        <Button disabled={chosen.length === 0} onClick={() => onCode(chosen, note)}>
          Code
        </Button>
        <button type="button" className="button subtle" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
