// Writes a framework template into a project as rows: a new framework, made the active one.
import { newId } from '../core/ids.js';
import type { Project } from '../project/project.js';
import type { FrameworkTemplate } from './template.js';

/** Must run inside `project.write`; `stamp` is that transaction's clock. Returns the framework id. */
export function installTemplate(project: Project, t: FrameworkTemplate, stamp: () => string): string {
  const db = project.db;
  const who = project.coderId;
  const frameworkId = newId();
  db.prepare('UPDATE frameworks SET active = 0, stamp = ?, coder_id = ? WHERE active = 1').run(stamp(), who);
  db.prepare('INSERT INTO frameworks(id, name, description, template, active, stamp, coder_id) VALUES (?, ?, ?, ?, 1, ?, ?)').run(
    frameworkId,
    t.name,
    t.description,
    t.key,
    stamp(),
    who,
  );

  const levelIds = new Map<string, Map<string, string>>(); // dimension key -> level key -> id
  const dimensionIds = new Map<string, string>();
  const insDim = db.prepare(
    'INSERT INTO dimensions(id, framework_id, key, name, question, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insLevel = db.prepare('INSERT INTO levels(id, dimension_id, key, name, rank, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  t.dimensions.forEach((d, i) => {
    const id = newId();
    dimensionIds.set(d.key, id);
    insDim.run(id, frameworkId, d.key, d.name, d.question, i, stamp(), who);
    const levels = new Map<string, string>();
    for (const l of d.levels) {
      const lid = newId();
      levels.set(l.key, lid);
      insLevel.run(lid, id, l.key, l.name, l.rank, stamp(), who);
    }
    levelIds.set(d.key, levels);
  });

  const outcomeIds = new Map<string, string>();
  const insOutcome = db.prepare(
    'INSERT INTO outcomes(id, framework_id, key, name, meaning, color, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  t.outcomes.forEach((o, i) => {
    const id = newId();
    outcomeIds.set(o.key, id);
    insOutcome.run(id, frameworkId, o.key, o.name, o.meaning, o.color, i, stamp(), who);
  });

  const insRule = db.prepare('INSERT INTO outcome_rules(id, framework_id, outcome_id, levels, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of t.rules) {
    const levels: Record<string, string> = {};
    for (const [dk, lk] of Object.entries(r.levels)) levels[dimensionIds.get(dk)!] = levelIds.get(dk)!.get(lk)!;
    insRule.run(newId(), frameworkId, outcomeIds.get(r.outcome)!, JSON.stringify(levels), stamp(), who);
  }

  const unitIds = new Map(t.units.map((u) => [u.key, newId()] as const));
  const insUnit = db.prepare(
    'INSERT INTO units(id, framework_id, parent_id, key, name, kind, description, in_matrix, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insAlias = db.prepare('INSERT INTO unit_aliases(id, unit_id, alias, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?)');
  // Parents first, so the foreign key holds whatever order the template lists units in.
  const depths = unitDepths(t);
  const position = new Map(t.units.map((u, i) => [u, i] as const));
  const ordered = [...t.units].sort((a, b) => depths.get(a.key)! - depths.get(b.key)!);
  for (const u of ordered) {
    const id = unitIds.get(u.key)!;
    const sort = position.get(u)!;
    insUnit.run(
      id,
      frameworkId,
      u.parent ? unitIds.get(u.parent)! : null,
      u.key,
      u.name,
      u.kind,
      u.description,
      u.inMatrix ? 1 : 0,
      sort,
      stamp(),
      who,
    );
    u.aliases.forEach((a, i) => insAlias.run(newId(), id, a, i, stamp(), who));
  }

  const insPeriod = db.prepare(
    'INSERT INTO periods(id, framework_id, name, start_year, end_year, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  t.periods.forEach((p, i) => insPeriod.run(newId(), frameworkId, p.name, p.start ?? null, p.end ?? null, i, stamp(), who));

  const insCode = db.prepare(
    'INSERT INTO codes(id, parent_id, name, color, description, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const existing = db.prepare('SELECT id FROM codes WHERE deleted = 0 AND name = ? AND parent_id IS ?');
  const addCodes = (codes: FrameworkTemplate['codes'], parent: string | null): void => {
    codes.forEach((c, i) => {
      // Importing a template twice must not duplicate its starter codes.
      const found = existing.get(c.name, parent) as { id: string } | undefined;
      const id = found?.id ?? newId();
      if (!found) insCode.run(id, parent, c.name, c.color, c.description, i, stamp(), who);
      addCodes(c.children, id);
    });
  };
  addCodes(t.codes, null);
  return frameworkId;
}

/** Each unit's depth under its parents, in linear time and without recursion (a template may hold a chain of 10,000). */
function unitDepths(t: FrameworkTemplate): Map<string, number> {
  const parent = new Map(t.units.map((u) => [u.key, u.parent ?? null] as const));
  const depths = new Map<string, number>();
  for (const u of t.units) {
    const chain: string[] = [];
    const seen = new Set<string>();
    let k: string | null = u.key;
    while (k !== null && !depths.has(k) && !seen.has(k) && parent.has(k)) {
      seen.add(k);
      chain.push(k);
      k = parent.get(k) ?? null;
    }
    let d = k !== null && depths.has(k) ? depths.get(k)! + 1 : 0;
    for (let i = chain.length - 1; i >= 0; i--) depths.set(chain[i]!, d++);
  }
  return depths;
}
