// The tables that travel between colleagues' copies, in foreign-key order: every row has a UUID
// id, a stamp and a tombstone. Merging, REFI-QDA id matching and the fuzzer's crafted files all
// work from this one list, so a table added by a migration is added here once.
export const SYNCED_TABLES = [
  'coders',
  'refs',
  'documents',
  'identities',
  'codes',
  'excerpts',
  'excerpt_codes',
  'frameworks',
  'dimensions',
  'levels',
  'outcomes',
  'outcome_rules',
  'units',
  'unit_aliases',
  'periods',
  'assessments',
  'assessment_evidence',
  'memos',
  'memo_versions',
  'sync_conflicts',
] as const;

export type SyncedTable = (typeof SYNCED_TABLES)[number];
