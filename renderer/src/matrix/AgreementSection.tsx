// Agreement between coders: per dimension percent agreement, Cohen's kappa (two coders) and
// Krippendorff's alpha (nominal, ordinal), overall figures, and the cells where coders differ.
import { useEffect, useState } from 'react';
import type { AgreementFigure, AgreementReport, Framework } from '../../../electron/api/contract';
import { api } from '../api/client';
import { useWork } from '../app/work';

interface Props {
  framework: Framework;
  version: number;
  onOpenCell(unitId: string, periodId: string): void;
}

export function formatFigure(figure: AgreementFigure | null, percent = false): string {
  if (!figure || figure.value === null) return '—';
  return percent ? `${Math.round(figure.value * 1000) / 10}%` : figure.value.toFixed(2);
}

export function AgreementSection({ framework, version, onOpenCell }: Props) {
  const { run } = useWork();
  const [report, setReport] = useState<AgreementReport | null>(null);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const r = await api.call('agreement.get', {});
      if (current) setReport(r);
    });
    return () => {
      current = false;
    };
  }, [run, version]);

  const unitName = (id: string) => framework.units.find((u) => u.id === id)?.name ?? 'unit';
  const periodName = (id: string) => framework.periods.find((p) => p.id === id)?.name ?? 'period';
  const dimension = (id: string) => framework.dimensions.find((d) => d.id === id);

  return (
    <section className="agreement-section" aria-labelledby="agreement-heading">
      <h3 id="agreement-heading">Agreement</h3>
      {report === null ? (
        <p className="quiet">Loading agreement…</p>
      ) : (
        <>
          <p className="quiet">
            Coders:{' '}
            {report.coders.length === 0 ? 'none yet' : report.coders.map((c) => `${c.name} (${c.judgements} judgements)`).join(', ')}
          </p>
          <table className="data-table agreement-table" aria-label="Agreement">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">Percent agreement</th>
                <th scope="col">Cohen’s kappa</th>
                <th scope="col">Krippendorff’s alpha (nominal)</th>
                <th scope="col">Krippendorff’s alpha (ordinal)</th>
                <th scope="col">Cells</th>
              </tr>
            </thead>
            <tbody>
              {report.perDimension.map((d) => (
                <tr key={d.dimensionId}>
                  <th scope="row">{d.name}</th>
                  <td>{formatFigure(d.percent, true)}</td>
                  <td>{d.kappa ? formatFigure(d.kappa) : 'needs two coders'}</td>
                  <td>{formatFigure(d.alphaNominal)}</td>
                  <td>{formatFigure(d.alphaOrdinal)}</td>
                  <td>{d.percent.n}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Overall</th>
                <td>{formatFigure(report.overall.percent, true)}</td>
                <td>—</td>
                <td>{formatFigure(report.overall.alphaNominal)}</td>
                <td>—</td>
                <td>{report.overall.percent.n}</td>
              </tr>
            </tbody>
          </table>
          <h4>Disagreements</h4>
          {report.disagreements.length === 0 ? (
            <p className="quiet">No cell where coders disagree.</p>
          ) : (
            <ul className="disagreements">
              {report.disagreements.map((d) => {
                const dim = dimension(d.dimensionId);
                const values = d.values
                  .map(
                    (v) =>
                      `${report.coders.find((c) => c.id === v.coderId)?.name ?? 'coder'}: ${dim?.levels.find((l) => l.id === v.levelId)?.name ?? '?'}`,
                  )
                  .join(', ');
                return (
                  <li key={`${d.unitId}:${d.periodId}:${d.dimensionId}`}>
                    <button type="button" className="link-button" onClick={() => onOpenCell(d.unitId, d.periodId)}>
                      {unitName(d.unitId)}, {periodName(d.periodId)} — {dim?.name ?? 'dimension'} ({values})
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
