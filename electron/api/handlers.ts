// The handlers every host shares. Hosts differ only in what they can show: Electron passes
// native dialogs; the browser host has none and answers 'unsupported'.
import { exportTemplate, getFramework, importTemplate } from '../framework/framework-service.js';
import { AppError } from '../core/errors.js';
import {
  deleteDocument,
  getDocument,
  getIdentity,
  importFile,
  importFiles,
  importPastedText,
  listDocuments,
  restoreDocument,
  setIdentity,
  updateDocument,
} from '../documents/document-service.js';
import { search } from '../search/search-service.js';
import { editableFramework, saveFramework } from '../framework/edit-framework.js';
import { createMemo, deleteMemo, getMemo, listMemos, listVersions, restoreMemo, restoreVersion, saveMemo } from '../memos/memo-service.js';
import {
  commitImport,
  createReference,
  deleteReference,
  exportReferences,
  listReferences,
  previewImport,
  restoreReference,
  updateReference,
} from '../references/reference-service.js';
import { deleteAssessment, listAssessments, recordAssessment, removeEvidence } from '../coding/assessments-service.js';
import { createCode, deleteCode, listCodes, mergeCodes, restoreCodes, updateCode } from '../coding/codes-service.js';
import {
  createExcerpt,
  deleteExcerpt,
  exportExcerptsCsv,
  listExcerptPage,
  listExcerpts,
  restoreExcerpt,
  updateExcerpt,
} from '../coding/excerpts-service.js';
import { importAssessmentsCsv } from '../coding/import-assessments.js';
import { computeMatrix } from '../coding/matrix.js';
import { codeReport, reportCsv } from '../coding/reports.js';
import { agreementReport } from '../coding/agreement-report.js';
import { listConflicts, resolveConflict } from '../exchange/merge/conflicts.js';
import { mergeBytes } from '../exchange/merge/merge-upload.js';
import { exportQdpx } from '../exchange/refi/export-qdpx.js';
import { importRefi } from '../exchange/refi/import-qdpx.js';
import { exportMemo, fileBase } from '../memos/export-memo.js';
import { importMarkdownMemo } from '../memos/import-memo.js';
import { redactionList, setRedactionList } from '../memos/redaction-list.js';
import { loadCitables } from '../memos/render/citables.js';
import { renderMemo } from '../memos/render/render-memo.js';
import { latestVersion } from '../project/migrate.js';
import { fingerprint } from '../exchange/fingerprint.js';
import { shareCopyBytes } from '../exchange/share-copy.js';
import { appVersion, type Session } from '../app/session.js';
import type { Handlers, HostKind, ProjectSummary } from './contract.js';

export interface Dialogs {
  create(): Promise<ProjectSummary>;
  open(): Promise<ProjectSummary>;
  saveCopy(): Promise<{ fileName: string }>;
  /** Electron prints memos to PDF itself; other hosts use a headless Chromium. */
  printPdf?: (html: string) => Promise<{ pdf: Uint8Array; via: string }>;
}

const noDialogs: Dialogs = {
  create: () =>
    Promise.reject(new AppError('unsupported', 'File dialogs are only available in the desktop app. Use the project list instead.')),
  open: () =>
    Promise.reject(new AppError('unsupported', 'File dialogs are only available in the desktop app. Use the project list instead.')),
  saveCopy: () =>
    Promise.reject(
      new AppError('unsupported', 'File dialogs are only available in the desktop app. Use "Save a copy" with a name instead.'),
    ),
};

export function createHandlers(session: Session, host: HostKind, dialogs: Dialogs = noDialogs): Handlers {
  return {
    'app.info': () => ({
      version: appVersion(),
      host,
      schemaVersion: latestVersion(),
      coderName: session.device.get().coderName,
      dialogs: dialogs !== noDialogs,
    }),
    'projects.list': () => session.list(),
    'project.current': () => session.summary(),
    'project.create': ({ name }) => session.create(name),
    'project.open': ({ handle }) => session.open(handle),
    'project.close': () => {
      session.closeProject();
      return null;
    },
    'project.check': () => session.check(),
    'project.saveCopy': ({ name }) => session.saveCopy(name),
    'project.createDialog': () => dialogs.create(),
    'project.openDialog': () => dialogs.open(),
    'project.saveCopyDialog': () => dialogs.saveCopy(),
    'project.fingerprint': () => {
      const { short, hash } = fingerprint(session.requireProject());
      return { short, hash };
    },
    'project.shareCopy': ({ withoutIdentities, withoutHistory }) =>
      shareCopyBytes(session.requireProject(), { withoutIdentities, withoutHistory: withoutHistory ?? false }),
    'framework.get': () => getFramework(session.requireProject()),
    'framework.exportTemplate': () => {
      const t = exportTemplate(session.requireProject());
      return { fileName: `${t.key}.framework.json`, json: JSON.stringify(t, null, 2) };
    },
    'framework.editable': () => editableFramework(session.requireProject()),
    'framework.save': ({ json }) => saveFramework(session.requireProject(), json),
    'framework.importTemplate': ({ json }) => importTemplate(session.requireProject(), json),
    'documents.import': ({ uploadId, kind, meta }) => {
      const project = session.requireProject();
      const { fileName, bytes } = session.uploads.take(uploadId);
      return importFile(project, fileName, bytes, kind, meta);
    },
    'documents.importMany': ({ uploadIds, kind }) => {
      const project = session.requireProject();
      const taken = uploadIds.map((id) => {
        try {
          return session.uploads.take(id);
        } catch (err) {
          return err as Error;
        }
      });
      // (The group's bytes are already held by the upload store, which caps them.)
      const files = taken.filter((t): t is { fileName: string; bytes: Uint8Array } => !(t instanceof Error));
      return importFiles(project, files, kind).then((outcomes) => {
        // Uploads that were gone keep their place in the answer, refused with the reason.
        const out = [...outcomes];
        taken.forEach((t, i) => {
          if (t instanceof Error) out.splice(i, 0, { fileName: '', status: 'refused', message: t.message });
        });
        return out;
      });
    },
    'documents.importText': ({ title, text, kind }) => importPastedText(session.requireProject(), title, text, kind),
    'documents.list': ({ trash }) => listDocuments(session.requireProject(), trash),
    'documents.get': ({ id }) => getDocument(session.requireProject(), id),
    'documents.update': ({ id, patch }) => updateDocument(session.requireProject(), id, patch),
    'documents.delete': ({ id }) => deleteDocument(session.requireProject(), id),
    'documents.restore': ({ id }) => restoreDocument(session.requireProject(), id),
    'identities.get': ({ documentId }) => getIdentity(session.requireProject(), documentId),
    'identities.set': (identity) => setIdentity(session.requireProject(), identity),
    'search.query': (input) => search(session.requireProject(), input),
    'references.list': () =>
      listReferences(session.requireProject()).map(({ id, citationKey, title, year }) => ({ id, citationKey, title, year })),
    'references.library': () => listReferences(session.requireProject()),
    'references.create': ({ csl }) => createReference(session.requireProject(), csl),
    'references.update': ({ id, csl, note }) => updateReference(session.requireProject(), id, csl, note),
    'references.delete': ({ id }) => {
      deleteReference(session.requireProject(), id);
      return null;
    },
    'references.restore': ({ id }) => restoreReference(session.requireProject(), id),
    'references.importPreview': ({ fileName, text }) => previewImport(session.requireProject(), fileName, text),
    'references.importCommit': ({ fileName, text, decisions }) =>
      commitImport(session.requireProject(), fileName, text, Object.fromEntries(Object.entries(decisions).map(([k, v]) => [Number(k), v]))),
    'references.export': ({ format }) => ({
      fileName: format === 'csljson' ? 'references.json' : 'references.bib',
      text: exportReferences(session.requireProject(), format),
    }),
    'memos.list': ({ trash }) => listMemos(session.requireProject(), trash),
    'memos.get': ({ id }) => getMemo(session.requireProject(), id),
    'memos.create': ({ title, body }) => createMemo(session.requireProject(), title, body),
    'memos.save': ({ id, title, body, version }) =>
      saveMemo(
        session.requireProject(),
        id,
        { ...(title !== undefined ? { title } : {}), ...(body !== undefined ? { body } : {}) },
        { version: version ?? false },
      ),
    'memos.versions': ({ id }) => listVersions(session.requireProject(), id),
    'memos.restoreVersion': ({ id }) => restoreVersion(session.requireProject(), id),
    'memos.delete': ({ id }) => {
      deleteMemo(session.requireProject(), id);
      return null;
    },
    'memos.restore': ({ id }) => restoreMemo(session.requireProject(), id),
    'project.merge': ({ uploadId, dryRun, identities }) =>
      mergeBytes(session.requireProject(), session.uploads.take(uploadId).bytes, { dryRun, identities }),
    'conflicts.list': () => listConflicts(session.requireProject()),
    'conflicts.resolve': ({ id, keep }) => {
      resolveConflict(session.requireProject(), id, keep);
      return listConflicts(session.requireProject());
    },
    'backups.list': ({ handle }) => session.backups(handle).map(({ path: _path, ...b }) => b),
    'backups.restore': ({ handle, file }) => session.restore(handle, file),
    'project.salvage': ({ handle }) => session.salvage(handle),
    'exchange.exportQdpx': async () => {
      const p = session.requireProject();
      const { bytes, report } = await exportQdpx(p);
      return { fileName: `${fileBase(p.name)}.qdpx`, base64: Buffer.from(bytes).toString('base64'), report };
    },
    'exchange.importRefi': ({ uploadId }) => {
      const { fileName, bytes } = session.uploads.take(uploadId);
      return importRefi(session.requireProject(), fileName, bytes);
    },
    'memos.preview': ({ body, title, style }) => renderMemo(session.requireProject(), { title, body, style }),
    'memos.citables': () => loadCitables(session.requireProject()).citables,
    'memos.export': ({ id, format, style, redact }) =>
      exportMemo(session.requireProject(), id, {
        format,
        style,
        ...(redact ? { redact } : {}),
        ...(dialogs.printPdf ? { printPdf: dialogs.printPdf } : {}),
      }),
    'memos.importMarkdown': ({ title, markdown }) => importMarkdownMemo(session.requireProject(), markdown, title),
    'memos.redactionList': () => redactionList(session.requireProject()),
    'memos.setRedactionList': ({ terms }) => setRedactionList(session.requireProject(), terms),
    'coders.list': () => {
      const p = session.requireProject();
      const rows = p.db.prepare('SELECT id, name FROM coders WHERE deleted = 0 ORDER BY name COLLATE NOCASE').all() as {
        id: string;
        name: string;
      }[];
      return rows.map((r) => ({ ...r, isMe: r.id === p.coderId }));
    },
    'codes.list': ({ trash }) => listCodes(session.requireProject(), trash),
    'codes.create': (input) => createCode(session.requireProject(), input),
    'codes.update': ({ id, patch }) => updateCode(session.requireProject(), id, patch),
    'codes.merge': ({ fromId, intoId }) => mergeCodes(session.requireProject(), fromId, intoId),
    'codes.delete': ({ id }) => ({ ids: deleteCode(session.requireProject(), id) }),
    'codes.restore': ({ ids }) => restoreCodes(session.requireProject(), ids),
    'excerpts.list': (filter) => listExcerpts(session.requireProject(), filter),
    'excerpts.page': (req) => listExcerptPage(session.requireProject(), req),
    'excerpts.export': (req) => exportExcerptsCsv(session.requireProject(), req),
    'excerpts.create': (input) => createExcerpt(session.requireProject(), input),
    'excerpts.update': ({ id, ...patch }) => updateExcerpt(session.requireProject(), id, patch),
    'excerpts.delete': ({ id }) => deleteExcerpt(session.requireProject(), id),
    'excerpts.restore': ({ id }) => restoreExcerpt(session.requireProject(), id),
    'assessments.list': (filter) => listAssessments(session.requireProject(), filter),
    'assessments.record': (input) => recordAssessment(session.requireProject(), input),
    'assessments.delete': ({ id }) => {
      deleteAssessment(session.requireProject(), id);
      return null;
    },
    'assessments.removeEvidence': ({ id }) => {
      removeEvidence(session.requireProject(), id);
      return null;
    },
    'assessments.importCsv': ({ csv }) => importAssessmentsCsv(session.requireProject(), csv),
    'matrix.get': ({ view }) => computeMatrix(session.requireProject(), view),
    'agreement.get': () => agreementReport(session.requireProject()),
    'reports.get': ({ kind }) => {
      const t = codeReport(session.requireProject(), kind);
      return { ...t, csv: reportCsv(t), fileName: `${kind}.csv` };
    },
  };
}
