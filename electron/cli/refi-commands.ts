// CLI side of REFI-QDA: `export qdpx` writes a project for other QDA tools, and `import` hands
// .qdpx / .qdc files here. Both print the report, because the standard asks tools to say what
// an exchange could not carry.
import { AppError, toErrorValue } from '../core/errors.js';
import { writeFileAtomic } from '../core/write-file.js';
import { exportQdpx } from '../exchange/refi/export-qdpx.js';
import { importRefi, type ImportReport } from '../exchange/refi/import-qdpx.js';
import type { Project } from '../project/project.js';
import { positionals, UsageError, withProject, type Io } from './cli-kit.js';

export { isRefiFile } from '../exchange/refi/import-qdpx.js';

const counted = (counts: Record<string, number>, skipZero = true): string =>
  Object.entries(counts)
    .filter(([, n]) => !skipZero || n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ') || 'nothing';

function printImport(path: string, r: ImportReport, io: Io): void {
  io.out(`imported ${path} (REFI-QDA ${r.format === 'qdc' ? 'codebook' : 'project'}): ${counted(r.imported)}\n`);
  if (Object.values(r.existing).some((n) => n > 0)) io.out(`  already in the project, not added again: ${counted(r.existing)}\n`);
  for (const s of r.skipped) io.out(`  skipped: ${s.count} ${s.what}\n`);
  for (const n of r.notes) io.out(`  note: ${n}\n`);
}

/** Imports one .qdpx or .qdc into an open project and prints what happened; false when refused. */
export function importRefiPath(project: Project, path: string, bytes: Uint8Array, io: Io): boolean {
  try {
    printImport(path, importRefi(project, path, bytes), io);
    return true;
  } catch (e) {
    io.out(`refused  ${path}: ${toErrorValue(e).message}\n`);
    return false;
  }
}

export async function cmdExportQdpx(args: string[], io: Io): Promise<void> {
  const usage = 'field-coder export qdpx FILE -o OUT.qdpx';
  const {
    positionals: [file],
    values,
  } = positionals(args, 1, usage, { out: { type: 'string', short: 'o' } });
  const out = values.out as string | undefined;
  if (!out) throw new UsageError(`usage: ${usage}`);
  if (!/\.qdpx$/i.test(out)) throw new AppError('invalid', 'The output file must end in .qdpx, as REFI-QDA tools expect.');
  const { bytes, report } = await withProject(file!, exportQdpx, { inspect: true });
  writeFileAtomic(out, bytes);
  io.out(`Wrote ${out}: ${counted(report.written)}.\n`);
  for (const a of report.approximated) io.out(`approximated: ${a}\n`);
  for (const o of report.omitted) io.out(`left out: ${o}\n`);
}
