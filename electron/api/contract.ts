// The one API contract between the renderer and the main process. Every call has an input
// schema (validated at the boundary, whatever the transport: Electron IPC or the browser host's
// HTTP) and an output type. The renderer imports only the types from here.
import { z } from 'zod';
import type { ErrorValue } from '../core/errors.js';
import type { Framework } from '../framework/framework-service.js';
import type { FrameworkTemplate } from '../framework/template.js';

export type { FrameworkTemplate } from '../framework/template.js';

import {
  CONSENT_VALUES,
  DOCUMENT_KINDS,
  type DocumentFull,
  type DocumentRow,
  type Identity,
  type ImportOutcome,
} from '../documents/types.js';
import { SEARCH_SCOPES, type SearchResult } from '../search/types.js';
import type { AgreementReport, Assessment, Code, Excerpt, ExcerptPage, ExcerptsExport, Matrix } from '../coding/types.js';
import type { CrossTab } from '../coding/reports.js';
import type { ImportPreview, Reference } from '../references/types.js';
import type { Memo, MemoSummary, MemoVersion } from '../memos/memo-service.js';

export type { Memo, MemoSummary, MemoVersion } from '../memos/memo-service.js';
export type * from '../memos/render/model.js';
export type { MergeConflict, MergeReport } from '../exchange/merge/merge.js';
export type { Conflict } from '../exchange/merge/conflicts.js';
export type { ImportReport as RefiImportReport } from '../exchange/refi/import-report.js';
export type { ExportReport as RefiExportReport } from '../exchange/refi/export-types.js';
import type { ImportReport as RefiImportReport } from '../exchange/refi/import-report.js';
import type { ExportReport as RefiExportReport } from '../exchange/refi/export-types.js';
import type { MergeReport } from '../exchange/merge/merge.js';
import type { Conflict } from '../exchange/merge/conflicts.js';
import type { Citable, MemoExport, RenderedMemo } from '../memos/render/model.js';

export type * from '../references/types.js';

export type { CrossTab, ReportKind } from '../coding/reports.js';

export type { ErrorValue } from '../core/errors.js';
export type * from '../documents/types.js';
export type * from '../search/types.js';
export type * from '../coding/types.js';
export { CONSENT_VALUES, DOCUMENT_KINDS, SEARCH_SCOPES };
export type { Dimension, Framework, Level, Outcome, OutcomeRule, Period, Unit } from '../framework/framework-service.js';

/** Largest request body either transport accepts, in bytes of JSON. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** Largest file either transport accepts as an upload (raw bytes, not JSON). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
/** The most files, and bytes, `documents.importMany` takes in one call (one transaction). */
export const IMPORT_GROUP_FILES = 50;
export const IMPORT_GROUP_BYTES = 16 * 1024 * 1024;

// Characters no file name may hold on any OS we ship to (control characters included).
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const FORBIDDEN_IN_NAMES = /[\\/:*?"<>|\u0000-\u001f]/;

const projectName = z
  .string()
  .trim()
  .min(1, 'A project needs a name.')
  .max(120, 'Project names are at most 120 characters.')
  .refine((s) => !FORBIDDEN_IN_NAMES.test(s) && !/^\.+$/.test(s), 'Project names cannot contain / \\ : * ? " < > | or control characters.');

const handle = z.string().regex(/^[0-9a-f]{16}$/, 'not a project handle');
const none = z.strictObject({});

export type HostKind = 'electron' | 'web';

export interface AppInfo {
  version: string;
  host: HostKind;
  schemaVersion: number;
  coderName: string;
  /** Hosts with native file dialogs (Electron) can create/open/save anywhere the user picks. */
  dialogs: boolean;
}

export interface ProjectCounts {
  documents: number;
  codes: number;
  excerpts: number;
  assessments: number;
  references: number;
  memos: number;
}

export interface ProjectSummary {
  handle: string;
  name: string;
  fileName: string;
  schemaVersion: number;
  counts: ProjectCounts;
  /** Set when opening migrated the file: the backup taken first, by file name only. */
  backupFileName?: string;
  /** Set when the file is in a synced or network folder, where it can be damaged. */
  locationWarning?: string;
  /** Set when this is a copy of a file refused as damaged, opened anyway: that file's name. */
  salvagedFrom?: string;
  /**
   * Set when the file was left by a crash (a forced quit, a power cut) while a change was being
   * saved, or that change was damaged on the disk since: the change is not in the project.
   */
  unkeptChange?: boolean;
}

export interface ProjectEntry {
  handle: string;
  name: string;
  fileName: string;
  /** 'library': the app's projects folder; 'recent': a file the user opened elsewhere. */
  location: 'library' | 'recent';
  modified: string;
  isOpen: boolean;
}

export interface CheckReport {
  integrity: string;
  schemaVersion: number;
  counts: ProjectCounts;
}

/** A backup as the UI sees it: no path, only its name and what it is. */
export interface BackupEntry {
  file: string;
  reason: string;
  schemaVersion: number;
  createdAt: string;
  bytes: number;
}

/** A copy of the project to send, as a download: a whole `.fieldcoder` file in base64. */
export interface SharedCopy {
  fileName: string;
  base64: string;
  bytes: number;
  /** Tables left out of the copy. */
  removed: string[];
}

export interface TemplateFile {
  fileName: string;
  json: string;
}

const id = z.uuid();
const shortText = z.string().max(1000);
const documentKind = z.enum(DOCUMENT_KINDS);

const documentMetaPatch = z.strictObject({
  title: z.string().trim().min(1).max(500).optional(),
  kind: documentKind.optional(),
  author: shortText.optional(),
  docDate: z.string().max(50).optional(),
  language: z.string().max(50).optional(),
  referenceId: id.nullable().optional(),
  pseudonym: z.string().max(200).optional(),
  role: z.string().max(300).optional(),
  orgType: z.string().max(300).optional(),
  interviewDate: z.string().max(50).optional(),
  place: z.string().max(300).optional(),
  interviewer: z.string().max(200).optional(),
  consent: z.enum(CONSENT_VALUES).optional(),
  notes: z.string().max(100_000).optional(),
});
export type DocumentMetaPatch = z.infer<typeof documentMetaPatch>;

const uploadId = z.string().regex(/^[0-9a-f]{32}$/, 'not an upload id');
const importInput = z.strictObject({
  uploadId,
  kind: documentKind.default('document'),
  meta: documentMetaPatch.optional(),
});

const importManyInput = z.strictObject({
  uploadIds: z.array(uploadId).min(1).max(IMPORT_GROUP_FILES),
  kind: documentKind.default('document'),
});

const searchInput = z.strictObject({
  q: z.string().max(1000),
  scopes: z.array(z.enum(SEARCH_SCOPES)).max(4).optional(),
  documentKind: documentKind.optional(),
  role: z.string().max(300).optional(),
  from: z.string().max(50).optional(),
  to: z.string().max(50).optional(),
  codeId: id.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type SearchInput = z.infer<typeof searchInput>;

const color = z.string().regex(/^(#[0-9a-fA-F]{6})?$/, 'colours are #rrggbb');
const codeName = z.string().trim().min(1, 'A code needs a name.').max(300);
const offset = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31);
const codeCreate = z.strictObject({
  name: codeName,
  parentId: id.nullable().optional(),
  color: color.optional(),
  description: z.string().max(10_000).optional(),
});
const codeUpdate = z.strictObject({
  id,
  patch: z.strictObject({
    name: codeName.optional(),
    parentId: id.nullable().optional(),
    color: color.optional(),
    description: z.string().max(10_000).optional(),
    sortOrder: z.number().finite().optional(),
  }),
});
const excerptFilter = z.strictObject({
  codeId: id.optional(),
  documentId: id.optional(),
  role: z.string().max(300).optional(),
  coderId: id.optional(),
});
const excerptPage = excerptFilter.extend({
  after: z.string().max(4000).optional(),
  offset: z.number().int().min(0).max(100_000_000).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
const excerptExport = excerptFilter.extend({
  after: z.string().max(4000).optional(),
  limit: z.number().int().min(1).max(50_000).optional(),
});
const excerptCreate = z
  .strictObject({ documentId: id, start: offset, end: offset, codeIds: z.array(id).max(100), note: z.string().max(100_000).optional() })
  .refine((e) => e.end > e.start, 'An excerpt ends after it starts.');
const excerptUpdate = z.strictObject({
  id,
  start: offset.optional(),
  end: offset.optional(),
  note: z.string().max(100_000).optional(),
  codeIds: z.array(id).max(100).optional(),
});
const evidenceInput = z
  .strictObject({
    excerptId: id.optional(),
    referenceId: id.optional(),
    locator: z.string().max(200).optional(),
    note: z.string().max(10_000).optional(),
  })
  .refine((e) => Boolean(e.excerptId) !== Boolean(e.referenceId), 'Evidence is an excerpt or a reference.');
const assessmentInput = z.strictObject({
  unitId: id,
  periodId: id,
  dimensionId: id,
  levelId: id,
  assessorId: id.optional(),
  consensus: z.boolean().optional(),
  confidence: z.string().max(50).optional(),
  rationale: z.string().max(100_000).optional(),
  evidence: z.array(evidenceInput).max(500).optional(),
});
const matrixView = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pooled') }),
  z.strictObject({ kind: z.literal('consensus') }),
  z.strictObject({ kind: z.literal('coder'), coderId: id }),
]);
const idOnly = z.strictObject({ id });
/** A CSL-JSON item; its fields are checked by the reference service (validateCslItems). */
const cslItem = z.record(z.string(), z.unknown());
const refFile = {
  fileName: z.string().min(1).max(255),
  text: z
    .string()
    .min(1)
    .max(MAX_REQUEST_BYTES - 4096),
};
const memoTitle = z.string().trim().min(1, 'A memo needs a title.').max(500);
const memoBody = z.string().max(MAX_REQUEST_BYTES - 4096);
const memoStyle = z.enum(['chicago', 'apa']);
const exportFormat = z.enum(['md', 'docx', 'html', 'pdf']);
/** Names and places to remove from every exported text; matched whole-word, any case. */
const redactList = z.array(z.string().trim().min(1).max(300)).max(2000);
const reportKind = z.enum(['code-document', 'code-role', 'co-occurrence']);

/** Declares one call: its input schema and (as a phantom type) its output. */
function call<I extends z.ZodType, O>(input: I): { input: I; output: O } {
  return { input, output: undefined as unknown as O };
}

export const contract = {
  'app.info': call<typeof none, AppInfo>(none),
  'projects.list': call<typeof none, ProjectEntry[]>(none),
  'project.current': call<typeof none, ProjectSummary | null>(none),
  'project.create': call<z.ZodObject<{ name: typeof projectName }>, ProjectSummary>(z.strictObject({ name: projectName })),
  'project.open': call<z.ZodObject<{ handle: typeof handle }>, ProjectSummary>(z.strictObject({ handle })),
  'project.close': call<typeof none, null>(none),
  /**
   * For a listed project refused as damaged: a copy beside it, without its seal, opened if it
   * passes every other check (the damaged file is never written).
   */
  'project.salvage': call<z.ZodObject<{ handle: typeof handle }>, ProjectSummary>(z.strictObject({ handle })),
  'project.check': call<typeof none, CheckReport>(none),
  /** Saves a compact copy of the open project into the projects folder under a new name. */
  'project.saveCopy': call<z.ZodObject<{ name: typeof projectName }>, ProjectEntry>(z.strictObject({ name: projectName })),
  /** Native dialogs: Electron only; the browser host answers 'unsupported'. */
  'project.createDialog': call<typeof none, ProjectSummary>(none),
  'project.openDialog': call<typeof none, ProjectSummary>(none),
  'project.saveCopyDialog': call<typeof none, { fileName: string }>(none),
  /** The content fingerprint (identities left out), for colleagues to compare copies by. */
  'project.fingerprint': call<typeof none, { short: string; hash: string }>(none),
  /** A compact single-file copy to send, as bytes to download. */
  'project.shareCopy': call<z.ZodObject<{ withoutIdentities: z.ZodBoolean; withoutHistory: z.ZodOptional<z.ZodBoolean> }>, SharedCopy>(
    z.strictObject({ withoutIdentities: z.boolean(), withoutHistory: z.boolean().optional() }),
  ),
  /** Merges an uploaded colleague's copy (see `/upload`); a dry run reports and changes nothing. */
  'project.merge': call<
    z.ZodObject<{ uploadId: typeof uploadId; dryRun: z.ZodDefault<z.ZodBoolean>; identities: z.ZodDefault<z.ZodBoolean> }>,
    MergeReport
  >(z.strictObject({ uploadId, dryRun: z.boolean().default(false), identities: z.boolean().default(false) })),
  /** Fields two colleagues changed apart: the value shown and the one kept. */
  'conflicts.list': call<typeof none, Conflict[]>(none),
  'conflicts.resolve': call<z.ZodObject<{ id: typeof id; keep: z.ZodEnum<{ shown: 'shown'; other: 'other' }> }>, Conflict[]>(
    z.strictObject({ id, keep: z.enum(['shown', 'other']) }),
  ),
  /** Backups of the open project, or of a listed one (e.g. one that failed to open), newest first. */
  'backups.list': call<z.ZodObject<{ handle: z.ZodOptional<typeof handle> }>, BackupEntry[]>(z.strictObject({ handle: handle.optional() })),
  /** Puts a backup in the project's place, keeping the current file first, and opens it. */
  'backups.restore': call<z.ZodObject<{ handle: z.ZodOptional<typeof handle>; file: z.ZodString }>, ProjectSummary & { keptAs: string }>(
    z.strictObject({ handle: handle.optional(), file: z.string().regex(/^[^/\\]+\.fieldcoder$|^latest$/, 'a backup file name') }),
  ),
  /** The project as REFI-QDA (.qdpx) for other QDA tools, with what could not travel. */
  'exchange.exportQdpx': call<typeof none, { fileName: string; base64: string; report: RefiExportReport }>(none),
  /** Imports an uploaded .qdpx or .qdc from another QDA tool, all or nothing. */
  'exchange.importRefi': call<z.ZodObject<{ uploadId: typeof uploadId }>, RefiImportReport>(z.strictObject({ uploadId })),
  'framework.get': call<typeof none, Framework>(none),
  'framework.exportTemplate': call<typeof none, TemplateFile>(none),
  /** The active framework in template form with row ids, for the framework editor. */
  'framework.editable': call<typeof none, FrameworkTemplate>(none),
  /** Saves the editor's template (with ids) onto the active framework; judgements keep their rows. */
  'framework.save': call<z.ZodObject<{ json: z.ZodString }>, Framework>(
    z.strictObject({
      json: z
        .string()
        .min(2)
        .max(MAX_REQUEST_BYTES / 2),
    }),
  ),
  'framework.importTemplate': call<z.ZodObject<{ json: z.ZodString }>, Framework>(
    z.strictObject({
      json: z
        .string()
        .min(2)
        .max(MAX_REQUEST_BYTES / 2),
    }),
  ),
  /** Imports one uploaded file (see `upload` on the transports); one transaction per file. */
  'documents.import': call<typeof importInput, ImportOutcome>(importInput),
  /** Imports a group of uploaded files in one transaction: an outcome for each, in order. */
  'documents.importMany': call<typeof importManyInput, ImportOutcome[]>(importManyInput),
  'documents.importText': call<
    z.ZodObject<{ title: z.ZodString; text: z.ZodString; kind: z.ZodDefault<typeof documentKind> }>,
    ImportOutcome
  >(
    z.strictObject({
      title: z.string().trim().min(1).max(500),
      text: z
        .string()
        .min(1)
        .max(MAX_REQUEST_BYTES / 2),
      kind: documentKind.default('document'),
    }),
  ),
  'documents.list': call<z.ZodObject<{ trash: z.ZodDefault<z.ZodBoolean> }>, DocumentRow[]>(
    z.strictObject({ trash: z.boolean().default(false) }),
  ),
  'documents.get': call<z.ZodObject<{ id: typeof id }>, DocumentFull>(z.strictObject({ id })),
  'documents.update': call<z.ZodObject<{ id: typeof id; patch: typeof documentMetaPatch }>, DocumentRow>(
    z.strictObject({ id, patch: documentMetaPatch }),
  ),
  /** Moves a document to the trash (a tombstone); `documents.restore` undoes it. */
  'documents.delete': call<z.ZodObject<{ id: typeof id }>, DocumentRow>(z.strictObject({ id })),
  'documents.restore': call<z.ZodObject<{ id: typeof id }>, DocumentRow>(z.strictObject({ id })),
  'identities.get': call<z.ZodObject<{ documentId: typeof id }>, Identity | null>(z.strictObject({ documentId: id })),
  'identities.set': call<z.ZodObject<{ documentId: typeof id; realName: z.ZodString; contact: z.ZodString; notes: z.ZodString }>, Identity>(
    z.strictObject({ documentId: id, realName: z.string().max(300), contact: z.string().max(1000), notes: z.string().max(10_000) }),
  ),
  'search.query': call<typeof searchInput, SearchResult>(searchInput),
  /** The reference library, briefly: for linking a document to the reference it is the text of. */
  'references.list': call<typeof none, { id: string; citationKey: string; title: string; year: number | null }[]>(none),
  /** The whole library, with CSL-JSON and where each reference is used. */
  'references.library': call<typeof none, Reference[]>(none),
  'references.create': call<z.ZodObject<{ csl: typeof cslItem }>, Reference>(z.strictObject({ csl: cslItem })),
  'references.update': call<z.ZodObject<{ id: typeof id; csl: typeof cslItem; note: z.ZodOptional<z.ZodString> }>, Reference>(
    z.strictObject({ id, csl: cslItem, note: z.string().max(100_000).optional() }),
  ),
  'references.delete': call<typeof idOnly, null>(idOnly),
  'references.restore': call<typeof idOnly, Reference>(idOnly),
  /** Reads BibTeX, BibLaTeX, RIS or CSL-JSON and flags likely duplicates; changes nothing. */
  'references.importPreview': call<z.ZodObject<typeof refFile>, ImportPreview>(z.strictObject(refFile)),
  /** Imports with the user's decision per item ('add' | 'skip' | 'merge'); all or nothing. */
  'references.importCommit': call<
    z.ZodObject<typeof refFile & { decisions: z.ZodRecord<z.ZodString, z.ZodEnum<{ add: 'add'; skip: 'skip'; merge: 'merge' }>> }>,
    { added: number; merged: number; skipped: number }
  >(z.strictObject({ ...refFile, decisions: z.record(z.string().regex(/^\d+$/), z.enum(['add', 'skip', 'merge'])) })),
  'references.export': call<
    z.ZodObject<{ format: z.ZodEnum<{ csljson: 'csljson'; bibtex: 'bibtex' }> }>,
    { fileName: string; text: string }
  >(z.strictObject({ format: z.enum(['csljson', 'bibtex']) })),
  'memos.list': call<z.ZodObject<{ trash: z.ZodDefault<z.ZodBoolean> }>, MemoSummary[]>(
    z.strictObject({ trash: z.boolean().default(false) }),
  ),
  'memos.get': call<typeof idOnly, Memo>(idOnly),
  'memos.create': call<z.ZodObject<{ title: typeof memoTitle; body: z.ZodDefault<typeof memoBody> }>, Memo>(
    z.strictObject({ title: memoTitle, body: memoBody.default('') }),
  ),
  /** Autosave; `version: true` also keeps this state in the history. */
  'memos.save': call<
    z.ZodObject<{
      id: typeof id;
      title: z.ZodOptional<typeof memoTitle>;
      body: z.ZodOptional<typeof memoBody>;
      version: z.ZodOptional<z.ZodBoolean>;
    }>,
    Memo
  >(z.strictObject({ id, title: memoTitle.optional(), body: memoBody.optional(), version: z.boolean().optional() })),
  'memos.versions': call<typeof idOnly, MemoVersion[]>(idOnly),
  'memos.restoreVersion': call<typeof idOnly, Memo>(idOnly),
  'memos.delete': call<typeof idOnly, null>(idOnly),
  'memos.restore': call<typeof idOnly, Memo>(idOnly),
  /** The memo as the preview shows it: Markdown, live blocks and citations resolved. */
  'memos.preview': call<
    z.ZodObject<{ body: typeof memoBody; title: z.ZodDefault<z.ZodString>; style: z.ZodDefault<typeof memoStyle> }>,
    RenderedMemo
  >(z.strictObject({ body: memoBody, title: z.string().max(500).default(''), style: memoStyle.default('chicago') })),
  /** References and interviews a memo can cite, for type-ahead. */
  'memos.citables': call<typeof none, Citable[]>(none),
  /** Exports a memo; Markdown comes with its CSL-JSON bibliography as a second file. */
  'memos.export': call<
    z.ZodObject<{
      id: typeof id;
      format: typeof exportFormat;
      style: z.ZodDefault<typeof memoStyle>;
      redact: z.ZodOptional<typeof redactList>;
    }>,
    MemoExport
  >(z.strictObject({ id, format: exportFormat, style: memoStyle.default('chicago'), redact: redactList.optional() })),
  /** A Markdown memo written elsewhere becomes a memo; unresolved citation keys are listed. */
  'memos.importMarkdown': call<z.ZodObject<{ title: typeof memoTitle; markdown: typeof memoBody }>, { memo: Memo; unresolved: string[] }>(
    z.strictObject({ title: memoTitle, markdown: memoBody }),
  ),
  /** The project's redaction list, applied to every export unless the export names its own. */
  'memos.redactionList': call<typeof none, string[]>(none),
  'memos.setRedactionList': call<z.ZodObject<{ terms: typeof redactList }>, string[]>(z.strictObject({ terms: redactList })),
  'coders.list': call<typeof none, { id: string; name: string; isMe: boolean }[]>(none),
  'codes.list': call<z.ZodObject<{ trash: z.ZodDefault<z.ZodBoolean> }>, Code[]>(z.strictObject({ trash: z.boolean().default(false) })),
  'codes.create': call<typeof codeCreate, Code>(codeCreate),
  'codes.update': call<typeof codeUpdate, Code>(codeUpdate),
  'codes.merge': call<z.ZodObject<{ fromId: typeof id; intoId: typeof id }>, Code>(z.strictObject({ fromId: id, intoId: id })),
  /** To the trash with its sub-codes; answers every id trashed, for `codes.restore` (undo). */
  'codes.delete': call<typeof idOnly, { ids: string[] }>(idOnly),
  'codes.restore': call<z.ZodObject<{ ids: z.ZodArray<typeof id> }>, Code[]>(z.strictObject({ ids: z.array(id).min(1).max(10_000) })),
  /** Every matching excerpt at once: for a document's or a code's excerpts; page through all of them with `excerpts.page`. */
  'excerpts.list': call<typeof excerptFilter, Excerpt[]>(excerptFilter),
  /** One page (`limit` rows) in list order; `next` continues it, `offset` jumps; `total` on the first page. */
  'excerpts.page': call<typeof excerptPage, ExcerptPage>(excerptPage),
  /** The matching excerpts as CSV, a part (`limit` rows) at a time: `next` asks for the part after. */
  'excerpts.export': call<typeof excerptExport, ExcerptsExport>(excerptExport),
  'excerpts.create': call<typeof excerptCreate, Excerpt>(excerptCreate),
  'excerpts.update': call<typeof excerptUpdate, Excerpt>(excerptUpdate),
  'excerpts.delete': call<typeof idOnly, Excerpt>(idOnly),
  'excerpts.restore': call<typeof idOnly, Excerpt>(idOnly),
  'assessments.list': call<z.ZodObject<{ unitId: z.ZodOptional<typeof id>; periodId: z.ZodOptional<typeof id> }>, Assessment[]>(
    z.strictObject({ unitId: id.optional(), periodId: id.optional() }),
  ),
  'assessments.record': call<typeof assessmentInput, Assessment>(assessmentInput),
  'assessments.delete': call<typeof idOnly, null>(idOnly),
  'assessments.removeEvidence': call<typeof idOnly, null>(idOnly),
  'assessments.importCsv': call<z.ZodObject<{ csv: z.ZodString }>, { rows: number; newCoders: string[] }>(
    z.strictObject({
      csv: z
        .string()
        .min(1)
        .max(MAX_REQUEST_BYTES - 1024),
    }),
  ),
  'matrix.get': call<z.ZodObject<{ view: typeof matrixView }>, Matrix>(z.strictObject({ view: matrixView })),
  'agreement.get': call<typeof none, AgreementReport>(none),
  /** Code x document, code x interviewee role, and code co-occurrence counts, with their CSV. */
  'reports.get': call<z.ZodObject<{ kind: typeof reportKind }>, CrossTab & { csv: string; fileName: string }>(
    z.strictObject({ kind: reportKind }),
  ),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M]['output'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(m: unknown): m is Method {
  return typeof m === 'string' && Object.prototype.hasOwnProperty.call(contract, m);
}

/** What a host implements: one handler per call, taking validated input. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };
