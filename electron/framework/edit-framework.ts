// The framework editor's save: the edited framework arrives in template form (with the row ids
// the editor was given), and is applied to the active framework row by row, so that ids, and
// the judgements that point at them, survive. Rows that disappear are tombstoned; a dimension,
// level, unit or period that judgements still use cannot be removed.
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Project } from '../project/project.js';
import { exportTemplate, getFramework, type Framework } from './framework-service.js';
import { parseTemplate, type FrameworkTemplate } from './template.js';

/** The active framework in template form with row ids: what the editor starts from. */
export function editableFramework(project: Project): FrameworkTemplate {
  return exportTemplate(project, { withIds: true });
}

interface Live {
  id: string;
  key: string;
}

function pick<T extends { id?: string | undefined }>(item: T, existing: Live[], keyOf: (t: T) => string, what: string): Live | undefined {
  if (item.id) {
    const byId = existing.find((e) => e.id === item.id);
    if (!byId) throw new AppError('invalid', `The ${what} "${keyOf(item)}" names a row that is not in this framework.`);
    return byId;
  }
  return existing.find((e) => e.key === keyOf(item));
}

export function saveFramework(project: Project, json: string): Framework {
  const t = parseTemplate(json);
  const fw = getFramework(project);
  const db = project.db;
  const who = project.coderId;
  const used = (col: string, id: string): number =>
    (db.prepare(`SELECT count(*) AS n FROM assessments WHERE ${col} = ? AND deleted = 0`).get(id) as { n: number }).n;
  const refuseIfUsed = (col: string, id: string, label: string): void => {
    const n = used(col, id);
    if (n > 0) throw new AppError('invalid', `${label} has ${n} judgement${n === 1 ? '' : 's'}; move or delete them before removing it.`);
  };

  project.write((stamp) => {
    const tomb = (table: string, id: string): void => {
      db.prepare(`UPDATE ${table} SET deleted = 1, stamp = ?, coder_id = ? WHERE id = ?`).run(stamp(), who, id);
    };
    db.prepare('UPDATE frameworks SET name = ?, description = ?, stamp = ?, coder_id = ? WHERE id = ?').run(
      t.name,
      t.description,
      stamp(),
      who,
      fw.id,
    );

    // Dimensions and their levels.
    const dimIds = new Map<string, string>();
    const levelIds = new Map<string, Map<string, string>>();
    const keptDims = new Set<string>();
    t.dimensions.forEach((d, i) => {
      const old = pick(d, fw.dimensions, (x) => x.key, 'dimension');
      const id = old?.id ?? newId();
      if (old) {
        db.prepare('UPDATE dimensions SET key = ?, name = ?, question = ?, sort_order = ?, stamp = ?, coder_id = ? WHERE id = ?').run(
          d.key,
          d.name,
          d.question,
          i,
          stamp(),
          who,
          id,
        );
      } else {
        db.prepare(
          'INSERT INTO dimensions(id, framework_id, key, name, question, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(id, fw.id, d.key, d.name, d.question, i, stamp(), who);
      }
      keptDims.add(id);
      dimIds.set(d.key, id);
      const oldLevels = fw.dimensions.find((x) => x.id === id)?.levels ?? [];
      const levels = new Map<string, string>();
      const keptLevels = new Set<string>();
      for (const l of d.levels) {
        const ol = pick(l, oldLevels, (x) => x.key, 'level');
        const lid = ol?.id ?? newId();
        if (ol)
          db.prepare('UPDATE levels SET key = ?, name = ?, rank = ?, stamp = ?, coder_id = ? WHERE id = ?').run(
            l.key,
            l.name,
            l.rank,
            stamp(),
            who,
            lid,
          );
        else
          db.prepare('INSERT INTO levels(id, dimension_id, key, name, rank, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
            lid,
            id,
            l.key,
            l.name,
            l.rank,
            stamp(),
            who,
          );
        levels.set(l.key, lid);
        keptLevels.add(lid);
      }
      levelIds.set(d.key, levels);
      for (const ol of oldLevels) {
        if (keptLevels.has(ol.id)) continue;
        refuseIfUsed('level_id', ol.id, `The level "${ol.name}" of ${d.name}`);
        tomb('levels', ol.id);
      }
    });
    for (const d of fw.dimensions) {
      if (keptDims.has(d.id)) continue;
      refuseIfUsed('dimension_id', d.id, `The dimension "${d.name}"`);
      tomb('dimensions', d.id);
      for (const l of d.levels) tomb('levels', l.id);
    }

    // Outcomes and the outcome table.
    const outcomeIds = new Map<string, string>();
    const keptOutcomes = new Set<string>();
    t.outcomes.forEach((o, i) => {
      const old = pick(o, fw.outcomes, (x) => x.key, 'outcome');
      const id = old?.id ?? newId();
      if (old)
        db.prepare(
          'UPDATE outcomes SET key = ?, name = ?, meaning = ?, color = ?, sort_order = ?, stamp = ?, coder_id = ? WHERE id = ?',
        ).run(o.key, o.name, o.meaning, o.color, i, stamp(), who, id);
      else
        db.prepare(
          'INSERT INTO outcomes(id, framework_id, key, name, meaning, color, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(id, fw.id, o.key, o.name, o.meaning, o.color, i, stamp(), who);
      outcomeIds.set(o.key, id);
      keptOutcomes.add(id);
    });
    for (const o of fw.outcomes) if (!keptOutcomes.has(o.id)) tomb('outcomes', o.id);

    const canon = (levels: Record<string, string>): string =>
      JSON.stringify(Object.fromEntries(Object.entries(levels).sort(([a], [b]) => a.localeCompare(b))));
    const oldRules = db
      .prepare('SELECT id, outcome_id AS outcomeId, levels FROM outcome_rules WHERE framework_id = ? AND deleted = 0')
      .all(fw.id) as { id: string; outcomeId: string; levels: string }[];
    const byLevels = new Map(oldRules.map((r) => [canon(JSON.parse(r.levels) as Record<string, string>), r]));
    const keptRules = new Set<string>();
    for (const r of t.rules) {
      const levels: Record<string, string> = {};
      for (const [dk, lk] of Object.entries(r.levels)) levels[dimIds.get(dk)!] = levelIds.get(dk)!.get(lk)!;
      const key = canon(levels);
      const outcomeId = outcomeIds.get(r.outcome)!;
      const old = byLevels.get(key);
      if (old) {
        keptRules.add(old.id);
        if (old.outcomeId !== outcomeId)
          db.prepare('UPDATE outcome_rules SET outcome_id = ?, stamp = ?, coder_id = ? WHERE id = ?').run(outcomeId, stamp(), who, old.id);
      } else {
        db.prepare('INSERT INTO outcome_rules(id, framework_id, outcome_id, levels, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?)').run(
          newId(),
          fw.id,
          outcomeId,
          key,
          stamp(),
          who,
        );
      }
    }
    for (const r of oldRules) if (!keptRules.has(r.id)) tomb('outcome_rules', r.id);

    // Units (parents set once every unit exists) and their aliases.
    const unitIds = new Map<string, string>();
    const keptUnits = new Set<string>();
    t.units.forEach((u, i) => {
      const old = pick(u, fw.units, (x) => x.key, 'unit');
      const id = old?.id ?? newId();
      if (old) {
        db.prepare(
          'UPDATE units SET key = ?, name = ?, kind = ?, description = ?, in_matrix = ?, sort_order = ?, stamp = ?, coder_id = ? WHERE id = ?',
        ).run(u.key, u.name, u.kind, u.description, u.inMatrix ? 1 : 0, i, stamp(), who, id);
      } else {
        db.prepare(
          'INSERT INTO units(id, framework_id, key, name, kind, description, in_matrix, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(id, fw.id, u.key, u.name, u.kind, u.description, u.inMatrix ? 1 : 0, i, stamp(), who);
      }
      unitIds.set(u.key, id);
      keptUnits.add(id);
      const aliases = db.prepare('SELECT id, alias FROM unit_aliases WHERE unit_id = ? AND deleted = 0').all(id) as {
        id: string;
        alias: string;
      }[];
      u.aliases.forEach((a, j) => {
        const found = aliases.find((x) => x.alias === a);
        if (found)
          db.prepare('UPDATE unit_aliases SET sort_order = ?, stamp = ?, coder_id = ? WHERE id = ?').run(j, stamp(), who, found.id);
        else
          db.prepare('INSERT INTO unit_aliases(id, unit_id, alias, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?)').run(
            newId(),
            id,
            a,
            j,
            stamp(),
            who,
          );
      });
      for (const x of aliases) if (!u.aliases.includes(x.alias)) tomb('unit_aliases', x.id);
    });
    for (const u of t.units) {
      const parent = u.parent ? unitIds.get(u.parent)! : null;
      db.prepare('UPDATE units SET parent_id = ? WHERE id = ? AND parent_id IS NOT ?').run(parent, unitIds.get(u.key)!, parent);
    }
    for (const u of fw.units) {
      if (keptUnits.has(u.id)) continue;
      refuseIfUsed('unit_id', u.id, `The unit "${u.name}"`);
      tomb('units', u.id);
    }

    // Periods, matched by id or name.
    const keptPeriods = new Set<string>();
    const oldPeriods = fw.periods.map((p) => ({ ...p, key: p.name }));
    t.periods.forEach((p, i) => {
      const old = pick(p, oldPeriods, (x) => x.name, 'period');
      const id = old?.id ?? newId();
      if (old)
        db.prepare('UPDATE periods SET name = ?, start_year = ?, end_year = ?, sort_order = ?, stamp = ?, coder_id = ? WHERE id = ?').run(
          p.name,
          p.start ?? null,
          p.end ?? null,
          i,
          stamp(),
          who,
          id,
        );
      else
        db.prepare(
          'INSERT INTO periods(id, framework_id, name, start_year, end_year, sort_order, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(id, fw.id, p.name, p.start ?? null, p.end ?? null, i, stamp(), who);
      keptPeriods.add(id);
    });
    for (const p of fw.periods) {
      if (keptPeriods.has(p.id)) continue;
      refuseIfUsed('period_id', p.id, `The period "${p.name}"`);
      tomb('periods', p.id);
    }
  });
  return getFramework(project);
}
