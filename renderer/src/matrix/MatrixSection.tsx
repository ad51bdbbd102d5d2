// The matrix: units (rows) by periods (columns), each cell the outcome its judgements give, or
// plainly "missing" / "conflict". A view switch shows all coders pooled, the consensus, or one
// coder. A cell opens its judgements and the form to record one. Below: a timeline per unit,
// and the agreement between coders.
import { useCallback, useEffect, useState } from 'react';
import type { Excerpt, Framework, Matrix, MatrixView } from '../../../electron/api/contract';
import { api } from '../api/client';
import { useWork } from '../app/work';
import { agreementMark, cellLabel } from '../coding/logic';
import { OutcomeSwatch } from '../framework/OutcomeSwatch';
import { AgreementSection } from './AgreementSection';
import { CellPanel } from './CellPanel';

interface Props {
  framework: Framework;
  onOpenExcerpt(excerpt: Excerpt): void;
}

function viewOf(value: string): MatrixView {
  if (value === 'pooled') return { kind: 'pooled' };
  if (value === 'consensus') return { kind: 'consensus' };
  return { kind: 'coder', coderId: value };
}

export function MatrixSection({ framework, onOpenExcerpt }: Props) {
  const { run } = useWork();
  const [view, setView] = useState('pooled');
  const [coders, setCoders] = useState<{ id: string; name: string }[]>([]);
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [open, setOpen] = useState<{ unitId: string; periodId: string } | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const [m, c] = await Promise.all([api.call('matrix.get', { view: viewOf(view) }), api.call('coders.list', {})]);
      if (!current) return;
      setMatrix(m);
      setCoders(c);
    });
    return () => {
      current = false;
    };
  }, [run, view, version]);

  const changed = useCallback(() => setVersion((v) => v + 1), []);

  const openEvidence = (documentId: string, excerptId: string) =>
    void run(async () => {
      const list = await api.call('excerpts.list', { documentId });
      const excerpt = list.find((e) => e.id === excerptId);
      if (excerpt) onOpenExcerpt(excerpt);
    });

  const cellOf = (unitId: string, periodId: string) => matrix?.cells.find((c) => c.unitId === unitId && c.periodId === periodId);

  return (
    <section className="matrix-section" aria-labelledby="matrix-heading">
      <h3 id="matrix-heading">Matrix</h3>
      <label className="matrix-view">
        View{' '}
        <select value={view} onChange={(e) => setView(e.target.value)}>
          <option value="pooled">All coders (pooled)</option>
          <option value="consensus">Consensus</option>
          {coders.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <ul className="matrix-legend" aria-label="Legend">
        {framework.outcomes.map((o) => (
          <li key={o.id}>
            <OutcomeSwatch color={o.color} /> {o.name}
          </li>
        ))}
        <li>
          <span className="cell-missing-sample" aria-hidden="true" /> missing
        </li>
        <li>
          <span className="cell-conflict-sample" aria-hidden="true" /> conflict
        </li>
        <li>✓ agreed · ≠ disagreement</li>
      </ul>
      {matrix === null ? (
        <p className="quiet">Loading the matrix…</p>
      ) : (
        <>
          <div className="matrix-scroll">
            <table className="data-table matrix-table" aria-label="Matrix">
              <thead>
                <tr>
                  <th scope="col">Unit</th>
                  {matrix.periods.map((p) => (
                    <th key={p.id} scope="col">
                      {p.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.units.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.name}</th>
                    {matrix.periods.map((p) => {
                      const cell = cellOf(u.id, p.id);
                      const label = cellLabel(cell, framework.outcomes);
                      const mark = agreementMark(cell);
                      const evidence = cell?.evidenceCount ?? 0;
                      const name = `${u.name}, ${p.name}: ${label.text}, evidence ${evidence}${mark ? `, ${mark.label}` : ''}`;
                      return (
                        <td key={p.id} className={`matrix-cell kind-${label.kind}`}>
                          <button
                            type="button"
                            className="cell-button"
                            aria-label={name}
                            onClick={() => setOpen({ unitId: u.id, periodId: p.id })}
                          >
                            <span className="cell-outcome">
                              {label.color && <OutcomeSwatch color={label.color} />}
                              <span className="cell-label">{label.text}</span>
                            </span>
                            <span className="cell-meta">
                              <span className="cell-evidence" title="Evidence">
                                {evidence} ev.
                              </span>
                              {mark && (
                                <span className={mark.symbol === '✓' ? 'cell-agreed' : 'cell-disagreed'} title={mark.label}>
                                  {mark.symbol}
                                </span>
                              )}
                            </span>
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="timelines" role="group" aria-label="Timelines">
            <h4>Timeline per unit</h4>
            {matrix.units.map((u) => (
              <div key={u.id} className="timeline-row">
                <span className="timeline-unit">{u.name}</span>
                <ol className="timeline" aria-label={`${u.name} over time`}>
                  {matrix.periods.map((p) => {
                    const label = cellLabel(cellOf(u.id, p.id), framework.outcomes);
                    return (
                      <li
                        key={p.id}
                        className={`timeline-block kind-${label.kind}`}
                        title={`${p.name}: ${label.text}`}
                        style={label.color ? { backgroundColor: label.color } : undefined}
                      >
                        <span className="visually-hidden">
                          {p.name}: {label.text}
                        </span>
                      </li>
                    );
                  })}
                </ol>
              </div>
            ))}
          </div>
        </>
      )}
      <AgreementSection framework={framework} version={version} onOpenCell={(unitId, periodId) => setOpen({ unitId, periodId })} />
      {open && (
        <CellPanel
          framework={framework}
          unitId={open.unitId}
          periodId={open.periodId}
          onClose={() => setOpen(null)}
          onChanged={changed}
          onOpenEvidence={openEvidence}
        />
      )}
    </section>
  );
}
