// Reading the active framework, and moving frameworks in and out as template JSON.
import { AppError } from '../core/errors.js';
import type { Project } from '../project/project.js';
import { installTemplate } from './install-template.js';
import { parseTemplate, type FrameworkTemplate } from './template.js';

export interface Level {
  id: string;
  key: string;
  name: string;
  rank: number;
}
export interface Dimension {
  id: string;
  key: string;
  name: string;
  question: string;
  levels: Level[]; // highest rank first, as the memo's tables read
}
export interface Outcome {
  id: string;
  key: string;
  name: string;
  meaning: string;
  color: string;
}
export interface OutcomeRule {
  outcomeId: string;
  levels: Record<string, string>; // dimension id -> level id
}
export interface Unit {
  id: string;
  key: string;
  name: string;
  kind: string;
  description: string;
  parentId: string | null;
  inMatrix: boolean;
  aliases: string[];
}
export interface Period {
  id: string;
  name: string;
  start: number | null;
  end: number | null;
}
export interface Framework {
  id: string;
  name: string;
  description: string;
  template: string;
  dimensions: Dimension[];
  outcomes: Outcome[];
  rules: OutcomeRule[];
  units: Unit[];
  periods: Period[];
}

function activeFrameworkId(project: Project): string {
  const row = project.db.prepare('SELECT id FROM frameworks WHERE active = 1 AND deleted = 0 ORDER BY stamp DESC LIMIT 1').get() as
    { id: string } | undefined;
  if (!row) throw new AppError('not_found', 'This project has no framework yet. Import a framework template.');
  return row.id;
}

/** A stable key for a unit, derived from its name, for templates (ids are per-project). */
function slug(s: string): string {
  const k = s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return k || 'unit';
}

export function getFramework(project: Project, frameworkId: string = activeFrameworkId(project)): Framework {
  const db = project.db;
  const f = db.prepare('SELECT id, name, description, template FROM frameworks WHERE id = ?').get(frameworkId) as
    { id: string; name: string; description: string; template: string } | undefined;
  if (!f) throw new AppError('not_found', 'No such framework in this project.');

  const dims = db
    .prepare('SELECT id, key, name, question FROM dimensions WHERE framework_id = ? AND deleted = 0 ORDER BY sort_order, key')
    .all(frameworkId) as Omit<Dimension, 'levels'>[];
  const levelStmt = db.prepare('SELECT id, key, name, rank FROM levels WHERE dimension_id = ? AND deleted = 0 ORDER BY rank DESC');
  const dimensions = dims.map((d) => ({ ...d, levels: levelStmt.all(d.id) as Level[] }));

  const outcomes = db
    .prepare('SELECT id, key, name, meaning, color FROM outcomes WHERE framework_id = ? AND deleted = 0 ORDER BY sort_order, key')
    .all(frameworkId) as Outcome[];
  const rules = (
    db.prepare('SELECT outcome_id AS outcomeId, levels FROM outcome_rules WHERE framework_id = ? AND deleted = 0').all(frameworkId) as {
      outcomeId: string;
      levels: string;
    }[]
  ).map((r) => ({ outcomeId: r.outcomeId, levels: JSON.parse(r.levels) as Record<string, string> }));

  const unitRows = db
    .prepare(
      'SELECT id, key, name, kind, description, parent_id AS parentId, in_matrix AS inMatrix FROM units WHERE framework_id = ? AND deleted = 0 ORDER BY sort_order, name',
    )
    .all(frameworkId) as (Omit<Unit, 'aliases' | 'inMatrix'> & { inMatrix: number })[];
  const aliasStmt = db.prepare('SELECT alias FROM unit_aliases WHERE unit_id = ? AND deleted = 0 ORDER BY sort_order, alias');
  const used = new Set<string>();
  const units = unitRows.map((u) => {
    // Keys are unique within a template; units added by hand or merged may lack one.
    let key = u.key || slug(u.name);
    while (used.has(key)) key += '-x';
    used.add(key);
    return { ...u, key, inMatrix: u.inMatrix === 1, aliases: (aliasStmt.all(u.id) as { alias: string }[]).map((a) => a.alias) };
  });

  const periods = db
    .prepare(
      'SELECT id, name, start_year AS start, end_year AS end FROM periods WHERE framework_id = ? AND deleted = 0 ORDER BY sort_order, start_year',
    )
    .all(frameworkId) as Period[];

  return { ...f, dimensions, outcomes, rules, units, periods };
}

interface CodeRow {
  id: string;
  parent_id: string | null;
  name: string;
  color: string;
  description: string;
}

/** The active framework (and the codebook) as template JSON, ready to share or reuse. */
export function exportTemplate(project: Project, opts: { withIds?: boolean } = {}): FrameworkTemplate {
  const id = (rowId: string) => (opts.withIds ? { id: rowId } : {});
  const fw = getFramework(project);
  const dimKey = new Map(fw.dimensions.map((d) => [d.id, d.key]));
  const levelKey = new Map(fw.dimensions.flatMap((d) => d.levels.map((l) => [l.id, l.key] as const)));
  const outcomeKey = new Map(fw.outcomes.map((o) => [o.id, o.key]));
  const unitKey = new Map(fw.units.map((u) => [u.id, u.key]));
  const codes = project.db
    .prepare('SELECT id, parent_id, name, color, description FROM codes WHERE deleted = 0 ORDER BY sort_order, name')
    .all() as CodeRow[];
  const codeTree = (parent: string | null): FrameworkTemplate['codes'] =>
    codes
      .filter((c) => c.parent_id === parent)
      .map((c) => ({ name: c.name, description: c.description, color: c.color, children: codeTree(c.id) }));

  const template = {
    format: 'field-coder-framework' as const,
    formatVersion: 1 as const,
    key: fw.template || slug(fw.name),
    name: fw.name,
    description: fw.description,
    dimensions: fw.dimensions.map((d) => ({
      ...id(d.id),
      key: d.key,
      name: d.name,
      question: d.question,
      levels: d.levels.map((l) => ({ ...id(l.id), key: l.key, name: l.name, rank: l.rank })),
    })),
    outcomes: fw.outcomes.map((o) => ({ ...id(o.id), key: o.key, name: o.name, meaning: o.meaning, color: o.color })),
    rules: fw.rules.map((r) => ({
      levels: Object.fromEntries(Object.entries(r.levels).map(([d, l]) => [dimKey.get(d)!, levelKey.get(l)!])),
      outcome: outcomeKey.get(r.outcomeId)!,
    })),
    units: fw.units.map((u) => ({
      ...id(u.id),
      key: u.key,
      name: u.name,
      kind: u.kind,
      ...(u.parentId && unitKey.has(u.parentId) ? { parent: unitKey.get(u.parentId)! } : {}),
      inMatrix: u.inMatrix,
      description: u.description,
      aliases: u.aliases,
    })),
    periods: fw.periods.map((p) => ({
      ...id(p.id),
      name: p.name,
      ...(p.start !== null ? { start: p.start } : {}),
      ...(p.end !== null ? { end: p.end } : {}),
    })),
    codes: codeTree(null),
  };
  // What we write must be what we accept.
  return parseTemplate(JSON.stringify(template));
}

/** Installs template JSON as the project's active framework; on any problem nothing changes. */
export function importTemplate(project: Project, json: string): Framework {
  const t = parseTemplate(json);
  const id = project.write((stamp) => installTemplate(project, t, stamp));
  return getFramework(project, id);
}
