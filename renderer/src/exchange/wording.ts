// The words a person reads for a merge: the host reports per SQL table, a researcher thinks in
// codes, excerpts and framework parts. The renderer may import only types from the host, so the
// table names are listed here.
import type { MergeReport } from '../../../electron/api/contract';

interface Group {
  one: string;
  many: string;
  tables: string[];
}

// The framework's many small tables mean one thing to a person: the framework changed.
const GROUPS: Group[] = [
  { one: 'document', many: 'documents', tables: ['documents'] },
  { one: 'excerpt', many: 'excerpts', tables: ['excerpts'] },
  { one: 'code', many: 'codes', tables: ['codes'] },
  { one: 'coding', many: 'codings', tables: ['excerpt_codes'] },
  { one: 'assessment', many: 'assessments', tables: ['assessments'] },
  { one: 'piece of evidence', many: 'pieces of evidence', tables: ['assessment_evidence'] },
  { one: 'memo', many: 'memos', tables: ['memos'] },
  { one: 'memo version', many: 'memo versions', tables: ['memo_versions'] },
  { one: 'reference', many: 'references', tables: ['refs'] },
  {
    one: 'framework part',
    many: 'framework parts',
    tables: ['frameworks', 'dimensions', 'levels', 'outcomes', 'outcome_rules', 'units', 'unit_aliases', 'periods'],
  },
  { one: 'identity (real name)', many: 'identities (real names)', tables: ['identities'] },
  { one: 'coder', many: 'coders', tables: ['coders'] },
  { one: 'conflict record', many: 'conflict records', tables: ['sync_conflicts'] },
];

export interface ChangeLine {
  /** Plural, capitalised: the table's row header. */
  label: string;
  added: number;
  changed: number;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function sums(tables: MergeReport['tables'], withIdentities: boolean): (Group & { added: number; changed: number })[] {
  const known = new Set(GROUPS.flatMap((g) => g.tables));
  // A table a newer host adds still gets counted, under its own name.
  const extra = Object.keys(tables)
    .filter((t) => !known.has(t))
    .map((t) => ({ one: t, many: t, tables: [t] }));
  return [...GROUPS, ...extra]
    .filter((g) => withIdentities || !g.tables.includes('identities'))
    .map((g) => ({
      ...g,
      added: g.tables.reduce((n, t) => n + (tables[t]?.added ?? 0), 0),
      changed: g.tables.reduce((n, t) => n + (tables[t]?.changed ?? 0), 0),
    }))
    .filter((g) => g.added > 0 || g.changed > 0);
}

/** What a merge brings in, by kind, leaving out kinds it does not touch. */
export function changeLines(tables: MergeReport['tables'], withIdentities: boolean): ChangeLine[] {
  return sums(tables, withIdentities).map((g) => ({ label: capital(g.many), added: g.added, changed: g.changed }));
}

/** "3 new codes, 12 changed excerpts, 1 conflict". */
export function changeSentence(tables: MergeReport['tables'], conflicts: number, withIdentities: boolean): string {
  const parts: string[] = [];
  for (const g of sums(tables, withIdentities)) {
    if (g.added) parts.push(count(g.added, 'new ' + g.one, 'new ' + g.many));
    if (g.changed) parts.push(count(g.changed, 'changed ' + g.one, 'changed ' + g.many));
  }
  if (conflicts) parts.push(count(conflicts, 'conflict', 'conflicts'));
  return parts.length ? parts.join(', ') : 'nothing new';
}

/** Conflicts on identities exist in a dry run made with them; the merge leaves them out unless asked. */
export function conflictsCounted(report: MergeReport, withIdentities: boolean): number {
  return report.conflicts.filter((c) => withIdentities || c.table !== 'identities').length;
}

const TABLE_NOUN: Record<string, string> = Object.fromEntries(GROUPS.flatMap((g) => g.tables.map((t) => [t, g.one])));
Object.assign(TABLE_NOUN, {
  frameworks: 'framework',
  dimensions: 'dimension',
  levels: 'level',
  outcomes: 'outcome',
  outcome_rules: 'outcome rule',
  units: 'unit',
  unit_aliases: 'unit alias',
  periods: 'period',
  identities: 'identity',
});

/** "Code name — borders": which field of which row two people changed apart. */
export function conflictWhat(table: string, field: string, label: string): string {
  const what = capital(`${TABLE_NOUN[table] ?? table} ${field.replace(/_id$/, '').replace(/_/g, ' ')}`);
  return label ? `${what} — ${label}` : what;
}

/** A stamp is ISO time, counter and device; a person needs only when, in their own time zone. */
export function stampTime(stamp: string): string {
  const millis = Date.parse(stamp.slice(0, 24));
  if (Number.isNaN(millis)) return 'unknown time';
  return new Date(millis).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A field's value as text: strings as they are, empty as a word. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
