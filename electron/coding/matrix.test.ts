// The memo's Table 2, rebuilt from a CSV of its judgements in a new project; missing and
// conflicting judgements; consensus and per-coder views.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getFramework } from '../framework/framework-service.js';
import { createProject } from '../project/open-project.js';
import type { Project } from '../project/project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { listAssessments, recordAssessment } from './assessments-service.js';
import { memoCsv, table2 } from '../test-support/memo-table2.js';
import { importAssessmentsCsv } from './import-assessments.js';
import { computeMatrix, matrixTable } from './matrix.js';

const dir = tempDir();
let n = 0;
const newProject = async (): Promise<Project> => (await createProject(join(dir, `m${++n}.fieldcoder`), testAuthor, { name: 'M' })).project;

describe('Table 2 from a CSV of the memo’s judgements', () => {
  let p: Project;
  beforeAll(async () => {
    p = await newProject();
  });

  it('imports 3 units x 4 periods x 2 dimensions and reproduces Table 2 cell for cell', () => {
    const r = importAssessmentsCsv(p, memoCsv());
    expect(r).toEqual({ rows: 24, newCoders: ['Memo author'] });
    const table = matrixTable(p, computeMatrix(p));
    expect(table.slice(1)).toEqual(table2().slice(1));
    expect(table[0]!.slice(1)).toEqual(table2()[0]!.slice(1));
    expect(computeMatrix(p).cells.every((c) => c.status === 'complete' && c.agreed)).toBe(true);
  });

  it('matches units by alias and periods whatever their dash', () => {
    const q = importAssessmentsCsv(
      p,
      'unit,period,dimension,level,coder\nGorno-Badakhshan,1991-1997,Capability,low,Second coder\nBadakhshan,1991 - 1997,willingness,HIGH,Second coder\n',
    );
    expect(q.rows).toBe(2);
  });

  it('a bad row names its line and imports nothing', () => {
    const before = listAssessments(p).length;
    const bad = 'unit,period,dimension,level,coder\nSughd Province,1991–1997,capability,high,X\nAtlantis,1991–1997,capability,high,X\n';
    expect(() => importAssessmentsCsv(p, bad)).toThrow(/line 3: unknown unit "Atlantis"/);
    expect(() => importAssessmentsCsv(p, 'unit,period,dimension,level,coder\nGBAO,1991–1997,capability,medium,X')).toThrow(
      /line 2: "medium" is not a level/,
    );
    expect(() => importAssessmentsCsv(p, 'unit,period,level,coder\nGBAO,1991–1997,low,X')).toThrow(/column "dimension" is missing/);
    expect(listAssessments(p).length).toBe(before);
    expect((p.db.prepare("SELECT count(*) AS n FROM coders WHERE name = 'X'").get() as { n: number }).n).toBe(0);
  });
});

describe('missing, conflicting and adjudicated judgements', () => {
  it('never guesses an outcome; consensus settles a conflict; per-coder views differ', async () => {
    const p = await newProject();
    const fw = getFramework(p);
    const [cap, will] = fw.dimensions;
    const level = (d: typeof cap, key: string) => d!.levels.find((l) => l.key === key)!.id;
    const sughd = fw.units.find((u) => u.name === 'Sughd Province')!.id;
    const period = fw.periods[0]!.id;
    const other = p.write((stamp) => {
      p.db.prepare("INSERT INTO coders(id, name, stamp) VALUES ('00000000-0000-4000-8000-0000000000b2', 'Coder B', ?)").run(stamp());
      return '00000000-0000-4000-8000-0000000000b2';
    });
    const cell = () => computeMatrix(p).cells.find((c) => c.unitId === sughd && c.periodId === period)!;

    recordAssessment(p, { unitId: sughd, periodId: period, dimensionId: cap!.id, levelId: level(cap, 'high') });
    expect(cell()).toMatchObject({ status: 'missing', outcomeId: null });

    recordAssessment(p, { unitId: sughd, periodId: period, dimensionId: will!.id, levelId: level(will, 'low') });
    const captured = fw.outcomes.find((o) => o.key === 'captured')!.id;
    expect(cell()).toMatchObject({ status: 'complete', outcomeId: captured, agreed: true });

    recordAssessment(p, { unitId: sughd, periodId: period, dimensionId: will!.id, levelId: level(will, 'high'), assessorId: other });
    expect(cell()).toMatchObject({ status: 'conflict', outcomeId: null, agreed: false });

    const mine = computeMatrix(p, { kind: 'coder', coderId: testAuthor.coderId }).cells.find(
      (c) => c.unitId === sughd && c.periodId === period,
    )!;
    expect(mine.outcomeId).toBe(captured);
    const theirs = computeMatrix(p, { kind: 'coder', coderId: other }).cells.find((c) => c.unitId === sughd && c.periodId === period)!;
    expect(theirs.status).toBe('missing'); // B judged willingness only

    for (const [d, l] of [
      [cap!, 'high'],
      [will!, 'low'],
    ] as const) {
      recordAssessment(p, {
        unitId: sughd,
        periodId: period,
        dimensionId: d.id,
        levelId: level(d, l),
        consensus: true,
        rationale: 'Adjudicated',
      });
    }
    expect(cell()).toMatchObject({ status: 'complete', outcomeId: captured, agreed: false, hasConsensus: true });
    expect(computeMatrix(p, { kind: 'consensus' }).cells.filter((c) => c.status === 'complete')).toHaveLength(1);

    // recording again replaces the coder's judgement rather than adding a second one
    recordAssessment(p, { unitId: sughd, periodId: period, dimensionId: will!.id, levelId: level(will, 'low'), assessorId: other });
    expect(listAssessments(p, { unitId: sughd, periodId: period }).filter((a) => !a.consensus)).toHaveLength(3);
    expect(cell().agreed).toBe(true);

    expect(() => recordAssessment(p, { unitId: sughd, periodId: period, dimensionId: cap!.id, levelId: level(will, 'low') })).toThrow(
      /does not belong/,
    );
    p.close();
  });
});
