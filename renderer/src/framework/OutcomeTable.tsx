// The framework's outcomes: the two-dimension table (the memo's Table 1) or, for other
// frameworks, the list of rules; then a legend with each outcome's meaning.
import type { Framework } from '../../../electron/api/contract';
import { buildOutcomeView, type OutcomeGrid, type OutcomeRuleList } from '../../../electron/framework/outcome-grid';
import { OutcomeSwatch } from './OutcomeSwatch';

export function OutcomeTable({ framework }: { framework: Framework }) {
  const view = buildOutcomeView(framework);
  return (
    <section aria-labelledby="outcomes-heading" className="framework-section">
      <h3 id="outcomes-heading">Outcomes</h3>
      {view.kind === 'grid' ? <Grid grid={view} /> : <RuleList list={view} />}
      <OutcomeLegend framework={framework} />
    </section>
  );
}

function Grid({ grid }: { grid: OutcomeGrid }) {
  return (
    <div className="table-scroll">
      <table className="outcome-grid">
        <caption>Outcome table</caption>
        <thead>
          <tr>
            <td className="corner">
              <span className="visually-hidden">
                {grid.rowDimension.name} by {grid.columnDimension.name}
              </span>
            </td>
            {grid.columns.map((column) => (
              <th key={column.level.id} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.heading.level.id}>
              <th scope="row">{row.heading.label}</th>
              {row.cells.map((outcome, i) => (
                <td key={grid.columns[i]?.level.id ?? i} title={outcome?.meaning}>
                  {outcome ? (
                    <span className="outcome">
                      <OutcomeSwatch color={outcome.color} />
                      {outcome.name}
                    </span>
                  ) : (
                    <span className="quiet">no outcome</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RuleList({ list }: { list: OutcomeRuleList }) {
  if (list.rules.length === 0) return <p className="quiet">This framework has no outcome rules yet.</p>;
  return (
    <ul className="rule-list" aria-label="Outcome rules">
      {list.rules.map((rule, i) => (
        <li key={i} title={rule.outcome?.meaning}>
          <span>{rule.levels.map((l) => l.label).join(', ')}</span>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden"> gives </span>
          {rule.outcome ? (
            <span className="outcome">
              <OutcomeSwatch color={rule.outcome.color} />
              {rule.outcome.name}
            </span>
          ) : (
            <span className="quiet">an outcome this framework no longer has</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function OutcomeLegend({ framework }: { framework: Framework }) {
  if (framework.outcomes.length === 0) return null;
  return (
    <>
      <h4>Legend</h4>
      <dl className="legend">
        {framework.outcomes.map((outcome) => (
          <div key={outcome.id} className="legend-entry">
            <dt className="outcome">
              <OutcomeSwatch color={outcome.color} />
              {outcome.name}
            </dt>
            <dd>{outcome.meaning}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
