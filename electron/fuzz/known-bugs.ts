// Bugs the fuzzer found in production code and that are not fixed yet, each with a pattern for
// its failure line. The fuzz loop counts an input that fails this way as a known bug, and keeps
// the first few such inputs as regressions/<target>/<hash>.bin with a <hash>.bug naming the bug;
// their replays are marked as expected to fail, or skipped where each replay costs a time-out.
// When a bug is fixed, delete it here: its inputs then replay as ordinary regressions.

import type { TargetName } from './target-names.js';

export interface KnownBug {
  id: string;
  targets: TargetName[];
  /** Matched against "reason: detail" of a failure. */
  pattern: RegExp;
  diagnosis: string;
  /** 'fails': replayed with it.fails; 'skip': not replayed (each replay would cost the full time limit). */
  replay: 'fails' | 'skip';
}

export const KNOWN_BUGS: KnownBug[] = [];

export function knownBug(target: TargetName, line: string): KnownBug | undefined {
  return KNOWN_BUGS.find((b) => b.targets.includes(target) && b.pattern.test(line));
}

export function knownBugById(target: TargetName, id: string | undefined): KnownBug | undefined {
  return KNOWN_BUGS.find((b) => b.targets.includes(target) && b.id === id);
}

/** Inputs kept per known bug: enough to replay it, few enough that replays stay cheap. */
export const KEEP_PER_BUG = 3;
