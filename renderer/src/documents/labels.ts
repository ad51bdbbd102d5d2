// The words the renderer shows for the contract's enumerations. The renderer may import only
// types from the contract, so the values are listed here; Record<…> makes TypeScript refuse a
// list that misses a value or has one the contract does not.
import type { Consent, DocumentKind, SearchScope } from '../../../electron/api/contract';

export const KIND_LABELS: Record<DocumentKind, string> = {
  interview: 'interview',
  fieldnote: 'field note',
  document: 'document',
};
export const KINDS = Object.keys(KIND_LABELS) as DocumentKind[];

export const CONSENT_LABELS: Record<Consent, string> = {
  unknown: 'not recorded',
  given: 'given',
  oral: 'oral',
  written: 'written',
  withheld: 'withheld',
  withdrawn: 'withdrawn',
};
export const CONSENTS = Object.keys(CONSENT_LABELS) as Consent[];

export const SCOPE_LABELS: Record<SearchScope, { one: string; many: string }> = {
  document: { one: 'document', many: 'Documents' },
  excerpt: { one: 'excerpt', many: 'Excerpts' },
  memo: { one: 'memo', many: 'Memos' },
  reference: { one: 'reference', many: 'References' },
};
export const SCOPES = Object.keys(SCOPE_LABELS) as SearchScope[];

/** Files the import understands, for the file picker (the host decides what it accepts). */
export const IMPORT_ACCEPT = '.txt,.md,.markdown,.docx,.pdf,.html,.htm';

/** The contract's MAX_UPLOAD_BYTES (a value, so not importable here): 256 MB. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
/** The contract's IMPORT_GROUP_FILES and IMPORT_GROUP_BYTES: one `documents.importMany` call. */
export const IMPORT_GROUP_FILES = 50;
export const IMPORT_GROUP_BYTES = 16 * 1024 * 1024;
