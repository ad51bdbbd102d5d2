// The three sizes issue 7 names, and where the bench finds its inputs and keeps its cache.
import { join } from 'node:path';
import { packageRoot } from '../electron/core/paths.js';

export type SizeName = 'S' | 'M' | 'L';

export interface SizeSpec {
  interviews: number;
  wordsPerInterview: number;
  excerpts: number;
  assessments: number;
  coders: number;
  references: number;
  memos: number;
  /** One field diary this long: the reader's worst case (issue 7's 500,000-word document). */
  longDocumentWords: number;
  /** Codes added to the template's starter codes. */
  extraCodes: number;
}

// S's interviews, codes and excerpts are the shared peer workload, made through the API; the
// rest (72 = every in-matrix cell of the default framework × 2 dimensions × 3 coders) is added
// afterwards so that S has a column for every measure.
export const SIZES: Record<SizeName, SizeSpec> = {
  S: {
    interviews: 20,
    wordsPerInterview: 5000,
    excerpts: 1000,
    assessments: 72,
    coders: 3,
    references: 30,
    memos: 2,
    longDocumentWords: 0,
    extraCodes: 0,
  },
  M: {
    interviews: 200,
    wordsPerInterview: 5000,
    excerpts: 20_000,
    assessments: 2400,
    coders: 3,
    references: 300,
    memos: 20,
    longDocumentWords: 500_000,
    extraCodes: 30,
  },
  L: {
    interviews: 1000,
    wordsPerInterview: 5000,
    excerpts: 100_000,
    assessments: 24_000,
    coders: 10,
    references: 2000,
    memos: 100,
    longDocumentWords: 500_000,
    extraCodes: 60,
  },
};

export const MEMO_200 = 'Memo with 200 citations';
export const LONG_TITLE = 'A field diary, 2014–2019';

const root = packageRoot();
export const SEEDS_DIR = join(root, '..', 'shared', 'seeds');
export const CORPUS_DIR = join(root, '..', 'shared', 'bench-corpus', 'peer-20x5000');
export const CACHE_DIR = join(root, 'bench', '.cache');
