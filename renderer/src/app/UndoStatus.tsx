// The status line under an action that can be undone ("Moved … to the trash. [Undo]"), in a
// live region so screen readers hear it.
import { Button } from './Button';

interface Props {
  text?: string | undefined;
  /** Shown as an Undo button when the last action can be taken back. */
  onUndo?: (() => void) | undefined;
  className?: string;
}

export function UndoStatus({ text, onUndo, className = 'status' }: Props) {
  return (
    <div role="status" className={className}>
      {text && (
        <p className="status-line">
          {text}
          {onUndo && (
            <Button className="button small" onClick={onUndo}>
              Undo
            </Button>
          )}
        </p>
      )}
    </div>
  );
}
