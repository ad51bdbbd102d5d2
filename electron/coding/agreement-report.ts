// Agreement between coders on the framework assessments: per dimension (cells = unit x
// period) and overall (cells = unit x period x dimension). Consensus judgements are the
// adjudication, not a coder, and are left out.
//
// The judgements arrive as integers (see loadJudgements; one read serves this and the matrix)
// and go into one coders x units table of level positions: the overall table is the
// per-dimension tables one after the other, so each dimension's statistics read a slice of it.
import { getFramework } from '../framework/framework-service.js';
import type { Project } from '../project/project.js';
import { cohensKappaOf, disagreeingUnits, krippendorffAlphaOf, percentAgreementOf, type CodedTable } from './agreement/agreement.js';
import { judgementsOf } from './matrix.js';
import type { AgreementFigure, AgreementReport } from './types.js';

const figure = (r: { value: number | null; n?: number; pairs?: number }): AgreementFigure => ({
  value: r.value === null ? null : Math.round(r.value * 1000) / 1000,
  n: r.n ?? r.pairs ?? 0,
});

export function agreementReport(project: Project): AgreementReport {
  const fw = getFramework(project);
  const t = judgementsOf(project, fw);

  // The coders who judged (consensus aside), by name; equal names keep the order of appearance.
  const counts = new Int32Array(t.coders.length);
  const appearing: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t.consensus[i]) continue;
    if (counts[t.coder[i]!]!++ === 0) appearing.push(t.coder[i]!);
  }
  const coders = appearing.sort((a, b) => t.coders[a]!.name.localeCompare(t.coders[b]!.name));
  const column = new Int32Array(t.coders.length).fill(-1);
  coders.forEach((c, k) => (column[c] = k));

  // values[((dimension · cells) + unit · P + period) · K + coder]; a later judgement of the
  // same coder, cell and dimension replaces an earlier one.
  const P = fw.periods.length;
  const D = fw.dimensions.length;
  const K = coders.length;
  const cells = fw.units.length * P;
  const values = new Int32Array(D * cells * K).fill(-1);
  for (let i = 0; i < t.length; i++) {
    if (t.consensus[i] || t.unit[i]! < 0 || t.period[i]! < 0 || t.dimension[i]! < 0) continue;
    values[(t.dimension[i]! * cells + t.unit[i]! * P + t.period[i]!) * K + column[t.coder[i]!]!] = t.level[i]!;
  }
  const categories = t.levelIds.length;
  const label = (level: number) => t.levelIds[level]!;
  const levelPosition = new Map(t.levelIds.map((id, i) => [id, i]));

  const perDimension = fw.dimensions.map((d, di) => {
    const table: CodedTable = { coders: K, units: cells, values: values.subarray(di * cells * K, (di + 1) * cells * K), categories };
    const judged: number[] = [];
    for (let k = 0; k < K; k++) {
      for (let base = k; base < table.values.length; base += K) {
        if (table.values[base]! >= 0) {
          judged.push(k);
          break;
        }
      }
    }
    // A level of this dimension is always a level of the project, so it has a position.
    const order = [...d.levels].sort((a, b) => a.rank - b.rank).map((l) => levelPosition.get(l.id)!);
    return {
      dimensionId: d.id,
      name: d.name,
      percent: figure(percentAgreementOf(table)),
      alphaNominal: figure(krippendorffAlphaOf(table, { metric: 'nominal' }, label)),
      alphaOrdinal: figure(krippendorffAlphaOf(table, { metric: 'ordinal', order }, label)),
      kappa: judged.length === 2 ? figure(cohensKappaOf(table, judged[0]!, judged[1]!)) : null,
    };
  });
  const overall: CodedTable = { coders: K, units: D * cells, values, categories };
  return {
    coders: coders.map((c) => ({ id: t.coders[c]!.id, name: t.coders[c]!.name, judgements: counts[c]! })),
    perDimension,
    overall: {
      percent: figure(percentAgreementOf(overall)),
      alphaNominal: figure(krippendorffAlphaOf(overall, { metric: 'nominal' }, label)),
    },
    disagreements: disagreeingUnits(overall).map((x) => {
      const cell = x % cells;
      const unit = fw.units[Math.floor(cell / P)]!;
      const period = fw.periods[cell % P]!;
      const valuesOf: { coderId: string; levelId: string }[] = [];
      for (let k = 0; k < K; k++) {
        const v = values[x * K + k]!;
        if (v >= 0) valuesOf.push({ coderId: t.coders[coders[k]!]!.id, levelId: t.levelIds[v]! });
      }
      return { unitId: unit.id, periodId: period.id, dimensionId: fw.dimensions[Math.floor(x / cells)]!.id, values: valuesOf };
    }),
  };
}
