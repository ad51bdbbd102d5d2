// CLI verbs. Each is a thin layer over the same services the app uses.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { projectCounts } from '../app/session.js';
import { DeviceStore } from '../core/device.js';
import { AppError, toErrorValue } from '../core/errors.js';
import { exportTemplate, importTemplate } from '../framework/framework-service.js';
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

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<void>> = {
  new: cmdNew,
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
