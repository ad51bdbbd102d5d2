// The framework editor's save: rows keep their ids, judgements keep pointing at them, and
// nothing that judgements use can be removed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordAssessment } from '../coding/assessments-service.js';
import { computeMatrix } from '../coding/matrix.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { editableFramework, saveFramework } from './edit-framework.js';
import { getFramework } from './framework-service.js';

const dir = tempDir();
let n = 0;
const newProject = async (): Promise<Project> => (await createProject(join(dir, `e${++n}.fieldcoder`), testAuthor, { name: 'E' })).project;

describe('saving an edited framework', () => {
  it('renames, adds a unit with aliases, a period and an ordinal level, keeping ids', async () => {
    const p = await newProject();
    const before = getFramework(p);
    const t = editableFramework(p);
    t.name = 'State capacity (revised)';
    t.dimensions[0]!.name = 'Capacity';
    t.dimensions[0]!.levels.splice(1, 0, { key: 'medium', name: 'medium', rank: 2 });
    t.dimensions[0]!.levels[0]!.rank = 3;
    t.units.push({
      key: 'rasht',
      name: 'Rasht Valley',
      kind: 'region',
      inMatrix: true,
      description: '',
      aliases: ['Karategin', 'Gharm'],
      parent: 'tajikistan',
    });
    t.units.find((u) => u.key === 'khatlon')!.aliases.push('Qurghonteppa');
    t.periods.push({ name: '2015–2021', start: 2015, end: 2021 });
    t.rules.push({ levels: { capability: 'medium', willingness: 'high' }, outcome: 'degraded' });
    t.rules.push({ levels: { capability: 'medium', willingness: 'low' }, outcome: 'failed' });
    const after = saveFramework(p, JSON.stringify(t));
    expect(after.id).toBe(before.id);
    expect(after.name).toBe('State capacity (revised)');
    expect(after.dimensions[0]!.id).toBe(before.dimensions[0]!.id);
    expect(after.dimensions[0]!.levels.map((l) => l.key)).toEqual(['high', 'medium', 'low']);
    expect(after.units.find((u) => u.name === 'Rasht Valley')).toMatchObject({ aliases: ['Karategin', 'Gharm'], inMatrix: true });
    expect(after.units.find((u) => u.key === 'khatlon')!.aliases).toContain('Qurghonteppa');
    expect(after.periods.map((x) => x.name)).toContain('2015–2021');
    expect(after.rules).toHaveLength(6);
    // saving the same again changes nothing
    const again = saveFramework(p, JSON.stringify(editableFramework(p)));
    expect(again).toEqual(after);
    p.close();
  });

  it('judgements survive a rename, and the outcome table change shows in the matrix', async () => {
    const p = await newProject();
    const fw = getFramework(p);
    const [cap, will] = fw.dimensions;
    const unit = fw.units[0]!.id;
    const period = fw.periods[0]!.id;
    recordAssessment(p, { unitId: unit, periodId: period, dimensionId: cap!.id, levelId: cap!.levels[0]!.id }); // high
    recordAssessment(p, { unitId: unit, periodId: period, dimensionId: will!.id, levelId: will!.levels[1]!.id }); // low
    const cell = () => computeMatrix(p).cells.find((c) => c.unitId === unit && c.periodId === period)!;
    const captured = fw.outcomes.find((o) => o.key === 'captured')!.id;
    expect(cell().outcomeId).toBe(captured);
    const t = editableFramework(p);
    t.units[0]!.name = 'Sughd (Leninabad) Province';
    t.rules = t.rules.map((r) => (r.outcome === 'captured' ? { ...r, outcome: 'failed' } : r));
    saveFramework(p, JSON.stringify(t));
    expect(cell().outcomeId).toBe(fw.outcomes.find((o) => o.key === 'failed')!.id);
    expect(computeMatrix(p).units[0]!.name).toBe('Sughd (Leninabad) Province');
    p.close();
  });

  it('refuses to remove what judgements use, and leaves the framework as it was', async () => {
    const p = await newProject();
    const fw = getFramework(p);
    const unit = fw.units[0]!;
    recordAssessment(p, {
      unitId: unit.id,
      periodId: fw.periods[0]!.id,
      dimensionId: fw.dimensions[0]!.id,
      levelId: fw.dimensions[0]!.levels[1]!.id,
    });
    const t = editableFramework(p);
    t.units = t.units.filter((u) => u.id !== unit.id);
    expect(() => saveFramework(p, JSON.stringify(t))).toThrow(/Sughd Province" has 1 judgement/);
    const t2 = editableFramework(p);
    t2.dimensions[0]!.levels = t2.dimensions[0]!.levels.filter((l) => l.key !== 'low').concat({ key: 'weak', name: 'weak', rank: 0 });
    t2.rules = t2.rules.map((r) => (r.levels.capability === 'low' ? { ...r, levels: { ...r.levels, capability: 'weak' } } : r));
    expect(() => saveFramework(p, JSON.stringify(t2))).toThrow(/level "low" of Capability has 1 judgement/);
    expect(getFramework(p)).toEqual(fw);
    // a unit nobody judged can go
    const t3 = editableFramework(p);
    t3.units = t3.units.filter((u) => u.key !== 'dushanbe');
    expect(saveFramework(p, JSON.stringify(t3)).units.map((u) => u.key)).not.toContain('dushanbe');
    // an id from elsewhere is refused
    const t4 = editableFramework(p);
    t4.periods[0]!.id = '00000000-0000-4000-8000-00000000abcd';
    expect(() => saveFramework(p, JSON.stringify(t4))).toThrow(/not in this framework/);
    p.close();
  });
});
