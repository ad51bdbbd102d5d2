// CLI verbs for backups: list a project's backups, and restore one in its place.
import { resolve } from 'node:path';
import { listBackups } from '../project/backup.js';
import { restoreBackup } from '../project/restore.js';
import { positionals, type Io } from './cli-kit.js';

export async function cmdBackups(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file],
    values,
  } = positionals(args, 1, 'field-coder backups FILE [--json]', { json: { type: 'boolean' } });
  const list = listBackups(resolve(file!)).map(({ path: _path, ...b }) => b);
  if (values.json) return void io.out(`${JSON.stringify(list, null, 2)}\n`);
  if (!list.length) return void io.out('No backups yet.\n');
  for (const b of list) io.out(`${b.file}  ${b.reason}, schema ${b.schemaVersion}, ${(b.bytes / 1024).toFixed(0)} KB\n`);
}

export async function cmdRestore(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file, backup],
  } = positionals(args, 2, 'field-coder restore FILE BACKUP|latest');
  // The project must be closed everywhere: the restore replaces its file.
  const r = await restoreBackup(resolve(file!), backup!);
  io.out(`Restored ${r.restored}.\n`);
  if (r.keptAs) io.out(`The project as it was is kept in ${r.keptAs}\n`);
}
