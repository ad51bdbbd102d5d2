// The seed texts in ../shared/seeds (beside the repository), the acceptance data for import
// and search.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';

export const SEEDS_DIR = join(packageRoot(), '..', 'shared', 'seeds');

export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(SEEDS_DIR, f));
}
