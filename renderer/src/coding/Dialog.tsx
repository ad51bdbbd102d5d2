// A small modal dialog: labelled, closes on Escape or its Close button, and gives focus back.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  label: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
}

export function Dialog({ label, onClose, children, className }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    box.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)')?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        className={className ? `dialog ${className}` : 'dialog'}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="dialog-head">
          <h3>{label}</h3>
          <button type="button" className="button subtle small dialog-close" onClick={onClose}>
            Close
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
