// Documents as the API shows them. Offsets into `text` count Unicode code points.

export const DOCUMENT_KINDS = ['interview', 'fieldnote', 'document'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const CONSENT_VALUES = ['unknown', 'given', 'oral', 'written', 'withheld', 'withdrawn'] as const;
export type Consent = (typeof CONSENT_VALUES)[number];

/** The metadata a user can edit. Interview fields are empty for other kinds. */
export interface DocumentMeta {
  title: string;
  kind: DocumentKind;
  author: string;
  docDate: string;
  language: string;
  referenceId: string | null;
  pseudonym: string;
  role: string;
  orgType: string;
  interviewDate: string;
  place: string;
  interviewer: string;
  consent: Consent;
  notes: string;
}

export interface DocumentRow extends DocumentMeta {
  id: string;
  wordCount: number;
  charCount: number;
  sourceName: string;
  sourceFormat: string;
  importedAt: string;
  excerptCount: number;
  deleted: boolean;
}

export interface DocumentFull extends DocumentRow {
  text: string;
}

/** Real name and contact of an interviewee: stored apart, shown only when asked for. */
export interface Identity {
  documentId: string;
  realName: string;
  contact: string;
  notes: string;
}

export type ImportStatus = 'imported' | 'refused';

export interface ImportOutcome {
  fileName: string;
  status: ImportStatus;
  /** Why a file was refused, or what was noticed while importing it (e.g. "decoded as Windows-1251"). */
  message: string;
  document?: DocumentRow;
}
