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

/**
 * Not fuzzed: a target whose input says how to misbehave (hang, exhaust memory, throw, reject
 * unawaited, refuse, write and then refuse), so harness.test.ts can show that the harness sees
 * each of these for what it is.
 */
export const SELF_TEST = 'harness-self-test';

export type TargetName = (typeof TARGETS)[number];
/** What a harness child can run: the fuzzed targets and the self-test. */
export type RunnableTarget = TargetName | typeof SELF_TEST;

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
