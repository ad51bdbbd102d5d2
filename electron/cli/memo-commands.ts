// CLI verbs for memos: import a Markdown memo written elsewhere, and export a memo to Markdown
// (with its CSL-JSON beside it), DOCX, HTML or PDF.
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from '../core/errors.js';
import { writeFileAtomic } from '../core/write-file.js';
import { exportMemo } from '../memos/export-memo.js';
import { importMarkdownMemo } from '../memos/import-memo.js';
import { findMemo } from '../memos/memo-service.js';
import type { ExportFormat } from '../memos/render/model.js';
import { positionals, UsageError, withProject, type Io } from './cli-kit.js';
import { cmdExportQdpx } from './refi-commands.js';

const FORMATS: ExportFormat[] = ['md', 'docx', 'html', 'pdf'];

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new AppError('not_found', `Cannot read ${path}.`);
  }
}

export async function cmdMemo(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'import') throw new UsageError('usage: field-coder memo import FILE PATH.md [--title T]');
  const {
    positionals: [file, path],
    values,
  } = positionals(rest, 2, 'field-coder memo import FILE PATH.md [--title T]', { title: { type: 'string' } });
  const markdown = readText(path!);
  const { memo, unresolved } = await withProject(file!, (p) =>
    importMarkdownMemo(p, markdown, (values.title as string | undefined) ?? undefined),
  );
  io.out(`Imported memo "${memo.title}" (${memo.words} words), id ${memo.id}.\n`);
  if (unresolved.length) io.out(`Unresolved citation keys (${unresolved.length}): ${unresolved.join(', ')}\n`);
}

export async function cmdExport(args: string[], io: Io): Promise<void> {
  const [what, ...rest] = args;
  if (what === 'qdpx') return cmdExportQdpx(rest, io);
  const usage = 'field-coder export memo FILE MEMO --format md|docx|html|pdf [--style chicago|apa] [--redact TERM]... -o OUT';
  if (what !== 'memo') throw new UsageError(`usage: ${usage} (or: field-coder export qdpx FILE -o OUT.qdpx)`);
  const {
    positionals: [file, memoName],
    values,
  } = positionals(rest, 2, usage, {
    format: { type: 'string' },
    style: { type: 'string', default: 'chicago' },
    redact: { type: 'string', multiple: true },
    out: { type: 'string', short: 'o' },
  });
  const format = values.format as ExportFormat | undefined;
  const style = values.style as string;
  const out = values.out as string | undefined;
  if (!format || !FORMATS.includes(format)) throw new UsageError(`--format is one of ${FORMATS.join(', ')}`);
  if (style !== 'chicago' && style !== 'apa') throw new UsageError('--style is chicago or apa');
  if (!out) throw new UsageError(`usage: ${usage}`);
  const redact = values.redact as string[] | undefined;
  const result = await withProject(
    file!,
    (p) =>
      exportMemo(p, findMemo(p, memoName!).id, { format, style, baseName: basename(out, extname(out)), ...(redact ? { redact } : {}) }),
    { inspect: true },
  );
  // The first file goes to OUT; a Markdown export's bibliography goes beside it, named as the
  // Markdown's front matter expects.
  const [main, ...others] = result.files;
  writeFileAtomic(out, Buffer.from(main!.base64, 'base64'));
  io.out(`Wrote ${out}\n`);
  for (const f of others) {
    const path = join(dirname(out), f.fileName);
    writeFileAtomic(path, Buffer.from(f.base64, 'base64'));
    io.out(`Wrote ${path}\n`);
  }
  const r = result.report;
  io.out(`${r.citations} citations of ${r.items} sources.\n`);
  if (r.unresolved.length) io.out(`Unresolved citation keys: ${r.unresolved.join(', ')}\n`);
  for (const x of r.redactions) io.out(`Redacted "${x.term}" ${x.count} times.\n`);
  for (const n of r.notes) io.out(`${n}\n`);
}
