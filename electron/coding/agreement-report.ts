// Agreement between coders on the framework assessments: per dimension (cells = unit x
// period) and overall (cells = unit x period x dimension). Consensus judgements are the
// adjudication, not a coder, and are left out.
import { getFramework } from '../framework/framework-service.js';
import type { Project } from '../project/project.js';
import { cohensKappa, disagreements, krippendorffAlpha, percentAgreement, type ReliabilityData } from './agreement/agreement.js';
import { loadJudgements } from './matrix.js';
import type { AgreementFigure, AgreementReport } from './types.js';

function data(coders: string[], units: string[], values: Map<string, string>): ReliabilityData {
  return { coders, units, value: (c, u) => values.get(`${c}\u0000${u}`) };
}

const figure = (r: { value: number | null; n?: number; pairs?: number }): AgreementFigure => ({
  value: r.value === null ? null : Math.round(r.value * 1000) / 1000,
  n: r.n ?? r.pairs ?? 0,
});

export function agreementReport(project: Project): AgreementReport {
  const fw = getFramework(project);
  const judgements = loadJudgements(project, fw).filter((j) => !j.consensus);
  const names = new Map(
    (project.db.prepare('SELECT id, name FROM coders').all() as { id: string; name: string }[]).map((c) => [c.id, c.name]),
  );
  const coderIds = [...new Set(judgements.map((j) => j.assessorId))].sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? ''));
  const cellOrder = fw.units.flatMap((u) => fw.periods.map((p) => `${u.id}|${p.id}`));

  const overallValues = new Map<string, string>();
  const overallUnits: string[] = [];
  const perDimension = fw.dimensions.map((d) => {
    const values = new Map<string, string>();
    for (const j of judgements.filter((x) => x.dimensionId === d.id)) {
      values.set(`${j.assessorId}\u0000${j.unitId}|${j.periodId}`, j.levelId);
      overallValues.set(`${j.assessorId}\u0000${j.unitId}|${j.periodId}|${d.id}`, j.levelId);
    }
    overallUnits.push(...cellOrder.map((c) => `${c}|${d.id}`));
    const rd = data(coderIds, cellOrder, values);
    const judged = coderIds.filter((c) => cellOrder.some((u) => rd.value(c, u) !== undefined));
    const order = [...d.levels].sort((a, b) => a.rank - b.rank).map((l) => l.id);
    return {
      dimensionId: d.id,
      name: d.name,
      percent: figure(percentAgreement(rd)),
      alphaNominal: figure(krippendorffAlpha(rd, { metric: 'nominal' })),
      alphaOrdinal: figure(krippendorffAlpha(rd, { metric: 'ordinal', order })),
      kappa: judged.length === 2 ? figure(cohensKappa(rd, judged[0]!, judged[1]!)) : null,
    };
  });
  const overall = data(coderIds, overallUnits, overallValues);
  return {
    coders: coderIds.map((id) => ({ id, name: names.get(id) ?? '', judgements: judgements.filter((j) => j.assessorId === id).length })),
    perDimension,
    overall: { percent: figure(percentAgreement(overall)), alphaNominal: figure(krippendorffAlpha(overall, { metric: 'nominal' })) },
    disagreements: disagreements(overall).map((dis) => {
      const [unitId, periodId, dimensionId] = dis.unit.split('|') as [string, string, string];
      return { unitId, periodId, dimensionId, values: dis.values.map((v) => ({ coderId: v.coder, levelId: v.value })) };
    }),
  };
}
