// The one API contract between the renderer and the main process. Every call has an input
// schema (validated at the boundary, whatever the transport: Electron IPC or the browser host's
// HTTP) and an output type. The renderer imports only the types from here.
import { z } from 'zod';
import type { ErrorValue } from '../core/errors.js';
import type { Framework } from '../framework/framework-service.js';

export type { ErrorValue } from '../core/errors.js';
export type { Dimension, Framework, Level, Outcome, OutcomeRule, Period, Unit } from '../framework/framework-service.js';

/** Largest request body either transport accepts, in bytes of JSON. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

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

export interface TemplateFile {
  fileName: string;
  json: string;
}

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
  'project.check': call<typeof none, CheckReport>(none),
  /** Saves a compact copy of the open project into the projects folder under a new name. */
  'project.saveCopy': call<z.ZodObject<{ name: typeof projectName }>, ProjectEntry>(z.strictObject({ name: projectName })),
  /** Native dialogs: Electron only; the browser host answers 'unsupported'. */
  'project.createDialog': call<typeof none, ProjectSummary>(none),
  'project.openDialog': call<typeof none, ProjectSummary>(none),
  'project.saveCopyDialog': call<typeof none, { fileName: string }>(none),
  'framework.get': call<typeof none, Framework>(none),
  'framework.exportTemplate': call<typeof none, TemplateFile>(none),
  'framework.importTemplate': call<z.ZodObject<{ json: z.ZodString }>, Framework>(
    z.strictObject({
      json: z
        .string()
        .min(2)
        .max(MAX_REQUEST_BYTES / 2),
    }),
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
