// The project switcher: a non-modal dialog under the header's Projects button. Escape, "Done"
// or a click outside closes it, and focus goes back to the button that opened it.
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { ProblemAlert } from '../app/ProblemAlert';

export const PROJECTS_PANEL_ID = 'projects-panel';

interface Props {
  /** The Projects button: clicks on it toggle the panel rather than count as "outside". */
  opener: RefObject<HTMLButtonElement | null>;
  /** returnFocus is false when a click elsewhere closed it: focus then stays where the click put it. */
  onClose(returnFocus: boolean): void;
  children: ReactNode;
}

export function ProjectsPanel({ opener, onClose, children }: Props) {
  const panel = useRef<HTMLDivElement>(null);

  // Focus moves into the panel so a keyboard user lands where the controls are.
  useEffect(() => {
    panel.current?.focus();
  }, []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose(true);
      }
    }
    function onPointerDown(event: PointerEvent) {
      const target = event.target as Node | null;
      if (!target || panel.current?.contains(target) || opener.current?.contains(target)) return;
      onClose(false);
    }
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [onClose, opener]);

  return (
    <div id={PROJECTS_PANEL_ID} ref={panel} className="projects-panel" role="dialog" aria-label="Projects" tabIndex={-1}>
      <div className="projects-panel-head">
        <h2>Projects</h2>
        <button type="button" className="button subtle" onClick={() => onClose(true)}>
          Done
        </button>
      </div>
      <ProblemAlert />
      {children}
    </div>
  );
}
