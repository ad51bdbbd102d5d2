// CLI verbs for damage and backups: list a project's backups, restore one in its place, or copy
// a file refused as damaged so its work can be opened anyway.
import { resolve } from 'node:path';
import { listBackups } from '../project/backup.js';
import { openProject } from '../project/open-project.js';
import { restoreBackup } from '../project/restore.js';
import { salvage } from '../project/salvage.js';
import { author, positionals, type Io } from './cli-kit.js';

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

export async function cmdSalvage(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file],
  } = positionals(args, 1, 'field-coder salvage FILE');
  // Opened (and so checked in full, then sealed on closing) as any project is.
  const { copy } = await salvage(resolve(file!), async (c) => (await openProject(c, author())).project.close());
  io.out(`Copied to ${copy}: it passed every check but the original's seal. Look over the most recent work in it.\n`);
}
