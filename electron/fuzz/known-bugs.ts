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

export const KNOWN_BUGS: KnownBug[] = [
  {
    id: 'merge-migrate-copy',
    targets: ['merge'],
    pattern: /SqliteError: (table|trigger|index) \S+ already exists/,
    diagnosis:
      'prepareTheirCopy migrates the copy by its user_version alone: a file whose user_version is older than its tables (or that lacks some of them) makes a migration step fail with a raw SqliteError instead of an AppError',
    replay: 'fails',
  },
  {
    id: 'merge-foreign-keys',
    targets: ['merge'],
    pattern: /SqliteError: FOREIGN KEY constraint failed/,
    diagnosis:
      'mergeProject defers foreign keys and copies their rows in; rows pointing at parents that exist in neither file fail the commit with a raw SqliteError (rolled back, but not refused with an AppError)',
    replay: 'fails',
  },
  {
    id: 'merge-loose-types',
    targets: ['merge'],
    pattern: /SqliteError: (cannot store \w+ value in \w+ column|(CHECK|NOT NULL|UNIQUE) constraint failed)/,
    diagnosis:
      'checkTheirSchema compares column names only: their table may be non-STRICT, without CHECKs or NOT NULLs, and its values then break our constraints in the middle of the merge with a raw SqliteError',
    replay: 'fails',
  },
  {
    id: 'pdf-no-time-limit',
    targets: ['document-pdf'],
    pattern: /^(timeout|memory|out-of-memory):/,
    diagnosis:
      'extractPdf gives pdf.js no time or work limit: a 43 KB PDF whose page lists one 10 KB (decrypted-garbage) content stream eight times spends 35 s in getTextContent before saying it has no text',
    replay: 'skip',
  },
  {
    id: 'refs-import-quadratic',
    targets: ['references-bibtex', 'references-ris', 'references-csljson', 'references-sniff'],
    pattern: /^(timeout|memory|out-of-memory):/,
    diagnosis:
      'commitImport grows quadratically with the number of references in the file: findDuplicate compares each incoming item with every library reference (foldKey recomputed per comparison) and same-author-year keys are probed suffix by suffix; 4,000 references take 10-17 s, 8,000 over 40 s',
    replay: 'skip',
  },
  {
    id: 'csl-name-not-string',
    targets: ['references-csljson', 'references-sniff'],
    pattern: /TypeError: s\.(normalize|toLowerCase) is not a function at (foldKey|asciiFold)/,
    diagnosis:
      'validateCslItems checks that each name is an object but not that its family (or literal) is a string; the duplicate check (foldKey) or the citation key (keys.ts asciiFold) then calls string methods on an object: TypeError',
    replay: 'fails',
  },
  {
    id: 'csv-import-cost',
    targets: ['assessments-csv'],
    pattern: /^(timeout|memory|out-of-memory):/,
    diagnosis:
      'importAssessmentsCsv costs about 0.2 ms and ~15 kB of memory a row (a writeAssessment with its own queries each), so well inside MAX_ROWS (200,000) a 6 MB file of 16,000 rows takes 7-10 s and 280 MB',
    replay: 'skip',
  },
  {
    id: 'template-deep-codes',
    targets: ['framework-template'],
    pattern: /^stack-overflow: RangeError: Maximum call stack size exceeded/,
    diagnosis:
      'parseTemplate: starter codes nested a few thousand deep (codeSchema is a z.lazy recursion with no depth limit) overflow the stack inside zod safeParse, and the RangeError escapes instead of an AppError',
    replay: 'fails',
  },
  {
    id: 'template-unit-chain',
    targets: ['framework-template'],
    pattern: /^(timeout|stack-overflow|out-of-memory|memory):/,
    diagnosis:
      'installTemplate sorts units with depth() as the comparator key, and depth() walks the parent chain with t.units.find at every step: cubic, so a chain of 1,000 units takes 2 s and 9,000 (the schema allows 10,000) never finishes',
    replay: 'skip',
  },
  {
    id: 'memo-many-citations',
    targets: ['memo-render'],
    pattern: /^(timeout|memory|out-of-memory):/,
    diagnosis:
      'renderMemo formats every citation cluster with citeproc-js (rebuildProcessorState), which grows faster than linearly: 4,000 clusters, about 100 KB of memo, take 10-26 s; nothing caps the number of citations a memo may hold',
    replay: 'skip',
  },
];

export function knownBug(target: TargetName, line: string): KnownBug | undefined {
  return KNOWN_BUGS.find((b) => b.targets.includes(target) && b.pattern.test(line));
}

export function knownBugById(target: TargetName, id: string | undefined): KnownBug | undefined {
  return KNOWN_BUGS.find((b) => b.targets.includes(target) && b.id === id);
}

/** Inputs kept per known bug: enough to replay it, few enough that replays stay cheap. */
export const KEEP_PER_BUG = 3;
