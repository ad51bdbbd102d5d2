// Messages between the harness and its child processes.

export interface ChildRequest {
  id: number;
  bytes: Uint8Array;
}

export type Outcome = 'ok' | 'refused' | 'failure';

export type ChildResult =
  | { type: 'result'; id: number; ms: number; outcome: Outcome; reason: string; detail: string }
  /** Something went wrong after input `id` had been answered (e.g. a rejection nobody awaited). */
  | { type: 'late'; id: number; detail: string };
