// Codes, excerpts and framework assessments as the API shows them.

export interface Code {
  id: string;
  parentId: string | null;
  name: string;
  color: string;
  description: string;
  sortOrder: number;
  excerptCount: number;
  deleted: boolean;
}

export interface Excerpt {
  id: string;
  documentId: string;
  documentTitle: string;
  role: string;
  /** [start, end) in Unicode code points of the document's text. */
  start: number;
  end: number;
  text: string;
  note: string;
  codeIds: string[];
  coderId: string | null;
  coderName: string;
  stamp: string;
}

/** One page of an excerpt listing (`excerpts.page`). */
export interface ExcerptPage {
  excerpts: Excerpt[];
  /** How many excerpts match, counted for the first page only (no `after`, no `offset`); else null. */
  total: number | null;
  /** Where the next page starts, or null after the last page. */
  next: string | null;
}

/** One part of the coded excerpts as a CSV file (`excerpts.export`); the parts joined are the file. */
export interface ExcerptsExport {
  fileName: string;
  /** CSV (RFC 4180, LF line ends); the first part starts with the header row. */
  csv: string;
  /** Excerpts in this part. */
  rows: number;
  /** Where the next part starts, or null after the last. */
  next: string | null;
}

export interface EvidenceInput {
  excerptId?: string;
  referenceId?: string;
  locator?: string;
  note?: string;
}

export interface Evidence {
  id: string;
  excerptId: string | null;
  referenceId: string | null;
  locator: string;
  note: string;
  /** For excerpt evidence: the quoted text and where it is. */
  text: string;
  documentId: string | null;
  documentTitle: string;
}

export interface Assessment {
  id: string;
  unitId: string;
  periodId: string;
  dimensionId: string;
  levelId: string;
  assessorId: string;
  assessorName: string;
  consensus: boolean;
  confidence: string;
  rationale: string;
  evidence: Evidence[];
  stamp: string;
}

export type MatrixView = { kind: 'pooled' } | { kind: 'consensus' } | { kind: 'coder'; coderId: string };

/** One dimension of one cell: the level shown, or why there is none. */
export interface CellDimension {
  dimensionId: string;
  status: 'set' | 'missing' | 'conflict';
  levelId: string | null;
  /** Distinct levels given by coders (for conflicts), by level id. */
  levels: string[];
  judgements: number;
}

export interface MatrixCell {
  unitId: string;
  periodId: string;
  /** The outcome when every dimension has one level and the outcome table covers it. */
  outcomeId: string | null;
  status: 'complete' | 'missing' | 'conflict' | 'unmapped';
  dimensions: CellDimension[];
  evidenceCount: number;
  /** Coders' judgements agree on every dimension they judged (true when fewer than two coders judged). */
  agreed: boolean;
  hasConsensus: boolean;
}

export interface Matrix {
  view: MatrixView;
  units: { id: string; name: string }[];
  periods: { id: string; name: string }[];
  cells: MatrixCell[];
}

export interface AgreementFigure {
  value: number | null;
  n: number;
}

export interface AgreementReport {
  coders: { id: string; name: string; judgements: number }[];
  perDimension: {
    dimensionId: string;
    name: string;
    percent: AgreementFigure;
    alphaNominal: AgreementFigure;
    alphaOrdinal: AgreementFigure;
    /** Cohen's kappa, when exactly two coders judged this dimension. */
    kappa: AgreementFigure | null;
  }[];
  overall: { percent: AgreementFigure; alphaNominal: AgreementFigure };
  disagreements: { unitId: string; periodId: string; dimensionId: string; values: { coderId: string; levelId: string }[] }[];
}
