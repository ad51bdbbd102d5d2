// The one place failures are shown: a dismissable alert, announced by screen readers.
import { useWork } from './work';

export function ProblemAlert() {
  const { problem, dismissProblem } = useWork();
  if (problem === null) return null;
  return (
    <div className="problem" role="alert">
      <p className="problem-message">{problem}</p>
      <button type="button" className="button subtle" onClick={dismissProblem}>
        Dismiss
      </button>
    </div>
  );
}
