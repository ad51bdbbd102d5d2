// Import a REFI-QDA project (.qdpx) or codebook (.qdc). The archive is read and checked, and
// every source text found, before the project is touched; then everything is written in one
// transaction, so a file refused half-way leaves the project exactly as it was.
import { basename } from 'node:path';
import type { Project } from '../../project/project.js';
import { importCodes, importUsers } from './import-codebook.js';
import { ImportContext } from './import-context.js';
import { importMemos } from './import-memos.js';
import { ReportBuilder, type ImportReport } from './import-report.js';
import { sourceText } from './import-sources.js';
import { caseValues, importSource, named } from './import-texts.js';
import { openRefi } from './open-refi.js';

export type { ImportReport } from './import-report.js';

export const isRefiFile = (path: string): boolean => /\.(qdpx|qdc)$/i.test(path);

export function importRefi(project: Project, fileName: string, bytes: Uint8Array): ImportReport {
  const label = basename(fileName);
  const { qde, files, format } = openRefi(label, bytes);
  const report = new ReportBuilder();
  const sources = qde.sources.map((s) => ({ s, t: sourceText(s, files, report) }));
  const noteTexts = new Map(
    qde.notes.map((n) => {
      const t = sourceText(n, files, report, 'notes');
      if ('skip' in t) report.skip(t.skip);
      return [n, 'raw' in t ? t.raw : undefined] as const;
    }),
  );

  project.write((stamp) => {
    const ctx = new ImportContext(project, stamp, report, label);
    for (const [n, t] of noteTexts) {
      if (n.guid) ctx.notes.set(ImportContext.key(n.guid), n);
      if (t !== undefined) ctx.noteTexts.set(n, t);
    }
    importUsers(ctx, qde.users);
    importCodes(ctx, qde.codes);
    const variableNames = new Map(qde.variables.map((v) => [ImportContext.key(v.guid), v.name]));
    const byCase = caseValues(ctx, qde.cases, variableNames);
    for (const { s, t } of sources) {
      if ('skip' in t) {
        report.skip(t.skip);
        continue;
      }
      const values = [...named(s.values, variableNames), ...(byCase.get(ImportContext.key(s.guid)) ?? [])];
      importSource(ctx, { source: s, raw: t.raw, values });
    }
    importMemos(ctx, qde.notes);
  });
  for (const [what, n] of qde.unsupported) report.skip(what, n);
  return report.build(label, format);
}
