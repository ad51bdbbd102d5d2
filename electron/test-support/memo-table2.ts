// The memo's Table 2 (shared/framework.md) as test data: the table itself, and a CSV of the
// judgements behind it for the assessments importer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from '../coding/csv.js';
import { packageRoot } from '../core/paths.js';

/** Table 2 as printed in shared/framework.md: header and rows of cells. */
export function table2(): string[][] {
  const md = readFileSync(join(packageRoot(), '..', 'shared', 'framework.md'), 'utf8');
  const section = md.split('## Units and periods')[1]!.split('\n## ')[0]!;
  const block = section.split('\n').filter((l) => l.startsWith('|'));
  return block
    .filter((l) => !/^\|[-| ]+\|$/.test(l))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

/** The levels behind each outcome, read from the framework's own outcome table. */
export const LEVELS: Record<string, [string, string]> = {
  hegemonic: ['high', 'high'],
  captured: ['high', 'low'],
  degraded: ['low', 'high'],
  failed: ['low', 'low'],
};

export function memoCsv(coder = 'Memo author'): string {
  const [header, ...rows] = table2();
  const lines = [csvLine(['unit', 'period', 'dimension', 'level', 'coder', 'confidence', 'rationale'])];
  for (const row of rows) {
    row.slice(1).forEach((outcome, i) => {
      const [cap, will] = LEVELS[outcome]!;
      lines.push(csvLine([row[0]!, header![i + 1]!, 'capability', cap, coder, 'high', `From the memo, "${outcome}"`]));
      lines.push(csvLine([row[0]!, header![i + 1]!, 'willingness', will, coder, 'high', '']));
    });
  }
  return lines.join('\n');
}
