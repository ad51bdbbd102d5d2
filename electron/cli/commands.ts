// CLI verbs. Each is a thin layer over the same services the app uses.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { projectCounts } from '../app/session.js';
import { AppError, toErrorValue } from '../core/errors.js';
import { IMPORT_GROUP_BYTES, IMPORT_GROUP_FILES } from '../api/contract.js';
import { importFiles } from '../documents/document-service.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../documents/types.js';
import { exportTemplate, importTemplate } from '../framework/framework-service.js';
import { search } from '../search/search-service.js';
import { agreementReport } from '../coding/agreement-report.js';
import { csvLine } from '../coding/csv.js';
import { importAssessmentsCsv } from '../coding/import-assessments.js';
import { computeMatrix, matrixTable } from '../coding/matrix.js';
import { codeReport, reportCsv, type ReportKind } from '../coding/reports.js';
import { commitImport, exportReferences, previewImport } from '../references/reference-service.js';
import type { MatrixView } from '../coding/types.js';
import { PROJECT_EXTENSION } from '../project/format.js';
import { latestVersion, schemaVersion } from '../project/migrate.js';
import { projectHealth } from '../project/health.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { author, positionals, UsageError, withProject, type Io } from './cli-kit.js';
import { cmdExport, cmdMemo } from './memo-commands.js';
import { cmdConflicts, cmdMerge } from './merge-commands.js';
import { cmdBackups, cmdRestore, cmdSalvage } from './backup-commands.js';
import { cmdFingerprint, cmdShare } from './exchange-commands.js';
import { importRefiPath, isRefiFile } from './refi-commands.js';

export type { Io };

export const HELP = `Field Coder — qualitative coding and framework assessments, offline.

Usage: field-coder <command> [options]

Commands:
  new FILE [--name NAME]              Create a project file (${PROJECT_EXTENSION} is added if missing)
                                      with the built-in state-capacity framework.
  check FILE [--json]                 Check a project: integrity, schema version, rows pointing at
                                      missing rows, excerpts out of step with their text, search
                                      indexes, counts. Reads only; never changes the file.
  import FILE PATH... [--kind K]      Import documents (.txt .md .docx .pdf .html); K is interview,
                                      fieldnote or document (default). One line per file; exit 1
                                      if any file was refused (the others are imported).
                                      A REFI-QDA project (.qdpx) or codebook (.qdc) from another QDA
                                      tool imports whole, in one transaction, matched by GUID (a
                                      second import adds nothing), with a report of what was skipped.
  search FILE QUERY [--json]          Search documents, excerpts, memos and references: words,
                                      "phrases", prefix*, AND / OR / NOT; unit aliases expand.
  assessments import FILE CSV         Import judgements (columns unit, period, dimension, level,
                                      coder, confidence, rationale); a bad row imports nothing.
  matrix FILE [--coder NAME | --consensus] [--format md|csv|json]
                                      The units x periods matrix of outcomes (default: pooled).
  agreement FILE [--json]             Agreement between coders: percent, Cohen's kappa,
                                      Krippendorff's alpha, and the disagreeing cells.
  refs import FILE PATH               Import BibTeX, BibLaTeX, RIS or CSL-JSON; likely duplicates
                                      (DOI, or title + year + first author) are listed and skipped.
  refs export FILE --format F         Write the library as csljson or bibtex to standard output.
  memo import FILE PATH.md [--title T]
                                      A Markdown memo becomes a memo; citation keys that match no
                                      reference or interview are listed.
  export memo FILE MEMO --format md|docx|html|pdf [--style chicago|apa] [--redact TERM]... -o OUT
                                      Export a memo (MEMO is its title or id) with its citations,
                                      tables and bibliography; Markdown writes OUT.json beside it.
                                      The project's redaction list applies unless --redact is given.
                                      PDF needs Chromium (or set FIELD_CODER_CHROMIUM).
  export qdpx FILE -o OUT.qdpx        The project as REFI-QDA for other QDA tools: sources, codes,
                                      codings, memos, interviews as cases; never identities (names
                                      masked). Prints what was approximated (assessments) or left out.
  report FILE KIND                    Code report as CSV; KIND is code-document, code-role or
                                      co-occurrence.
  framework export FILE [-o OUT]      Write the project's framework and codebook as template JSON.
  framework import FILE TEMPLATE      Make a template JSON the project's active framework.
  fingerprint FILE [--with-identities] [--json]
                                      The project's content fingerprint (3f2a-91c0-7b4e and the
                                      full SHA-256): equal for copies with the same content,
                                      whatever their history. Identities count only if asked.
  share FILE -o OUT [--without-identities] [--without-history]
                                      Write a compact single-file copy to send; the left-out real
                                      names and memo history leave no trace in its bytes.
  merge FILE THEIRS [--dry-run] [--json] [--identities]
                                      Merge a colleague's copy: rows match by id, each field takes
                                      the later change, both values of a field changed on both
                                      sides are kept as a conflict. Backs up first; all or nothing.
                                      --dry-run shows what would change; identities only if asked.
  conflicts FILE [--json]             The open conflicts: the value shown and the one kept.
  backups FILE [--json]               The project's backups (before migrations, merges and
                                      restores, and daily in use), newest first; each checked.
  restore FILE BACKUP|latest          Put a backup in the project's place (close it in the app
                                      first); the project as it was is kept beside the backups.
  salvage FILE                        For a file refused as damaged: copy it beside itself without
                                      its seal and keep the copy if it passes every other check.
                                      The damaged file is never written.
  --help                              Show this help.

Exit codes: 0 ok, 1 a problem with the input (one line on stderr), 2 an internal error.
Settings and the default projects folder: $FIELD_CODER_HOME, else the OS data folder.
`;

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
    (p, opened) => {
      const version = schemaVersion(p.db);
      const current = version === latestVersion();
      const { integrity, ...health } = projectHealth(p.db);
      return {
        file: basename(file!),
        integrity,
        seal: opened.seal,
        unkeptChange: !!opened.unkeptChange,
        schemaVersion: version,
        latestSchemaVersion: latestVersion(),
        ...health,
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
      report.seal === 'intact'
        ? 'seal intact: the file is every byte as Field Coder sealed it (changes saved since, if any, are in its WAL, whose frames read whole)\n'
        : 'no seal: the file changed after Field Coder last sealed it and was not closed by it since (or is older), so the checks above are all there is\n',
    );
    if (report.unkeptChange)
      io.out(
        'LEFT BY A CRASH while saving a change: that change could not be read back from the WAL and is not in the project; everything saved before it is\n',
      );
    io.out(
      `schema version ${report.schemaVersion}${report.schemaVersion < report.latestSchemaVersion ? ` (older; opening it in Field Coder upgrades it to ${report.latestSchemaVersion} after a backup)` : ''}\n`,
    );
    for (const [t, n] of Object.entries(report.missingParents))
      io.out(`MISSING PARENTS: ${n} row(s) in ${t} point at rows that do not exist\n`);
    for (const [what, n] of Object.entries(report.underTrashedParents)) io.out(`note: ${n} ${what}\n`);
    if (report.excerptMismatches)
      io.out(`EXCERPTS OUT OF STEP: ${report.excerptMismatches} excerpt(s) differ from their document's text\n`);
    for (const [t, v] of Object.entries(report.fts)) if (v !== 'ok') io.out(`SEARCH INDEX ${t}: ${v}\n`);
    if (report.ok) io.out('foreign keys, excerpts and search indexes ok\n');
    if (report.counts) {
      io.out(`project "${report.name}"\n`);
      for (const [k, v] of Object.entries(report.counts)) io.out(`  ${k.padEnd(12)} ${v}\n`);
    }
  }
  if (report.integrity !== 'ok') throw new AppError('corrupt', 'The project failed its integrity check.');
  if (!report.ok) throw new AppError('corrupt', 'The project has the problems listed above; restore a backup or ask for help.');
}

async function cmdFramework(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'export') {
    const {
      positionals: [file],
      values,
    } = positionals(rest, 1, 'field-coder framework export FILE [-o OUT]', { output: { type: 'string', short: 'o' } });
    const json = `${JSON.stringify(await withProject(file!, (p) => exportTemplate(p)), null, 2)}\n`;
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
    // Files are imported in groups, one transaction each (see importFiles); lines keep the
    // order the paths were given in.
    let group: { fileName: string; bytes: Uint8Array }[] = [];
    let groupBytes = 0;
    const flush = async (): Promise<void> => {
      if (!group.length) return;
      const outcomes = await importFiles(p, group, kind as DocumentKind);
      outcomes.forEach((outcome, i) => {
        const path = group[i]!.fileName;
        if (outcome.status === 'imported') {
          const d = outcome.document!;
          io.out(`imported ${path}: "${d.title}", ${d.wordCount} words${outcome.message ? ` (${outcome.message})` : ''}\n`);
        } else {
          io.out(`refused  ${path}: ${outcome.message}\n`);
          failures++;
        }
      });
      group = [];
      groupBytes = 0;
    };
    for (const path of paths) {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path);
      } catch {
        await flush();
        io.out(`refused  ${path}: cannot read this file\n`);
        failures++;
        continue;
      }
      if (isRefiFile(path)) {
        await flush();
        if (!importRefiPath(p, path, bytes, io)) failures++;
        continue;
      }
      group.push({ fileName: path, bytes });
      groupBytes += bytes.length;
      if (group.length >= IMPORT_GROUP_FILES || groupBytes >= IMPORT_GROUP_BYTES) await flush();
    }
    await flush();
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

async function cmdAssessments(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'import') throw new UsageError('usage: field-coder assessments import FILE CSV');
  const {
    positionals: [file, csvPath],
  } = positionals(rest, 2, 'field-coder assessments import FILE CSV');
  let csv: string;
  try {
    csv = readFileSync(csvPath!, 'utf8');
  } catch {
    throw new AppError('not_found', `Cannot read ${csvPath}.`);
  }
  const r = await withProject(file!, (p) => importAssessmentsCsv(p, csv));
  io.out(`Imported ${r.rows} judgements${r.newCoders.length ? ` (new coders: ${r.newCoders.join(', ')})` : ''}.\n`);
}

function coderByName(p: Project, name: string): string {
  const rows = p.db.prepare('SELECT id, name FROM coders WHERE deleted = 0').all() as { id: string; name: string }[];
  const hit = rows.find((r) => r.name.toLowerCase() === name.toLowerCase());
  if (!hit) throw new AppError('not_found', `No coder called "${name}". Coders: ${rows.map((r) => r.name).join(', ')}.`);
  return hit.id;
}

async function cmdMatrix(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file],
    values,
  } = positionals(args, 1, 'field-coder matrix FILE [--coder NAME | --consensus] [--format md|csv|json]', {
    coder: { type: 'string' },
    consensus: { type: 'boolean' },
    format: { type: 'string', default: 'md' },
  });
  const format = values.format as string;
  if (!['md', 'csv', 'json'].includes(format)) throw new UsageError('--format is md, csv or json');
  if (values.coder && values.consensus) throw new UsageError('choose --coder or --consensus, not both');
  const out = await withProject(
    file!,
    (p) => {
      const view: MatrixView = values.consensus
        ? { kind: 'consensus' }
        : values.coder
          ? { kind: 'coder', coderId: coderByName(p, values.coder as string) }
          : { kind: 'pooled' };
      const m = computeMatrix(p, view);
      if (format === 'json') return `${JSON.stringify(m, null, 2)}\n`;
      const table = matrixTable(p, m);
      if (format === 'csv') return `${table.map(csvLine).join('\n')}\n`;
      const [head, ...rows] = table;
      return `${[`| ${head!.join(' | ')} |`, `|${head!.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')}\n`;
    },
    { inspect: true },
  );
  io.out(out);
}

async function cmdAgreement(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file],
    values,
  } = positionals(args, 1, 'field-coder agreement FILE [--json]', { json: { type: 'boolean' } });
  const r = await withProject(file!, agreementReport, { inspect: true });
  if (values.json) {
    io.out(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  const f = (x: { value: number | null; n: number } | null): string => (x === null ? '—' : x.value === null ? 'n/a' : x.value.toFixed(3));
  io.out(`coders: ${r.coders.map((c) => `${c.name} (${c.judgements})`).join(', ') || 'none'}\n`);
  io.out(`${'dimension'.padEnd(16)} ${'agree%'.padStart(7)} ${'kappa'.padStart(7)} ${'alpha(n)'.padStart(9)} ${'alpha(o)'.padStart(9)}\n`);
  for (const d of r.perDimension) {
    const pct = d.percent.value === null ? 'n/a' : `${(d.percent.value * 100).toFixed(1)}`;
    io.out(
      `${d.name.padEnd(16)} ${pct.padStart(7)} ${f(d.kappa).padStart(7)} ${f(d.alphaNominal).padStart(9)} ${f(d.alphaOrdinal).padStart(9)}\n`,
    );
  }
  const pct = r.overall.percent.value === null ? 'n/a' : (r.overall.percent.value * 100).toFixed(1);
  io.out(`${'overall'.padEnd(16)} ${pct.padStart(7)} ${''.padStart(7)} ${f(r.overall.alphaNominal).padStart(9)}\n`);
  io.out(`${r.disagreements.length} disagreeing cells\n`);
}

async function cmdReport(args: string[], io: Io): Promise<void> {
  const {
    positionals: [file, kind],
  } = positionals(args, 2, 'field-coder report FILE code-document|code-role|co-occurrence');
  if (!REPORT_KINDS.includes(kind as ReportKind)) throw new UsageError(`KIND is one of ${REPORT_KINDS.join(', ')}`);
  io.out(await withProject(file!, (p) => reportCsv(codeReport(p, kind as ReportKind)), { inspect: true }));
}

async function cmdRefs(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'import') {
    const {
      positionals: [file, path],
    } = positionals(rest, 2, 'field-coder refs import FILE PATH');
    let text: string;
    try {
      text = readFileSync(path!, 'utf8');
    } catch {
      throw new AppError('not_found', `Cannot read ${path}.`);
    }
    const out = await withProject(file!, (p) => {
      const preview = previewImport(p, path!, text);
      for (const c of preview.candidates.filter((x) => x.duplicateOf)) {
        io.out(
          `duplicate: ${String(c.item.title ?? c.item.id)} looks like ${c.duplicateOf!.citationKey} (${c.duplicateOf!.reason}); skipped\n`,
        );
      }
      for (const w of preview.warnings) io.out(`warning: ${w}\n`);
      return commitImport(p, path!, text, {});
    });
    io.out(`Imported ${out.added} references; ${out.skipped} duplicates skipped.\n`);
    return;
  }
  if (sub === 'export') {
    const {
      positionals: [file],
      values,
    } = positionals(rest, 1, 'field-coder refs export FILE --format csljson|bibtex', { format: { type: 'string', default: 'csljson' } });
    const format = values.format as string;
    if (format !== 'csljson' && format !== 'bibtex') throw new UsageError('--format is csljson or bibtex');
    io.out(await withProject(file!, (p) => exportReferences(p, format), { inspect: true }));
    return;
  }
  throw new UsageError('usage: field-coder refs import|export …');
}

const REPORT_KINDS: ReportKind[] = ['code-document', 'code-role', 'co-occurrence'];

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<void>> = {
  report: cmdReport,
  refs: cmdRefs,
  memo: cmdMemo,
  export: cmdExport,
  assessments: cmdAssessments,
  matrix: cmdMatrix,
  agreement: cmdAgreement,
  new: cmdNew,
  import: cmdImport,
  search: cmdSearch,
  check: cmdCheck,
  framework: cmdFramework,
  merge: cmdMerge,
  backups: cmdBackups,
  restore: cmdRestore,
  salvage: cmdSalvage,
  conflicts: cmdConflicts,
  fingerprint: cmdFingerprint,
  share: cmdShare,
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
