// Whether the memo's text is safely stored. Quiet while all is well (a live region that spoke
// on every pause in typing would drown a screen reader); a failure is announced, with Retry.
import type { SaveState as State } from './useAutosave';

export function SaveState({ state, onRetry }: { state: State; onRetry(): void }) {
  if (state.kind === 'failed')
    return (
      <span role="alert" className="save-state failed">
        Not saved: {state.message}{' '}
        <button type="button" className="button small" onClick={onRetry}>
          Retry
        </button>
      </span>
    );
  return <span className="save-state quiet">{state.kind === 'saved' ? 'Saved' : 'Saving…'}</span>;
}
