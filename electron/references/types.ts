// References as the API shows them: CSL-JSON items with a stable citation key.
import type { CslItem } from './formats/csl.js';

export interface Reference {
  id: string;
  citationKey: string;
  type: string;
  title: string;
  authors: string;
  year: number | null;
  doi: string;
  csl: CslItem;
  note: string;
  /** Where the reference is used: documents that are its full text, evidence for judgements, memos citing it. */
  usedBy: { documents: number; evidence: number; memos: number };
}

export type DuplicateReason = 'doi' | 'title-year-author' | 'citation-key';

export interface ImportCandidate {
  index: number;
  item: CslItem;
  /** An existing reference this one looks like, and why; the user decides. */
  duplicateOf?: { id: string; citationKey: string; title: string; reason: DuplicateReason };
}

export interface ImportPreview {
  format: 'csljson' | 'bibtex' | 'ris';
  candidates: ImportCandidate[];
  warnings: string[];
}

export type ImportDecision = 'add' | 'skip' | 'merge';
