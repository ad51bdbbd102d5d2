// Every call to the host runs through `run`: it marks the app busy (so buttons disable and a
// double click cannot send a call twice) and turns any failure into one readable alert.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';

export interface Work {
  /** True while any call is under way. */
  busy: boolean;
  /** The message the alert shows, or null. */
  problem: string | null;
  /** Runs a task; resolves true if it finished, false if it failed (the alert then says why). */
  run(task: () => Promise<void>): Promise<boolean>;
  dismissProblem(): void;
}

const WorkContext = createContext<Work | null>(null);

/**
 * The host words input problems for developers ("Invalid input for project.create: name: A
 * project needs a name."); a person typing a name only needs the last part.
 */
export function plainInputProblem(message: string): string {
  const body = message.replace(/^Invalid input for [\w.]+: /, '');
  return body
    .split('; ')
    .map((issue) => issue.replace(/^[\w.]+: /, ''))
    .join('; ');
}

/** What a person reads for a failure: the host's own one-line message, never a stack trace. */
export function describeFailure(err: unknown): string | null {
  if (err instanceof ApiError) {
    // Cancelling a native dialog is a choice, not a problem.
    if (err.code === 'cancelled') return null;
    return err.code === 'bad_request' ? plainInputProblem(err.message) : err.message;
  }
  return 'Something went wrong in this window. Try again; if it keeps happening, restart Field Coder.';
}

export function WorkProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  const run = useCallback(async (task: () => Promise<void>): Promise<boolean> => {
    setPending((n) => n + 1);
    try {
      await task();
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(err);
      const message = describeFailure(err);
      if (message !== null) setProblem(message);
      return false;
    } finally {
      setPending((n) => n - 1);
    }
  }, []);

  const dismissProblem = useCallback(() => setProblem(null), []);

  const work = useMemo<Work>(() => ({ busy: pending > 0, problem, run, dismissProblem }), [pending, problem, run, dismissProblem]);
  return <WorkContext.Provider value={work}>{children}</WorkContext.Provider>;
}

export function useWork(): Work {
  const work = useContext(WorkContext);
  if (!work) throw new Error('useWork needs a WorkProvider above it.');
  return work;
}
