// The framework editor's working copy: the template that framework.editable answers, with a
// local uid on every row so the outcome table can point at levels and outcomes whose keys do
// not exist yet. `toTemplate` turns it back into the template framework.save takes: existing
// rows keep their ids and keys, new rows get keys made from their names, ranks follow the
// order of the levels, and only rules whose levels all still exist are kept.
import type { Output } from '../../../../electron/api/contract';

export type Template = Output<'framework.editable'>;

export interface EditLevel {
  uid: string;
  id?: string;
  key?: string;
  name: string;
}

export interface EditDimension {
  uid: string;
  id?: string;
  key?: string;
  name: string;
  question: string;
  /** Lowest rank first: the order is the scale. */
  levels: EditLevel[];
}

export interface EditOutcome {
  uid: string;
  id?: string;
  key?: string;
  name: string;
  meaning: string;
  color: string;
}

export interface EditUnit {
  uid: string;
  id?: string;
  key?: string;
  name: string;
  kind: string;
  /** The parent's uid, or '' for none. */
  parent: string;
  inMatrix: boolean;
  description: string;
  aliases: string[];
}

export interface EditPeriod {
  uid: string;
  id?: string;
  name: string;
  /** As typed: a year, or '' for none. */
  start: string;
  end: string;
}

export interface EditFramework {
  key: string;
  name: string;
  description: string;
  dimensions: EditDimension[];
  outcomes: EditOutcome[];
  /** comboKey(level uids in dimension order) -> outcome uid. */
  rules: Record<string, string>;
  units: EditUnit[];
  periods: EditPeriod[];
  codes: Template['codes'];
}

let counter = 0;
/** A uid for a row added in the editor; never sent to the host. */
export function newUid(): string {
  counter += 1;
  return `new-${counter}`;
}

/** Lower-case a-z, 0-9 and -, from a name: "Rasht Valley" -> "rasht-valley"; never empty. */
export function keyFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return base === '' ? 'item' : base;
}

/** keyFromName made unique against `taken` (which it extends): "north", "north-2", … */
export function uniqueKey(name: string, taken: Set<string>): string {
  const base = keyFromName(name);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

export function comboKey(levelUids: string[]): string {
  return levelUids.join('|');
}

/** Every combination of levels, one level per dimension, in dimension order (first varies slowest). */
export function combinations(dimensions: EditDimension[]): EditLevel[][] {
  let out: EditLevel[][] = [[]];
  for (const d of dimensions) out = out.flatMap((prefix) => d.levels.map((l) => [...prefix, l]));
  return dimensions.length === 0 ? [] : out;
}

function uidOf(row: { id?: string | undefined; key?: string }, prefix: string): string {
  return row.id ?? `${prefix}:${row.key ?? newUid()}`;
}

export function fromTemplate(t: Template): EditFramework {
  const dimensions: EditDimension[] = t.dimensions.map((d) => {
    const duid = uidOf(d, 'dimension');
    return {
      uid: duid,
      ...(d.id ? { id: d.id } : {}),
      key: d.key,
      name: d.name,
      question: d.question,
      levels: [...d.levels]
        .sort((a, b) => a.rank - b.rank)
        .map((l) => ({ uid: uidOf(l, `${duid}/level`), ...(l.id ? { id: l.id } : {}), key: l.key, name: l.name })),
    };
  });
  const outcomes: EditOutcome[] = t.outcomes.map((o) => ({
    uid: uidOf(o, 'outcome'),
    ...(o.id ? { id: o.id } : {}),
    key: o.key,
    name: o.name,
    meaning: o.meaning,
    color: o.color,
  }));
  const outcomeUid = new Map(t.outcomes.map((o, i) => [o.key, outcomes[i]!.uid]));
  const rules: Record<string, string> = {};
  for (const r of t.rules) {
    const uids = t.dimensions.map((d, i) => dimensions[i]!.levels.find((l) => l.key === r.levels[d.key])?.uid);
    const o = outcomeUid.get(r.outcome);
    if (o && uids.every((u): u is string => u !== undefined)) rules[comboKey(uids)] = o;
  }
  const unitUids = new Map(t.units.map((u) => [u.key, uidOf(u, 'unit')]));
  return {
    key: t.key,
    name: t.name,
    description: t.description,
    dimensions,
    outcomes,
    rules,
    units: t.units.map((u) => ({
      uid: unitUids.get(u.key)!,
      ...(u.id ? { id: u.id } : {}),
      key: u.key,
      name: u.name,
      kind: u.kind,
      parent: u.parent ? (unitUids.get(u.parent) ?? '') : '',
      inMatrix: u.inMatrix,
      description: u.description,
      aliases: [...u.aliases],
    })),
    periods: t.periods.map((p) => ({
      uid: p.id ?? `period:${p.name}`,
      ...(p.id ? { id: p.id } : {}),
      name: p.name,
      start: p.start === undefined ? '' : String(p.start),
      end: p.end === undefined ? '' : String(p.end),
    })),
    codes: t.codes,
  };
}

/** Keys for a list of rows: existing keys first, then new ones made from names. */
function assignKeys<T extends { uid: string; key?: string; name: string }>(rows: T[]): Map<string, string> {
  const taken = new Set(rows.flatMap((r) => (r.key ? [r.key] : [])));
  return new Map(rows.map((r) => [r.uid, r.key ?? uniqueKey(r.name, taken)]));
}

function year(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function toTemplate(e: EditFramework): Template {
  const dimKeys = assignKeys(e.dimensions);
  const levelKeys = new Map<string, string>();
  for (const d of e.dimensions) for (const [uid, key] of assignKeys(d.levels)) levelKeys.set(uid, key);
  const outcomeKeys = assignKeys(e.outcomes);
  const unitKeys = assignKeys(e.units);
  const rules: Template['rules'] = [];
  for (const combo of combinations(e.dimensions)) {
    const outcome = e.rules[comboKey(combo.map((l) => l.uid))];
    const outcomeKey = outcome === undefined ? undefined : outcomeKeys.get(outcome);
    if (outcomeKey === undefined) continue;
    const levels: Record<string, string> = {};
    e.dimensions.forEach((d, i) => (levels[dimKeys.get(d.uid)!] = levelKeys.get(combo[i]!.uid)!));
    rules.push({ levels, outcome: outcomeKey });
  }
  return {
    format: 'field-coder-framework',
    formatVersion: 1,
    key: e.key,
    name: e.name,
    description: e.description,
    dimensions: e.dimensions.map((d) => ({
      ...(d.id ? { id: d.id } : {}),
      key: dimKeys.get(d.uid)!,
      name: d.name,
      question: d.question,
      levels: d.levels.map((l, rank) => ({ ...(l.id ? { id: l.id } : {}), key: levelKeys.get(l.uid)!, name: l.name, rank })),
    })),
    outcomes: e.outcomes.map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      key: outcomeKeys.get(o.uid)!,
      name: o.name,
      meaning: o.meaning,
      color: o.color,
    })),
    rules,
    units: e.units.map((u) => {
      const parent = u.parent ? unitKeys.get(u.parent) : undefined;
      return {
        ...(u.id ? { id: u.id } : {}),
        key: unitKeys.get(u.uid)!,
        name: u.name,
        kind: u.kind,
        ...(parent ? { parent } : {}),
        inMatrix: u.inMatrix,
        description: u.description,
        aliases: u.aliases.map((a) => a.trim()).filter((a) => a !== ''),
      };
    }),
    periods: e.periods.map((p) => {
      const start = year(p.start);
      const end = year(p.end);
      return {
        ...(p.id ? { id: p.id } : {}),
        name: p.name,
        ...(start === undefined ? {} : { start }),
        ...(end === undefined ? {} : { end }),
      };
    }),
    codes: e.codes,
  };
}

/** "Karategin, Qarotegin" -> ["Karategin", "Qarotegin"]. */
export function parseAliases(text: string): string[] {
  return text
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/** Moves item `from` to `to` (clamped), returning a new array. */
export function move<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return items;
  const out = [...items];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}

/** The editor's 2-dimension grid: rows = first dimension's levels, columns = second's, highest rank first. */
export interface EditGrid {
  rows: EditLevel[];
  columns: EditLevel[];
  /** cells[r][c] = outcome uid or ''. */
  cells: string[][];
}

export function gridOf(e: EditFramework): EditGrid | null {
  const [rd, cd] = e.dimensions;
  if (e.dimensions.length !== 2 || !rd || !cd) return null;
  const rows = [...rd.levels].reverse();
  const columns = [...cd.levels].reverse();
  return { rows, columns, cells: rows.map((r) => columns.map((c) => e.rules[comboKey([r.uid, c.uid])] ?? '')) };
}

/** Sets (or, with '', clears) the outcome for one combination of levels. */
export function setRule(e: EditFramework, levelUids: string[], outcomeUid: string): EditFramework {
  const rules = { ...e.rules };
  const k = comboKey(levelUids);
  if (outcomeUid === '') delete rules[k];
  else rules[k] = outcomeUid;
  return { ...e, rules };
}

/**
 * What the editor can tell before asking the host, in words a person reads ("Unit 4 needs a
 * name."); the host checks the rest (and what judgements use).
 */
export function problemsOf(e: EditFramework): string[] {
  const out: string[] = [];
  const blank = (s: string) => s.trim() === '';
  if (blank(e.name)) out.push('The framework needs a name.');
  if (e.dimensions.length === 0) out.push('The framework needs at least one dimension.');
  e.dimensions.forEach((d, i) => {
    const label = blank(d.name) ? `Dimension ${i + 1}` : `The dimension “${d.name}”`;
    if (blank(d.name)) out.push(`Dimension ${i + 1} needs a name.`);
    if (d.levels.length < 2) out.push(`${label} needs at least two levels.`);
    d.levels.forEach((l, j) => {
      if (blank(l.name)) out.push(`Level ${j + 1} of ${label.replace(/^The/, 'the')} needs a name.`);
    });
  });
  if (e.outcomes.length === 0) out.push('The framework needs at least one outcome.');
  e.outcomes.forEach((o, i) => {
    if (blank(o.name)) out.push(`Outcome ${i + 1} needs a name.`);
  });
  e.units.forEach((u, i) => {
    if (blank(u.name)) out.push(`Unit ${i + 1} needs a name.`);
  });
  const periodNames = new Set<string>();
  e.periods.forEach((p, i) => {
    if (blank(p.name)) out.push(`Period ${i + 1} needs a name.`);
    else if (periodNames.has(p.name.trim())) out.push(`There are two periods called “${p.name.trim()}”.`);
    periodNames.add(p.name.trim());
    for (const [what, text] of [
      ['start', p.start],
      ['end', p.end],
    ] as const)
      if (text.trim() !== '' && !Number.isInteger(Number(text))) out.push(`The ${what} of period ${i + 1} is not a year.`);
    if (p.start.trim() !== '' && p.end.trim() !== '' && Number(p.end) < Number(p.start))
      out.push(`Period ${blank(p.name) ? i + 1 : `“${p.name}”`} ends before it starts.`);
  });
  return out;
}

const PLACES: Record<string, string> = {
  dimensions: 'dimension',
  outcomes: 'outcome',
  units: 'unit',
  periods: 'period',
  levels: 'level',
  rules: 'rule',
};

/**
 * The host's template check speaks in paths ("units.7.name: Too small…"); a person reads
 * "unit 8 name: Too small…".
 */
export function readableSaveProblem(message: string): string {
  return message
    .replace(
      /\b(dimensions|outcomes|units|periods|levels|rules)\.(\d+)\.?/g,
      (_, list: string, i: string) => `${PLACES[list]} ${Number(i) + 1} `,
    )
    .replace(/ \./g, ' ')
    .replace(/This framework template is not valid: /, 'The framework was not saved: ');
}
