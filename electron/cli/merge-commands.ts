// CLI verbs for merging: `merge` a colleague's copy (or preview it with --dry-run) and list the
// `conflicts` a merge kept.
import { listConflicts } from '../exchange/merge/conflicts.js';
import { mergeProject, type MergeReport } from '../exchange/merge/merge.js';
import { positionals, withProject, type Io } from './cli-kit.js';

const show = (v: unknown) => (typeof v === 'string' ? `"${v.length > 60 ? `${v.slice(0, 57)}…` : v}"` : JSON.stringify(v));

function printReport(r: MergeReport, io: Io): void {
  const changes = Object.entries(r.tables).filter(([, x]) => x.added || x.changed);
  io.out(r.dryRun ? 'Dry run: nothing was changed. The merge would bring:\n' : 'Merged.\n');
  if (r.upgraded) io.out(`Their file (schema ${r.theirVersion}) was upgraded on a temporary copy first.\n`);
  if (!changes.length) io.out('  nothing new: the two copies agree.\n');
  for (const [t, x] of changes) io.out(`  ${t}: ${x.added} new, ${x.changed} changed\n`);
  if (r.conflicts.length) {
    io.out(`${r.conflicts.length} conflict(s): both values are kept; the later one shows.\n`);
    for (const c of r.conflicts) io.out(`  ${c.table}.${c.field} of ${c.rowId}: ${show(c.shown)} (shown) vs ${show(c.other)}\n`);
  }
  if (r.backup) io.out(`Backup made before merging: ${r.backup}\n`);
}

export async function cmdMerge(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file, theirs],
    values,
  } = positionals(args, 2, 'field-coder merge FILE THEIRS [--dry-run] [--json] [--identities]', {
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    identities: { type: 'boolean' },
  });
  const report = await withProject(file!, (p) =>
    mergeProject(p, theirs!, { dryRun: !!values['dry-run'], identities: !!values.identities }),
  );
  if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report, io);
}

export async function cmdConflicts(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file],
    values,
  } = positionals(args, 1, 'field-coder conflicts FILE [--json]', { json: { type: 'boolean' } });
  const list = await withProject(file!, (p) => listConflicts(p), { inspect: true });
  if (values.json) return void io.out(`${JSON.stringify(list, null, 2)}\n`);
  if (!list.length) return void io.out('No open conflicts.\n');
  for (const c of list)
    io.out(`${c.id}  ${c.table}.${c.field} ${c.label ? `(${c.label}) ` : ''}${show(c.shown)} shown, ${show(c.other)} kept\n`);
}
