// The fuzz targets by name, shared by the parent (generators, regressions) and the child
// (runners), which must not import each other's heavy modules.

export const TARGETS = [
  'decode-text',
  'document-txt',
  'document-html',
  'document-docx',
  'document-pdf',
  'references-bibtex',
  'references-ris',
  'references-csljson',
  'references-sniff',
  'assessments-csv',
  'framework-template',
  'memo-render',
  'memo-import',
  'refi-qdpx',
  'merge',
] as const;

export type TargetName = (typeof TARGETS)[number];

/** Targets whose input is text (UTF-16LE code units in the bytes), as the API hands them a string. */
export const TEXT_TARGETS: ReadonlySet<TargetName> = new Set([
  'references-bibtex',
  'references-ris',
  'references-csljson',
  'references-sniff',
  'assessments-csv',
  'framework-template',
  'memo-render',
  'memo-import',
]);
