// CLI verbs. Each is a thin layer over the same services the app uses.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { projectCounts } from '../app/session.js';
import { DeviceStore } from '../core/device.js';
import { AppError, toErrorValue } from '../core/errors.js';
import { importFile } from '../documents/document-service.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../documents/types.js';
import { exportTemplate, importTemplate } from '../framework/framework-service.js';
import { search } from '../search/search-service.js';
import { PROJECT_EXTENSION } from '../project/format.js';
import { latestVersion, schemaVersion } from '../project/migrate.js';
import { createProject, openProject } from '../project/open-project.js';
import type { Author, Project } from '../project/project.js';

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export const HELP = `Field Coder — qualitative coding and framework assessments, offline.

Usage: field-coder <command> [options]

Commands:
  new FILE [--name NAME]              Create a project file (${PROJECT_EXTENSION} is added if missing)
                                      with the built-in state-capacity framework.
  check FILE [--json]                 Check a project: integrity, schema version, counts.
                                      Reads only; never changes the file.
  import FILE PATH... [--kind K]      Import documents (.txt .md .docx .pdf .html); K is interview,
                                      fieldnote or document (default). One line per file; exit 1
                                      if any file was refused (the others are imported).
  search FILE QUERY [--json]          Search documents, excerpts, memos and references: words,
                                      "phrases", prefix*, AND / OR / NOT; unit aliases expand.
  framework export FILE [-o OUT]      Write the project's framework and codebook as template JSON.
  framework import FILE TEMPLATE      Make a template JSON the project's active framework.
  --help                              Show this help.

Exit codes: 0 ok, 1 a problem with the input (one line on stderr), 2 an internal error.
Settings and the default projects folder: $FIELD_CODER_HOME, else the OS data folder.
`;

class UsageError extends AppError {
  constructor(message: string) {
    super('bad_request', `${message} (see field-coder --help)`);
  }
}

function author(): Author {
  const s = new DeviceStore().get();
  return { deviceId: s.deviceId, coderId: s.coderId, coderName: s.coderName };
}

async function withProject<T>(file: string, fn: (p: Project) => T | Promise<T>, opts: { inspect?: boolean } = {}): Promise<T> {
  const { project } = await openProject(file, author(), opts);
  try {
    return await fn(project);
  } finally {
    project.close();
  }
}

function positionals(args: string[], count: number, usage: string, options: ParseArgsConfig['options'] = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.positionals.length !== count) throw new UsageError(`usage: ${usage}`);
  return parsed;
}

async function cmdNew(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file],
    values,
  } = positionals(args, 1, 'field-coder new FILE [--name NAME]', { name: { type: 'string' } });
  const path = extname(file!) === PROJECT_EXTENSION ? file! : `${file}${PROJECT_EXTENSION}`;
  const name = (values.name as string | undefined) ?? basename(path, PROJECT_EXTENSION);
  const { project } = await createProject(path, author(), { name });
  project.close();
  io.out(`Created ${path} (project "${name}", schema ${latestVersion()}, framework: state capacity).\n`);
}

async function cmdCheck(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file],
    values,
  } = positionals(args, 1, 'field-coder check FILE [--json]', { json: { type: 'boolean' } });
  const report = await withProject(
    file!,
    (p) => {
      const integrity = (p.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
      const version = schemaVersion(p.db);
      const current = version === latestVersion();
      return {
        file: basename(file!),
        integrity,
        schemaVersion: version,
        latestSchemaVersion: latestVersion(),
        ...(current ? { name: p.name, counts: projectCounts(p) } : {}),
      };
    },
    { inspect: true },
  );
  if (values.json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.out(`${report.file}: ${report.integrity === 'ok' ? 'integrity ok' : `INTEGRITY PROBLEMS: ${report.integrity}`}\n`);
    io.out(
      `schema version ${report.schemaVersion}${report.schemaVersion < report.latestSchemaVersion ? ` (older; opening it in Field Coder upgrades it to ${report.latestSchemaVersion} after a backup)` : ''}\n`,
    );
    if (report.counts) {
      io.out(`project "${report.name}"\n`);
      for (const [k, v] of Object.entries(report.counts)) io.out(`  ${k.padEnd(12)} ${v}\n`);
    }
  }
  if (report.integrity !== 'ok') throw new AppError('corrupt', 'The project failed its integrity check.');
}

async function cmdFramework(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'export') {
    const {
      positionals: [file],
      values,
    } = positionals(rest, 1, 'field-coder framework export FILE [-o OUT]', { output: { type: 'string', short: 'o' } });
    const json = `${JSON.stringify(await withProject(file!, exportTemplate), null, 2)}\n`;
    const out = values.output as string | undefined;
    if (out) {
      if (existsSync(out)) throw new AppError('exists', `${out} already exists.`);
      writeFileSync(out, json);
      io.out(`Wrote ${out}\n`);
    } else io.out(json);
    return;
  }
  if (sub === 'import') {
    const {
      positionals: [file, template],
    } = positionals(rest, 2, 'field-coder framework import FILE TEMPLATE.json');
    let json: string;
    try {
      json = readFileSync(template!, 'utf8');
    } catch {
      throw new AppError('not_found', `Cannot read ${template}.`);
    }
    const fw = await withProject(file!, (p) => importTemplate(p, json));
    io.out(
      `Imported framework "${fw.name}": ${fw.dimensions.length} dimensions, ${fw.outcomes.length} outcomes, ${fw.units.length} units, ${fw.periods.length} periods.\n`,
    );
    return;
  }
  throw new UsageError('usage: field-coder framework export|import …');
}

async function cmdImport(args: string[], io: Io): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { kind: { type: 'string', default: 'document' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [file, ...paths] = parsed.positionals;
  if (!file || paths.length === 0) throw new UsageError('usage: field-coder import FILE PATH... [--kind interview|fieldnote|document]');
  const kind = parsed.values.kind as string;
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${DOCUMENT_KINDS.join(', ')}`);
  const refused = await withProject(file, async (p) => {
    let failures = 0;
    for (const path of paths) {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path);
      } catch {
        io.out(`refused  ${path}: cannot read this file\n`);
        failures++;
        continue;
      }
      const outcome = await importFile(p, path, bytes, kind as DocumentKind);
      if (outcome.status === 'imported') {
        const d = outcome.document!;
        io.out(`imported ${path}: "${d.title}", ${d.wordCount} words${outcome.message ? ` (${outcome.message})` : ''}\n`);
      } else {
        io.out(`refused  ${path}: ${outcome.message}\n`);
        failures++;
      }
    }
    return failures;
  });
  if (refused > 0) throw new AppError('invalid', `${refused} of ${paths.length} files were refused; the others were imported.`);
}

async function cmdSearch(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file, query],
    values,
  } = positionals(args, 2, 'field-coder search FILE QUERY [--json]', { json: { type: 'boolean' }, limit: { type: 'string' } });
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit takes a whole number from 1 to 500');
  const result = await withProject(file!, (p) => search(p, { q: query!, limit }), { inspect: true });
  if (values.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  io.out(
    `${result.hits.length} of ${result.total} results${result.expandedWith.length ? ` (also searched for: ${result.expandedWith.join(', ')})` : ''}\n`,
  );
  for (const h of result.hits) {
    const snippet = h.snippet
      .map((part) => (part.hit ? `[${part.text}]` : part.text))
      .join('')
      .replace(/\s+/g, ' ');
    io.out(`${h.scope.padEnd(9)} ${h.title}${h.offset !== undefined ? ` @${h.offset}` : ''}\n          ${snippet}\n`);
  }
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<void>> = {
  new: cmdNew,
  import: cmdImport,
  search: cmdSearch,
  check: cmdCheck,
  framework: cmdFramework,
};

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(HELP);
    return cmd === undefined ? 1 : 0;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    io.err(`field-coder: unknown command "${cmd}" (see field-coder --help)\n`);
    return 1;
  }
  try {
    await run(rest, io);
    return 0;
  } catch (e) {
    const v = toErrorValue(e);
    io.err(`field-coder: ${v.message}\n`);
    return v.code === 'internal' ? 2 : 1;
  }
}
