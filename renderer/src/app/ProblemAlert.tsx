// The one place failures are shown: a dismissable alert, announced by screen readers.
import { useEffect, useRef } from 'react';
import { useWork } from './work';

export function ProblemAlert() {
  const { problem, dismissProblem } = useWork();
  // The alert does not take focus; remember where the person was, to go back there on Dismiss
  // (otherwise focus would fall to the top of the page when the button disappears).
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    if (problem !== null) returnTo.current = document.activeElement;
  }, [problem]);

  if (problem === null) return null;

  function dismiss() {
    dismissProblem();
    const target = returnTo.current;
    if (target instanceof HTMLElement && target.isConnected) target.focus();
  }

  return (
    <div className="problem" role="alert">
      <p className="problem-message">{problem}</p>
      <button type="button" className="button subtle" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
